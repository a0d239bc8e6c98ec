//! Forms of the Actions, Implementation checklist and Follow-up plan tabs: which fields,
//! filled from the record, and how a valid form becomes a record again.

use time::Date;

use crate::domain::checklist::{ChecklistItem, ItemStatus};
use crate::domain::followup::{Check, CheckResult, FollowUp, Requirement, RequirementKind};
use crate::domain::meeting::{Action, ActionStatus, Side};
use crate::domain::{Agreement, OrgNumber};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormKey, FormTarget, form_keys, format_date};

form_keys! {
    /// An action item of the Actions tab.
    pub enum ActionKey {
        Text => "ui.work.field.text",
        Owner => "ui.work.field.owner",
        Side => "ui.work.field.side",
        Due => "ui.work.field.due",
        Status => "ui.work.field.status",
    }
}

form_keys! {
    /// An item of the implementation checklist.
    pub enum ItemKey {
        Section => "ui.work.field.section",
        Text => "ui.work.field.text",
        Owner => "ui.work.field.owner",
        Due => "ui.work.field.due",
        Status => "ui.work.field.status",
        Note => "ui.work.field.note",
    }
}

form_keys! {
    /// A requirement of the follow-up plan.
    pub enum RequirementKey {
        Kind => "ui.work.field.kind",
        Requirement => "ui.work.field.requirement",
        Supplier => "ui.work.field.supplier",
    }
}

form_keys! {
    /// A check of a requirement.
    pub enum CheckKey {
        CheckType => "ui.work.field.check_type",
        Planned => "ui.work.field.planned",
        Trigger => "ui.work.field.trigger",
        Result => "ui.work.field.result",
        Done => "ui.work.field.done",
        Evidence => "ui.work.field.evidence",
        FollowUp => "ui.work.field.follow_up",
    }
}
use crate::app::work::WorkForm;

pub const SIDES: [&str; 2] = ["ui.work.side.buyer", "ui.work.side.supplier"];
pub const ACTION_STATUSES: [&str; 3] = [
    "ui.action_status.open",
    "ui.action_status.done",
    "ui.action_status.cancelled",
];
pub const ITEM_STATUSES: [&str; 4] = [
    "ui.work.item_status.todo",
    "ui.work.item_status.in_progress",
    "ui.work.item_status.done",
    "ui.work.item_status.not_applicable",
];
pub const REQUIREMENT_KINDS: [&str; 4] = [
    "ui.work.kind.on_supplier",
    "ui.work.kind.on_service",
    "ui.work.kind.tender_promise",
    "ui.work.kind.contract_term",
];
/// "Not recorded yet", then the results.
pub const RESULTS: [&str; 4] = [
    "ui.work.result.none",
    "ui.work.result.met",
    "ui.work.result.not_met",
    "ui.work.result.partly",
];
pub const FOLLOW_UPS: [&str; 4] = [
    "ui.work.follow.none",
    "ui.work.follow.deviation",
    "ui.work.follow.sanction",
    "ui.work.follow.next_meeting",
];
const CHECK_TYPES: [&str; 2] = ["ui.work.check.planned", "ui.work.check.on_event"];

fn text<K: FormKey>(key: K, required: bool, value: &str) -> Field {
    Field::new(key, FieldKind::Text { required }, value)
}

fn date<K: FormKey>(key: K, required: bool, value: Option<Date>) -> Field {
    Field::new(
        key,
        FieldKind::Date { required },
        &value.map(format_date).unwrap_or_default(),
    )
}

fn position<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).unwrap_or(0)
}

pub fn action_form(cat: &Catalog, a: &Action) -> Form {
    let fields = vec![
        text(ActionKey::Text, true, &a.text),
        text(ActionKey::Owner, false, &a.owner),
        Field::choice(
            ActionKey::Side,
            SIDES.to_vec(),
            position(&Side::ALL, &a.side),
        ),
        date(ActionKey::Due, false, a.due),
        Field::choice(
            ActionKey::Status,
            ACTION_STATUSES.to_vec(),
            position(&ActionStatus::ALL, &a.status),
        ),
    ];
    Form::new(
        format!("{} {}", cat.t("ui.work.form.action"), a.id),
        FormTarget::Work(WorkForm::Action(a.id)),
        fields,
    )
}

/// The action as the valid form has it.
pub fn action_from(form: &Form, before: &Action) -> Action {
    Action {
        text: form[ActionKey::Text].trimmed(),
        owner: form[ActionKey::Owner].trimmed(),
        side: Side::ALL[form[ActionKey::Side].choice.min(1)],
        due: form[ActionKey::Due].date(),
        status: ActionStatus::ALL[form[ActionKey::Status].choice.min(2)],
        ..before.clone()
    }
}

/// A form for a new item (in `section`, or for `existing` at index `i`).
pub fn item_form(cat: &Catalog, section: &str, existing: Option<(usize, &ChecklistItem)>) -> Form {
    let it = existing.map(|(_, it)| it);
    let fields = vec![
        text(
            ItemKey::Section,
            true,
            it.map_or(section, |i| i.section.as_str()),
        ),
        text(ItemKey::Text, true, it.map_or("", |i| i.text.as_str())),
        text(ItemKey::Owner, false, it.map_or("", |i| i.owner.as_str())),
        date(ItemKey::Due, false, it.and_then(|i| i.due)),
        Field::choice(
            ItemKey::Status,
            ITEM_STATUSES.to_vec(),
            it.map_or(0, |i| position(&ItemStatus::ALL, &i.status)),
        ),
        text(ItemKey::Note, false, it.map_or("", |i| i.note.as_str())),
    ];
    let title = if existing.is_some() {
        "ui.work.form.edit_item"
    } else {
        "ui.work.form.new_item"
    };
    Form::new(
        cat.t(title).to_string(),
        FormTarget::Work(WorkForm::ChecklistItem(existing.map(|(i, _)| i))),
        fields,
    )
}

