//! KPI aggregates kept current on write (DESIGN §2: "KPI tables come from aggregates
//! kept up to date on write, not a scan per frame").
//!
//! Three tables, all changed in the same write transaction as the call-off or request
//! they follow:
//! - `agg_supplier_days`: (agreement, supplier digits, julian day) → [`Counts`]: the
//!   requests sent that day to the supplier and the call-offs requested that day and
//!   awarded to it. Days rather than months so that any `from..=to` period, not only
//!   whole months, is exact; a year is at most 366 rows per supplier.
//! - `agg_ranking_days`: (agreement, julian day) → [`RankingCounts`] of the call-offs by
//!   ranking requested that day, from the outcome stored in their row.
//! - `agg_not_in_time`: (agreement, deadline in unix nanoseconds, request key) → where
//!   it counts. Every request without an in-time answer (no answer, or a late one). Its
//!   state at an as-of time is "not answered in time" once the deadline has passed and
//!   "pending" before, so a table "as of T" is the counters plus a range scan of the
//!   entries with deadline ≥ T — few when T is now.
//!
//! Each request and each call-off row contributes a fixed amount that depends only on
//! itself and its agreement's response time; a write subtracts the old contribution and
//! adds the new one. A change of the agreement (response time, lots) rebuilds that
//! agreement's aggregates. Requests of a call-off whose agreement is not stored count
//! nowhere (no response time, no deadline), in the incremental path and the rebuild alike.
//!
//! Files written before aggregates existed have no `aggregates_v1` flag in `meta`: the
//! store rebuilds everything once on open ([`ensure`]) and sets the flag.

mod deviations;
mod query;
mod rebuild;

use std::collections::BTreeMap;

use redb::{ReadableTable, WriteTransaction};
use time::{Date, PrimitiveDateTime};

use crate::domain::Agreement;
use crate::domain::calloff::{CallOffMethod, Request};
use crate::domain::counts::{Counts, RankingCounts};
use crate::domain::ranking::RankingOutcome;

use super::StoreError;
use super::calloffs::{CallOffRow, request_key};
use super::records;
use super::tables::AGREEMENTS;

pub use deviations::DeviationCounts;
pub(super) use rebuild::{ensure, rebuild_agreement};

pub(super) use super::tables::{NOT_IN_TIME, RANKING_DAYS, SUPPLIER_DAYS};

/// Where a request without an in-time answer counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::store) struct Late {
    pub supplier: String,
    pub day: i32,
}

