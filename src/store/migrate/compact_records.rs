//! Schema 3 → 4: call-off rows and requests rewritten in their compact record versions
//! (`records::calloff_row` version 2, `records::request` version 3), which leave out what
//! their keys hold, and the call-off index's orderers stored by number. Keys stay as they
//! were, so every other table is untouched.

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::super::StoreError;
use super::super::calloff_index;
use super::super::records::names::WriteNames;
use super::super::records::{calloff_row, request};
use super::super::tables::{CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS};

/// Rows rewritten per pass: bounds what is held in memory at a million call-offs.
const CHUNK: usize = 16 * 1024;

pub(super) fn v3_to_v4(txn: &WriteTransaction, _actor: &str) -> Result<(), StoreError> {
    let names = WriteNames::new(txn);
    rewrite(txn, CALLOFF_ROWS, |(agreement, reference), bytes| {
        let row = calloff_row::decode(agreement, reference, bytes, &names)?;
        calloff_row::encode(&row, &names)
    })?;
    rewrite_index(txn, &names)?;
    rewrite(txn, REQUESTS, |(agreement, key), bytes| {
        let r = request::decode(agreement, key, bytes)?;
        Ok(request::encode(&r))
    })
}

/// Every value of `table` replaced by `convert` of it, in key order, a chunk at a time.
fn rewrite(
    txn: &WriteTransaction,
    table: TableDefinition<(u64, &'static str), &'static [u8]>,
    convert: impl Fn((u64, &str), &[u8]) -> Result<Vec<u8>, StoreError>,
) -> Result<(), StoreError> {
    let mut t = txn.open_table(table)?;
    let mut after: Option<(u64, String)> = None;
    loop {
        let mut chunk: Vec<((u64, String), Vec<u8>)> = Vec::with_capacity(CHUNK);
        {
            let range = match &after {
                None => t.range::<(u64, &str)>(..)?,
                Some((a, r)) => t.range((
                    std::ops::Bound::Excluded((*a, r.as_str())),
                    std::ops::Bound::Unbounded,
                ))?,
            };
            for item in range.take(CHUNK) {
                let (k, v) = item?;
                let (a, r) = k.value();
                chunk.push(((a, r.to_string()), convert((a, r), v.value())?));
            }
        }
        let Some((last, _)) = chunk.last() else {
            return Ok(());
        };
        let next = last.clone();
        for ((a, r), bytes) in &chunk {
            t.insert((*a, r.as_str()), bytes.as_slice())?;
        }
        after = Some(next);
    }
}

/// Index entries of version 1 (the orderer's name at the end) rewritten with the
/// orderer's number; the fixed part is kept as it is, and any other entry left alone.
fn rewrite_index(txn: &WriteTransaction, names: &WriteNames<'_>) -> Result<(), StoreError> {
    let mut t = txn.open_table(CALLOFF_INDEX)?;
    let mut after: Option<(u64, i64, String)> = None;
    loop {
        let mut chunk: Vec<((u64, i64, String), Vec<u8>)> = Vec::with_capacity(CHUNK);
        let mut last = None;
        {
            let range = match &after {
                None => t.range::<(u64, i64, &str)>(..)?,
                Some((a, at, r)) => t.range((
                    std::ops::Bound::Excluded((*a, *at, r.as_str())),
                    std::ops::Bound::Unbounded,
                ))?,
            };
            for item in range.take(CHUNK) {
                let (k, v) = item?;
                let (a, at, r) = k.value();
                if let Some(stored) = calloff_index::stored_from_v1(v.value(), names)? {
                    chunk.push(((a, at, r.to_string()), stored));
                }
                last = Some((a, at, r.to_string()));
            }
        }
        if last.is_none() {
            return Ok(());
        }
        for ((a, at, r), bytes) in &chunk {
            t.insert((*a, *at, r.as_str()), bytes.as_slice())?;
        }
        after = last;
    }
}
