//! The KPI table of one agreement for one period and as-of time (DESIGN §5), in one
//! pass over the requests and one over the call-offs: linear in the data.

use std::collections::{HashMap, HashSet};

use time::PrimitiveDateTime;

use super::rules;
use crate::domain::calloff::{CallOff, CallOffMethod, Request, RequestState, request_state};
pub use crate::domain::counts::Period;
use crate::domain::ranking::{RankingOutcome, assess_in_agreement};
use crate::domain::supplier_report::SupplierMonth;
use crate::domain::{Agreement, OrgNumber};

/// The §5 figures of one supplier.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplierKpis {
    pub org_number: OrgNumber,
    pub name: String,
    pub requests: u64,
    pub answered_in_time: u64,
    pub not_answered_in_time: u64,
    pub pending: u64,
    pub answered_in_time_share: Option<f64>,
    pub awarded: u64,
    pub delivered: u64,
    pub on_time: u64,
    pub consultants: u64,
    pub replaced_due_to_complaint: u64,
    pub replaced_share: Option<f64>,
    pub sick_leave_share: Option<f64>,
    pub quality_mean: Option<f64>,
}

impl SupplierKpis {
    /// A supplier with no activity: every count 0 and every share null.
    pub fn nothing_yet(org_number: &OrgNumber, name: &str) -> SupplierKpis {
        SupplierKpis {
            org_number: org_number.clone(),
            name: name.to_string(),
            requests: 0,
            answered_in_time: 0,
            not_answered_in_time: 0,
            pending: 0,
            answered_in_time_share: None,
            awarded: 0,
            delivered: 0,
            on_time: 0,
            consultants: 0,
            replaced_due_to_complaint: 0,
            replaced_share: None,
            sick_leave_share: None,
            quality_mean: None,
        }
    }
}

/// The agreement-wide ranking figures of §5.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RankingKpis {
    pub ranking_calloffs: u64,
    pub compliant: u64,
    pub deviations: u64,
    pub compliance_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiTable {
    pub ranking: RankingKpis,
    /// One per supplier of the agreement, in the agreement's order.
    pub suppliers: Vec<SupplierKpis>,
}

/// Sums kept while counting, turned into shares at the end.
#[derive(Default)]
struct Tally {
    quality_sum: u64,
    quality_count: u64,
    sick: u64,
    scheduled: u64,
    months: u64,
}

/// The KPI table of `agreement` for `period` at `as_of`. `calloffs` and `requests`
/// are the agreement's (others are ignored by agreement id and by call-off);
/// `reported` the suppliers' own monthly reports.
pub fn kpi_table(
    agreement: &Agreement,
    calloffs: &[CallOff],
    requests: &[Request],
    reported: &[SupplierMonth],
    period: Period,
    as_of: PrimitiveDateTime,
) -> KpiTable {
    let index: HashMap<&OrgNumber, usize> = agreement
        .suppliers
        .iter()
        .enumerate()
        .map(|(i, s)| (&s.org_number, i))
        .collect();
    let mut rows: Vec<SupplierKpis> = agreement
        .suppliers
        .iter()
        .map(|s| SupplierKpis::nothing_yet(&s.org_number, &s.name))
        .collect();
    let mut tally: Vec<Tally> = agreement
        .suppliers
        .iter()
        .map(|_| Tally::default())
        .collect();
    let own: Vec<&CallOff> = calloffs
        .iter()
        .filter(|c| c.agreement == agreement.id)
        .collect();
    let references: HashSet<&str> = own.iter().map(|c| c.reference.as_str()).collect();

    for r in requests {
        if !references.contains(r.calloff.as_str()) || !period.contains(r.sent_at.date()) {
            continue;
        }
        let Some(&i) = index.get(&r.supplier) else {
            continue;
        };
        let row = &mut rows[i];
        row.requests += 1;
        match request_state(r, agreement.response_time, as_of) {
            RequestState::AnsweredInTime => row.answered_in_time += 1,
            RequestState::NotAnsweredInTime => row.not_answered_in_time += 1,
            RequestState::Pending => row.pending += 1,
        }
    }

    let in_period: Vec<&CallOff> = own
        .into_iter()
        .filter(|c| period.contains(c.requested_at.date()))
        .collect();
    let ranking = ranking_kpis(agreement, &in_period, requests);
    for c in in_period {
        let Some(&i) = c.awarded_supplier.as_ref().and_then(|s| index.get(s)) else {
            continue;
        };
        let (row, t) = (&mut rows[i], &mut tally[i]);
        row.awarded += 1;
        if let Some(delivered) = c.delivered_at {
            row.delivered += 1;
            if c.delivery_due.is_some_and(|due| delivered <= due) {
                row.on_time += 1;
            }
        }
        row.consultants += u64::from(c.consultants);
        row.replaced_due_to_complaint += u64::from(c.replaced_due_to_complaint);
        if let Some(q) = c.quality {
            t.quality_sum += u64::from(q);
            t.quality_count += 1;
        }
    }

    for m in reported {
        if m.agreement != agreement.id || !period.contains(m.month) {
            continue;
        }
        if let Some(&i) = index.get(&m.supplier) {
            let t = &mut tally[i];
            t.months += 1;
            t.sick += m.sick_hours.0;
            t.scheduled += m.scheduled_hours.0;
        }
    }

    for (row, t) in rows.iter_mut().zip(&tally) {
        row.answered_in_time_share =
            rules::answered_in_time_share(row.answered_in_time, row.not_answered_in_time);
        row.replaced_share = rules::replaced_share(row.replaced_due_to_complaint, row.consultants);
        row.sick_leave_share = rules::sick_leave_share(t.months, t.sick, t.scheduled);
        row.quality_mean = rules::quality_mean(t.quality_sum, t.quality_count);
    }
    KpiTable {
        ranking,
        suppliers: rows,
    }
}

/// Call-offs by ranking in the period with an award, assessed with their own requests.
fn ranking_kpis(
    agreement: &Agreement,
    in_period: &[&CallOff],
    requests: &[Request],
) -> RankingKpis {
    let assessed: Vec<&CallOff> = in_period
        .iter()
        .copied()
        .filter(|c| c.method == CallOffMethod::Ranking && c.awarded_supplier.is_some())
        .collect();
    let wanted: HashSet<&str> = assessed.iter().map(|c| c.reference.as_str()).collect();
    // The rule takes a slice of requests: group (clone) only those it will read.
    let mut by_calloff: HashMap<&str, Vec<Request>> = HashMap::new();
    for r in requests {
        if let Some(key) = wanted.get(r.calloff.as_str()) {
            by_calloff.entry(key).or_default().push(r.clone());
        }
    }
    let mut k = RankingKpis::default();
    for c in assessed {
        let theirs = by_calloff
            .get(c.reference.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        match assess_in_agreement(c, agreement, theirs) {
            RankingOutcome::Compliant => k.compliant += 1,
            RankingOutcome::Deviation { .. } => k.deviations += 1,
            // Only competition or no award, both filtered out above.
            RankingOutcome::NotAssessed => continue,
        }
        k.ranking_calloffs += 1;
    }
    k.compliance_share = rules::compliance_share(k.compliant, k.ranking_calloffs);
    k
}
