//! The Sanctions tab's forms: which fields each has, and how a valid form becomes a change
//! of a case. The domain refuses what the rules forbid (a damages claim before dialogue, a
//! skipped escalation level); the refusal is shown in the form, which keeps what was typed.

use time::Date;

use crate::domain::sanction::{
    CaseStatus, DamagesCase, DamagesId, EscalationStep, LogEntry, TerminationCase, TerminationId,
    add_entry, ordered_levels,
};
use crate::domain::{Agreement, ContactRole, OrgNumber};
use crate::i18n::Catalog;
use crate::tr;

use crate::app::App;
use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date};
use crate::app::sanctions::CaseRef;

/// What a form of the Sanctions tab changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanctionForm {
    /// The penalty of this call-off claimed, paid, disputed or waived.
    Claim(String),
    Paid(String),
    Dispute(String),
    Waive(String),
    /// A new entry of a case's log, or its `index`-th.
    Log {
        case: CaseRef,
        index: Option<usize>,
    },
    Damages(Option<DamagesId>),
    DamagesClaim(DamagesId),
    Termination(Option<TerminationId>),
    Step(TerminationId),
}

const NO_YES: [&str; 2] = ["ui.sanctions.no", "ui.sanctions.yes"];

fn text(label: &'static str, required: bool, value: &str) -> Field {
    Field::new(label, FieldKind::Text { required }, value)
}

fn date(label: &'static str, required: bool, value: Option<Date>) -> Field {
    let shown = value.map(format_date).unwrap_or_default();
    Field::new(label, FieldKind::Date { required }, &shown)
}

fn yes_no(label: &'static str, yes: bool) -> Field {
    Field::choice(label, NO_YES.to_vec(), usize::from(yes))
}

fn supplier_pick(a: &Agreement, current: Option<&OrgNumber>) -> Field {
    let names = a.suppliers.iter().map(|s| s.name.clone()).collect();
    let at = current
        .and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
        .unwrap_or(0);
    Field::pick("ui.sanctions.field.supplier", names, at)
}

fn form(_cat: &Catalog, title: String, target: SanctionForm, fields: Vec<Field>) -> Form {
    Form::new(title, FormTarget::Sanction(target), fields)
}

pub fn status_form(cat: &Catalog, target: SanctionForm, today: Date) -> Form {
    let (title, mut fields) = match &target {
        SanctionForm::Claim(_) => (
            "ui.sanctions.form.claim",
            vec![text("ui.sanctions.field.letter", true, "")],
        ),
        SanctionForm::Paid(_) => ("ui.sanctions.form.paid", vec![]),
        SanctionForm::Dispute(_) => (
            "ui.sanctions.form.dispute",
            vec![text("ui.sanctions.field.reason", true, "")],
        ),
        _ => (
            "ui.sanctions.form.waive",
            vec![text("ui.sanctions.field.reason", true, "")],
        ),
    };
    fields.insert(0, date("ui.sanctions.field.date", true, Some(today)));
    let name = match &target {
        SanctionForm::Claim(c)
        | SanctionForm::Paid(c)
        | SanctionForm::Dispute(c)
        | SanctionForm::Waive(c) => c.clone(),
        _ => String::new(),
    };
    let mut f = form(cat, tr!(cat, title, calloff = name), target, fields);
    // The date is filled in with today; what is left to type comes next.
    f.focus = f.fields.len().saturating_sub(1).min(1);
    f
}

pub fn log_form(
    cat: &Catalog,
    case: CaseRef,
    entry: Option<(usize, &LogEntry)>,
    today: Date,
) -> Form {
    let e = entry.map(|(_, e)| e);
    let fields = vec![
        date(
            "ui.sanctions.field.date",
            true,
            Some(e.map_or(today, |e| e.date)),
        ),
        text("ui.sanctions.field.text", true, e.map_or("", |e| &e.text)),
        Field::new(
            "ui.sanctions.field.attachments",
            FieldKind::List,
            &e.map(|e| e.attachments.join(", ")).unwrap_or_default(),
        ),
        yes_no(
            "ui.sanctions.field.shared",
            e.is_some_and(|e| e.shared_with_supplier),
        ),
        yes_no("ui.sanctions.field.lesson", e.is_some_and(|e| e.lesson)),
    ];
    let title = if entry.is_some() {
        "ui.sanctions.form.edit_entry"
    } else {
        "ui.sanctions.form.new_entry"
    };
    let target = SanctionForm::Log {
        case,
        index: entry.map(|(i, _)| i),
    };
    let mut f = form(cat, cat.t(title).to_string(), target, fields);
    // Dated today; the entry itself is what is left to type.
    f.focus = 1;
    f
}

