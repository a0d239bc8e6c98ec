//! The call-off index in memory: per call-off a fixed-width entry for the list filters,
//! and apart from it the text a filter types against (reference and orderer), so that
//! a text filter over a million call-offs reads 12 bytes of each instead of 48.

use std::collections::HashMap;

use time::Date;

use crate::domain::AgreementId;
use crate::domain::calloff::CallOffMethod;

use super::{FLAG_COMPETITION, FLAG_MOTIVATED, HEADER, NO_DAY, NO_SUPPLIER, STORED, VERSION};

/// One call-off in memory, without its texts: 40 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry {
    /// Request time, Unix seconds of the local time.
    pub at: i64,
    pub supplier: u64,
    pub lot: u64,
    pub due: i32,
    pub delivered: i32,
    pub outcome: u8,
    flags: u8,
}

impl IndexEntry {
    pub fn method(&self) -> CallOffMethod {
        if self.flags & FLAG_COMPETITION != 0 {
            CallOffMethod::Competition
        } else {
            CallOffMethod::Ranking
        }
    }

    pub fn motivated(&self) -> bool {
        self.flags & FLAG_MOTIVATED != 0
    }

    pub fn awarded(&self) -> bool {
        self.supplier != NO_SUPPLIER
    }

    pub fn delivery_due(&self) -> Option<Date> {
        (self.due != NO_DAY)
            .then(|| Date::from_julian_day(self.due).ok())
            .flatten()
    }

    pub fn delivered_at(&self) -> Option<Date> {
        (self.delivered != NO_DAY)
            .then(|| Date::from_julian_day(self.delivered).ok())
            .flatten()
    }
}

/// Where a call-off's reference lies in the arena, and its orderer: 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextSpan {
    reference_at: u32,
    orderer: u32,
    reference_len: u16,
    /// The reference is ASCII, so a filter may compare its bytes (one reference with
    /// an "Ö" must not send every other one down the slow path).
    ascii: bool,
}

/// An agreement's call-offs as compact entries, newest request first (then reference,
/// descending), with their references in one arena and orderers interned. Entry `i`
/// and text `i` are the same call-off.
#[derive(Debug, Default, Clone)]
pub struct CallOffIndex {
    pub agreement: Option<AgreementId>,
    pub entries: Vec<IndexEntry>,
    texts: Vec<TextSpan>,
    references: String,
    /// Distinct orderers; [`CallOffIndex::orderer`] indexes this.
    pub orderers: Vec<String>,
}

impl CallOffIndex {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Room for `n` call-offs, so that reading a million never holds two buffers at once
    /// while growing (pages never written to are never resident).
    pub(in crate::store) fn reserve_exact(&mut self, n: usize) {
        self.entries.reserve_exact(n);
        self.texts.reserve_exact(n);
        self.references.reserve_exact(n * 16);
    }

