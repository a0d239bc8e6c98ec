//! The forms of the agreement register: which fields each has, filled from the agreement,
//! and how a valid form changes the agreement.

use crate::domain::{
    Agreement, Contact, ContactRole, EscalationLevel, ExtensionOption, Lot, OptionStatus,
    OrderTemplate, Orderer, PenaltyBasis, PenaltyTerm, PenaltyTrigger, Priority, ProjectMember,
    ResponseTime, Supplier,
};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date};

const PRIORITIES: [&str; 3] = ["ui.priority.1", "ui.priority.2", "ui.priority.3"];
const ROLES: [&str; 4] = [
    "ui.role.account_manager",
    "ui.role.customer_team",
    "ui.role.escalation",
    "ui.role.other",
];
const BASES: [&str; 3] = [
    "ui.basis.per_day",
    "ui.basis.per_started_week",
    "ui.basis.per_working_day",
];
const OPTION_STATUSES: [&str; 3] = [
    "ui.option.open",
    "ui.option.exercised",
    "ui.option.declined",
];

fn text(label: &'static str, value: &str) -> Field {
    Field::new(label, FieldKind::Text { required: false }, value)
}

fn email(label: &'static str, value: &str) -> Field {
    Field::new(label, FieldKind::Email, value)
}

fn phone(label: &'static str, value: &str) -> Field {
    Field::new(label, FieldKind::Phone, value)
}

fn required(label: &'static str, value: &str) -> Field {
    Field::new(label, FieldKind::Text { required: true }, value)
}

fn date(label: &'static str, value: Option<time::Date>) -> Field {
    Field::new(
        label,
        FieldKind::Date { required: true },
        &value.map(format_date).unwrap_or_default(),
    )
}

