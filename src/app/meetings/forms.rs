//! The meeting form and the schedule-proposal form: fields filled from the record, and
//! the record a valid form describes. Attendees, own agenda points and decisions are
//! typed one per line (`Name, role` for attendees); carried-over points are kept as they are.

use time::{Date, Time};

use crate::domain::Agreement;
use crate::domain::meeting::{
    Action, ActionStatus, AgendaPoint, Attendee, Meeting, MeetingKind, MeetingStatus, Side,
};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormTarget, form_keys, format_date};

form_keys! {
    pub enum MeetingKey {
        Kind => "ui.field.meeting_kind",
        Supplier => "ui.field.supplier",
        Date => "ui.field.meeting_date",
        Time => "ui.field.meeting_time",
        Place => "ui.field.place",
        Status => "ui.field.meeting_status",
        BuyerAttendees => "ui.field.buyer_attendees",
        SupplierAttendees => "ui.field.supplier_attendees",
        Agenda => "ui.field.agenda",
        Decisions => "ui.field.decisions",
    }
}

form_keys! {
    /// Options for proposing a schedule of meetings.
    pub enum ScheduleKey {
        FirstYear => "ui.field.first_year",
        Supplier => "ui.field.supplier",
    }
}

form_keys! {
    /// An action item of a meeting.
    pub enum ActionKey {
        Text => "ui.field.action_text",
        Owner => "ui.field.owner",
        Side => "ui.field.side",
        Due => "ui.field.due",
        Status => "ui.field.action_status",
    }
}

form_keys! {
    /// A line of the minutes made an action item: its status is open.
    pub enum CapturedActionKey {
        Text => "ui.field.action_text",
        Owner => "ui.field.owner",
        Side => "ui.field.side",
        Due => "ui.field.due",
    }
}

const KINDS: [&str; 5] = [
    "ui.meeting_kind.internal_contract",
    "ui.meeting_kind.supplier_start",
    "ui.meeting_kind.collaboration",
    "ui.meeting_kind.annual_contract",
    "ui.meeting_kind.contract_day",
];
const STATUSES: [&str; 3] = [
    "ui.meeting_status.planned",
    "ui.meeting_status.held",
    "ui.meeting_status.minutes_approved",
];

fn supplier_options(cat: &Catalog, a: &Agreement) -> Vec<String> {
    std::iter::once(cat.t("ui.meetings.no_supplier").to_string())
        .chain(
            a.suppliers
                .iter()
                .map(|s| format!("{}  {}", s.name, s.org_number)),
        )
        .collect()
}

