//! Demo meetings with their minutes, decisions and actions (DESIGN §1.3). Pure and
//! deterministic: dates come from the agreement's period (through [`propose_schedule`],
//! the same proposal the user gets) and from `today`. Ids are left at 0 for the store to
//! hand out; the open actions are carried to the next meeting's agenda once they have ids
//! (see `app::demo::plans`).

use time::{Date, Duration, Time};

use super::day;
use super::meeting_texts::{self as texts, Content};
use crate::domain::calendar::is_working_day;
use crate::domain::meeting::{
    Action, ActionId, AgendaPoint, Attendee, FirstYearInterval, Meeting, MeetingId, MeetingKind,
    MeetingStatus, Side, propose_schedule,
};
use crate::domain::{Agreement, ContactRole, OrgNumber};

/// A meeting as the demo stores it: the meeting and the actions noted at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoMeeting {
    pub meeting: Meeting,
    pub actions: Vec<Action>,
}

/// The IT-consulting agreement's meetings, oldest first: the schedule proposed for its
/// period (internal contract meeting, start meeting, contract day, quarterly collaboration
/// meetings in the first year, then every fourth month), held and minuted up to `today`;
/// an extra collaboration meeting within two weeks ahead of the extension decision; the
/// rest of the schedule planned; and an annual contract meeting before the period ends.
/// Meetings with a supplier are with the rank-1 supplier of the first lot.
pub fn it_meetings(a: &Agreement, today: Date) -> Vec<DemoMeeting> {
    let supplier = a.lots.first().and_then(|l| l.ranking.first()).cloned();
    let manager = account_manager(a, supplier.as_ref());
    let plan = propose_schedule(
        a.start,
        a.end,
        a.priority,
        FirstYearInterval::Quarterly,
        None,
        a.start,
    );
    let past: Vec<_> = plan.iter().filter(|p| p.date < today).collect();
    let mut collaborations = texts::COLLABORATION.iter();
    let mut out = Vec::new();
    for (i, p) in past.iter().enumerate() {
        let content = match p.kind {
            MeetingKind::InternalContract => &texts::INTERNAL,
            MeetingKind::SupplierStart => &texts::START,
            MeetingKind::ContractDay => &texts::CONTRACT_DAY,
            MeetingKind::AnnualContract => &texts::ANNUAL,
            // More past meetings than texts only if the period changes; reuse the last.
            MeetingKind::Collaboration => collaborations
                .next()
                .unwrap_or(&texts::COLLABORATION[texts::COLLABORATION.len() - 1]),
        };
        // The newest minutes are approved at the next meeting, so they are only held yet.
        let status = if i + 1 == past.len() {
            MeetingStatus::Held
        } else {
            MeetingStatus::MinutesApproved
        };
        let with = with_supplier(p.kind, &supplier);
        out.push(held(a, p.kind, p.date, with, &manager, content, status));
    }

    let next = working_day_from(day(today, 10));
    let mut m = planned(a, MeetingKind::Collaboration, next, texts::NEXT_AGENDA);
    // The invitation is out for the next meeting; later ones have no one invited yet.
    m.attendees = attendees(m.kind, supplier.is_some(), &manager);
    m.supplier = supplier.clone();
    out.push(DemoMeeting {
        meeting: m,
        actions: Vec::new(),
    });
    for p in plan.iter().filter(|p| p.date > next) {
        let agenda = match p.kind {
            MeetingKind::AnnualContract => texts::ANNUAL_AGENDA,
            _ => texts::LATER_AGENDA,
        };
        let mut m = planned(a, p.kind, p.date, agenda);
        m.supplier = with_supplier(p.kind, &supplier);
        out.push(DemoMeeting {
            meeting: m,
            actions: Vec::new(),
        });
    }
    let annual_ahead = out
        .iter()
        .any(|d| d.meeting.kind == MeetingKind::AnnualContract && d.meeting.date > today);
    let before_end = working_day_from(day(a.end, -30));
    if !annual_ahead && before_end > next && before_end <= a.end {
        let mut m = planned(
            a,
            MeetingKind::AnnualContract,
            before_end,
            texts::ANNUAL_AGENDA,
        );
        m.supplier = supplier;
        out.push(DemoMeeting {
            meeting: m,
            actions: Vec::new(),
        });
    }
    out.sort_by_key(|d| d.meeting.date);
    out
}

