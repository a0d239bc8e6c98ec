//! Importing many call-offs or requests in one write transaction (issue 7: 100 000
//! call-offs with their requests in under a second). The result is the one writing them
//! one at a time would give — rows, outcomes, the compact index, the awaited index, the
//! KPI aggregates — but every table is opened once, each call-off is visited once in key
//! order, nothing just written is read back, and the aggregates are written once at the
//! end. Progress is told through a callback, so the store knows nothing of terminals.

use std::collections::HashMap;
use std::ops::Range;

use redb::{ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use time::{Date, PrimitiveDateTime};

use crate::domain::calloff::{CallOff, Request};
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};
use crate::domain::{Agreement, ResponseTime};

use super::super::aggregates::Deltas;
use super::super::bulk::{self, Values};
use super::super::calloff_index;
use super::super::encoding::{self, V1};
use super::super::penalty_watch;
use super::super::tables::{
    AGREEMENTS, AWAITED, CALLOFF_AGREEMENT, CALLOFF_INDEX, CALLOFF_ROWS, PENALTY_WATCH, REQUESTS,
};
use super::super::{Store, StoreError, audit};
use super::{Awaited, CallOffRow, ImportCount, request_key, request_range};

/// Told `(done, total)` while an import works: counts that only grow, the last call
/// being `(total, total)`. Called every [`PROGRESS_EVERY`] records, not for each.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// How many records pass between two progress calls.
pub const PROGRESS_EVERY: usize = 2048;

/// Calls the progress callback every [`PROGRESS_EVERY`] records and once at the end.
/// An import passes over its records more than once (worked out, then written): the
/// steps of all passes are told as a share of the records, so a bar counts records.
struct Ticker<'p, 'a> {
    progress: &'p mut Progress<'a>,
    total: usize,
    steps: usize,
    done: usize,
}

impl<'p, 'a> Ticker<'p, 'a> {
    /// `steps` in all for `total` records.
    fn new(progress: &'p mut Progress<'a>, total: usize, steps: usize) -> Self {
        (progress)(0, total);
        Ticker {
            progress,
            total,
            steps: steps.max(1),
            done: 0,
        }
    }

