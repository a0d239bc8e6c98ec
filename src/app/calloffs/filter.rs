//! Filtering a national agreement's call-offs on every key typed (issue 7: a key to the
//! next frame in under 16 ms at a million call-offs). A text is compared eight bytes at
//! a time against references read from a column of their own, a pass over many
//! call-offs is split over two threads, and the lists made for the texts typed so far
//! are kept as bit sets: typing on narrows the last list instead of looking at every
//! call-off again, and Backspace finds the list it had.

use crate::domain::calloff::CallOffMethod;

use crate::app::calloffs::OutcomeFilter;

/// Below this many candidates a pass runs on one thread.
const SPLIT_FROM: usize = 50_000;
/// How many bytes the kept lists may take together: at a million call-offs a list is
/// 125 kB, so the last 32 texts typed are kept.
const KEEP_BYTES: usize = 4 << 20;
/// At most this many lists, however few the call-offs.
const KEEP_LISTS: usize = 64;

/// The filters other than the text: kept lists hold only while these stay.
pub type Others = (
    Option<u64>,
    Option<u64>,
    Option<CallOffMethod>,
    OutcomeFilter,
);

/// A set of positions among `0..n`, one bit each: a kept list takes n / 8 bytes however
/// many call-offs it holds, so typing a text that holds nearly every call-off keeps
/// its list as cheaply as one that holds a few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    words: Vec<u64>,
    count: usize,
}

impl Kept {
    pub fn new(n: u32, positions: &[u32]) -> Kept {
        let mut words = vec![0u64; (n as usize).div_ceil(64)];
        // Positions come in order: a word is gathered and then written once.
        let mut at = usize::MAX;
        let mut word = 0u64;
        for &p in positions {
            let w = p as usize / 64;
            if w != at {
                if let Some(slot) = words.get_mut(at) {
                    *slot |= word;
                }
                at = w;
                word = 0;
            }
            word |= 1 << (p % 64);
        }
        if let Some(slot) = words.get_mut(at) {
            *slot |= word;
        }
        Kept {
            words,
            count: positions.len(),
        }
    }

