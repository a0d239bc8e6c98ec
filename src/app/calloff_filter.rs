//! Filtering a national agreement's call-offs on every key typed (issue 7: a key to the
//! next frame in under 16 ms at a million call-offs). The text is searched with a plain
//! loop, a pass over every call-off is split over two threads, and the lists made for
//! the texts typed so far are kept: typing on narrows the last list instead of looking
//! at every call-off again, and Backspace finds the list it had.

use crate::domain::calloff::CallOffMethod;

use super::calloffs::OutcomeFilter;

/// Below this many candidates a pass runs on one thread.
const SPLIT_FROM: usize = 50_000;
/// How many positions the kept lists may hold together (4 bytes each).
const KEEP_POSITIONS: usize = 2_000_000;

/// The filters other than the text: kept lists hold only while these stay.
pub type Others = (
    Option<u64>,
    Option<u64>,
    Option<CallOffMethod>,
    OutcomeFilter,
);

/// Lists of positions already filtered by a text, oldest first.
#[derive(Debug, Default)]
pub struct TextLists {
    made_under: Option<Others>,
    lists: Vec<(String, Vec<u32>)>,
}

impl TextLists {
    /// Forgets every list (the index changed).
    pub fn clear(&mut self) {
        self.lists.clear();
    }

    /// The list kept for `needle`, or else the shortest kept list whose text `needle`
    /// contains (a call-off that holds `needle` holds that text too), under `others`.
    pub fn lookup(&mut self, others: Others, needle: &str) -> Option<(bool, &[u32])> {
        if self.made_under != Some(others) {
            self.lists.clear();
            self.made_under = Some(others);
        }
        if let Some((_, list)) = self.lists.iter().find(|(t, _)| t == needle) {
            return Some((true, list));
        }
        self.lists
            .iter()
            .filter(|(t, _)| needle.contains(t.as_str()))
            .min_by_key(|(_, list)| list.len())
            .map(|(_, list)| (false, list.as_slice()))
    }

    /// Keeps `list` for `needle`, dropping the oldest lists beyond the room kept.
    pub fn keep(&mut self, needle: &str, list: &[u32]) {
        if self.lists.iter().any(|(t, _)| t == needle) {
            return;
        }
        self.lists.push((needle.to_string(), list.to_vec()));
        while self.lists.len() > 1
            && self.lists.iter().map(|(_, l)| l.len()).sum::<usize>() > KEEP_POSITIONS
        {
            self.lists.remove(0);
        }
    }
}

/// The positions among `0..n` (or among `within`) that `keeps`, in order; two threads
/// share a long pass.
pub fn pass(n: u32, within: Option<&[u32]>, keeps: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
    let len = within.map_or(n as usize, <[u32]>::len);
    let at = |k: usize| within.map_or(k as u32, |w| w[k]);
    let run =
        |from: usize, to: usize| -> Vec<u32> { (from..to).map(at).filter(|&p| keeps(p)).collect() };
    if len < SPLIT_FROM {
        return run(0, len);
    }
    let mid = len / 2;
    std::thread::scope(|s| {
        let later = s.spawn(|| run(mid, len));
        let mut first = run(0, mid);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        first.extend(later);
        first
    })
}

/// Case-insensitive `contains` of one lower-case needle, as `to_lowercase` would find
/// it, prepared once for a pass over a million references.
pub struct Folded<'n> {
    needle: &'n str,
    ascii: bool,
}

impl<'n> Folded<'n> {
    pub fn new(needle: &'n str) -> Folded<'n> {
        Folded {
            needle,
            ascii: needle.is_ascii(),
        }
    }

    pub fn found_in(&self, hay: &str) -> bool {
        if self.ascii && hay.is_ascii() {
            ascii_folded(hay.as_bytes(), self.needle.as_bytes())
        } else {
            hay.to_lowercase().contains(self.needle)
        }
    }

    /// As [`Folded::found_in`] for text known to be ASCII.
    pub fn found_in_ascii(&self, hay: &[u8]) -> bool {
        if self.ascii {
            ascii_folded(hay, self.needle.as_bytes())
        } else {
            // Lower-casing ASCII gives ASCII, which holds no other character.
            false
        }
    }
}

/// Whether ASCII `hay` holds lower-case ASCII `needle`, ignoring case. A plain loop:
/// references are short, and calling out to a searcher or comparing through
/// `eq_ignore_ascii_case` cost twice as much (measured over a million references).
fn ascii_folded(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    let upper = first.to_ascii_uppercase();
    let mut i = 0;
    while i <= last {
        let c = hay[i];
        if (c == first || c == upper)
            && hay[i + 1..i + needle.len()]
                .iter()
                .zip(rest)
                .all(|(h, n)| h.to_ascii_lowercase() == *n)
        {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_text_filter_ignores_case_in_references_and_names() {
        let f = |needle: &str, hay: &str| Folded::new(needle).found_in(hay);
        assert!(f("av-2025-09", "AV-2025-0999"));
        assert!(f("0999", "AV-2025-0999"));
        assert!(!f("0998", "AV-2025-0999"));
        assert!(f("öst", "Projektpartner ÖST AB"));
        assert!(f("", "x"));
        assert!(!f("long needle", "short"));
    }

    #[test]
    fn a_pass_on_two_threads_keeps_the_order_of_one() {
        let keeps = |p: u32| p % 7 == 3 || p % 11 == 0;
        let n = 3 * SPLIT_FROM as u32 + 5;
        let one: Vec<u32> = (0..n).filter(|&p| keeps(p)).collect();
        assert_eq!(pass(n, None, keeps), one);
        let within: Vec<u32> = (0..n).filter(|p| p % 2 == 1).collect();
        let one: Vec<u32> = within.iter().copied().filter(|&p| keeps(p)).collect();
        assert_eq!(pass(n, Some(&within), keeps), one);
    }

    #[test]
    fn kept_lists_answer_their_text_and_narrow_longer_ones() {
        let others: Others = (None, None, None, OutcomeFilter::All);
        let mut lists = TextLists::default();
        assert_eq!(lists.lookup(others, "09"), None);
        lists.keep("0", &[1, 2, 3, 4]);
        lists.keep("09", &[2, 3]);
        assert_eq!(lists.lookup(others, "09"), Some((true, &[2, 3][..])));
        assert_eq!(lists.lookup(others, "099"), Some((false, &[2, 3][..])));
        assert_eq!(lists.lookup(others, "x0"), Some((false, &[1, 2, 3, 4][..])));
        assert_eq!(lists.lookup(others, "1"), None);
        // Another filter beside the text: nothing kept holds.
        let compliant: Others = (None, None, None, OutcomeFilter::Compliant);
        assert_eq!(lists.lookup(compliant, "09"), None);
        assert_eq!(lists.lookup(others, "09"), None);
    }

    proptest! {
        /// The same as lower-casing the text and looking for the (lower-case) needle.
        #[test]
        fn found_as_lower_casing_finds(hay in "[a-zA-Z0-9 ÖöÅåİK-]{0,20}", needle in "[a-zA-Z0-9 öåÖ-]{0,4}") {
            let needle = needle.to_lowercase();
            prop_assert_eq!(Folded::new(&needle).found_in(&hay), hay.to_lowercase().contains(&needle));
        }
    }
}
