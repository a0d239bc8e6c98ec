//! Reading the aggregates: the §5 KPI table of a period, and the same counters month by
//! month for the trend charts. One read transaction; cost is the days in the period per
//! supplier plus the requests whose deadline is still ahead of the as-of time.

use std::collections::BTreeMap;

use redb::ReadTransaction;
use time::{Date, PrimitiveDateTime};

use super::{Counts, Late, NOT_IN_TIME, RANKING_DAYS, RankingCounts, SUPPLIER_DAYS, instant};
use crate::domain::Agreement;
use crate::domain::supplier_report::{SupplierMonth, month_of};
use crate::stats::{KpiTable, Period, RankingKpis, SupplierKpis, share};
use crate::store::encoding;
use crate::store::tables::SUPPLIER_STATS;
use crate::store::{Store, StoreError};

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

type Buckets = BTreeMap<(usize, Date), (Counts, i64)>;

/// Sums the counters of `period` into buckets named by `bucket(day)`.
fn fold(
    txn: &ReadTransaction,
    agreement: &Agreement,
    period: Period,
    as_of: PrimitiveDateTime,
    bucket: impl Fn(Date) -> Date,
) -> Result<(Buckets, BTreeMap<Date, RankingCounts>), StoreError> {
    let a = agreement.id.0;
    let (from, to) = (period.from.to_julian_day(), period.to.to_julian_day());
    let mut out = Buckets::new();
    let days = txn.open_table(SUPPLIER_DAYS)?;
    for (i, s) in agreement.suppliers.iter().enumerate() {
        let digits = s.org_number.digits();
        for item in days.range((a, digits, from)..=(a, digits, to))? {
            let (k, v) = item?;
            let c: Counts = encoding::decode_v1(v.value(), "aggregate")?;
            let d = Date::from_julian_day(k.value().2).map_err(|e| StoreError::Corrupt {
                what: "agg_supplier_days".into(),
                detail: e.to_string(),
            })?;
            out.entry((i, bucket(d))).or_default().0.add(&c, 1);
        }
    }
    // Only requests whose deadline is at or after as-of are still pending (DESIGN §4).
    let late = txn.open_table(NOT_IN_TIME)?;
    for item in late.range((a, instant(as_of), "")..(a.saturating_add(1), i64::MIN, ""))? {
        let (_, v) = item?;
        let l: Late = encoding::decode_v1(v.value(), "aggregate")?;
        if l.day < from || l.day > to {
            continue;
        }
        let Some(i) = agreement
            .suppliers
            .iter()
            .position(|s| s.org_number.digits() == l.supplier)
        else {
            continue;
        };
        if let Ok(d) = Date::from_julian_day(l.day) {
            out.entry((i, bucket(d))).or_default().1 += 1;
        }
    }
    let mut ranking = BTreeMap::new();
    let table = txn.open_table(RANKING_DAYS)?;
    for item in table.range((a, from)..=(a, to))? {
        let (k, v) = item?;
        let r: RankingCounts = encoding::decode_v1(v.value(), "aggregate")?;
        if let Ok(d) = Date::from_julian_day(k.value().1) {
            ranking
                .entry(bucket(d))
                .or_insert_with(RankingCounts::default)
                .add(&r, 1);
        }
    }
    Ok((out, ranking))
}

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Store {
    /// The §5 KPI table of `agreement` for `period` at `as_of`, from the aggregates: the
    /// same figures as [`crate::stats::kpi_table`] over every call-off, request and
    /// reported month of the agreement, without reading them.
    pub fn kpi_from_aggregates(
        &self,
        agreement: &Agreement,
        period: Period,
        as_of: PrimitiveDateTime,
    ) -> Result<KpiTable, StoreError> {
        let txn = self.db.begin_read()?;
        let (buckets, ranking) = fold(&txn, agreement, period, as_of, |_| period.from)?;
        let mut sick: Vec<(u64, u64, u64)> = vec![(0, 0, 0); agreement.suppliers.len()];
        let stats = txn.open_table(SUPPLIER_STATS)?;
        let a = agreement.id.0;
        for item in stats.range((a, "", "")..(a.saturating_add(1), "", ""))? {
            let (_, v) = item?;
            let m: SupplierMonth = encoding::decode_v1(v.value(), "supplier month")?;
            if !period.contains(m.month) {
                continue;
            }
            if let Some(i) = agreement
                .suppliers
                .iter()
                .position(|s| s.org_number == m.supplier)
            {
                let t = &mut sick[i];
                *t = (t.0 + 1, t.1 + m.sick_hours.0, t.2 + m.scheduled_hours.0);
            }
        }
        let suppliers = agreement
            .suppliers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (c, pending) = buckets.get(&(i, period.from)).copied().unwrap_or_default();
                let mut k = SupplierKpis::nothing_yet(&s.org_number, &s.name);
                k.requests = count(c.requests);
                k.answered_in_time = count(c.answered_in_time);
                k.pending = count(pending);
                k.not_answered_in_time = count(c.not_in_time - pending);
                k.answered_in_time_share = share(
                    k.answered_in_time,
                    k.answered_in_time + k.not_answered_in_time,
                );
                k.awarded = count(c.awarded);
                k.delivered = count(c.delivered);
                k.on_time = count(c.on_time);
                k.consultants = count(c.consultants);
                k.replaced_due_to_complaint = count(c.replaced);
                k.replaced_share =
                    share(k.replaced_due_to_complaint, k.consultants).map(|s| s.min(1.0));
                let (months, sick_h, scheduled) = sick[i];
                k.sick_leave_share = if months == 0 {
                    None
                } else {
                    share(sick_h, scheduled)
                };
                k.quality_mean = share(count(c.quality_sum), count(c.quality_count));
                k
            })
            .collect();
        let r = ranking.get(&period.from).copied().unwrap_or_default();
        let mut rk = RankingKpis {
            ranking_calloffs: count(r.ranking_calloffs),
            compliant: count(r.compliant),
            deviations: count(r.deviations),
            compliance_share: None,
        };
        rk.compliance_share = share(rk.compliant, rk.ranking_calloffs);
        Ok(KpiTable {
            ranking: rk,
            suppliers,
        })
    }

    /// The counters of `period` month by month, for the trend charts.
    pub fn aggregate_months(
        &self,
        agreement: &Agreement,
        period: Period,
        as_of: PrimitiveDateTime,
    ) -> Result<AggregateMonths, StoreError> {
        let txn = self.db.begin_read()?;
        let (buckets, ranking) = fold(&txn, agreement, period, as_of, month_of)?;
        let suppliers = buckets
            .into_iter()
            .map(|((supplier, month), (counts, pending))| MonthFigures {
                supplier,
                month,
                counts,
                pending,
            })
            .collect();
        Ok(AggregateMonths { suppliers, ranking })
    }
}
