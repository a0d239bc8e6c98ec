//! A sheet of a workbook as the text of a CSV file (issue 16), so that every table parser
//! reads it with the cell checks it already has. One line per row of the sheet, starting
//! on the sheet's own row number, so a problem names the row Excel shows.
//!
//! Cells are written as their type says, not as a guess from the text: a date cell as
//! `YYYY-MM-DD` (with ` HH:MM` when it has a time of day, rounded to the minute), a
//! number as plain digits with a decimal point and no thousands separator (a whole
//! number without `.0`), an error cell as Excel shows it (`#N/A`). The table's
//! [`Kind`]s say more where a column needs it: an organisation number typed without
//! the hyphen arrives as a number and becomes its ten digits again.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Reader as _};

use super::source::{Kind, Table};
use super::{CsvProblem, problem};
use crate::formats::problem::FileProblem;

/// A sheet read as text.
pub(super) struct Read {
    pub text: String,
    pub sheet: String,
    /// The sheet row the text begins on.
    pub first_line: usize,
}

pub(super) fn read(bytes: &[u8], table: &Table) -> Result<Read, Vec<FileProblem>> {
    // calamine reads a damaged archive with care, but a file is whatever was handed
    // over: a panic inside it is a file that cannot be read, not a crash.
    std::panic::catch_unwind(|| read_book(bytes, table)).unwrap_or_else(|_| {
        Err(vec![whole(CsvProblem::NotAWorkbook {
            detail: String::new(),
        })])
    })
}

fn whole(p: CsvProblem) -> FileProblem {
    problem(0, p)
}

fn read_book(bytes: &[u8], table: &Table) -> Result<Read, Vec<FileProblem>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![whole(CsvProblem::NotAWorkbook {
            detail: e.to_string(),
        })]
    })?;
    let names = book.sheet_names();
    let allowed = table.columns.join(", ");
    let Some(sheet) = pick(&names, table.sheet) else {
        return Err(vec![whole(CsvProblem::EmptySheet {
            sheet: String::new(),
            allowed,
        })]);
    };
    let range = book.worksheet_range(&sheet).map_err(|e| {
        vec![whole(CsvProblem::SheetUnreadable {
            sheet: sheet.clone(),
            detail: e.to_string(),
        })]
    })?;
    let Some((first_row, _)) = range.start() else {
        return Err(vec![whole(CsvProblem::EmptySheet { sheet, allowed })]);
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(|c| plain(c, None))
        .collect();
    let kinds: Vec<Option<Kind>> = header
        .iter()
        .map(|name| {
            let name = name.trim();
            table
                .kinds
                .iter()
                .find(|(c, _)| *c == name)
                .map(|(_, k)| *k)
        })
        .collect();
    // A column with nothing in the header row is no column of the table: the index
    // column a script writes, or notes beside the table.
    let named: Vec<usize> = (0..header.len())
        .filter(|i| !header[*i].trim().is_empty())
        .collect();
    let mut text = String::with_capacity(range.get_size().0 * named.len() * 12);
    line(&mut text, named.iter().map(|i| header[*i].as_str()));
    let mut cell = String::new();
    for row in rows {
        for (n, i) in named.iter().enumerate() {
            if n > 0 {
                text.push(',');
            }
            cell.clear();
            if let Some(c) = row.get(*i) {
                write_cell(&mut cell, c, kinds[*i]);
            }
            push_cell(&mut text, &cell);
        }
        text.push('\n');
    }
    Ok(Read {
        text,
        sheet,
        first_line: first_row as usize + 1,
    })
}

/// The sheet named like the table, else the first.
fn pick(names: &[String], table: &str) -> Option<String> {
    let norm = |s: &str| s.trim().to_lowercase().replace('-', "_");
    let wanted = norm(table);
    names
        .iter()
        .find(|n| norm(n) == wanted)
        .or_else(|| names.first())
        .cloned()
}

