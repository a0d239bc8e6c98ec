//! The requests CSV of DESIGN §6 (`calloff, supplier, sent_at, answered_at, answer`),
//! parsed into [`Request`]s against the call-offs already stored. Pure: the store is
//! reached only through [`CallOffLookup`].
//!
//! Choices where DESIGN leaves room (also in the README):
//! - A request's call-off must already be in the database: import the call-offs first.
//! - `answer` and `answered_at` are both filled in or both empty. One without the
//!   other is refused: DESIGN §4 needs both the kind and the time of an answer to
//!   judge it, and a half-filled row is far more likely a slip than a fact.
//! - An answer before the request was sent is refused as impossible.
//! - A request is identified by call-off, supplier and minute sent (as the store keys
//!   it); the same request twice in one file is refused, and one already in the
//!   database is updated in place.

use std::collections::HashMap;

use super::csv_common::{self, CellProblem, Checker};
use super::problem::FileProblem;
use time::Date;

use crate::domain::calloff::{Answer, Request};
use crate::domain::{Agreement, OrgNumber};

pub const COLUMNS: &[&str] = &["calloff", "supplier", "sent_at", "answered_at", "answer"];

const CALLOFF: usize = 0;
const SUPPLIER: usize = 1;
const SENT_AT: usize = 2;
const ANSWERED_AT: usize = 3;
const ANSWER: usize = 4;

/// Where the parser learns which call-offs exist.
pub trait CallOffLookup {
    /// The agreement of the stored call-off `reference`; None when there is no such call-off.
    fn agreement_of(&mut self, reference: &str) -> Option<&Agreement>;
}

/// A fixed map from call-off reference to agreement, for tests and small tools.
impl CallOffLookup for HashMap<String, Agreement> {
    fn agreement_of(&mut self, reference: &str) -> Option<&Agreement> {
        self.get(reference)
    }
}

/// Call-off, supplier and minute sent: what makes two requests the same (as the store
/// keys them, so that a re-import replaces rather than adds).
type RequestId = (String, OrgNumber, Date, u8, u8);

fn answer(s: &str) -> Result<Answer, CellProblem> {
    Answer::from_key(&s.to_lowercase()).ok_or_else(|| CellProblem::BadChoice {
        input: s.to_string(),
        allowed: "offer, decline",
    })
}

/// Every request of the file, in file order, or every problem of the file.
pub fn parse(
    bytes: &[u8],
    calloffs: &mut dyn CallOffLookup,
) -> Result<Vec<Request>, Vec<FileProblem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    // Each request's identity → the line it was first given on.
    let mut seen: HashMap<RequestId, usize> = HashMap::new();
    for row in csv_common::rows(bytes, COLUMNS)? {
        match row {
            Ok(row) => match request(&row, calloffs, &mut seen) {
                Ok(r) => out.push(r),
                Err(mut p) => problems.append(&mut p),
            },
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn request(
    row: &csv_common::Row,
    calloffs: &mut dyn CallOffLookup,
    seen: &mut HashMap<RequestId, usize>,
) -> Result<Request, Vec<FileProblem>> {
    let mut c = Checker::new(row, COLUMNS);
    let calloff = c.required(CALLOFF, csv_common::reference);
    let supplier = c.required(SUPPLIER, csv_common::org_number);
    if let Some(reference) = &calloff {
        match calloffs.agreement_of(reference) {
            None => c.fail(
                CALLOFF,
                CellProblem::UnknownCallOff {
                    reference: reference.clone(),
                },
            ),
            Some(a) => {
                if let Some(org) = &supplier
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
            }
        }
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
    let (Some(calloff), Some(supplier), Some(sent_at)) = (calloff, supplier, sent_at) else {
        return Err(c.problems);
    };
    let r = Request {
        calloff,
        supplier,
        sent_at,
        answered_at,
        answer,
    };
    // The store's identity of a request, computed here to keep the parser pure.
    let key = (
        r.calloff.clone(),
        r.supplier.clone(),
        r.sent_at.date(),
        r.sent_at.hour(),
        r.sent_at.minute(),
    );
    let first = *seen.entry(key).or_insert(row.line);
    if first != row.line {
        c.fail(SENT_AT, CellProblem::DuplicateRequest { first_line: first });
    }
    if c.problems.is_empty() {
        Ok(r)
    } else {
        Err(c.problems)
    }
}

#[cfg(test)]
mod tests;
