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
use crate::app::form::{Field, FieldKind, Form, FormKey, FormTarget, form_keys, format_date};

form_keys! {
    /// A penalty claim's status change: the day, with the letter (claimed) or the reason
    /// (disputed, waived); paid has the day only.
    pub enum StatusKey {
        Date => "ui.sanctions.field.date",
        Letter => "ui.sanctions.field.letter",
        Reason => "ui.sanctions.field.reason",
    }
}

form_keys! {
    /// An entry of a case's log.
    pub enum LogKey {
        Date => "ui.sanctions.field.date",
        Text => "ui.sanctions.field.text",
        Attachments => "ui.sanctions.field.attachments",
        Shared => "ui.sanctions.field.shared",
        Lesson => "ui.sanctions.field.lesson",
    }
}

form_keys! {
    /// A damages case.
    pub enum DamagesKey {
        Supplier => "ui.sanctions.field.supplier",
        Breach => "ui.sanctions.field.breach",
        Improvement => "ui.sanctions.field.improvement",
        Deadline => "ui.sanctions.field.deadline",
        Outcome => "ui.sanctions.field.outcome",
        Closed => "ui.sanctions.field.closed",
    }
}

form_keys! {
    /// The claim of a damages case.
    pub enum DamagesClaimKey {
        Date => "ui.sanctions.field.date",
        Amount => "ui.sanctions.field.amount",
    }
}

form_keys! {
    /// A termination case.
    pub enum TerminationKey {
        Supplier => "ui.sanctions.field.supplier",
        Grounds => "ui.sanctions.field.grounds",
        Closed => "ui.sanctions.field.closed",
    }
}

form_keys! {
    /// A step of a termination case up the escalation levels.
    pub enum StepKey {
        Level => "ui.sanctions.field.level",
        SentTo => "ui.sanctions.field.sent_to",
        SentOn => "ui.sanctions.field.sent_on",
        What => "ui.sanctions.field.what",
        Response => "ui.sanctions.field.response",
        SkipReason => "ui.sanctions.field.skip_reason",
    }
}
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

fn text<K: FormKey>(key: K, required: bool, value: &str) -> Field {
    Field::new(key, FieldKind::Text { required }, value)
}

fn date<K: FormKey>(key: K, required: bool, value: Option<Date>) -> Field {
    let shown = value.map(format_date).unwrap_or_default();
    Field::new(key, FieldKind::Date { required }, &shown)
}

fn yes_no<K: FormKey>(key: K, yes: bool) -> Field {
    Field::choice(key, NO_YES.to_vec(), usize::from(yes))
}

fn supplier_pick<K: FormKey>(key: K, a: &Agreement, current: Option<&OrgNumber>) -> Field {
    let names = a.suppliers.iter().map(|s| s.name.clone()).collect();
    let at = current
        .and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
        .unwrap_or(0);
    Field::pick(key, names, at)
}

fn form(_cat: &Catalog, title: String, target: SanctionForm, fields: Vec<Field>) -> Form {
    Form::new(title, FormTarget::Sanction(target), fields)
}

