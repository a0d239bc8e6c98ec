//! The forms of the agreement register: which fields each has, filled from the agreement,
//! and how a valid form changes the agreement.

use crate::domain::{Agreement, Priority, ResponseTime};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormKey, FormTarget, form_keys, format_date};

mod parts;
pub use parts::*;

form_keys! {
    /// The agreement's own fields, in the order the form shows them.
    pub enum AgreementKey {
        Reference => "ui.field.reference",
        Name => "ui.field.name",
        Start => "ui.field.start",
        End => "ui.field.end",
        Priority => "ui.field.priority",
        ResponseTime => "ui.field.response_time",
        Keywords => "ui.field.keywords",
        OrderMailbox => "ui.field.order_mailbox",
        MaxValue => "ui.field.max_value",
        EstimatedValue => "ui.field.estimated_value",
        Accounts => "ui.field.accounts",
        GoalPicture => "ui.field.goal_picture",
        CalloffRoutine => "ui.field.calloff_routine",
        Notes => "ui.field.notes",
    }
}

const PRIORITIES: [&str; 3] = ["ui.priority.1", "ui.priority.2", "ui.priority.3"];

fn text<K: FormKey>(key: K, value: &str) -> Field {
    Field::new(key, FieldKind::Text { required: false }, value)
}

fn email<K: FormKey>(key: K, value: &str) -> Field {
    Field::new(key, FieldKind::Email, value)
}

fn phone<K: FormKey>(key: K, value: &str) -> Field {
    Field::new(key, FieldKind::Phone, value)
}

fn required<K: FormKey>(key: K, value: &str) -> Field {
    Field::new(key, FieldKind::Text { required: true }, value)
}

fn multiline<K: FormKey>(key: K, value: &str) -> Field {
    Field::new(key, FieldKind::MultiLine, value)
}

/// Kronor, may be left empty.
fn money<K: FormKey>(key: K, value: Option<crate::domain::Money>) -> Field {
    Field::new(
        key,
        FieldKind::Money { required: false },
        &value.map(|m| m.format_kronor()).unwrap_or_default(),
    )
}

fn date<K: FormKey>(key: K, value: Option<time::Date>) -> Field {
    Field::new(
        key,
        FieldKind::Date { required: true },
        &value.map(format_date).unwrap_or_default(),
    )
}

/// The form for `target`, filled from `a` (None for a new agreement).
pub fn build(cat: &Catalog, target: FormTarget, a: Option<&Agreement>) -> Form {
    let title_key = match target {
        FormTarget::Agreement(None) => "ui.form.new_agreement",
        FormTarget::Agreement(Some(_)) => "ui.form.edit_agreement",
        FormTarget::Lot(_) => "ui.form.lot",
        FormTarget::Supplier(_) => "ui.form.supplier",
        FormTarget::Contact { .. } => "ui.form.contact",
        FormTarget::Penalty(_) => "ui.form.penalty",
        FormTarget::Escalation(_) => "ui.form.escalation",
        FormTarget::ExtensionOption(_) => "ui.form.option",
        FormTarget::Template(_) => "ui.form.template",
        FormTarget::Orderer(_) => "ui.form.orderer",
        FormTarget::ProjectMember(_) => "ui.form.member",
        // The forms of call-offs, competitions, meetings and the rest are built in their
        // own modules; this one builds the agreement register's.
        _ => "ui.form.new_agreement",
    };
    let fields = match (target.clone(), a) {
        (FormTarget::Agreement(id), a) => agreement_fields(cat, a.filter(|_| id.is_some())),
        (t, a) => parts::fields(t, a),
    };
    Form::new(cat.t(title_key).to_string(), target, fields)
}

