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
use crate::domain::{Agreement, ResponseTime};
use crate::store::records;

use super::super::records::names::{Ids, NameMap, WriteNames};
use super::super::records::request;
use super::super::tables::{AGREEMENTS, CALLOFF_ROWS, REQUESTS};
use super::super::{Store, StoreError, audit};
use super::{Awaited, ImportCount, request_range};

mod calloffs;
mod requests;

use calloffs::write_calloffs;
use requests::write_requests;

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
                .map(|v| records::agreement::decode(v.value()))
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
    /// False when no call-off is stored yet (a first import): nothing to look up.
    calloffs_stored: bool,
    rows: Table<'t, (u64, &'static str), &'static [u8]>,
    /// None when no request is stored yet: then none is read back for any call-off.
    requests: Option<Table<'t, (u64, &'static str), &'static [u8]>>,
    agreements: Table<'t, u64, &'static [u8]>,
    /// Every name, read once (the call-offs' own are added before).
    names: NameMap,
}

impl<'t> Reads<'t> {
    fn open(txn: &'t WriteTransaction) -> Result<Reads<'t>, StoreError> {
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let requests = txn.open_table(REQUESTS)?;
        Ok(Reads {
            calloffs_stored: !rows.is_empty()?,
            rows,
            requests: if requests.is_empty()? {
                None
            } else {
                Some(requests)
            },
            agreements: txn.open_table(AGREEMENTS)?,
            names: NameMap::load(txn)?,
        })
    }

    /// The stored requests of call-off `calloff` of agreement `agreement`, each with its
    /// request key, in key order.
    fn stored_requests(
        &self,
        agreement: u64,
        calloff: &str,
    ) -> Result<Vec<(String, Request)>, StoreError> {
        let Some(table) = &self.requests else {
            return Ok(Vec::new());
        };
        let (from, to) = request_range(calloff);
        let mut out = Vec::new();
        for item in table.range((agreement, from.as_str())..(agreement, to.as_str()))? {
            let (k, v) = item?;
            let key = k.value().1;
            out.push((key.to_string(), request::decode(agreement, key, v.value())?));
        }
        Ok(out)
    }
}

/// Numbers every name the rows of the given agreements' call-offs may refer to before an
/// import shares out its work (the threads then only read names): each agreement's
/// ranked and contracted suppliers, which outcomes name.
fn add_agreement_names(
    txn: &WriteTransaction,
    names: &WriteNames<'_>,
    agreements: impl IntoIterator<Item = u64>,
) -> Result<(), StoreError> {
    let mut seen = std::collections::HashSet::new();
    for id in agreements {
        if !seen.insert(id) {
            continue;
        }
        let found = txn
            .open_table(AGREEMENTS)?
            .get(id)?
            .map(|v| records::agreement::decode(v.value()))
            .transpose()?;
        let Some(a) = found else { continue };
        for org in a.lots.iter().flat_map(|l| &l.ranking) {
            names.id(org.digits())?;
        }
        for s in &a.suppliers {
            names.id(s.org_number.digits())?;
        }
    }
    Ok(())
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
fn last_by_key<'a, T, K: Ord>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|a, b| key(&items[*a]).cmp(&key(&items[*b])));
    let mut out: Vec<usize> = Vec::with_capacity(order.len());
    for i in order {
        match out.last_mut() {
            Some(last) if key(&items[*last]) == key(&items[i]) => *last = i,
            _ => out.push(i),
        }
    }
    out
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
                agreement: crate::domain::AgreementId(1),
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
            assert_eq!(super::super::request_key(&r), old);
        }
    }
}
