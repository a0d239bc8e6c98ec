//! The agreement TOML of DESIGN §6, and the register's richer optional fields, parsed
//! into an [`Agreement`]. Every problem is collected with its line; a file with any
//! problem yields no agreement at all, so an import is all or nothing.

mod cross_check;
mod money;
mod register;

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

use time::macros::date;
use toml::de::DeTable;

use super::problem::{FileProblem, ProblemKind};
use super::toml_reader::{Sink, TableReader};
use crate::domain::{
    Agreement, Lot, OrgNumber, PenaltyBasis, PenaltyTerm, PenaltyTrigger, Priority, Rate,
    ResponseTime, Supplier,
};

const TOP_KEYS: &[&str] = &[
    "reference",
    "name",
    "start",
    "end",
    "response_time",
    "priority",
    "goal_picture",
    "keywords",
    "calloff_routine",
    "order_mailbox",
    "notes",
    "suppliers",
    "lots",
    "penalties",
    "extension_options",
    "order_templates",
    "escalation",
    "orderers",
    "project_group",
    "max_value_sek",
    "estimated_value_sek",
    "accounts",
    "prices",
];
const SUPPLIER_KEYS: &[&str] = &["org_number", "name", "contacts"];
const LOT_KEYS: &[&str] = &["name", "ranking"];
const PENALTY_KEYS: &[&str] = &["trigger", "basis", "rate", "cap"];

/// A value parsed from the file and where it was written.
pub(super) type Placed<T> = (T, Range<usize>);

/// Where the values that domain rules talk about were written, so that a problem found
/// by [`Agreement::problems`] can be given its line.
#[derive(Default)]
pub(super) struct Spans {
    reference: Option<Range<usize>>,
    name: Option<Range<usize>>,
    dates: Option<Range<usize>>,
    /// Parsed suppliers, by the span of their organisation number.
    suppliers: Vec<Placed<OrgNumber>>,
    /// Parsed lots: name, span of the name, and each ranked supplier with its span.
    lots: Vec<(String, Range<usize>, Vec<Placed<OrgNumber>>)>,
    /// Parsed extension options, by the span of their notice date.
    options: Vec<Range<usize>>,
}

/// Parses an agreement file; on failure, every problem found, in line order.
pub fn parse(text: &str) -> Result<Agreement, Vec<FileProblem>> {
    // Editors on Windows may start the file with a byte-order mark; it is not TOML.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // References and names compared as Unicode NFC: "Å" typed on a Mac (A + ring) and on
    // Windows (one letter) is one agreement. Line breaks are untouched, so lines hold.
    let text: String = if text.is_ascii() {
        text.to_string()
    } else {
        text.nfc().collect()
    };
    let text = text.as_str();
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // A file that is not TOML gets only its syntax errors: what a recovering parser
        // makes of the rest would lead to confusing follow-on messages.
        let mut problems: Vec<FileProblem> = errors
            .iter()
            .map(|e| {
                let line = super::line_of(text, e.span().map(|s| s.start).unwrap_or(0));
                let detail = e.message().trim();
                FileProblem {
                    line,
                    kind: impossible_date(text, line, detail).unwrap_or(ProblemKind::Syntax {
                        detail: detail.to_string(),
                    }),
                }
            })
            .collect();
        problems.sort_by_key(|p| p.line);
        problems.dedup();
        // An impossible date (2026-02-30) stops the TOML parser, which would hide every
        // other problem of the file. Read such values as strings and parse again, so the
        // date is reported in words on its line together with everything else.
        if problems
            .iter()
            .all(|p| matches!(p.kind, ProblemKind::BadDate { .. }))
            && let Some(patched) = quote_values(text, &problems)
        {
            return parse(&patched);
        }
        return Err(problems);
    }

    let mut sink = Sink::new(text);
    let mut spans = Spans::default();
    let top = TableReader::new(&mut sink, doc.get_ref(), 0..0, "", TOP_KEYS);

    let reference = top.string(&mut sink, "reference", true);
    let name = top.string(&mut sink, "name", true);
    let start = top.date(&mut sink, "start", true);
    let end = top.date(&mut sink, "end", true);
    spans.reference = reference.as_ref().map(|(_, s)| s.clone());
    spans.name = name.as_ref().map(|(_, s)| s.clone());
    if let (Some(_), Some(_)) = (start, end) {
        spans.dates = top.value("end").map(|v| v.span());
    }
    // Placeholders stand in for what is missing; the agreement is only returned when
    // nothing at all was reported, so they never reach the store.
    let placeholder = date!(2000 - 01 - 01);
    let mut agreement = Agreement::new(
        reference.as_ref().map(|(s, _)| s.trim()).unwrap_or(""),
        name.as_ref().map(|(s, _)| s.trim()).unwrap_or(""),
        start.unwrap_or(placeholder),
        end.unwrap_or(placeholder),
    );

    if let Some((input, span)) = top.string(&mut sink, "response_time", true) {
        match ResponseTime::parse(&input) {
            Some(rt) => agreement.response_time = rt,
            None => sink.push(&span, ProblemKind::BadResponseTime { input }),
        }
    }
    if let Some(v) = top.value("priority") {
        let number = v.get_ref().as_integer().map(|i| i.as_str().to_string());
        match number
            .as_deref()
            .and_then(|n| n.parse().ok())
            .and_then(Priority::from_number)
        {
            Some(p) => agreement.priority = p,
            None => {
                let input = sink.source(&v.span()).trim().to_string();
                sink.push(&v.span(), ProblemKind::BadPriority { input });
            }
        }
    }

    agreement.suppliers = suppliers(&mut sink, &top, &mut spans);
    agreement.lots = lots(&mut sink, &top, &mut spans);
    agreement.penalties = penalties(&mut sink, &top);
    register::read(&mut sink, &top, &mut agreement, &mut spans);
    let price_spans = money::read(&mut sink, &top, &mut agreement);

    cross_check::run(&mut sink, &agreement, &spans);
    money::check(&mut sink, &agreement, &price_spans);
    if sink.problems.is_empty() {
        Ok(agreement)
    } else {
        let mut problems = sink.problems;
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// TOML itself refuses dates like 2026-02-30 as syntax; say it as the bad date it is
/// when the line is a plain `key = value`.
/// `text` with the value on each problem's line put in quotes; None when nothing changes.
fn quote_values(text: &str, problems: &[FileProblem]) -> Option<String> {
    let mut changed = false;
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, source)| {
            if !problems.iter().any(|p| p.line == i + 1) {
                return source.to_string();
            }
            let Some((key, rest)) = source.split_once('=') else {
                return source.to_string();
            };
            let (value, comment) = match rest.split_once('#') {
                Some((v, c)) => (v.trim(), format!(" #{c}")),
                None => (rest.trim(), String::new()),
            };
            if value.starts_with('"') || value.contains('"') {
                return source.to_string();
            }
            changed = true;
            format!("{key}= \"{value}\"{comment}")
        })
        .collect();
    changed.then(|| lines.join("\n"))
}

