//! Importing many call-offs or requests in one write transaction (issue 7: 100 000
//! call-offs with their requests in under a second). The result is the one writing them
//! one at a time would give — rows, outcomes, the compact index, the awaited index, the
//! KPI aggregates — but every table is opened once, each call-off is visited once in key
//! order, nothing just written is read back, and the aggregates are written once at the
//! end. Progress is told through a callback, so the store knows nothing of terminals.

use std::collections::HashMap;

use redb::{ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use time::{Date, PrimitiveDateTime};

use crate::domain::calloff::{CallOff, Request};
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};
use crate::domain::{Agreement, ResponseTime};

use super::super::aggregates::Deltas;
use super::super::calloff_index;
use super::super::encoding::{self, V1};
use super::super::penalty_watch;
use super::super::tables::{
    AGREEMENTS, AWAITED, CALLOFF_AGREEMENT, CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS,
};
use super::super::{Store, StoreError, audit};
use super::{Awaited, CallOffRow, ImportCount, request_key, request_range};

/// Told `(done, total)` while an import works: counts that only grow, the last call
/// being `(total, total)`. Called every [`PROGRESS_EVERY`] records, not for each.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// How many records pass between two progress calls.
pub const PROGRESS_EVERY: usize = 2048;

/// Calls the progress callback every [`PROGRESS_EVERY`] steps and once at the end.
struct Ticker<'p, 'a> {
    progress: &'p mut Progress<'a>,
    total: usize,
    done: usize,
}

impl<'p, 'a> Ticker<'p, 'a> {
    fn new(progress: &'p mut Progress<'a>, total: usize) -> Self {
        (progress)(0, total);
        Ticker {
            progress,
            total,
            done: 0,
        }
    }

    fn add(&mut self, n: usize) {
        let before = self.done / PROGRESS_EVERY;
        self.done = (self.done + n).min(self.total);
        if self.done / PROGRESS_EVERY != before {
            (self.progress)(self.done, self.total);
        }
    }

    fn finish(self) {
        (self.progress)(self.total, self.total);
    }
}

/// Deadlines by response time and sending day, each computed once: a deadline in working
/// days depends only on the day sent (DESIGN §4), and a file's requests share few days.
#[derive(Default)]
struct Deadlines {
    by_day: HashMap<(ResponseTime, Date), PrimitiveDateTime>,
}

impl Deadlines {
    fn of(&mut self, rt: ResponseTime, sent_at: PrimitiveDateTime) -> PrimitiveDateTime {
        if let ResponseTime::Hours(_) = rt {
            return rt.deadline(sent_at);
        }
        *self
            .by_day
            .entry((rt, sent_at.date()))
            .or_insert_with(|| rt.deadline(sent_at))
    }
}

/// Agreements read once each.
struct Agreements<'t> {
    table: Table<'t, u64, &'static [u8]>,
    cache: HashMap<u64, Option<Agreement>>,
}

impl<'t> Agreements<'t> {
    fn new(txn: &'t WriteTransaction) -> Result<Self, StoreError> {
        Ok(Agreements {
            table: txn.open_table(AGREEMENTS)?,
            cache: HashMap::new(),
        })
    }

    /// Reads agreement `id` unless it has been read already.
    fn load(&mut self, id: u64) -> Result<(), StoreError> {
        if !self.cache.contains_key(&id) {
            let found = self
                .table
                .get(id)?
                .map(|v| encoding::decode_agreement(v.value()))
                .transpose()?;
            self.cache.insert(id, found);
        }
        Ok(())
    }

    /// Agreement `id` as [`Agreements::load`] read it (None when it is not stored).
    fn get(&self, id: u64) -> Option<&Agreement> {
        self.cache.get(&id).and_then(Option::as_ref)
    }
}

/// The stored requests of `calloff`, each with its key, in key order.
fn stored_requests(
    table: &Table<'_, &'static str, &'static [u8]>,
    calloff: &str,
) -> Result<Vec<(String, Request)>, StoreError> {
    let (from, to) = request_range(calloff);
    let mut out = Vec::new();
    for item in table.range(from.as_str()..to.as_str())? {
        let (k, v) = item?;
        out.push((
            k.value().to_string(),
            encoding::decode_v1(v.value(), "request")?,
        ));
    }
    Ok(out)
}

