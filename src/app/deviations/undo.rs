//! Taking back a change of a deviation registered by hand.

use crate::app::App;
use crate::domain::deviation::{DeviationId, ManualDeviation};
use crate::store::StoreError;

/// How to take back a change of a manual deviation.
#[derive(Debug, Clone)]
pub(in crate::app) enum DeviationUndo {
    /// Set a deviation back (None: it was new, remove it).
    Revert {
        before: Option<ManualDeviation>,
        id: DeviationId,
    },
    /// Put back a deleted deviation.
    Restore(ManualDeviation),
}

impl App {
    /// Takes back `u`: the outcome and the deviation's number.
    pub(in crate::app) fn undo_deviation(
        &mut self,
        u: &DeviationUndo,
    ) -> (Result<(), StoreError>, String) {
        match u {
            DeviationUndo::Revert {
                before: Some(d),
                id,
            } => (self.store.save_deviation(d), format!("#{}", id.0)),
            DeviationUndo::Revert { before: None, id } => (
                self.store.delete_deviation(*id).map(|_| ()),
                format!("#{}", id.0),
            ),
            DeviationUndo::Restore(d) => (self.store.save_deviation(d), format!("#{}", d.id.0)),
        }
    }
}
