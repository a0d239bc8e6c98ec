//! Meetings with the suppliers and inside the buyer's organisation, and the action lists
//! that come out of them (DESIGN §1.3): the types, the proposed schedule, open actions
//! carried to the next agenda, and the minutes as Markdown for the supplier.

mod carry;
mod lines;
mod minutes;
mod schedule;

use std::fmt;
use std::str::FromStr;

use time::{Date, Time};

use super::agreement::AgreementId;
use super::orgnr::OrgNumber;

pub use carry::{add_carried, carry_over, earlier_meetings};
pub use lines::{follow, follow_lines};
pub use minutes::{MinutesLabels, agenda_label, captured_text, minutes_markdown};
pub use schedule::{FirstYearInterval, ProposedMeeting, propose_schedule};

/// Store-assigned identity of a meeting; 0 means "not stored yet". Shown as `M-0007`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MeetingId(pub u64);

/// Store-assigned identity of an action item; 0 means "not stored yet". Shown as `A-0012`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ActionId(pub u64);

/// Why a printed id could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdParseError;

impl fmt::Display for IdParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an id")
    }
}

impl std::error::Error for IdParseError {}

/// Reads `P-0007`, `p-7`, `P7` or plain `7` (what a user types at the command line after
/// seeing `P-0007`); zero and anything else is refused.
pub(crate) fn parse_prefixed(s: &str, prefix: char) -> Result<u64, IdParseError> {
    let s = s.trim();
    let rest = match s.chars().next() {
        Some(c) if c.eq_ignore_ascii_case(&prefix) => {
            let rest = &s[c.len_utf8()..];
            rest.strip_prefix('-').unwrap_or(rest)
        }
        _ => s,
    };
    // `u64::from_str` accepts a leading `+`, which no printed id has.
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdParseError);
    }
    match rest.parse::<u64>() {
        Ok(0) | Err(_) => Err(IdParseError),
        Ok(n) => Ok(n),
    }
}

macro_rules! printable_id {
    ($t:ty, $prefix:literal) => {
        impl fmt::Display for $t {
            /// Four digits at least, so ids line up in lists and sort as text while few.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{:04}", $prefix, self.0)
            }
        }

        impl FromStr for $t {
            type Err = IdParseError;
            fn from_str(s: &str) -> Result<Self, IdParseError> {
                parse_prefixed(s, $prefix).map(Self)
            }
        }
    };
}

pub(crate) use printable_id;

printable_id!(MeetingId, 'M');
printable_id!(ActionId, 'A');

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    /// Internt avtalsmöte: the buyer's side with the orderers.
    InternalContract,
    /// Uppstartsmöte: the first meeting with a supplier.
    SupplierStart,
    /// Samverkansmöte: the regular meeting, more often in the first year.
    Collaboration,
    /// Årligt avtalsmöte: the yearly review with a supplier.
    AnnualContract,
    /// Avtalsdag: orderers meet the suppliers.
    ContractDay,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::InternalContract,
        MeetingKind::SupplierStart,
        MeetingKind::Collaboration,
        MeetingKind::AnnualContract,
        MeetingKind::ContractDay,
    ];

    /// The name used in files, reports and catalogue keys.
    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::InternalContract => "internal_contract",
            MeetingKind::SupplierStart => "supplier_start",
            MeetingKind::Collaboration => "collaboration",
            MeetingKind::AnnualContract => "annual_contract",
            MeetingKind::ContractDay => "contract_day",
        }
    }

    pub fn from_key(s: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingStatus {
    Planned,
    Held,
    /// The minutes are approved (justerat) and may be sent.
    MinutesApproved,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 3] = [
        MeetingStatus::Planned,
        MeetingStatus::Held,
        MeetingStatus::MinutesApproved,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::Held => "held",
            MeetingStatus::MinutesApproved => "minutes_approved",
        }
    }

    pub fn from_key(s: &str) -> Option<MeetingStatus> {
        MeetingStatus::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// Why a meeting's status was not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRefusal {
    /// The meeting's date is still ahead.
    NotYetHeld,
}

