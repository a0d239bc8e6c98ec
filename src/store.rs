//! The only code that knows redb: tables, keys, encoding, migrations and the audit log.
//! Every user action that changes data is one durable write transaction.

mod aggregates;
mod audit;
#[cfg(test)]
mod audit_tests;
pub mod backup;
mod bulk;
mod calloff_index;
mod calloffs;
mod check;
mod claim_report;
mod claim_totals;
mod claim_window;
mod competitions;
pub mod contain;
pub mod damage;
mod dependents;
mod drafts;
mod encoding;
mod error;
mod followup;
mod handle;
mod meetings;
mod migrate;
mod open;
mod organisation;
mod penalty_sync;
mod penalty_watch;
mod records;
mod samples;
mod sanctions;
#[cfg(test)]
mod sizes;
mod spend;
mod spend_agg;
pub use spend::{InvoiceImport, ScannedInvoice};
pub use spend_agg::SpendVisit;
mod stale;
mod supplier_stats;
mod tables;

use std::path::{Path, PathBuf};

use redb::{Database, ReadableTable, TableHandle};

use crate::domain::{Agreement, AgreementId};

pub use aggregates::DeviationCounts;
pub use audit::{AuditEntry, AuditVerdict, RecordIssue, RecordProblem};
pub use backup::{BackupReport, Daily, Snapshot};
pub use check::CheckReport;
pub use claim_report::SupplierClaims;
pub use claim_totals::{ClaimCount, ClaimsToMake};
pub use claim_window::ClaimStep;
pub use dependents::Dependents;

pub use calloff_index::{
    CallOffIndex, IndexEntry, OUTCOME_COMPLIANT, OUTCOME_DEVIATION, OUTCOME_NOT_ASSESSED, Placed,
    lot_key, supplier_key,
};
pub use calloffs::{
    Awaited, CallOffAgreements, CallOffRow, ImportCount, PROGRESS_EVERY, Progress, request_key,
};
pub use drafts::{DraftField, FormDraft};
pub use error::{ReadOnlyWhy, StoreError};
use migrate::Version;
pub use open::set_cache_bytes;
pub use sanctions::SyncCount;
use tables::{AGREEMENT_BY_REF, AGREEMENT_MONEY, AGREEMENTS};

/// The schema this build writes. Older files are migrated on open (after a copy is
/// kept); newer files are refused.
pub const SCHEMA_VERSION: u32 = 7;

pub struct Store {
    db: std::sync::Arc<handle::Handle>,
    path: PathBuf,
    /// Who the audit log names for changes made through this handle.
    actor: String,
}

impl Store {
    /// Opens the database at `path`, creating it (mode 0600) when it does not exist or is
    /// empty. Refuses, leaving the file as it was: a file that is not an avtal database, a
    /// damaged one, one another process has open, one from a newer avtal. A file from an
    /// older avtal is copied to `<path>.schema-v<N>.bak` and then migrated.
    /// Gives the file's free pages back to the file system (after a bulk load, which
    /// leaves many: a demo or an import of many call-offs). Nothing to do on a file opened
    /// for reading, or while a snapshot of this store is still held.
    pub fn compact(&mut self) {
        if let Some(handle::Handle::Writable(db)) = std::sync::Arc::get_mut(&mut self.db) {
            open::compact(db);
        }
    }

    pub fn open(path: &Path) -> Result<Store, StoreError> {
        match Self::open_writable(path) {
            // A file we may only read (another user's, immutable, on a read-only mount or
            // a write-protected stick) is opened for reading: lists, reports, check and
            // backup work, and each change is refused in words.
            Err(StoreError::ReadOnly { .. })
                if matches!(open::inspect(path), Ok(open::Found::Redb)) =>
            {
                Self::open_read_only(path)
            }
            other => other,
        }
    }

