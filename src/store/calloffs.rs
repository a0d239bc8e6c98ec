//! Call-offs and their requests. Each call-off is stored with its ranking outcome, kept
//! current whenever the call-off, one of its requests or its agreement changes, so that
//! lists and reports read it rather than recompute it. Requests with no answer yet are
//! indexed with their deadlines for the agenda.

use std::collections::BTreeSet;

use redb::{ReadableTable, Table, WriteTransaction};
use time::PrimitiveDateTime;

use crate::domain::calloff::{CallOff, Request};
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};
use crate::domain::{Agreement, AgreementId, OrgNumber};
use crate::store::records;

use super::aggregates::{self, Deltas};
use super::calloff_index;
use super::penalty_watch;
use super::records::names::{ReadNames, WriteNames};
use super::records::{awaited, calloff_row, request};
use super::tables::{
    AGREEMENTS, AWAITED, CALLOFF_AGREEMENTS, CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS,
};
use super::{Store, StoreError, audit};

mod import;
pub use import::{PROGRESS_EVERY, Progress};

pub use crate::domain::calloff_row::CallOffRow;

/// A request that has not been answered, and until when it may be (stored as
/// `records::awaited`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaited {
    pub agreement: AgreementId,
    pub calloff: String,
    pub supplier: OrgNumber,
    pub sent_at: PrimitiveDateTime,
    pub deadline: PrimitiveDateTime,
}

/// How many records an import added and how many it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCount {
    pub new: usize,
    pub updated: usize,
}

impl std::ops::AddAssign for ImportCount {
    fn add_assign(&mut self, o: ImportCount) {
        self.new += o.new;
        self.updated += o.updated;
    }
}

const SEP: char = '\u{1f}';

/// `calloff ␟ supplier ␟ sent_at`: a request is the same request when sent to the same
/// supplier at the same minute, so importing a file twice replaces rather than adds.
pub fn request_key(r: &Request) -> String {
    let digits = r.supplier.digits();
    let mut key = String::with_capacity(r.calloff.len() + digits.len() + 14);
    key.push_str(&r.calloff);
    key.push(SEP);
    key.push_str(digits);
    key.push(SEP);
    push_minute(&mut key, r.sent_at);
    key
}

/// `YYYYMMDDHHMM`, which sorts as time does (years 0–9999, as dates in files are).
fn push_minute(out: &mut String, t: PrimitiveDateTime) {
    let year = t.year();
    if !(0..=9999).contains(&year) {
        out.push_str(&format!("{year:04}"));
    } else {
        push_digits(out, year as u32, 4);
    }
    for (n, width) in [
        (u32::from(u8::from(t.month())), 2),
        (u32::from(t.day()), 2),
        (u32::from(t.hour()), 2),
        (u32::from(t.minute()), 2),
    ] {
        push_digits(out, n, width);
    }
}

/// `n` in `width` decimal digits, zero-padded (`n` fits).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
    }
}

/// The range of request keys (the second half of a `REQUESTS` key) holding every request
/// of `calloff` within its agreement.
fn request_range(calloff: &str) -> (String, String) {
    (
        format!("{calloff}{SEP}"),
        format!("{calloff}{}", char::from(SEP as u8 + 1)),
    )
}

