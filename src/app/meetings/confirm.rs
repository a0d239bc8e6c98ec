//! What the Meetings tab asks before it acts.

use crate::app::App;
use crate::domain::OrgNumber;
use crate::domain::meeting::{ActionId, MeetingId, ProposedMeeting};

/// A change in the Meetings tab to confirm first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingConfirm {
    Delete(MeetingId),
    DeleteAction(ActionId),
    /// Add these proposed meetings (with this supplier) to the followed agreement.
    AddSchedule(Vec<ProposedMeeting>, Option<OrgNumber>),
}

impl App {
    pub(in crate::app) fn meeting_confirmed(&mut self, c: MeetingConfirm) {
        match c {
            MeetingConfirm::Delete(id) => self.delete_meeting(id),
            MeetingConfirm::DeleteAction(id) => self.delete_meeting_action(id),
            MeetingConfirm::AddSchedule(proposed, supplier) => {
                self.add_schedule(proposed, supplier)
            }
        }
    }
}
