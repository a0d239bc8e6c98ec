//! `avtal list agreements`: the register as JSON, CSV or a table, sorted by reference.

use std::path::Path;

use serde::Serialize;
use time::Date;

use super::Format;
use crate::domain::Agreement;
use crate::i18n::Catalog;
use crate::tr;

/// One row of `list agreements` (DESIGN §6: `{reference, name, start, end}`).
#[derive(Debug, Serialize)]
struct Row {
    reference: String,
    name: String,
    start: String,
    end: String,
}

pub(super) fn agreements(db: &Path, format: Format, cat: &Catalog) -> Result<(), String> {
    // Listing must not create a database: a file that is not there is an empty register.
    let mut agreements: Vec<Agreement> = if db.exists() {
        super::open_store(db, cat)?
            .agreements()
            .map_err(|e| e.message(cat))?
    } else {
        Vec::new()
    };
    agreements.sort_by(|a, b| a.reference.cmp(&b.reference));
    let rows: Vec<Row> = agreements
        .iter()
        .map(|a| Row {
            reference: a.reference.clone(),
            name: a.name.clone(),
            start: iso_date(a.start),
            end: iso_date(a.end),
        })
        .collect();
    let text = match format {
        Format::Json => json(&rows, cat)?,
        Format::Csv => csv(&rows, cat)?,
        Format::Table => table(&rows, cat),
    };
    super::print_out(&text, cat)
}

/// `YYYY-MM-DD`, built by hand so that it cannot fail.
pub(crate) fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn json(rows: &[Row], cat: &Catalog) -> Result<String, String> {
    serde_json::to_string_pretty(rows)
        .map(|s| s + "\n")
        .map_err(|e| tr!(cat, "cli.error.output", detail = e))
}

fn csv(rows: &[Row], cat: &Catalog) -> Result<String, String> {
    let fail = |e: &dyn std::fmt::Display| tr!(cat, "cli.error.output", detail = e);
    let mut w = csv::Writer::from_writer(Vec::new());
    // Written by hand so the header is there even when the register is empty.
    w.write_record(["reference", "name", "start", "end"])
        .map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record([&r.reference, &r.name, &r.start, &r.end])
            .map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

fn table(rows: &[Row], cat: &Catalog) -> String {
    if rows.is_empty() {
        return format!("{}\n", tr!(cat, "cli.list.empty"));
    }
    let header = [
        tr!(cat, "cli.list.reference"),
        tr!(cat, "cli.list.name"),
        tr!(cat, "cli.list.start"),
        tr!(cat, "cli.list.end"),
    ];
    let cells: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [&r.reference[..], &r.name, &r.start, &r.end])
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cols: [&str; 4]| {
        let padded: Vec<String> = cols
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(header);
    line(widths.map(|w| "─".repeat(w)).each_ref().map(String::as_str));
    for row in cells {
        line(row);
    }
    out
}
