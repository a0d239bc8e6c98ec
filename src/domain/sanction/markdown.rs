//! A sanction case as Markdown, to file or send to the supplier. Every word that is not
//! the user's own comes from [`SanctionLabels`], which the app fills from the catalogues.

use std::fmt::Write;

use super::{CaseStatus, ClaimStatus, DamagesCase, LogEntry, PenaltyClaim, TerminationCase};
use crate::domain::agreement::Agreement;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionLabels {
    pub title_claim: String,
    pub title_damages: String,
    pub title_termination: String,
    pub agreement: String,
    pub supplier: String,
    pub calloff: String,
    pub status: String,
    pub identified: String,
    pub delay_days: String,
    pub units: String,
    pub amount: String,
    pub letter: String,
    pub reason: String,
    pub opened: String,
    pub breach: String,
    pub improvement: String,
    pub deadline: String,
    pub claim: String,
    pub outcome: String,
    pub grounds: String,
    pub steps: String,
    pub level: String,
    pub sent_to: String,
    pub sent_on: String,
    pub what: String,
    pub response: String,
    pub skip_reason: String,
    pub log: String,
    pub date: String,
    pub text: String,
    pub attachments: String,
    pub shared: String,
    pub lesson: String,
    pub yes: String,
    /// For an empty value, e.g. "–".
    pub none: String,
    /// In the order identified, claimed, paid, disputed, waived.
    pub claim_statuses: [String; 5],
    /// In the order of [`CaseStatus::ALL`], for damages and for termination.
    pub damages_statuses: [String; 3],
    pub termination_statuses: [String; 3],
}

const CLAIM_KEYS: [&str; 5] = ["identified", "claimed", "paid", "disputed", "waived"];

impl SanctionLabels {
    /// Every label asked of `lookup` by key: `sanction.<field>`, and
    /// `sanction.claim_status.<key>`, `sanction.damages_status.<key>`,
    /// `sanction.termination_status.<key>` for the statuses.
    pub fn from_lookup(lookup: impl Fn(&str) -> String) -> SanctionLabels {
        let f = |field: &str| lookup(&format!("sanction.{field}"));
        SanctionLabels {
            title_claim: f("title_claim"),
            title_damages: f("title_damages"),
            title_termination: f("title_termination"),
            agreement: f("agreement"),
            supplier: f("supplier"),
            calloff: f("calloff"),
            status: f("status"),
            identified: f("identified"),
            delay_days: f("delay_days"),
            units: f("units"),
            amount: f("amount"),
            letter: f("letter"),
            reason: f("reason"),
            opened: f("opened"),
            breach: f("breach"),
            improvement: f("improvement"),
            deadline: f("deadline"),
            claim: f("claim"),
            outcome: f("outcome"),
            grounds: f("grounds"),
            steps: f("steps"),
            level: f("level"),
            sent_to: f("sent_to"),
            sent_on: f("sent_on"),
            what: f("what"),
            response: f("response"),
            skip_reason: f("skip_reason"),
            log: f("log"),
            date: f("date"),
            text: f("text"),
            attachments: f("attachments"),
            shared: f("shared"),
            lesson: f("lesson"),
            yes: f("yes"),
            none: f("none"),
            claim_statuses: CLAIM_KEYS.map(|k| f(&format!("claim_status.{k}"))),
            damages_statuses: CaseStatus::ALL.map(|s| f(&format!("damages_status.{}", s.key()))),
            termination_statuses: CaseStatus::ALL
                .map(|s| f(&format!("termination_status.{}", s.key()))),
        }
    }

    fn claim_status(&self, s: &ClaimStatus) -> &str {
        let i = CLAIM_KEYS.iter().position(|k| *k == s.key()).unwrap_or(0);
        &self.claim_statuses[i]
    }

    fn case_status(names: &[String; 3], s: CaseStatus) -> &str {
        let i = CaseStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
        &names[i]
    }
}

fn date(d: time::Date) -> String {
    d.to_string()
}

/// Table cells hold one line and no pipe.
fn cell(s: &str, none: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return none.to_string();
    }
    s.replace('|', "\\|").replace('\n', "<br>")
}

fn fact(out: &mut String, label: &str, value: &str, none: &str) {
    let value = if value.trim().is_empty() { none } else { value };
    let _ = writeln!(out, "- **{label}:** {value}");
}

