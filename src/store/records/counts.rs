//! Stored counters, each version 1: the KPI counts per day (`agg_supplier_days`), the
//! ranking counts per day (`agg_ranking_days`), requests not answered in time
//! (`agg_not_in_time`), ranking deviations per supplier (`agg_deviation_suppliers`) and
//! the supplier statistics per month (`supplier_stats`).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::AgreementId;
use crate::domain::counts::{Counts, RankingCounts};
use crate::domain::supplier_report::{Hours, SupplierMonth};

use super::super::aggregates::{DeviationCounts, Late};
use super::common::{digits, org};

pub const V1: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct CountsV1 {
    pub requests: i64,
    pub answered_in_time: i64,
    pub not_in_time: i64,
    pub awarded: i64,
    pub delivered: i64,
    pub on_time: i64,
    pub consultants: i64,
    pub replaced: i64,
    pub quality_sum: i64,
    pub quality_count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct RankingCountsV1 {
    pub ranking_calloffs: i64,
    pub compliant: i64,
    pub deviations: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct LateV1 {
    /// The organisation number's digits.
    pub supplier: String,
    pub day: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DeviationCountsV1 {
    pub awarded: i64,
    pub passed_over: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct SupplierMonthV1 {
    pub agreement: u64,
    pub supplier: String,
    pub month: Date,
    pub requests: u32,
    pub answered_in_time: u32,
    pub consultants: u32,
    pub replaced_due_to_complaint: u32,
    /// Hundredths of an hour.
    pub sick_hours: u64,
    pub scheduled_hours: u64,
}

super::shapes!(
    CountsV1,
    RankingCountsV1,
    LateV1,
    DeviationCountsV1,
    SupplierMonthV1
);
super::stored!(Counts, CountsV1, V1);
super::stored!(RankingCounts, RankingCountsV1, V1);
super::stored!(Late, LateV1, V1);
super::stored!(DeviationCounts, DeviationCountsV1, V1);
super::stored!(SupplierMonth, SupplierMonthV1, V1);

impl From<&Counts> for CountsV1 {
    fn from(c: &Counts) -> Self {
        CountsV1 {
            requests: c.requests,
            answered_in_time: c.answered_in_time,
            not_in_time: c.not_in_time,
            awarded: c.awarded,
            delivered: c.delivered,
            on_time: c.on_time,
            consultants: c.consultants,
            replaced: c.replaced,
            quality_sum: c.quality_sum,
            quality_count: c.quality_count,
        }
    }
}

impl TryFrom<CountsV1> for Counts {
    type Error = String;
    fn try_from(c: CountsV1) -> Result<Self, String> {
        Ok(Counts {
            requests: c.requests,
            answered_in_time: c.answered_in_time,
            not_in_time: c.not_in_time,
            awarded: c.awarded,
            delivered: c.delivered,
            on_time: c.on_time,
            consultants: c.consultants,
            replaced: c.replaced,
            quality_sum: c.quality_sum,
            quality_count: c.quality_count,
        })
    }
}

impl From<&RankingCounts> for RankingCountsV1 {
    fn from(c: &RankingCounts) -> Self {
        RankingCountsV1 {
            ranking_calloffs: c.ranking_calloffs,
            compliant: c.compliant,
            deviations: c.deviations,
        }
    }
}

impl TryFrom<RankingCountsV1> for RankingCounts {
    type Error = String;
    fn try_from(c: RankingCountsV1) -> Result<Self, String> {
        Ok(RankingCounts {
            ranking_calloffs: c.ranking_calloffs,
            compliant: c.compliant,
            deviations: c.deviations,
        })
    }
}

impl From<&Late> for LateV1 {
    fn from(l: &Late) -> Self {
        LateV1 {
            supplier: l.supplier.clone(),
            day: l.day,
        }
    }
}

impl TryFrom<LateV1> for Late {
    type Error = String;
    fn try_from(l: LateV1) -> Result<Self, String> {
        Ok(Late {
            supplier: l.supplier,
            day: l.day,
        })
    }
}

impl From<&DeviationCounts> for DeviationCountsV1 {
    fn from(c: &DeviationCounts) -> Self {
        DeviationCountsV1 {
            awarded: c.awarded,
            passed_over: c.passed_over,
        }
    }
}

impl TryFrom<DeviationCountsV1> for DeviationCounts {
    type Error = String;
    fn try_from(c: DeviationCountsV1) -> Result<Self, String> {
        Ok(DeviationCounts {
            awarded: c.awarded,
            passed_over: c.passed_over,
        })
    }
}

impl From<&SupplierMonth> for SupplierMonthV1 {
    fn from(m: &SupplierMonth) -> Self {
        SupplierMonthV1 {
            agreement: m.agreement.0,
            supplier: digits(&m.supplier),
            month: m.month,
            requests: m.requests,
            answered_in_time: m.answered_in_time,
            consultants: m.consultants,
            replaced_due_to_complaint: m.replaced_due_to_complaint,
            sick_hours: m.sick_hours.0,
            scheduled_hours: m.scheduled_hours.0,
        }
    }
}

impl TryFrom<SupplierMonthV1> for SupplierMonth {
    type Error = String;
    fn try_from(m: SupplierMonthV1) -> Result<Self, String> {
        Ok(SupplierMonth {
            agreement: AgreementId(m.agreement),
            supplier: org(m.supplier)?,
            month: m.month,
            requests: m.requests,
            answered_in_time: m.answered_in_time,
            consultants: m.consultants,
            replaced_due_to_complaint: m.replaced_due_to_complaint,
            sick_hours: Hours(m.sick_hours),
            scheduled_hours: Hours(m.scheduled_hours),
        })
    }
}