    fn open_writable(path: &Path) -> Result<Store, StoreError> {
        let actor = default_actor();
        // Asked before the open, which writes redb's header.
        let damaged = damage::marked(path);
        let db = match open::inspect(path)? {
            open::Found::Nothing => {
                open::create_in_place_of(path, |tmp| {
                    let db = open::create(tmp)?;
                    migrate::initialise(&db)?;
                    Ok(())
                })?;
                open_existing(path, &actor)?
            }
            open::Found::Redb => open_existing(path, &actor)?,
        };
        // Only now, with the file ours: what a killed avtal left beside it goes.
        stale::clean(path);
        // Files from before the aggregates get them built once (see `aggregates`).
        aggregates::ensure(&db)?;
        claim_totals::ensure(&db)?;
        claim_report::ensure(&db)?;
        // A file `check` found damaged is read, never written, until it is replaced.
        let db = if damaged {
            handle::Handle::Damaged(db, path.to_path_buf())
        } else {
            handle::Handle::Writable(db)
        };
        Ok(Store {
            db: std::sync::Arc::new(db),
            path: path.to_path_buf(),
            actor,
        })
    }

    /// Opens a file of this schema for reading only. Anything that would need a write
    /// first (a repair, a migration, tables this build adds) is refused in words.
    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let needs = |why| StoreError::ReadOnlyNeedsWrite {
            path: path.to_path_buf(),
            why,
        };
        let db = open::probe(path)?.ok_or_else(|| needs(ReadOnlyWhy::NeedsRepair))?;
        match migrate::read_version(&db)? {
            Version::Schema(SCHEMA_VERSION) => {}
            Version::Schema(found) if found > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    path: path.to_path_buf(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            Version::Foreign => return Err(StoreError::NotADatabase(path.to_path_buf())),
            Version::Schema(_) | Version::Blank => return Err(needs(ReadOnlyWhy::OlderSchema)),
        }
        if !every_table_present(&db)? {
            return Err(needs(ReadOnlyWhy::OlderSchema));
        }
        Ok(Store {
            db: std::sync::Arc::new(handle::Handle::ReadOnly(db)),
            path: path.to_path_buf(),
            actor: default_actor(),
        })
    }

    /// Whether the register was opened for reading only (the file may not be written).
    pub fn is_read_only(&self) -> bool {
        self.db.is_read_only()
    }

    /// Another handle on the same open database, for reading on a background thread
    /// (redb allows reads alongside a write from any thread).
    pub fn share(&self) -> Store {
        Store {
            db: self.db.clone(),
            path: self.path.clone(),
            actor: self.actor.clone(),
        }
    }

