//! The Call-offs tab's state: the call-offs of the agreement being followed, filtered by
//! supplier, lot, method and outcome, and one call-off opened with its request cascade.

pub(crate) mod confirm;
pub(crate) mod filter;
pub(crate) mod forms;
pub(crate) mod index;
pub(crate) mod keys;
pub mod load;
pub(crate) mod undo;

pub use confirm::{CallOffConfirm, CallOffPick};
pub(in crate::app) use undo::CallOffUndo;

use crate::domain::calloff::{CallOffMethod, Request};
use crate::domain::{AgreementId, OrgNumber};
use crate::store::{CallOffIndex, CallOffRow, IndexEntry, lot_key};
use crate::store::{OUTCOME_COMPLIANT, OUTCOME_DEVIATION, OUTCOME_NOT_ASSESSED, supplier_key};

use self::filter::{Folded, Found, TextLists};
use super::list_window::{ListWindow, Reach};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutcomeFilter {
    #[default]
    All,
    Compliant,
    Deviation,
    NotAssessed,
}

impl OutcomeFilter {
    pub fn next(self) -> OutcomeFilter {
        match self {
            OutcomeFilter::All => OutcomeFilter::Compliant,
            OutcomeFilter::Compliant => OutcomeFilter::Deviation,
            OutcomeFilter::Deviation => OutcomeFilter::NotAssessed,
            OutcomeFilter::NotAssessed => OutcomeFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutcomeFilter::All => "ui.calloffs.outcome_all",
            OutcomeFilter::Compliant => "ui.calloffs.outcome_compliant",
            OutcomeFilter::Deviation => "ui.calloffs.outcome_deviation",
            OutcomeFilter::NotAssessed => "ui.calloffs.outcome_not_assessed",
        }
    }