/// The awaited entry of `r` under `key`: set while it has no answer and its call-off is
/// `open` (not awarded), removed otherwise — but only looked for when `stored` says a
/// request may have left one (every awaited entry has its request under the same key).
fn set_awaited(
    awaited: &mut Table<'_, &'static str, &'static [u8]>,
    buf: &mut Vec<u8>,
    agreement: Option<(&Agreement, PrimitiveDateTime)>,
    open: bool,
    r: &Request,
    key: &str,
    stored: bool,
) -> Result<(), StoreError> {
    match (r.answer, agreement) {
        (None, Some((a, deadline))) if open => {
            let entry = Awaited {
                agreement: a.id,
                calloff: r.calloff.clone(),
                supplier: r.supplier.clone(),
                sent_at: r.sent_at,
                deadline,
            };
            awaited.insert(key, encoding::encode_into(buf, V1, &entry))?;
        }
        _ if stored => {
            awaited.remove(key)?;
        }
        _ => {}
    }
    Ok(())
}

/// Positions of `items` ordered by `key`, the last of equal keys only (a later record
/// replaces an earlier one, as when written one after the other). Stable, so a file
/// already in key order is sorted in one pass.
fn last_by_key<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|a, b| key(&items[*a]).cmp(key(&items[*b])));
    let mut out: Vec<usize> = Vec::with_capacity(order.len());
    for i in order {
        match out.last_mut() {
            Some(last) if key(&items[*last]) == key(&items[i]) => *last = i,
            _ => out.push(i),
        }
    }
    out
}

/// Writes call-offs as [`super::write_calloff`] would one by one, in one pass.
fn write_calloffs(
    txn: &WriteTransaction,
    calloffs: &[CallOff],
    progress: &mut Progress<'_>,
) -> Result<ImportCount, StoreError> {
    let order = last_by_key(calloffs, |c| c.reference.as_str());
    // A reference given more than once is new at most once; the rest replace it.
    let mut count = ImportCount {
        new: 0,
        updated: calloffs.len() - order.len(),
    };
    let mut ticker = Ticker::new(progress, calloffs.len());
    let mut agreements = Agreements::new(txn)?;
    let mut by_reference = txn.open_table(CALLOFF_AGREEMENT)?;
    let requests = txn.open_table(REQUESTS)?;
    // A table with no requests yet has none for any call-off.
    let none_stored = requests.is_empty()?;
    let mut awaited = txn.open_table(AWAITED)?;
    let mut rows = txn.open_table(CALLOFF_ROWS)?;
    let mut index = txn.open_table(CALLOFF_INDEX)?;
    let mut watch = txn.open_table(super::super::tables::PENALTY_WATCH)?;
    let mut deltas = Deltas::default();
    let mut deadlines = Deadlines::default();
    let mut buf = Vec::new();
    for i in order {
        let c = &calloffs[i];
        let id = c.agreement.0;
        let reference = c.reference.as_str();
        let before = by_reference.insert(reference, id)?.map(|v| v.value());
        if before.is_none() {
            count.new += 1;
        } else {
            count.updated += 1;
        }
        agreements.load(id)?;
        if let Some(old_id) = before {
            agreements.load(old_id)?;
        }
        let agreement = agreements.get(id);
        // Requests stored before their call-off (an undo puts them back first) or
        // before an update: awaited only while nothing is awarded.
        let stored = if none_stored {
            Vec::new()
        } else {
            stored_requests(&requests, reference)?
        };
        let open = c.awarded_supplier.is_none();
        for (key, r) in &stored {
            let due = agreement.map(|a| (a, deadlines.of(a.response_time, r.sent_at)));
            set_awaited(&mut awaited, &mut buf, due, open, r, key, true)?;
        }
        let list = || stored.iter().map(|(_, r)| r);
        let outcome = match agreement {
            Some(a) => assess_in_agreement(c, a, list()),
            None => RankingOutcome::NotAssessed,
        };
        let row = CallOffRow {
            calloff: c.clone(),
            requests: stored.len() as u32,
            outcome,
        };
        let old: Option<CallOffRow> = match before {
            Some(old) => rows
                .get((old, reference))?
                .map(|v| encoding::decode_v1(v.value(), "call-off"))
                .transpose()?,
            None => None,
        };
        if let Some(old_id) = before
            && old_id != id
        {
            rows.remove((old_id, reference))?;
        }
        if let Some(old) = &old {
            calloff_index::remove(&mut index, old)?;
            deltas.row(old, -1);
            // A call-off moved to another agreement takes its requests' counts along.
            if old.calloff.agreement.0 != id {
                if let Some(from) = agreements.get(old.calloff.agreement.0) {
                    for r in list() {
                        deltas.request(from, r, -1);
                    }
                }
                if let Some(to) = agreement {
                    for r in list() {
                        deltas.request(to, r, 1);
                    }
                }
            }
        }
        deltas.row(&row, 1);
        calloff_index::put(&mut index, &row)?;
        penalty_watch::written(&mut watch, old.as_ref(), &row)?;
        rows.insert((id, reference), encoding::encode_into(&mut buf, V1, &row))?;
        ticker.add(1);
    }
    drop((
        by_reference,
        requests,
        awaited,
        rows,
        index,
        watch,
        agreements,
    ));
    deltas.flush(txn)?;
    ticker.finish();
    Ok(count)
}

