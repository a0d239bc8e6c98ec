//! The accounts-payable extract of DESIGN §6 (leverantörsreskontra): one row per posting,
//! `invoice, date, supplier, supplier_name, account, amount_sek` and optionally
//! `contract, order`. Pure: bytes in, every posting or every problem out.
//!
//! Choices where DESIGN leaves room (also in the README):
//! - `supplier_name` and `account` may be empty (a posting without an account belongs to
//!   an agreement only by its references or to one that lists no accounts).
//! - `amount_sek` is kronor excluding VAT with a decimal comma or point, negative for a
//!   credit; zero is taken (a row that nets to nothing is still a row of the ledger).
//! - Rows are keyed by supplier, invoice and account (DESIGN §6). Two rows of one file
//!   with the same key are one posting: their amounts are added, the first row's date and
//!   references kept (an invoice split over two lines on one account in the extract).

use super::csv_common::{self, CellProblem, Checker, Kind, Source, Table};
use super::problem::FileProblem;
use crate::domain::money::{Money, MoneyError};
use crate::domain::spend::{Posting, PostingSource};

pub const COLUMNS: &[&str] = &[
    "invoice",
    "date",
    "supplier",
    "supplier_name",
    "account",
    "amount_sek",
    "contract",
    "order",
];
/// `contract` and `order` may be left out of the file.
const OPTIONAL_FROM: usize = 6;

const INVOICE: usize = 0;
const DATE: usize = 1;
const SUPPLIER: usize = 2;
const NAME: usize = 3;
const ACCOUNT: usize = 4;
const AMOUNT: usize = 5;
const CONTRACT: usize = 6;
const ORDER: usize = 7;

/// Kronor that may be negative (a credit): `-1 250,50`, `−1250.5`.
pub fn signed_kronor(s: &str) -> Result<Money, CellProblem> {
    let t = s.trim();
    let (negative, rest) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let bad = |error| CellProblem::BadMoney {
        error,
        input: s.to_string(),
    };
    if rest.trim_start().starts_with(['-', '\u{2212}']) {
        return Err(bad(MoneyError::Format));
    }
    let m = Money::parse_kronor(rest).map_err(bad)?;
    Ok(if negative { Money(-m.0) } else { m })
}

/// The accounts-payable table, for [`csv_common::open`]: a workbook's sheet
/// `accounts-payable` (or `accounts_payable`), or the first.
pub static TABLE: Table = Table {
    sheet: "accounts-payable",
    columns: COLUMNS,
    optional_from: OPTIONAL_FROM,
    kinds: &[("supplier", Kind::OrgNumber)],
};

/// Every posting of the file (CSV in any encoding, or a workbook), in file order (rows of
/// one key merged), or every problem.
pub fn parse(bytes: &[u8]) -> Result<Vec<Posting>, Vec<FileProblem>> {
    parse_source(&csv_common::open(bytes, &TABLE)?)
}

/// As [`parse`], from a file already read by [`csv_common::open`]. Rows are checked on
/// two threads (a finance system's year is a million rows), then rows of one key merged in
/// file order.
pub fn parse_source(source: &Source<'_>) -> Result<Vec<Posting>, Vec<FileProblem>> {
    let items = csv_common::map_rows(source.rows()?, posting);
    let mut problems = Vec::new();
    let mut out: Vec<(usize, Posting)> = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok((line, Ok(p))) => out.push((line, p)),
            Ok((_, Err(mut ps))) => problems.append(&mut ps),
            Err(p) => problems.push(p),
        }
    }
    // Rows of one key: the later ones' places and the first one's (found by its line:
    // the rows are in file order).
    let keys = out.iter().map(|(line, p)| {
        let key = (p.supplier.digits(), p.invoice.as_str(), p.account.as_str());
        Some((*line, key))
    });
    let repeats: Vec<(usize, usize)> = csv_common::repeats(keys)
        .into_iter()
        .map(|(at, _, first_line, _)| {
            let first = out.partition_point(|(line, _)| *line < first_line);
            (at, first)
        })
        .collect();
    let mut merged = vec![false; out.len()];
    for (at, first) in repeats {
        merged[at] = true;
        let (line, amount) = (out[at].0, out[at].1.amount);
        let sum = &mut out[first].1.amount;
        match sum.0.checked_add(amount.0) {
            Some(total) => *sum = Money(total),
            None => problems.push(csv_common::cell_problem(
                line,
                COLUMNS,
                AMOUNT,
                CellProblem::BadMoney {
                    error: MoneyError::TooLarge,
                    input: amount.format_kronor(),
                },
            )),
        }
    }
    if !problems.is_empty() {
        // In file order, whichever way each was found.
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    Ok(out
        .into_iter()
        .zip(merged)
        .filter_map(|((_, p), merged)| (!merged).then_some(p))
        .collect())
}

