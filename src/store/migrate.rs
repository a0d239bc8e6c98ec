//! Schema versions and the steps between them.
//!
//! The version lives in `meta.schema_version`. Each [`Step`] lifts a file from `from` to
//! `from + 1`; they run in order, all in one write transaction, so a file is either fully
//! migrated or not changed at all. A later schema appends a step and raises
//! [`SCHEMA_VERSION`](super::SCHEMA_VERSION); steps already released are never edited.
//!
//! Schema history:
//! - 1: `meta`, `agreements` (and possibly `audit`).
//! - 2: adds `agreement_by_ref`, the reference → id index.
//! - 3: a call-off is its agreement's and its reference's (DESIGN §6): `calloff_agreement`
//!   (reference → the one agreement) becomes `calloff_agreements` ((reference, agreement)
//!   → ()), and requests, awaited requests and competitions are keyed by agreement first
//!   (`calloff_requests`, `awaited_requests`, `calloff_competitions`); a request names its
//!   agreement (record version 2).
//! - 4: call-off rows and requests in compact record versions that leave out what their
//!   keys hold (`records`), about half the bytes of a large register.
//! - 5: adds `agreement_money`, `ledger` and `invoices`: the money terms of agreements,
//!   accounts-payable rows and Peppol documents (`spend`).
//! - 6: adds `invoice_samples`: invoice samples for manual review (`samples`).
//! - 7: the spend aggregates as rows of a month's days and a year's months instead of a
//!   row per day (`spend_agg`): a quarter of the rows at a million postings. Derived, so
//!   the old tables are dropped and the new ones built from the ledger and documents.

use std::collections::BTreeMap;

use redb::{
    Database, ReadableDatabase, ReadableTable, TableDefinition, TableError, WriteTransaction,
};

use super::tables::{
    AGREEMENT_BY_REF, AGREEMENTS, AUDIT, AWAITED, CALLOFF_AGREEMENTS, CALLOFF_ROWS, COMPETITIONS,
    META, REQUESTS,
};
use super::{SCHEMA_VERSION, StoreError, audit, encoding};
use crate::domain::competition::Competition;

const VERSION_KEY: &str = "schema_version";

/// What a file says about itself, read without writing to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// A redb file with no tables at all: created, but killed before its first commit.
    Blank,
    /// A redb file with tables but no `meta`: another program's database.
    Foreign,
    Schema(u32),
}

/// One step of the upgrade path, from `from` to `from + 1`.
pub struct Step {
    pub from: u32,
    /// For the audit log and error messages.
    pub what: &'static str,
    pub run: fn(&WriteTransaction, &str) -> Result<(), StoreError>,
}

/// Every step, in order: `STEPS[i].from == i + 1` (a test holds this).
pub const STEPS: &[Step] = &[
    Step {
        from: 1,
        what: "index agreements by reference",
        run: v1_to_v2,
    },
    Step {
        from: 2,
        what: "key call-offs' requests and competitions by agreement",
        run: v2_to_v3,
    },
    Step {
        from: 3,
        what: "store call-offs and requests compactly",
        run: compact_records::v3_to_v4,
    },
    Step {
        from: 4,
        what: "add the tables of invoices, the ledger and agreements' money terms",
        run: v4_to_v5,
    },
    Step {
        from: 5,
        what: "add the table of invoice samples",
        run: v5_to_v6,
    },
    Step {
        from: 6,
        what: "keep the spend aggregates by month and year",
        run: v6_to_v7,
    },
];

/// The new tables start empty: no agreement had money terms before, no invoice was held.
fn v4_to_v5(txn: &WriteTransaction, _actor: &str) -> Result<(), StoreError> {
    txn.open_table(super::tables::AGREEMENT_MONEY)?;
    txn.open_table(super::tables::LEDGER)?;
    txn.open_table(super::tables::INVOICES)?;
    super::spend_agg::create(txn)?;
    Ok(())
}

