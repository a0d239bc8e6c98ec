//! The Sanctions tab's penalty claims, read a window at a time: a large agreement has a
//! claim for every late call-off (over a hundred thousand at national scale), and the
//! list shows seven. The tab holds the claims around the selection and the selected
//! line's number; the list's length comes from the counts kept on write, a move steps
//! from the selected claim's reference through the store's range by reference, and the
//! §4 arithmetic is computed only for the call-offs of the claims held.

use crate::domain::Agreement;
use crate::domain::sanction::{PenaltyClaim, proposals};
use crate::store::{ClaimStep, StoreError};

use crate::app::App;

/// Claims held on each side of the selected one: more than the list ever shows (at most
/// seven lines, the selection kept in the middle), so any height is drawn from the window.
pub const MARGIN: usize = 8;
// Unlike the call-off lists, the claims are read by reference around the selected one
// (its line is only known by counting), and again on every move, which also brings the
// arithmetic of their call-offs: the rows are held in a `ListWindow`, but when to read is
// decided here rather than by `ListWindow::wanted`.

impl App {
    /// Reads the followed agreement's claim count and the window around the selection
    /// again, finding the selected line's number anew only when claims were added or
    /// removed since it was counted.
    pub(in crate::app) fn read_claims(&mut self, a: &Agreement) -> Result<(), StoreError> {
        let count = self.store.claim_count(a.id)?;
        let n = count.count as usize;
        let st = &mut self.sanctions;
        st.claim_count = n;
        if n == 0 {
            st.claims.clear();
            st.proposals.clear();
            st.anchor = None;
            st.selected[0] = 0;
            st.generation = Some(count.generation);
            return Ok(());
        }
        let same = st.generation == Some(count.generation);
        let (anchor, line) = match st.anchor.clone() {
            // Nothing added or removed: the selected claim is where it was.
            Some(r) if same => (r, st.selected[0].min(n - 1)),
            Some(r) => {
                // The selected claim, or the next one when it has gone, or the last.
                let found = self
                    .store
                    .claim_reference(a.id, ClaimStep::Forward(&r, 0))?;
                let found = match found {
                    Some(f) => f,
                    None => self.last_claim(a)?,
                };
                let line = self.store.claim_rank(a.id, &found)?;
                (found, line)
            }
            None => {
                let line = st.selected[0].min(n - 1);
                let r = self
                    .store
                    .claim_reference(a.id, ClaimStep::FromFirst(line))?
                    .unwrap_or_default();
                (r, line)
            }
        };
        let st = &mut self.sanctions;
        st.anchor = Some(anchor);
        st.selected[0] = line;
        st.generation = Some(count.generation);
        self.read_window(a)
    }

    fn last_claim(&self, a: &Agreement) -> Result<String, StoreError> {
        Ok(self
            .store
            .claim_reference(a.id, ClaimStep::FromLast(0))?
            .unwrap_or_default())
    }

    /// The claims around the selected one, and the arithmetic of their call-offs.
    fn read_window(&mut self, a: &Agreement) -> Result<(), StoreError> {
        let Some(anchor) = self.sanctions.anchor.clone() else {
            return Ok(());
        };
        let line = self.sanctions.selected[0];
        let (claims, before) = self
            .store
            .claims_around(a.id, &anchor, MARGIN, MARGIN + 1)?;
        let rows = self
            .store
            .calloff_rows_named(a.id, claims.iter().map(|c| c.calloff.as_str()))?;
        // Fewer claims before the selected one than its line number says only at the top;
        // anything else (a claim gone unseen) has the line counted again.
        let line = if before == line.min(MARGIN) {
            line
        } else {
            self.store.claim_rank(a.id, &anchor)?
        };
        let st = &mut self.sanctions;
        st.proposals = proposals(a, rows.iter().map(|r| &r.calloff), self.today);
        let first = line - before;
        // Past the last claim: the last one is selected.
        let at = if before == claims.len() {
            before.saturating_sub(1)
        } else {
            before
        };
        st.selected[0] = first + at;
        st.anchor = claims.get(at).map(|c| c.calloff.clone());
        st.claims.set(first, claims);
        Ok(())
    }

    /// Selects line `to` of the penalty list: a step through the store from the selected
    /// claim (or from either end, when nearer), then the window around it.
    pub(in crate::app) fn move_claim(&mut self, to: usize) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let st = &self.sanctions;
        let from = st.selected[0];
        let n = st.claim_count;
        if to == from || n == 0 {
            return;
        }
        let to = to.min(n - 1);
        let found = match (st.claim_at(to), st.anchor.as_deref()) {
            (Some(c), _) => Ok(Some(c.calloff.clone())),
            (None, anchor) => {
                let ahead = to.abs_diff(from);
                let step = match anchor {
                    Some(r) if ahead <= to && ahead <= n - 1 - to => {
                        if to > from {
                            ClaimStep::Forward(r, ahead)
                        } else {
                            ClaimStep::Back(r, ahead)
                        }
                    }
                    _ if to <= n - 1 - to => ClaimStep::FromFirst(to),
                    _ => ClaimStep::FromLast(n - 1 - to),
                };
                self.store.claim_reference(a.id, step)
            }
        };
        let r = found.and_then(|r| {
            let st = &mut self.sanctions;
            st.anchor = r;
            st.selected[0] = to;
            self.read_window(&a)
        });
        if let Err(e) = r {
            self.store_failed(&e);
        }
    }

    /// A claim of the followed agreement by its call-off: from the window when it is
    /// there, else from the store.
    pub(in crate::app) fn claim_named(&self, calloff: &str) -> Option<PenaltyClaim> {
        if let Some(c) = self
            .sanctions
            .claims
            .rows()
            .iter()
            .find(|c| c.calloff == calloff)
        {
            return Some(c.clone());
        }
        let a = self.sanctions.agreement?;
        self.store.penalty_claim(a, calloff).ok().flatten()
    }
}