/// A deadline as the index orders it: unix nanoseconds, taken as if UTC (only the order
/// matters, and both sides of every comparison are converted alike).
pub(super) fn instant(t: PrimitiveDateTime) -> i64 {
    i64::try_from(t.assume_utc().unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

fn day(d: Date) -> i32 {
    d.to_julian_day()
}

/// Deltas gathered in memory and written once, so an import of 100 000 call-offs reads
/// and writes each touched day once rather than once per call-off.
#[derive(Default)]
pub(super) struct Deltas {
    days: BTreeMap<(u64, String, i32), Counts>,
    ranking: BTreeMap<(u64, i32), RankingCounts>,
    /// Later operations on a key replace earlier ones: remove-then-add keeps the add.
    late: BTreeMap<(u64, i64, String), Option<Late>>,
    deviations: deviations::Gathered,
}

impl Deltas {
    /// Adds (`sign` 1) or takes away (`sign` -1) what request `r` of `agreement` counts.
    pub(super) fn request(&mut self, agreement: &Agreement, r: &Request, sign: i64) {
        let deadline = r.deadline(agreement.response_time);
        self.request_at(agreement.id.0, r, &request_key(r), deadline, sign);
    }

    /// As [`Deltas::request`], with the request's store key and deadline (from its
    /// agreement's response time) already at hand, as a bulk import has them.
    pub(super) fn request_at(
        &mut self,
        agreement: u64,
        r: &Request,
        key: &str,
        deadline: PrimitiveDateTime,
        sign: i64,
    ) {
        let d = day(r.sent_at.date());
        let mut c = Counts {
            requests: 1,
            ..Counts::default()
        };
        if r.answer_by(deadline).is_some() {
            c.answered_in_time = 1;
        } else {
            c.not_in_time = 1;
            let entry = Late {
                supplier: r.supplier.digits().to_string(),
                day: d,
            };
            self.late.insert(
                (agreement, instant(deadline), key.to_string()),
                (sign > 0).then_some(entry),
            );
        }
        self.days
            .entry((agreement, r.supplier.digits().to_string(), d))
            .or_default()
            .add(&c, sign);
    }

    /// Adds or takes away what a call-off row counts: its award figures for the awarded
    /// supplier and its ranking outcome, on the day it was requested.
    pub(super) fn row(&mut self, row: &CallOffRow, sign: i64) {
        deviations::add_row(&mut self.deviations, row, sign);
        let c = &row.calloff;
        let (a, d) = (c.agreement.0, day(c.requested_at.date()));
        if let Some(s) = &c.awarded_supplier {
            let delivered = c.delivered_at.is_some();
            let on_time = match (c.delivered_at, c.delivery_due) {
                (Some(at), Some(due)) => at <= due,
                _ => false,
            };
            let counts = Counts {
                awarded: 1,
                delivered: i64::from(delivered),
                on_time: i64::from(on_time),
                consultants: i64::from(c.consultants),
                replaced: i64::from(c.replaced_due_to_complaint),
                quality_sum: c.quality.map_or(0, i64::from),
                quality_count: i64::from(c.quality.is_some()),
                ..Counts::default()
            };
            self.days
                .entry((a, s.digits().to_string(), d))
                .or_default()
                .add(&counts, sign);
        }
        // As the KPI rule: ranking call-offs with an award, compliant or a deviation.
        if c.method == CallOffMethod::Ranking && c.awarded_supplier.is_some() {
            let r = match row.outcome {
                RankingOutcome::Compliant => RankingCounts {
                    ranking_calloffs: 1,
                    compliant: 1,
                    deviations: 0,
                },
                RankingOutcome::Deviation { .. } => RankingCounts {
                    ranking_calloffs: 1,
                    compliant: 0,
                    deviations: 1,
                },
                RankingOutcome::NotAssessed => return,
            };
            self.ranking.entry((a, d)).or_default().add(&r, sign);
        }
    }

    /// Adds `later`'s deltas to these, as if gathered after them.
    pub(super) fn merge(&mut self, later: Deltas) {
        for (key, delta) in later.days {
            self.days.entry(key).or_default().add(&delta, 1);
        }
        for (key, delta) in later.ranking {
            self.ranking.entry(key).or_default().add(&delta, 1);
        }
        self.late.extend(later.late);
        for (key, delta) in later.deviations {
            self.deviations
                .entry(key)
                .or_default()
                .add_signed(&delta, 1);
        }
    }

    /// Writes the gathered deltas into `txn`.
    pub(super) fn flush(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        let mut days = txn.open_table(SUPPLIER_DAYS)?;
        for ((a, s, d), delta) in self.days {
            if delta.is_zero() {
                continue;
            }
            let key = (a, s.as_str(), d);
            let mut now: Counts = match days.get(key)? {
                Some(v) => records::decode(v.value(), "aggregate")?,
                None => Counts::default(),
            };
            now.add(&delta, 1);
            if now.is_zero() {
                days.remove(key)?;
            } else {
                days.insert(key, records::encode(&now).as_slice())?;
            }
        }
        let mut ranking = txn.open_table(RANKING_DAYS)?;
        for (key, delta) in self.ranking {
            let mut now: RankingCounts = match ranking.get(key)? {
                Some(v) => records::decode(v.value(), "aggregate")?,
                None => RankingCounts::default(),
            };
            now.add(&delta, 1);
            if now == RankingCounts::default() {
                ranking.remove(key)?;
            } else {
                ranking.insert(key, records::encode(&now).as_slice())?;
            }
        }
        let mut late = txn.open_table(NOT_IN_TIME)?;
        for ((a, t, k), entry) in self.late {
            match entry {
                Some(e) => late.insert((a, t, k.as_str()), records::encode(&e).as_slice())?,
                None => late.remove((a, t, k.as_str()))?,
            };
        }
        deviations::flush(self.deviations, txn)
    }
}

/// The agreement `id` as stored in `txn`, if any.
pub(super) fn agreement_in(
    txn: &WriteTransaction,
    id: u64,
) -> Result<Option<Agreement>, StoreError> {
    let table = txn.open_table(AGREEMENTS)?;
    let found = table.get(id)?;
    found
        .map(|v| records::agreement::decode(v.value()))
        .transpose()
}

/// After a call-off row was written: its old contribution out, the new one in. A call-off
/// never changes agreement (its agreement is half of its key), so its requests count
/// where they did.
pub(super) fn calloff_written(
    txn: &WriteTransaction,
    old: Option<&CallOffRow>,
    new: &CallOffRow,
) -> Result<(), StoreError> {
    let mut deltas = Deltas::default();
    if let Some(old) = old {
        deltas.row(old, -1);
    }
    deltas.row(new, 1);
    deltas.flush(txn)
}

/// After a call-off and its requests were removed.
pub(super) fn calloff_deleted(
    txn: &WriteTransaction,
    row: &CallOffRow,
    requests: &[Request],
) -> Result<(), StoreError> {
    let mut deltas = Deltas::default();
    deltas.row(row, -1);
    if let Some(a) = agreement_in(txn, row.calloff.agreement.0)? {
        for r in requests {
            deltas.request(&a, r, -1);
        }
    }
    deltas.flush(txn)
}

/// After one stored request was removed (its call-off's row is refreshed separately).
pub(super) fn request_deleted(txn: &WriteTransaction, r: &Request) -> Result<(), StoreError> {
    if let Some(a) = agreement_in(txn, r.agreement.0)? {
        let mut deltas = Deltas::default();
        deltas.request(&a, r, -1);
        deltas.flush(txn)?;
    }
    Ok(())
}
