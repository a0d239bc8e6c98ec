//! The forms of an agreement's parts: lots, suppliers and their contacts, penalty terms,
//! escalation levels, extension options, order templates, orderers and the project group.

use crate::domain::{
    Agreement, Contact, ContactRole, EscalationLevel, ExtensionOption, Lot, OptionStatus,
    OrderTemplate, Orderer, PenaltyBasis, PenaltyTerm, PenaltyTrigger, ProjectMember, Supplier,
};

use super::{date, email, phone, required, text};
use crate::app::form::{Field, FieldKind, Form, FormTarget, form_keys};

form_keys! {
    pub enum LotKey {
        Name => "ui.field.lot_name",
    }
}

form_keys! {
    pub enum SupplierKey {
        OrgNumber => "ui.field.org_number",
        Name => "ui.field.supplier_name",
    }
}

form_keys! {
    pub enum ContactKey {
        Name => "ui.field.contact_name",
        Role => "ui.field.role",
        Email => "ui.field.email",
        Phone => "ui.field.phone",
        EscalationLevel => "ui.field.escalation_level",
    }
}

form_keys! {
    pub enum PenaltyKey {
        Basis => "ui.field.basis",
        Rate => "ui.field.rate",
        Cap => "ui.field.cap",
    }
}

form_keys! {
    pub enum EscalationKey {
        Level => "ui.field.level",
        Title => "ui.field.title",
        BuyerContact => "ui.field.buyer_contact",
        Description => "ui.field.description",
    }
}

form_keys! {
    /// An extension option.
    pub enum OptionKey {
        ExtendsTo => "ui.field.extends_to",
        NoticeDate => "ui.field.notice_date",
        Status => "ui.field.option_status",
        Note => "ui.field.note",
    }
}

form_keys! {
    pub enum TemplateKey {
        Name => "ui.field.template_name",
        Location => "ui.field.location",
    }
}

form_keys! {
    pub enum OrdererKey {
        Name => "ui.field.person_name",
        Unit => "ui.field.unit",
        Email => "ui.field.email",
    }
}

form_keys! {
    /// A member of the project group.
    pub enum MemberKey {
        Name => "ui.field.person_name",
        Role => "ui.field.member_role",
        Email => "ui.field.email",
    }
}

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

