//! The requests CSV of DESIGN §6 (`calloff, supplier, sent_at, answered_at, answer` and,
//! optionally, `agreement`), parsed into [`Request`]s against the call-offs already
//! stored. Pure: the store is reached only through [`CallOffLookup`].
//!
//! Choices where DESIGN leaves room (also in the README):
//! - A request's call-off must already be in the database: import the call-offs first.
//! - `answer` and `answered_at` are both filled in or both empty. One without the
//!   other is refused: DESIGN §4 needs both the kind and the time of an answer to
//!   judge it, and a half-filled row is far more likely a slip than a fact.
//! - An answer before the request was sent is refused as impossible.
//! - A call-off is its agreement's and its reference's: a reference found under one
//!   agreement only needs no `agreement` cell; one found under several is refused
//!   without it, naming them. A filled `agreement` cell must name an agreement that has
//!   that call-off.
//! - A request is identified by agreement, call-off, supplier and minute sent (as the
//!   store keys it); the same request twice in one file is refused, and one already in
//!   the database is updated in place.

use std::collections::HashMap;

use super::csv_common::{self, CellProblem, Checked, Checker, Kind, Source, Table};
use super::problem::FileProblem;
use time::Date;

use crate::domain::calloff::{Answer, Request};
use crate::domain::{Agreement, AgreementId, OrgNumber};

/// The columns, the optional ones last (from [`OPTIONAL_FROM`]).
pub const COLUMNS: &[&str] = &[
    "calloff",
    "supplier",
    "sent_at",
    "answered_at",
    "answer",
    "agreement",
];
/// `agreement` may be left out: most registers number call-offs apart.
pub const OPTIONAL_FROM: usize = 5;

const CALLOFF: usize = 0;
const SUPPLIER: usize = 1;
const SENT_AT: usize = 2;
const ANSWERED_AT: usize = 3;
const ANSWER: usize = 4;
const AGREEMENT: usize = 5;

/// Where the parser learns which call-offs exist; asked from two threads at once.
pub trait CallOffLookup: Sync {
    /// The agreements holding a stored call-off `reference`: none, one, or several.
    fn agreements_of(&self, reference: &str) -> Vec<&Agreement>;
}

/// A fixed map from call-off reference to its one agreement, for tests and small tools.
impl CallOffLookup for HashMap<String, Agreement> {
    fn agreements_of(&self, reference: &str) -> Vec<&Agreement> {
        self.get(reference).into_iter().collect()
    }
}

/// Agreement, call-off, supplier and minute sent: what makes two requests the same (as
/// the store keys them, so that a re-import replaces rather than adds).
type RequestId = (AgreementId, String, OrgNumber, Date, u8, u8);

fn answer(s: &str) -> Result<Answer, CellProblem> {
    Answer::from_key(&s.to_lowercase()).ok_or_else(|| CellProblem::BadChoice {
        input: s.to_string(),
        allowed: "offer, decline",
    })
}

/// The requests table, for [`csv_common::open`]: a workbook's sheet `requests`.
pub static TABLE: Table = Table {
    sheet: "requests",
    columns: COLUMNS,
    optional_from: OPTIONAL_FROM,
    kinds: &[
        ("supplier", Kind::OrgNumber),
        ("sent_at", Kind::DateTime),
        ("answered_at", Kind::DateTime),
    ],
};

/// Every request of the file (CSV in any encoding, or a workbook), in file order, or
/// every problem of the file.
pub fn parse(bytes: &[u8], calloffs: &dyn CallOffLookup) -> Result<Vec<Request>, Vec<FileProblem>> {
    parse_source(&csv_common::open(bytes, &TABLE)?, calloffs)
}

/// As [`parse`], from a file already read by [`csv_common::open`].
pub fn parse_source(
    source: &Source<'_>,
    calloffs: &dyn CallOffLookup,
) -> Result<Vec<Request>, Vec<FileProblem>> {
    let rows = source.rows()?;
    let items = csv_common::map_rows(rows, |row| request(row, calloffs));
    let keys = items.iter().map(|item| {
        let (line, checked) = item.as_ref().ok()?;
        let key = match &checked.result {
            Ok(r) => request_id(r),
            Err(_) => {
                let (agreement, calloff, supplier, day, hour, minute) = checked.key.as_ref()?;
                (*agreement, calloff.as_str(), supplier, *day, *hour, *minute)
            }
        };
        Some((*line, key))
    });
    let repeated: Vec<(usize, FileProblem)> = csv_common::repeats(keys)
        .into_iter()
        .map(|(at, line, first_line, _)| {
            let problem = CellProblem::DuplicateRequest { first_line };
            (
                at,
                csv_common::cell_problem(line, COLUMNS, SENT_AT, problem),
            )
        })
        .collect();
    // The identity is checked last: a repeat is told last on its row.
    csv_common::collect(items, repeated, false)
}

