//! `avtal report spend` and `avtal report price-audit` (DESIGN §6): spend against an
//! agreement, its maximum value and agreement compliance; invoiced prices against the
//! agreed price list. JSON keys exactly as DESIGN names them; amounts in öre.

use std::path::Path;

use rust_xlsxwriter::XlsxError;
use serde::Serialize;

use super::super::KpiFormat;
use super::super::output::{self, Cell};
use crate::app::spend;
use crate::domain::money::Money;
use crate::i18n::{Catalog, Lang};
use crate::stats::spend::{PriceAuditRow, SpendReport, SupplierSpend};
use crate::tr;

mod xlsx;
use xlsx::spend_xlsx;

#[derive(Debug, Serialize)]
struct SupplierOut {
    org_number: String,
    name: String,
    spend_ore: i64,
}

impl SupplierOut {
    fn new(s: &SupplierSpend) -> SupplierOut {
        SupplierOut {
            org_number: s.org_number.to_string(),
            name: s.name.clone(),
            spend_ore: s.spend.0,
        }
    }
}

#[derive(Debug, Serialize)]
struct SpendOut {
    agreement: String,
    from: String,
    to: String,
    as_of: String,
    spend_ore: i64,
    suppliers: Vec<SupplierOut>,
    cumulative_ore: i64,
    max_value_ore: Option<i64>,
    ceiling_used_share: Option<f64>,
    accounts_spend_ore: i64,
    compliance_share: Option<f64>,
    outside: Vec<SupplierOut>,
}

impl SpendOut {
    fn new(reference: &str, r: &SpendReport) -> SpendOut {
        SpendOut {
            agreement: reference.to_string(),
            from: r.from.to_string(),
            to: r.to.to_string(),
            as_of: r.as_of.to_string(),
            spend_ore: r.spend.0,
            suppliers: r.suppliers.iter().map(SupplierOut::new).collect(),
            cumulative_ore: r.cumulative.0,
            max_value_ore: r.max_value.map(|m| m.0),
            ceiling_used_share: r.ceiling_used_share,
            accounts_spend_ore: r.accounts_spend.0,
            compliance_share: r.compliance_share,
            outside: r.outside.iter().map(SupplierOut::new).collect(),
        }
    }

    /// `key, org_number, name, value` rows: the figures, then a row per supplier of the
    /// agreement (`supplier`) and per supplier outside it (`outside`).
    fn rows(&self) -> Vec<Vec<String>> {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let figure = |k: &str, v: String| vec![k.to_string(), String::new(), String::new(), v];
        let mut rows = vec![
            figure("agreement", self.agreement.clone()),
            figure("from", self.from.clone()),
            figure("to", self.to.clone()),
            figure("as_of", self.as_of.clone()),
            figure("spend_ore", self.spend_ore.to_string()),
            figure("cumulative_ore", self.cumulative_ore.to_string()),
            figure(
                "max_value_ore",
                opt(self.max_value_ore.map(|v| v.to_string())),
            ),
            figure(
                "ceiling_used_share",
                opt(self.ceiling_used_share.map(|v| v.to_string())),
            ),
            figure("accounts_spend_ore", self.accounts_spend_ore.to_string()),
            figure(
                "compliance_share",
                opt(self.compliance_share.map(|v| v.to_string())),
            ),
        ];
        for (kind, list) in [("supplier", &self.suppliers), ("outside", &self.outside)] {
            for s in list {
                rows.push(vec![
                    kind.to_string(),
                    s.org_number.clone(),
                    s.name.clone(),
                    s.spend_ore.to_string(),
                ]);
            }
        }
        rows
    }
}

#[derive(Debug, Serialize)]
struct AuditOut {
    invoice: String,
    supplier: String,
    line: String,
    item: String,
    quantity: f64,
    unit_price_ore: i64,
    agreed_ore: i64,
    overcharge_ore: i64,
}

impl AuditOut {
    fn new(r: &PriceAuditRow) -> AuditOut {
        AuditOut {
            invoice: r.invoice.clone(),
            supplier: r.supplier.to_string(),
            line: r.line.clone(),
            item: r.item.clone(),
            quantity: r.quantity.to_f64(),
            unit_price_ore: r.unit_price.0,
            agreed_ore: r.agreed.0,
            overcharge_ore: r.overcharge.0,
        }
    }
}

