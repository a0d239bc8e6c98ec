//! Importing call-offs: each once by reference, the last of a repeated one counting.

use redb::{ReadableTable, WriteTransaction};

use crate::domain::calloff::CallOff;
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};

use super::super::super::StoreError;
use super::super::super::aggregates::Deltas;
use super::super::super::bulk;
use super::super::super::calloff_index;
use super::super::super::penalty_watch;
use super::super::super::records::names::{Ids, WriteNames};
use super::super::super::records::{awaited, calloff_row};
use super::super::super::tables::{
    AWAITED, CALLOFF_AGREEMENTS, CALLOFF_INDEX, CALLOFF_ROWS, PENALTY_WATCH,
};
use super::super::{CallOffRow, ImportCount};
use super::{Agreements, Deadlines, Progress, Reads, Ticker, awaited_entry, last_by_key};

/// A key of the compact call-off index: agreement, requested at (seconds), reference.
pub(super) type IndexKey<'a> = (u64, i64, &'a str);
/// A key of the penalty watch: agreement, due day (Julian), reference.
type WatchKey<'a> = (u64, i32, &'a str);
/// A key of the requests and awaited tables: agreement, request key.
type RequestKey = (u64, String);

/// What importing call-offs writes, table by table, gathered before any of it is written
/// so that the tables can be written side by side.
#[derive(Default)]
struct CallOffWrites<'c> {
    by_reference: Vec<((&'c str, u64), ())>,
    rows: Vec<((u64, &'c str), Vec<u8>)>,
    index_old: Vec<IndexKey<'c>>,
    index: Vec<(IndexKey<'c>, Vec<u8>)>,
    watch_old: Vec<WatchKey<'c>>,
    watch: Vec<(WatchKey<'c>, u8)>,
    /// Awaited entries of requests stored before their call-off: set or removed.
    awaited: Vec<(RequestKey, Option<Vec<u8>>)>,
    deltas: Deltas,
    count: ImportCount,
}

impl<'c> CallOffWrites<'c> {
    /// Takes `later`'s writes after these, as if worked out after them.
    fn append(&mut self, later: CallOffWrites<'c>) {
        self.by_reference.extend(later.by_reference);
        self.rows.extend(later.rows);
        self.index_old.extend(later.index_old);
        self.index.extend(later.index);
        self.watch_old.extend(later.watch_old);
        self.watch.extend(later.watch);
        self.awaited.extend(later.awaited);
        self.deltas.merge(later.deltas);
        self.count += later.count;
    }
}

/// Works out what the call-offs at `order` (positions in `calloffs`, by agreement and
/// reference, each once) write: stored rows and requests read, outcomes assessed, entries encoded, deltas
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
        // The call-off of this agreement with this reference, if stored: one of the same
        // reference under another agreement is another call-off (DESIGN §6).
        let old: Option<CallOffRow> = if reads.calloffs_stored {
            reads
                .rows
                .get((id, reference))?
                .map(|v| calloff_row::decode(id, reference, v.value(), &reads.names))
                .transpose()?
        } else {
            None
        };
        if old.is_none() {
            w.by_reference.push(((reference, id), ()));
            w.count.new += 1;
        } else {
            w.count.updated += 1;
        }
        agreements.load(id)?;
        let agreement = agreements.get(id);
        // Requests stored before their call-off (an undo puts them back first) or
        // before an update: awaited only while nothing is awarded.
        let stored = reads.stored_requests(id, reference)?;
        let open = c.awarded_supplier.is_none();
        for (key, r) in &stored {
            let due = agreement.map(|a| (a, deadlines.of(a.response_time, r.sent_at)));
            let entry = awaited_entry(due, open, r).map(|e| awaited::encode(&e));
            w.awaited.push(((id, key.clone()), entry));
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
        if let Some(old) = &old {
            let (a, at, _) = calloff_index::key_of(old);
            w.index_old.push((a, at, reference));
            if let Some((a, due, _)) = penalty_watch::key(old) {
                w.watch_old.push((a, due, reference));
            }
            w.deltas.row(old, -1);
        }
        w.deltas.row(&row, 1);
        let (a, at, _) = calloff_index::key_of(&row);
        w.index.push((
            (a, at, reference),
            calloff_index::encode_stored(&row, &reads.names)?,
        ));
        if let Some((a, due, _)) = penalty_watch::key(&row) {
            w.watch
                .push(((a, due, reference), penalty_watch::flags(&row)));
        }
        w.rows
            .push(((id, reference), calloff_row::encode(&row, &reads.names)?));
        tick();
    }
    Ok(w)
}

/// Writes call-offs as [`super::super::write_calloff`] would one by one: first works out every
/// entry (the two halves of the call-offs on two threads), then writes the tables on two
/// threads.
pub(super) fn write_calloffs(
    txn: &WriteTransaction,
    calloffs: &[CallOff],
    progress: &mut Progress<'_>,
) -> Result<ImportCount, StoreError> {
    let order = last_by_key(calloffs, |c| (c.agreement.0, c.reference.as_str()));
    // A step per call-off worked out and per row written.
    let mut ticker = Ticker::new(progress, calloffs.len(), 2 * order.len());
    // The names the call-offs bring, numbered before the work is shared out.
    let names = WriteNames::new(txn);
    for &i in &order {
        let c = &calloffs[i];
        names.id(&c.lot)?;
        names.id(&c.orderer)?;
        if let Some(org) = &c.awarded_supplier {
            names.id(org.digits())?;
        }
    }
    let mut last = None;
    let agreements = order.iter().map(|&i| calloffs[i].agreement.0).filter(|id| {
        let new = last != Some(*id);
        last = Some(*id);
        new
    });
    super::add_agreement_names(txn, &names, agreements.collect::<Vec<_>>())?;
    drop(names);
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
    // A call-off given more than once is new at most once; the rest replace it.
    let count = ImportCount {
        new: w.count.new,
        updated: w.count.updated + calloffs.len() - order.len(),
    };
    // Each table in its key order, so that a first import appends.
    w.rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.index.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.watch.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    w.by_reference.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let CallOffWrites {
        by_reference,
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
            let entries = rows.iter().map(|(k, v)| {
                ticker.add(1);
                (*k, v.as_slice())
            });
            bulk::put_sorted(&mut t, entries)?;
            deltas.flush(txn)
        },
        || {
            let mut t = txn.open_table(CALLOFF_AGREEMENTS)?;
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
            for ((id, key), entry) in &awaited {
                match entry {
                    Some(v) => t.insert((*id, key.as_str()), v.as_slice())?,
                    None => t.remove((*id, key.as_str()))?,
                };
            }
            Ok(())
        },
    )?;
    ticker.finish();
    Ok(count)
}