/// Two meetings of a smaller agreement: the internal contract meeting on its first day and
/// the start meeting with its rank-1 supplier two weeks later, both minuted and approved.
/// Nothing when the agreement has not started two weeks ago.
pub fn smaller_meetings(a: &Agreement, today: Date) -> Vec<DemoMeeting> {
    let supplier = a.lots.first().and_then(|l| l.ranking.first()).cloned();
    let manager = account_manager(a, supplier.as_ref());
    let internal = working_day_from(a.start);
    let start = working_day_from(day(a.start, 14));
    if start >= today {
        return Vec::new();
    }
    let approved = MeetingStatus::MinutesApproved;
    vec![
        held(
            a,
            MeetingKind::InternalContract,
            internal,
            None,
            &manager,
            &texts::STAFFING_INTERNAL,
            approved,
        ),
        held(
            a,
            MeetingKind::SupplierStart,
            start,
            supplier,
            &manager,
            &texts::STAFFING_START,
            approved,
        ),
    ]
}

/// Internal meetings and contract days (with every supplier) name no supplier.
fn with_supplier(kind: MeetingKind, supplier: &Option<OrgNumber>) -> Option<OrgNumber> {
    match kind {
        MeetingKind::InternalContract | MeetingKind::ContractDay => None,
        _ => supplier.clone(),
    }
}

/// The supplier's account manager as the agreement names them.
fn account_manager(a: &Agreement, supplier: Option<&OrgNumber>) -> String {
    a.suppliers
        .iter()
        .find(|s| Some(&s.org_number) == supplier)
        .and_then(|s| {
            s.contacts
                .iter()
                .find(|c| c.role == ContactRole::AccountManager)
        })
        .map_or_else(|| "Kundansvarig".to_string(), |c| c.name.clone())
}

fn held(
    a: &Agreement,
    kind: MeetingKind,
    date: Date,
    supplier: Option<OrgNumber>,
    manager: &str,
    c: &Content,
    status: MeetingStatus,
) -> DemoMeeting {
    let mut m = Meeting::new(a.id, kind, date);
    m.time = Time::from_hms(
        if kind == MeetingKind::ContractDay {
            13
        } else {
            9
        },
        0,
        0,
    )
    .ok();
    m.place = c.place.to_string();
    m.attendees = attendees(kind, supplier.is_some(), manager);
    m.supplier = supplier;
    m.agenda = c.agenda.iter().map(|t| AgendaPoint::new(t)).collect();
    m.minutes = c.minutes.to_string();
    m.decisions = c.decisions.iter().map(|d| d.to_string()).collect();
    m.status = status;
    let actions = c
        .actions
        .iter()
        .map(|&(text, owner, side, due, status)| Action {
            id: ActionId::default(),
            meeting: MeetingId::default(),
            agreement: a.id,
            text: text.to_string(),
            owner: if owner == texts::MANAGER {
                manager.to_string()
            } else {
                owner.to_string()
            },
            side,
            due: due.map(|d| day(date, d)),
            status,
            created: date,
        })
        .collect();
    DemoMeeting {
        meeting: m,
        actions,
    }
}

fn planned(a: &Agreement, kind: MeetingKind, date: Date, agenda: &[&str]) -> Meeting {
    let mut m = Meeting::new(a.id, kind, date);
    m.time = Time::from_hms(9, 0, 0).ok();
    m.place = "Teams".to_string();
    m.agenda = agenda.iter().map(|t| AgendaPoint::new(t)).collect();
    m
}

fn attendees(kind: MeetingKind, with_supplier: bool, manager: &str) -> Vec<Attendee> {
    let person = |name: &str, side, role: &str| Attendee {
        name: name.to_string(),
        side,
        role: role.to_string(),
    };
    let mut out = vec![
        person("Maria Lindqvist", Side::Buyer, "avtalsförvaltare"),
        person("Sofia Nyström", Side::Buyer, "upphandlare"),
    ];
    match kind {
        MeetingKind::InternalContract | MeetingKind::ContractDay => {
            out.push(person(
                "Per Ek",
                Side::Buyer,
                "beställare, socialförvaltningen",
            ));
            out.push(person(
                "Lena Sund",
                Side::Buyer,
                "beställare, utbildningsförvaltningen",
            ));
        }
        _ => out.push(person("Ahmed Karimi", Side::Buyer, "IT-arkitekt")),
    }
    if with_supplier {
        out.push(person(manager, Side::Supplier, "kundansvarig"));
        out.push(person("Hanna Ström", Side::Supplier, "leveranschef"));
    }
    out
}

/// `date` when it is a working day, else the next one (a year has no long run of days off).
fn working_day_from(date: Date) -> Date {
    let mut d = date;
    for _ in 0..14 {
        if is_working_day(d) {
            return d;
        }
        d = d.saturating_add(Duration::days(1));
    }
    d
}

#[cfg(test)]
mod tests;
