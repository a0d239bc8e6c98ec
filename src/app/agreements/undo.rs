//! Taking back a change of the register: an agreement put back, set back or removed.

use crate::app::App;
use crate::domain::{Agreement, AgreementId};
use crate::store::StoreError;

/// How to take back a change of the register.
#[derive(Debug, Clone)]
pub(in crate::app) enum AgreementUndo {
    /// Put back an agreement that was deleted.
    Restore(Agreement),
    /// Set an agreement back to how it was.
    Revert(Agreement),
    /// Remove an agreement that was created.
    Remove(AgreementId),
}

impl App {
    /// Takes back `u`: the outcome, the agreement to keep selected and its reference.
    pub(in crate::app) fn undo_agreement(
        &mut self,
        u: &AgreementUndo,
    ) -> (Result<(), StoreError>, Option<AgreementId>, String) {
        match u {
            AgreementUndo::Restore(a) => (
                self.store.restore_agreement(a),
                Some(a.id),
                a.reference.clone(),
            ),
            AgreementUndo::Revert(a) => (
                self.store.update_agreement(a),
                Some(a.id),
                a.reference.clone(),
            ),
            AgreementUndo::Remove(id) => {
                let r = self.store.delete_agreement(*id);
                let reference = r.as_ref().map(|a| a.reference.clone()).unwrap_or_default();
                (r.map(|_| ()), None, reference)
            }
        }
    }
}