const AUDIT_KEYS: &[&str] = &[
    "invoice",
    "supplier",
    "line",
    "item",
    "quantity",
    "unit_price_ore",
    "agreed_ore",
    "overcharge_ore",
];

/// The arguments of `report spend`.
pub(in crate::cli) struct SpendArgs<'a> {
    pub reference: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub as_of: &'a str,
    pub format: KpiFormat,
    pub out: Option<&'a Path>,
}

fn kronor(m: Money, cat: &Catalog) -> String {
    match cat.lang() {
        Lang::Sv => format!("{} kr", m.format_kronor()),
        _ => format!("SEK {}", m.format_with(",", ".")),
    }
}

fn percent(v: Option<f64>, cat: &Catalog) -> String {
    match v {
        None => tr!(cat, "cli.report.none").to_string(),
        Some(v) => {
            let s = format!("{:.1} %", v * 100.0);
            match cat.lang() {
                Lang::Sv => s.replace('.', ","),
                _ => s,
            }
        }
    }
}

fn spend_table(r: &SpendReport, reference: &str, cat: &Catalog) -> String {
    let figure = |key: &str, value: String| vec![tr!(cat, key).to_string(), value];
    let rows = vec![
        figure("cli.spend.agreement", reference.to_string()),
        figure("cli.spend.period", format!("{} – {}", r.from, r.to)),
        figure("cli.spend.spend", kronor(r.spend, cat)),
        figure(
            "cli.spend.cumulative",
            format!("{} ({})", kronor(r.cumulative, cat), r.as_of),
        ),
        figure(
            "cli.spend.max_value",
            r.max_value
                .map(|m| kronor(m, cat))
                .unwrap_or_else(|| tr!(cat, "cli.report.none").to_string()),
        ),
        figure("cli.spend.ceiling_used", percent(r.ceiling_used_share, cat)),
        figure("cli.spend.accounts_spend", kronor(r.accounts_spend, cat)),
        figure("cli.spend.compliance", percent(r.compliance_share, cat)),
    ];
    let mut text = output::table(
        &[tr!(cat, "cli.spend.figure").to_string(), String::new()],
        &rows,
    );
    for (key, list) in [
        ("cli.spend.suppliers", &r.suppliers),
        ("cli.spend.outside", &r.outside),
    ] {
        text.push('\n');
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|s| {
                vec![
                    s.org_number.to_string(),
                    s.name.clone(),
                    kronor(s.spend, cat),
                ]
            })
            .collect();
        if rows.is_empty() {
            text.push_str(&format!(
                "{}: {}\n",
                tr!(cat, key),
                tr!(cat, "cli.report.none")
            ));
            continue;
        }
        text.push_str(&output::table(
            &[
                tr!(cat, key).to_string(),
                tr!(cat, "cli.spend.name").to_string(),
                tr!(cat, "cli.spend.amount").to_string(),
            ],
            &rows,
        ));
    }
    text
}

fn audit_table(rows: &[AuditOut], cat: &Catalog) -> String {
    if rows.is_empty() {
        return format!("{}\n", tr!(cat, "cli.spend.no_overcharges"));
    }
    let header: Vec<String> = AUDIT_KEYS
        .iter()
        .map(|k| tr!(cat, &format!("cli.spend.audit.{k}")).to_string())
        .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.invoice.clone(),
                r.supplier.clone(),
                r.line.clone(),
                r.item.clone(),
                match cat.lang() {
                    Lang::Sv => r.quantity.to_string().replace('.', ","),
                    _ => r.quantity.to_string(),
                },
                kronor(Money(r.unit_price_ore), cat),
                kronor(Money(r.agreed_ore), cat),
                kronor(Money(r.overcharge_ore), cat),
            ]
        })
        .collect();
    let total: i64 = rows.iter().map(|r| r.overcharge_ore).sum();
    format!(
        "{}{}\n",
        output::table(&header, &body),
        tr!(
            cat,
            "cli.spend.audit_total",
            amount = kronor(Money(total), cat)
        )
    )
}

fn written(out: &Path, cat: &Catalog) -> Result<(), String> {
    let line = tr!(cat, "cli.report.written", path = out.display());
    super::super::print_out(&format!("{line}\n"), cat)
}

