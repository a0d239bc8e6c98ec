//! The call-offs CSV of DESIGN §6, parsed into [`CallOff`]s against the agreement
//! register. Pure: bytes and a register in, every call-off or every problem out.
//!
//! Choices where DESIGN leaves room (also in the README):
//! - `reference`, `agreement`, `lot`, `method` and `requested_at` must be filled in;
//!   every other cell may be empty when it is not known (`orderer` too: no rule
//!   depends on it). Empty `consultants` and `replaced_due_to_complaint` mean 0.
//! - `method` and words are matched ignoring case; column names are matched exactly.
//! - The awarded supplier must be a supplier of the agreement; it need not be ranked
//!   in the lot — that is the `not_in_lot` deviation, which the import must keep.
//! - `replaced_due_to_complaint` may exceed `consultants`: a replacement can itself
//!   be replaced, and DESIGN does not bound the one by the other.
//! - A call-off is its agreement's and its reference's (DESIGN §6): the same reference
//!   under two agreements is two call-offs. One given twice for the same agreement in one
//!   file is refused; one already in the database under that agreement is updated in
//!   place, and one under another agreement is never touched.

use std::collections::HashMap;

use super::csv_common::{self, CellProblem, Checked, Checker, Kind, Source, Table};
use super::problem::FileProblem;
use crate::domain::calloff::{CallOff, CallOffMethod};
use crate::domain::{Agreement, AgreementId};

pub const COLUMNS: &[&str] = &[
    "reference",
    "agreement",
    "lot",
    "orderer",
    "method",
    "requested_at",
    "awarded_supplier",
    "value_sek",
    "delivery_due",
    "delivered_at",
    "consultants",
    "replaced_due_to_complaint",
    "quality",
    "deviation_reason",
];

const REFERENCE: usize = 0;
const AGREEMENT: usize = 1;
const LOT: usize = 2;
const ORDERER: usize = 3;
const METHOD: usize = 4;
const REQUESTED_AT: usize = 5;
const AWARDED: usize = 6;
const VALUE: usize = 7;
const DELIVERY_DUE: usize = 8;
const DELIVERED_AT: usize = 9;
const CONSULTANTS: usize = 10;
const REPLACED: usize = 11;
const QUALITY: usize = 12;
const REASON: usize = 13;

/// The agreements a file may name, by reference.
#[derive(Debug, Default)]
pub struct Register {
    by_reference: HashMap<String, Agreement>,
}

impl Register {
    pub fn new(agreements: impl IntoIterator<Item = Agreement>) -> Register {
        Register {
            by_reference: agreements
                .into_iter()
                .map(|a| (a.reference.clone(), a))
                .collect(),
        }
    }

    pub fn get(&self, reference: &str) -> Option<&Agreement> {
        self.by_reference.get(reference)
    }
}

fn method(s: &str) -> Result<CallOffMethod, CellProblem> {
    CallOffMethod::from_key(&s.to_lowercase()).ok_or_else(|| CellProblem::BadChoice {
        input: s.to_string(),
        allowed: "ranking, competition",
    })
}

/// The call-offs table, for [`csv_common::open`]: a workbook's sheet `calloffs`.
pub static TABLE: Table = Table {
    sheet: "calloffs",
    columns: COLUMNS,
    optional_from: COLUMNS.len(),
    kinds: &[
        ("awarded_supplier", Kind::OrgNumber),
        ("requested_at", Kind::DateTime),
    ],
};

/// Every call-off of the file (CSV in any encoding, or a workbook), in file order, or
/// every problem of the file.
pub fn parse(bytes: &[u8], register: &Register) -> Result<Vec<CallOff>, Vec<FileProblem>> {
    parse_source(&csv_common::open(bytes, &TABLE)?, register)
}

/// As [`parse`], from a file already read by [`csv_common::open`].
pub fn parse_source(
    source: &Source<'_>,
    register: &Register,
) -> Result<Vec<CallOff>, Vec<FileProblem>> {
    let rows = source.rows()?;
    let items = csv_common::map_rows(rows, |row| calloff(row, register));
    let keys = items.iter().map(|item| {
        let (line, checked) = item.as_ref().ok()?;
        let key = match &checked.result {
            Ok(c) => (Some(c.agreement), c.reference.as_str()),
            Err(_) => checked.key.as_ref().map(|(a, r)| (*a, r.as_str()))?,
        };
        Some((*line, key))
    });
    let repeated: Vec<(usize, FileProblem)> = csv_common::repeats(keys)
        .into_iter()
        .map(|(at, line, first_line, (_, reference))| {
            let problem = CellProblem::DuplicateReference {
                reference: reference.to_string(),
                first_line,
            };
            (
                at,
                csv_common::cell_problem(line, COLUMNS, REFERENCE, problem),
            )
        })
        .collect();
    // The reference is the first cell checked: a repeat is told first on its row.
    csv_common::collect(items, repeated, true)
}