fn role_index(r: ContactRole) -> usize {
    ContactRole::ALL.iter().position(|x| *x == r).unwrap_or(0)
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
        (FormTarget::Agreement(id), a) => {
            let a = a.filter(|_| id.is_some());
            let p = a.map(|a| a.priority).unwrap_or_default();
            vec![
                required(
                    "ui.field.reference",
                    a.map(|a| a.reference.as_str()).unwrap_or(""),
                ),
                required("ui.field.name", a.map(|a| a.name.as_str()).unwrap_or("")),
                date("ui.field.start", a.map(|a| a.start)),
                date("ui.field.end", a.map(|a| a.end)),
                Field::choice(
                    "ui.field.priority",
                    PRIORITIES.to_vec(),
                    usize::from(p.number() - 1),
                ),
                Field::new(
                    "ui.field.response_time",
                    FieldKind::ResponseTime,
                    &response_time_text(
                        cat,
                        a.map(|a| a.response_time)
                            .unwrap_or(ResponseTime::WorkingDays(2)),
                    ),
                ),
                Field::new(
                    "ui.field.keywords",
                    FieldKind::List,
                    &a.map(|a| a.keywords.join(", ")).unwrap_or_default(),
                ),
                email(
                    "ui.field.order_mailbox",
                    a.map(|a| a.order_mailbox.as_str()).unwrap_or(""),
                ),
                Field::new(
                    "ui.field.goal_picture",
                    FieldKind::MultiLine,
                    a.map(|a| a.goal_picture.as_str()).unwrap_or(""),
                ),
                Field::new(
                    "ui.field.calloff_routine",
                    FieldKind::MultiLine,
                    a.map(|a| a.calloff_routine.as_str()).unwrap_or(""),
                ),
                Field::new(
                    "ui.field.notes",
                    FieldKind::MultiLine,
                    a.map(|a| a.notes.as_str()).unwrap_or(""),
                ),
            ]
        }
        (FormTarget::Lot(i), a) => {
            let lot = i.and_then(|i| a?.lots.get(i));
            vec![required(
                "ui.field.lot_name",
                lot.map(|l| l.name.as_str()).unwrap_or(""),
            )]
        }
        (FormTarget::Supplier(i), a) => {
            let s = i.and_then(|i| a?.suppliers.get(i));
            vec![
                Field::new(
                    "ui.field.org_number",
                    FieldKind::OrgNumber,
                    &s.map(|s| s.org_number.to_string()).unwrap_or_default(),
                ),
                required(
                    "ui.field.supplier_name",
                    s.map(|s| s.name.as_str()).unwrap_or(""),
                ),
            ]
        }
        (FormTarget::Contact { supplier, index }, a) => {
            let c = index.and_then(|i| a?.suppliers.get(supplier)?.contacts.get(i));
            vec![
                required(
                    "ui.field.contact_name",
                    c.map(|c| c.name.as_str()).unwrap_or(""),
                ),
                Field::choice(
                    "ui.field.role",
                    ROLES.to_vec(),
                    c.map(|c| role_index(c.role)).unwrap_or(0),
                ),
                email("ui.field.email", c.map(|c| c.email.as_str()).unwrap_or("")),
                phone("ui.field.phone", c.map(|c| c.phone.as_str()).unwrap_or("")),
                Field::new(
                    "ui.field.escalation_level",
                    FieldKind::Number {
                        min: 1,
                        max: 9,
                        required: false,
                    },
                    &c.and_then(|c| c.escalation_level)
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                ),
            ]
        }
        (FormTarget::Penalty(i), a) => {
            let p = i.and_then(|i| a?.penalties.get(i));
            let basis = p
                .map(|p| {
                    PenaltyBasis::ALL
                        .iter()
                        .position(|b| *b == p.basis)
                        .unwrap_or(0)
                })
                .unwrap_or(1);
            vec![
                Field::choice("ui.field.basis", BASES.to_vec(), basis),
                Field::new(
                    "ui.field.rate",
                    FieldKind::Rate { required: true },
                    &p.map(|p| rate_text(&p.rate)).unwrap_or_default(),
                ),
                Field::new(
                    "ui.field.cap",
                    FieldKind::Cap,
                    &p.and_then(|p| p.cap.as_ref())
                        .map(rate_text)
                        .unwrap_or_default(),
                ),
            ]
        }
        (FormTarget::Escalation(i), a) => {
            let l = i.and_then(|i| a?.escalation.get(i));
            let next_level = a.map(|a| a.escalation.len() + 1).unwrap_or(1);
            vec![
                Field::new(
                    "ui.field.level",
                    FieldKind::Number {
                        min: 1,
                        max: 9,
                        required: true,
                    },
                    &l.map(|l| l.level.to_string())
                        .unwrap_or(next_level.to_string()),
                ),
                required("ui.field.title", l.map(|l| l.title.as_str()).unwrap_or("")),
                text(
                    "ui.field.buyer_contact",
                    l.map(|l| l.buyer_contact.as_str()).unwrap_or(""),
                ),
                Field::new(
                    "ui.field.description",
                    FieldKind::MultiLine,
                    l.map(|l| l.description.as_str()).unwrap_or(""),
                ),
            ]
        }
        (FormTarget::ExtensionOption(i), a) => {
            let o = i.and_then(|i| a?.extension_options.get(i));
            let status = o
                .map(|o| match o.status {
                    OptionStatus::Open => 0,
                    OptionStatus::Exercised => 1,
                    OptionStatus::Declined => 2,
                })
                .unwrap_or(0);
            vec![
                date("ui.field.extends_to", o.map(|o| o.extends_to)),
                date("ui.field.notice_date", o.map(|o| o.notice_date)),
                Field::choice("ui.field.option_status", OPTION_STATUSES.to_vec(), status),
                text("ui.field.note", o.map(|o| o.note.as_str()).unwrap_or("")),
            ]
        }
        (FormTarget::Template(i), a) => {
            let t = i.and_then(|i| a?.order_templates.get(i));
            vec![
                required(
                    "ui.field.template_name",
                    t.map(|t| t.name.as_str()).unwrap_or(""),
                ),
                text(
                    "ui.field.location",
                    t.map(|t| t.location.as_str()).unwrap_or(""),
                ),
            ]
        }
        (FormTarget::Orderer(i), a) => {
            let o = i.and_then(|i| a?.orderers.get(i));
            vec![
                required(
                    "ui.field.person_name",
                    o.map(|o| o.name.as_str()).unwrap_or(""),
                ),
                text("ui.field.unit", o.map(|o| o.unit.as_str()).unwrap_or("")),
                email("ui.field.email", o.map(|o| o.email.as_str()).unwrap_or("")),
            ]
        }
        (FormTarget::ProjectMember(i), a) => {
            let m = i.and_then(|i| a?.project_group.get(i));
            vec![
                required(
                    "ui.field.person_name",
                    m.map(|m| m.name.as_str()).unwrap_or(""),
                ),
                text(
                    "ui.field.member_role",
                    m.map(|m| m.role.as_str()).unwrap_or(""),
                ),
                email("ui.field.email", m.map(|m| m.email.as_str()).unwrap_or("")),
            ]
        }
        _ => Vec::new(),
    };
    Form::new(cat.t(title_key).to_string(), target, fields)
}

/// A response time in the user's language, in a form `ResponseTime::parse` reads back.
pub fn response_time_text(cat: &Catalog, rt: ResponseTime) -> String {
    match rt {
        ResponseTime::Hours(n) => cat.plural("ui.detail.hours", u64::from(n)),
        ResponseTime::WorkingDays(n) => cat.plural("ui.detail.working_days", u64::from(n)),
    }
}

/// The form's rate as the user would type it (`5%`, `2500 kr`).
fn rate_text(r: &crate::domain::Rate) -> String {
    match r {
        crate::domain::Rate::Fixed(m) => format!("{} kr", m.format_kronor()),
        crate::domain::Rate::Percent(_) => r.to_string().replace(' ', ""),
    }
}

