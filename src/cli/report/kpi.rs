//! `avtal report kpi --agreement REF --from DATE --to DATE --as-of "DATE HH:MM"
//! [--format json|csv|table|xlsx] [--out FILE]`: the KPI table of DESIGN §5 in the
//! shapes of §6. The figures are `stats::kpi_table`'s (its decisions apply).
//!
//! - json: `{agreement, from, to, as_of, ranking, suppliers}`; every supplier of the
//!   agreement, in the agreement's order; shares as JSON numbers, not rounded (the
//!   nearest double to the exact quotient), null where §5 says.
//! - csv: one row per supplier, the keys as the header; null is an empty cell.
//! - table: transposed for reading (a row per KPI, a column per supplier), shares
//!   as percentages with one decimal, then the ranking figures.
//! - xlsx: see `xlsx`; needs `--out`. Any format can go to `--out` instead of stdout.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use time::PrimitiveDateTime;

use super::super::{KpiFormat, output};
use crate::i18n::{Catalog, Lang};
use crate::stats::{self, KpiTable, Period, SupplierKpis};
use crate::tr;

pub(in crate::cli) struct KpiArgs<'a> {
    pub reference: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub as_of: &'a str,
    pub format: KpiFormat,
    pub out: Option<&'a Path>,
}

#[derive(Debug, Serialize)]
pub(super) struct Report {
    pub agreement: String,
    pub from: String,
    pub to: String,
    pub as_of: String,
    pub ranking: Ranking,
    pub suppliers: Vec<Supplier>,
}

#[derive(Debug, Serialize)]
pub(super) struct Ranking {
    pub ranking_calloffs: u64,
    pub compliant: u64,
    pub deviations: u64,
    pub compliance_share: Option<f64>,
}

/// The keys of §5 after `org_number` and `name`, in `SUPPLIER_KEYS` order.
#[derive(Debug, Serialize)]
pub(super) struct Supplier {
    org_number: String,
    name: String,
    requests: u64,
    answered_in_time: u64,
    not_answered_in_time: u64,
    pending: u64,
    answered_in_time_share: Option<f64>,
    awarded: u64,
    delivered: u64,
    on_time: u64,
    consultants: u64,
    replaced_due_to_complaint: u64,
    replaced_share: Option<f64>,
    sick_leave_share: Option<f64>,
    quality_mean: Option<f64>,
}

/// The CSV header and spreadsheet columns: the fields of `Supplier`, in order.
pub(super) const SUPPLIER_KEYS: &[&str] = &[
    "org_number",
    "name",
    "requests",
    "answered_in_time",
    "not_answered_in_time",
    "pending",
    "answered_in_time_share",
    "awarded",
    "delivered",
    "on_time",
    "consultants",
    "replaced_due_to_complaint",
    "replaced_share",
    "sick_leave_share",
    "quality_mean",
];

/// One value of the report, typed for CSV, tables and spreadsheets.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Count(u64),
    /// A share or a mean; None is DESIGN's null.
    Number(Option<f64>),
}

impl Supplier {
    fn new(s: &SupplierKpis) -> Supplier {
        Supplier {
            org_number: s.org_number.to_string(),
            name: s.name.clone(),
            requests: s.requests,
            answered_in_time: s.answered_in_time,
            not_answered_in_time: s.not_answered_in_time,
            pending: s.pending,
            answered_in_time_share: s.answered_in_time_share,
            awarded: s.awarded,
            delivered: s.delivered,
            on_time: s.on_time,
            consultants: s.consultants,
            replaced_due_to_complaint: s.replaced_due_to_complaint,
            replaced_share: s.replaced_share,
            sick_leave_share: s.sick_leave_share,
            quality_mean: s.quality_mean,
        }
    }

    /// The values in `SUPPLIER_KEYS` order, read through serde so that the JSON and
    /// the other forms cannot drift apart.
    pub(super) fn cells(&self) -> Vec<Cell> {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        SUPPLIER_KEYS
            .iter()
            .map(|k| match value.get(k) {
                Some(Value::String(s)) => Cell::Text(s.clone()),
                Some(Value::Number(n)) if n.is_u64() => Cell::Count(n.as_u64().unwrap_or(0)),
                Some(Value::Number(n)) => Cell::Number(n.as_f64()),
                _ => Cell::Number(None),
            })
            .collect()
    }
}

fn time_text(t: PrimitiveDateTime) -> String {
    let base = format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute());
    if t.second() == 0 {
        base
    } else {
        format!("{base}:{:02}", t.second())
    }
}

