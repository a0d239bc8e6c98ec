//! `avtal check`: the file (redb's own integrity check, then every row of every table
//! read), the schema version, the audit chain and the records against the log.

use redb::{MultimapTableHandle, TableHandle};

use super::audit::{self, AuditVerdict, RecordProblem};
use super::handle::Handle;
use super::migrate::Version;
use super::tables::ALL;
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
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_none()
            && self.unknown_tables.is_empty()
            && self.schema == Some(SCHEMA_VERSION)
            && self.audit.is_intact()
            && self.records.is_empty()
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
            Some(Handle::Writable(db)) => match db.check_integrity() {
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
        let mut tables = Vec::with_capacity(ALL.len());
        for table in ALL {
            tables.push((table.name().to_string(), table.count_rows(&txn)?));
        }
        let mut unknown_tables: Vec<String> = txn
            .list_tables()?
            .map(|h| h.name().to_string())
            .filter(|n| !ALL.iter().any(|t| t.name() == n))
            .collect();
        unknown_tables.extend(txn.list_multimap_tables()?.map(|h| h.name().to_string()));
        let audit = audit::verify(&txn)?;
        let records = audit::verify_records(&txn)?;
        Ok(CheckReport {
            integrity,
            tables,
            unknown_tables,
            schema,
            audit,
            records,
        })
    }
}
