//! Checking the rows of a large file on two threads (issue 7: 100 000 call-offs with
//! their requests imported in under a second; parsing and checking was half of it).
//!
//! The result is exactly what one pass gives. The second thread reads from a line end
//! near the middle; its work is kept only when the first thread, reading from the top,
//! ends a record on that very line end and on the line counted there. A quoted field
//! holding line ends across the middle (or an unclosed quote) makes the first thread
//! read on to the end instead.
//!
//! Repeated keys (a reference given twice) are found afterwards in file order, so that
//! the first line of a key is the first in the file whichever thread read it.

use std::collections::HashMap;
use std::hash::Hash;

use super::{Row, Rows};
use crate::formats::problem::FileProblem;

/// Below this many bytes of rows a file is read on one thread: a second costs more
/// than it saves.
pub const SPLIT_FROM: usize = 256 * 1024;

/// What one data row gave: its line and the row function's result, or a problem that
/// kept the row from being read (malformed quoting, a wrong number of cells).
pub type Item<T> = Result<(usize, T), FileProblem>;

/// The check of one row: its value or its problems, and for a refused row the key it
/// would have had, when the cells of the key could be read (a repeat is told even on a
/// row with other problems).
pub struct Checked<T, K> {
    pub result: Result<T, Vec<FileProblem>>,
    pub key: Option<K>,
}

impl<T, K> Checked<T, K> {
    pub fn ok(value: T) -> Self {
        Checked {
            result: Ok(value),
            key: None,
        }
    }

    pub fn refused(problems: Vec<FileProblem>, key: Option<K>) -> Self {
        Checked {
            result: Err(problems),
            key,
        }
    }
}

/// `check` of every data row of `rows`, in file order.
pub fn map_rows<T: Send>(rows: Rows<'_>, check: impl Fn(&Row) -> T + Sync) -> Vec<Item<T>> {
    // The crate's own tests split every file of two bytes or more, so that each parser
    // test and fuzz case also checks that two threads give what one pass gives.
    let split_from = if cfg!(test) { 2 } else { SPLIT_FROM };
    map_rows_from(rows, split_from, check)
}

/// As [`map_rows`], splitting files with at least `split_from` bytes of rows.
pub(super) fn map_rows_from<T: Send>(
    mut rows: Rows<'_>,
    split_from: usize,
    check: impl Fn(&Row) -> T + Sync,
) -> Vec<Item<T>> {
    let read = |rows: &mut Rows<'_>, out: &mut Vec<Item<T>>| {
        for item in rows {
            out.push(item.map(|row| (row.line, check(&row))));
        }
    };
    let mut out = Vec::new();
    let Some((split, line)) = rows.middle(split_from) else {
        read(&mut rows, &mut out);
        return out;
    };
    let mut second = rows.from(split, line);
    rows.reader.stop_at(split);
    std::thread::scope(|s| {
        let later = s.spawn(|| {
            let mut out = Vec::new();
            read(&mut second, &mut out);
            out
        });
        read(&mut rows, &mut out);
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if rows.reader.position() == (split, line) && !rows.reader.is_done() {
            out.extend(later);
        } else {
            rows.reader.stop_at(usize::MAX);
            read(&mut rows, &mut out);
        }
    });
    out
}

/// Of `keys` (each row's line and key, in file order), the rows whose key was given on
/// an earlier row: their positions in `keys`, their lines, the line the key was first
/// given on, and the key.
pub fn repeats<K: Hash + Eq + Clone>(
    keys: impl ExactSizeIterator<Item = Option<(usize, K)>>,
) -> Vec<(usize, usize, usize, K)> {
    let mut first: HashMap<K, usize> = HashMap::with_capacity(keys.len());
    let mut out = Vec::new();
    for (at, key) in keys.enumerate() {
        let Some((line, key)) = key else { continue };
        let first_line = *first.entry(key.clone()).or_insert(line);
        if first_line != line {
            out.push((at, line, first_line, key));
        }
    }
    out
}

/// Every value, or every problem in file order: each row's own, with the problems in
/// `extra` (by position in `items`, ascending) put first among a row's own when
/// `extra_first`, else last.
pub fn collect<T, K>(
    items: Vec<Item<Checked<T, K>>>,
    extra: Vec<(usize, FileProblem)>,
    extra_first: bool,
) -> Result<Vec<T>, Vec<FileProblem>> {
    let refused = items
        .iter()
        .any(|i| !matches!(i, Ok((_, Checked { result: Ok(_), .. }))));
    if !refused && extra.is_empty() {
        return Ok(items
            .into_iter()
            .filter_map(|i| i.ok().and_then(|(_, c)| c.result.ok()))
            .collect());
    }
    let mut problems = Vec::new();
    let mut extra = extra.into_iter().peekable();
    for (at, item) in items.into_iter().enumerate() {
        let mut mine = extra.next_if(|(i, _)| *i == at).map(|(_, p)| p);
        if extra_first && let Some(p) = mine.take() {
            problems.push(p);
        }
        match item {
            Err(p) => problems.push(p),
            Ok((
                _,
                Checked {
                    result: Err(ps), ..
                },
            )) => problems.extend(ps),
            Ok(_) => {}
        }
        problems.extend(mine);
    }
    Err(problems)
}

#[cfg(test)]
mod tests;
