//! The supplier-stats CSV of DESIGN §6: what each supplier reports per month, parsed
//! into [`SupplierMonth`]s against the agreement register. Pure, like the other CSV
//! parsers: bytes and a register in, every row or every problem out.
//!
//! Choices where DESIGN leaves room (also in the README):
//! - Every cell is required: a month without one of its figures is not a report.
//! - Counts are whole numbers from 0; hours are numbers from 0 with a decimal comma
//!   or point and at most two decimals (hundredths of an hour are kept exactly).
//! - `answered_in_time` may not exceed `requests` ("of those"), and `sick_hours` may
//!   not exceed `scheduled_hours` (sick hours are scheduled hours not worked).
//!   `replaced_due_to_complaint` may exceed `consultants`, as in the call-offs file.
//! - The supplier must be a supplier of the agreement (ranked or not).
//! - The same agreement, supplier and month twice in one file is refused; one already
//!   in the database is replaced, so a corrected report is simply imported again.

use std::collections::HashMap;

use super::calloffs_csv::Register;
use super::csv_common::{self, CellProblem, Checker, Kind, Source, Table};
use super::problem::FileProblem;
use crate::domain::OrgNumber;
use crate::domain::supplier_report::{Hours, SupplierMonth, parse_month};

pub const COLUMNS: &[&str] = &[
    "agreement",
    "supplier",
    "month",
    "requests",
    "answered_in_time",
    "consultants",
    "replaced_due_to_complaint",
    "sick_hours",
    "scheduled_hours",
];

const AGREEMENT: usize = 0;
const SUPPLIER: usize = 1;
const MONTH: usize = 2;
const REQUESTS: usize = 3;
const ANSWERED: usize = 4;
const CONSULTANTS: usize = 5;
const REPLACED: usize = 6;
const SICK: usize = 7;
const SCHEDULED: usize = 8;

fn month(s: &str) -> Result<time::Date, CellProblem> {
    parse_month(s).ok_or_else(|| CellProblem::BadMonth {
        input: s.to_string(),
    })
}

fn hours(s: &str) -> Result<Hours, CellProblem> {
    Hours::parse(s).ok_or_else(|| CellProblem::BadHours {
        input: s.to_string(),
    })
}

type Key = (String, OrgNumber, time::Date);

/// The supplier-stats table, for [`csv_common::open`]: a workbook's sheet
/// `supplier-stats` (or `supplier_stats`).
pub static TABLE: Table = Table {
    sheet: "supplier-stats",
    columns: COLUMNS,
    optional_from: COLUMNS.len(),
    kinds: &[("supplier", Kind::OrgNumber), ("month", Kind::Month)],
};

/// Every reported month of the file (CSV in any encoding, or a workbook), in file
/// order, or every problem of the file.
pub fn parse(bytes: &[u8], register: &Register) -> Result<Vec<SupplierMonth>, Vec<FileProblem>> {
    parse_source(&csv_common::open(bytes, &TABLE)?, register)
}

