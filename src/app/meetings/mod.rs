//! The Meetings tab's state: the followed agreement's meetings by date, and one meeting
//! opened with its attendees, agenda (open actions of earlier meetings carried to it),
//! decisions and action items.

pub(crate) mod confirm;
pub(crate) mod forms;
pub(crate) mod keys;
pub mod minutes;
pub(crate) mod undo;

pub use confirm::MeetingConfirm;
pub(in crate::app) use undo::MeetingUndo;

use std::cell::Cell;

use crate::domain::meeting::{Action, ActionStatus, Meeting, MeetingId, MeetingStatus};

/// The questions the Meetings tab asks in a picker, answered by Enter on a choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingPick {
    /// "The minutes are approved: change the status?", one status per option (None
    /// keeps the minutes approved).
    Status(MeetingId, Vec<Option<MeetingStatus>>),
    /// "The minutes are approved: write an addendum?", the second option writes.
    Addendum(MeetingId),
}

#[derive(Default)]
pub struct MeetingsState {
    /// The followed agreement's meetings, earliest first.
    pub rows: Vec<Meeting>,
    /// The agreement's action items, for counts in the list and the open meeting.
    pub actions: Vec<Action>,
    pub selected: usize,
    /// The meeting shown in detail, and the selected action item in it.
    pub open: Option<MeetingId>,
    pub action_selected: usize,
    /// The open meeting's text scrolled this many rows; the renderer keeps it within
    /// the text and records here how far it may go and a page's height.
    pub scroll: usize,
    pub scroll_max: Cell<usize>,
    pub scroll_page: Cell<usize>,
}

impl MeetingsState {
    pub fn selected_meeting(&self) -> Option<&Meeting> {
        self.rows.get(self.selected)
    }

    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.open
            .and_then(|id| self.rows.iter().find(|m| m.id == id))
    }

    pub fn actions_of(&self, id: MeetingId) -> Vec<&Action> {
        self.actions.iter().filter(|a| a.meeting == id).collect()
    }

    pub fn open_actions_of(&self, id: MeetingId) -> usize {
        self.actions
            .iter()
            .filter(|a| a.meeting == id && a.status == ActionStatus::Open)
            .count()
    }

    /// Selects the next meeting on or after `today` (where a contract manager looks first).
    pub fn select_upcoming(&mut self, today: time::Date) {
        self.selected = self
            .rows
            .iter()
            .position(|m| m.date >= today)
            .unwrap_or(self.rows.len().saturating_sub(1));
    }
}