/// Writes requests as [`super::write_request`] would one by one and then brings each
/// touched call-off's row up to date once. A request for a call-off not stored refuses all.
fn write_requests(
    txn: &WriteTransaction,
    requests: &[Request],
    progress: &mut Progress<'_>,
) -> Result<ImportCount, StoreError> {
    let keys: Vec<String> = requests.iter().map(request_key).collect();
    // Grouped by call-off (a file is usually in that order already, which a stable sort
    // sees in one pass), then by key within each call-off, a later duplicate kept.
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|a, b| requests[*a].calloff.cmp(&requests[*b].calloff));
    let mut count = ImportCount::default();
    let mut ticker = Ticker::new(progress, requests.len());
    let mut agreements = Agreements::new(txn)?;
    let by_reference = txn.open_table(CALLOFF_AGREEMENT)?;
    let mut rows = txn.open_table(CALLOFF_ROWS)?;
    let mut index = txn.open_table(CALLOFF_INDEX)?;
    let mut table = txn.open_table(REQUESTS)?;
    let mut awaited = txn.open_table(AWAITED)?;
    // A table with no requests yet has none to read back for any call-off.
    let none_stored = table.is_empty()?;
    let mut deltas = Deltas::default();
    let mut deadlines = Deadlines::default();
    let mut buf = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let calloff = requests[order[start]].calloff.as_str();
        let end = order[start..]
            .iter()
            .position(|&i| requests[i].calloff != calloff)
            .map_or(order.len(), |n| start + n);
        let group = &mut order[start..end];
        start = end;
        group.sort_by(|a, b| keys[*a].cmp(&keys[*b]));

        let Some(id) = by_reference.get(calloff)?.map(|v| v.value()) else {
            return Err(StoreError::NotFound(calloff.to_string()));
        };
        let row: CallOffRow = match rows.get((id, calloff))? {
            Some(v) => encoding::decode_v1(v.value(), "call-off")?,
            None => return Err(StoreError::NotFound(calloff.to_string())),
        };
        agreements.load(id)?;
        let agreement = agreements.get(id);
        let open = row.calloff.awarded_supplier.is_none();
        // What is stored now, so that nothing written here has to be read back.
        let stored = if none_stored {
            Vec::new()
        } else {
            stored_requests(&table, calloff)?
        };
        let mut all: Vec<(&str, &Request)> = stored.iter().map(|(k, r)| (k.as_str(), r)).collect();
        for &i in group.iter() {
            let (r, key) = (&requests[i], keys[i].as_str());
            let old = match all.binary_search_by(|(k, _)| (*k).cmp(key)) {
                Ok(at) => Some(std::mem::replace(&mut all[at].1, r)),
                Err(at) => {
                    all.insert(at, (key, r));
                    None
                }
            };
            table.insert(key, encoding::encode_into(&mut buf, V1, r))?;
            if old.is_none() {
                count.new += 1;
            } else {
                count.updated += 1;
            }
            let due = agreement.map(|a| (a, deadlines.of(a.response_time, r.sent_at)));
            if let Some((a, deadline)) = due {
                if let Some(old) = old {
                    deltas.request(a, old, -1);
                }
                deltas.request_at(a.id.0, r, key, deadline, 1);
            }
            set_awaited(&mut awaited, &mut buf, due, open, r, key, old.is_some())?;
        }
        let outcome = match agreement {
            Some(a) => assess_in_agreement(&row.calloff, a, all.iter().map(|(_, r)| *r)),
            None => RankingOutcome::NotAssessed,
        };
        deltas.row(&row, -1);
        let same_outcome = outcome == row.outcome;
        let requests_now = all.len() as u32;
        drop(all);
        let fresh = CallOffRow {
            calloff: row.calloff,
            requests: requests_now,
            outcome,
        };
        deltas.row(&fresh, 1);
        rows.insert((id, calloff), encoding::encode_into(&mut buf, V1, &fresh))?;
        // The index entry depends on the call-off, which is as it was, and its outcome.
        if !same_outcome {
            calloff_index::put(&mut index, &fresh)?;
        }
        ticker.add(group.len());
    }
    drop((by_reference, rows, index, table, awaited, agreements));
    deltas.flush(txn)?;
    ticker.finish();
    Ok(count)
}

