//! The Deviations tab's state: the ranking deviations the rule finds among the followed
//! agreement's call-offs, and the deviations registered by hand, newest first. Ranking
//! deviations are positions in the call-offs' compact index; their full rows are read
//! only for a window around the selection (a national agreement has tens of thousands).

pub(crate) mod confirm;
pub(crate) mod forms;
pub(crate) mod keys;
pub(crate) mod undo;
pub use confirm::DeviationConfirm;
pub(in crate::app) use undo::DeviationUndo;

use std::ops::Range;

use time::{Date, OffsetDateTime};

use crate::domain::deviation::{DeviationStatus, ManualDeviation};
use crate::store::{CallOffIndex, CallOffRow};

use super::list_window::ListWindow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviationEntry {
    /// A call-off (position in the call-offs' compact index) that breaks the ranking rule.
    Ranking(u32),
    /// Boxed: the entries of a national agreement are tens of thousands of rankings.
    Manual(Box<ManualDeviation>),
}

#[derive(Default)]
pub struct DeviationsState {
    pub entries: Vec<DeviationEntry>,
    pub selected: usize,
    /// Hide closed deviations registered by hand.
    pub open_only: bool,
    /// Full rows of the ranking deviations around the selection, by position in
    /// `entries` (None for one registered by hand, or a row no longer stored), so that
    /// rendering never reads the store.
    pub rows: ListWindow<Option<CallOffRow>>,
    /// Positions in the index of the call-offs with a ranking deviation, index order.
    pub ranking: Vec<u32>,
}

/// The day of a request time kept as Unix seconds of the local time.
fn day_of(at: i64) -> Date {
    OffsetDateTime::from_unix_timestamp(at).map_or(Date::MIN, |t| t.date())
}

impl DeviationEntry {
    pub fn date(&self, index: &CallOffIndex) -> Date {
        match self {
            DeviationEntry::Ranking(i) => index
                .entries
                .get(*i as usize)
                .map_or(Date::MIN, |e| day_of(e.at)),
            DeviationEntry::Manual(d) => d.registered,
        }
    }
}

impl DeviationsState {
    /// Rebuilds the list from the compact index (`ranking` holds its deviations) and the
    /// manual deviations.
    pub fn rebuild(&mut self, index: &CallOffIndex, manual: Vec<ManualDeviation>) {
        let mut manual: Vec<ManualDeviation> = manual
            .into_iter()
            .filter(|d| !self.open_only || d.status != DeviationStatus::Closed)
            .collect();
        manual.sort_by_key(|d| std::cmp::Reverse(d.registered));
        let mut manual = manual.into_iter().peekable();
        // The index is newest first already: merge the few manual ones into it, a ranking
        // deviation before a manual one of the same day.
        // A manual deviation registered on day D comes before the ranking deviations
        // requested before D (seconds, as the index keeps them: no date per entry).
        let midnight = |d: &ManualDeviation| d.registered.midnight().assume_utc().unix_timestamp();
        let mut entries = Vec::with_capacity(self.ranking.len() + manual.len());
        for &i in &self.ranking {
            let Some(e) = index.entries.get(i as usize) else {
                continue;
            };
            while let Some(d) = manual.next_if(|d| e.at < midnight(d)) {
                entries.push(DeviationEntry::Manual(Box::new(d)));
            }
            entries.push(DeviationEntry::Ranking(i));
        }
        entries.extend(manual.map(|d| DeviationEntry::Manual(Box::new(d))));
        self.entries = entries;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
        self.rows.clear();
    }

    /// The entries whose rows should be read, when the window no longer covers the
    /// selection with half a window to spare.
    pub fn window_wanted(&self) -> Option<Range<usize>> {
        self.rows
            .wanted(self.selected, self.entries.len(), super::calloffs::REACH)
    }

    /// Index positions of the ranking deviations among `entries[range]`.
    pub fn positions(&self, range: Range<usize>) -> Vec<u32> {
        self.entries[range]
            .iter()
            .filter_map(|e| match e {
                DeviationEntry::Ranking(i) => Some(*i),
                DeviationEntry::Manual(_) => None,
            })
            .collect()
    }

    /// The full row of the ranking deviation at `pos` of `entries`, when the window
    /// holds it.
    pub fn row_at(&self, pos: usize) -> Option<&CallOffRow> {
        self.rows.get(pos)?.as_ref()
    }

    /// The full row of a ranking deviation by its position in the index, when the window
    /// holds it.
    pub fn row(&self, position: u32) -> Option<&CallOffRow> {
        self.rows
            .range()
            .find_map(|pos| match self.entries.get(pos) {
                Some(DeviationEntry::Ranking(i)) if *i == position => self.row_at(pos),
                _ => None,
            })
    }
}
