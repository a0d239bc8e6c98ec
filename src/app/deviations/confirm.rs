//! What the Deviations tab asks before it acts.

use crate::app::App;
use crate::domain::deviation::DeviationId;

/// A deletion in the Deviations tab to confirm first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviationConfirm {
    /// Remove a deviation registered by hand.
    Delete(DeviationId),
}

impl App {
    pub(in crate::app) fn deviation_confirmed(&mut self, c: DeviationConfirm) {
        match c {
            DeviationConfirm::Delete(id) => self.delete_deviation(id),
        }
    }
}
