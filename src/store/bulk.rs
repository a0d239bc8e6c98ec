//! Writing many entries into one table in key order. redb's cursor appends a run of
//! ascending keys without walking the tree for each (about four times faster than
//! `insert` for a fresh import of 100 000 call-offs), but only past the table's last
//! key and only in strict order; everything else goes through `insert`, which replaces
//! an existing key as a single write would.

use std::cmp::Ordering;
use std::ops::{Bound, Range};

use redb::{CursorError, Key, ReadableTable, Table, Value};

use super::StoreError;

/// Runs `here` on this thread and `there` on another, side by side (each writing its
/// own tables of one transaction, or working out half of an import), and returns both
/// results or the first error. When both fail, the cause is told rather than its echo:
/// after one failed write (a full disk) redb refuses every other use of the database as
/// `PreviousIo`.
pub(super) fn side_by_side<A, B: Send>(
    here: impl FnOnce() -> Result<A, StoreError>,
    there: impl FnOnce() -> Result<B, StoreError> + Send,
) -> Result<(A, B), StoreError> {
    let (here, there) = std::thread::scope(|s| {
        let other = s.spawn(there);
        let here = here();
        let there = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (here, there)
    });
    match (here, there) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(StoreError::NeedsRestart), Err(cause)) | (Err(cause), _) | (_, Err(cause)) => {
            Err(cause)
        }
    }
}

/// Encoded values of many entries in one buffer rather than one allocation each.
#[derive(Default)]
pub(super) struct Values {
    bytes: Vec<u8>,
}

impl Values {
    /// Appends what `encode` writes (a record's own encoder) and tells where it is.
    pub(super) fn push_with<R>(&mut self, encode: impl FnOnce(&mut Vec<u8>) -> R) -> R {
        encode(&mut self.bytes)
    }

    /// Keeps `bytes` and tells where they are.
    pub(super) fn push_bytes(&mut self, bytes: &[u8]) -> Range<usize> {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        start..self.bytes.len()
    }

    /// Takes `other`'s values after these; where they now are is `moved` of where they were.
    pub(super) fn append(&mut self, other: Values) -> impl Fn(&Range<usize>) -> Range<usize> {
        let offset = self.bytes.len();
        self.bytes.extend_from_slice(&other.bytes);
        move |r| r.start + offset..r.end + offset
    }

    pub(super) fn get(&self, at: &Range<usize>) -> &[u8] {
        &self.bytes[at.clone()]
    }
}

/// Of entries sorted by key (stably), only the last of each key.
pub(super) fn keep_last<K: PartialEq, V>(entries: &mut Vec<(K, V)>) {
    let mut out: Vec<(K, V)> = Vec::with_capacity(entries.len());
    for e in entries.drain(..) {
        match out.last_mut() {
            Some(last) if last.0 == e.0 => *last = e,
            _ => out.push(e),
        }
    }
    *entries = out;
}

/// Puts `entries` into `table`, a later entry replacing an earlier one of the same key.
/// Fast when the keys ascend and lie past the table's last key; correct in any order.
pub(super) fn put_sorted<'k, 'v, K, V>(
    table: &mut Table<'_, K, V>,
    entries: impl IntoIterator<Item = (K::SelfType<'k>, V::SelfType<'v>)>,
) -> Result<(), StoreError>
where
    K: Key + 'static,
    V: Value + 'static,
{
    let last: Option<Vec<u8>> = table
        .last()?
        .map(|(k, _)| K::as_bytes(&k.value()).as_ref().to_vec());
    let mut entries = entries.into_iter();
    // Up to the table's last key: one insert each.
    let mut next = None;
    for (k, v) in entries.by_ref() {
        let past_end = last
            .as_deref()
            .is_none_or(|l| K::compare(K::as_bytes(&k).as_ref(), l) == Ordering::Greater);
        if past_end {
            next = Some((k, v));
            break;
        }
        table.insert(k, v)?;
    }
    let Some(first) = next else {
        return Ok(());
    };
    // Past it: appended through a cursor at the end, while the keys ascend.
    let mut out_of_order = None;
    {
        let mut cursor = table.upper_bound_mut(Bound::<K::SelfType<'_>>::Unbounded)?;
        for (k, v) in std::iter::once(first).chain(entries.by_ref()) {
            match cursor.insert_before(&k, &v) {
                Ok(()) => {}
                Err(CursorError::UnorderedKey) => {
                    out_of_order = Some((k, v));
                    break;
                }
                Err(e) => return Err(e.into()),
            }
        }
        cursor.close()?;
    }
    // A key not above the one before it (a repeat, or an order the caller did not keep).
    for (k, v) in out_of_order.into_iter().chain(entries) {
        table.insert(k, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

    const T: TableDefinition<(u64, &str), u32> = TableDefinition::new("t");

    /// Every order, repeats and keys below, between and above stored ones give what
    /// inserting one by one gives.
    #[test]
    fn put_sorted_is_insert_one_by_one() {
        type Entries = Vec<(u64, &'static str, u32)>;
        let cases: Vec<(Entries, Entries)> = vec![
            (vec![], vec![(1, "a", 1), (1, "b", 2), (2, "a", 3)]),
            (
                vec![(1, "b", 9)],
                vec![(1, "a", 1), (1, "b", 2), (1, "c", 3)],
            ),
            (
                vec![(5, "x", 9)],
                vec![(6, "a", 1), (6, "a", 2), (7, "b", 3)],
            ),
            (
                vec![(5, "x", 9)],
                vec![(6, "b", 1), (6, "a", 2), (9, "z", 3), (1, "a", 4)],
            ),
            (
                vec![(1, "a", 1), (3, "a", 3)],
                vec![(2, "a", 2), (3, "a", 4), (4, "a", 5)],
            ),
        ];
        for (stored, put) in cases {
            let dir = tempfile::tempdir().unwrap();
            let db = Database::create(dir.path().join("t.redb")).unwrap();
            let mut expected = std::collections::BTreeMap::new();
            let txn = db.begin_write().unwrap();
            {
                let mut t = txn.open_table(T).unwrap();
                for (a, b, v) in &stored {
                    t.insert((*a, *b), *v).unwrap();
                    expected.insert((*a, b.to_string()), *v);
                }
                for (a, b, v) in &put {
                    expected.insert((*a, b.to_string()), *v);
                }
                super::put_sorted(&mut t, put.iter().map(|(a, b, v)| ((*a, *b), *v))).unwrap();
            }
            txn.commit().unwrap();
            let txn = db.begin_read().unwrap();
            let t = txn.open_table(T).unwrap();
            let got: Vec<((u64, String), u32)> = t
                .iter()
                .unwrap()
                .map(|e| {
                    let (k, v) = e.unwrap();
                    let (a, b) = k.value();
                    ((a, b.to_string()), v.value())
                })
                .collect();
            assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "put {put:?}");
        }
    }
}
