//! The supplier's own monthly figures beside the register's for the same months
//! (DESIGN §1.8: "compared with the statistics that suppliers report").
//!
//! The register's figures for a month use the same rules as the KPIs: requests by
//! the month of `sent_at`, answered in time regardless of any as-of time (an answer
//! by the deadline is in time whenever it is looked at), consultants and
//! replacements of the call-offs awarded to the supplier and requested that month.

use std::collections::{HashMap, HashSet};

use time::Date;

use crate::domain::calloff::{CallOff, Request};
use crate::domain::supplier_report::{SupplierMonth, month_of};
use crate::domain::{Agreement, OrgNumber};

/// The four figures both sides count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub requests: u32,
    pub answered_in_time: u32,
    pub consultants: u32,
    pub replaced_due_to_complaint: u32,
}

/// Signed differences: reported minus the register's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Differences {
    pub requests: i64,
    pub answered_in_time: i64,
    pub consultants: i64,
    pub replaced_due_to_complaint: i64,
}

impl Differences {
    pub fn is_zero(&self) -> bool {
        *self == Differences::default()
    }
}

/// One reported month beside the register's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthComparison {
    pub supplier: OrgNumber,
    /// First day of the month.
    pub month: Date,
    pub reported: Figures,
    pub register: Figures,
}

impl MonthComparison {
    /// Reported minus register, figure by figure (positive: the supplier counts more).
    pub fn differences(&self) -> Differences {
        let d = |a: u32, b: u32| i64::from(a) - i64::from(b);
        let (r, o) = (&self.reported, &self.register);
        Differences {
            requests: d(r.requests, o.requests),
            answered_in_time: d(r.answered_in_time, o.answered_in_time),
            consultants: d(r.consultants, o.consultants),
            replaced_due_to_complaint: d(r.replaced_due_to_complaint, o.replaced_due_to_complaint),
        }
    }
}

/// Every month `reported` for `agreement`, beside the register's figures, sorted by
/// supplier and month. Linear: one pass over requests and one over call-offs.
pub fn compare_reported(
    agreement: &Agreement,
    calloffs: &[CallOff],
    requests: &[Request],
    reported: &[SupplierMonth],
) -> Vec<MonthComparison> {
    let mut own: HashMap<(&OrgNumber, Date), Figures> = reported
        .iter()
        .filter(|m| m.agreement == agreement.id)
        .map(|m| ((&m.supplier, m.month), Figures::default()))
        .collect();
    let references: HashSet<&str> = calloffs
        .iter()
        .filter(|c| c.agreement == agreement.id)
        .map(|c| c.reference.as_str())
        .collect();
    for r in requests {
        if !references.contains(r.calloff.as_str()) {
            continue;
        }
        if let Some(f) = own.get_mut(&(&r.supplier, month_of(r.sent_at.date()))) {
            // Saturating: a damaged count must not stop the comparison.
            f.requests = f.requests.saturating_add(1);
            if r.answer_in_time(agreement.response_time).is_some() {
                f.answered_in_time = f.answered_in_time.saturating_add(1);
            }
        }
    }
    for c in calloffs.iter().filter(|c| c.agreement == agreement.id) {
        let Some(s) = &c.awarded_supplier else {
            continue;
        };
        if let Some(f) = own.get_mut(&(s, month_of(c.requested_at.date()))) {
            f.consultants = f.consultants.saturating_add(c.consultants);
            f.replaced_due_to_complaint = f
                .replaced_due_to_complaint
                .saturating_add(c.replaced_due_to_complaint);
        }
    }
    let mut out: Vec<MonthComparison> = reported
        .iter()
        .filter(|m| m.agreement == agreement.id)
        .map(|m| MonthComparison {
            supplier: m.supplier.clone(),
            month: m.month,
            reported: Figures {
                requests: m.requests,
                answered_in_time: m.answered_in_time,
                consultants: m.consultants,
                replaced_due_to_complaint: m.replaced_due_to_complaint,
            },
            register: own
                .get(&(&m.supplier, m.month))
                .copied()
                .unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| (&a.supplier, a.month).cmp(&(&b.supplier, b.month)));
    out
}
