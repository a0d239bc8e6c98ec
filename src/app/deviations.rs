//! The Deviations tab's state: the ranking deviations the rule finds among the followed
//! agreement's call-offs, and the deviations registered by hand, newest first.

use time::Date;

use crate::domain::deviation::{DeviationStatus, ManualDeviation};
use crate::store::CallOffRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviationEntry {
    /// A call-off (index into the call-offs tab's rows) that breaks the ranking rule.
    Ranking(usize),
    Manual(ManualDeviation),
}

#[derive(Default)]
pub struct DeviationsState {
    pub entries: Vec<DeviationEntry>,
    pub selected: usize,
    /// Hide closed deviations registered by hand.
    pub open_only: bool,
}

impl DeviationEntry {
    pub fn date(&self, rows: &[CallOffRow]) -> Date {
        match self {
            DeviationEntry::Ranking(i) => rows
                .get(*i)
                .map(|r| r.calloff.requested_at.date())
                .unwrap_or(Date::MIN),
            DeviationEntry::Manual(d) => d.registered,
        }
    }
}

impl DeviationsState {
    /// Rebuilds the list from the call-off rows and the manual deviations.
    pub fn rebuild(&mut self, rows: &[CallOffRow], manual: Vec<ManualDeviation>) {
        let mut entries: Vec<DeviationEntry> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.outcome.is_deviation())
            .map(|(i, _)| DeviationEntry::Ranking(i))
            .chain(
                manual
                    .into_iter()
                    .filter(|d| !self.open_only || d.status != DeviationStatus::Closed)
                    .map(DeviationEntry::Manual),
            )
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.date(rows)));
        self.entries = entries;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }
}