    fn keeps(self, outcome: u8) -> bool {
        match self {
            OutcomeFilter::All => true,
            OutcomeFilter::Compliant => outcome == OUTCOME_COMPLIANT,
            OutcomeFilter::Deviation => outcome == OUTCOME_DEVIATION,
            OutcomeFilter::NotAssessed => outcome == OUTCOME_NOT_ASSESSED,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOffDetail {
    pub reference: String,
    pub requests: Vec<Request>,
    pub selected: usize,
}

/// Rows read either side of the selection: more than any screen shows, so a frame never
/// needs a row the window does not hold.
pub const WINDOW: usize = 128;

/// How the call-off lists (this one, the deviations', the competitions') read their
/// windows: `WINDOW` each side, again when less than half of it is left.
pub const REACH: Reach = Reach::either_side(WINDOW);

#[derive(Default)]
pub struct CallOffsState {
    /// The agreement whose call-offs are loaded.
    pub agreement: Option<AgreementId>,
    /// Every call-off of the agreement as a compact entry, newest request first.
    pub index: CallOffIndex,
    /// Positions in `index` that pass the filters, newest request first.
    pub visible: Vec<u32>,
    pub selected: usize,
    /// Full rows of positions of `visible` around the selection, read from the store so
    /// that rendering never reads the store.
    pub window: ListWindow<CallOffRow>,
    /// The row of the open call-off.
    pub detail_row: Option<CallOffRow>,
    pub supplier: Option<OrgNumber>,
    pub lot: Option<String>,
    pub method: Option<CallOffMethod>,
    pub outcome: OutcomeFilter,
    pub text: String,
    pub filtering: bool,
    pub detail: Option<CallOffDetail>,
    /// The store's last change when the index was read (see `App::ensure_calloffs`).
    pub loaded_change: Option<u64>,
    /// Every position of a freshly read index, made on the reading thread; the first
    /// unfiltered `refresh` takes it instead of counting a million.
    pub unfiltered: Option<Vec<u32>>,
    /// Lists made for the texts typed so far (see `filter`).
    text_lists: TextLists,
}

impl CallOffsState {
    /// Takes a freshly read index (newest request first, as the store keeps it).
    pub fn set_index(&mut self, index: CallOffIndex) {
        self.index = index;
        self.text_lists.clear();
        self.window.clear();
    }

    /// The reference of the call-off at `pos` in the filtered list.
    pub fn reference_at(&self, pos: usize) -> Option<&str> {
        let i = *self.visible.get(pos)? as usize;
        (i < self.index.len()).then(|| self.index.reference(i))
    }

    pub fn selected_reference(&self) -> Option<&str> {
        self.reference_at(self.selected)
    }

    /// Applies the filters over the compact index; keeps the selection on the same
    /// call-off when it is still shown.
    pub fn refresh(&mut self) {
        // The selected call-off, by its position in the index.
        let keep = self.visible.get(self.selected).copied();
        let needle = self.text.to_lowercase();
        let supplier = self.supplier.as_ref().map(|s| supplier_key(Some(s)));
        let lot = self.lot.as_deref().map(lot_key);
        let folded = Folded::new(&needle);
        let orderer_hit: Vec<bool> = if needle.is_empty() {
            Vec::new()
        } else {
            self.index
                .orderers
                .iter()
                .map(|o| folded.found_in(o))
                .collect()
        };
        let entries = &self.index.entries;
        let index = &self.index;
        let others_set = supplier.is_some()
            || lot.is_some()
            || self.method.is_some()
            || self.outcome != OutcomeFilter::All;
        // A text alone reads only the texts of each call-off, not its whole entry.
        let keeps = |p: u32| {
            let i = p as usize;
            (!others_set || {
                let e = &entries[i];
                supplier.is_none_or(|s| e.supplier == s)
                    && lot.is_none_or(|l| e.lot == l)
                    && self.method.is_none_or(|m| e.method() == m)
                    && self.outcome.keeps(e.outcome)
            }) && (needle.is_empty()
                || orderer_hit[index.orderer(i) as usize]
                || match index.ascii_reference_onward(i) {
                    Some((onward, len)) => folded.found_in_ascii(onward, len),
                    None => folded.found_in(index.reference(i)),
                })
        };
        let n = self.index.len() as u32;
        // Every call-off (what the tab opens on): no need to look at a million entries.
        let prepared = self.unfiltered.take().filter(|v| v.len() == n as usize);
        let others = (supplier, lot, self.method, self.outcome);
        let visible: Vec<u32> = if !others_set && needle.is_empty() {
            prepared.unwrap_or_else(|| (0..n).collect())
        } else if needle.is_empty() {
            filter::pass(n, None, keeps)
        } else {
            let found = match self.text_lists.lookup(others, &needle) {
                Some(Found::Exact(list)) => list.positions(),
                Some(Found::Within(within)) => filter::pass(n, Some(within), keeps),
                None => filter::pass(n, None, keeps),
            };
            self.text_lists.keep(&needle, n, &found);
            found
        };
        self.visible = visible;
        self.window.clear();
        // Lists hold positions in the index's order: found by halving, not by reading
        // a million references.
        if let Some(pos) = keep.and_then(|q| self.visible.binary_search(&q).ok()) {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The positions of `visible` whose rows should be read, when the window no longer
    /// covers the selection with half a window to spare.
    pub fn window_wanted(&self) -> Option<std::ops::Range<usize>> {
        self.window.wanted(self.selected, self.visible.len(), REACH)
    }

    /// The full row at `pos` of the filtered list, when the window holds it.
    pub fn visible_row(&self, pos: usize) -> Option<&CallOffRow> {
        let row = self.window.get(pos)?;
        (Some(row.calloff.reference.as_str()) == self.reference_at(pos)).then_some(row)
    }

    pub fn selected_row(&self) -> Option<&CallOffRow> {
        self.visible_row(self.selected)
    }

    /// A row read already (open or on screen), by reference.
    pub fn row(&self, reference: &str) -> Option<&CallOffRow> {
        let is = |r: &&CallOffRow| r.calloff.reference == reference;
        self.detail_row
            .iter()
            .find(is)
            .or_else(|| self.window.rows().iter().find(is))
    }

    /// Positions in `index` of the call-offs that `keep` picks.
    pub fn positions(&self, keep: impl Fn(&IndexEntry) -> bool) -> Vec<usize> {
        (0..self.index.len())
            .filter(|&i| keep(&self.index.entries[i]))
            .collect()
    }

    pub fn filtered(&self) -> bool {
        self.supplier.is_some()
            || self.lot.is_some()
            || self.method.is_some()
            || self.outcome != OutcomeFilter::All
            || !self.text.is_empty()
    }
}