    /// The sequence number of the last change recorded (every change writes an audit
    /// entry): equal numbers mean nothing was changed in between.
    pub fn last_change(&self) -> Result<u64, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(tables::AUDIT)?;
        let last = table.last()?.map_or(0, |(k, _)| k.value());
        Ok(last)
    }

    /// Write transactions begun in this process: a view may keep what it read while this
    /// is unchanged (no other process writes while one has the file open).
    pub fn writes(&self) -> u64 {
        handle::writes()
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
        let money = txn.open_table(AGREEMENT_MONEY)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (_, v) = row?;
            let mut a = records::agreement::decode(v.value())?;
            *a.money = spend::terms(&money, a.id)?;
            out.push(a);
        }
        Ok(out)
    }

    pub fn agreement(&self, id: AgreementId) -> Result<Option<Agreement>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AGREEMENTS)?;
        let Some(mut a) = table
            .get(id.0)?
            .map(|v| records::agreement::decode(v.value()))
            .transpose()?
        else {
            return Ok(None);
        };
        *a.money = spend::terms(&txn.open_table(AGREEMENT_MONEY)?, a.id)?;
        Ok(Some(a))
    }

    pub fn agreement_by_reference(&self, reference: &str) -> Result<Option<Agreement>, StoreError> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(AGREEMENT_BY_REF)?;
        let Some(id) = index.get(reference)?.map(|v| v.value()) else {
            return Ok(None);
        };
        let table = txn.open_table(AGREEMENTS)?;
        let Some(mut a) = table
            .get(id)?
            .map(|v| records::agreement::decode(v.value()))
            .transpose()?
        else {
            return Ok(None);
        };
        *a.money = spend::terms(&txn.open_table(AGREEMENT_MONEY)?, a.id)?;
        Ok(Some(a))
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
            let id = AgreementId(take_ids(&txn, &table, 1)?);
            let mut stored = agreement.clone();
            stored.id = id;
            table.insert(
                id.0,
                encoding::checked(records::agreement::encode(&stored), &stored.reference)?
                    .as_slice(),
            )?;
            index.insert(stored.reference.as_str(), id.0)?;
            spend::write_terms(&txn, &stored)?;
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
                Some(v) => records::agreement::decode(v.value())?,
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
                encoding::checked(records::agreement::encode(agreement), &agreement.reference)?
                    .as_slice(),
            )?;

            calloffs::refresh_agreement(&txn, agreement)?;
            spend::write_terms(&txn, agreement)?;
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
            let mut old = match table.remove(id.0)? {
                Some(v) => records::agreement::decode(v.value())?,
                None => return Err(StoreError::NotFound(format!("#{}", id.0))),
            };
            index.remove(old.reference.as_str())?;
            *old.money = spend::remove_terms(&txn, id)?;
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
            // Ids are never reused (see `take_ids`), so a taken id means this agreement was
            // restored already or never deleted; overwriting would orphan the other's index.
            if agreement.id.0 == 0 || table.get(agreement.id.0)?.is_some() {
                return Err(StoreError::IdInUse(agreement.id.0));
            }
            table.insert(
                agreement.id.0,
                encoding::checked(records::agreement::encode(agreement), &agreement.reference)?
                    .as_slice(),
            )?;
            index.insert(agreement.reference.as_str(), agreement.id.0)?;
            calloffs::refresh_agreement(&txn, agreement)?;
            spend::write_terms(&txn, agreement)?;
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
    /// is already in the register replaces that one (keeping its id); a reference named twice
    /// in `agreements` refuses the whole import (`DuplicateReference`). Returns, per input,
    /// its id and whether it was new.
    pub fn import_agreements(
        &self,
        agreements: &[Agreement],
    ) -> Result<Vec<(AgreementId, bool)>, StoreError> {
        let now =
            time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
        self.import_agreements_on(agreements, now.date())
    }

    /// [`Store::import_agreements`] on the day `today`: an agreement already stored keeps
    /// its history, and what the import changes (a ranking, a supplier taken out) is added
    /// to it as ending that day, so earlier call-offs keep their outcomes (DESIGN §4).
    pub fn import_agreements_on(
        &self,
        agreements: &[Agreement],
        today: time::Date,
    ) -> Result<Vec<(AgreementId, bool)>, StoreError> {
        let txn = self.db.begin_write()?;
        let mut out = Vec::with_capacity(agreements.len());
        {
            let mut table = txn.open_table(AGREEMENTS)?;
            let mut index = txn.open_table(AGREEMENT_BY_REF)?;
            // One file naming a reference twice is a mistake in the file, not two versions
            // of one agreement to pick between.
            let mut seen = std::collections::BTreeSet::new();
            if let Some(twice) = agreements
                .iter()
                .find(|a| !seen.insert(a.reference.as_str()))
            {
                return Err(StoreError::DuplicateReference(twice.reference.clone()));
            }
            let mut new_count = 0;
            for a in agreements {
                if index.get(a.reference.as_str())?.is_none() {
                    new_count += 1;
                }
            }
            let mut next = take_ids(&txn, &table, new_count)?;
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
                if !new {
                    let before = match table.get(id)? {
                        Some(v) => records::agreement::decode(v.value())?,
                        None => return Err(StoreError::NotFound(stored.reference.clone())),
                    };
                    stored.record_changes(&before, today);
                }
                table.insert(
                    id,
                    encoding::checked(records::agreement::encode(&stored), &stored.reference)?
                        .as_slice(),
                )?;
                index.insert(stored.reference.as_str(), id)?;
                spend::write_terms(&txn, &stored)?;
                if !new {
                    calloffs::refresh_agreement(&txn, &stored)?;
                }
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

    /// Checks every stored agreement against the latest audit entry for its reference (a
    /// record changed behind the log's back shows) and against the reference index. Empty
    /// when all is well. Trust it only when [`Store::verify_audit`] says the chain is intact.
    pub fn verify_records(&self) -> Result<Vec<RecordProblem>, StoreError> {
        let txn = self.db.begin_read()?;
        audit::verify_records(&txn)
    }
}

/// Opens a redb-signed file: reads its schema version first without writing (a read-only
/// handle never changes the file), then opens it for writing and migrates if it is older.
fn open_existing(path: &Path, actor: &str) -> Result<Database, StoreError> {
    // A read-only open refuses a file that needs repair; only then is it opened for writing
    // (which repairs it, or restores it byte for byte if the repair fails) to read the version.
    let (version, handle) = match open::probe(path)? {
        Some(ro) => (migrate::read_version(&ro)?, None),
        None => {
            let db = open::open_for_writing(path)?;
            (migrate::read_version(&db)?, Some(db))
        }
    };
    match version {
        Version::Foreign => Err(StoreError::NotADatabase(path.to_path_buf())),
        Version::Schema(found) if found > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        }),
        Version::Schema(found) if found < SCHEMA_VERSION => {
            // The copy is taken while no handle is open (a clean close wrote the file's final
            // state), so it is a plain, consistent file: copying an open file risks a copy
            // that needs repair, and copying table by table would not be the file the user had.
            drop(handle);
            let backup = open::copy_aside(path, &format!("schema-v{found}.bak"))?;
            let db = open::open_for_writing(path)?;
            match migrate::run(&db, found, actor) {
                Ok(()) => {
                    // A migration rewrites most pages of a large file: give the old
                    // ones back rather than keep a file twice its size.
                    let mut db = db;
                    open::compact(&mut db);
                    Ok(db)
                }
                Err(mut detail) => {
                    // The migration's transaction was never committed, but opening and
                    // closing for writing still rewrites redb's header; the copy makes the
                    // file exactly what the user had.
                    drop(db);
                    if let Err(e) = open::put_back(&backup, path) {
                        detail = format!("{detail}; {e}");
                    }
                    Err(StoreError::Migration {
                        path: path.to_path_buf(),
                        from: found,
                        to: SCHEMA_VERSION,
                        backup,
                        detail,
                    })
                }
            }
        }
        Version::Blank => {
            let db = match handle {
                Some(db) => db,
                None => open::open_for_writing(path)?,
            };
            migrate::initialise(&db)?;
            Ok(db)
        }
        Version::Schema(_) => {
            let db = match handle {
                Some(db) => db,
                None => open::open_for_writing(path)?,
            };
            // Tables added without a schema change are created here, in a write only when
            // one is missing: opening a file to read it (a backup, a check) writes nothing,
            // so it works on a full disk.
            if !every_table_present(&db)? {
                let txn = db.begin_write()?;
                migrate::create_tables(&txn)?;
                txn.commit()?;
            }
            Ok(db)
        }
    }
}

