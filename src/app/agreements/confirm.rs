//! What the Agreements tab asks before it acts, and what its pickers choose.

use crate::app::App;
use crate::app::undo::Undo;
use crate::domain::{AgreementId, OrgNumber};
use crate::tr;

use super::undo::AgreementUndo;
use super::{Row, keys};

/// A change of the register to confirm first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementConfirm {
    Delete(AgreementId),
    /// Remove this row (a lot, a supplier, a contact, ...) of the agreement.
    DeleteRow(AgreementId, Row),
}

/// What choosing in the Agreements tab does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementPick {
    /// Add one of these suppliers to the ranking of lot `lot` of the open agreement.
    AddRanked {
        lot: usize,
        suppliers: Vec<OrgNumber>,
    },
}

impl App {
    pub(in crate::app) fn agreement_confirmed(&mut self, c: AgreementConfirm) {
        match c {
            AgreementConfirm::Delete(id) => match self.store.delete_agreement(id) {
                Ok(old) => {
                    self.undo_push(Undo::Agreement(AgreementUndo::Restore(old.clone())));
                    self.reload(None);
                    self.info(tr!(
                        self.cat,
                        "ui.status.deleted",
                        reference = old.reference
                    ));
                }
                Err(e) => self.store_failed(&e),
            },
            AgreementConfirm::DeleteRow(id, row) => {
                let Some(a) = self.agreement(id).cloned() else {
                    return;
                };
                let mut changed = a.clone();
                keys::remove_row(&mut changed, row);
                if self.save(&a, changed) {
                    self.info(tr!(self.cat, "ui.status.removed", reference = a.reference));
                    if let Some(det) = &mut self.register.detail {
                        det.selected = det.selected.saturating_sub(1);
                    }
                }
            }
        }
    }

    pub(in crate::app) fn agreement_picked(&mut self, p: AgreementPick, i: usize) {
        match p {
            AgreementPick::AddRanked { lot, suppliers } => {
                if let Some(org) = suppliers.get(i) {
                    self.add_ranked(lot, &org.clone());
                }
            }
        }
    }
}