fn attendees_text(m: Option<&Meeting>, side: Side) -> String {
    m.map(|m| {
        m.attendees
            .iter()
            .filter(|a| a.side == side)
            .map(|a| {
                if a.role.is_empty() {
                    a.name.clone()
                } else {
                    format!("{}, {}", a.name, a.role)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_or_default()
}

fn parse_attendees(text: &str, side: Side) -> Vec<Attendee> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, role) = l.split_once(',').unwrap_or((l, ""));
            Attendee {
                name: name.trim().to_string(),
                side,
                role: role.trim().to_string(),
            }
        })
        .collect()
}

pub fn meeting_form(cat: &Catalog, a: &Agreement, existing: Option<&Meeting>, today: Date) -> Form {
    let m = existing;
    let kind = m
        .map(|m| {
            MeetingKind::ALL
                .iter()
                .position(|k| *k == m.kind)
                .unwrap_or(2)
        })
        .unwrap_or(2);
    let status = m
        .map(|m| {
            MeetingStatus::ALL
                .iter()
                .position(|s| *s == m.status)
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let supplier = m
        .and_then(|m| m.supplier.as_ref())
        .and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
        .map(|i| i + 1)
        .unwrap_or(0);
    let own_agenda = m
        .map(|m| {
            m.agenda
                .iter()
                .filter(|p| p.carried_from.is_none())
                .map(|p| p.text.clone())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let time = m
        .and_then(|m| m.time)
        .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
        .unwrap_or_default();
    let fields = vec![
        Field::choice(MeetingKey::Kind, KINDS.to_vec(), kind),
        Field::pick(MeetingKey::Supplier, supplier_options(cat, a), supplier),
        Field::new(
            MeetingKey::Date,
            FieldKind::Date { required: true },
            &format_date(m.map(|m| m.date).unwrap_or(today)),
        ),
        Field::new(MeetingKey::Time, FieldKind::Text { required: false }, &time),
        Field::new(
            MeetingKey::Place,
            FieldKind::Text { required: false },
            m.map(|m| m.place.as_str()).unwrap_or(""),
        ),
        Field::choice(MeetingKey::Status, STATUSES.to_vec(), status),
        Field::new(
            MeetingKey::BuyerAttendees,
            FieldKind::MultiLine,
            &attendees_text(m, Side::Buyer),
        ),
        Field::new(
            MeetingKey::SupplierAttendees,
            FieldKind::MultiLine,
            &attendees_text(m, Side::Supplier),
        ),
        Field::new(MeetingKey::Agenda, FieldKind::MultiLine, &own_agenda),
        Field::new(
            MeetingKey::Decisions,
            FieldKind::MultiLine,
            &m.map(|m| m.decisions.join("\n")).unwrap_or_default(),
        ),
    ];
    let title = if m.is_some() {
        "ui.form.edit_meeting"
    } else {
        "ui.form.new_meeting"
    };
    Form::new(
        cat.t(title).to_string(),
        FormTarget::Meeting(m.map(|m| m.id)),
        fields,
    )
}

/// `HH:MM` or empty; Err when something else was typed.
pub fn parse_time(s: &str) -> Result<Option<Time>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (h, m) = s.split_once([':', '.']).ok_or(())?;
    let (h, m): (u8, u8) = (
        h.trim().parse().map_err(|_| ())?,
        m.trim().parse().map_err(|_| ())?,
    );
    Time::from_hms(h, m, 0).map(Some).map_err(|_| ())
}

/// The meeting a valid form describes, on top of `base` (the stored one, or a new one).
pub fn meeting_from(
    form: &Form,
    a: &Agreement,
    mut base: Meeting,
) -> Result<Meeting, &'static str> {
    base.agreement = a.id;
    base.kind = MeetingKind::ALL[form[MeetingKey::Kind].choice.min(4)];
    base.supplier = form[MeetingKey::Supplier]
        .choice
        .checked_sub(1)
        .and_then(|i| a.suppliers.get(i))
        .map(|s| s.org_number.clone());
    base.date = form[MeetingKey::Date].date().ok_or("ui.form.required")?;
    base.time = parse_time(&form[MeetingKey::Time].text()).map_err(|_| "ui.form.bad_time")?;
    base.place = form[MeetingKey::Place].trimmed();
    base.status = MeetingStatus::ALL[form[MeetingKey::Status].choice.min(2)];
    let mut attendees = parse_attendees(&form[MeetingKey::BuyerAttendees].text(), Side::Buyer);
    attendees.extend(parse_attendees(
        &form[MeetingKey::SupplierAttendees].text(),
        Side::Supplier,
    ));
    base.attendees = attendees;
    let carried: Vec<AgendaPoint> = base
        .agenda
        .iter()
        .filter(|p| p.carried_from.is_some())
        .cloned()
        .collect();
    base.agenda = form[MeetingKey::Agenda]
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(AgendaPoint::new)
        .chain(carried)
        .collect();
    base.decisions = form[MeetingKey::Decisions]
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    Ok(base)
}

pub fn schedule_form(cat: &Catalog, a: &Agreement) -> Form {
    let fields = vec![
        Field::choice(
            ScheduleKey::FirstYear,
            vec!["ui.schedule.monthly", "ui.schedule.quarterly"],
            1,
        ),
        Field::pick(ScheduleKey::Supplier, supplier_options(cat, a), 0),
    ];
    Form::new(
        cat.t("ui.form.schedule").to_string(),
        FormTarget::Schedule,
        fields,
    )
}

/// An action item of the open meeting, new or as it is.
pub fn action_form(cat: &Catalog, existing: Option<&Action>) -> Form {
    let x = existing;
    let status = x
        .map(|x| {
            ActionStatus::ALL
                .iter()
                .position(|s| *s == x.status)
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let fields = vec![
        Field::new(
            ActionKey::Text,
            FieldKind::Text { required: true },
            x.map(|x| x.text.as_str()).unwrap_or(""),
        ),
        Field::new(
            ActionKey::Owner,
            FieldKind::Text { required: true },
            x.map(|x| x.owner.as_str()).unwrap_or(""),
        ),
        Field::choice(
            ActionKey::Side,
            vec!["ui.side.buyer", "ui.side.supplier"],
            usize::from(x.is_some_and(|x| x.side == Side::Supplier)),
        ),
        Field::new(
            ActionKey::Due,
            FieldKind::Date { required: false },
            &x.and_then(|x| x.due).map(format_date).unwrap_or_default(),
        ),
        Field::choice(
            ActionKey::Status,
            vec![
                "ui.action_status.open",
                "ui.action_status.done",
                "ui.action_status.cancelled",
            ],
            status,
        ),
    ];
    Form::new(
        cat.t("ui.form.action").to_string(),
        FormTarget::MeetingAction(x.map(|x| x.id)),
        fields,
    )
}
