//! Reading the aggregates: the §5 KPI table of a period, and the same counters month by
//! month for the trend charts. One read transaction; cost is the days in the period per
//! supplier plus the requests whose deadline is still ahead of the as-of time.

use std::collections::BTreeMap;

use redb::ReadTransaction;
use time::{Date, PrimitiveDateTime};

use super::{Late, NOT_IN_TIME, RANKING_DAYS, SUPPLIER_DAYS, instant};
use crate::domain::Agreement;
use crate::domain::counts::{
    AggregateMonths, Counts, MonthFigures, Period, PeriodCounts, RankingCounts, ReportedHours,
    SupplierPeriod,
};
use crate::domain::supplier_report::{SupplierMonth, month_of};
use crate::store::records;
use crate::store::tables::SUPPLIER_STATS;
use crate::store::{Store, StoreError};

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
            let c: Counts = records::decode(v.value(), "aggregate")?;
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
        let l: Late = records::decode(v.value(), "aggregate")?;
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
        let r: RankingCounts = records::decode(v.value(), "aggregate")?;
        if let Ok(d) = Date::from_julian_day(k.value().1) {
            ranking
                .entry(bucket(d))
                .or_insert_with(RankingCounts::default)
                .add(&r, 1);
        }
    }
    Ok((out, ranking))
}

impl Store {
    /// The counters of `agreement` over `period` at `as_of`, from the aggregates: what
    /// `stats::kpi_from_counts` turns into the §5 KPI table, the same figures as
    /// `stats::kpi_table` over every call-off, request and reported month of the
    /// agreement, without reading them.
    pub fn period_counts(
        &self,
        agreement: &Agreement,
        period: Period,
        as_of: PrimitiveDateTime,
    ) -> Result<PeriodCounts, StoreError> {
        let txn = self.db.begin_read()?;
        let (buckets, ranking) = fold(&txn, agreement, period, as_of, |_| period.from)?;
        let mut reported = vec![ReportedHours::default(); agreement.suppliers.len()];
        let stats = txn.open_table(SUPPLIER_STATS)?;
        let a = agreement.id.0;
        for item in stats.range((a, "", "")..(a.saturating_add(1), "", ""))? {
            let (_, v) = item?;
            let m: SupplierMonth = records::decode(v.value(), "supplier month")?;
            if !period.contains(m.month) {
                continue;
            }
            if let Some(i) = agreement
                .suppliers
                .iter()
                .position(|s| s.org_number == m.supplier)
            {
                let r = &mut reported[i];
                r.months += 1;
                r.sick += m.sick_hours.0;
                r.scheduled += m.scheduled_hours.0;
            }
        }
        let suppliers = reported
            .into_iter()
            .enumerate()
            .map(|(i, reported)| {
                let (counts, pending) = buckets.get(&(i, period.from)).copied().unwrap_or_default();
                SupplierPeriod {
                    counts,
                    pending,
                    reported,
                }
            })
            .collect();
        Ok(PeriodCounts {
            suppliers,
            ranking: ranking.get(&period.from).copied().unwrap_or_default(),
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