/// Whether the file has every table this build uses (and so the call-off index built
/// along with its table).
fn every_table_present(db: &impl redb::ReadableDatabase) -> Result<bool, StoreError> {
    let txn = db.begin_read()?;
    let present: std::collections::HashSet<String> =
        txn.list_tables()?.map(|h| h.name().to_string()).collect();
    Ok(tables::ALL.iter().all(|t| present.contains(t.name())))
}

/// Reserves `count` fresh agreement ids and returns the first. Ids only grow, even past
/// deletions, so an undo of a delete can put an agreement back under its old id without
/// meeting a newer one there. The high-water mark lives in `meta` (a file without it falls
/// back to the largest id in use).
fn take_ids(
    txn: &redb::WriteTransaction,
    table: &redb::Table<u64, &[u8]>,
    count: u64,
) -> Result<u64, StoreError> {
    let mut meta = txn.open_table(tables::META)?;
    let recorded = match meta.get(NEXT_AGREEMENT_ID)? {
        Some(v) => encoding::decode_u64(v.value()).map_err(|detail| StoreError::Corrupt {
            what: format!("meta.{NEXT_AGREEMENT_ID}"),
            detail,
        })?,
        None => 1,
    };
    let after_last = table.last()?.map(|(k, _)| k.value()).unwrap_or(0) + 1;
    let first = recorded.max(after_last);
    meta.insert(
        NEXT_AGREEMENT_ID,
        encoding::encode_u64(first + count).as_slice(),
    )?;
    Ok(first)
}

const NEXT_AGREEMENT_ID: &str = "next_agreement_id";

/// The OS user, for the audit log.
fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "?".to_string())
}
