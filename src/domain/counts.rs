//! The counters behind the KPIs (DESIGN §5): what the store keeps per day and hands out
//! per period or month. Counting is the store's; turning counters into shares, means and
//! trends is `stats`' alone, so a table, a chart and a report cannot disagree.

use std::collections::BTreeMap;

use time::Date;

/// Dates `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// Counters of one supplier on one day (or summed over a period). Signed so that a
/// delta is a `Counts` too; stored values are never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub requests: i64,
    pub answered_in_time: i64,
    /// Requests without an in-time answer: pending or not answered in time, by as-of.
    pub not_in_time: i64,
    pub awarded: i64,
    pub delivered: i64,
    pub on_time: i64,
    pub consultants: i64,
    pub replaced: i64,
    pub quality_sum: i64,
    pub quality_count: i64,
}

impl Counts {
    pub fn add(&mut self, o: &Counts, sign: i64) {
        self.requests += sign * o.requests;
        self.answered_in_time += sign * o.answered_in_time;
        self.not_in_time += sign * o.not_in_time;
        self.awarded += sign * o.awarded;
        self.delivered += sign * o.delivered;
        self.on_time += sign * o.on_time;
        self.consultants += sign * o.consultants;
        self.replaced += sign * o.replaced;
        self.quality_sum += sign * o.quality_sum;
        self.quality_count += sign * o.quality_count;
    }

    pub fn is_zero(&self) -> bool {
        *self == Counts::default()
    }
}

/// The ranking figures of one agreement on one day (or over a period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RankingCounts {
    pub ranking_calloffs: i64,
    pub compliant: i64,
    pub deviations: i64,
}

impl RankingCounts {
    pub fn add(&mut self, o: &RankingCounts, sign: i64) {
        self.ranking_calloffs += sign * o.ranking_calloffs;
        self.compliant += sign * o.compliant;
        self.deviations += sign * o.deviations;
    }
}

/// What a supplier's own monthly reports of a period add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportedHours {
    /// Months reported in the period.
    pub months: u64,
    pub sick: u64,
    pub scheduled: u64,
}

/// One supplier's counters over a period, with the requests still pending at as-of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SupplierPeriod {
    pub counts: Counts,
    pub pending: i64,
    pub reported: ReportedHours,
}

/// The counters of one agreement over a period: one entry per supplier of the
/// agreement, in its order, and the ranking figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodCounts {
    pub suppliers: Vec<SupplierPeriod>,
    pub ranking: RankingCounts,
}

/// One supplier's counters for one month, with the requests still pending at as-of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    /// Index into the agreement's suppliers.
    pub supplier: usize,
    /// First day of the month.
    pub month: Date,
    pub counts: Counts,
    pub pending: i64,
}

/// The counters of a period month by month: per supplier (months with no activity left
/// out) and the agreement's ranking figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AggregateMonths {
    pub suppliers: Vec<MonthFigures>,
    pub ranking: BTreeMap<Date, RankingCounts>,
}
