//! `avtal check`: the file (redb's own integrity check, then every row of every table
//! read), the schema version, the audit chain and the records against the log.

use redb::{MultimapTableHandle, TableHandle};

use super::audit::{self, AuditVerdict, RecordProblem};
use super::contain::contain;
use super::handle::Handle;
use super::migrate::Version;
use super::tables::{AGREEMENTS, ALL, AUDIT};
use super::{SCHEMA_VERSION, Store, StoreError};

/// What [`Store::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// redb's integrity check: None when the file passed; otherwise what redb said (a file
    /// redb had to repair counts as a finding even though it is readable again).
    pub integrity: Option<String>,
    /// Rows read per table, in the order of `tables::ALL`.
    pub tables: Vec<(String, u64)>,
    /// Tables in the file that this avtal does not know.
    pub unknown_tables: Vec<String>,
    /// The schema version found in `meta` (None when it cannot be read).
    pub schema: Option<u32>,
    pub audit: AuditVerdict,
    pub records: Vec<RecordProblem>,
    /// Tables (or the log, the records) that could not be read, with what redb met.
    pub unreadable: Vec<(String, String)>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_none()
            && self.unknown_tables.is_empty()
            && self.schema == Some(SCHEMA_VERSION)
            && self.audit.is_intact()
            && self.records.is_empty()
            && self.unreadable.is_empty()
    }

    pub fn records_total(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

impl Store {
    /// Checks everything that can be checked from inside the file. Needs `&mut`: redb's
    /// integrity check wants no transaction open on the handle. On a file with a damaged
    /// page redb repairs what it can (back to the last good commit) and says so; that is
    /// reported, never hidden.
    pub fn check(&mut self) -> Result<CheckReport, StoreError> {
        let integrity = match std::sync::Arc::get_mut(&mut self.db) {
            Some(Handle::Writable(db) | Handle::Damaged(db, _)) => match db.check_integrity() {
                Ok(true) => None,
                Ok(false) => Some("repaired".to_string()),
                Err(e) => Some(e.to_string()),
            },
            // redb checks only what it may repair; a file opened for reading is checked by
            // reading every row of every table below (`count_rows`), which fails on a
            // damaged page.
            Some(Handle::ReadOnly(_)) => None,
            // A handle shared with a background reader cannot be checked (redb wants no
            // transaction open); the command line never shares one.
            None => Some("in use".to_string()),
        };
        let schema = match self.db.read_version() {
            Ok(Version::Schema(v)) => Some(v),
            _ => None,
        };
        let txn = self.db.begin_read()?;
        // Each table is read on its own: a damaged page in one is named, and the others are
        // still checked.
        let mut unreadable = Vec::new();
        let mut read = |what: &str, f: &mut dyn FnMut() -> Result<(), StoreError>| match contain(
            &self.path, what, f,
        ) {
            Err(StoreError::Unreadable { detail, .. }) => {
                unreadable.push((what.to_string(), detail));
                Ok(())
            }
            other => other,
        };
        let mut tables = Vec::with_capacity(ALL.len());
        for table in ALL {
            let mut rows = 0;
            read(table.name(), &mut || {
                rows = table.count_rows(&txn)?;
                Ok(())
            })?;
            tables.push((table.name().to_string(), rows));
        }
        let mut unknown_tables: Vec<String> = txn
            .list_tables()?
            .map(|h| h.name().to_string())
            .filter(|n| !ALL.iter().any(|t| t.name() == n))
            .collect();
        unknown_tables.extend(txn.list_multimap_tables()?.map(|h| h.name().to_string()));
        let mut audit = AuditVerdict::Unreadable;
        read(AUDIT.name(), &mut || {
            audit = audit::verify(&txn)?;
            Ok(())
        })?;
        let mut records = Vec::new();
        read(AGREEMENTS.name(), &mut || {
            records = audit::verify_records(&txn)?;
            Ok(())
        })?;
        Ok(CheckReport {
            integrity,
            tables,
            unknown_tables,
            schema,
            audit,
            records,
            unreadable,
        })
    }
}
