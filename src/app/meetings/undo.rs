//! Taking back a change of a meeting or of one of its actions.

use crate::app::App;
use crate::domain::meeting::{Action, ActionId, Meeting, MeetingId};
use crate::store::StoreError;

/// How to take back a change of a meeting or an action.
#[derive(Debug, Clone)]
pub(in crate::app) enum MeetingUndo {
    /// Set a meeting back (None: it was new, remove it).
    Revert {
        before: Option<Meeting>,
        id: MeetingId,
    },
    /// Put back a deleted meeting with its actions.
    Restore(Meeting, Vec<Action>),
    /// Remove the meetings a proposed schedule added.
    RemoveAdded(Vec<MeetingId>),
    /// Set an action back (None: it was new, remove it).
    ActionRevert {
        before: Option<Action>,
        id: ActionId,
    },
    /// Put back a deleted action.
    ActionRestore(Action),
}

impl App {
    /// Takes back `u`: the outcome and the meeting's or action's name.
    pub(in crate::app) fn undo_meeting(
        &mut self,
        u: &MeetingUndo,
    ) -> (Result<(), StoreError>, String) {
        match u {
            MeetingUndo::Revert {
                before: Some(m),
                id,
            } => (
                self.store.save_meeting(&self.with_live_text(m)),
                id.to_string(),
            ),
            MeetingUndo::Revert { before: None, id } => {
                (self.store.delete_meeting(*id).map(|_| ()), id.to_string())
            }
            MeetingUndo::Restore(m, actions) => {
                (self.store.restore_meeting(m, actions), m.id.to_string())
            }
            MeetingUndo::RemoveAdded(ids) => {
                let r = ids
                    .iter()
                    .try_for_each(|id| self.store.delete_meeting(*id).map(|_| ()));
                (r, format!("{}", ids.len()))
            }
            MeetingUndo::ActionRevert {
                before: Some(x),
                id,
            } => (self.store.save_action(x).map(|_| ()), id.to_string()),
            MeetingUndo::ActionRevert { before: None, id } => {
                (self.store.delete_action(*id).map(|_| ()), id.to_string())
            }
            MeetingUndo::ActionRestore(x) => {
                (self.store.save_action(x).map(|_| ()), x.id.to_string())
            }
        }
    }
}