fn xlsx_failed(out: &Path, e: XlsxError, cat: &Catalog) -> String {
    tr!(
        cat,
        "cli.report.write_failed",
        path = out.display(),
        detail = e
    )
}

pub(in crate::cli) fn spend(db: &Path, args: &SpendArgs<'_>, cat: &Catalog) -> Result<(), String> {
    let from = super::date_arg("from", args.from, cat)?;
    let to = super::date_arg("to", args.to, cat)?;
    let as_of = super::date_arg("as-of", args.as_of, cat)?;
    if from > to {
        return Err(tr!(cat, "cli.report.from_after_to", from = from, to = to));
    }
    if args.format == KpiFormat::Xlsx && args.out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    let (store, agreement) = super::open_agreement(db, args.reference, cat)?;
    let agreements = store.agreements().map_err(|e| e.message(cat))?;
    let report = spend::spend(&store, &agreements, &agreement, from, to, as_of)
        .map_err(|e| e.message(cat))?;
    let out = SpendOut::new(&agreement.reference, &report);
    let text = match args.format {
        KpiFormat::Json => output::json(&out, cat)?,
        KpiFormat::Csv => output::csv(&["key", "org_number", "name", "value"], &out.rows(), cat)?,
        KpiFormat::Table => spend_table(&report, &agreement.reference, cat),
        KpiFormat::Xlsx => {
            let path = args.out.unwrap_or(Path::new(""));
            spend_xlsx(path, &out).map_err(|e| xlsx_failed(path, e, cat))?;
            return written(path, cat);
        }
    };
    output::deliver(
        output::Output::Text(text),
        args.out,
        "cli.report.written",
        cat,
    )
}

/// The arguments of `report price-audit`.
pub(in crate::cli) struct AuditArgs<'a> {
    pub reference: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub format: KpiFormat,
    pub out: Option<&'a Path>,
}

pub(in crate::cli) fn price_audit(
    db: &Path,
    args: &AuditArgs<'_>,
    cat: &Catalog,
) -> Result<(), String> {
    let from = args
        .from
        .map(|f| super::date_arg("from", f, cat))
        .transpose()?;
    let to = args.to.map(|t| super::date_arg("to", t, cat)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(tr!(cat, "cli.report.from_after_to", from = from, to = to));
    }
    if args.format == KpiFormat::Xlsx && args.out.is_none() {
        return Err(tr!(cat, "cli.report.xlsx_needs_out").to_string());
    }
    let (store, agreement) = super::open_agreement(db, args.reference, cat)?;
    let agreements = store.agreements().map_err(|e| e.message(cat))?;
    let rows = spend::price_audit(&store, &agreements, &agreement, from, to)
        .map_err(|e| e.message(cat))?;
    let out: Vec<AuditOut> = rows.iter().map(AuditOut::new).collect();
    let text = match args.format {
        KpiFormat::Json => output::json(&out, cat)?,
        KpiFormat::Csv => {
            let rows: Vec<Vec<String>> = out
                .iter()
                .map(|r| {
                    vec![
                        r.invoice.clone(),
                        r.supplier.clone(),
                        r.line.clone(),
                        r.item.clone(),
                        r.quantity.to_string(),
                        r.unit_price_ore.to_string(),
                        r.agreed_ore.to_string(),
                        r.overcharge_ore.to_string(),
                    ]
                })
                .collect();
            output::csv(AUDIT_KEYS, &rows, cat)?
        }
        KpiFormat::Table => audit_table(&out, cat),
        KpiFormat::Xlsx => {
            // One sheet of the report's keys, amounts in öre as numbers.
            let rows = out
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(r.invoice.as_str()),
                        Cell::text(r.supplier.as_str()),
                        Cell::text(r.line.as_str()),
                        Cell::text(r.item.as_str()),
                        Cell::Number(r.quantity),
                        Cell::Ore(Money(r.unit_price_ore)),
                        Cell::Ore(Money(r.agreed_ore)),
                        Cell::Ore(Money(r.overcharge_ore)),
                    ]
                })
                .collect();
            let sheet = output::Output::Sheet {
                name: "PriceAudit",
                header: AUDIT_KEYS.to_vec(),
                rows,
            };
            return output::deliver(sheet, args.out, "cli.report.written", cat);
        }
    };
    output::deliver(
        output::Output::Text(text),
        args.out,
        "cli.report.written",
        cat,
    )
}