fn line<'s>(text: &mut String, cells: impl Iterator<Item = &'s str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            text.push(',');
        }
        push_cell(text, c);
    }
    text.push('\n');
}

/// A cell of the CSV text: quoted when it holds a separator, quote or line end.
fn push_cell(text: &mut String, cell: &str) {
    if cell.contains([',', '"', '\r', '\n']) {
        text.push('"');
        text.push_str(&cell.replace('"', "\"\""));
        text.push('"');
    } else {
        text.push_str(cell);
    }
}

fn plain(cell: &Data, kind: Option<Kind>) -> String {
    let mut out = String::new();
    write_cell(&mut out, cell, kind);
    out
}

/// The text of one cell, as its type (and the column's kind) says.
fn write_cell(out: &mut String, cell: &Data, kind: Option<Kind>) {
    use std::fmt::Write;
    match cell {
        Data::Empty => {}
        Data::String(s) => out.push_str(s),
        Data::Int(i) => number(out, *i as f64, kind),
        Data::Float(f) => number(out, *f, kind),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::DateTime(d) if d.is_datetime() => date(out, d, kind),
        Data::DateTime(d) => number(out, d.as_f64(), None),
        Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// A number as plain text: no thousands separator, a point before any decimals, a whole
/// number without `.0`, and at most the 15 significant digits Excel keeps (so a sum of
/// 0.1 and 0.2 is 0.3). An organisation number is its ten digits.
fn number(out: &mut String, f: f64, kind: Option<Kind>) {
    use std::fmt::Write;
    let whole = f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15;
    if whole && kind == Some(Kind::OrgNumber) && (1.0..1e10).contains(&f) {
        let _ = write!(out, "{:010}", f as i64);
    } else if whole {
        let _ = write!(out, "{}", f as i64);
    } else if f.is_finite() {
        let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
        let _ = write!(out, "{rounded}");
    } else {
        let _ = write!(out, "{f}");
    }
}

/// A date cell: `YYYY-MM-DD`, with ` HH:MM` when it has a time of day (or the column
/// holds times), `YYYY-MM` for the first of a month in a month column.
fn date(out: &mut String, d: &ExcelDateTime, kind: Option<Kind>) {
    use std::fmt::Write;
    // Excel's dates run from 1900 to 9999; outside that the serial number is told as it
    // is, and refused as a date by the column's own check.
    if !(0.0..2_958_466.0).contains(&d.as_f64()) {
        return number(out, d.as_f64(), None);
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    let Some(at) = time::Month::try_from(m)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(i32::from(y), m, day).ok())
        .and_then(|date| date.with_hms(h, min, 0).ok())
    else {
        // Excel's 1900-02-29, which never was.
        let _ = write!(out, "{y:04}-{m:02}-{day:02}");
        return;
    };
    // Rounded to the minute: 09:30 is stored as a fraction of a day that may read back
    // as 09:29:59.999.
    let at = if u32::from(s) * 1000 + u32::from(ms) >= 30_000 {
        at.saturating_add(time::Duration::MINUTE)
    } else {
        at
    };
    let (y, m, day) = (at.year(), u8::from(at.month()), at.day());
    let midnight = at.hour() == 0 && at.minute() == 0;
    match kind {
        Some(Kind::Month) if midnight && day == 1 => {
            let _ = write!(out, "{y:04}-{m:02}");
        }
        Some(Kind::DateTime) => {
            let _ = write!(
                out,
                "{y:04}-{m:02}-{day:02} {:02}:{:02}",
                at.hour(),
                at.minute()
            );
        }
        _ if midnight => {
            let _ = write!(out, "{y:04}-{m:02}-{day:02}");
        }
        _ => {
            let _ = write!(
                out,
                "{y:04}-{m:02}-{day:02} {:02}:{:02}",
                at.hour(),
                at.minute()
            );
        }
    }
}

#[cfg(test)]
mod tests;