/// The posting of one row, or its problems.
fn posting(row: &csv_common::Row) -> Result<Posting, Vec<FileProblem>> {
    let mut c = Checker::new(row, COLUMNS);
    let invoice = c.required(INVOICE, csv_common::reference);
    let date = c.required(DATE, csv_common::date);
    let supplier = c.required(SUPPLIER, csv_common::org_number);
    let name = c.optional(NAME, csv_common::reference).unwrap_or_default();
    let account = c
        .optional(ACCOUNT, csv_common::reference)
        .unwrap_or_default();
    let amount = c.required(AMOUNT, signed_kronor);
    let contract = c.optional(CONTRACT, csv_common::reference);
    let order = c.optional(ORDER, csv_common::reference);
    match (invoice, date, supplier, amount) {
        (Some(invoice), Some(date), Some(supplier), Some(amount)) if c.problems.is_empty() => {
            Ok(Posting {
                supplier,
                supplier_name: name,
                invoice,
                date,
                amount,
                account,
                contract,
                order,
                source: PostingSource::Ledger,
            })
        }
        _ => Err(c.problems),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::formats::problem::{ProblemKind, not_in_words};

    #[test]
    fn rows_become_postings_with_credits_negative_and_one_key_merged() {
        let file = "invoice;date;supplier;supplier_name;account;amount_sek\n\
                    F-1;2026-03-01;556677-8899;Konsult AB;6540;12 500,00\n\
                    K-1;2026-03-05;5566778899;Konsult AB;6540;-1250,5\n\
                    F-1;2026-03-01;556677-8899;Konsult AB;6540;100\n\
                    F-1;2026-03-01;556677-8899;Konsult AB;;7\n";
        let ps = parse(file.as_bytes()).unwrap();
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[0].amount, Money(1_260_000));
        assert_eq!(ps[0].date, date!(2026 - 03 - 01));
        assert_eq!(ps[1].amount, Money(-125_050));
        assert_eq!(ps[2].account, "");
        assert_eq!(ps[0].contract, None);
    }

    #[test]
    fn the_references_are_read_when_the_columns_are_there() {
        let file = "invoice,date,supplier,supplier_name,account,amount_sek,contract,order\n\
                    F-1,2026-03-01,5566778899,Konsult AB,6540,100,UH-2026-014,AV-7\n\
                    F-2,2026-03-01,5566778899,Konsult AB,6540,100,,\n";
        let ps = parse(file.as_bytes()).unwrap();
        assert_eq!(ps[0].contract.as_deref(), Some("UH-2026-014"));
        assert_eq!(ps[0].order.as_deref(), Some("AV-7"));
        assert_eq!(ps[1].order, None);
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_taken() {
        let file = "invoice;date;supplier;supplier_name;account;amount_sek\n\
                    F-1;2026-02-30;556677-8899;Konsult AB;6540;100\n\
                    F-2;2026-03-01;556677-8890;Konsult AB;6540;100\n\
                    ;2026-03-01;556677-8899;Konsult AB;6540;--5\n";
        let ps = parse(file.as_bytes()).unwrap_err();
        let lines: Vec<usize> = ps.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 4]);
        assert!(ps.iter().all(|p| matches!(p.kind, ProblemKind::Csv(_))));
        assert!(not_in_words(&ps, 5).is_none());
    }

    #[test]
    fn signed_amounts() {
        assert_eq!(signed_kronor("-2 500,50"), Ok(Money(-250_050)));
        assert_eq!(signed_kronor("\u{2212}1"), Ok(Money(-100)));
        assert_eq!(signed_kronor("0"), Ok(Money(0)));
        assert!(signed_kronor("- -1").is_err());
        assert!(signed_kronor("1,234").is_err());
    }
}
