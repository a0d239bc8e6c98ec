//! The register's richer, optional fields: texts, keywords, contacts, extension
//! options, order templates, the escalation model, orderers and the project group.

use super::Spans;
use crate::domain::{
    Agreement, Contact, ContactRole, EscalationLevel, ExtensionOption, OptionStatus, OrderTemplate,
    Orderer, ProjectMember,
};
use crate::formats::problem::ProblemKind;
use crate::formats::toml_reader::{Sink, TableReader};

const CONTACT_KEYS: &[&str] = &["name", "role", "email", "phone", "escalation_level"];
const OPTION_KEYS: &[&str] = &["extends_to", "notice_date", "status", "note"];
const TEMPLATE_KEYS: &[&str] = &["name", "location"];
const ESCALATION_KEYS: &[&str] = &["level", "title", "buyer_contact", "description"];
const ORDERER_KEYS: &[&str] = &["name", "unit", "email"];
const MEMBER_KEYS: &[&str] = &["name", "role", "email"];

const ROLES: &[&str] = &["account_manager", "customer_team", "escalation", "other"];
const STATUSES: &[&str] = &["open", "exercised", "declined"];

/// Reads every optional register field of the top-level table into `agreement`.
pub(super) fn read(
    sink: &mut Sink<'_>,
    top: &TableReader<'_, '_>,
    agreement: &mut Agreement,
    spans: &mut Spans,
) {
    agreement.goal_picture = top.text(sink, "goal_picture");
    agreement.calloff_routine = top.text(sink, "calloff_routine");
    agreement.order_mailbox = top.text(sink, "order_mailbox").trim().to_string();
    agreement.notes = top.text(sink, "notes");
    agreement.keywords = top
        .strings(sink, "keywords")
        .into_iter()
        .map(|(k, _)| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();

    for (table, span) in top.tables(sink, "extension_options") {
        let t = TableReader::new(sink, table, span, "extension_options", OPTION_KEYS);
        let extends_to = t.date(sink, "extends_to", true);
        let notice_date = t.date(sink, "notice_date", true);
        let status = match t.value("status") {
            None => Some(OptionStatus::Open),
            Some(_) => t.choice(sink, "status", false, STATUSES, |s| match s {
                "open" => Some(OptionStatus::Open),
                "exercised" => Some(OptionStatus::Exercised),
                "declined" => Some(OptionStatus::Declined),
                _ => None,
            }),
        };
        let note = t.text(sink, "note");
        if let (Some(extends_to), Some(notice_date), Some(status)) =
            (extends_to, notice_date, status)
        {
            spans
                .options
                .push(t.value("notice_date").map(|v| v.span()).unwrap_or(t.span()));
            agreement.extension_options.push(ExtensionOption {
                extends_to,
                notice_date,
                status,
                note,
            });
        }
    }

    for (table, span) in top.tables(sink, "order_templates") {
        let t = TableReader::new(sink, table, span, "order_templates", TEMPLATE_KEYS);
        if let Some((name, _)) = t.string(sink, "name", true) {
            let location = t.text(sink, "location");
            agreement
                .order_templates
                .push(OrderTemplate { name, location });
        }
    }

    for (table, span) in top.tables(sink, "escalation") {
        let t = TableReader::new(sink, table, span, "escalation", ESCALATION_KEYS);
        let level = match t.integer(sink, "level") {
            Some((n, span)) => level_number(sink, &t, "level", n, &span),
            None => {
                t.require(sink, "level");
                None
            }
        };
        let title = t.string(sink, "title", true).map(|(s, _)| s);
        let buyer_contact = t.text(sink, "buyer_contact");
        let description = t.text(sink, "description");
        if let (Some(level), Some(title)) = (level, title) {
            agreement.escalation.push(EscalationLevel {
                level,
                title,
                buyer_contact,
                description,
            });
        }
    }

    for (table, span) in top.tables(sink, "orderers") {
        let t = TableReader::new(sink, table, span, "orderers", ORDERER_KEYS);
        if let Some((name, _)) = t.string(sink, "name", true) {
            let unit = t.text(sink, "unit");
            let email = t.text(sink, "email");
            agreement.orderers.push(Orderer { name, unit, email });
        }
    }

    for (table, span) in top.tables(sink, "project_group") {
        let t = TableReader::new(sink, table, span, "project_group", MEMBER_KEYS);
        if let Some((name, _)) = t.string(sink, "name", true) {
            let role = t.text(sink, "role");
            let email = t.text(sink, "email");
            agreement
                .project_group
                .push(ProjectMember { name, role, email });
        }
    }
}

/// The `[[suppliers.contacts]]` of one supplier table.
pub(super) fn contacts(sink: &mut Sink<'_>, supplier: &TableReader<'_, '_>) -> Vec<Contact> {
    let mut out = Vec::new();
    for (table, span) in supplier.tables(sink, "contacts") {
        let t = TableReader::new(sink, table, span, "suppliers.contacts", CONTACT_KEYS);
        let name = t.string(sink, "name", true).map(|(s, _)| s);
        let role = match t.value("role") {
            None => Some(ContactRole::Other),
            Some(_) => t.choice(sink, "role", false, ROLES, |s| match s {
                "account_manager" => Some(ContactRole::AccountManager),
                "customer_team" => Some(ContactRole::CustomerTeam),
                "escalation" => Some(ContactRole::Escalation),
                "other" => Some(ContactRole::Other),
                _ => None,
            }),
        };
        let email = t.text(sink, "email");
        let phone = t.text(sink, "phone");
        let escalation_level = match t.integer(sink, "escalation_level") {
            Some((n, span)) => level_number(sink, &t, "escalation_level", n, &span).map(Some),
            None => Some(None),
        };
        if let (Some(name), Some(role), Some(escalation_level)) = (name, role, escalation_level) {
            out.push(Contact {
                name,
                role,
                email,
                phone,
                escalation_level,
            });
        }
    }
    out
}

/// An escalation level: 1 and up, small enough to be a level at all.
fn level_number(
    sink: &mut Sink<'_>,
    t: &TableReader<'_, '_>,
    key: &str,
    n: i64,
    span: &std::ops::Range<usize>,
) -> Option<u8> {
    match u8::try_from(n) {
        Ok(level) if level >= 1 => Some(level),
        _ => {
            sink.push(
                span,
                ProblemKind::BadNumber {
                    key: t.key(key),
                    input: n.to_string(),
                },
            );
            None
        }
    }
}