pub fn damages_form(cat: &Catalog, a: &Agreement, c: Option<&DamagesCase>) -> Form {
    let fields = vec![
        supplier_pick(a, c.map(|c| &c.supplier)),
        text(
            "ui.sanctions.field.breach",
            true,
            c.map_or("", |c| &c.breach),
        ),
        text(
            "ui.sanctions.field.improvement",
            false,
            c.map_or("", |c| &c.improvement_demanded),
        ),
        date(
            "ui.sanctions.field.deadline",
            false,
            c.and_then(|c| c.improvement_deadline),
        ),
        text(
            "ui.sanctions.field.outcome",
            false,
            c.map_or("", |c| &c.outcome),
        ),
        yes_no(
            "ui.sanctions.field.closed",
            c.is_some_and(|c| c.status == CaseStatus::Closed),
        ),
    ];
    let title = match c {
        Some(c) => tr!(cat, "ui.sanctions.form.edit_damages", id = c.id),
        None => cat.t("ui.sanctions.form.new_damages").to_string(),
    };
    form(cat, title, SanctionForm::Damages(c.map(|c| c.id)), fields)
}

pub fn damages_claim_form(cat: &Catalog, c: &DamagesCase, today: Date) -> Form {
    let fields = vec![
        date("ui.sanctions.field.date", true, Some(today)),
        Field::new(
            "ui.sanctions.field.amount",
            FieldKind::Money { required: true },
            "",
        ),
    ];
    let title = tr!(cat, "ui.sanctions.form.claim_damages", id = c.id);
    let mut f = form(cat, title, SanctionForm::DamagesClaim(c.id), fields);
    f.focus = 1;
    f
}

pub fn termination_form(cat: &Catalog, a: &Agreement, c: Option<&TerminationCase>) -> Form {
    let fields = vec![
        supplier_pick(a, c.map(|c| &c.supplier)),
        text(
            "ui.sanctions.field.grounds",
            true,
            c.map_or("", |c| &c.grounds),
        ),
        yes_no(
            "ui.sanctions.field.closed",
            c.is_some_and(|c| c.status == CaseStatus::Closed),
        ),
    ];
    let title = match c {
        Some(c) => tr!(cat, "ui.sanctions.form.edit_termination", id = c.id),
        None => cat.t("ui.sanctions.form.new_termination").to_string(),
    };
    form(
        cat,
        title,
        SanctionForm::Termination(c.map(|c| c.id)),
        fields,
    )
}

/// A step to the next level, with the supplier's escalation contact at it filled in.
pub fn step_form(cat: &Catalog, a: &Agreement, c: &TerminationCase, today: Date) -> Form {
    let levels = ordered_levels(&a.escalation);
    let options = levels
        .iter()
        .map(|l| format!("{} {}", l.level, l.title))
        .collect();
    let next = c.next_level(&a.escalation).or(levels.last().copied());
    let at = next
        .and_then(|n| levels.iter().position(|l| l.level == n.level))
        .unwrap_or(0);
    // The supplier's contact at that level, else its account manager: someone on their
    // side always hears of the step.
    let contacts = a.supplier(&c.supplier).map_or(&[][..], |s| &s.contacts[..]);
    let contact = next
        .and_then(|n| {
            contacts
                .iter()
                .find(|p| p.escalation_level == Some(n.level))
        })
        .or_else(|| {
            contacts
                .iter()
                .find(|p| p.role == ContactRole::AccountManager)
        })
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let fields = vec![
        Field::pick("ui.sanctions.field.level", options, at),
        text("ui.sanctions.field.sent_to", true, &contact),
        date("ui.sanctions.field.sent_on", true, Some(today)),
        text("ui.sanctions.field.what", true, ""),
        text("ui.sanctions.field.response", false, ""),
        text("ui.sanctions.field.skip_reason", false, ""),
    ];
    let title = tr!(cat, "ui.sanctions.form.step", id = c.id);
    let mut f = form(cat, title, SanctionForm::Step(c.id), fields);
    // Level, recipient and day are proposed; what was sent is what is left to say.
    f.focus = 3;
    f
}

