//! The organisation's own details (see `domain::organisation`), one record in `meta`.

use crate::domain::organisation::Organisation;

use super::records;
use super::tables::META;
use super::{Store, StoreError, audit};

const ORGANISATION: &str = "organisation";

impl Store {
    /// The organisation's details; empty until set.
    pub fn organisation(&self) -> Result<Organisation, StoreError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let found = meta.get(ORGANISATION)?;
        found
            .map(|v| records::decode(v.value(), "organisation"))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    pub fn save_organisation(&self, o: &Organisation) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(META)?
            .insert(ORGANISATION, records::encode(o).as_slice())?;
        audit::append(&txn, &self.actor, "organisation.save", &o.name, o)?;
        txn.commit()?;
        Ok(())
    }
}