/// The store's identity of a request (see [`RequestId`]), computed here to keep the
/// parser pure.
fn request_id(r: &Request) -> (AgreementId, &str, &OrgNumber, Date, u8, u8) {
    (
        r.agreement,
        r.calloff.as_str(),
        &r.supplier,
        r.sent_at.date(),
        r.sent_at.hour(),
        r.sent_at.minute(),
    )
}

/// The request of one row, or its problems and (when it could be read) its identity.
fn request(row: &csv_common::Row, calloffs: &dyn CallOffLookup) -> Checked<Request, RequestId> {
    let mut c = Checker::new(row, COLUMNS);
    let calloff = c.required(CALLOFF, csv_common::reference);
    let supplier = c.required(SUPPLIER, csv_common::org_number);
    let named = Some(row.get(AGREEMENT).to_string()).filter(|s| !s.is_empty());
    let agreement = calloff
        .as_deref()
        .and_then(|reference| calloff_agreement(&mut c, calloffs, reference, named));
    if let (Some(a), Some(org)) = (agreement, &supplier)
        && a.supplier(org).is_none()
    {
        c.fail(
            SUPPLIER,
            CellProblem::NotASupplier {
                org: org.clone(),
                agreement: a.reference.clone(),
            },
        );
    }
    let sent_at = c.required(SENT_AT, csv_common::datetime);
    let answered_at = c.optional(ANSWERED_AT, csv_common::datetime);
    let answer = c.optional(ANSWER, answer);
    match (row.get(ANSWERED_AT).is_empty(), row.get(ANSWER).is_empty()) {
        (true, false) => c.fail(
            ANSWERED_AT,
            CellProblem::AnswerWithoutTime {
                answer: row.get(ANSWER).to_string(),
            },
        ),
        (false, true) => c.fail(ANSWER, CellProblem::TimeWithoutAnswer),
        _ => {}
    }
    if let (Some(sent), Some(answered)) = (sent_at, answered_at)
        && answered < sent
    {
        c.fail(
            ANSWERED_AT,
            CellProblem::AnsweredBeforeSent {
                answered: row.get(ANSWERED_AT).to_string(),
                sent: row.get(SENT_AT).to_string(),
            },
        );
    }
    let (Some(agreement), Some(calloff), Some(supplier), Some(sent_at)) =
        (agreement, calloff, supplier, sent_at)
    else {
        return Checked::refused(c.problems, None);
    };
    let r = Request {
        agreement: agreement.id,
        calloff,
        supplier,
        sent_at,
        answered_at,
        answer,
    };
    if c.problems.is_empty() {
        return Checked::ok(r);
    }
    let (day, hour, minute) = (r.sent_at.date(), r.sent_at.hour(), r.sent_at.minute());
    Checked::refused(
        c.problems,
        Some((r.agreement, r.calloff, r.supplier, day, hour, minute)),
    )
}

/// The agreement of call-off `reference`: the one named in the row (which must hold such a
/// call-off), else the only one holding it. Problems go to `c`.
fn calloff_agreement<'a>(
    c: &mut Checker<'_>,
    calloffs: &'a dyn CallOffLookup,
    reference: &str,
    named: Option<String>,
) -> Option<&'a Agreement> {
    let found = calloffs.agreements_of(reference);
    if let Some(named) = named {
        let a = found.into_iter().find(|a| a.reference == named);
        if a.is_none() {
            c.fail(
                AGREEMENT,
                CellProblem::CallOffNotInAgreement {
                    reference: reference.to_string(),
                    agreement: named,
                },
            );
        }
        return a;
    }
    match found.as_slice() {
        [] => {
            c.fail(
                CALLOFF,
                CellProblem::UnknownCallOff {
                    reference: reference.to_string(),
                },
            );
            None
        }
        [a] => Some(a),
        several => {
            let mut names: Vec<&str> = several.iter().map(|a| a.reference.as_str()).collect();
            names.sort_unstable();
            c.fail(
                CALLOFF,
                CellProblem::AmbiguousCallOff {
                    reference: reference.to_string(),
                    agreements: names.join(", "),
                },
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