    /// How many positions it holds.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The positions held, in order.
    pub fn positions(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.count);
        self.push_from(0..self.words.len(), |p| {
            out.push(p);
        });
        out
    }

    /// Calls `each` with every position held in the words `range`, in order.
    fn push_from(&self, range: std::ops::Range<usize>, mut each: impl FnMut(u32)) {
        for w in range {
            let mut bits = self.words[w];
            while bits != 0 {
                each((w * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
    }

    /// How many positions the words `range` hold.
    fn count_in(&self, range: std::ops::Range<usize>) -> usize {
        self.words[range]
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum()
    }
}

/// Lists of positions already filtered by a text, oldest first.
#[derive(Debug, Default)]
pub struct TextLists {
    made_under: Option<Others>,
    lists: Vec<(String, Kept)>,
}

/// What is kept for a text: its own list, or a list holding every call-off it can find.
#[derive(Debug, PartialEq, Eq)]
pub enum Found<'k> {
    Exact(&'k Kept),
    Within(&'k Kept),
}

impl TextLists {
    /// Forgets every list (the index changed).
    pub fn clear(&mut self) {
        self.lists.clear();
    }

    /// The list kept for `needle`, or else the shortest kept list whose text `needle`
    /// contains (a call-off that holds `needle` holds that text too), under `others`.
    pub fn lookup(&mut self, others: Others, needle: &str) -> Option<Found<'_>> {
        if self.made_under != Some(others) {
            self.lists.clear();
            self.made_under = Some(others);
        }
        if let Some((_, list)) = self.lists.iter().find(|(t, _)| t == needle) {
            return Some(Found::Exact(list));
        }
        self.lists
            .iter()
            .filter(|(t, _)| needle.contains(t.as_str()))
            .min_by_key(|(_, list)| list.count())
            .map(|(_, list)| Found::Within(list))
    }

    /// Keeps the list of `needle` (positions among `0..n`), dropping the oldest lists
    /// beyond the room kept.
    pub fn keep(&mut self, needle: &str, n: u32, list: &[u32]) {
        if self.lists.iter().any(|(t, _)| t == needle) {
            return;
        }
        self.lists.push((needle.to_string(), Kept::new(n, list)));
        let bytes =
            |lists: &[(String, Kept)]| lists.iter().map(|(_, k)| k.words.len() * 8).sum::<usize>();
        while self.lists.len() > 1
            && (self.lists.len() > KEEP_LISTS || bytes(&self.lists) > KEEP_BYTES)
        {
            self.lists.remove(0);
        }
    }
}

/// The positions among `0..n` (or among those of `within`) that `keeps`, in order; two
/// threads share a long pass.
pub fn pass(n: u32, within: Option<&Kept>, keeps: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
    // Each half writes into its own part of one buffer, so nothing grows or is copied
    // while a million positions are found.
    let run = |words: std::ops::Range<usize>, out: &mut [u32]| -> usize {
        let mut found = 0;
        let mut each = |p: u32| {
            if keeps(p) {
                out[found] = p;
                found += 1;
            }
        };
        match within {
            Some(kept) => kept.push_from(words, each),
            None => ((words.start * 64) as u32..(words.end * 64).min(n as usize) as u32)
                .for_each(&mut each),
        }
        found
    };
    let words = (n as usize).div_ceil(64);
    let count_in = |range: std::ops::Range<usize>| match within {
        Some(kept) => kept.count_in(range),
        None => (range.end * 64).min(n as usize) - range.start * 64,
    };
    let len = within.map_or(n as usize, Kept::count);
    let mut out = vec![0u32; len];
    let found = if len < SPLIT_FROM {
        run(0..words, &mut out)
    } else {
        let mid = words / 2;
        let split = count_in(0..mid);
        let (first, later) = out.split_at_mut(split);
        let (first_found, later_found) = std::thread::scope(|s| {
            let later_found = s.spawn(|| run(mid..words, later));
            let first_found = run(0..mid, first);
            let later_found = later_found
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first_found, later_found)
        });
        out.copy_within(split..split + later_found, first_found);
        first_found + later_found
    };
    out.truncate(found);
    // A short list should not hold the room of a long one.
    if out.capacity() > 2 * found + 1024 {
        out.shrink_to_fit();
    }
    out
}

/// Case-insensitive `contains` of one lower-case needle, as `to_lowercase` would find
/// it, prepared once for a pass over a million references.
pub struct Folded<'n> {
    needle: &'n str,
    ascii: Option<AsciiNeedle>,
}

impl<'n> Folded<'n> {
    pub fn new(needle: &'n str) -> Folded<'n> {
        Folded {
            needle,
            ascii: needle
                .is_ascii()
                .then(|| AsciiNeedle::new(needle.as_bytes())),
        }
    }

    pub fn found_in(&self, hay: &str) -> bool {
        match &self.ascii {
            Some(ascii) if hay.is_ascii() => ascii.found_in(hay.as_bytes()),
            _ => hay.to_lowercase().contains(self.needle),
        }
    }

    /// As [`Folded::found_in`] for the first `len` bytes of `from`, known to be ASCII
    /// (what follows them is read but does not count).
    #[inline(always)]
    pub fn found_in_ascii(&self, from: &[u8], len: usize) -> bool {
        match &self.ascii {
            Some(ascii) => ascii.found_in_first(from, len),
            // Lower-casing ASCII gives ASCII, which holds no other character.
            None => false,
        }
    }
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// A lower-case ASCII needle compared eight bytes at a time. A haystack byte is OR-ed
/// with 0x20 where the needle has a letter (which maps 'A'..='Z' onto 'a'..='z' and
/// nothing else onto a lower-case letter) and compared as it is elsewhere.
/// References are short, so no searcher is called: the places the first byte could be
/// are found a word at a time and only those are compared, a word at a time (over a
/// million references, a first byte seldom there is ruled out in a third of the time
/// a byte-by-byte loop takes; memchr was slower than either).
struct AsciiNeedle {
    len: usize,
    /// The first byte and its mask, repeated over a word.
    firsts: u64,
    first_masks: u64,
    /// Per eight bytes of the needle: its bytes, their masks, and which bytes count.
    words: Vec<(u64, u64, u64)>,
}

impl AsciiNeedle {
    fn new(needle: &[u8]) -> AsciiNeedle {
        let mask = |b: u8| if b.is_ascii_lowercase() { 0x20 } else { 0 };
        let first = needle.first().copied().unwrap_or(0);
        let words = needle
            .chunks(8)
            .map(|chunk| {
                let mut bytes = [0; 8];
                let mut masks = [0; 8];
                let mut valid = [0; 8];
                for (j, &b) in chunk.iter().enumerate() {
                    bytes[j] = b;
                    masks[j] = mask(b);
                    valid[j] = 0xff;
                }
                let word = u64::from_le_bytes;
                (word(bytes), word(masks), word(valid))
            })
            .collect();
        AsciiNeedle {
            len: needle.len(),
            firsts: u64::from_ne_bytes([first; 8]),
            first_masks: u64::from_ne_bytes([mask(first); 8]),
            words,
        }
    }

    /// Whether ASCII `hay` holds the needle, ignoring case.
    #[inline(always)]
    fn found_in(&self, hay: &[u8]) -> bool {
        self.found_in_first(hay, hay.len())
    }

    /// Whether the first `len` bytes of `from` (ASCII) hold the needle, ignoring case.
    /// The bytes after them are read but never matter: a word is loaded past the end of
    /// a reference without a check when the arena goes on.
    #[inline(always)]
    fn found_in_first(&self, from: &[u8], len: usize) -> bool {
        if self.len == 0 {
            return true;
        }
        let Some(last) = len.checked_sub(self.len) else {
            return false;
        };
        let word = |at: usize| match from.get(at..at + 8) {
            Some(word) => u64::from_le_bytes(word.try_into().unwrap_or_default()),
            None => word_at(from.get(..len).unwrap_or_default(), at),
        };
        let mut i = 0;
        while i <= last {
            let x = (word(i) | self.first_masks) ^ self.firsts;
            // A zero byte where the first byte is: the lowest found is exact, those
            // above it may be false, and every place is compared anyway.
            let mut zeros = x.wrapping_sub(ONES) & !x & HIGHS;
            while zeros != 0 {
                let k = i + (zeros.trailing_zeros() / 8) as usize;
                if k > last {
                    return false;
                }
                // Only the needle's bytes count, and at `k` they lie within `len`.
                let here = self
                    .words
                    .iter()
                    .enumerate()
                    .all(|(j, &(bytes, masks, valid))| (word(k + 8 * j) | masks) & valid == bytes);
                if here {
                    return true;
                }
                zeros &= zeros - 1;
            }
            i += 8;
        }
        false
    }
}

/// The eight bytes of `hay` from `at`, zero past its end.
#[inline]
fn word_at(hay: &[u8], at: usize) -> u64 {
    if let Some(word) = hay.get(at..at + 8) {
        return u64::from_le_bytes(word.try_into().unwrap_or_default());
    }
    let len = hay.len();
    if at >= len {
        return 0;
    }
    if let Some(end) = len.checked_sub(8).and_then(|from| hay.get(from..)) {
        // The last eight bytes, shifted down to start at `at`: no copy of a few bytes.
        return u64::from_le_bytes(end.try_into().unwrap_or_default()) >> (8 * (at + 8 - len));
    }
    let mut word = [0; 8];
    word[..len - at].copy_from_slice(&hay[at..]);
    u64::from_le_bytes(word)
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
        let within: Vec<u32> = (0..n).filter(|p| p % 2 == 1 || *p < 100).collect();
        let one: Vec<u32> = within.iter().copied().filter(|&p| keeps(p)).collect();
        assert_eq!(pass(n, Some(&Kept::new(n, &within)), keeps), one);
        // Candidates all in the later half, and none at all.
        let within: Vec<u32> = (n - 5..n).collect();
        assert_eq!(pass(n, Some(&Kept::new(n, &within)), |_| true), within);
        assert_eq!(
            pass(n, Some(&Kept::new(n, &[])), |_| true),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn kept_lists_answer_their_text_and_narrow_longer_ones() {
        let others: Others = (None, None, None, OutcomeFilter::All);
        let mut lists = TextLists::default();
        assert_eq!(lists.lookup(others, "09"), None);
        lists.keep("0", 10, &[1, 2, 3, 4]);
        lists.keep("09", 10, &[2, 3]);
        let (zero, zero_nine) = (Kept::new(10, &[1, 2, 3, 4]), Kept::new(10, &[2, 3]));
        assert_eq!(lists.lookup(others, "09"), Some(Found::Exact(&zero_nine)));
        assert_eq!(lists.lookup(others, "099"), Some(Found::Within(&zero_nine)));
        assert_eq!(lists.lookup(others, "x0"), Some(Found::Within(&zero)));
        assert_eq!(lists.lookup(others, "1"), None);
        // Another filter beside the text: nothing kept holds.
        let compliant: Others = (None, None, None, OutcomeFilter::Compliant);
        assert_eq!(lists.lookup(compliant, "09"), None);
        assert_eq!(lists.lookup(others, "09"), None);
    }

    #[test]
    fn kept_lists_stay_within_their_room() {
        let others: Others = (None, None, None, OutcomeFilter::All);
        let n = 1_000_000;
        let all: Vec<u32> = (0..n).collect();
        let mut lists = TextLists::default();
        assert_eq!(lists.lookup(others, "a"), None);
        for i in 0..100 {
            lists.keep(&format!("t{i}"), n, &all);
        }
        let bytes: usize = lists.lists.iter().map(|(_, k)| k.words.len() * 8).sum();
        assert!(bytes <= KEEP_BYTES, "{bytes} bytes kept");
        // The newest are kept, the oldest dropped.
        assert!(matches!(lists.lookup(others, "t99"), Some(Found::Exact(_))));
        assert!(lists.lookup(others, "t0").is_none());
        // However few call-offs, no more than so many lists.
        let mut lists = TextLists::default();
        assert_eq!(lists.lookup(others, "a"), None);
        for i in 0..100 {
            lists.keep(&format!("t{i}"), 10, &[1, 2]);
        }
        assert_eq!(lists.lists.len(), KEEP_LISTS);
    }

    proptest! {
        /// A kept list gives back the positions it was made from.
        #[test]
        fn kept_positions_come_back(mut positions in proptest::collection::vec(0u32..300, 0..200)) {
            positions.sort_unstable();
            positions.dedup();
            let kept = Kept::new(300, &positions);
            prop_assert_eq!(kept.count(), positions.len());
            prop_assert_eq!(kept.positions(), positions);
        }

        /// Eight bytes at a time finds what a byte at a time finds, wherever the needle is,
        /// however long.
        #[test]
        fn words_at_a_time_find_as_a_plain_search(hay in "[a-dA-D0-2 -]{0,40}", needle in "[a-d0-2 -]{1,20}") {
            let plain = hay.to_ascii_lowercase().contains(&needle);
            let ascii = AsciiNeedle::new(needle.as_bytes());
            prop_assert_eq!(ascii.found_in(hay.as_bytes()), plain);
            // What follows the text in the arena never makes a match.
            let arena = format!("{hay}{needle}{}", needle.to_ascii_uppercase());
            prop_assert_eq!(ascii.found_in_first(arena.as_bytes(), hay.len()), plain);
        }

        /// The same as lower-casing the text and looking for the (lower-case) needle.
        #[test]
        fn found_as_lower_casing_finds(hay in "[a-zA-Z0-9 ÖöÅåİK-]{0,20}", needle in "[a-zA-Z0-9 öåÖ-]{0,4}") {
            let needle = needle.to_lowercase();
            prop_assert_eq!(Folded::new(&needle).found_in(&hay), hay.to_lowercase().contains(&needle));
        }
    }
}