    fn add(&mut self, n: usize) {
        let records = |done: usize| done * self.total / self.steps;
        let before = records(self.done) / PROGRESS_EVERY;
        self.done = (self.done + n).min(self.steps);
        let now = records(self.done);
        if now / PROGRESS_EVERY != before {
            (self.progress)(now, self.total);
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

/// Agreements read once each (by one thread; each thread of an import has its own).
struct Agreements<'a, 't> {
    table: &'a Table<'t, u64, &'static [u8]>,
    cache: HashMap<u64, Option<Agreement>>,
}

impl<'a, 't> Agreements<'a, 't> {
    fn new(table: &'a Table<'t, u64, &'static [u8]>) -> Self {
        Agreements {
            table,
            cache: HashMap::new(),
        }
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

/// The tables an import reads, opened once in its transaction before anything is
/// written to them and read from two threads while the import works out its entries.
struct Reads<'t> {
    by_reference: Table<'t, &'static str, u64>,
    /// False when no call-off is stored yet (a first import): nothing to look up.
    calloffs_stored: bool,
    rows: Table<'t, (u64, &'static str), &'static [u8]>,
    /// None when no request is stored yet: then none is read back for any call-off.
    requests: Option<Table<'t, &'static str, &'static [u8]>>,
    agreements: Table<'t, u64, &'static [u8]>,
}

impl<'t> Reads<'t> {
    fn open(txn: &'t WriteTransaction) -> Result<Reads<'t>, StoreError> {
        let by_reference = txn.open_table(CALLOFF_AGREEMENT)?;
        let requests = txn.open_table(REQUESTS)?;
        Ok(Reads {
            calloffs_stored: !by_reference.is_empty()?,
            by_reference,
            rows: txn.open_table(CALLOFF_ROWS)?,
            requests: if requests.is_empty()? {
                None
            } else {
                Some(requests)
            },
            agreements: txn.open_table(AGREEMENTS)?,
        })
    }

    /// The stored requests of `calloff`, each with its key, in key order.
    fn stored_requests(&self, calloff: &str) -> Result<Vec<(String, Request)>, StoreError> {
        match &self.requests {
            Some(table) => stored_requests(table, calloff),
            None => Ok(Vec::new()),
        }
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

/// The awaited entry of `r`: set (Some) while it has no answer and its call-off is
/// `open` (not awarded), removed (None) otherwise.
fn awaited_entry(
    due: Option<(&Agreement, PrimitiveDateTime)>,
    open: bool,
    r: &Request,
) -> Option<Awaited> {
    match (r.answer, due) {
        (None, Some((a, deadline))) if open => Some(Awaited {
            agreement: a.id,
            calloff: r.calloff.clone(),
            supplier: r.supplier.clone(),
            sent_at: r.sent_at,
            deadline,
        }),
        _ => None,
    }
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

/// A key of the compact call-off index: agreement, requested at (seconds), reference.
type IndexKey<'a> = (u64, i64, &'a str);
/// A key of the penalty watch: agreement, due day (Julian), reference.
type WatchKey<'a> = (u64, i32, &'a str);

/// What importing call-offs writes, table by table, gathered before any of it is written
/// so that the tables can be written side by side.
#[derive(Default)]
struct CallOffWrites<'c> {
    by_reference: Vec<(&'c str, u64)>,
    /// Rows of call-offs moved to another agreement, under the old one.
    rows_moved: Vec<(u64, &'c str)>,
    rows: Vec<((u64, &'c str), Vec<u8>)>,
    index_old: Vec<IndexKey<'c>>,
    index: Vec<(IndexKey<'c>, Vec<u8>)>,
    watch_old: Vec<WatchKey<'c>>,
    watch: Vec<(WatchKey<'c>, u8)>,
    /// Awaited entries of requests stored before their call-off: set or removed.
    awaited: Vec<(String, Option<Vec<u8>>)>,
    deltas: Deltas,
    count: ImportCount,
}

impl<'c> CallOffWrites<'c> {
    /// Takes `later`'s writes after these, as if worked out after them.
    fn append(&mut self, later: CallOffWrites<'c>) {
        self.by_reference.extend(later.by_reference);
        self.rows_moved.extend(later.rows_moved);
        self.rows.extend(later.rows);
        self.index_old.extend(later.index_old);
        self.index.extend(later.index);
        self.watch_old.extend(later.watch_old);
        self.watch.extend(later.watch);
        self.awaited.extend(later.awaited);
        self.deltas.merge(later.deltas);
        self.count.new += later.count.new;
        self.count.updated += later.count.updated;
    }
}

/// Works out what the call-offs at `order` (positions in `calloffs`, by reference, each
/// once) write: stored rows and requests read, outcomes assessed, entries encoded, deltas
/// gathered. Calls `tick` once per call-off.
fn work_out_calloffs<'c>(
    reads: &Reads<'_>,
    calloffs: &'c [CallOff],
    order: &[usize],
    mut tick: impl FnMut(),
) -> Result<CallOffWrites<'c>, StoreError> {
    let mut w = CallOffWrites::default();
    let mut agreements = Agreements::new(&reads.agreements);
    let mut deadlines = Deadlines::default();
    for &i in order {
        let c = &calloffs[i];
        let id = c.agreement.0;
        let reference = c.reference.as_str();
        let before = if reads.calloffs_stored {
            reads.by_reference.get(reference)?.map(|v| v.value())
        } else {
            None
        };
        w.by_reference.push((reference, id));
        if before.is_none() {
            w.count.new += 1;
        } else {
            w.count.updated += 1;
        }
        agreements.load(id)?;
        if let Some(old_id) = before {
            agreements.load(old_id)?;
        }
        let agreement = agreements.get(id);
        // Requests stored before their call-off (an undo puts them back first) or
        // before an update: awaited only while nothing is awarded.
        let stored = reads.stored_requests(reference)?;
        let open = c.awarded_supplier.is_none();
        for (key, r) in &stored {
            let due = agreement.map(|a| (a, deadlines.of(a.response_time, r.sent_at)));
            let entry = awaited_entry(due, open, r).map(|e| encoding::encode(V1, &e));
            w.awaited.push((key.clone(), entry));
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
            Some(old) => reads
                .rows
                .get((old, reference))?
                .map(|v| encoding::decode_v1(v.value(), "call-off"))
                .transpose()?,
            None => None,
        };
        if let Some(old_id) = before
            && old_id != id
        {
            w.rows_moved.push((old_id, reference));
        }
        if let Some(old) = &old {
            let (a, at, _) = calloff_index::key_of(old);
            w.index_old.push((a, at, reference));
            if let Some((a, due, _)) = penalty_watch::key(old) {
                w.watch_old.push((a, due, reference));
            }
            w.deltas.row(old, -1);
            // A call-off moved to another agreement takes its requests' counts along.
            if old.calloff.agreement.0 != id {
                if let Some(from) = agreements.get(old.calloff.agreement.0) {
                    for r in list() {
                        w.deltas.request(from, r, -1);
                    }
                }
                if let Some(to) = agreement {
                    for r in list() {
                        w.deltas.request(to, r, 1);
                    }
                }
            }
        }
        w.deltas.row(&row, 1);
        let (a, at, _) = calloff_index::key_of(&row);
        w.index
            .push(((a, at, reference), calloff_index::encode(&row)));
        if let Some((a, due, _)) = penalty_watch::key(&row) {
            w.watch
                .push(((a, due, reference), penalty_watch::flags(&row)));
        }
        w.rows.push(((id, reference), encoding::encode(V1, &row)));
        tick();
    }
    Ok(w)
}

/// Writes call-offs as [`super::write_calloff`] would one by one: first works out every
/// entry (the two halves of the call-offs on two threads), then writes the tables on two
/// threads.
fn write_calloffs(
    txn: &WriteTransaction,
    calloffs: &[CallOff],
    progress: &mut Progress<'_>,
) -> Result<ImportCount, StoreError> {
    let order = last_by_key(calloffs, |c| c.reference.as_str());
    // A step per call-off worked out and per row written.
    let mut ticker = Ticker::new(progress, calloffs.len(), 2 * order.len());
    let reads = Reads::open(txn)?;
    // Only this thread tells progress; the halves keep pace, so each of its call-offs
    // counts twice.
    let (first, second) = order.split_at(order.len() / 2);
    let (mut w, later) = bulk::side_by_side(
        || work_out_calloffs(&reads, calloffs, first, || ticker.add(2)),
        || work_out_calloffs(&reads, calloffs, second, || {}),
    )?;
    w.append(later);
    drop(reads);
    // A reference given more than once is new at most once; the rest replace it.
    let count = ImportCount {
        new: w.count.new,
        updated: w.count.updated + calloffs.len() - order.len(),
    };
    // Each table in its key order, so that a first import appends.
    w.rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.index.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.watch.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let CallOffWrites {
        by_reference,
        rows_moved,
        rows,
        index_old,
        index,
        watch_old,
        watch,
        awaited,
        deltas,
        count: _,
    } = w;
    bulk::side_by_side(
        || {
            let mut t = txn.open_table(CALLOFF_ROWS)?;
            for k in rows_moved {
                t.remove(k)?;
            }
            let entries = rows.iter().map(|(k, v)| {
                ticker.add(1);
                (*k, v.as_slice())
            });
            bulk::put_sorted(&mut t, entries)?;
            deltas.flush(txn)
        },
        || {
            let mut t = txn.open_table(CALLOFF_AGREEMENT)?;
            bulk::put_sorted(&mut t, by_reference)?;
            let mut t = txn.open_table(CALLOFF_INDEX)?;
            for k in index_old {
                t.remove(k)?;
            }
            bulk::put_sorted(&mut t, index.iter().map(|(k, v)| (*k, v.as_slice())))?;
            let mut t = txn.open_table(PENALTY_WATCH)?;
            for k in watch_old {
                t.remove(k)?;
            }
            bulk::put_sorted(&mut t, watch)?;
            let mut t = txn.open_table(AWAITED)?;
            for (key, entry) in &awaited {
                match entry {
                    Some(v) => t.insert(key.as_str(), v.as_slice())?,
                    None => t.remove(key.as_str())?,
                };
            }
            Ok(())
        },
    )?;
    ticker.finish();
    Ok(count)
}

/// What importing requests writes, table by table, gathered before any of it is written.
#[derive(Default)]
struct RequestWrites<'r> {
    values: Values,
    requests: Vec<(&'r str, Range<usize>)>,
    /// Set (Some) or removed (None), the last for a key counting.
    awaited: Vec<(&'r str, Option<Range<usize>>)>,
    rows: Vec<((u64, &'r str), Range<usize>)>,
    index: Vec<(IndexKey<'r>, Range<usize>)>,
    deltas: Deltas,
    count: ImportCount,
}

impl<'r> RequestWrites<'r> {
    /// Takes `later`'s writes after these, as if worked out after them.
    fn append(&mut self, later: RequestWrites<'r>) {
        let moved = self.values.append(later.values);
        let moved = &moved;
        self.requests
            .extend(later.requests.into_iter().map(|(k, v)| (k, moved(&v))));
        self.awaited.extend(
            later
                .awaited
                .into_iter()
                .map(|(k, v)| (k, v.as_ref().map(moved))),
        );
        self.rows
            .extend(later.rows.into_iter().map(|(k, v)| (k, moved(&v))));
        self.index
            .extend(later.index.into_iter().map(|(k, v)| (k, moved(&v))));
        self.deltas.merge(later.deltas);
        self.count.new += later.count.new;
        self.count.updated += later.count.updated;
    }
}

/// Works out what `group`s of requests (positions in `requests`, whole call-offs,
/// grouped by call-off) write: rows read, outcomes assessed, values encoded, deltas
/// gathered. Calls `tick` once per request.
fn work_out_requests<'r>(
    reads: &Reads<'_>,
    requests: &'r [Request],
    keys: &'r [String],
    groups: &mut [usize],
    mut tick: impl FnMut(),
) -> Result<RequestWrites<'r>, StoreError> {
    let mut w = RequestWrites::default();
    let mut agreements = Agreements::new(&reads.agreements);
    let mut deadlines = Deadlines::default();
    let mut start = 0;
    while start < groups.len() {
        let calloff = requests[groups[start]].calloff.as_str();
        let end = groups[start..]
            .iter()
            .position(|&i| requests[i].calloff != calloff)
            .map_or(groups.len(), |n| start + n);
        let group = &mut groups[start..end];
        start = end;
        group.sort_by(|a, b| keys[*a].cmp(&keys[*b]));

        let Some(id) = reads.by_reference.get(calloff)?.map(|v| v.value()) else {
            return Err(StoreError::NotFound(calloff.to_string()));
        };
        let row: CallOffRow = match reads.rows.get((id, calloff))? {
            Some(v) => encoding::decode_v1(v.value(), "call-off")?,
            None => return Err(StoreError::NotFound(calloff.to_string())),
        };
        agreements.load(id)?;
        let agreement = agreements.get(id);
        let open = row.calloff.awarded_supplier.is_none();
        // What is stored now, so that nothing written here has to be read back.
        let stored = reads.stored_requests(calloff)?;
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
            w.requests.push((key, w.values.push(V1, r)));
            if old.is_none() {
                w.count.new += 1;
            } else {
                w.count.updated += 1;
            }
            let due = agreement.map(|a| (a, deadlines.of(a.response_time, r.sent_at)));
            if let Some((a, deadline)) = due {
                if let Some(old) = old {
                    w.deltas.request(a, old, -1);
                }
                w.deltas.request_at(a.id.0, r, key, deadline, 1);
            }
            // A new request leaves no entry to remove.
            match awaited_entry(due, open, r) {
                Some(entry) => w.awaited.push((key, Some(w.values.push(V1, &entry)))),
                None if old.is_some() => w.awaited.push((key, None)),
                None => {}
            }
            tick();
        }
        let outcome = match agreement {
            Some(a) => assess_in_agreement(&row.calloff, a, all.iter().map(|(_, r)| *r)),
            None => RankingOutcome::NotAssessed,
        };
        w.deltas.row(&row, -1);
        let same_outcome = outcome == row.outcome;
        let requests_now = all.len() as u32;
        drop(all);
        let fresh = CallOffRow {
            calloff: row.calloff,
            requests: requests_now,
            outcome,
        };
        w.deltas.row(&fresh, 1);
        w.rows.push(((id, calloff), w.values.push(V1, &fresh)));
        // The index entry depends on the call-off, which is as it was, and its outcome.
        if !same_outcome {
            let (a, at, _) = calloff_index::key_of(&fresh);
            let value = w.values.push_bytes(&calloff_index::encode(&fresh));
            w.index.push(((a, at, calloff), value));
        }
    }
    Ok(w)
}

/// The first position at or after `at` where a new call-off begins in `order` (grouped
/// by call-off), or its end.
fn group_boundary(requests: &[Request], order: &[usize], at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let before = &requests[order[at - 1]].calloff;
    order[at..]
        .iter()
        .position(|&i| &requests[i].calloff != before)
        .map_or(order.len(), |n| at + n)
}

/// Writes requests as [`super::write_request`] would one by one and then brings each
/// touched call-off's row up to date once: first works out every entry (the two halves
/// of the call-offs on two threads), then writes the tables on two threads. A request
/// for a call-off not stored refuses all.
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
    // A step per request worked out and per request written.
    let mut ticker = Ticker::new(progress, requests.len(), 2 * requests.len());
    let reads = Reads::open(txn)?;
    // Halves split between call-offs; only this thread tells progress, and the halves
    // keep pace, so each of its requests counts twice.
    let middle = group_boundary(requests, &order, order.len() / 2);
    let (first, second) = order.split_at_mut(middle);
    let (mut w, later) = bulk::side_by_side(
        || work_out_requests(&reads, requests, &keys, first, || ticker.add(2)),
        || work_out_requests(&reads, requests, &keys, second, || {}),
    )?;
    w.append(later);
    drop(reads);
    let count = w.count;
    // A key given twice in the file: the later one counts, as when written in turn.
    bulk::keep_last(&mut w.requests);
    w.awaited.sort_by(|a, b| a.0.cmp(b.0));
    bulk::keep_last(&mut w.awaited);
    w.rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.index.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let deltas = std::mem::take(&mut w.deltas);
    let w = &w;
    bulk::side_by_side(
        || {
            let mut t = txn.open_table(REQUESTS)?;
            let entries = w.requests.iter().map(|(k, v)| {
                ticker.add(1);
                (*k, w.values.get(v))
            });
            bulk::put_sorted(&mut t, entries)?;
            deltas.flush(txn)
        },
        || {
            let mut t = txn.open_table(AWAITED)?;
            for (key, _) in w.awaited.iter().filter(|(_, v)| v.is_none()) {
                t.remove(*key)?;
            }
            let set = w
                .awaited
                .iter()
                .filter_map(|(k, v)| Some((*k, w.values.get(v.as_ref()?))));
            bulk::put_sorted(&mut t, set)?;
            let mut t = txn.open_table(CALLOFF_INDEX)?;
            bulk::put_sorted(&mut t, w.index.iter().map(|(k, v)| (*k, w.values.get(v))))?;
            let mut t = txn.open_table(CALLOFF_ROWS)?;
            bulk::put_sorted(&mut t, w.rows.iter().map(|(k, v)| (*k, w.values.get(v))))
        },
    )?;
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