impl Store {
    /// Stores call-offs in one transaction, all or none; a reference already stored is
    /// replaced (references are keys).
    pub fn import_calloffs(&self, calloffs: &[CallOff]) -> Result<ImportCount, StoreError> {
        self.import_calloffs_with_progress(calloffs, &mut |_, _| {})
    }

    /// [`Store::import_calloffs`], telling `progress` how many call-offs are written.
    pub fn import_calloffs_with_progress(
        &self,
        calloffs: &[CallOff],
        mut progress: Progress<'_>,
    ) -> Result<ImportCount, StoreError> {
        let txn = self.db.begin_write()?;
        let count = write_calloffs(&txn, calloffs, &mut progress)?;
        audit::append(
            &txn,
            &self.actor,
            "calloffs.import",
            &format!("{} call-offs", calloffs.len()),
            &calloffs,
        )?;
        txn.commit()?;
        Ok(count)
    }

    /// Stores requests in one transaction, all or none, and brings their call-offs'
    /// outcomes up to date. The call-offs must exist (the importer checks).
    pub fn import_requests(&self, requests: &[Request]) -> Result<ImportCount, StoreError> {
        self.import_requests_with_progress(requests, &mut |_, _| {})
    }

    /// [`Store::import_requests`], telling `progress` how many requests are written.
    pub fn import_requests_with_progress(
        &self,
        requests: &[Request],
        mut progress: Progress<'_>,
    ) -> Result<ImportCount, StoreError> {
        let txn = self.db.begin_write()?;
        let count = write_requests(&txn, requests, &mut progress)?;
        audit::append(
            &txn,
            &self.actor,
            "requests.import",
            &format!("{} requests", requests.len()),
            &requests,
        )?;
        txn.commit()?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use crate::domain::OrgNumber;
    use crate::domain::calloff::Request;

    #[test]
    fn request_keys_are_as_they_always_were() {
        for sent_at in [
            datetime!(2026-04-02 14:00),
            datetime!(0999-01-09 00:05:59),
            datetime!(9999-12-31 23:59),
        ] {
            let r = Request {
                calloff: "AV-1".into(),
                supplier: OrgNumber::parse("556677-8899").unwrap(),
                sent_at,
                answered_at: None,
                answer: None,
            };
            let old = format!(
                "AV-1\u{1f}5566778899\u{1f}{:04}{:02}{:02}{:02}{:02}",
                sent_at.year(),
                u8::from(sent_at.month()),
                sent_at.day(),
                sent_at.hour(),
                sent_at.minute()
            );
            assert_eq!(super::request_key(&r), old);
        }
    }
}
