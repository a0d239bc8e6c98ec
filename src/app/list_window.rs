//! Full rows of a long list, held for a range of positions around the selection: a list
//! of a hundred thousand call-offs keeps compact entries for all and full rows for a few
//! hundred, read from the store after a key, so that drawing never reads the store. One
//! type for every such list, so that how a window covers the selection is written once.

use std::ops::Range;

/// How many rows a window reads around the selection, and how close to its edge the
/// selection may come before it is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Rows read before the selection.
    pub before: usize,
    /// Rows read from the selection on, the selection included.
    pub after: usize,
    /// Rows the window must still hold on each side of the selection (the selection
    /// included after it); fewer, and the window is read again.
    pub spare: usize,
}

impl Reach {
    /// `n` rows on each side, read again when fewer than half of them are left: a few
    /// reads per hundred moves, however the list is scrolled.
    pub const fn either_side(n: usize) -> Reach {
        Reach {
            before: n,
            after: n,
            spare: n / 2,
        }
    }
}

/// Rows for positions `start..start + rows.len()` of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListWindow<T> {
    start: usize,
    rows: Vec<T>,
}

// Not derived: a derived Default would ask `T: Default` of every row type.
impl<T> Default for ListWindow<T> {
    fn default() -> Self {
        ListWindow {
            start: 0,
            rows: Vec::new(),
        }
    }
}

impl<T> ListWindow<T> {
    /// The positions to read around `selected` (of a list of `len`), when the rows held
    /// no longer cover it with `reach.spare` to spare; None while they do.
    pub fn wanted(&self, selected: usize, len: usize, reach: Reach) -> Option<Range<usize>> {
        let sel = selected.min(len);
        let need = sel.saturating_sub(reach.spare)..(sel + reach.spare).min(len);
        let have = self.range();
        // An empty window covers only an empty need (an empty list): else it is read.
        let covered = if have.is_empty() {
            need.is_empty()
        } else {
            have.start <= need.start && need.end <= have.end
        };
        (!covered).then(|| sel.saturating_sub(reach.before)..(sel + reach.after).min(len))
    }

    /// Takes the rows read for positions from `start` on.
    pub fn set(&mut self, start: usize, rows: Vec<T>) {
        self.start = start;
        self.rows = rows;
    }

    /// Forgets the rows: the list changed, so the next `wanted` reads them again.
    pub fn clear(&mut self) {
        self.start = 0;
        self.rows.clear();
    }

    /// The row at position `pos` of the list, when the window holds it.
    pub fn get(&self, pos: usize) -> Option<&T> {
        self.rows.get(pos.checked_sub(self.start)?)
    }

    /// The positions held.
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.rows.len()
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Reach = Reach::either_side(8);

    /// A window holding positions `range` (each row its own position).
    fn held(range: Range<usize>) -> ListWindow<usize> {
        let mut w = ListWindow::default();
        w.set(range.start, range.collect());
        w
    }

    #[test]
    fn an_empty_list_wants_nothing_and_holds_nothing() {
        let w = ListWindow::<usize>::default();
        assert_eq!(w.wanted(0, 0, R), None);
        // A selection past the end of an empty list, as after everything was removed.
        assert_eq!(w.wanted(5, 0, R), None);
        assert_eq!(w.get(0), None);
        assert!(w.is_empty());
    }

    #[test]
    fn a_fresh_window_reads_around_the_selection_clipped_to_the_list() {
        let w = ListWindow::<usize>::default();
        assert_eq!(w.wanted(0, 100, R), Some(0..8));
        assert_eq!(w.wanted(50, 100, R), Some(42..58));
        assert_eq!(w.wanted(99, 100, R), Some(91..100));
    }

    #[test]
    fn a_list_shorter_than_the_window_is_read_once_whole() {
        let w = ListWindow::<usize>::default();
        assert_eq!(w.wanted(2, 5, R), Some(0..5));
        let w = held(0..5);
        for sel in 0..5 {
            assert_eq!(w.wanted(sel, 5, R), None, "selection {sel}");
        }
    }

    #[test]
    fn the_window_is_read_again_only_when_the_selection_nears_its_edge() {
        let w = held(42..58);
        // Half the reach (4) still held on each side: nothing to read.
        for sel in 46..=54 {
            assert_eq!(w.wanted(sel, 100, R), None, "selection {sel}");
        }
        assert_eq!(w.wanted(45, 100, R), Some(37..53));
        assert_eq!(w.wanted(55, 100, R), Some(47..63));
    }

    #[test]
    fn selections_at_the_ends_need_no_spare_beyond_the_list() {
        let w = held(0..8);
        assert_eq!(w.wanted(0, 100, R), None);
        assert_eq!(w.wanted(4, 100, R), None);
        assert_eq!(w.wanted(5, 100, R), Some(0..13));
        let w = held(91..100);
        assert_eq!(w.wanted(99, 100, R), None);
        assert_eq!(w.wanted(95, 100, R), None);
        assert_eq!(w.wanted(94, 100, R), Some(86..100));
    }

    #[test]
    fn rows_removed_move_the_selection_and_the_window_past_the_end() {
        // 100 rows, the window at the end; 60 removed, the selection kept on the last.
        let w = held(91..100);
        assert_eq!(w.wanted(39, 40, R), Some(31..40));
        // A selection the list no longer reaches counts as its end.
        assert_eq!(w.wanted(99, 40, R), Some(32..40));
        // A window reaching past the end still covers what is left: the lists clear
        // theirs when rebuilt, and check each row's reference when they use it.
        let w = held(0..16);
        assert_eq!(w.wanted(3, 10, R), None);
    }

    #[test]
    fn rows_are_found_by_position_and_forgotten_on_clear() {
        let mut w = held(10..13);
        assert_eq!(w.get(9), None);
        assert_eq!(w.get(10), Some(&10));
        assert_eq!(w.get(12), Some(&12));
        assert_eq!(w.get(13), None);
        assert_eq!(w.range(), 10..13);
        w.clear();
        assert_eq!((w.start(), w.len(), w.get(10)), (0, 0, None));
        assert_eq!(w.wanted(11, 20, R), Some(3..19));
    }
}
