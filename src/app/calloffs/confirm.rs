//! What the Call-offs tab asks before it acts, and what its pickers choose.

use crate::app::App;
use crate::domain::calloff::Request;
use crate::domain::{AgreementId, OrgNumber};

/// A deletion in the Call-offs tab to confirm first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOffConfirm {
    /// Call-off `reference` of the agreement.
    Delete(AgreementId, String),
    DeleteRequest(Request),
}

/// What choosing in the Call-offs tab does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOffPick {
    /// Show call-offs of this supplier only (None: all).
    Supplier(Vec<Option<OrgNumber>>),
    /// Show call-offs of this lot only (None: all).
    Lot(Vec<Option<String>>),
}

impl App {
    pub(in crate::app) fn calloff_confirmed(&mut self, c: CallOffConfirm) {
        match c {
            CallOffConfirm::Delete(agreement, reference) => {
                self.delete_calloff(agreement, &reference)
            }
            CallOffConfirm::DeleteRequest(r) => self.delete_request(r),
        }
    }

    pub(in crate::app) fn calloff_picked(&mut self, p: CallOffPick, i: usize) {
        match p {
            CallOffPick::Supplier(values) => {
                self.calloffs.supplier = values.get(i).cloned().flatten();
            }
            CallOffPick::Lot(values) => {
                self.calloffs.lot = values.get(i).cloned().flatten();
            }
        }
        self.calloffs.refresh();
    }
}
