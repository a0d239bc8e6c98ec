//! Building the aggregates from the call-off rows and requests: for one agreement after
//! it changed, and for the whole file once, when it was written before aggregates
//! existed (no `aggregates_v1` flag in `meta`; the deviations per supplier alone when
//! only `deviation_suppliers_v1` is missing).

use redb::{Database, ReadableDatabase, ReadableTable, WriteTransaction};

use super::{Deltas, NOT_IN_TIME, RANKING_DAYS, SUPPLIER_DAYS, agreement_in};
use crate::domain::Agreement;
use crate::domain::calloff::Request;
use crate::store::StoreError;
use crate::store::calloffs::CallOffRow;
use crate::store::encoding;
use crate::store::records::names::WriteNames;
use crate::store::records::{calloff_row, request};
use crate::store::tables::{CALLOFF_ROWS, DEVIATION_SUPPLIERS, META, REQUESTS};

/// The `meta` key whose presence says the aggregates match the rows.
const FLAG: &str = "aggregates_v1";
/// Likewise for the deviations per supplier, which came later than the others.
const DEVIATIONS_FLAG: &str = "deviation_suppliers_v1";

/// Creates the aggregate tables and, when the flag is missing, builds them from the
/// rows and sets it. Run on every open; a no-op but for one `meta` read once built.
pub(in crate::store) fn ensure(db: &Database) -> Result<(), StoreError> {
    // Read first: an open of a built file (every open but one) writes nothing.
    {
        let txn = db.begin_read()?;
        let built = match txn.open_table(META) {
            Ok(meta) => meta.get(FLAG)?.is_some() && meta.get(DEVIATIONS_FLAG)?.is_some(),
            Err(redb::TableError::TableDoesNotExist(_)) => false,
            Err(e) => return Err(e.into()),
        };
        if built {
            return Ok(());
        }
    }
    let txn = db.begin_write()?;
    txn.open_table(SUPPLIER_DAYS)?;
    txn.open_table(RANKING_DAYS)?;
    txn.open_table(NOT_IN_TIME)?;
    txn.open_table(DEVIATION_SUPPLIERS)?;
    let (built, deviations_built) = {
        let meta = txn.open_table(META)?;
        (
            meta.get(FLAG)?.is_some(),
            meta.get(DEVIATIONS_FLAG)?.is_some(),
        )
    };
    if !built {
        rebuild_all(&txn)?;
    } else if !deviations_built {
        super::deviations::build(&txn)?;
    }
    set_flags(&txn)?;
    txn.commit()?;
    Ok(())
}

/// Says in `meta` that every aggregate matches the rows.
fn set_flags(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    for flag in [FLAG, DEVIATIONS_FLAG] {
        meta.insert(flag, encoding::encode_u32(1).as_slice())?;
    }
    Ok(())
}

/// Empties every aggregate table and builds them again from every call-off row.
pub(in crate::store) fn rebuild_all(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(SUPPLIER_DAYS)?;
    txn.delete_table(RANKING_DAYS)?;
    txn.delete_table(NOT_IN_TIME)?;
    txn.delete_table(DEVIATION_SUPPLIERS)?;
    // Readers expect the tables even when no agreement has a call-off.
    txn.open_table(SUPPLIER_DAYS)?;
    txn.open_table(RANKING_DAYS)?;
    txn.open_table(NOT_IN_TIME)?;
    txn.open_table(DEVIATION_SUPPLIERS)?;
    let ids: Vec<u64> = {
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let mut ids = Vec::new();
        let mut next = 0u64;
        // One range probe per agreement rather than a walk over every row.
        while let Some(first) = rows.range((next, "")..)?.next() {
            let (k, _) = first?;
            let id = k.value().0;
            ids.push(id);
            match id.checked_add(1) {
                Some(n) => next = n,
                None => break,
            }
        }
        ids
    };
    for id in ids {
        let agreement = agreement_in(txn, id)?;
        add_agreement(txn, id, agreement.as_ref())?;
    }
    Ok(())
}

/// Takes away everything an agreement counts and counts its call-offs again: after its
/// response time, lots or rankings changed, which changes every outcome and deadline.
pub(in crate::store) fn rebuild_agreement(
    txn: &WriteTransaction,
    agreement: &Agreement,
) -> Result<(), StoreError> {
    let a = agreement.id.0;
    {
        let mut days = txn.open_table(SUPPLIER_DAYS)?;
        days.retain_in(
            (a, "", i32::MIN)..(a.saturating_add(1), "", i32::MIN),
            |_, _| false,
        )?;
        let mut ranking = txn.open_table(RANKING_DAYS)?;
        ranking.retain_in((a, i32::MIN)..(a.saturating_add(1), i32::MIN), |_, _| false)?;
        let mut late = txn.open_table(NOT_IN_TIME)?;
        late.retain_in(
            (a, i64::MIN, "")..(a.saturating_add(1), i64::MIN, ""),
            |_, _| false,
        )?;
        let mut deviations = txn.open_table(DEVIATION_SUPPLIERS)?;
        deviations.retain_in((a, "")..(a.saturating_add(1), ""), |_, _| false)?;
    }
    add_agreement(txn, a, Some(agreement))
}

fn add_agreement(
    txn: &WriteTransaction,
    id: u64,
    agreement: Option<&Agreement>,
) -> Result<(), StoreError> {
    let mut deltas = Deltas::default();
    {
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let requests = txn.open_table(REQUESTS)?;
        let names = WriteNames::new(txn);
        for item in rows.range((id, "")..(id.saturating_add(1), ""))? {
            let (k, v) = item?;
            let (a_id, reference) = k.value();
            let row: CallOffRow = calloff_row::decode(a_id, reference, v.value(), &names)?;
            deltas.row(&row, 1);
            let Some(a) = agreement else { continue };
            let from = format!("{}\u{1f}", row.calloff.reference);
            let to = format!("{}\u{20}", row.calloff.reference);
            for r in requests.range((id, from.as_str())..(id, to.as_str()))? {
                let (k, v) = r?;
                let r: Request = request::decode(id, k.value().1, v.value())?;
                deltas.request(a, &r, 1);
            }
        }
    }
    deltas.flush(txn)
}

impl crate::store::Store {
    /// Builds every aggregate again from the call-off rows and requests, in one write
    /// transaction. [`crate::store::Store::open`] does this by itself for a file written
    /// before aggregates existed; this is for a file suspected of drift.
    pub fn rebuild_aggregates(&self) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        rebuild_all(&txn)?;
        set_flags(&txn)?;
        txn.commit()?;
        Ok(())
    }
}