/// The call-off of one row, or its problems and (when it could be read) its reference with
/// its agreement (None when that could not be read).
fn calloff(
    row: &csv_common::Row,
    register: &Register,
) -> Checked<CallOff, (Option<AgreementId>, String)> {
    let mut c = Checker::new(row, COLUMNS);
    let reference = c.required(REFERENCE, csv_common::reference);
    let agreement = c.text(AGREEMENT).and_then(|r| {
        let found = register.get(&r);
        if found.is_none() {
            c.fail(AGREEMENT, CellProblem::UnknownAgreement { reference: r });
        }
        found
    });
    let lot = c.text(LOT);
    if let (Some(a), Some(lot)) = (agreement, &lot)
        && a.lot(lot).is_none()
    {
        let lots: Vec<&str> = a.lots.iter().map(|l| l.name.as_str()).collect();
        c.fail(
            LOT,
            CellProblem::UnknownLot {
                lot: lot.clone(),
                agreement: a.reference.clone(),
                lots: lots.join(", "),
            },
        );
    }
    let method = c.required(METHOD, method);
    let requested_at = c.required(REQUESTED_AT, csv_common::datetime);
    let awarded = c.optional(AWARDED, csv_common::org_number);
    // A supplier that has left the agreement still was one for call-offs before it left.
    let was_supplier = |a: &Agreement, org| match requested_at {
        Some(at) => a.was_supplier(org, at.date()),
        None => a.supplier(org).is_some(),
    };
    if let (Some(a), Some(org)) = (agreement, &awarded)
        && !was_supplier(a, org)
    {
        c.fail(
            AWARDED,
            CellProblem::NotASupplier {
                org: org.clone(),
                agreement: a.reference.clone(),
            },
        );
    }
    let value = c.optional(VALUE, csv_common::kronor);
    let delivery_due = c.optional(DELIVERY_DUE, csv_common::date);
    let delivered_at = c.optional(DELIVERED_AT, csv_common::date);
    let consultants = c.optional(CONSULTANTS, csv_common::count).unwrap_or(0);
    let replaced = c.optional(REPLACED, csv_common::count).unwrap_or(0);
    let quality = c.optional(QUALITY, csv_common::quality);
    let reason = Some(row.get(REASON).to_string()).filter(|r| !r.is_empty());

    match (reference, agreement, lot, method, requested_at) {
        (Some(reference), Some(agreement), Some(lot), Some(method), Some(requested_at))
            if c.problems.is_empty() =>
        {
            Checked::ok(CallOff {
                reference,
                agreement: agreement.id,
                lot,
                orderer: row.get(ORDERER).to_string(),
                method,
                requested_at,
                value,
                awarded_supplier: awarded,
                delivery_due,
                delivered_at,
                consultants,
                replaced_due_to_complaint: replaced,
                quality,
                deviation_reason: reason,
            })
        }
        (reference, agreement, ..) => {
            Checked::refused(c.problems, reference.map(|r| (agreement.map(|a| a.id), r)))
        }
    }
}

/// A date of an imported call-off that cannot be right, kept as the file gives it (the
/// orderer's list is the record) and told after the import, by call-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateWarning {
    /// Requested before its agreement started.
    BeforeStart { calloff: String, agreement: String },
    /// Requested after its agreement ended (counting exercised options).
    AfterEnd { calloff: String, agreement: String },
    /// Delivered before the day it was requested.
    DeliveredBeforeRequested { calloff: String },
}

/// The [`DateWarning`]s of `calloffs`, in file order.
pub fn date_warnings(calloffs: &[CallOff], register: &Register) -> Vec<DateWarning> {
    let by_id: HashMap<AgreementId, &Agreement> =
        register.by_reference.values().map(|a| (a.id, a)).collect();
    let mut out = Vec::new();
    for c in calloffs {
        let day = c.requested_at.date();
        if let Some(a) = by_id.get(&c.agreement) {
            let (calloff, agreement) = (c.reference.clone(), a.reference.clone());
            if day < a.start {
                out.push(DateWarning::BeforeStart { calloff, agreement });
            } else if day > a.current_end() {
                out.push(DateWarning::AfterEnd { calloff, agreement });
            }
        }
        if c.delivered_at.is_some_and(|d| d < day) {
            out.push(DateWarning::DeliveredBeforeRequested {
                calloff: c.reference.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
