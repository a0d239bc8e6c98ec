//! The compact call-off index: per call-off a fixed-width entry with what list filters
//! need, kept in step with `CALLOFF_ROWS` in the same write transaction. Its key orders
//! an agreement's call-offs by request time and reference, so the Call-offs list (newest
//! first) is one reverse range scan, and full rows are read only for what is on screen.
//!
//! Value layout (little-endian), no bincode: version, flags, outcome, awarded supplier
//! (org digits as u64, `u64::MAX` none), lot key (FNV-1a of the name), delivery due and
//! delivered (Julian days, `i32::MIN` none), value in öre (`i64::MIN` none), then the
//! orderer: in version 1 as UTF-8 to the end (what the in-memory index takes), in
//! version 2 (stored from schema 4) as its number in `names`, four bytes.

use std::collections::HashMap;

use redb::{ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use time::{Date, PrimitiveDateTime};

use crate::domain::calloff::CallOffMethod;
use crate::domain::ranking::RankingOutcome;
use crate::domain::{AgreementId, OrgNumber};

use super::calloffs::CallOffRow;
use super::records::calloff_row;
use super::records::names::{Ids, Names, ReadNames, WriteNames};
use super::tables::{CALLOFF_INDEX, CALLOFF_ROWS};
use super::{Store, StoreError};

mod memory;
pub use memory::{CallOffIndex, IndexEntry, Placed};

const VERSION: u8 = 1;
/// Stored entries: the orderer by number.
pub(super) const STORED: u8 = 2;
const HEADER: usize = 35;
pub const NO_SUPPLIER: u64 = u64::MAX;
const NO_DAY: i32 = i32::MIN;

pub const OUTCOME_NOT_ASSESSED: u8 = 0;
pub const OUTCOME_COMPLIANT: u8 = 1;
pub const OUTCOME_DEVIATION: u8 = 2;
const FLAG_COMPETITION: u8 = 1;
const FLAG_MOTIVATED: u8 = 2;

pub(super) type IndexTable<'t> = Table<'t, (u64, i64, &'static str), &'static [u8]>;

/// The key a lot name is filtered by: FNV-1a, so entries need not hold the name.
pub fn lot_key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub fn supplier_key(org: Option<&OrgNumber>) -> u64 {
    org.and_then(|o| o.digits().parse().ok())
        .unwrap_or(NO_SUPPLIER)
}

fn seconds(t: PrimitiveDateTime) -> i64 {
    t.assume_utc().unix_timestamp()
}

fn day(d: Option<Date>) -> i32 {
    d.map(Date::to_julian_day).unwrap_or(NO_DAY)
}

pub(super) fn key_of(row: &CallOffRow) -> (u64, i64, &str) {
    let c = &row.calloff;
    (c.agreement.0, seconds(c.requested_at), c.reference.as_str())
}

pub(super) fn encode(row: &CallOffRow) -> Vec<u8> {
    let mut out = header(row, VERSION, row.calloff.orderer.len());
    out.extend_from_slice(row.calloff.orderer.as_bytes());
    out
}

/// The fixed part of an entry, with room for `tail` more bytes.
fn header(row: &CallOffRow, version: u8, tail: usize) -> Vec<u8> {
    let c = &row.calloff;
    let mut out = Vec::with_capacity(HEADER + tail);
    out.push(version);
    let mut flags = 0;
    if c.method == CallOffMethod::Competition {
        flags |= FLAG_COMPETITION;
    }
    let outcome = match &row.outcome {
        RankingOutcome::NotAssessed => OUTCOME_NOT_ASSESSED,
        RankingOutcome::Compliant => OUTCOME_COMPLIANT,
        RankingOutcome::Deviation { motivated, .. } => {
            if *motivated {
                flags |= FLAG_MOTIVATED;
            }
            OUTCOME_DEVIATION
        }
    };
    out.push(flags);
    out.push(outcome);
    out.extend_from_slice(&supplier_key(c.awarded_supplier.as_ref()).to_le_bytes());
    out.extend_from_slice(&lot_key(&c.lot).to_le_bytes());
    out.extend_from_slice(&day(c.delivery_due).to_le_bytes());
    out.extend_from_slice(&day(c.delivered_at).to_le_bytes());
    out.extend_from_slice(&c.value.map(|m| m.0).unwrap_or(i64::MIN).to_le_bytes());
    out
}

/// The entry of `row` as stored: the header of [`encode`], then the orderer's number.
pub(super) fn encode_stored(row: &CallOffRow, ids: &dyn Ids) -> Result<Vec<u8>, StoreError> {
    let mut out = header(row, STORED, 4);
    out.extend_from_slice(&ids.id(&row.calloff.orderer)?.to_le_bytes());
    Ok(out)
}

/// A version-1 entry (the orderer's name at the end) as stored from schema 4 on; None
/// for any other entry.
pub(super) fn stored_from_v1(value: &[u8], ids: &dyn Ids) -> Result<Option<Vec<u8>>, StoreError> {
    if value.len() < HEADER || value[0] != VERSION {
        return Ok(None);
    }
    let orderer = String::from_utf8_lossy(&value[HEADER..]);
    let mut out = Vec::with_capacity(HEADER + 4);
    out.extend_from_slice(&value[..HEADER]);
    out[0] = STORED;
    out.extend_from_slice(&ids.id(&orderer)?.to_le_bytes());
    Ok(Some(out))
}

/// The orderer's number of a stored (version 2) entry; None for any other.
fn stored_orderer(value: &[u8]) -> Option<u32> {
    if value.first() != Some(&STORED) {
        return None;
    }
    let b: [u8; 4] = value.get(HEADER..)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

/// A stored entry in the layout the in-memory index takes (version 1, the orderer's
/// name), written into `buf` when it has to be converted. None when damaged.
#[cfg(test)]
pub(super) fn for_memory<'v>(
    value: &'v [u8],
    names: &mut NameCache<'_>,
    buf: &'v mut Vec<u8>,
) -> Result<&'v [u8], StoreError> {
    if value.first() != Some(&STORED) {
        return Ok(value);
    }
    let id = value
        .get(HEADER..)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_le_bytes);
    let Some(id) = id else {
        // Left for the in-memory index to skip, as it skips any entry it cannot read.
        return Ok(value);
    };
    buf.clear();
    buf.extend_from_slice(&value[..HEADER]);
    buf[0] = VERSION;
    buf.extend_from_slice(names.get(id)?.as_bytes());
    Ok(buf)
}

