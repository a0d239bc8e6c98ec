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

use super::csv_common::{self, CellProblem, Checked, Checker};
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

/// Where the parser learns which call-offs exist; asked from two threads at once.
pub trait CallOffLookup: Sync {
    /// The agreement of the stored call-off `reference`; None when there is no such call-off.
    fn agreement_of(&self, reference: &str) -> Option<&Agreement>;
}

/// A fixed map from call-off reference to agreement, for tests and small tools.
impl CallOffLookup for HashMap<String, Agreement> {
    fn agreement_of(&self, reference: &str) -> Option<&Agreement> {
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
pub fn parse(bytes: &[u8], calloffs: &dyn CallOffLookup) -> Result<Vec<Request>, Vec<FileProblem>> {
    let rows = csv_common::rows(bytes, COLUMNS)?;
    let items = csv_common::map_rows(rows, |row| request(row, calloffs));
    let keys = items.iter().map(|item| {
        let (line, checked) = item.as_ref().ok()?;
        let key = match &checked.result {
            Ok(r) => request_id(r),
            Err(_) => {
                let (calloff, supplier, day, hour, minute) = checked.key.as_ref()?;
                (calloff.as_str(), supplier, *day, *hour, *minute)
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
fn request_id(r: &Request) -> (&str, &OrgNumber, Date, u8, u8) {
    (
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
        return Checked::refused(c.problems, None);
    };
    let r = Request {
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
    Checked::refused(c.problems, Some((r.calloff, r.supplier, day, hour, minute)))
}

#[cfg(test)]
mod tests;
