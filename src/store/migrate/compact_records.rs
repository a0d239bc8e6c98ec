//! Schema 3 → 4: call-off rows and requests rewritten in their compact record versions
//! (`records::calloff_row` version 2, `records::request` version 3), which leave out what
//! their keys hold, and the call-off index's orderers stored by number. Keys stay as they
//! were, so every other table is untouched.
//!
//! Each table is written anew rather than changed in place: values shrunk in place would
//! leave every page part empty (a million call-offs migrated in place took 544 MB, written
//! anew as a fresh import writes them, in key order, much less).

use redb::{Key, ReadableTable, TableDefinition, Value, WriteTransaction};

use super::super::StoreError;
use super::super::bulk;
use super::super::calloff_index;
use super::super::records::names::WriteNames;
use super::super::records::{calloff_row, request};
use super::super::tables::{CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS};

/// Entries carried per pass: bounds what is held in memory at a million call-offs.
const CHUNK: usize = 16 * 1024;

/// Where a table's entries wait while it is written anew (never left behind: deleted in
/// the same transaction).
const ROWS_ASIDE: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("migrate_4.calloff_rows");
const REQUESTS_ASIDE: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("migrate_4.calloff_requests");
const INDEX_ASIDE: TableDefinition<(u64, i64, &str), &[u8]> =
    TableDefinition::new("migrate_4.calloff_index");

pub(super) fn v3_to_v4(txn: &WriteTransaction, _actor: &str) -> Result<(), StoreError> {
    let names = WriteNames::new(txn);
    rewrite(txn, CALLOFF_ROWS, ROWS_ASIDE, |key, bytes| {
        let (agreement, reference) = <(u64, &str)>::from_bytes(key);
        let row = calloff_row::decode(agreement, reference, bytes, &names)?;
        calloff_row::encode(&row, &names)
    })?;
    rewrite(txn, REQUESTS, REQUESTS_ASIDE, |key, bytes| {
        let (agreement, key) = <(u64, &str)>::from_bytes(key);
        Ok(request::encode(&request::decode(agreement, key, bytes)?))
    })?;
    // Entries of another version than 1 are kept as they are.
    rewrite(txn, CALLOFF_INDEX, INDEX_ASIDE, |_, bytes| {
        Ok(calloff_index::stored_from_v1(bytes, &names)?.unwrap_or_else(|| bytes.to_vec()))
    })
}

/// Every value of `table` replaced by `convert` of it (given the key's stored bytes):
/// written in key order into `aside`, then the table deleted and written again from it.
fn rewrite<K: Key + 'static>(
    txn: &WriteTransaction,
    table: TableDefinition<K, &'static [u8]>,
    aside: TableDefinition<K, &'static [u8]>,
    convert: impl Fn(&[u8], &[u8]) -> Result<Vec<u8>, StoreError>,
) -> Result<(), StoreError> {
    {
        let from = match txn.open_table(table) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let mut to = txn.open_table(aside)?;
        let mut entries = from.iter()?;
        loop {
            let mut chunk: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(CHUNK);
            for item in entries.by_ref().take(CHUNK) {
                let (k, v) = item?;
                let key = K::as_bytes(&k.value()).as_ref().to_vec();
                let value = convert(&key, v.value())?;
                chunk.push((key, value));
            }
            if chunk.is_empty() {
                break;
            }
            put(&mut to, &chunk)?;
        }
    }
    txn.delete_table(table)?;
    {
        let from = txn.open_table(aside)?;
        let mut to = txn.open_table(table)?;
        let mut entries = from.iter()?;
        loop {
            let mut chunk: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(CHUNK);
            for item in entries.by_ref().take(CHUNK) {
                let (k, v) = item?;
                chunk.push((
                    K::as_bytes(&k.value()).as_ref().to_vec(),
                    v.value().to_vec(),
                ));
            }
            if chunk.is_empty() {
                break;
            }
            put(&mut to, &chunk)?;
        }
    }
    txn.delete_table(aside)?;
    Ok(())
}

/// Appends `chunk` (stored key bytes, value; in key order) at the end of `table`.
fn put<K: Key + 'static>(
    table: &mut redb::Table<'_, K, &'static [u8]>,
    chunk: &[(Vec<u8>, Vec<u8>)],
) -> Result<(), StoreError> {
    bulk::put_sorted(
        table,
        chunk.iter().map(|(k, v)| (K::from_bytes(k), v.as_slice())),
    )
}
