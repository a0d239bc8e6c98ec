//! KPIs (nyckeltal) as pure functions of domain data, DESIGN §5. No store access:
//! the caller hands over the agreement, its call-offs, their requests and the
//! suppliers' own monthly reports, and gets figures back.
//!
//! Decisions where DESIGN leaves room (also in the README):
//! - The period `from..=to` is inclusive at both ends and is compared with the
//!   *date* of a request's `sent_at` and of a call-off's `requested_at`; the
//!   awarded, delivered, on-time, consultant and quality figures are all about the
//!   call-offs requested in the period, whenever they were delivered or rated.
//! - "Everything recorded counts": a delivery or an answer recorded after the as-of
//!   time still counts; the as-of time only decides whether a request's deadline has
//!   passed (pending or not answered in time), with the boundaries of
//!   [`crate::domain::calloff::request_state`].
//! - `on_time` needs a due date: a delivered call-off with no `delivery_due` is
//!   delivered but not on time (there is nothing to be on time for).
//! - `replaced_share` is capped at 1: the register allows more replacements than
//!   consultants (a replacement can be replaced), but DESIGN's shares are in 0..=1.
//! - `sick_leave_share` is null also when the months found report 0 scheduled hours
//!   (0/0); the importer refuses sick hours above scheduled hours.
//! - Shares and `quality_mean` are `f64`, the nearest double to the exact quotient,
//!   never rounded here; reports print them as they are.
//! - Only the agreement's own suppliers get a row; requests to and awards of
//!   anyone else count in no row (an award outside the lot's ranking still counts
//!   for its supplier and as a deviation).
//! - Ranking outcomes are recomputed here with the domain's rule from the requests
//!   given, not read from a cache, so the figures depend on the data alone.

mod compare;
mod counted;
mod kpi;
pub mod rules;
pub mod spend;

pub use compare::{Differences, Figures, MonthComparison, compare_reported};
pub use counted::{TrendMonth, compare_from_aggregates, kpi_from_counts, trends};
pub use kpi::{KpiTable, Period, RankingKpis, SupplierKpis, kpi_table};

/// `n / d`, or None when `d` is 0 (DESIGN's "null when 0/0").
pub fn share(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// A share as the whole percentage every view shows: rounded to the nearest, a tie to the
/// even one (as the table's `{:.0}` always did), so 2 of 3 is 67 in the table, the
/// charts and the reports alike.
pub fn whole_percent(share: f64) -> u64 {
    (share * 100.0).round_ties_even().max(0.0) as u64
}

#[cfg(test)]
mod tests;
