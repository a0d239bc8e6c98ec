//! `avtal list agreements|meetings|actions`: the register, its meetings and their action
//! items as JSON, CSV, a table or a workbook (`--format xlsx --out FILE`), in the shapes
//! of DESIGN §6.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use time::Date;

use super::Format;
use super::output::{self, Cell, Output};
use crate::domain::meeting::{Action, Meeting};
use crate::domain::{Agreement, AgreementId};
use crate::i18n::Catalog;
use crate::store::Store;
use crate::tr;

/// One row of `list agreements` (DESIGN §6: `{reference, name, start, end}`).
#[derive(Debug, Serialize)]
struct Row {
    reference: String,
    name: String,
    start: String,
    end: String,
}

/// Where a list goes: `out`, or the screen; a workbook needs a file.
fn deliver(output: Output, out: Option<&Path>, cat: &Catalog) -> Result<(), String> {
    output::deliver(output, out, "cli.list.written", cat)
}

fn needs_out(format: Format, out: Option<&Path>, cat: &Catalog) -> Result<(), String> {
    if format == Format::Xlsx && out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    Ok(())
}

pub(super) fn agreements(
    db: &Path,
    format: Format,
    out: Option<&Path>,
    cat: &Catalog,
) -> Result<(), String> {
    needs_out(format, out, cat)?;
    // A missing file was refused before (`cli::execute`): listing never creates one.
    let mut agreements: Vec<Agreement> = super::open_store(db, cat)?
        .agreements()
        .map_err(|e| e.message(cat))?;
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
        Format::Xlsx => {
            let sheet = Output::Sheet {
                name: "Agreements",
                header: vec!["reference", "name", "start", "end"],
                rows: agreements
                    .iter()
                    .map(|a| {
                        vec![
                            Cell::text(&a.reference),
                            Cell::text(&a.name),
                            Cell::Date(a.start),
                            Cell::Date(a.end),
                        ]
                    })
                    .collect(),
            };
            return deliver(sheet, out, cat);
        }
    };
    deliver(Output::Text(text), out, cat)
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

/// One row of `list meetings` (DESIGN §6: `{id, agreement, supplier, kind, date, status}`).
#[derive(Debug, Serialize)]
struct MeetingRow {
    id: String,
    agreement: String,
    supplier: Option<String>,
    kind: &'static str,
    date: String,
    status: &'static str,
}

/// One row of `list actions` (DESIGN §6: `{id, meeting, text, owner, side, due, status}`).
#[derive(Debug, Serialize)]
struct ActionRow {
    id: String,
    meeting: String,
    text: String,
    owner: String,
    side: &'static str,
    due: Option<String>,
    status: &'static str,
}

/// The store and the agreement asked for (None: every agreement). A missing database file
/// was refused before (`cli::execute`): listing never creates one.
fn scope(
    db: &Path,
    reference: Option<&str>,
    cat: &Catalog,
) -> Result<(Store, Option<AgreementId>), String> {
    let unknown = |r: &str| tr!(cat, "cli.list.unknown_agreement", reference = r);
    let store = super::open_store(db, cat)?;
    let id = match reference {
        None => None,
        Some(r) => {
            let found = store
                .agreement_by_reference(r)
                .map_err(|e| e.message(cat))?;
            Some(found.ok_or_else(|| unknown(r))?.id)
        }
    };
    Ok((store, id))
}

