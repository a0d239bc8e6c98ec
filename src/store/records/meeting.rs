//! Stored meetings (`MEETINGS`) and actions (`ACTIONS`), keyed by id.
//!
//! Meetings: version 1 is today's shape without `addenda` (read, never written); version
//! 2 carries the addenda after approval. Actions: version 1.

use serde::{Deserialize, Serialize};
use time::{Date, Time};

use crate::domain::AgreementId;
use crate::domain::meeting::{
    Action, ActionId, ActionStatus, Addendum, AgendaPoint, Attendee, CarriedFrom, Meeting,
    MeetingId, MeetingKind, MeetingStatus, Side,
};

use super::super::StoreError;
use super::common::{digits, each, org_opt, shapes};

pub const V1: u16 = 1;
pub const MEETING_V2: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum MeetingKindV1 {
    InternalContract,
    SupplierStart,
    Collaboration,
    AnnualContract,
    ContractDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum MeetingStatusV1 {
    Planned,
    Held,
    MinutesApproved,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum SideV1 {
    Buyer,
    Supplier,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AttendeeV1 {
    pub name: String,
    pub side: SideV1,
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct CarriedFromV1 {
    pub meeting: u64,
    pub date: Date,
    pub action: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AgendaPointV1 {
    pub text: String,
    pub carried_from: Option<CarriedFromV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AddendumV1 {
    pub date: Date,
    pub text: String,
}

/// Version 1: the fields of version 2, in the same order, up to `lesson_lines`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct MeetingV1 {
    pub id: u64,
    pub agreement: u64,
    pub supplier: Option<String>,
    pub kind: MeetingKindV1,
    pub date: Date,
    pub time: Option<Time>,
    pub place: String,
    pub attendees: Vec<AttendeeV1>,
    pub agenda: Vec<AgendaPointV1>,
    pub minutes: String,
    pub decisions: Vec<String>,
    pub status: MeetingStatusV1,
    /// `usize` in the domain, which bincode writes as a `u64`.
    pub lesson_lines: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct MeetingV2 {
    pub id: u64,
    pub agreement: u64,
    pub supplier: Option<String>,
    pub kind: MeetingKindV1,
    pub date: Date,
    pub time: Option<Time>,
    pub place: String,
    pub attendees: Vec<AttendeeV1>,
    pub agenda: Vec<AgendaPointV1>,
    pub minutes: String,
    pub decisions: Vec<String>,
    pub status: MeetingStatusV1,
    pub lesson_lines: Vec<u64>,
    pub addenda: Vec<AddendumV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ActionStatusV1 {
    Open,
    Done,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ActionV1 {
    pub id: u64,
    pub meeting: u64,
    pub agreement: u64,
    pub text: String,
    pub owner: String,
    pub side: SideV1,
    pub due: Option<Date>,
    pub status: ActionStatusV1,
    pub created: Date,
}

super::shapes!(MeetingV1, MeetingV2, ActionV1);
super::stored!(Meeting, MeetingV2, MEETING_V2, V1 => MeetingV1);
super::stored!(Action, ActionV1, V1);

fn side(s: Side) -> SideV1 {
    match s {
        Side::Buyer => SideV1::Buyer,
        Side::Supplier => SideV1::Supplier,
    }
}

fn side_of(s: SideV1) -> Side {
    match s {
        SideV1::Buyer => Side::Buyer,
        SideV1::Supplier => Side::Supplier,
    }
}

impl From<&Attendee> for AttendeeV1 {
    fn from(a: &Attendee) -> Self {
        AttendeeV1 {
            name: a.name.clone(),
            side: side(a.side),
            role: a.role.clone(),
        }
    }
}

impl TryFrom<AttendeeV1> for Attendee {
    type Error = String;
    fn try_from(a: AttendeeV1) -> Result<Self, String> {
        Ok(Attendee {
            name: a.name,
            side: side_of(a.side),
            role: a.role,
        })
    }
}

impl From<&AgendaPoint> for AgendaPointV1 {
    fn from(p: &AgendaPoint) -> Self {
        AgendaPointV1 {
            text: p.text.clone(),
            carried_from: p.carried_from.map(|c| CarriedFromV1 {
                meeting: c.meeting.0,
                date: c.date,
                action: c.action.0,
            }),
        }
    }
}

impl TryFrom<AgendaPointV1> for AgendaPoint {
    type Error = String;
    fn try_from(p: AgendaPointV1) -> Result<Self, String> {
        Ok(AgendaPoint {
            text: p.text,
            carried_from: p.carried_from.map(|c| CarriedFrom {
                meeting: MeetingId(c.meeting),
                date: c.date,
                action: ActionId(c.action),
            }),
        })
    }
}

impl From<&Addendum> for AddendumV1 {
    fn from(a: &Addendum) -> Self {
        AddendumV1 {
            date: a.date,
            text: a.text.clone(),
        }
    }
}

impl TryFrom<AddendumV1> for Addendum {
    type Error = String;
    fn try_from(a: AddendumV1) -> Result<Self, String> {
        Ok(Addendum {
            date: a.date,
            text: a.text,
        })
    }
}

fn kind(k: MeetingKind) -> MeetingKindV1 {
    match k {
        MeetingKind::InternalContract => MeetingKindV1::InternalContract,
        MeetingKind::SupplierStart => MeetingKindV1::SupplierStart,
        MeetingKind::Collaboration => MeetingKindV1::Collaboration,
        MeetingKind::AnnualContract => MeetingKindV1::AnnualContract,
        MeetingKind::ContractDay => MeetingKindV1::ContractDay,
    }
}

fn kind_of(k: MeetingKindV1) -> MeetingKind {
    match k {
        MeetingKindV1::InternalContract => MeetingKind::InternalContract,
        MeetingKindV1::SupplierStart => MeetingKind::SupplierStart,
        MeetingKindV1::Collaboration => MeetingKind::Collaboration,
        MeetingKindV1::AnnualContract => MeetingKind::AnnualContract,
        MeetingKindV1::ContractDay => MeetingKind::ContractDay,
    }
}

fn status(s: MeetingStatus) -> MeetingStatusV1 {
    match s {
        MeetingStatus::Planned => MeetingStatusV1::Planned,
        MeetingStatus::Held => MeetingStatusV1::Held,
        MeetingStatus::MinutesApproved => MeetingStatusV1::MinutesApproved,
    }
}

fn status_of(s: MeetingStatusV1) -> MeetingStatus {
    match s {
        MeetingStatusV1::Planned => MeetingStatus::Planned,
        MeetingStatusV1::Held => MeetingStatus::Held,
        MeetingStatusV1::MinutesApproved => MeetingStatus::MinutesApproved,
    }
}

fn lines_of(lines: Vec<u64>) -> Result<Vec<usize>, String> {
    lines
        .into_iter()
        .map(|l| usize::try_from(l).map_err(|_| format!("lesson line {l}")))
        .collect()
}

impl From<&Meeting> for MeetingV2 {
    fn from(m: &Meeting) -> Self {
        MeetingV2 {
            id: m.id.0,
            agreement: m.agreement.0,
            supplier: m.supplier.as_ref().map(digits),
            kind: kind(m.kind),
            date: m.date,
            time: m.time,
            place: m.place.clone(),
            attendees: shapes(&m.attendees),
            agenda: shapes(&m.agenda),
            minutes: m.minutes.clone(),
            decisions: m.decisions.clone(),
            status: status(m.status),
            lesson_lines: m.lesson_lines.iter().map(|&l| l as u64).collect(),
            addenda: shapes(&m.addenda),
        }
    }
}

impl TryFrom<MeetingV2> for Meeting {
    type Error = String;
    fn try_from(m: MeetingV2) -> Result<Self, String> {
        Ok(Meeting {
            id: MeetingId(m.id),
            agreement: AgreementId(m.agreement),
            supplier: org_opt(m.supplier)?,
            kind: kind_of(m.kind),
            date: m.date,
            time: m.time,
            place: m.place,
            attendees: each(m.attendees)?,
            agenda: each(m.agenda)?,
            minutes: m.minutes,
            decisions: m.decisions,
            status: status_of(m.status),
            lesson_lines: lines_of(m.lesson_lines)?,
            addenda: each(m.addenda)?,
        })
    }
}

/// A version-1 meeting reads as one without addenda (written before they existed).
impl TryFrom<MeetingV1> for Meeting {
    type Error = String;
    fn try_from(m: MeetingV1) -> Result<Self, String> {
        MeetingV2 {
            id: m.id,
            agreement: m.agreement,
            supplier: m.supplier,
            kind: m.kind,
            date: m.date,
            time: m.time,
            place: m.place,
            attendees: m.attendees,
            agenda: m.agenda,
            minutes: m.minutes,
            decisions: m.decisions,
            status: m.status,
            lesson_lines: m.lesson_lines,
            addenda: Vec::new(),
        }
        .try_into()
    }
}

impl From<&Action> for ActionV1 {
    fn from(a: &Action) -> Self {
        ActionV1 {
            id: a.id.0,
            meeting: a.meeting.0,
            agreement: a.agreement.0,
            text: a.text.clone(),
            owner: a.owner.clone(),
            side: side(a.side),
            due: a.due,
            status: match a.status {
                ActionStatus::Open => ActionStatusV1::Open,
                ActionStatus::Done => ActionStatusV1::Done,
                ActionStatus::Cancelled => ActionStatusV1::Cancelled,
            },
            created: a.created,
        }
    }
}

impl TryFrom<ActionV1> for Action {
    type Error = String;
    fn try_from(a: ActionV1) -> Result<Self, String> {
        Ok(Action {
            id: ActionId(a.id),
            meeting: MeetingId(a.meeting),
            agreement: AgreementId(a.agreement),
            text: a.text,
            owner: a.owner,
            side: side_of(a.side),
            due: a.due,
            status: match a.status {
                ActionStatusV1::Open => ActionStatus::Open,
                ActionStatusV1::Done => ActionStatus::Done,
                ActionStatusV1::Cancelled => ActionStatus::Cancelled,
            },
            created: a.created,
        })
    }
}

/// The stored bytes of `m` (current version).
pub fn encode(m: &Meeting) -> Vec<u8> {
    super::encode(m)
}

pub fn decode(bytes: &[u8]) -> Result<Meeting, StoreError> {
    super::decode(bytes, "meeting")
}