/// Names of a read, each asked of the store once.
#[cfg(test)]
pub(super) struct NameCache<'n> {
    names: &'n dyn Names,
    known: HashMap<u32, String>,
}

#[cfg(test)]
impl<'n> NameCache<'n> {
    pub(super) fn new(names: &'n dyn Names) -> Self {
        NameCache {
            names,
            known: HashMap::new(),
        }
    }

    fn get(&mut self, id: u32) -> Result<&str, StoreError> {
        if !self.known.contains_key(&id) {
            let name = self.names.name(id)?;
            self.known.insert(id, name);
        }
        Ok(self.known.get(&id).map_or("", String::as_str))
    }
}

/// Writes the entry of `row` (its key is the row's agreement, time and reference).
pub(super) fn put(
    index: &mut IndexTable<'_>,
    row: &CallOffRow,
    ids: &dyn Ids,
) -> Result<(), StoreError> {
    index.insert(key_of(row), encode_stored(row, ids)?.as_slice())?;
    Ok(())
}

/// Removes the entry of `row` as it was stored.
pub(super) fn remove(index: &mut IndexTable<'_>, row: &CallOffRow) -> Result<(), StoreError> {
    index.remove(key_of(row))?;
    Ok(())
}

/// The references of an agreement's call-offs that may owe a late-delivery penalty
/// (awarded, with a due date, not delivered on or before it), read from the index alone.
pub(super) fn may_be_late(
    txn: &WriteTransaction,
    agreement: AgreementId,
) -> Result<Vec<String>, StoreError> {
    let index = txn.open_table(CALLOFF_INDEX)?;
    let mut out = Vec::new();
    let range = index.range((agreement.0, i64::MIN, "")..(agreement.0 + 1, i64::MIN, ""))?;
    for item in range {
        let (k, v) = item?;
        let v = v.value();
        if v.len() < HEADER || !(v[0] == VERSION || v[0] == STORED) {
            // Not an entry this build wrote: let the caller read the row.
            out.push(k.value().2.to_string());
            continue;
        }
        let supplier = u64::from_le_bytes(v[3..11].try_into().unwrap_or_default());
        let due = i32::from_le_bytes(v[19..23].try_into().unwrap_or_default());
        let delivered = i32::from_le_bytes(v[23..27].try_into().unwrap_or_default());
        if supplier != NO_SUPPLIER && due != NO_DAY && (delivered == NO_DAY || delivered > due) {
            out.push(k.value().2.to_string());
        }
    }
    Ok(out)
}

/// Builds the index from the rows when a file has rows but no index (a file written
/// before the index existed).
pub(super) fn backfill(txn: &WriteTransaction) -> Result<(), StoreError> {
    let rows = txn.open_table(CALLOFF_ROWS)?;
    let mut index = txn.open_table(CALLOFF_INDEX)?;
    if index.first()?.is_some() || rows.first()?.is_none() {
        return Ok(());
    }
    let names = WriteNames::new(txn);
    for item in rows.iter()? {
        let (k, v) = item?;
        let (agreement, reference) = k.value();
        let row: CallOffRow = calloff_row::decode(agreement, reference, v.value(), &names)?;
        put(&mut index, &row, &names)?;
    }
    Ok(())
}