pub fn status_form(cat: &Catalog, target: SanctionForm, today: Date) -> Form {
    let (title, mut fields) = match &target {
        SanctionForm::Claim(_) => (
            "ui.sanctions.form.claim",
            vec![text(StatusKey::Letter, true, "")],
        ),
        SanctionForm::Paid(_) => ("ui.sanctions.form.paid", vec![]),
        SanctionForm::Dispute(_) => (
            "ui.sanctions.form.dispute",
            vec![text(StatusKey::Reason, true, "")],
        ),
        _ => (
            "ui.sanctions.form.waive",
            vec![text(StatusKey::Reason, true, "")],
        ),
    };
    fields.insert(0, date(StatusKey::Date, true, Some(today)));
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
        date(LogKey::Date, true, Some(e.map_or(today, |e| e.date))),
        text(LogKey::Text, true, e.map_or("", |e| &e.text)),
        Field::new(
            LogKey::Attachments,
            FieldKind::List,
            &e.map(|e| e.attachments.join(", ")).unwrap_or_default(),
        ),
        yes_no(LogKey::Shared, e.is_some_and(|e| e.shared_with_supplier)),
        yes_no(LogKey::Lesson, e.is_some_and(|e| e.lesson)),
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
        supplier_pick(DamagesKey::Supplier, a, c.map(|c| &c.supplier)),
        text(DamagesKey::Breach, true, c.map_or("", |c| &c.breach)),
        text(
            DamagesKey::Improvement,
            false,
            c.map_or("", |c| &c.improvement_demanded),
        ),
        date(
            DamagesKey::Deadline,
            false,
            c.and_then(|c| c.improvement_deadline),
        ),
        text(DamagesKey::Outcome, false, c.map_or("", |c| &c.outcome)),
        yes_no(
            DamagesKey::Closed,
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
        date(DamagesClaimKey::Date, true, Some(today)),
        Field::new(
            DamagesClaimKey::Amount,
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
        supplier_pick(TerminationKey::Supplier, a, c.map(|c| &c.supplier)),
        text(TerminationKey::Grounds, true, c.map_or("", |c| &c.grounds)),
        yes_no(
            TerminationKey::Closed,
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
        Field::pick(StepKey::Level, options, at),
        text(StepKey::SentTo, true, &contact),
        date(StepKey::SentOn, true, Some(today)),
        text(StepKey::What, true, ""),
        text(StepKey::Response, false, ""),
        text(StepKey::SkipReason, false, ""),
    ];
    let title = tr!(cat, "ui.sanctions.form.step", id = c.id);
    let mut f = form(cat, title, SanctionForm::Step(c.id), fields);
    // Level, recipient and day are proposed; what was sent is what is left to say.
    f.focus = 3;
    f
}

/// The log entry a valid log form describes.
pub fn entry_from(form: &Form) -> Option<LogEntry> {
    Some(LogEntry {
        date: form[LogKey::Date].date()?,
        text: form[LogKey::Text].trimmed(),
        attachments: form[LogKey::Attachments].list(),
        shared_with_supplier: form[LogKey::Shared].choice == 1,
        lesson: form[LogKey::Lesson].choice == 1,
    })
}

pub fn damages_from(form: &Form, a: &Agreement, before: DamagesCase) -> DamagesCase {
    let supplier = a.suppliers.get(form[DamagesKey::Supplier].choice);
    let closed = form[DamagesKey::Closed].choice == 1;
    let status = match (closed, &before.claim) {
        (true, _) => CaseStatus::Closed,
        (false, Some(_)) => CaseStatus::Acted,
        (false, None) => CaseStatus::Open,
    };
    DamagesCase {
        supplier: supplier.map_or(before.supplier.clone(), |s| s.org_number.clone()),
        breach: form[DamagesKey::Breach].trimmed(),
        improvement_demanded: form[DamagesKey::Improvement].trimmed(),
        improvement_deadline: form[DamagesKey::Deadline].date(),
        outcome: form[DamagesKey::Outcome].trimmed(),
        status,
        ..before
    }
}

pub fn termination_from(form: &Form, a: &Agreement, before: TerminationCase) -> TerminationCase {
    let supplier = a.suppliers.get(form[TerminationKey::Supplier].choice);
    let closed = form[TerminationKey::Closed].choice == 1;
    let status = match (closed, before.status) {
        (true, _) => CaseStatus::Closed,
        (false, CaseStatus::Acted) => CaseStatus::Acted,
        (false, _) => CaseStatus::Open,
    };
    TerminationCase {
        supplier: supplier.map_or(before.supplier.clone(), |s| s.org_number.clone()),
        grounds: form[TerminationKey::Grounds].trimmed(),
        status,
        ..before
    }
}

pub fn step_from(form: &Form, a: &Agreement) -> Option<EscalationStep> {
    let levels = ordered_levels(&a.escalation);
    Some(EscalationStep {
        level: levels.get(form[StepKey::Level].choice)?.level,
        sent_to: form[StepKey::SentTo].trimmed(),
        sent_on: form[StepKey::SentOn].date()?,
        what: form[StepKey::What].trimmed(),
        response: form[StepKey::Response].trimmed(),
        skip_reason: form[StepKey::SkipReason].trimmed(),
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
