//! The only code that knows redb: tables, keys, encoding, migrations and the audit log.
//! Every user action that changes data is one durable write transaction.

mod audit;
mod encoding;
mod tables;

use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable};

use crate::domain::{Agreement, AgreementId};
use crate::i18n::Catalog;
use crate::tr;

pub use audit::{AuditEntry, AuditVerdict};
use tables::{AGREEMENT_BY_REF, AGREEMENTS, META};

/// The schema this build writes. Older files are migrated on open (after a copy is
/// kept); newer files are refused.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug)]
pub enum StoreError {
    /// Another process (or handle) has the file open.
    AlreadyOpen(PathBuf),
    /// The file exists but is not a redb database.
    NotADatabase(PathBuf),
    /// The file is a redb database but cannot be read (truncated or damaged).
    Damaged {
        path: PathBuf,
        detail: String,
    },
    /// Written by a newer avtal.
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// A record could not be decoded.
    Corrupt {
        what: String,
        detail: String,
    },
    /// An agreement with this reference is already in the register.
    DuplicateReference(String),
    NotFound(String),
    Io {
        path: PathBuf,
        detail: String,
    },
    /// Any other storage failure, with redb's own words.
    Storage(String),
}

impl StoreError {
    /// The error in the user's language.
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            StoreError::AlreadyOpen(p) => tr!(cat, "store.already_open", path = p.display()),
            StoreError::NotADatabase(p) => tr!(cat, "store.not_a_database", path = p.display()),
            StoreError::Damaged { path, detail } => {
                tr!(cat, "store.damaged", path = path.display(), detail = detail)
            }
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => tr!(
                cat,
                "store.newer_schema",
                path = path.display(),
                found = found,
                supported = supported
            ),
            StoreError::Corrupt { what, detail } => {
                tr!(cat, "store.corrupt", what = what, detail = detail)
            }
            StoreError::DuplicateReference(r) => {
                tr!(cat, "store.duplicate_reference", reference = r)
            }
            StoreError::NotFound(what) => tr!(cat, "store.not_found", what = what),
            StoreError::Io { path, detail } => {
                tr!(cat, "store.io", path = path.display(), detail = detail)
            }
            StoreError::Storage(detail) => tr!(cat, "store.storage", detail = detail),
        }
    }
}