/// No sample was drawn before: the table starts empty.
fn v5_to_v6(txn: &WriteTransaction, _actor: &str) -> Result<(), StoreError> {
    txn.open_table(super::tables::INVOICE_SAMPLES)?;
    Ok(())
}

/// The spend aggregates of schemas 5 and 6: a row per day or month.
const SPEND_V6: [TableDefinition<(&str, i32, &str), i64>; 4] = [
    TableDefinition::new("agg_spend_supplier_days"),
    TableDefinition::new("agg_spend_supplier_months"),
    TableDefinition::new("agg_spend_account_days"),
    TableDefinition::new("agg_spend_account_months"),
];

/// The aggregates are derived from the ledger and documents: dropped and built again.
fn v6_to_v7(txn: &WriteTransaction, _actor: &str) -> Result<(), StoreError> {
    for table in SPEND_V6 {
        txn.delete_table(table)?;
    }
    super::spend_agg::rebuild(txn)
}

mod compact_records;
#[cfg(test)]
mod compact_records_tests;

pub fn read_version(db: &impl ReadableDatabase) -> Result<Version, StoreError> {
    let txn = db.begin_read()?;
    let meta = match txn.open_table(META) {
        Ok(meta) => meta,
        Err(TableError::TableDoesNotExist(_)) => {
            let blank =
                txn.list_tables()?.next().is_none() && txn.list_multimap_tables()?.next().is_none();
            return Ok(if blank {
                Version::Blank
            } else {
                Version::Foreign
            });
        }
        Err(e) => return Err(e.into()),
    };
    let corrupt = |detail: String| StoreError::Corrupt {
        what: format!("meta.{VERSION_KEY}"),
        detail,
    };
    match meta.get(VERSION_KEY)? {
        Some(v) => encoding::decode_u32(v.value())
            .map(Version::Schema)
            .map_err(corrupt),
        // Every version wrote the key in the transaction that created `meta`.
        None => Err(corrupt("missing".into())),
    }
}

/// Makes a blank file a database of the current schema.
pub fn initialise(db: &Database) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        meta.insert(VERSION_KEY, encoding::encode_u32(SCHEMA_VERSION).as_slice())?;
    }
    create_tables(&txn)?;
    txn.commit()?;
    Ok(())
}

/// Runs every step from `found` up to the current schema, in one transaction. On error the
/// transaction is dropped, so the file is as it was.
pub fn run(db: &Database, found: u32, actor: &str) -> Result<(), String> {
    let txn = db.begin_write().map_err(|e| e.to_string())?;
    for step in STEPS.iter().filter(|s| s.from >= found) {
        (step.run)(&txn, actor).map_err(|e| format!("{} → {}: {e}", step.from, step.from + 1))?;
        let to = step.from + 1;
        audit::append(
            &txn,
            actor,
            "schema.migrate",
            &format!("{} → {to}: {}", step.from, step.what),
            // Logged as numbers of bincode, which writes a u32 as it writes a u64.
            &(u64::from(step.from), u64::from(to)),
        )
        .map_err(|e| e.to_string())?;
    }
    {
        let mut meta = txn.open_table(META).map_err(|e| e.to_string())?;
        meta.insert(VERSION_KEY, encoding::encode_u32(SCHEMA_VERSION).as_slice())
            .map_err(|e| e.to_string())?;
    }
    create_tables(&txn).map_err(|e| e.to_string())?;
    txn.commit().map_err(|e| e.to_string())
}

