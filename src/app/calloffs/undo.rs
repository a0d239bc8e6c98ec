//! Taking back a change of a call-off or a request.

use crate::app::App;
use crate::domain::AgreementId;
use crate::domain::calloff::{CallOff, Request};
use crate::store::{StoreError, request_key};

/// How to take back a change of a call-off or a request.
#[derive(Debug, Clone)]
pub(in crate::app) enum CallOffUndo {
    /// Set a call-off back (None: it was new, remove it).
    Revert {
        before: Option<CallOff>,
        agreement: AgreementId,
        reference: String,
    },
    /// Put back a deleted call-off with its requests.
    Restore(CallOff, Vec<Request>),
    /// Set a request back (None: it was new, remove `after`).
    RequestRevert {
        before: Option<Request>,
        after: Request,
    },
    RequestRestore(Request),
}

impl CallOffUndo {
    /// The call-off whose index entry the undo changes, and how many audit entries it
    /// writes (a request moved to another key is a delete and a save).
    pub(in crate::app) fn in_index(&self) -> (Option<&str>, u64) {
        match self {
            CallOffUndo::Revert { reference, .. } => (Some(reference), 1),
            CallOffUndo::Restore(c, _) => (Some(&c.reference), 1),
            CallOffUndo::RequestRevert {
                before: Some(b),
                after,
            } if request_key(b) != request_key(after) => (Some(&after.calloff), 2),
            CallOffUndo::RequestRevert { after, .. } => (Some(&after.calloff), 1),
            CallOffUndo::RequestRestore(r) => (Some(&r.calloff), 1),
        }
    }
}

impl App {
    /// Takes back `u`: the outcome and the call-off's reference.
    pub(in crate::app) fn undo_calloff(
        &mut self,
        u: &CallOffUndo,
    ) -> (Result<(), StoreError>, String) {
        match u {
            CallOffUndo::Revert {
                before: Some(c),
                reference,
                ..
            } => (self.store.save_calloff(c), reference.clone()),
            CallOffUndo::Revert {
                before: None,
                agreement,
                reference,
            } => (
                self.store.delete_calloff(*agreement, reference).map(|_| ()),
                reference.clone(),
            ),
            CallOffUndo::Restore(c, requests) => {
                (self.store.restore_calloff(c, requests), c.reference.clone())
            }
            CallOffUndo::RequestRevert { before, after } => {
                let r = match before {
                    Some(b) if request_key(b) == request_key(after) => self.store.save_request(b),
                    Some(b) => self
                        .store
                        .delete_request(after)
                        .and_then(|_| self.store.save_request(b)),
                    None => self.store.delete_request(after),
                };
                (r, after.calloff.clone())
            }
            CallOffUndo::RequestRestore(r) => (self.store.save_request(r), r.calloff.clone()),
        }
    }
}
