//! `avtal report deviations --agreement REF [--all] [--format json|csv|table|xlsx]
//! [--out FILE]`.
//!
//! The plain report is exactly DESIGN §6: a list of `{calloff, kinds, suppliers,
//! motivated}`, one per call-off with a ranking deviation, read from the outcomes the
//! store keeps current (DESIGN §4), sorted by call-off reference. Organisation numbers
//! are shown as `NNNNNN-NNNN` (DESIGN §4: "stored without, shown with").
//!
//! `--all` keeps those four keys and adds `source`, `id`, `status`, `registered` and
//! `description` to every entry, so one reader can read both reports.
//!
//! `report kpi` and `report penalties` live in the submodules; what the reports share
//! (the agreement by reference, dates from the command line) is here.

mod kpi;
mod penalties;
mod spend;
mod xlsx;

pub(super) use kpi::{KpiArgs, kpi};
pub(super) use penalties::penalties;
pub(super) use spend::{AuditArgs, SpendArgs, price_audit, spend};

use std::path::Path;

use serde::Serialize;

use super::Format;
use super::output::{self, Cell, Output};
use crate::domain::Agreement;
use crate::domain::deviation::ManualDeviation;
use crate::domain::ranking::RankingOutcome;
use crate::formats::csv_common;
use crate::i18n::Catalog;
use crate::store::{CallOffRow, Store};
use crate::tr;

/// The store and the agreement named by `reference` (a missing database file was refused
/// before, in `cli::execute`).
fn open_agreement(db: &Path, reference: &str, cat: &Catalog) -> Result<(Store, Agreement), String> {
    let unknown = || tr!(cat, "cli.report.unknown_agreement", reference = reference);
    let store = super::open_store(db, cat)?;
    let agreement = store
        .agreement_by_reference(reference)
        .map_err(|e| e.message(cat))?
        .ok_or_else(unknown)?;
    Ok((store, agreement))
}

/// A `YYYY-MM-DD` option, or a message naming the option.
fn date_arg(option: &str, input: &str, cat: &Catalog) -> Result<time::Date, String> {
    csv_common::date(input.trim())
        .map_err(|_| tr!(cat, "cli.report.bad_date", option = option, input = input))
}

/// A `YYYY-MM-DD HH:MM` option (seconds and an ISO `T` accepted, as in the CSV files).
fn time_arg(option: &str, input: &str, cat: &Catalog) -> Result<time::PrimitiveDateTime, String> {
    csv_common::datetime(input.trim())
        .map_err(|_| tr!(cat, "cli.report.bad_time", option = option, input = input))
}

#[derive(Debug, Serialize)]
struct Entry {
    calloff: Option<String>,
    kinds: Vec<&'static str>,
    suppliers: Vec<String>,
    motivated: bool,
    /// Only with `--all`.
    #[serde(flatten)]
    more: Option<More>,
}

#[derive(Debug, Serialize)]
struct More {
    /// `ranking` or `manual`.
    source: &'static str,
    id: Option<u64>,
    status: Option<&'static str>,
    registered: Option<String>,
    /// The documented reason of a ranking deviation; the text of one registered by hand.
    description: Option<String>,
}

pub(super) fn deviations(
    db: &Path,
    reference: &str,
    all: bool,
    format: Format,
    out: Option<&Path>,
    cat: &Catalog,
) -> Result<(), String> {
    if format == Format::Xlsx && out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    let (store, agreement) = open_agreement(db, reference, cat)?;
    let rows = store
        .calloff_rows(agreement.id)
        .map_err(|e| e.message(cat))?;
    let mut entries: Vec<Entry> = rows.iter().filter_map(|r| ranking(r, all)).collect();
    if all {
        let manual = store
            .deviations(Some(agreement.id))
            .map_err(|e| e.message(cat))?;
        entries.extend(manual.iter().map(by_hand));
    }
    entries.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));

    let text = match format {
        Format::Xlsx => {
            let sheet = Output::Sheet {
                name: "Deviations",
                header: header(all).to_vec(),
                rows: entries.iter().map(sheet_row).collect(),
            };
            return output::deliver(sheet, out, "cli.report.written", cat);
        }
        Format::Json => output::json(&entries, cat)?,
        Format::Csv => output::csv(header(all), &cells(&entries, "|", |s| s.to_string()), cat)?,
        Format::Table if entries.is_empty() => {
            let key = if all {
                "cli.report.no_deviations_all"
            } else {
                "cli.report.no_deviations"
            };
            format!("{}\n", tr!(cat, key, reference = agreement.reference))
        }
        Format::Table => {
            let titles: Vec<String> = header(all)
                .iter()
                .map(|h| tr!(cat, &format!("cli.report.column.{h}")).to_string())
                .collect();
            // Kinds, sources, statuses and yes/no in words; `id` stays a number.
            let words = |key: &str| match key {
                "true" => tr!(cat, "cli.report.yes").to_string(),
                "false" => tr!(cat, "cli.report.no").to_string(),
                other => {
                    let found = ["kind", "source", "status"]
                        .iter()
                        .map(|g| format!("cli.report.{g}.{other}"))
                        .find(|k| cat.has(k));
                    found.map_or_else(|| other.to_string(), |k| cat.t(&k).to_string())
                }
            };
            output::table(&titles, &cells(&entries, ", ", words))
        }
    };
    output::deliver(Output::Text(text), out, "cli.report.written", cat)
}