fn impossible_date(text: &str, line: usize, detail: &str) -> Option<ProblemKind> {
    if !detail.starts_with("invalid date") {
        return None;
    }
    let source = text.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = source.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim();
    Some(ProblemKind::BadDate {
        key: key.trim().to_string(),
        input: value.to_string(),
    })
}

fn org_number(sink: &mut Sink<'_>, input: &str, span: &Range<usize>) -> Option<OrgNumber> {
    match OrgNumber::parse(input) {
        Ok(org) => Some(org),
        Err(error) => {
            let input = input.to_string();
            sink.push(span, ProblemKind::BadOrgNumber { error, input });
            None
        }
    }
}

fn suppliers(sink: &mut Sink<'_>, top: &TableReader<'_, '_>, spans: &mut Spans) -> Vec<Supplier> {
    let mut out = Vec::new();
    for (table, span) in top.tables(sink, "suppliers") {
        let t = TableReader::new(sink, table, span, "suppliers", SUPPLIER_KEYS);
        let org = t
            .string(sink, "org_number", true)
            .and_then(|(input, span)| org_number(sink, &input, &span).map(|org| (org, span)));
        let name = t
            .string(sink, "name", true)
            .map(|(s, _)| s.trim().to_string());
        let contacts = register::contacts(sink, &t);
        // A supplier whose number is wrong is left out; its number was reported, and
        // rankings naming it are reported at their own lines.
        if let Some((org, org_span)) = org {
            spans.suppliers.push((org.clone(), org_span));
            out.push(Supplier {
                org_number: org,
                name: name.unwrap_or_default(),
                contacts,
            });
        }
    }
    out
}

fn lots(sink: &mut Sink<'_>, top: &TableReader<'_, '_>, spans: &mut Spans) -> Vec<Lot> {
    let mut out = Vec::new();
    for (table, span) in top.tables(sink, "lots") {
        let t = TableReader::new(sink, table, span, "lots", LOT_KEYS);
        let name = t.string(sink, "name", true);
        let mut ranked = Vec::new();
        for (input, span) in t.strings(sink, "ranking") {
            if let Some(org) = org_number(sink, &input, &span) {
                ranked.push((org, span));
            }
        }
        if let Some((name, name_span)) = name {
            let name = name.trim().to_string();
            out.push(Lot {
                name: name.clone(),
                ranking: ranked.iter().map(|(org, _)| org.clone()).collect(),
            });
            spans.lots.push((name, name_span, ranked));
        }
    }
    out
}

fn penalties(sink: &mut Sink<'_>, top: &TableReader<'_, '_>) -> Vec<PenaltyTerm> {
    let mut out = Vec::new();
    for (table, span) in top.tables(sink, "penalties") {
        let t = TableReader::new(sink, table, span, "penalties", PENALTY_KEYS);
        let trigger = t.choice(sink, "trigger", true, &["late_delivery"], |s| {
            (s == "late_delivery").then_some(PenaltyTrigger::LateDelivery)
        });
        let keys = PenaltyBasis::ALL.map(PenaltyBasis::key);
        let basis = t.choice(sink, "basis", true, &keys, PenaltyBasis::from_key);
        let rate = t
            .string(sink, "rate", true)
            .and_then(|(input, span)| parse_rate(sink, input, &span));
        let cap = match t.string(sink, "cap", false) {
            Some((input, span)) => parse_rate(sink, input, &span).map(Some),
            None => Some(None),
        };
        if let (Some(trigger), Some(basis), Some(rate), Some(cap)) = (trigger, basis, rate, cap) {
            out.push(PenaltyTerm {
                trigger,
                basis,
                rate,
                cap,
            });
        }
    }
    out
}

fn parse_rate(sink: &mut Sink<'_>, input: String, span: &Range<usize>) -> Option<Rate> {
    match Rate::parse(&input) {
        Ok(rate) => Some(rate),
        Err(error) => {
            sink.push(span, ProblemKind::BadRate { error, input });
            None
        }
    }
}

#[cfg(test)]
mod tests;
