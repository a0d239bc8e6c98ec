//! Undo (`u`): the last changes, newest first, each taken back in one transaction. Each
//! tab names how its changes are taken back (`AgreementUndo`, `CallOffUndo`, ...) and
//! does it; this keeps the stack and what follows an undo (reload or index patch).

use super::App;
use super::agreements::AgreementUndo;
use super::calloffs::CallOffUndo;
use super::competitions::undo::ViewsUndo;
use super::deviations::DeviationUndo;
use super::meetings::MeetingUndo;
use super::sanctions::undo::SanctionUndo;
use super::spend::sample::SpendUndo;
use super::work::undo::WorkUndo;
use crate::domain::AgreementId;
use crate::store::StoreError;
use crate::tr;

/// How to take back the last change.
#[derive(Debug, Clone)]
pub(in crate::app) enum Undo {
    Agreement(AgreementUndo),
    CallOff(CallOffUndo),
    Deviation(DeviationUndo),
    Views(ViewsUndo),
    Meeting(MeetingUndo),
    Work(WorkUndo),
    Sanction(SanctionUndo),
    Spend(SpendUndo),
}

/// How many changes can be taken back.
const UNDO_DEPTH: usize = 50;

impl App {
    pub(in crate::app) fn undo_push(&mut self, u: Undo) {
        self.undo.push(u);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    pub(in crate::app) fn undo(&mut self) {
        let Some(u) = self.undo.pop() else {
            self.info(self.cat.t("ui.status.nothing_to_undo").to_string());
            return;
        };
        let (result, id, reference) = match &u {
            Undo::Agreement(a) => self.undo_agreement(a),
            Undo::CallOff(c) => without_id(self.undo_calloff(c)),
            Undo::Deviation(d) => without_id(self.undo_deviation(d)),
            Undo::Views(v) => without_id(self.undo_views(v)),
            Undo::Meeting(m) => without_id(self.undo_meeting(m)),
            Undo::Work(w) => without_id(self.undo_work(w)),
            Undo::Sanction(x) => without_id(self.undo_sanction(x)),
            Undo::Spend(s) => without_id(self.undo_spend(s)),
        };
        match result {
            Ok(()) => {
                match undone_in_index(&u) {
                    // The register is as it was: only the call-off index and the agenda.
                    Some((calloff, writes)) => {
                        self.refresh_agenda();
                        self.calloffs_after_write(calloff, writes);
                    }
                    None => {
                        self.reload(id);
                        self.load_calloffs();
                    }
                }
                self.load_work();
                self.info(tr!(self.cat, "ui.status.undone", reference = reference));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}

/// What a tab's undo did, for changes after which the register is read again with no
/// agreement to keep selected.
fn without_id(
    (result, reference): (Result<(), StoreError>, String),
) -> (Result<(), StoreError>, Option<AgreementId>, String) {
    (result, None, reference)
}

/// What undoing `u` wrote of the call-off index: the call-off (None: nothing the index
/// holds) and how many audit entries; None when it may have touched more (an agreement's
/// ranking changes every outcome), so the index is read again whole.
fn undone_in_index(u: &Undo) -> Option<(Option<&str>, u64)> {
    match u {
        Undo::CallOff(c) => Some(c.in_index()),
        Undo::Deviation(_) => Some((None, 1)),
        _ => None,
    }
}
