//! How changes made in the Actions, Implementation and Follow-up plan tabs are undone.

use crate::domain::AgreementId;
use crate::domain::checklist::Checklist;
use crate::domain::deviation::DeviationId;
use crate::domain::followup::{Check, CheckId, Requirement, RequirementId};
use crate::domain::meeting::{Action, Meeting};
use crate::store::StoreError;

use crate::app::App;

#[derive(Debug, Clone)]
pub(in crate::app) enum WorkUndo {
    /// Put an action back as it was (after an edit, or after it was deleted).
    Action(Action),
    /// Set the agreement's checklist back (None: it had none, remove it).
    Checklist {
        agreement: AgreementId,
        before: Option<Checklist>,
    },
    /// Set a requirement back (None: it was new, remove it with its checks).
    Requirement {
        before: Option<Requirement>,
        id: RequirementId,
    },
    RequirementRestore(Requirement, Vec<Check>),
    /// Set a check back (None: it was new, remove it); also puts a deleted one back.
    Check {
        before: Option<Check>,
        id: CheckId,
    },
    /// Take back what followed a shortfall: the check as it was, and the deviation opened
    /// or the meeting as it was before the point was added.
    FollowedUp {
        check: Check,
        deviation: Option<DeviationId>,
        /// Boxed: a meeting is many times the size of the other variants.
        meeting: Option<Box<Meeting>>,
    },
}

impl App {
    /// Takes back a change made in these tabs; returns the store's answer and what the
    /// status line names.
    pub(in crate::app) fn undo_work(&mut self, u: &WorkUndo) -> (Result<(), StoreError>, String) {
        match u {
            WorkUndo::Action(a) => (self.store.save_action(a).map(|_| ()), a.id.to_string()),
            WorkUndo::Checklist { agreement, before } => {
                let r = match before {
                    Some(c) => self.store.save_checklist(c),
                    None => self.store.delete_checklist(*agreement).map(|_| ()),
                };
                (r, self.cat.t("ui.tab.checklist").to_string())
            }
            WorkUndo::Requirement { before, id } => {
                let r = match before {
                    Some(r) => self.store.save_requirement(r),
                    None => self.store.delete_requirement(*id).map(|_| ()),
                };
                (r, id.to_string())
            }
            WorkUndo::RequirementRestore(r, checks) => {
                let mut result = self.store.save_requirement(r);
                for c in checks {
                    result = result.and_then(|_| self.store.save_check(c));
                }
                (result, r.id.to_string())
            }
            WorkUndo::Check { before, id } => {
                let r = match before {
                    Some(c) => self.store.save_check(c),
                    None => self.store.delete_check(*id).map(|_| ()),
                };
                (r, id.to_string())
            }
            WorkUndo::FollowedUp {
                check,
                deviation,
                meeting,
            } => {
                let mut r = self.store.save_check(check);
                if let Some(d) = deviation {
                    r = r.and_then(|_| self.store.delete_deviation(*d).map(|_| ()));
                }
                if let Some(m) = meeting {
                    // The minutes typed since the point was added stay.
                    let m = self.with_live_text(m);
                    r = r.and_then(|_| self.store.save_meeting(&m));
                }
                (r, check.id.to_string())
            }
        }
    }
}
