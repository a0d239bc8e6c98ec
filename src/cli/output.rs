//! Output shared by reports: pretty JSON, CSV with a header row, aligned tables, and
//! spreadsheets (`--format xlsx --out FILE`, one sheet: the keys as the header row,
//! numbers as numbers, dates as dates). Any number of columns (the `list` command's own
//! helpers are fixed at four).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;

use crate::domain::Money;
use crate::i18n::Catalog;
use crate::tr;

/// A cell of a spreadsheet report.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
    /// A date cell, shown as `YYYY-MM-DD`.
    Date(time::Date),
    Bool(bool),
    /// An amount in öre: a whole number (the `_ore` column).
    Ore(Money),
    /// The same amount in kronor, a number shown with two decimals (the `_sek` column).
    Kronor(Money),
    /// Null: an empty cell.
    Empty,
}

impl Cell {
    pub(super) fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// Text, or an empty cell for None.
    pub(super) fn maybe(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.into()))
    }
}

/// What a command produced: text for the screen or a file, or one sheet for a workbook.
pub(super) enum Output {
    Text(String),
    Sheet {
        /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
        name: &'static str,
        header: Vec<&'static str>,
        rows: Vec<Vec<Cell>>,
    },
}

/// Prints the output, or writes it to `out` and says so (`written` names the message:
/// `cli.report.written`, `cli.list.written`). A sheet needs a file.
pub(super) fn deliver(
    output: Output,
    out: Option<&Path>,
    written: &str,
    cat: &Catalog,
) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display, path: &Path| {
        tr!(
            cat,
            "cli.report.write_failed",
            path = path.display(),
            detail = e
        )
    };
    let Some(path) = out else {
        return match output {
            Output::Text(text) => super::print_out(&text, cat),
            Output::Sheet { .. } => Err(tr!(cat, "cli.report.xlsx_needs_out").to_string()),
        };
    };
    match output {
        Output::Text(text) => std::fs::write(path, text).map_err(|e| failed(&e, path))?,
        Output::Sheet { name, header, rows } => {
            xlsx(path, name, &header, &rows).map_err(|e| failed(&e, path))?
        }
    }
    let line = tr!(cat, written, path = path.display());
    super::print_out(&format!("{line}\n"), cat)
}

/// One sheet named `name`: the keys in bold as the header row, a row per entry.
pub(super) fn xlsx(
    path: &Path,
    name: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ore = Format::new().set_num_format("0");
    let kronor = Format::new().set_num_format("#,##0.00");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name(name)?;
    for (col, key) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, col, *key, &bold)?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                Cell::Date(d) => {
                    let at = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::from(d.month()),
                        d.day(),
                    )?;
                    sheet.write_datetime_with_format(row, col, &at, &date)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(row, col, *b)?;
                }
                Cell::Ore(m) => {
                    sheet.write_number_with_format(row, col, m.0 as f64, &ore)?;
                }
                Cell::Kronor(m) => {
                    sheet.write_number_with_format(row, col, m.0 as f64 / 100.0, &kronor)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    book.save(path)
}

pub(super) fn json<T: Serialize + ?Sized>(value: &T, cat: &Catalog) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| tr!(cat, "cli.error.output", detail = e))
}

/// Comma-separated, quoted where needed; the header is written even with no rows.
pub(super) fn csv(header: &[&str], rows: &[Vec<String>], cat: &Catalog) -> Result<String, String> {
    let fail = |e: &dyn std::fmt::Display| tr!(cat, "cli.error.output", detail = e);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record(r).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

/// Columns padded to their widest cell, a rule under the header; line breaks inside a
/// cell become spaces so that one row stays one line.
pub(super) fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| flat(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cols: &[String]| {
        let padded: Vec<String> = cols
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(header);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(&rule);
    for row in &rows {
        line(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_keep_one_row_per_line() {
        let header = vec!["Avrop".to_string(), "Text".to_string()];
        let rows = vec![vec!["A-10".to_string(), "två\nrader".to_string()]];
        assert_eq!(
            table(&header, &rows),
            "Avrop  Text\n─────  ─────────\nA-10   två rader\n"
        );
    }
}
