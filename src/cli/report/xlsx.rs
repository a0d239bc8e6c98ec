//! `report kpi --format xlsx --out FILE`: a real spreadsheet (rust_xlsxwriter).
//! Sheet `KPI`: the §5 keys as the header row and one row per supplier, counts and
//! shares as numbers (shares shown as percentages, the value itself 0..=1), null as
//! an empty cell. Sheet `Ranking`: the report's agreement, period and as-of time and
//! the four ranking figures, one `key | value` row each. Keys, not translated titles,
//! head the columns so that formulas and scripts can rely on them.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::kpi::{Cell, Report, SUPPLIER_KEYS};
use crate::i18n::Catalog;
use crate::tr;

pub(super) fn write(path: &Path, report: &Report, cat: &Catalog) -> Result<(), String> {
    build(path, report).map_err(|e| {
        tr!(
            cat,
            "cli.report.write_failed",
            path = path.display(),
            detail = e
        )
    })
}

fn build(path: &Path, report: &Report) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let mut book = Workbook::new();

    let sheet = book.add_worksheet().set_name("KPI")?;
    for (col, key) in (0u16..).zip(SUPPLIER_KEYS) {
        sheet.write_string_with_format(0, col, *key, &bold)?;
    }
    for (row, s) in (1u32..).zip(&report.suppliers) {
        for (col, (key, cell)) in (0u16..).zip(SUPPLIER_KEYS.iter().zip(s.cells())) {
            put(
                sheet,
                row,
                col,
                &cell,
                key.ends_with("_share").then_some(&percent),
            )?;
        }
    }
    sheet.autofit();

    let sheet = book.add_worksheet().set_name("Ranking")?;
    let r = &report.ranking;
    let rows = [
        ("agreement", Cell::Text(report.agreement.clone())),
        ("from", Cell::Text(report.from.clone())),
        ("to", Cell::Text(report.to.clone())),
        ("as_of", Cell::Text(report.as_of.clone())),
        ("ranking_calloffs", Cell::Count(r.ranking_calloffs)),
        ("compliant", Cell::Count(r.compliant)),
        ("deviations", Cell::Count(r.deviations)),
        ("compliance_share", Cell::Number(r.compliance_share)),
    ];
    for (row, (key, cell)) in (0u32..).zip(&rows) {
        sheet.write_string_with_format(row, 0, *key, &bold)?;
        put(
            sheet,
            row,
            1,
            cell,
            key.ends_with("_share").then_some(&percent),
        )?;
    }
    sheet.autofit();
    book.save(path)
}

fn put(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    match (cell, format) {
        (Cell::Text(s), _) => sheet.write_string(row, col, s).map(|_| ()),
        (Cell::Count(n), _) => sheet.write_number(row, col, *n as f64).map(|_| ()),
        (Cell::Number(Some(v)), Some(f)) => {
            sheet.write_number_with_format(row, col, *v, f).map(|_| ())
        }
        (Cell::Number(Some(v)), None) => sheet.write_number(row, col, *v).map(|_| ()),
        // Null: an empty cell.
        (Cell::Number(None), _) => Ok(()),
    }
}
