//! Output shared by reports: pretty JSON, CSV with a header row, and aligned tables.
//! Any number of columns (the `list` command's own helpers are fixed at four).

use serde::Serialize;

use crate::i18n::Catalog;
use crate::tr;

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
