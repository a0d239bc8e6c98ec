//! Call-offs and requests written as the CSV files of DESIGN §6, as a Swedish
//! spreadsheet saves them (semicolons, decimal comma, quotes where a cell needs them),
//! so benches and tests can import the demo through the same path as a user's file.

use std::collections::HashMap;
use std::fmt::Write;

use time::{Date, PrimitiveDateTime};

use crate::domain::Agreement;
use crate::domain::calloff::{CallOff, Request};
use crate::formats::{calloffs_csv, requests_csv};

/// A cell, quoted when it holds the separator, a quote or a line break.
fn cell(out: &mut String, text: &str) {
    if text.contains([';', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn date(out: &mut String, d: Option<Date>) {
    if let Some(d) = d {
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        );
    }
}

fn datetime(out: &mut String, t: Option<PrimitiveDateTime>) {
    if let Some(t) = t {
        date(out, Some(t.date()));
        let _ = write!(out, " {:02}:{:02}", t.hour(), t.minute());
    }
}

/// The call-offs file; `agreements` give the references the file names agreements by
/// (a call-off of an agreement not among them gets an empty agreement cell).
pub fn calloffs(agreements: &[Agreement], calloffs: &[CallOff]) -> String {
    let references: HashMap<u64, &str> = agreements
        .iter()
        .map(|a| (a.id.0, a.reference.as_str()))
        .collect();
    let mut out = String::with_capacity(140 * (calloffs.len() + 1));
    out.push_str(&calloffs_csv::COLUMNS.join(";"));
    out.push('\n');
    for c in calloffs {
        cell(&mut out, &c.reference);
        out.push(';');
        cell(
            &mut out,
            references.get(&c.agreement.0).copied().unwrap_or(""),
        );
        out.push(';');
        cell(&mut out, &c.lot);
        out.push(';');
        cell(&mut out, &c.orderer);
        out.push(';');
        out.push_str(c.method.key());
        out.push(';');
        datetime(&mut out, Some(c.requested_at));
        out.push(';');
        if let Some(s) = &c.awarded_supplier {
            out.push_str(s.digits());
        }
        out.push(';');
        if let Some(v) = c.value {
            let _ = write!(out, "{},{:02}", v.0 / 100, v.0 % 100);
        }
        out.push(';');
        date(&mut out, c.delivery_due);
        out.push(';');
        date(&mut out, c.delivered_at);
        let _ = write!(out, ";{};{};", c.consultants, c.replaced_due_to_complaint);
        if let Some(q) = c.quality {
            let _ = write!(out, "{q}");
        }
        out.push(';');
        cell(&mut out, c.deviation_reason.as_deref().unwrap_or(""));
        out.push('\n');
    }
    out
}

/// The requests file, without the optional `agreement` column (the demo's call-off
/// references are unique across the register, as most organisations' are).
pub fn requests(requests: &[Request]) -> String {
    let mut out = String::with_capacity(60 * (requests.len() + 1));
    out.push_str(&requests_csv::COLUMNS[..requests_csv::OPTIONAL_FROM].join(";"));
    out.push('\n');
    for r in requests {
        cell(&mut out, &r.calloff);
        out.push(';');
        out.push_str(r.supplier.digits());
        out.push(';');
        datetime(&mut out, Some(r.sent_at));
        out.push(';');
        datetime(&mut out, r.answered_at);
        out.push(';');
        out.push_str(r.answer.map(|a| a.key()).unwrap_or(""));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use time::macros::datetime;

    use crate::formats::calloffs_csv::{self, Register};
    use crate::formats::requests_csv;

    #[test]
    fn the_demo_reads_back_as_written() {
        let now = datetime!(2026-11-25 09:30);
        let mut register = crate::demo::register(now.date());
        for (i, a) in register.iter_mut().enumerate() {
            a.id = crate::domain::AgreementId(i as u64 + 1);
        }
        let (calloffs, requests) = crate::demo::calloffs::calloffs(&register[0], now, 400);
        let text = super::calloffs(&register, &calloffs);
        let parsed = calloffs_csv::parse(text.as_bytes(), &Register::new(register.clone()));
        assert_eq!(parsed.as_ref(), Ok(&calloffs));
        let lookup: HashMap<String, crate::domain::Agreement> = calloffs
            .iter()
            .map(|c| (c.reference.clone(), register[0].clone()))
            .collect();
        let text = super::requests(&requests);
        assert_eq!(requests_csv::parse(text.as_bytes(), &lookup), Ok(requests));
    }
}