/// Opens every table of the current schema, creating those that are missing.
pub fn create_tables(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(META)?;
    txn.open_table(AGREEMENTS)?;
    txn.open_table(AGREEMENT_BY_REF)?;
    txn.open_table(AUDIT)?;
    // Tables added without a change of schema: they start empty, which is what an older
    // file has of them.
    txn.open_table(super::tables::CALLOFF_ROWS)?;
    txn.open_table(super::tables::CALLOFF_AGREEMENTS)?;
    super::calloff_index::backfill(txn)?;
    txn.open_table(super::tables::REQUESTS)?;
    txn.open_table(super::tables::AWAITED)?;
    txn.open_table(super::tables::DEVIATIONS)?;
    txn.open_table(super::tables::COMPETITIONS)?;
    txn.open_table(super::tables::MODELS)?;
    txn.open_table(super::tables::PURCHASES)?;
    txn.open_table(super::tables::DECISIONS)?;
    txn.open_table(super::tables::MEETINGS)?;
    txn.open_table(super::tables::MEETINGS_BY_AGREEMENT)?;
    txn.open_table(super::tables::ACTIONS)?;
    txn.open_table(super::tables::ACTIONS_BY_MEETING)?;
    txn.open_table(super::tables::CHECKLISTS)?;
    txn.open_table(super::tables::REQUIREMENTS)?;
    txn.open_table(super::tables::CHECKS)?;
    txn.open_table(super::tables::SUPPLIER_STATS)?;
    txn.open_table(super::tables::PENALTY_CLAIMS)?;
    txn.open_table(super::tables::DAMAGES)?;
    txn.open_table(super::tables::TERMINATIONS)?;
    txn.open_table(super::tables::PENALTY_WATCH)?;
    txn.open_table(super::tables::PENALTY_SYNCED)?;
    txn.open_table(super::tables::CLAIM_TOTALS)?;
    txn.open_table(super::tables::CLAIM_COUNTS)?;
    txn.open_table(super::tables::CLAIM_SUPPLIERS)?;
    txn.open_table(super::tables::CLAIM_LESSONS)?;
    txn.open_table(super::tables::DRAFTS)?;
    txn.open_table(super::tables::DEVIATION_SUPPLIERS)?;
    txn.open_table(super::tables::NAMES)?;
    txn.open_table(super::tables::NAME_IDS)?;
    txn.open_table(super::tables::AGREEMENT_MONEY)?;
    txn.open_table(super::tables::LEDGER)?;
    txn.open_table(super::tables::INVOICES)?;
    super::spend_agg::create(txn)?;
    txn.open_table(super::tables::INVOICE_SAMPLES)?;
    Ok(())
}

/// Builds the reference index from the agreements. Schema 1 had no index, so nothing kept
/// references unique: two agreements sharing one stop the migration, naming both. Agreements
/// the audit log has never seen (schema 1 did not have to log) are adopted into it, so that
/// [`Store::verify_records`](super::Store::verify_records) can vouch for them from now on.
fn v1_to_v2(txn: &WriteTransaction, actor: &str) -> Result<(), StoreError> {
    // Each agreement with its bytes as stored: adopted into the log as it is stored.
    let mut by_ref: BTreeMap<String, (u64, Vec<u8>)> = BTreeMap::new();
    {
        let table = txn.open_table(AGREEMENTS)?;
        for row in table.iter()? {
            let (k, v) = row?;
            let agreement = super::records::agreement::decode(v.value())?;
            let id = k.value();
            if let Some((other, _)) = by_ref.get(&agreement.reference) {
                return Err(StoreError::Corrupt {
                    what: "agreements".into(),
                    detail: format!(
                        "#{other} and #{id} share the reference {}",
                        agreement.reference
                    ),
                });
            }
            by_ref.insert(agreement.reference.clone(), (id, v.value().to_vec()));
        }
    }
    {
        let mut index = txn.open_table(AGREEMENT_BY_REF)?;
        for (reference, (id, _)) in &by_ref {
            index.insert(reference.as_str(), *id)?;
        }
    }
    let logged = audit::logged_agreement_subjects(txn)?;
    for (reference, (_, stored)) in &by_ref {
        if !logged.contains(reference) {
            audit::append_stored(txn, actor, "agreement.adopt", reference, stored)?;
        }
    }
    Ok(())
}

/// Schema 2's tables keyed by call-off reference alone, read only here.
mod v2 {
    use redb::TableDefinition;