fn role_index(r: ContactRole) -> usize {
    ContactRole::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

/// The fields of the form of a part, filled from `a` where it names one.
pub(super) fn fields(target: FormTarget, a: Option<&Agreement>) -> Vec<Field> {
    match (target, a) {
        (FormTarget::Lot(i), a) => {
            let lot = i.and_then(|i| a?.lots.get(i));
            vec![required(
                LotKey::Name,
                lot.map(|l| l.name.as_str()).unwrap_or(""),
            )]
        }
        (FormTarget::Supplier(i), a) => {
            let s = i.and_then(|i| a?.suppliers.get(i));
            vec![
                Field::new(
                    SupplierKey::OrgNumber,
                    FieldKind::OrgNumber,
                    &s.map(|s| s.org_number.to_string()).unwrap_or_default(),
                ),
                required(SupplierKey::Name, s.map(|s| s.name.as_str()).unwrap_or("")),
            ]
        }
        (FormTarget::Contact { supplier, index }, a) => {
            let c = index.and_then(|i| a?.suppliers.get(supplier)?.contacts.get(i));
            vec![
                required(ContactKey::Name, c.map(|c| c.name.as_str()).unwrap_or("")),
                Field::choice(
                    ContactKey::Role,
                    ROLES.to_vec(),
                    c.map(|c| role_index(c.role)).unwrap_or(0),
                ),
                email(ContactKey::Email, c.map(|c| c.email.as_str()).unwrap_or("")),
                phone(ContactKey::Phone, c.map(|c| c.phone.as_str()).unwrap_or("")),
                Field::new(
                    ContactKey::EscalationLevel,
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
                Field::choice(PenaltyKey::Basis, BASES.to_vec(), basis),
                Field::new(
                    PenaltyKey::Rate,
                    FieldKind::Rate { required: true },
                    &p.map(|p| rate_text(&p.rate)).unwrap_or_default(),
                ),
                Field::new(
                    PenaltyKey::Cap,
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
                    EscalationKey::Level,
                    FieldKind::Number {
                        min: 1,
                        max: 9,
                        required: true,
                    },
                    &l.map(|l| l.level.to_string())
                        .unwrap_or(next_level.to_string()),
                ),
                required(
                    EscalationKey::Title,
                    l.map(|l| l.title.as_str()).unwrap_or(""),
                ),
                text(
                    EscalationKey::BuyerContact,
                    l.map(|l| l.buyer_contact.as_str()).unwrap_or(""),
                ),
                Field::new(
                    EscalationKey::Description,
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
                date(OptionKey::ExtendsTo, o.map(|o| o.extends_to)),
                date(OptionKey::NoticeDate, o.map(|o| o.notice_date)),
                Field::choice(OptionKey::Status, OPTION_STATUSES.to_vec(), status),
                text(OptionKey::Note, o.map(|o| o.note.as_str()).unwrap_or("")),
            ]
        }
        (FormTarget::Template(i), a) => {
            let t = i.and_then(|i| a?.order_templates.get(i));
            vec![
                required(TemplateKey::Name, t.map(|t| t.name.as_str()).unwrap_or("")),
                text(
                    TemplateKey::Location,
                    t.map(|t| t.location.as_str()).unwrap_or(""),
                ),
            ]
        }
        (FormTarget::Orderer(i), a) => {
            let o = i.and_then(|i| a?.orderers.get(i));
            vec![
                required(OrdererKey::Name, o.map(|o| o.name.as_str()).unwrap_or("")),
                text(OrdererKey::Unit, o.map(|o| o.unit.as_str()).unwrap_or("")),
                email(OrdererKey::Email, o.map(|o| o.email.as_str()).unwrap_or("")),
            ]
        }
        (FormTarget::ProjectMember(i), a) => {
            let m = i.and_then(|i| a?.project_group.get(i));
            vec![
                required(MemberKey::Name, m.map(|m| m.name.as_str()).unwrap_or("")),
                text(MemberKey::Role, m.map(|m| m.role.as_str()).unwrap_or("")),
                email(MemberKey::Email, m.map(|m| m.email.as_str()).unwrap_or("")),
            ]
        }
        _ => Vec::new(),
    }
}

/// Applies a valid form of a part to `a`.
pub(super) fn apply(form: &Form, target: FormTarget, a: &mut Agreement) {
    match target {
        FormTarget::Lot(i) => {
            let name = form[LotKey::Name].trimmed();
            match i.and_then(|i| a.lots.get_mut(i)) {
                Some(lot) => lot.name = name,
                None => a.lots.push(Lot {
                    name,
                    ranking: Vec::new(),
                }),
            }
        }
        FormTarget::Supplier(i) => {
            let Some(org) = form[SupplierKey::OrgNumber].org_number() else {
                return;
            };
            let name = form[SupplierKey::Name].trimmed();
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
                name: form[ContactKey::Name].trimmed(),
                role: ContactRole::ALL[form[ContactKey::Role].choice.min(3)],
                email: form[ContactKey::Email].trimmed(),
                phone: form[ContactKey::Phone].trimmed(),
                escalation_level: form[ContactKey::EscalationLevel]
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
            let Some(rate) = form[PenaltyKey::Rate].rate() else {
                return;
            };
            let term = PenaltyTerm {
                trigger: PenaltyTrigger::LateDelivery,
                basis: PenaltyBasis::ALL[form[PenaltyKey::Basis].choice.min(2)],
                rate,
                cap: form[PenaltyKey::Cap].rate(),
            };
            put(&mut a.penalties, i, term);
        }
        FormTarget::Escalation(i) => {
            let level = EscalationLevel {
                level: form[EscalationKey::Level]
                    .number()
                    .and_then(|n| u8::try_from(n).ok())
                    .unwrap_or(1),
                title: form[EscalationKey::Title].trimmed(),
                buyer_contact: form[EscalationKey::BuyerContact].trimmed(),
                description: form[EscalationKey::Description]
                    .text()
                    .trim_end()
                    .to_string(),
            };
            put(&mut a.escalation, i, level);
            a.escalation.sort_by_key(|l| l.level);
        }
        FormTarget::ExtensionOption(i) => {
            let (Some(extends_to), Some(notice_date)) = (
                form[OptionKey::ExtendsTo].date(),
                form[OptionKey::NoticeDate].date(),
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
                ][form[OptionKey::Status].choice.min(2)],
                note: form[OptionKey::Note].trimmed(),
            };
            put(&mut a.extension_options, i, option);
            a.extension_options.sort_by_key(|o| o.notice_date);
        }
        FormTarget::Template(i) => {
            let t = OrderTemplate {
                name: form[TemplateKey::Name].trimmed(),
                location: form[TemplateKey::Location].trimmed(),
            };
            put(&mut a.order_templates, i, t);
        }
        FormTarget::Orderer(i) => {
            let o = Orderer {
                name: form[OrdererKey::Name].trimmed(),
                unit: form[OrdererKey::Unit].trimmed(),
                email: form[OrdererKey::Email].trimmed(),
            };
            put(&mut a.orderers, i, o);
        }
        FormTarget::ProjectMember(i) => {
            let m = ProjectMember {
                name: form[MemberKey::Name].trimmed(),
                role: form[MemberKey::Role].trimmed(),
                email: form[MemberKey::Email].trimmed(),
            };
            put(&mut a.project_group, i, m);
        }
        // Not a part of the agreement record: applied by its own module.
        _ => {}
    }
}

/// The form's rate as the user would type it (`5%`, `2500 kr`).
fn rate_text(r: &crate::domain::Rate) -> String {
    match r {
        crate::domain::Rate::Fixed(m) => format!("{} kr", m.format_kronor()),
        crate::domain::Rate::Percent(_) => r.to_string().replace(' ', ""),
    }
}

/// Replaces item `i` or appends a new one.
fn put<T>(list: &mut Vec<T>, i: Option<usize>, item: T) {
    match i.and_then(|i| list.get_mut(i)) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}
