//! `avtal report penalties --agreement REF --as-of DATE [--format json|csv|table|xlsx]
//! [--out FILE]`:
//! DESIGN §6, a list of `{calloff, supplier, delay_days, units, amount_ore}`, one per
//! call-off whose late-delivery penalty is above zero at the as-of date, sorted by
//! call-off reference. The arithmetic is `domain::penalty` (its decisions apply).

use std::path::Path;

use serde::Serialize;

use super::super::Format;
use super::super::output::{self, Cell, Output};
use crate::domain::Money;
use crate::domain::penalty::{late_delivery, late_delivery_term};
use crate::i18n::Catalog;
use crate::tr;

#[derive(Debug, Serialize)]
struct Entry {
    calloff: String,
    /// The awarded supplier, `NNNNNN-NNNN`.
    supplier: String,
    delay_days: i64,
    units: i64,
    amount_ore: i64,
}

const HEADER: &[&str] = &["calloff", "supplier", "delay_days", "units", "amount_ore"];

pub(in crate::cli) fn penalties(
    db: &Path,
    reference: &str,
    as_of: &str,
    format: Format,
    out: Option<&std::path::Path>,
    cat: &Catalog,
) -> Result<(), String> {
    let as_of_date = super::date_arg("as-of", as_of, cat)?;
    if format == Format::Xlsx && out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    let (store, agreement) = super::open_agreement(db, reference, cat)?;
    let term = late_delivery_term(&agreement.penalties);
    let mut entries = Vec::new();
    if let Some(term) = term {
        // Rows come from the store sorted by reference.
        for row in store
            .calloff_rows(agreement.id)
            .map_err(|e| e.message(cat))?
        {
            let c = &row.calloff;
            let (Some(p), Some(supplier)) =
                (late_delivery(c, term, as_of_date), &c.awarded_supplier)
            else {
                continue;
            };
            entries.push(Entry {
                calloff: c.reference.clone(),
                supplier: supplier.to_string(),
                delay_days: p.delay_days,
                units: p.units,
                amount_ore: p.amount.0,
            });
        }
    }
    entries.sort_by(|a, b| a.calloff.cmp(&b.calloff));

    let numbers = |e: &Entry| {
        vec![
            e.calloff.clone(),
            e.supplier.clone(),
            e.delay_days.to_string(),
            e.units.to_string(),
        ]
    };
    let text = match format {
        Format::Xlsx => {
            let mut header = HEADER.to_vec();
            header.push("amount_sek");
            let rows = entries
                .iter()
                .map(|e| {
                    vec![
                        Cell::text(&e.calloff),
                        Cell::text(&e.supplier),
                        Cell::Number(e.delay_days as f64),
                        Cell::Number(e.units as f64),
                        Cell::Ore(Money(e.amount_ore)),
                        Cell::Kronor(Money(e.amount_ore)),
                    ]
                })
                .collect();
            let sheet = Output::Sheet {
                name: "Penalties",
                header,
                rows,
            };
            return output::deliver(sheet, out, "cli.report.written", cat);
        }
        Format::Json => output::json(&entries, cat)?,
        Format::Csv => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    let mut row = numbers(e);
                    row.push(e.amount_ore.to_string());
                    row
                })
                .collect();
            output::csv(HEADER, &rows, cat)?
        }
        Format::Table if term.is_none() => format!(
            "{}\n",
            tr!(
                cat,
                "cli.report.no_penalty_term",
                reference = agreement.reference
            )
        ),
        Format::Table if entries.is_empty() => format!(
            "{}\n",
            tr!(
                cat,
                "cli.report.no_penalties",
                reference = agreement.reference,
                as_of = as_of_date
            )
        ),
        Format::Table => {
            let titles: Vec<String> = ["calloff", "supplier", "delay_days", "units", "amount"]
                .iter()
                .map(|h| tr!(cat, &format!("cli.report.column.{h}")).to_string())
                .collect();
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    let mut row = numbers(e);
                    row[1] = format!(
                        "{} {}",
                        e.supplier,
                        crate::domain::OrgNumber::parse(&e.supplier)
                            .map(|o| agreement.supplier_name(&o))
                            .unwrap_or_default()
                    );
                    // As the chosen language writes amounts: 85 250,00 or 85,250.00.
                    row.push(cat.money(Money(e.amount_ore)));
                    row
                })
                .collect();
            output::table(&titles, &rows)
        }
    };
    output::deliver(Output::Text(text), out, "cli.report.written", cat)
}