pub(super) fn meetings(
    db: &Path,
    reference: Option<&str>,
    format: Format,
    out: Option<&Path>,
    cat: &Catalog,
) -> Result<(), String> {
    needs_out(format, out, cat)?;
    let (store, agreement) = scope(db, reference, cat)?;
    let mut list: Vec<Meeting> = store.meetings(agreement).map_err(|e| e.message(cat))?;
    let references: HashMap<AgreementId, String> = store
        .agreements()
        .map_err(|e| e.message(cat))?
        .into_iter()
        .map(|a| (a.id, a.reference))
        .collect();
    // The store sorts by date and time; DESIGN §6 asks for date then id.
    list.sort_by_key(|m| (m.date, m.id));
    let rows: Vec<MeetingRow> = list
        .iter()
        .map(|m| MeetingRow {
            id: m.id.to_string(),
            // The store deletes an agreement's meetings with it; should one be left over,
            // it is shown under the agreement's number rather than hidden.
            agreement: references
                .get(&m.agreement)
                .cloned()
                .unwrap_or_else(|| format!("#{}", m.agreement.0)),
            supplier: m.supplier.as_ref().map(ToString::to_string),
            kind: m.kind.key(),
            date: iso_date(m.date),
            status: m.status.key(),
        })
        .collect();
    let header = ["id", "agreement", "supplier", "kind", "date", "status"];
    let cells = |words: &dyn Fn(&str, &str) -> String| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.agreement.clone(),
                    r.supplier.clone().unwrap_or_default(),
                    words("meeting.kind", r.kind),
                    r.date.clone(),
                    words("meeting.status", r.status),
                ]
            })
            .collect()
    };
    if format == Format::Xlsx {
        let rows = rows
            .iter()
            .zip(&list)
            .map(|(r, m)| {
                vec![
                    Cell::text(&r.id),
                    Cell::text(&r.agreement),
                    Cell::maybe(r.supplier.clone()),
                    Cell::text(r.kind),
                    Cell::Date(m.date),
                    Cell::text(r.status),
                ]
            })
            .collect();
        let sheet = Output::Sheet {
            name: "Meetings",
            header: header.to_vec(),
            rows,
        };
        return deliver(sheet, out, cat);
    }
    let text = render(format, &rows, &header, cells, "cli.list.no_meetings", cat)?;
    deliver(Output::Text(text), out, cat)
}

pub(super) fn actions(
    db: &Path,
    reference: Option<&str>,
    format: Format,
    out: Option<&Path>,
    cat: &Catalog,
) -> Result<(), String> {
    needs_out(format, out, cat)?;
    let (store, agreement) = scope(db, reference, cat)?;
    let mut list: Vec<Action> = store.actions(agreement).map_err(|e| e.message(cat))?;
    // By due date, those without one last, then by id (DESIGN §6 leaves it to us; this is
    // the order an action list is worked through).
    list.sort_by_key(|a| (a.due.is_none(), a.due, a.id));
    let rows: Vec<ActionRow> = list
        .iter()
        .map(|a| ActionRow {
            id: a.id.to_string(),
            meeting: a.meeting.to_string(),
            text: a.text.clone(),
            owner: a.owner.clone(),
            side: a.side.key(),
            due: a.due.map(iso_date),
            status: a.status.key(),
        })
        .collect();
    let header = ["id", "meeting", "text", "owner", "side", "due", "status"];
    let cells = |words: &dyn Fn(&str, &str) -> String| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.meeting.clone(),
                    r.text.clone(),
                    r.owner.clone(),
                    words("meeting.side", r.side),
                    r.due.clone().unwrap_or_default(),
                    words("action.status", r.status),
                ]
            })
            .collect()
    };
    if format == Format::Xlsx {
        let rows = rows
            .iter()
            .zip(&list)
            .map(|(r, a)| {
                vec![
                    Cell::text(&r.id),
                    Cell::text(&r.meeting),
                    Cell::text(&r.text),
                    Cell::text(&r.owner),
                    Cell::text(r.side),
                    a.due.map_or(Cell::Empty, Cell::Date),
                    Cell::text(r.status),
                ]
            })
            .collect();
        let sheet = Output::Sheet {
            name: "Actions",
            header: header.to_vec(),
            rows,
        };
        return deliver(sheet, out, cat);
    }
    let text = render(format, &rows, &header, cells, "cli.list.no_actions", cat)?;
    deliver(Output::Text(text), out, cat)
}

/// JSON from the rows themselves; CSV with the keys as they are; a table with column
/// titles (`cli.list.column.<key>`) and names (`export.<group>.<key>`) in words.
fn render<T: Serialize>(
    format: Format,
    rows: &[T],
    header: &[&str],
    cells: impl Fn(&dyn Fn(&str, &str) -> String) -> Vec<Vec<String>>,
    empty: &str,
    cat: &Catalog,
) -> Result<String, String> {
    Ok(match format {
        Format::Json => output::json(rows, cat)?,
        Format::Csv => output::csv(header, &cells(&|_, key| key.to_string()), cat)?,
        Format::Table if rows.is_empty() => format!("{}\n", tr!(cat, empty)),
        // Written by the callers, which hold the dates.
        Format::Xlsx => String::new(),
        Format::Table => {
            let titles: Vec<String> = header
                .iter()
                .map(|h| tr!(cat, &format!("cli.list.column.{h}")).to_string())
                .collect();
            let words =
                |group: &str, key: &str| cat.t(&format!("export.{group}.{key}")).to_string();
            output::table(&titles, &cells(&words))
        }
    })
}