/// An entry as a row of a sheet: the keys' values, lists joined with ", ", motivated as
/// a boolean, the id as a number and the date registered as a date.
fn sheet_row(e: &Entry) -> Vec<Cell> {
    let mut row = vec![
        Cell::maybe(e.calloff.clone()),
        Cell::text(e.kinds.join(", ")),
        Cell::text(e.suppliers.join(", ")),
        Cell::Bool(e.motivated),
    ];
    if let Some(m) = &e.more {
        row.extend([
            Cell::text(m.source),
            m.id.map_or(Cell::Empty, |i| Cell::Number(i as f64)),
            Cell::maybe(m.status),
            m.registered
                .as_deref()
                .and_then(|d| csv_common::date(d).ok())
                .map_or(Cell::Empty, Cell::Date),
            Cell::maybe(m.description.clone()),
        ]);
    }
    row
}

fn ranking(row: &CallOffRow, all: bool) -> Option<Entry> {
    let RankingOutcome::Deviation {
        kinds,
        suppliers,
        motivated,
    } = &row.outcome
    else {
        return None;
    };
    Some(Entry {
        calloff: Some(row.calloff.reference.clone()),
        kinds: kinds.iter().map(|k| k.key()).collect(),
        suppliers: suppliers.iter().map(ToString::to_string).collect(),
        motivated: *motivated,
        more: all.then(|| More {
            source: "ranking",
            id: None,
            status: None,
            registered: None,
            description: row.calloff.deviation_reason.clone(),
        }),
    })
}

fn by_hand(d: &ManualDeviation) -> Entry {
    Entry {
        calloff: d.calloff.clone(),
        kinds: vec![d.kind.key()],
        suppliers: d.supplier.iter().map(ToString::to_string).collect(),
        // A motivation is a ranking notion (a documented reason to leave the cascade).
        motivated: false,
        more: Some(More {
            source: "manual",
            id: Some(d.id.0),
            status: Some(d.status.key()),
            registered: Some(super::list::iso_date(d.registered)),
            description: Some(d.description.clone()),
        }),
    }
}

/// By call-off (none last), ranking before manual, then date registered and id.
fn sort_key(e: &Entry) -> (bool, Option<&str>, bool, Option<&str>, Option<u64>) {
    let more = e.more.as_ref();
    (
        e.calloff.is_none(),
        e.calloff.as_deref(),
        more.is_some_and(|m| m.source == "manual"),
        more.and_then(|m| m.registered.as_deref()),
        more.and_then(|m| m.id),
    )
}

fn header(all: bool) -> &'static [&'static str] {
    const BASE: &[&str] = &["calloff", "kinds", "suppliers", "motivated"];
    const ALL: &[&str] = &[
        "calloff",
        "kinds",
        "suppliers",
        "motivated",
        "source",
        "id",
        "status",
        "registered",
        "description",
    ];
    if all { ALL } else { BASE }
}

/// One row of cells per entry; lists joined with `join` (`|` in CSV, where neither a
/// kind nor an organisation number can hold one), null as an empty cell, and every
/// keyword passed through `word` (identity for CSV, the catalogue for tables).
fn cells(entries: &[Entry], join: &str, word: impl Fn(&str) -> String) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|e| {
            let kinds: Vec<String> = e.kinds.iter().map(|k| word(k)).collect();
            let mut row = vec![
                e.calloff.clone().unwrap_or_default(),
                kinds.join(join),
                e.suppliers.join(join),
                word(if e.motivated { "true" } else { "false" }),
            ];
            if let Some(m) = &e.more {
                row.extend([
                    word(m.source),
                    m.id.map(|i| i.to_string()).unwrap_or_default(),
                    m.status.map(&word).unwrap_or_default(),
                    m.registered.clone().unwrap_or_default(),
                    m.description.clone().unwrap_or_default(),
                ]);
            }
            row
        })
        .collect()
}