/// Applies a valid form to `a` (a copy of the stored agreement, or a new one).
/// The caller has validated every field; values that still fail to parse are left alone.
pub fn apply(form: &Form, a: &mut Agreement) {
    let f = |label| form.field(label);
    match form.target.clone() {
        FormTarget::Agreement(_) => {
            a.reference = f("ui.field.reference").trimmed();
            a.name = f("ui.field.name").trimmed();
            if let Some(d) = f("ui.field.start").date() {
                a.start = d;
            }
            if let Some(d) = f("ui.field.end").date() {
                a.end = d;
            }
            a.priority = Priority::ALL[f("ui.field.priority").choice.min(2)];
            if let Some(rt) = ResponseTime::parse(&f("ui.field.response_time").trimmed()) {
                a.response_time = rt;
            }
            a.keywords = f("ui.field.keywords").list();
            a.order_mailbox = f("ui.field.order_mailbox").trimmed();
            a.goal_picture = f("ui.field.goal_picture").text().trim_end().to_string();
            a.calloff_routine = f("ui.field.calloff_routine").text().trim_end().to_string();
            a.notes = f("ui.field.notes").text().trim_end().to_string();
        }
        FormTarget::Lot(i) => {
            let name = f("ui.field.lot_name").trimmed();
            match i.and_then(|i| a.lots.get_mut(i)) {
                Some(lot) => lot.name = name,
                None => a.lots.push(Lot {
                    name,
                    ranking: Vec::new(),
                }),
            }
        }
        FormTarget::Supplier(i) => {
            let Some(org) = f("ui.field.org_number").org_number() else {
                return;
            };
            let name = f("ui.field.supplier_name").trimmed();
            match i.and_then(|i| a.suppliers.get_mut(i)) {
                Some(s) => {
                    // A changed org number follows the supplier into every ranking.
                    let old = std::mem::replace(&mut s.org_number, org.clone());
                    s.name = name;
                    for lot in &mut a.lots {
                        for r in &mut lot.ranking {
                            if *r == old {
                                *r = org.clone();
                            }
                        }
                    }
                }
                None => a.suppliers.push(Supplier {
                    org_number: org,
                    name,
                    contacts: Vec::new(),
                }),
            }
        }
        FormTarget::Contact { supplier, index } => {
            let contact = Contact {
                name: f("ui.field.contact_name").trimmed(),
                role: ContactRole::ALL[f("ui.field.role").choice.min(3)],
                email: f("ui.field.email").trimmed(),
                phone: f("ui.field.phone").trimmed(),
                escalation_level: f("ui.field.escalation_level")
                    .number()
                    .and_then(|n| u8::try_from(n).ok()),
            };
            if let Some(s) = a.suppliers.get_mut(supplier) {
                match index.and_then(|i| s.contacts.get_mut(i)) {
                    Some(c) => *c = contact,
                    None => s.contacts.push(contact),
                }
            }
        }
        FormTarget::Penalty(i) => {
            let Some(rate) = f("ui.field.rate").rate() else {
                return;
            };
            let term = PenaltyTerm {
                trigger: PenaltyTrigger::LateDelivery,
                basis: PenaltyBasis::ALL[f("ui.field.basis").choice.min(2)],
                rate,
                cap: f("ui.field.cap").rate(),
            };
            put(&mut a.penalties, i, term);
        }
        FormTarget::Escalation(i) => {
            let level = EscalationLevel {
                level: f("ui.field.level")
                    .number()
                    .and_then(|n| u8::try_from(n).ok())
                    .unwrap_or(1),
                title: f("ui.field.title").trimmed(),
                buyer_contact: f("ui.field.buyer_contact").trimmed(),
                description: f("ui.field.description").text().trim_end().to_string(),
            };
            put(&mut a.escalation, i, level);
            a.escalation.sort_by_key(|l| l.level);
        }
        FormTarget::ExtensionOption(i) => {
            let (Some(extends_to), Some(notice_date)) = (
                f("ui.field.extends_to").date(),
                f("ui.field.notice_date").date(),
            ) else {
                return;
            };
            let option = ExtensionOption {
                extends_to,
                notice_date,
                status: [
                    OptionStatus::Open,
                    OptionStatus::Exercised,
                    OptionStatus::Declined,
                ][f("ui.field.option_status").choice.min(2)],
                note: f("ui.field.note").trimmed(),
            };
            put(&mut a.extension_options, i, option);
            a.extension_options.sort_by_key(|o| o.notice_date);
        }
        FormTarget::Template(i) => {
            let t = OrderTemplate {
                name: f("ui.field.template_name").trimmed(),
                location: f("ui.field.location").trimmed(),
            };
            put(&mut a.order_templates, i, t);
        }
        FormTarget::Orderer(i) => {
            let o = Orderer {
                name: f("ui.field.person_name").trimmed(),
                unit: f("ui.field.unit").trimmed(),
                email: f("ui.field.email").trimmed(),
            };
            put(&mut a.orderers, i, o);
        }
        FormTarget::ProjectMember(i) => {
            let m = ProjectMember {
                name: f("ui.field.person_name").trimmed(),
                role: f("ui.field.member_role").trimmed(),
                email: f("ui.field.email").trimmed(),
            };
            put(&mut a.project_group, i, m);
        }
        // Not a part of the agreement record: applied by its own module.
        _ => {}
    }
}

/// Replaces item `i` or appends a new one.
fn put<T>(list: &mut Vec<T>, i: Option<usize>, item: T) {
    match i.and_then(|i| list.get_mut(i)) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}