impl Report {
    fn new(reference: &str, period: Period, as_of: PrimitiveDateTime, t: &KpiTable) -> Report {
        Report {
            agreement: reference.to_string(),
            from: period.from.to_string(),
            to: period.to.to_string(),
            as_of: time_text(as_of),
            ranking: Ranking {
                ranking_calloffs: t.ranking.ranking_calloffs,
                compliant: t.ranking.compliant,
                deviations: t.ranking.deviations,
                compliance_share: t.ranking.compliance_share,
            },
            suppliers: t.suppliers.iter().map(Supplier::new).collect(),
        }
    }
}

pub(in crate::cli) fn kpi(db: &Path, args: &KpiArgs<'_>, cat: &Catalog) -> Result<(), String> {
    let from = super::date_arg("from", args.from, cat)?;
    let to = super::date_arg("to", args.to, cat)?;
    let as_of = super::time_arg("as-of", args.as_of, cat)?;
    if from > to {
        return Err(tr!(cat, "cli.report.from_after_to", from = from, to = to));
    }
    if args.format == KpiFormat::Xlsx && args.out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    let (store, agreement) = super::open_agreement(db, args.reference, cat)?;
    let (calloffs, requests) = store
        .calloffs_and_requests(agreement.id)
        .map_err(|e| e.message(cat))?;
    let reported = store
        .supplier_stats(agreement.id)
        .map_err(|e| e.message(cat))?;
    let period = Period { from, to };
    let table = stats::kpi_table(&agreement, &calloffs, &requests, &reported, period, as_of);
    let report = Report::new(&agreement.reference, period, as_of, &table);

    let text = match args.format {
        KpiFormat::Json => output::json(&report, cat)?,
        KpiFormat::Csv => {
            let rows: Vec<Vec<String>> = report
                .suppliers
                .iter()
                .map(|s| s.cells().iter().map(csv_text).collect())
                .collect();
            output::csv(SUPPLIER_KEYS, &rows, cat)?
        }
        KpiFormat::Table => table_text(&report, cat),
        KpiFormat::Xlsx => {
            // Checked above: xlsx always has a file to go to.
            let Some(out) = args.out else {
                return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
            };
            super::xlsx::write(out, &report, cat)?;
            return written(out, cat);
        }
    };
    output::deliver(
        output::Output::Text(text),
        args.out,
        "cli.report.written",
        cat,
    )
}

fn written(out: &Path, cat: &Catalog) -> Result<(), String> {
    let line = tr!(cat, "cli.report.written", path = out.display());
    super::super::print_out(&format!("{line}\n"), cat)
}

/// CSV: numbers as Rust writes them (shortest text that reads back the same), null empty.
fn csv_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Number(Some(v)) => v.to_string(),
        Cell::Number(None) => String::new(),
    }
}

/// For reading: shares as percentages with one decimal, a mean with two, the
/// language's decimal mark, a dash for null.
fn readable(key: &str, c: &Cell, cat: &Catalog) -> String {
    let mark = |s: String| match cat.lang() {
        Lang::Sv => s.replace('.', ","),
        _ => s,
    };
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Number(None) => tr!(cat, "cli.report.none").to_string(),
        Cell::Number(Some(v)) if key.ends_with("_share") => mark(format!("{:.1} %", v * 100.0)),
        Cell::Number(Some(v)) => mark(format!("{v:.2}")),
    }
}

fn table_text(r: &Report, cat: &Catalog) -> String {
    let mut header = vec![tr!(cat, "cli.report.kpi_heading").to_string()];
    header.extend(r.suppliers.iter().map(|s| s.name.clone()));
    let cells: Vec<Vec<Cell>> = r.suppliers.iter().map(Supplier::cells).collect();
    let rows: Vec<Vec<String>> = SUPPLIER_KEYS
        .iter()
        .enumerate()
        .filter(|(_, k)| **k != "name")
        .map(|(i, k)| {
            let mut row = vec![tr!(cat, &format!("cli.report.kpi.{k}")).to_string()];
            row.extend(cells.iter().map(|c| readable(k, &c[i], cat)));
            row
        })
        .collect();
    let share = Cell::Number(r.ranking.compliance_share);
    format!(
        "{}\n\n{}\n{}\n",
        tr!(
            cat,
            "cli.report.kpi_title",
            reference = r.agreement,
            from = r.from,
            to = r.to,
            as_of = r.as_of
        ),
        output::table(&header, &rows),
        tr!(
            cat,
            "cli.report.ranking_line",
            compliant = r.ranking.compliant,
            ranking_calloffs = r.ranking.ranking_calloffs,
            deviations = r.ranking.deviations,
            share = readable("compliance_share", &share, cat)
        )
    )
}
