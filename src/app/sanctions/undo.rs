//! How changes made in the Sanctions tab are stored and taken back. Every change saves a
//! whole case, so the undo of a change is the case as it was before it.

use crate::domain::sanction::{
    DamagesCase, DamagesId, LogEntry, PenaltyClaim, TerminationCase, TerminationId,
};
use crate::store::StoreError;
use crate::tr;

use crate::app::sanctions::CaseRef;
use crate::app::{App, Undo};

#[derive(Debug, Clone)]
pub(in crate::app) enum SanctionUndo {
    /// Put a claim back as it was (claims are only created by identification).
    Claim(PenaltyClaim),
    /// Set a damages case back (None: it was new, remove it).
    Damages {
        before: Option<DamagesCase>,
        id: DamagesId,
    },
    DamagesRestore(DamagesCase),
    Termination {
        before: Option<TerminationCase>,
        id: TerminationId,
    },
    TerminationRestore(TerminationCase),
}

impl App {
    pub(in crate::app) fn undo_sanction(
        &mut self,
        u: &SanctionUndo,
    ) -> (Result<(), StoreError>, String) {
        match u {
            SanctionUndo::Claim(c) => (self.store.save_claim(c), c.id.to_string()),
            SanctionUndo::Damages { before, id } => {
                let r = match before {
                    Some(c) => self.store.save_damages(c),
                    None => self.store.delete_damages(*id).map(|_| ()),
                };
                (r, id.to_string())
            }
            SanctionUndo::DamagesRestore(c) => (self.store.save_damages(c), c.id.to_string()),
            SanctionUndo::Termination { before, id } => {
                let r = match before {
                    Some(c) => self.store.save_termination(c),
                    None => self.store.delete_termination(*id).map(|_| ()),
                };
                (r, id.to_string())
            }
            SanctionUndo::TerminationRestore(c) => {
                (self.store.save_termination(c), c.id.to_string())
            }
        }
    }

    /// Stores a changed claim, remembering how to undo it.
    pub(in crate::app) fn save_claim_change(
        &mut self,
        before: &PenaltyClaim,
        after: &PenaltyClaim,
    ) -> bool {
        self.saved(
            self.store.save_claim(after),
            SanctionUndo::Claim(before.clone()),
            after.id.to_string(),
        )
    }

    pub(in crate::app) fn save_damages_change(
        &mut self,
        before: Option<&DamagesCase>,
        after: &DamagesCase,
    ) -> Result<DamagesCase, StoreError> {
        let stored = match before {
            None => self.store.insert_damages(after)?,
            Some(_) => self.store.save_damages(after).map(|_| after.clone())?,
        };
        self.saved(
            Ok(()),
            SanctionUndo::Damages {
                before: before.cloned(),
                id: stored.id,
            },
            stored.id.to_string(),
        );
        Ok(stored)
    }

    pub(in crate::app) fn save_termination_change(
        &mut self,
        before: Option<&TerminationCase>,
        after: &TerminationCase,
    ) -> Result<TerminationCase, StoreError> {
        let stored = match before {
            None => self.store.insert_termination(after)?,
            Some(_) => self.store.save_termination(after).map(|_| after.clone())?,
        };
        self.saved(
            Ok(()),
            SanctionUndo::Termination {
                before: before.cloned(),
                id: stored.id,
            },
            stored.id.to_string(),
        );
        Ok(stored)
    }

    fn saved(&mut self, r: Result<(), StoreError>, undo: SanctionUndo, shown: String) -> bool {
        match r {
            Ok(()) => {
                self.undo_push(Undo::Sanction(undo));
                self.load_sanctions();
                self.info(tr!(self.cat, "ui.status.saved", reference = shown));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    /// Changes the documentation log of `case` and stores the case; `f` returns None when
    /// there was nothing to change. Returns whether it was stored.
    pub(in crate::app) fn change_case(
        &mut self,
        case: &CaseRef,
        f: impl FnOnce(&mut Vec<LogEntry>) -> Option<()>,
    ) -> bool {
        let st = &self.sanctions;
        match case {
            CaseRef::Claim(calloff) => {
                let Some(before) = self.claim_named(calloff) else {
                    return false;
                };
                let mut after = before.clone();
                f(&mut after.log).is_some() && self.save_claim_change(&before, &after)
            }
            CaseRef::Damages(id) => {
                let Some(before) = st.damages.iter().find(|c| c.id == *id).cloned() else {
                    return false;
                };
                let mut after = before.clone();
                if f(&mut after.dialogue).is_none() {
                    return false;
                }
                let r = self.save_damages_change(Some(&before), &after);
                self.stored(r)
            }
            CaseRef::Termination(id) => {
                let Some(before) = st.terminations.iter().find(|c| c.id == *id).cloned() else {
                    return false;
                };
                let mut after = before.clone();
                if f(&mut after.log).is_none() {
                    return false;
                }
                let r = self.save_termination_change(Some(&before), &after);
                self.stored(r)
            }
        }
    }

    fn stored<T>(&mut self, r: Result<T, StoreError>) -> bool {
        match r {
            Ok(_) => true,
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    /// Changes entry `i` of the case's log (a flag) in one stored change.
    pub(in crate::app) fn change_entry(
        &mut self,
        case: CaseRef,
        i: usize,
        f: impl FnOnce(&mut LogEntry),
    ) {
        self.change_case(&case, |log| log.get_mut(i).map(f));
    }
}