type Rows<'t> = Table<'t, (u64, &'static str), &'static [u8]>;

fn load_agreement(
    txn: &WriteTransaction,
    id: AgreementId,
) -> Result<Option<Agreement>, StoreError> {
    let table = txn.open_table(AGREEMENTS)?;
    let found = table.get(id.0)?;
    found
        .map(|v| records::agreement::decode(v.value()))
        .transpose()
}

pub(super) fn requests_in(
    txn: &WriteTransaction,
    agreement: u64,
    calloff: &str,
) -> Result<Vec<Request>, StoreError> {
    let table = txn.open_table(REQUESTS)?;
    let (from, to) = request_range(calloff);
    let mut out = Vec::new();
    for row in table.range((agreement, from.as_str())..(agreement, to.as_str()))? {
        let (k, v) = row?;
        out.push(request::decode(agreement, k.value().1, v.value())?);
    }
    Ok(out)
}

/// The row of `c` as it stands in `txn`: its requests counted and the rule applied with
/// the agreement's lot and response time. A lot the agreement no longer has ranks no one.
fn row_for(
    txn: &WriteTransaction,
    agreement: Option<&Agreement>,
    c: &CallOff,
) -> Result<CallOffRow, StoreError> {
    let requests = requests_in(txn, c.agreement.0, &c.reference)?;
    let outcome = match agreement {
        Some(a) => assess_in_agreement(c, a, &requests),
        None => RankingOutcome::NotAssessed,
    };
    Ok(CallOffRow {
        calloff: c.clone(),
        requests: requests.len() as u32,
        outcome,
    })
}

/// Writes a row and its index entry (the caller removes an entry whose key moved).
fn put_row(
    rows: &mut Rows<'_>,
    index: &mut calloff_index::IndexTable<'_>,
    row: &CallOffRow,
    names: &WriteNames<'_>,
) -> Result<(), StoreError> {
    calloff_index::put(index, row, names)?;
    let c = &row.calloff;
    rows.insert(
        (c.agreement.0, c.reference.as_str()),
        calloff_row::encode(row, names)?.as_slice(),
    )?;
    Ok(())
}

/// Writes `c` under its agreement (a call-off is its agreement's and its reference's:
/// one of the same reference under another agreement is another call-off, never
/// touched); true when it is new.
fn write_calloff(
    txn: &WriteTransaction,
    agreement: Option<&Agreement>,
    c: &CallOff,
) -> Result<bool, StoreError> {
    txn.open_table(CALLOFF_AGREEMENTS)?
        .insert((c.reference.as_str(), c.agreement.0), ())?;
    // Unanswered requests are awaited only while nothing is awarded: once a supplier has
    // the call-off, no one waits for the others' answers.
    for r in requests_in(txn, c.agreement.0, &c.reference)? {
        set_awaited(txn, agreement, c.awarded_supplier.is_none(), &r)?;
    }
    let row = row_for(txn, agreement, c)?;
    let names = WriteNames::new(txn);
    let mut rows = txn.open_table(CALLOFF_ROWS)?;
    let old_row: Option<CallOffRow> = {
        let found = rows.get((c.agreement.0, c.reference.as_str()))?;
        found
            .map(|v| calloff_row::decode(c.agreement.0, &c.reference, v.value(), &names))
            .transpose()?
    };
    let mut index = txn.open_table(CALLOFF_INDEX)?;
    if let Some(old) = &old_row {
        calloff_index::remove(&mut index, old)?;
    }
    put_row(&mut rows, &mut index, &row, &names)?;
    drop((rows, index));
    aggregates::calloff_written(txn, old_row.as_ref(), &row)?;
    penalty_watch::calloff_written(txn, old_row.as_ref(), &row)?;
    Ok(old_row.is_none())
}

/// Recomputes the rows of the given call-offs, (agreement id, reference) each, after
/// their requests changed.
fn refresh_rows(
    txn: &WriteTransaction,
    calloffs: &BTreeSet<(u64, String)>,
) -> Result<(), StoreError> {
    let mut cache: Option<Agreement> = None;
    let names = WriteNames::new(txn);
    for (agreement_id, reference) in calloffs {
        let agreement_id = *agreement_id;
        let current = {
            let rows = txn.open_table(CALLOFF_ROWS)?;
            let found = rows.get((agreement_id, reference.as_str()))?;
            match found {
                Some(v) => calloff_row::decode(agreement_id, reference, v.value(), &names)?,
                None => continue,
            }
        };
        if cache.as_ref().map(|a| a.id.0) != Some(agreement_id) {
            cache = load_agreement(txn, AgreementId(agreement_id))?;
        }
        let row = row_for(txn, cache.as_ref(), &current.calloff)?;
        put_row(
            &mut txn.open_table(CALLOFF_ROWS)?,
            &mut txn.open_table(CALLOFF_INDEX)?,
            &row,
            &names,
        )?;
        let mut deltas = Deltas::default();
        deltas.row(&current, -1);
        deltas.row(&row, 1);
        deltas.flush(txn)?;
    }
    Ok(())
}

/// After an agreement changed (its rankings, lots or response time): every one of its
/// call-offs gets its outcome again and every awaited request its deadline.
pub(super) fn refresh_agreement(
    txn: &WriteTransaction,
    agreement: &Agreement,
) -> Result<(), StoreError> {
    let references: Vec<String> = {
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let range = rows.range((agreement.id.0, "")..(agreement.id.0 + 1, ""))?;
        let mut out = Vec::new();
        for row in range {
            let (k, _) = row?;
            out.push(k.value().1.to_string());
        }
        out
    };
    let names = WriteNames::new(txn);
    for reference in &references {
        let row = {
            let rows = txn.open_table(CALLOFF_ROWS)?;
            let found = rows.get((agreement.id.0, reference.as_str()))?;
            match found {
                Some(v) => calloff_row::decode(agreement.id.0, reference, v.value(), &names)?,
                None => continue,
            }
        };
        let fresh = row_for(txn, Some(agreement), &row.calloff)?;
        if fresh != row {
            put_row(
                &mut txn.open_table(CALLOFF_ROWS)?,
                &mut txn.open_table(CALLOFF_INDEX)?,
                &fresh,
                &names,
            )?;
        }
    }
    let mut awaited = txn.open_table(AWAITED)?;
    let mut changed = Vec::new();
    let id = agreement.id.0;
    for row in awaited.range((id, "")..(id.saturating_add(1), ""))? {
        let (k, v) = row?;
        let mut a = awaited::decode(v.value())?;
        let deadline = agreement.response_time.deadline(a.sent_at);
        if deadline != a.deadline {
            a.deadline = deadline;
            changed.push((k.value().1.to_string(), a));
        }
    }
    for (k, a) in changed {
        awaited.insert((id, k.as_str()), awaited::encode(&a).as_slice())?;
    }
    drop(awaited);
    // Outcomes and deadlines may all have moved: count the agreement again.
    aggregates::rebuild_agreement(txn, agreement)
}

/// Writes a request and keeps the awaited index in step; true when it is new.
fn write_request(
    txn: &WriteTransaction,
    agreement: Option<&Agreement>,
    r: &Request,
) -> Result<bool, StoreError> {
    let key = request_key(r);
    let old: Option<Request> = txn
        .open_table(REQUESTS)?
        .insert((r.agreement.0, key.as_str()), request::encode(r).as_slice())?
        .map(|v| request::decode(r.agreement.0, &key, v.value()))
        .transpose()?;
    let new = old.is_none();
    if let Some(a) = agreement {
        let mut deltas = Deltas::default();
        if let Some(old) = &old {
            deltas.request(a, old, -1);
        }
        deltas.request(a, r, 1);
        deltas.flush(txn)?;
    }
    let open = match agreement {
        Some(a) => {
            let rows = txn.open_table(CALLOFF_ROWS)?;
            let found = rows.get((a.id.0, r.calloff.as_str()))?;
            match found {
                Some(v) => {
                    calloff_row::decode(a.id.0, &r.calloff, v.value(), &WriteNames::new(txn))?
                        .calloff
                        .awarded_supplier
                        .is_none()
                }
                None => true,
            }
        }
        None => true,
    };
    set_awaited(txn, agreement, open, r)?;
    Ok(new)
}

/// Puts `r` in the awaited index when it has no answer and its call-off is `open` (not
/// awarded), and takes it out otherwise.
fn set_awaited(
    txn: &WriteTransaction,
    agreement: Option<&Agreement>,
    open: bool,
    r: &Request,
) -> Result<(), StoreError> {
    let key = request_key(r);
    let mut awaited = txn.open_table(AWAITED)?;
    match (r.answer, agreement) {
        (None, Some(a)) if open => {
            let entry = Awaited {
                agreement: a.id,
                calloff: r.calloff.clone(),
                supplier: r.supplier.clone(),
                sent_at: r.sent_at,
                deadline: a.response_time.deadline(r.sent_at),
            };
            awaited.insert(
                (r.agreement.0, key.as_str()),
                awaited::encode(&entry).as_slice(),
            )?;
        }
        _ => {
            awaited.remove((r.agreement.0, key.as_str()))?;
        }
    }
    Ok(())
}

/// Which agreements hold a call-off of each reference, read from one snapshot: checking a
/// file of many requests asks this once per call-off without a transaction for each.
pub struct CallOffAgreements {
    table: redb::ReadOnlyTable<(&'static str, u64), ()>,
}

impl CallOffAgreements {
    /// The agreements holding a call-off `reference`, by id: none, one, or (where
    /// agreements number their call-offs alike) several.
    pub fn get(&self, reference: &str) -> Result<Vec<AgreementId>, StoreError> {
        let mut out = Vec::new();
        for item in self.table.range((reference, 0)..=(reference, u64::MAX))? {
            let (k, _) = item?;
            out.push(AgreementId(k.value().1));
        }
        Ok(out)
    }
}

impl Store {
    /// The call-offs' agreements as they stand now (see [`CallOffAgreements`]).
    pub fn calloff_agreements(&self) -> Result<CallOffAgreements, StoreError> {
        let txn = self.db.begin_read()?;
        Ok(CallOffAgreements {
            table: txn.open_table(CALLOFF_AGREEMENTS)?,
        })
    }

    /// Call-off `reference` of `agreement`.
    pub fn calloff(
        &self,
        agreement: AgreementId,
        reference: &str,
    ) -> Result<Option<CallOff>, StoreError> {
        let txn = self.db.begin_read()?;
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let names = ReadNames::open(&txn)?;
        let found = rows.get((agreement.0, reference))?;
        found
            .map(|v| {
                calloff_row::decode(agreement.0, reference, v.value(), &names).map(|r| r.calloff)
            })
            .transpose()
    }

    /// Every call-off of an agreement with its outcome, by reference.
    pub fn calloff_rows(&self, agreement: AgreementId) -> Result<Vec<CallOffRow>, StoreError> {
        let txn = self.db.begin_read()?;
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let names = ReadNames::open(&txn)?;
        let mut out = Vec::new();
        for row in rows.range((agreement.0, "")..(agreement.0 + 1, ""))? {
            let (k, v) = row?;
            out.push(calloff_row::decode(
                agreement.0,
                k.value().1,
                v.value(),
                &names,
            )?);
        }
        Ok(out)
    }

    /// The requests of call-off `calloff` of `agreement`, by supplier and time sent.
    pub fn requests_of(
        &self,
        agreement: AgreementId,
        calloff: &str,
    ) -> Result<Vec<Request>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(REQUESTS)?;
        let (from, to) = request_range(calloff);
        let mut out: Vec<Request> = Vec::new();
        for row in table.range((agreement.0, from.as_str())..(agreement.0, to.as_str()))? {
            let (k, v) = row?;
            out.push(request::decode(agreement.0, k.value().1, v.value())?);
        }
        out.sort_by(|a, b| (a.sent_at, &a.supplier).cmp(&(b.sent_at, &b.supplier)));
        Ok(out)
    }

    /// Every request still without an answer, earliest deadline first.
    pub fn awaited(&self) -> Result<Vec<Awaited>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AWAITED)?;
        let mut out: Vec<Awaited> = Vec::new();
        for row in table.iter()? {
            let (_, v) = row?;
            out.push(awaited::decode(v.value())?);
        }
        out.sort_by(|a, b| (a.deadline, &a.calloff).cmp(&(b.deadline, &b.calloff)));
        Ok(out)
    }

    /// Adds or replaces one call-off.
    pub fn save_calloff(&self, c: &CallOff) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        let agreement = load_agreement(&txn, c.agreement)?;
        write_calloff(&txn, agreement.as_ref(), c)?;
        audit::append(&txn, &self.actor, "calloff.save", &c.reference, c)?;
        txn.commit()?;
        Ok(())
    }

    /// Removes call-off `reference` of `agreement` and its requests; returns both so the
    /// caller can offer undo.
    pub fn delete_calloff(
        &self,
        agreement: AgreementId,
        reference: &str,
    ) -> Result<(CallOff, Vec<Request>), StoreError> {
        let txn = self.db.begin_write()?;
        let agreement = agreement.0;
        if txn
            .open_table(CALLOFF_AGREEMENTS)?
            .remove((reference, agreement))?
            .is_none()
        {
            return Err(StoreError::NotFound(reference.to_string()));
        }
        let row: CallOffRow = match txn
            .open_table(CALLOFF_ROWS)?
            .remove((agreement, reference))?
        {
            Some(v) => {
                calloff_row::decode(agreement, reference, v.value(), &WriteNames::new(&txn))?
            }
            None => return Err(StoreError::NotFound(reference.to_string())),
        };
        calloff_index::remove(&mut txn.open_table(CALLOFF_INDEX)?, &row)?;
        let requests = requests_in(&txn, agreement, reference)?;
        {
            let mut table = txn.open_table(REQUESTS)?;
            let mut awaited = txn.open_table(AWAITED)?;
            for r in &requests {
                let key = request_key(r);
                table.remove((agreement, key.as_str()))?;
                awaited.remove((agreement, key.as_str()))?;
            }
        }
        aggregates::calloff_deleted(&txn, &row, &requests)?;
        penalty_watch::calloff_deleted(&txn, &row)?;
        audit::append(&txn, &self.actor, "calloff.delete", reference, &row.calloff)?;
        txn.commit()?;
        Ok((row.calloff, requests))
    }

    /// Puts back a deleted call-off with its requests (undo).
    pub fn restore_calloff(&self, c: &CallOff, requests: &[Request]) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        let agreement = load_agreement(&txn, c.agreement)?;
        for r in requests {
            write_request(&txn, agreement.as_ref(), r)?;
        }
        write_calloff(&txn, agreement.as_ref(), c)?;
        audit::append(&txn, &self.actor, "calloff.restore", &c.reference, c)?;
        txn.commit()?;
        Ok(())
    }

    /// Adds or replaces one request (same call-off, supplier and minute sent).
    pub fn save_request(&self, r: &Request) -> Result<(), StoreError> {
        self.import_requests(std::slice::from_ref(r)).map(|_| ())
    }

    /// Removes one request.
    pub fn delete_request(&self, r: &Request) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        let key = request_key(r);
        let at = (r.agreement.0, key.as_str());
        let removed: Option<Request> = txn
            .open_table(REQUESTS)?
            .remove(at)?
            .map(|v| request::decode(r.agreement.0, &key, v.value()))
            .transpose()?;
        // What is taken out of the aggregates is what was stored, not what was passed.
        let Some(stored) = removed else {
            return Err(StoreError::NotFound(r.calloff.clone()));
        };
        txn.open_table(AWAITED)?.remove(at)?;
        aggregates::request_deleted(&txn, &stored)?;
        refresh_rows(&txn, &BTreeSet::from([(r.agreement.0, r.calloff.clone())]))?;
        audit::append(&txn, &self.actor, "request.delete", &r.calloff, r)?;
        txn.commit()?;
        Ok(())
    }
}
