//! KPIs from the counters the store keeps (`domain::counts`): the same table as
//! [`super::kpi_table`] over the registers, and the month-by-month trends, by the same
//! rules ([`super::rules`]).

use time::Date;

use super::compare::{Figures, MonthComparison};
use super::kpi::{KpiTable, Period, RankingKpis, SupplierKpis};
use super::{rules, whole_percent};
use crate::domain::Agreement;
use crate::domain::counts::{AggregateMonths, Counts, PeriodCounts, RankingCounts};
use crate::domain::supplier_report::SupplierMonth;

/// A stored counter as a count (stored counters are never negative).
fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// The §5 KPI table of `agreement` from its counters over a period.
pub fn kpi_from_counts(agreement: &Agreement, counts: &PeriodCounts) -> KpiTable {
    let suppliers = agreement
        .suppliers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = counts.suppliers.get(i).copied().unwrap_or_default();
            let c = p.counts;
            let mut k = SupplierKpis::nothing_yet(&s.org_number, &s.name);
            k.requests = count(c.requests);
            k.answered_in_time = count(c.answered_in_time);
            k.pending = count(p.pending);
            k.not_answered_in_time = count(c.not_in_time - p.pending);
            k.answered_in_time_share =
                rules::answered_in_time_share(k.answered_in_time, k.not_answered_in_time);
            k.awarded = count(c.awarded);
            k.delivered = count(c.delivered);
            k.on_time = count(c.on_time);
            k.consultants = count(c.consultants);
            k.replaced_due_to_complaint = count(c.replaced);
            k.replaced_share = rules::replaced_share(k.replaced_due_to_complaint, k.consultants);
            let r = p.reported;
            k.sick_leave_share = rules::sick_leave_share(r.months, r.sick, r.scheduled);
            k.quality_mean = rules::quality_mean(count(c.quality_sum), count(c.quality_count));
            k
        })
        .collect();
    let r = counts.ranking;
    let mut ranking = RankingKpis {
        ranking_calloffs: count(r.ranking_calloffs),
        compliant: count(r.compliant),
        deviations: count(r.deviations),
        compliance_share: None,
    };
    ranking.compliance_share = rules::compliance_share(ranking.compliant, ranking.ranking_calloffs);
    KpiTable { ranking, suppliers }
}

/// One month of the trend charts, as whole percentages where there is a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendMonth {
    pub month: Date,
    pub requests: u64,
    /// None when no request of the month has a known outcome yet: a gap, not a zero.
    pub answered_in_time_percent: Option<u64>,
    pub awarded: u64,
    pub compliance_percent: Option<u64>,
}

/// The months of `window`, summed over `supplier` (an index into the agreement's
/// suppliers) or over all of them.
pub fn trends(
    months: &AggregateMonths,
    window: &[Date],
    supplier: Option<usize>,
) -> Vec<TrendMonth> {
    window
        .iter()
        .map(|m| {
            let mut sum = Counts::default();
            let mut pending = 0;
            for f in months.suppliers.iter().filter(|f| f.month == *m) {
                if supplier.is_none_or(|s| s == f.supplier) {
                    sum.add(&f.counts, 1);
                    pending += f.pending;
                }
            }
            let r: RankingCounts = months.ranking.get(m).copied().unwrap_or_default();
            let answered = count(sum.answered_in_time);
            TrendMonth {
                month: *m,
                requests: count(sum.requests),
                answered_in_time_percent: rules::answered_in_time_share(
                    answered,
                    count(sum.not_in_time - pending),
                )
                .map(whole_percent),
                awarded: count(sum.awarded),
                compliance_percent: rules::compliance_share(
                    count(r.compliant),
                    count(r.ranking_calloffs),
                )
                .map(whole_percent),
            }
        })
        .collect()
}

fn small(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// Each month a supplier reported in `period`, beside the register's figures for that
/// month from the aggregates (the same rules as [`super::compare_reported`], which scans
/// every request; a supplier not of the agreement gets zeros on the register's side).
pub fn compare_from_aggregates(
    a: &Agreement,
    reported: &[SupplierMonth],
    months: &AggregateMonths,
    period: Period,
) -> Vec<MonthComparison> {
    let mut out: Vec<MonthComparison> = reported
        .iter()
        .filter(|m| m.agreement == a.id && period.contains(m.month))
        .map(|m| {
            let i = a.suppliers.iter().position(|s| s.org_number == m.supplier);
            let own = months
                .suppliers
                .iter()
                .find(|f| Some(f.supplier) == i && f.month == m.month)
                .map(|f| Figures {
                    requests: small(f.counts.requests),
                    answered_in_time: small(f.counts.answered_in_time),
                    consultants: small(f.counts.consultants),
                    replaced_due_to_complaint: small(f.counts.replaced),
                })
                .unwrap_or_default();
            MonthComparison {
                supplier: m.supplier.clone(),
                month: m.month,
                reported: Figures {
                    requests: m.requests,
                    answered_in_time: m.answered_in_time,
                    consultants: m.consultants,
                    replaced_due_to_complaint: m.replaced_due_to_complaint,
                },
                register: own,
            }
        })
        .collect();
    out.sort_by(|x, y| (&x.supplier, x.month).cmp(&(&y.supplier, y.month)));
    out
}
