use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::super::{CsvProblem, Layout, open};
use super::*;
use crate::formats::ProblemKind;
use crate::i18n::{Catalog, Lang};

static T: Table = Table {
    sheet: "t-data",
    columns: &["name", "org", "when", "day", "month", "amount"],
    optional_from: 6,
    kinds: &[
        ("org", Kind::OrgNumber),
        ("when", Kind::DateTime),
        ("month", Kind::Month),
    ],
};

fn header(sheet: &mut Worksheet, row: u32) {
    for (col, name) in (0u16..).zip(T.columns) {
        sheet.write_string(row, col, *name).unwrap();
    }
}

/// Every data row's line and cells, read back through the front step.
fn rows_of(bytes: &[u8]) -> (Layout, Vec<(usize, Vec<String>)>) {
    let source = open(bytes, &T).unwrap();
    let rows = source
        .rows()
        .unwrap()
        .map(|r| {
            let r = r.unwrap();
            (
                r.line,
                (0..T.columns.len()).map(|c| r.get(c).to_string()).collect(),
            )
        })
        .collect();
    (source.layout().clone(), rows)
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

#[test]
fn cells_are_written_as_their_type_says() {
    let mut book = Workbook::new();
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("# ##0,00 kr");
    let sheet = book.add_worksheet();
    header(sheet, 0);
    // Row 2: a number typed for an organisation number, a time, a date, a month.
    sheet.write_string(1, 0, "Åsa, \"AB\"").unwrap();
    sheet.write_number(1, 1, 5566778899.0).unwrap();
    let at = ExcelDateTime::from_ymd(2026, 4, 1)
        .unwrap()
        .and_hms(9, 30, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 2, &at, &datetime)
        .unwrap();
    let d = ExcelDateTime::from_ymd(2026, 4, 30).unwrap();
    sheet.write_datetime_with_format(1, 3, &d, &day).unwrap();
    let m = ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    sheet.write_datetime_with_format(1, 4, &m, &day).unwrap();
    sheet
        .write_number_with_format(1, 5, 1250000.5, &money)
        .unwrap();
    // Row 3 is empty; row 4: leading zeros lost, midnight in a time column, a time in a
    // date column, a whole number, a cell with a line break.
    sheet.write_string(3, 0, "två\nrader").unwrap();
    sheet.write_number(3, 1, 212000142.0).unwrap();
    let midnight = ExcelDateTime::from_ymd(2026, 4, 2).unwrap();
    sheet
        .write_datetime_with_format(3, 2, &midnight, &day)
        .unwrap();
    let evening = ExcelDateTime::from_ymd(2026, 4, 3)
        .unwrap()
        .and_hms(17, 45, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(3, 3, &evening, &datetime)
        .unwrap();
    sheet.write_number(3, 5, 42.0).unwrap();
    // Row 5: text as typed, a sum that floats cannot hold exactly, an error cell.
    sheet.write_string(4, 0, "x").unwrap();
    sheet.write_string(4, 1, "556677-8899").unwrap();
    sheet.write_string(4, 4, "2026-05").unwrap();
    sheet.write_number(4, 5, 0.1 + 0.2).unwrap();
    sheet
        .write_formula(4, 3, "=NA()")
        .unwrap()
        .set_formula_result(4, 3, "#N/A");
    let (layout, rows) = rows_of(&book.save_to_buffer().unwrap());
    assert_eq!(
        layout,
        Layout::Sheet {
            name: "Sheet1".into()
        }
    );
    assert_eq!(
        rows,
        vec![
            (
                2,
                strings(&[
                    "Åsa, \"AB\"",
                    "5566778899",
                    "2026-04-01 09:30",
                    "2026-04-30",
                    "2026-03",
                    "1250000.5"
                ])
            ),
            (
                4,
                strings(&[
                    "två\nrader",
                    "0212000142",
                    "2026-04-02 00:00",
                    "2026-04-03 17:45",
                    "",
                    "42"
                ])
            ),
            (
                5,
                strings(&["x", "556677-8899", "", "#N/A", "2026-05", "0.3"])
            ),
        ]
    );
}

#[test]
fn the_sheet_named_like_the_table_is_read_and_rows_keep_their_numbers() {
    let mut book = Workbook::new();
    let other = book.add_worksheet().set_name("Notes").unwrap();
    other.write_string(0, 0, "not this one").unwrap();
    // The table starts in C3: the header is the first row used. Column B is an index
    // with no name, and a note stands to the right of the table: neither is read.
    let sheet = book.add_worksheet().set_name("T_Data").unwrap();
    for (col, name) in (2u16..).zip(T.columns) {
        sheet.write_string(2, col, *name).unwrap();
    }
    sheet.write_string(6, 2, "Kim").unwrap();
    sheet.write_number(6, 1, 0.0).unwrap();
    sheet.write_string(4, 12, "checked by Kim").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (layout, rows) = rows_of(&bytes);
    assert_eq!(
        layout,
        Layout::Sheet {
            name: "T_Data".into()
        }
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, 7);
    assert_eq!(rows[0].1[0], "Kim");
}

#[test]
fn a_bad_header_in_a_sheet_is_told_on_its_row() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(3, 0, "name").unwrap();
    sheet.write_string(3, 1, "nmae").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let problems = open(&bytes, &T).unwrap().rows().err().unwrap();
    assert!(problems.iter().all(|p| p.line == 4), "{problems:?}");
    let text = problems[0].message_in(Some("Sheet1"), Catalog::get(Lang::En));
    assert!(text.starts_with("Sheet Sheet1, line 4: "), "{text}");
}

#[test]
fn an_empty_sheet_or_workbook_is_refused_in_words() {
    let mut book = Workbook::new();
    book.add_worksheet();
    let bytes = book.save_to_buffer().unwrap();
    let problems = open(&bytes, &T).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(matches!(
        &problems[0].kind,
        ProblemKind::Csv(CsvProblem::EmptySheet { sheet, .. }) if sheet == "Sheet1"
    ));
    assert_eq!(
        problems[0].message(Catalog::get(Lang::Sv)),
        "Bladet Sheet1 är tomt. Dess första rad ska namnge kolumnerna: \
         name, org, when, day, month, amount."
    );
}

#[test]
fn numbers_are_plain_text() {
    let text = |f: f64, kind| {
        let mut out = String::new();
        number(&mut out, f, kind);
        out
    };
    assert_eq!(text(1e6, None), "1000000");
    assert_eq!(text(-3.0, None), "-3");
    assert_eq!(text(2500.55, None), "2500.55");
    assert_eq!(text(0.1 + 0.7, None), "0.8");
    assert_eq!(text(1e20, None), "100000000000000000000");
    assert_eq!(text(f64::NAN, None), "NaN");
    assert_eq!(text(5566778899.0, Some(Kind::OrgNumber)), "5566778899");
    assert_eq!(text(12.0, Some(Kind::OrgNumber)), "0000000012");
    assert_eq!(text(12.5, Some(Kind::OrgNumber)), "12.5");
}