    pub(in crate::store) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.references.shrink_to_fit();
    }

    /// The reference of the call-off at `i` (empty past the end).
    pub fn reference(&self, i: usize) -> &str {
        self.texts.get(i).map_or("", |t| {
            let from = t.reference_at as usize;
            &self.references[from..from + t.reference_len as usize]
        })
    }

    /// For an ASCII reference at `i`: the bytes of the arena from it on, and its length,
    /// for filtering a million references (which may read a word past the end of one).
    /// None when the reference is not ASCII.
    #[inline]
    pub fn ascii_reference_onward(&self, i: usize) -> Option<(&[u8], usize)> {
        let t = self.texts.get(i).filter(|t| t.ascii)?;
        let onward = self
            .references
            .as_bytes()
            .get(t.reference_at as usize..)
            .unwrap_or_default();
        Some((onward, (t.reference_len as usize).min(onward.len())))
    }

    /// The orderer of the call-off at `i`, as a position in [`CallOffIndex::orderers`].
    #[inline]
    pub fn orderer(&self, i: usize) -> u32 {
        self.texts.get(i).map_or(0, |t| t.orderer)
    }

    /// The orderer of the call-off at `i` by name.
    pub fn orderer_name(&self, i: usize) -> &str {
        self.orderers
            .get(self.orderer(i) as usize)
            .map_or("", String::as_str)
    }

    fn add_reference(&mut self, reference: &str) -> u32 {
        let at = self.references.len() as u32;
        self.references.push_str(reference);
        at
    }

    /// The key of entry `i` in the store.
    pub(in crate::store) fn key(&self, i: usize) -> (u64, i64, &str) {
        (
            self.agreement.map(|a| a.0).unwrap_or(0),
            self.entries[i].at,
            self.reference(i),
        )
    }

    pub fn position(&self, reference: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.reference(i) == reference)
    }

    /// The entry of a stored value; None for a value of another version.
    fn decode(at: i64, value: &[u8]) -> Option<IndexEntry> {
        let word = |i: usize| u64::from_le_bytes(value[i..i + 8].try_into().unwrap_or_default());
        let half = |i: usize| i32::from_le_bytes(value[i..i + 4].try_into().unwrap_or_default());
        // Stored entries (version 2) have the same fixed part.
        if value.len() < HEADER || !(value[0] == VERSION || value[0] == STORED) {
            return None;
        }
        Some(IndexEntry {
            at,
            supplier: word(3),
            lot: word(11),
            due: half(19),
            delivered: half(23),
            outcome: value[2],
            flags: value[1],
        })
    }

    /// Adds a stored entry at the end (the store reads them in the list's order).
    pub(in crate::store) fn push(
        &mut self,
        at: i64,
        reference: &str,
        value: &[u8],
        orderers: &mut HashMap<Vec<u8>, u32>,
    ) {
        if value.first() != Some(&VERSION) {
            return;
        }
        let Some(tail) = value.get(HEADER..) else {
            return;
        };
        let orderer = self.intern_orderer(tail, orderers);
        self.push_entry(at, reference, value, orderer);
    }

    /// The position of orderer `name` in [`CallOffIndex::orderers`], added when new.
    pub(in crate::store) fn intern_orderer(
        &mut self,
        name: &[u8],
        orderers: &mut HashMap<Vec<u8>, u32>,
    ) -> u32 {
        match orderers.get(name) {
            Some(&i) => i,
            None => {
                let i = self.orderers.len() as u32;
                self.orderers
                    .push(String::from_utf8_lossy(name).into_owned());
                orderers.insert(name.to_vec(), i);
                i
            }
        }
    }

    /// Adds an entry at the end whose orderer is already at position `orderer`: `value`'s
    /// fixed part is read, whatever follows it.
    pub(in crate::store) fn push_entry(
        &mut self,
        at: i64,
        reference: &str,
        value: &[u8],
        orderer: u32,
    ) {
        let Some(e) = Self::decode(at, value) else {
            return;
        };
        let reference_at = self.add_reference(reference);
        self.entries.push(e);
        self.texts.push(TextSpan {
            reference_at,
            orderer,
            reference_len: reference.len() as u16,
            ascii: reference.is_ascii(),
        });
    }

    /// Where entry (at, reference) belongs: entries are newest first, then reference
    /// descending, as the reverse range scan gives them.
    fn place_of(&self, at: i64, reference: &str) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if (self.entries[mid].at, self.reference(mid)) > (at, reference) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Puts the entry of call-off `reference` in its place, as the store holds it now
    /// (`Some((at, value))`, see `Store::calloff_index_entry`), or takes it out (None):
    /// after one call-off was written, instead of reading every entry again. Says what
    /// moved: the position it was taken from and the one it was put at (the same one
    /// when its request time did not change, so no other entry moved).
    pub fn put(&mut self, reference: &str, entry: Option<(i64, &[u8])>) -> Placed {
        let decoded = entry.and_then(|(at, value)| Some((Self::decode(at, value)?, value)));
        // Most edits keep the request time: found where the new entry goes.
        let here = decoded.map(|(e, _)| self.place_of(e.at, reference));
        let old = match here {
            Some(i) if i < self.len() && self.reference(i) == reference => Some(i),
            _ => self.position(reference),
        };
        let Some((e, value)) = decoded else {
            if let Some(i) = old {
                self.entries.remove(i);
                self.texts.remove(i);
            }
            return Placed {
                removed: old,
                inserted: None,
            };
        };
        let tail = String::from_utf8_lossy(&value[HEADER..]);
        let orderer = match self.orderers.iter().position(|o| *o == tail) {
            Some(i) => i as u32,
            None => {
                self.orderers.push(tail.into_owned());
                (self.orderers.len() - 1) as u32
            }
        };
        // The same reference keeps its place in the arena.
        let reference_at = match old {
            Some(i) => self.texts[i].reference_at,
            None => self.add_reference(reference),
        };
        let text = TextSpan {
            reference_at,
            orderer,
            reference_len: reference.len() as u16,
            ascii: reference.is_ascii(),
        };
        if let (Some(i), Some(h)) = (old, here)
            && i == h
        {
            self.entries[i] = e;
            self.texts[i] = text;
            return Placed {
                removed: Some(i),
                inserted: Some(i),
            };
        }
        if let Some(i) = old {
            self.entries.remove(i);
            self.texts.remove(i);
        }
        let place = self.place_of(e.at, reference);
        self.entries.insert(place, e);
        self.texts.insert(place, text);
        Placed {
            removed: old,
            inserted: Some(place),
        }
    }
}

/// What [`CallOffIndex::put`] moved: the position an entry was taken from (before the
/// change) and the one it was put at (after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placed {
    pub removed: Option<usize>,
    pub inserted: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the memory figures at a million call-offs rest on.
    #[test]
    fn a_call_off_takes_52_bytes_besides_its_reference() {
        assert_eq!(std::mem::size_of::<IndexEntry>(), 40);
        assert_eq!(std::mem::size_of::<TextSpan>(), 12);
    }
}