/// The agreement's own fields, one per `AgreementKey` in its order. The match has an arm
/// per key, so a key added to the enum does not compile until its field is built here
/// (and read in `apply_agreement`).
fn agreement_fields(cat: &Catalog, a: Option<&Agreement>) -> Vec<Field> {
    let p = a.map(|a| a.priority).unwrap_or_default();
    let text_of = |get: fn(&Agreement) -> &str| a.map(get).unwrap_or("");
    AgreementKey::ALL
        .iter()
        .map(|&k| match k {
            AgreementKey::Reference => required(k, text_of(|a| a.reference.as_str())),
            AgreementKey::Name => required(k, text_of(|a| a.name.as_str())),
            AgreementKey::Start => date(k, a.map(|a| a.start)),
            AgreementKey::End => date(k, a.map(|a| a.end)),
            AgreementKey::Priority => {
                Field::choice(k, PRIORITIES.to_vec(), usize::from(p.number() - 1))
            }
            AgreementKey::ResponseTime => Field::new(
                k,
                FieldKind::ResponseTime,
                &response_time_text(
                    cat,
                    a.map(|a| a.response_time)
                        .unwrap_or(ResponseTime::WorkingDays(2)),
                ),
            ),
            AgreementKey::Keywords => Field::new(
                k,
                FieldKind::List,
                &a.map(|a| a.keywords.join(", ")).unwrap_or_default(),
            ),
            AgreementKey::OrderMailbox => email(k, text_of(|a| a.order_mailbox.as_str())),
            AgreementKey::MaxValue => money(k, a.and_then(|a| a.money.max_value)),
            AgreementKey::EstimatedValue => money(k, a.and_then(|a| a.money.estimated_value)),
            AgreementKey::Accounts => Field::new(
                k,
                FieldKind::List,
                &a.map(|a| a.money.accounts.join(", ")).unwrap_or_default(),
            ),
            AgreementKey::GoalPicture => multiline(k, text_of(|a| a.goal_picture.as_str())),
            AgreementKey::CalloffRoutine => multiline(k, text_of(|a| a.calloff_routine.as_str())),
            AgreementKey::Notes => multiline(k, text_of(|a| a.notes.as_str())),
        })
        .collect()
}

/// Writes each field of a valid agreement form into `a`; one arm per key, as above.
fn apply_agreement(form: &Form, a: &mut Agreement) {
    for &k in AgreementKey::ALL {
        let f = &form[k];
        match k {
            AgreementKey::Reference => a.reference = f.trimmed(),
            AgreementKey::Name => a.name = f.trimmed(),
            AgreementKey::Start => {
                if let Some(d) = f.date() {
                    a.start = d;
                }
            }
            AgreementKey::End => {
                if let Some(d) = f.date() {
                    a.end = d;
                }
            }
            AgreementKey::Priority => a.priority = Priority::ALL[f.choice.min(2)],
            AgreementKey::ResponseTime => {
                if let Some(rt) = ResponseTime::parse(&f.trimmed()) {
                    a.response_time = rt;
                }
            }
            AgreementKey::Keywords => a.keywords = f.list(),
            AgreementKey::OrderMailbox => a.order_mailbox = f.trimmed(),
            AgreementKey::MaxValue => a.money.max_value = f.money(),
            AgreementKey::EstimatedValue => a.money.estimated_value = f.money(),
            AgreementKey::Accounts => a.money.accounts = crate::domain::spend::unique(f.list()),
            AgreementKey::GoalPicture => a.goal_picture = f.text().trim_end().to_string(),
            AgreementKey::CalloffRoutine => a.calloff_routine = f.text().trim_end().to_string(),
            AgreementKey::Notes => a.notes = f.text().trim_end().to_string(),
        }
    }
}

/// A response time in the user's language, in a form `ResponseTime::parse` reads back.
pub fn response_time_text(cat: &Catalog, rt: ResponseTime) -> String {
    match rt {
        ResponseTime::Hours(n) => cat.plural("ui.detail.hours", u64::from(n)),
        ResponseTime::WorkingDays(n) => cat.plural("ui.detail.working_days", u64::from(n)),
    }
}

/// Applies a valid form to `a` (a copy of the stored agreement, or a new one).
/// The caller has validated every field; values that still fail to parse are left alone.
pub fn apply(form: &Form, a: &mut Agreement) {
    match form.target.clone() {
        FormTarget::Agreement(_) => apply_agreement(form, a),
        t => parts::apply(form, t, a),
    }
}