impl From<redb::Error> for StoreError {
    fn from(e: redb::Error) -> Self {
        StoreError::Storage(e.to_string())
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Storage(e.to_string())
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

pub struct Store {
    db: Database,
    path: PathBuf,
    /// Who the audit log names for changes made through this handle.
    actor: String,
}

impl Store {
    /// Opens the database at `path`, creating it (mode 0600) when it does not exist.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = if path.exists() {
            Database::builder()
                .set_cache_size(32 * 1024 * 1024)
                .open(path)
                .map_err(|e| open_error(path, e))?
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                    path: dir.to_path_buf(),
                    detail: e.to_string(),
                })?;
            }
            Database::builder()
                .set_cache_size(32 * 1024 * 1024)
                .create(path)
                .map_err(|e| open_error(path, e))?
        };
        let store = Store {
            db,
            path: path.to_path_buf(),
            actor: default_actor(),
        };
        store.ensure_schema()?;
        Ok(store)
    }

    fn ensure_schema(&self) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut meta = txn.open_table(META)?;
            let found = match meta.get("schema_version")? {
                Some(v) => {
                    encoding::decode_u32(v.value()).map_err(|detail| StoreError::Corrupt {
                        what: "meta.schema_version".into(),
                        detail,
                    })?
                }
                None => SCHEMA_VERSION,
            };
            if found > SCHEMA_VERSION {
                return Err(StoreError::NewerSchema {
                    path: self.path.clone(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            meta.insert(
                "schema_version",
                encoding::encode_u32(SCHEMA_VERSION).as_slice(),
            )?;
            txn.open_table(AGREEMENTS)?;
            txn.open_table(AGREEMENT_BY_REF)?;
            txn.open_table(tables::AUDIT)?;
        }
        txn.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// Every agreement, in id order.
    pub fn agreements(&self) -> Result<Vec<Agreement>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AGREEMENTS)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (_, v) = row?;
            out.push(encoding::decode_agreement(v.value())?);
        }
        Ok(out)
    }

    pub fn agreement(&self, id: AgreementId) -> Result<Option<Agreement>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AGREEMENTS)?;
        table
            .get(id.0)?
            .map(|v| encoding::decode_agreement(v.value()))
            .transpose()
    }

    pub fn agreement_by_reference(&self, reference: &str) -> Result<Option<Agreement>, StoreError> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(AGREEMENT_BY_REF)?;
        let Some(id) = index.get(reference)?.map(|v| v.value()) else {
            return Ok(None);
        };
        let table = txn.open_table(AGREEMENTS)?;
        table
            .get(id)?
            .map(|v| encoding::decode_agreement(v.value()))
            .transpose()
    }

    /// Stores a new agreement and returns its id; refuses a reference already in use.
    pub fn insert_agreement(&self, agreement: &Agreement) -> Result<AgreementId, StoreError> {
        let txn = self.db.begin_write()?;
        let id = {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            if index.get(agreement.reference.as_str())?.is_some() {
                return Err(StoreError::DuplicateReference(agreement.reference.clone()));
            }
            let id = AgreementId(table.last()?.map(|(k, _)| k.value()).unwrap_or(0) + 1);
            let mut stored = agreement.clone();
            stored.id = id;
            table.insert(id.0, encoding::encode_agreement(&stored).as_slice())?;
            index.insert(stored.reference.as_str(), id.0)?;
            audit::append(
                &txn,
                &self.actor,
                "agreement.create",
                &stored.reference,
                &stored,
            )?;
            id
        };
        txn.commit()?;
        Ok(id)
    }

    /// Replaces a stored agreement (matched by id); the reference may change if it stays unique.
    pub fn update_agreement(&self, agreement: &Agreement) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            let old = match table.get(agreement.id.0)? {
                Some(v) => encoding::decode_agreement(v.value())?,
                None => return Err(StoreError::NotFound(agreement.reference.clone())),
            };
            if old.reference != agreement.reference {
                if index.get(agreement.reference.as_str())?.is_some() {
                    return Err(StoreError::DuplicateReference(agreement.reference.clone()));
                }
                index.remove(old.reference.as_str())?;
                index.insert(agreement.reference.as_str(), agreement.id.0)?;
            }
            table.insert(
                agreement.id.0,
                encoding::encode_agreement(agreement).as_slice(),
            )?;
            audit::append(
                &txn,
                &self.actor,
                "agreement.update",
                &agreement.reference,
                agreement,
            )?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Removes an agreement and returns it, so the caller can offer undo.
    pub fn delete_agreement(&self, id: AgreementId) -> Result<Agreement, StoreError> {
        let txn = self.db.begin_write()?;
        let old = {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            let old = match table.remove(id.0)? {
                Some(v) => encoding::decode_agreement(v.value())?,
                None => return Err(StoreError::NotFound(format!("#{}", id.0))),
            };
            index.remove(old.reference.as_str())?;
            audit::append(&txn, &self.actor, "agreement.delete", &old.reference, &old)?;
            old
        };
        txn.commit()?;
        Ok(old)
    }

    /// Puts a deleted agreement back under its old id (undo of delete).
    pub fn restore_agreement(&self, agreement: &Agreement) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            if index.get(agreement.reference.as_str())?.is_some() {
                return Err(StoreError::DuplicateReference(agreement.reference.clone()));
            }
            table.insert(
                agreement.id.0,
                encoding::encode_agreement(agreement).as_slice(),
            )?;
            index.insert(agreement.reference.as_str(), agreement.id.0)?;
            audit::append(
                &txn,
                &self.actor,
                "agreement.restore",
                &agreement.reference,
                agreement,
            )?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Stores many agreements in one transaction: all or none. An agreement whose reference
    /// is already in the register replaces that one (keeping its id). Returns, per input,
    /// its id and whether it was new.
    pub fn import_agreements(
        &self,
        agreements: &[Agreement],
    ) -> Result<Vec<(AgreementId, bool)>, StoreError> {
        let txn = self.db.begin_write()?;
        let mut out = Vec::with_capacity(agreements.len());
        {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            let mut next = table.last()?.map(|(k, _)| k.value()).unwrap_or(0) + 1;
            for a in agreements {
                let existing = index.get(a.reference.as_str())?.map(|v| v.value());
                let (id, new) = match existing {
                    Some(id) => (id, false),
                    None => {
                        next += 1;
                        (next - 1, true)
                    }
                };
                let mut stored = a.clone();
                stored.id = AgreementId(id);
                table.insert(id, encoding::encode_agreement(&stored).as_slice())?;
                index.insert(stored.reference.as_str(), id)?;
                let action = if new {
                    "agreement.import"
                } else {
                    "agreement.reimport"
                };
                audit::append(&txn, &self.actor, action, &stored.reference, &stored)?;
                out.push((AgreementId(id), new));
            }
        }
        txn.commit()?;
        Ok(out)
    }

    /// Every audit entry in order.
    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let txn = self.db.begin_read()?;
        audit::entries(&txn)
    }

    /// Walks the audit chain and says whether every entry is intact.
    pub fn verify_audit(&self) -> Result<AuditVerdict, StoreError> {
        let txn = self.db.begin_read()?;
        audit::verify(&txn)
    }
}

fn open_error(path: &Path, e: redb::DatabaseError) -> StoreError {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::AlreadyOpen(path.to_path_buf()),
        other => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

/// The OS user, for the audit log.
fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "?".to_string())
}