fn heading(
    out: &mut String,
    title: &str,
    agreement: &Agreement,
    supplier: &str,
    l: &SanctionLabels,
) {
    let _ = writeln!(out, "# {title}\n");
    let agreement = format!("{} {}", agreement.reference, agreement.name);
    fact(out, &l.agreement, &agreement, &l.none);
    fact(out, &l.supplier, supplier, &l.none);
}

fn log_table(out: &mut String, heading: &str, log: &[LogEntry], l: &SanctionLabels) {
    let _ = writeln!(out, "\n## {heading}\n");
    if log.is_empty() {
        let _ = writeln!(out, "{}", l.none);
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        l.date, l.text, l.attachments, l.shared, l.lesson
    );
    for e in log {
        let flag = |b: bool| if b { l.yes.as_str() } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            date(e.date),
            cell(&e.text, &l.none),
            cell(&e.attachments.join(", "), &l.none),
            flag(e.shared_with_supplier),
            flag(e.lesson)
        );
    }
}

pub fn claim_markdown(
    c: &PenaltyClaim,
    agreement: &Agreement,
    supplier: &str,
    l: &SanctionLabels,
) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        &format!("{} {}", l.title_claim, c.id),
        agreement,
        supplier,
        l,
    );
    fact(&mut out, &l.calloff, &c.calloff, &l.none);
    fact(&mut out, &l.identified, &date(c.identified), &l.none);
    fact(&mut out, &l.delay_days, &c.delay_days.to_string(), &l.none);
    fact(&mut out, &l.units, &c.units.to_string(), &l.none);
    fact(&mut out, &l.amount, &c.amount.to_string(), &l.none);
    let mut status = l.claim_status(&c.status).to_string();
    if let Some(d) = c.status.date() {
        let _ = write!(status, " {}", date(d));
    }
    fact(&mut out, &l.status, &status, &l.none);
    match &c.status {
        ClaimStatus::Claimed { letter, .. } => fact(&mut out, &l.letter, letter, &l.none),
        ClaimStatus::Disputed { reason, .. } | ClaimStatus::Waived { reason, .. } => {
            fact(&mut out, &l.reason, reason, &l.none)
        }
        _ => {}
    }
    log_table(&mut out, &l.log, &c.log, l);
    out
}

pub fn damages_markdown(
    c: &DamagesCase,
    agreement: &Agreement,
    supplier: &str,
    l: &SanctionLabels,
) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        &format!("{} {}", l.title_damages, c.id),
        agreement,
        supplier,
        l,
    );
    fact(&mut out, &l.opened, &date(c.opened), &l.none);
    let status = SanctionLabels::case_status(&l.damages_statuses, c.status);
    fact(&mut out, &l.status, status, &l.none);
    fact(&mut out, &l.breach, &c.breach, &l.none);
    fact(&mut out, &l.improvement, &c.improvement_demanded, &l.none);
    let deadline = c.improvement_deadline.map(date).unwrap_or_default();
    fact(&mut out, &l.deadline, &deadline, &l.none);
    let claim = c
        .claim
        .as_ref()
        .map(|r| format!("{} {}", date(r.date), r.amount))
        .unwrap_or_default();
    fact(&mut out, &l.claim, &claim, &l.none);
    fact(&mut out, &l.outcome, &c.outcome, &l.none);
    log_table(&mut out, &l.log, &c.dialogue, l);
    out
}

pub fn termination_markdown(
    c: &TerminationCase,
    agreement: &Agreement,
    supplier: &str,
    l: &SanctionLabels,
) -> String {
    let mut out = String::new();
    let title = format!("{} {}", l.title_termination, c.id);
    heading(&mut out, &title, agreement, supplier, l);
    fact(&mut out, &l.opened, &date(c.opened), &l.none);
    let status = SanctionLabels::case_status(&l.termination_statuses, c.status);
    fact(&mut out, &l.status, status, &l.none);
    fact(&mut out, &l.grounds, &c.grounds, &l.none);
    let _ = writeln!(out, "\n## {}\n", l.steps);
    if c.steps.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            l.level, l.sent_on, l.sent_to, l.what, l.response, l.skip_reason
        );
        for s in &c.steps {
            let title = agreement
                .escalation
                .iter()
                .find(|e| e.level == s.level)
                .map(|e| format!("{} {}", s.level, e.title))
                .unwrap_or_else(|| s.level.to_string());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&title, &l.none),
                date(s.sent_on),
                cell(&s.sent_to, &l.none),
                cell(&s.what, &l.none),
                cell(&s.response, &l.none),
                cell(&s.skip_reason, "")
            );
        }
    }
    log_table(&mut out, &l.log, &c.log, l);
    out
}