/// Which party a person (or an action) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Buyer,
    Supplier,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Buyer, Side::Supplier];

    pub fn key(self) -> &'static str {
        match self {
            Side::Buyer => "buyer",
            Side::Supplier => "supplier",
        }
    }

    pub fn from_key(s: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub name: String,
    pub side: Side,
    /// E.g. "avtalsförvaltare", "kundansvarig".
    pub role: String,
}

/// Where a carried-over agenda point came from: the open action and the meeting (with its
/// date, so the agenda can say "from M-0003, 2026-02-10" without looking it up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarriedFrom {
    pub meeting: MeetingId,
    pub date: Date,
    pub action: ActionId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaPoint {
    pub text: String,
    /// Set for an open action of an earlier meeting carried to this agenda.
    pub carried_from: Option<CarriedFrom>,
}

impl AgendaPoint {
    pub fn new(text: &str) -> AgendaPoint {
        AgendaPoint {
            text: text.to_string(),
            carried_from: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub agreement: AgreementId,
    /// The supplier met; None for internal meetings and those with every supplier.
    pub supplier: Option<OrgNumber>,
    pub kind: MeetingKind,
    pub date: Date,
    pub time: Option<Time>,
    pub place: String,
    pub attendees: Vec<Attendee>,
    pub agenda: Vec<AgendaPoint>,
    /// The minutes as typed, line by line.
    pub minutes: String,
    pub decisions: Vec<String>,
    pub status: MeetingStatus,
    /// Zero-based indices of the minutes' lines marked as a lesson for the next agreement
    /// (DESIGN §1.9). Kept sorted and unique by [`Meeting::toggle_lesson`].
    pub lesson_lines: Vec<usize>,
    /// What was written after the minutes were approved, oldest first: the approved text
    /// itself never changes (GLOSSARY: justerat protokoll).
    pub addenda: Vec<Addendum>,
}

/// Tillägg efter justering: text added to approved minutes, dated, kept apart from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addendum {
    pub date: Date,
    pub text: String,
}

impl Meeting {
    /// A planned meeting with nothing recorded yet.
    pub fn new(agreement: AgreementId, kind: MeetingKind, date: Date) -> Meeting {
        Meeting {
            id: MeetingId::default(),
            agreement,
            supplier: None,
            kind,
            date,
            time: None,
            place: String::new(),
            attendees: Vec::new(),
            agenda: Vec::new(),
            minutes: String::new(),
            decisions: Vec::new(),
            status: MeetingStatus::Planned,
            lesson_lines: Vec::new(),
            addenda: Vec::new(),
        }
    }

    /// Marks or unmarks a line of the minutes as a lesson; true when it is now marked.
    pub fn toggle_lesson(&mut self, line: usize) -> bool {
        match self.lesson_lines.binary_search(&line) {
            Ok(i) => {
                self.lesson_lines.remove(i);
                false
            }
            Err(i) => {
                self.lesson_lines.insert(i, line);
                true
            }
        }
    }

    /// Whether the minutes are approved and so may only grow by addenda.
    pub fn is_approved(&self) -> bool {
        self.status == MeetingStatus::MinutesApproved
    }

    /// Why `status` cannot be set on this meeting `today`, if it cannot: a meeting is not
    /// held (nor its minutes approved) before its date.
    pub fn status_refused(&self, status: MeetingStatus, today: Date) -> Option<StatusRefusal> {
        (status != MeetingStatus::Planned && self.date > today).then_some(StatusRefusal::NotYetHeld)
    }

    /// The marked lines' text, in order. Marks past the end (the text was shortened
    /// afterwards) are skipped rather than trusted.
    pub fn lessons(&self) -> Vec<&str> {
        let lines: Vec<&str> = self.minutes.lines().collect();
        self.lesson_lines
            .iter()
            .filter_map(|&i| lines.get(i).copied())
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionStatus {
    Open,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_key(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// Åtgärd: who does what by when, decided at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    pub meeting: MeetingId,
    /// The meeting's agreement (the store keeps the two in step).
    pub agreement: AgreementId,
    pub text: String,
    pub owner: String,
    pub side: Side,
    pub due: Option<Date>,
    pub status: ActionStatus,
    /// The day it was noted.
    pub created: Date,
}

impl Action {
    /// Open and past its due date.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|d| d < today)
    }
}

#[cfg(test)]
mod tests;