    pub const CALLOFF_AGREEMENT: TableDefinition<&str, u64> =
        TableDefinition::new("calloff_agreement");
    pub const REQUESTS: TableDefinition<&str, &[u8]> = TableDefinition::new("requests");
    pub const AWAITED: TableDefinition<&str, &[u8]> = TableDefinition::new("awaited");
    pub const COMPETITIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("competitions");
}

/// Every row of `old` (absent in a file that never had it), then the table deleted.
fn drain_old<K: redb::Key + 'static>(
    txn: &WriteTransaction,
    old: TableDefinition<K, &'static [u8]>,
    mut each: impl FnMut(K::SelfType<'_>, &[u8]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    match txn.open_table(old) {
        Ok(table) => {
            for row in table.iter()? {
                let (k, v) = row?;
                each(k.value(), v.value())?;
            }
        }
        Err(TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    txn.delete_table(old)?;
    Ok(())
}

/// Re-keys what pointed at a call-off by its reference alone under the call-off's
/// agreement. Schema 2 kept references unique across the register, so each one's agreement
/// is known from `calloff_agreement`. Requests whose call-off is gone (none should be:
/// deleting a call-off deleted its requests) cannot be given an agreement; they are left
/// out and counted in the audit log rather than stop the migration.
fn v2_to_v3(txn: &WriteTransaction, actor: &str) -> Result<(), StoreError> {
    let mut agreement_of: BTreeMap<String, u64> = BTreeMap::new();
    match txn.open_table(v2::CALLOFF_AGREEMENT) {
        Ok(table) => {
            for row in table.iter()? {
                let (k, v) = row?;
                agreement_of.insert(k.value().to_string(), v.value());
            }
        }
        Err(TableError::TableDoesNotExist(_)) => {}
        Err(e) => return Err(e.into()),
    }
    txn.delete_table(v2::CALLOFF_AGREEMENT)?;
    {
        // From the rows themselves, which are already keyed by agreement and reference.
        let mut index = txn.open_table(CALLOFF_AGREEMENTS)?;
        match txn.open_table(CALLOFF_ROWS) {
            Ok(rows) => {
                for row in rows.iter()? {
                    let (k, _) = row?;
                    let (agreement, reference) = k.value();
                    index.insert((reference, agreement), ())?;
                }
            }
            Err(TableError::TableDoesNotExist(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut orphans = 0usize;
    {
        let mut requests = txn.open_table(REQUESTS)?;
        drain_old(txn, v2::REQUESTS, |key, bytes| {
            let found = super::records::request::decode_v1(bytes, |calloff| {
                agreement_of.get(calloff).copied()
            })?;
            let Some(r) = found else {
                orphans += 1;
                return Ok(());
            };
            let agreement = r.agreement.0;
            requests.insert(
                (agreement, key),
                super::records::request::encode(&r).as_slice(),
            )?;
            Ok(())
        })?;
    }
    {
        let mut awaited = txn.open_table(AWAITED)?;
        drain_old(txn, v2::AWAITED, |key, bytes| {
            let a = super::records::awaited::decode(bytes)?;
            awaited.insert((a.agreement.0, key), bytes)?;
            Ok(())
        })?;
    }
    {
        let mut competitions = txn.open_table(COMPETITIONS)?;
        drain_old(txn, v2::COMPETITIONS, |key, bytes| {
            let c: Competition = super::records::decode(bytes, "competition")?;
            competitions.insert((c.agreement.0, key), bytes)?;
            Ok(())
        })?;
    }
    if orphans > 0 {
        audit::append(
            txn,
            actor,
            "schema.orphan_requests",
            &format!("{orphans} requests of no stored call-off"),
            &(orphans as u64),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_contiguous_and_reach_the_current_schema() {
        for (i, step) in STEPS.iter().enumerate() {
            assert_eq!(
                step.from as usize,
                i + 1,
                "step {i} starts at {}",
                step.from
            );
        }
        assert_eq!(STEPS.len() as u32 + 1, SCHEMA_VERSION);
    }
}