impl Store {
    /// The compact index of an agreement's call-offs, newest first: one reverse range scan.
    pub fn calloff_index(&self, agreement: AgreementId) -> Result<CallOffIndex, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(CALLOFF_INDEX)?;
        let mut out = CallOffIndex::default();
        out.agreement = Some(agreement);
        let mut orderers = HashMap::new();
        // Room for every call-off of the register at once: growing by doubling would, at a
        // million, hold the old and the new buffer together (pages never written to are
        // never resident, so the spare room costs no memory).
        out.reserve_exact(table.len()? as usize);
        let names = ReadNames::open(&txn)?;
        // Where each numbered orderer went in the in-memory list (`u32::MAX` not yet):
        // a million entries name a few orderers, each asked of the store once.
        let mut placed: Vec<u32> = Vec::new();
        let range = table.range((agreement.0, i64::MIN, "")..(agreement.0 + 1, i64::MIN, ""))?;
        for item in range.rev() {
            let (k, v) = item?;
            let (_, at, reference) = k.value();
            let value = v.value();
            let Some(id) = stored_orderer(value) else {
                out.push(at, reference, value, &mut orderers);
                continue;
            };
            let i = id as usize;
            let position = match placed.get(i) {
                Some(&p) if p != u32::MAX => p,
                _ => {
                    let name = names.name(id)?;
                    let p = out.intern_orderer(name.as_bytes(), &mut orderers);
                    if placed.len() <= i {
                        placed.resize(i + 1, u32::MAX);
                    }
                    placed[i] = p;
                    p
                }
            };
            out.push_entry(at, reference, value, position);
        }
        out.shrink_to_fit();
        Ok(out)
    }

    /// Whether a change recorded after audit entry `seq` may have changed the call-off
    /// index of the agreement `reference`, so that its index read at `seq` is stale.
    /// Meetings, minutes, actions, checklists, claims and the like leave it as it was, as
    /// does a change to another agreement: the Call-offs tab need not read a million
    /// entries again after a line of minutes. An action not known to leave it counts as
    /// a change, as do very many.
    pub fn calloff_index_changed_since(
        &self,
        seq: u64,
        reference: &str,
    ) -> Result<bool, StoreError> {
        const LEAVE_THE_INDEX: &[&str] = &[
            "action.",
            "check.",
            "checklist.",
            "claim.",
            "competition.",
            "damages.",
            "deviation.",
            "meeting.",
            "model.",
            "purchase.",
            "requirement.",
            "supplier_stats.",
            "termination.",
        ];
        let leaves = |(action, subject): &(String, String)| {
            LEAVE_THE_INDEX.iter().any(|kind| action.starts_with(kind))
                // An agreement's entries are logged under its reference.
                || (action.starts_with("agreement.") && subject != reference)
        };
        let txn = self.db.begin_read()?;
        Ok(match super::audit::actions_after(&txn, seq, 1024)? {
            Some(actions) => !actions.iter().all(leaves),
            None => true,
        })
    }

    /// The index entry of call-off `reference` of `agreement` as stored now: its request
    /// time (the key's seconds) and value; None when the agreement has no such call-off.
    pub fn calloff_index_entry(
        &self,
        agreement: AgreementId,
        reference: &str,
    ) -> Result<Option<(i64, Vec<u8>)>, StoreError> {
        Ok(self.calloff_row(agreement, reference)?.map(|row| {
            let (_, at, _) = key_of(&row);
            (at, encode(&row))
        }))
    }

    /// The full rows of the given entries of `index`, in the order asked; entries no
    /// longer stored are left out.
    pub fn calloff_rows_at(
        &self,
        index: &CallOffIndex,
        positions: impl IntoIterator<Item = usize>,
    ) -> Result<Vec<CallOffRow>, StoreError> {
        let txn = self.db.begin_read()?;
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let names = ReadNames::open(&txn)?;
        let mut out = Vec::new();
        for i in positions {
            if i >= index.len() {
                continue;
            }
            let (agreement, _, reference) = index.key(i);
            if let Some(v) = rows.get((agreement, reference))? {
                out.push(calloff_row::decode(
                    agreement,
                    reference,
                    v.value(),
                    &names,
                )?);
            }
        }
        Ok(out)
    }

    /// The row of a call-off of `agreement`, read by reference.
    pub fn calloff_row(
        &self,
        agreement: AgreementId,
        reference: &str,
    ) -> Result<Option<CallOffRow>, StoreError> {
        let txn = self.db.begin_read()?;
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let names = ReadNames::open(&txn)?;
        let found = rows.get((agreement.0, reference))?;
        found
            .map(|v| calloff_row::decode(agreement.0, reference, v.value(), &names))
            .transpose()
    }
}
