//! Importing requests: grouped by call-off, each call-off's row brought up to date once.

use std::ops::Range;

use redb::{ReadableTable, WriteTransaction};

use crate::domain::calloff::Request;
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};

use super::super::super::StoreError;
use super::super::super::aggregates::Deltas;
use super::super::super::bulk::{self, Values};
use super::super::super::calloff_index;
use super::super::super::records::names::WriteNames;
use super::super::super::records::{awaited, calloff_row, request};
use super::super::super::tables::{AWAITED, CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS};
use super::super::{CallOffRow, ImportCount, request_key};
use super::calloffs::IndexKey;
use super::{Agreements, Deadlines, Progress, Reads, Ticker, awaited_entry};

/// A key of the requests and awaited tables: agreement, request key.
type RequestKey<'r> = (u64, &'r str);

/// What importing requests writes, table by table, gathered before any of it is written.
#[derive(Default)]
struct RequestWrites<'r> {
    values: Values,
    requests: Vec<(RequestKey<'r>, Range<usize>)>,
    /// Set (Some) or removed (None), the last for a key counting.
    awaited: Vec<(RequestKey<'r>, Option<Range<usize>>)>,
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
        self.count += later.count;
    }
}

/// Works out what `group`s of requests (positions in `requests`, whole call-offs,
/// grouped by agreement and call-off) write: rows read, outcomes assessed, values encoded, deltas
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
        let first = &requests[groups[start]];
        let (id, calloff) = (first.agreement.0, first.calloff.as_str());
        let end = groups[start..]
            .iter()
            .position(|&i| !same_calloff(&requests[i], first))
            .map_or(groups.len(), |n| start + n);
        let group = &mut groups[start..end];
        start = end;
        group.sort_by(|a, b| keys[*a].cmp(&keys[*b]));

        let row: CallOffRow = match reads.rows.get((id, calloff))? {
            Some(v) => calloff_row::decode(id, calloff, v.value(), &reads.names)?,
            None => return Err(StoreError::NotFound(calloff.to_string())),
        };
        agreements.load(id)?;
        let agreement = agreements.get(id);
        let open = row.calloff.awarded_supplier.is_none();
        // What is stored now, so that nothing written here has to be read back.
        let stored = reads.stored_requests(id, calloff)?;
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
            w.requests.push((
                (id, key),
                w.values.push_with(|out| request::encode_append(out, r)),
            ));
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
                Some(entry) => {
                    let at = w
                        .values
                        .push_with(|out| awaited::encode_append(out, &entry));
                    w.awaited.push(((id, key), Some(at)));
                }
                None if old.is_some() => w.awaited.push(((id, key), None)),
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
        let at = w
            .values
            .push_with(|out| calloff_row::encode_append(out, &fresh, &reads.names))?;
        w.rows.push(((id, calloff), at));
        // The index entry depends on the call-off, which is as it was, and its outcome.
        if !same_outcome {
            let (a, at, _) = calloff_index::key_of(&fresh);
            let value = w
                .values
                .push_bytes(&calloff_index::encode_stored(&fresh, &reads.names)?);
            w.index.push(((a, at, calloff), value));
        }
    }
    Ok(w)
}

/// Whether two requests are of one call-off: the same agreement and reference.
fn same_calloff(a: &Request, b: &Request) -> bool {
    a.agreement == b.agreement && a.calloff == b.calloff
}

/// The first position at or after `at` where a new call-off begins in `order` (grouped
/// by call-off), or its end.
fn group_boundary(requests: &[Request], order: &[usize], at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let before = &requests[order[at - 1]];
    order[at..]
        .iter()
        .position(|&i| !same_calloff(&requests[i], before))
        .map_or(order.len(), |n| at + n)
}

/// Writes requests as [`super::super::write_request`] would one by one and then brings each
/// touched call-off's row up to date once: first works out every entry (the two halves
/// of the call-offs on two threads), then writes the tables on two threads. A request
/// for a call-off not stored refuses all.
pub(super) fn write_requests(
    txn: &WriteTransaction,
    requests: &[Request],
    progress: &mut Progress<'_>,
) -> Result<ImportCount, StoreError> {
    let keys: Vec<String> = requests.iter().map(request_key).collect();
    // Grouped by call-off (a file is usually in that order already, which a stable sort
    // sees in one pass), then by key within each call-off, a later duplicate kept.
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&requests[*a], &requests[*b]);
        (a.agreement, &a.calloff).cmp(&(b.agreement, &b.calloff))
    });
    // A step per request worked out and per request written.
    let mut ticker = Ticker::new(progress, requests.len(), 2 * requests.len());
    // The suppliers outcomes may name, numbered before the work is shared out.
    let mut agreements: Vec<u64> = requests.iter().map(|r| r.agreement.0).collect();
    agreements.dedup();
    super::add_agreement_names(txn, &WriteNames::new(txn), agreements)?;
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
    w.awaited.sort_by(|a, b| a.0.cmp(&b.0));
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
                t.remove(key)?;
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
