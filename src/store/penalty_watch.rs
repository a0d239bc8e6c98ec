//! The call-offs a penalty sync must look at, kept in the same write transaction as the
//! call-offs, so that opening a database of a million call-offs reads only what changed
//! since the last sync instead of every late delivery in its history.
//!
//! Key (agreement, delivery due as a Julian day, reference) → flags. An entry exists for
//! a call-off that may owe a late-delivery penalty (awarded, with a due date, not
//! delivered on or before it) and that is `DIRTY` (written since the last sync) or
//! `RUNNING` (not delivered, so its delay and penalty grow each day until the cap).
//! Keyed by due day so a sync ranges over those already due and leaves the rest.

use redb::{ReadableTable, WriteTransaction};

use super::StoreError;
use super::calloffs::CallOffRow;
use super::tables::PENALTY_WATCH;
use crate::domain::AgreementId;

pub(super) const DIRTY: u8 = 1;
pub(super) const RUNNING: u8 = 2;

/// The watch key of `row` when it may owe a penalty.
pub(super) fn key(row: &CallOffRow) -> Option<(u64, i32, &str)> {
    let c = &row.calloff;
    c.awarded_supplier.as_ref()?;
    let due = c.delivery_due?;
    if c.delivered_at.is_some_and(|d| d <= due) {
        return None;
    }
    Some((c.agreement.0, due.to_julian_day(), c.reference.as_str()))
}

pub(super) fn flags(row: &CallOffRow) -> u8 {
    if row.calloff.delivered_at.is_none() {
        DIRTY | RUNNING
    } else {
        DIRTY
    }
}

pub(super) type WatchTable<'t> = redb::Table<'t, (u64, i32, &'static str), u8>;

/// After `new` replaced `old` (None when new): the next sync looks at it.
pub(super) fn calloff_written(
    txn: &WriteTransaction,
    old: Option<&CallOffRow>,
    new: &CallOffRow,
) -> Result<(), StoreError> {
    written(&mut txn.open_table(PENALTY_WATCH)?, old, new)
}

/// As `calloff_written`, into a table the caller holds open (an import of many).
pub(super) fn written(
    t: &mut WatchTable<'_>,
    old: Option<&CallOffRow>,
    new: &CallOffRow,
) -> Result<(), StoreError> {
    if let Some(k) = old.and_then(key) {
        t.remove(k)?;
    }
    if let Some(k) = key(new) {
        t.insert(k, flags(new))?;
    }
    Ok(())
}

pub(super) fn calloff_deleted(txn: &WriteTransaction, row: &CallOffRow) -> Result<(), StoreError> {
    if let Some(k) = key(row) {
        txn.open_table(PENALTY_WATCH)?.remove(k)?;
    }
    Ok(())
}

/// The references of `agreement` due before `before_day` that a sync must read: those
/// written since the last one and, on a new day, those whose delay is still running.
pub(super) fn due(
    txn: &WriteTransaction,
    agreement: AgreementId,
    before_day: i32,
    new_day: bool,
) -> Result<Vec<String>, StoreError> {
    let t = txn.open_table(PENALTY_WATCH)?;
    let mut out = Vec::new();
    for item in t.range((agreement.0, i32::MIN, "")..(agreement.0, before_day, ""))? {
        let (k, v) = item?;
        let f = v.value();
        if f & DIRTY != 0 || (new_day && f & RUNNING != 0) {
            out.push(k.value().2.to_string());
        }
    }
    Ok(out)
}

/// Records what a sync found for one call-off due before the sync's day: still running
/// (its penalty will grow) or settled (nothing to look at until it is written again).
pub(super) fn settle(
    txn: &WriteTransaction,
    row: &CallOffRow,
    running: bool,
) -> Result<(), StoreError> {
    let Some(k) = key(row) else {
        return Ok(());
    };
    let mut t = txn.open_table(PENALTY_WATCH)?;
    if running {
        t.insert(k, RUNNING)?;
    } else {
        t.remove(k)?;
    }
    Ok(())
}

/// Forgets every entry of `agreement` (before a full sync builds them again).
pub(super) fn clear(txn: &WriteTransaction, agreement: AgreementId) -> Result<(), StoreError> {
    let mut t = txn.open_table(PENALTY_WATCH)?;
    t.retain_in(
        (agreement.0, i32::MIN, "")..(agreement.0 + 1, i32::MIN, ""),
        |_, _| false,
    )?;
    Ok(())
}

/// Puts back the entry of a call-off not yet due, so the sync of its due day sees it.
pub(super) fn keep_pending(txn: &WriteTransaction, row: &CallOffRow) -> Result<(), StoreError> {
    if let Some(k) = key(row) {
        txn.open_table(PENALTY_WATCH)?.insert(k, flags(row))?;
    }
    Ok(())
}