pub fn item_from(form: &Form) -> ChecklistItem {
    ChecklistItem {
        section: form[ItemKey::Section].trimmed(),
        text: form[ItemKey::Text].trimmed(),
        status: ItemStatus::ALL[form[ItemKey::Status].choice.min(3)],
        owner: form[ItemKey::Owner].trimmed(),
        due: form[ItemKey::Due].date(),
        note: form[ItemKey::Note].trimmed(),
    }
}

/// "Every supplier", then the agreement's suppliers.
fn supplier_options(cat: &Catalog, a: &Agreement) -> Vec<String> {
    std::iter::once(cat.t("ui.work.every_supplier").to_string())
        .chain(
            a.suppliers
                .iter()
                .map(|s| format!("{}  {}", s.name, s.org_number)),
        )
        .collect()
}

pub fn requirement_form(cat: &Catalog, a: &Agreement, r: Option<&Requirement>) -> Form {
    let supplier = r
        .and_then(|r| r.supplier.as_ref())
        .and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
        .map_or(0, |i| i + 1);
    let fields = vec![
        Field::choice(
            RequirementKey::Kind,
            REQUIREMENT_KINDS.to_vec(),
            r.map_or(0, |r| position(&RequirementKind::ALL, &r.kind)),
        ),
        text(
            RequirementKey::Requirement,
            true,
            r.map_or("", |r| r.text.as_str()),
        ),
        Field::pick(RequirementKey::Supplier, supplier_options(cat, a), supplier),
    ];
    let title = if r.is_some() {
        "ui.work.form.edit_requirement"
    } else {
        "ui.work.form.new_requirement"
    };
    Form::new(
        cat.t(title).to_string(),
        FormTarget::Work(WorkForm::Requirement(r.map(|r| r.id))),
        fields,
    )
}

pub fn requirement_from(form: &Form, a: &Agreement, before: Option<&Requirement>) -> Requirement {
    let supplier: Option<OrgNumber> = form[RequirementKey::Supplier]
        .choice
        .checked_sub(1)
        .and_then(|i| a.suppliers.get(i))
        .map(|s| s.org_number.clone());
    Requirement {
        id: before.map(|r| r.id).unwrap_or_default(),
        agreement: a.id,
        kind: RequirementKind::ALL[form[RequirementKey::Kind].choice.min(3)],
        text: form[RequirementKey::Requirement].trimmed(),
        supplier,
    }
}

pub fn check_form(cat: &Catalog, r: &Requirement, c: Option<&Check>, today: Date) -> Form {
    let event = c.is_some_and(|c| c.planned.is_none());
    let result = c
        .and_then(|c| c.result)
        .map_or(0, |x| position(&CheckResult::ALL, &x) + 1);
    let fields = vec![
        Field::choice(
            CheckKey::CheckType,
            CHECK_TYPES.to_vec(),
            usize::from(event),
        ),
        date(
            CheckKey::Planned,
            false,
            c.map_or(Some(today), |c| c.planned),
        ),
        text(
            CheckKey::Trigger,
            false,
            c.map_or("", |c| c.trigger.as_str()),
        ),
        Field::choice(CheckKey::Result, RESULTS.to_vec(), result),
        date(CheckKey::Done, false, c.and_then(|c| c.done)),
        text(
            CheckKey::Evidence,
            false,
            c.map_or("", |c| c.evidence.as_str()),
        ),
        Field::choice(
            CheckKey::FollowUp,
            FOLLOW_UPS.to_vec(),
            c.map_or(0, |c| position(&FollowUp::ALL, &c.follow_up)),
        ),
    ];
    let title = match c {
        Some(c) => format!("{} {} · {}", cat.t("ui.work.form.check"), c.id, r.id),
        None => format!("{} · {}", cat.t("ui.work.form.new_check"), r.id),
    };
    Form::new(
        title,
        FormTarget::Work(WorkForm::Check {
            requirement: r.id,
            id: c.map(|c| c.id),
        }),
        fields,
    )
}

/// The check as the valid form has it, or the catalogue key of why it cannot be: a
/// planned check needs its day, an event-driven one its event. A result recorded without
/// a day is taken as done today.
pub fn check_from(form: &Form, before: Check, today: Date) -> Result<Check, &'static str> {
    let event = form[CheckKey::CheckType].choice == 1;
    let planned = form[CheckKey::Planned].date();
    let trigger = form[CheckKey::Trigger].trimmed();
    if !event && planned.is_none() {
        return Err("ui.work.check.needs_date");
    }
    if event && trigger.is_empty() {
        return Err("ui.work.check.needs_trigger");
    }
    let result = form[CheckKey::Result]
        .choice
        .checked_sub(1)
        .and_then(|i| CheckResult::ALL.get(i).copied());
    let done = form[CheckKey::Done].date().or(result.map(|_| today));
    Ok(Check {
        planned: if event { None } else { planned },
        trigger: if event { trigger } else { String::new() },
        result,
        done,
        evidence: form[CheckKey::Evidence].trimmed(),
        follow_up: FollowUp::ALL[form[CheckKey::FollowUp].choice.min(3)],
        ..before
    })
}