/// The log entry a valid log form describes.
pub fn entry_from(form: &Form) -> Option<LogEntry> {
    let f = |l| form.field(l);
    Some(LogEntry {
        date: f("ui.sanctions.field.date").date()?,
        text: f("ui.sanctions.field.text").trimmed(),
        attachments: f("ui.sanctions.field.attachments").list(),
        shared_with_supplier: f("ui.sanctions.field.shared").choice == 1,
        lesson: f("ui.sanctions.field.lesson").choice == 1,
    })
}

pub fn damages_from(form: &Form, a: &Agreement, before: DamagesCase) -> DamagesCase {
    let f = |l| form.field(l);
    let supplier = a.suppliers.get(f("ui.sanctions.field.supplier").choice);
    let closed = f("ui.sanctions.field.closed").choice == 1;
    let status = match (closed, &before.claim) {
        (true, _) => CaseStatus::Closed,
        (false, Some(_)) => CaseStatus::Acted,
        (false, None) => CaseStatus::Open,
    };
    DamagesCase {
        supplier: supplier.map_or(before.supplier.clone(), |s| s.org_number.clone()),
        breach: f("ui.sanctions.field.breach").trimmed(),
        improvement_demanded: f("ui.sanctions.field.improvement").trimmed(),
        improvement_deadline: f("ui.sanctions.field.deadline").date(),
        outcome: f("ui.sanctions.field.outcome").trimmed(),
        status,
        ..before
    }
}

pub fn termination_from(form: &Form, a: &Agreement, before: TerminationCase) -> TerminationCase {
    let f = |l| form.field(l);
    let supplier = a.suppliers.get(f("ui.sanctions.field.supplier").choice);
    let closed = f("ui.sanctions.field.closed").choice == 1;
    let status = match (closed, before.status) {
        (true, _) => CaseStatus::Closed,
        (false, CaseStatus::Acted) => CaseStatus::Acted,
        (false, _) => CaseStatus::Open,
    };
    TerminationCase {
        supplier: supplier.map_or(before.supplier.clone(), |s| s.org_number.clone()),
        grounds: f("ui.sanctions.field.grounds").trimmed(),
        status,
        ..before
    }
}

pub fn step_from(form: &Form, a: &Agreement) -> Option<EscalationStep> {
    let f = |l| form.field(l);
    let levels = ordered_levels(&a.escalation);
    Some(EscalationStep {
        level: levels.get(f("ui.sanctions.field.level").choice)?.level,
        sent_to: f("ui.sanctions.field.sent_to").trimmed(),
        sent_on: f("ui.sanctions.field.sent_on").date()?,
        what: f("ui.sanctions.field.what").trimmed(),
        response: f("ui.sanctions.field.response").trimmed(),
        skip_reason: f("ui.sanctions.field.skip_reason").trimmed(),
    })
}

impl App {
    /// A refusal of the sanction rules in words, with every value it may name.
    pub(in crate::app) fn refusal(&self, key: &str, date: Option<Date>, level: u8) -> String {
        let shown = date.map(format_date).unwrap_or_default();
        tr!(
            self.cat,
            key,
            date = shown,
            level = level,
            reached = level,
            expected = level,
            last = level
        )
    }

    /// Appends an entry to a log, the automatic record of a status change.
    pub(in crate::app) fn note(
        &self,
        log: &mut Vec<LogEntry>,
        date: Date,
        text: String,
        shared: bool,
    ) {
        let mut e = LogEntry::new(date, &text);
        e.shared_with_supplier = shared;
        add_entry(log, e);
    }
}