/// As [`parse`], from a file already read by [`csv_common::open`].
pub fn parse_source(
    source: &Source<'_>,
    register: &Register,
) -> Result<Vec<SupplierMonth>, Vec<FileProblem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for row in source.rows()? {
        match row {
            Ok(row) => match supplier_month(&row, register, &mut seen) {
                Ok(m) => out.push(m),
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

fn supplier_month(
    row: &csv_common::Row,
    register: &Register,
    seen: &mut HashMap<Key, usize>,
) -> Result<SupplierMonth, Vec<FileProblem>> {
    let mut c = Checker::new(row, COLUMNS);
    let agreement = c.text(AGREEMENT).and_then(|r| {
        let found = register.get(&r);
        if found.is_none() {
            c.fail(AGREEMENT, CellProblem::UnknownAgreement { reference: r });
        }
        found
    });
    let supplier = c.required(SUPPLIER, csv_common::org_number);
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
    let first_day = c.required(MONTH, month);
    if let (Some(a), Some(org), Some(m)) = (agreement, &supplier, first_day) {
        let first = *seen
            .entry((a.reference.clone(), org.clone(), m))
            .or_insert(row.line);
        if first != row.line {
            c.fail(MONTH, CellProblem::DuplicateMonth { first_line: first });
        }
    }
    let requests = c.required(REQUESTS, csv_common::count);
    let answered = c.required(ANSWERED, csv_common::count);
    if let (Some(requests), Some(answered)) = (requests, answered)
        && answered > requests
    {
        c.fail(
            ANSWERED,
            CellProblem::MoreAnsweredThanRequests { answered, requests },
        );
    }
    let consultants = c.required(CONSULTANTS, csv_common::count);
    let replaced = c.required(REPLACED, csv_common::count);
    let sick = c.required(SICK, hours);
    let scheduled = c.required(SCHEDULED, hours);
    if let (Some(s), Some(t)) = (sick, scheduled)
        && s > t
    {
        c.fail(
            SICK,
            CellProblem::MoreSickThanScheduled {
                sick: row.get(SICK).to_string(),
                scheduled: row.get(SCHEDULED).to_string(),
            },
        );
    }
    match (
        agreement,
        supplier,
        first_day,
        requests,
        answered,
        consultants,
        replaced,
        sick,
        scheduled,
    ) {
        (
            Some(a),
            Some(supplier),
            Some(month),
            Some(requests),
            Some(answered_in_time),
            Some(consultants),
            Some(replaced_due_to_complaint),
            Some(sick_hours),
            Some(scheduled_hours),
        ) if c.problems.is_empty() => Ok(SupplierMonth {
            agreement: a.id,
            supplier,
            month,
            requests,
            answered_in_time,
            consultants,
            replaced_due_to_complaint,
            sick_hours,
            scheduled_hours,
        }),
        _ => Err(c.problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Agreement, AgreementId, Supplier};
    use crate::formats::ProblemKind;
    use crate::formats::csv_common::CsvProblem;
    use time::macros::date;

    fn register() -> Register {
        let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        a.id = AgreementId(4);
        a.suppliers.push(Supplier {
            org_number: OrgNumber::parse("556677-8899").unwrap(),
            name: "Konsult AB".into(),
            contacts: Vec::new(),
        });
        Register::new([a])
    }

    const HEADER: &str = "agreement;supplier;month;requests;answered_in_time;consultants;replaced_due_to_complaint;sick_hours;scheduled_hours\n";

    #[test]
    fn a_good_file_with_a_decimal_comma() {
        let text = format!("\u{feff}{HEADER}UH-1;5566778899;2026-04;10;8;3;1;12,5;480\n");
        let months = parse(text.as_bytes(), &register()).unwrap();
        assert_eq!(months.len(), 1);
        let m = &months[0];
        assert_eq!(
            (m.agreement, m.month),
            (AgreementId(4), date!(2026 - 04 - 01))
        );
        assert_eq!((m.requests, m.answered_in_time, m.consultants), (10, 8, 3));
        assert_eq!(
            (m.sick_hours, m.scheduled_hours),
            (Hours(1_250), Hours(48_000))
        );
    }

    fn columns_of(problems: &[FileProblem]) -> Vec<(usize, &'static str)> {
        problems
            .iter()
            .filter_map(|p| match &p.kind {
                ProblemKind::Csv(CsvProblem::Cell { column, .. }) => Some((p.line, *column)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_bad_cell_by_line_and_column() {
        let text = format!(
            "{HEADER}UH-9;5566778899;2026-04;1;1;0;0;0;1\n\
             UH-1;556074-3089;2026-13;-1;1;0;0;-2;1\n\
             UH-1;5566778899;2026-04;2;3;0;0;9;8\n\
             UH-1;5566778899;2026-04;2;1;0;0;1,234;8\n"
        );
        let problems = parse(text.as_bytes(), &register()).unwrap_err();
        assert_eq!(
            columns_of(&problems),
            vec![
                (2, "agreement"),
                (3, "supplier"),
                (3, "month"),
                (3, "requests"),
                (3, "sick_hours"),
                (4, "answered_in_time"),
                (4, "sick_hours"),
                (5, "month"),
                (5, "sick_hours"),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            if let Err(problems) = parse(&bytes, &register()) {
                let lines = crate::formats::problem::line_count(&bytes);
                let wrong = crate::formats::problem::not_in_words(&problems, lines);
                proptest::prop_assert!(wrong.is_none(), "{:?}", wrong);
            }
        }

        #[test]
        fn random_rows_under_a_good_header_never_panic(body in "[A-Z0-9 ,;\"\r\n:.-]{0,200}") {
            let text = format!("{HEADER}{body}");
            if let Err(problems) = parse(text.as_bytes(), &register()) {
                let lines = crate::formats::problem::line_count(text.as_bytes());
                let wrong = crate::formats::problem::not_in_words(&problems, lines);
                proptest::prop_assert!(wrong.is_none(), "{:?}", wrong);
            }
        }
    }
}
