//! A file written by the avtal of schema 3 (`tests/fixtures/schema-v3`) migrates to the
//! compact records with every call-off row, request and index entry reading as before.

use std::collections::BTreeMap;
use std::path::Path;

use redb::{ReadOnlyDatabase, ReadTransaction, ReadableDatabase, ReadableTable};

use crate::domain::calloff::Request;
use crate::domain::calloff_row::CallOffRow;

use super::super::calloff_index;
use super::super::calloffs::Awaited;
use super::super::records::names::ReadNames;
use super::super::records::{awaited, calloff_row, request};
use super::super::tables::{AWAITED, CALLOFF_INDEX, CALLOFF_ROWS, REQUESTS};
use super::super::{SCHEMA_VERSION, Store};

/// Every row, request and index entry (in the in-memory index's layout), with the record
/// versions found.
#[derive(Debug, Default, PartialEq)]
struct Records {
    rows: BTreeMap<(u64, String), CallOffRow>,
    requests: BTreeMap<(u64, String), Request>,
    index: BTreeMap<(u64, i64, String), Vec<u8>>,
    awaited: BTreeMap<(u64, String), Awaited>,
}

fn read(txn: &ReadTransaction) -> (Records, Vec<u16>, Vec<u16>, Vec<u8>) {
    let names = ReadNames::open(txn).unwrap();
    let mut out = Records::default();
    let (mut row_versions, mut request_versions, mut index_versions) = (vec![], vec![], vec![]);
    for item in txn.open_table(CALLOFF_ROWS).unwrap().iter().unwrap() {
        let (k, v) = item.unwrap();
        let (a, r) = k.value();
        row_versions.push(u16::from_le_bytes([v.value()[0], v.value()[1]]));
        let row = calloff_row::decode(a, r, v.value(), &names).unwrap();
        out.rows.insert((a, r.to_string()), row);
    }
    for item in txn.open_table(REQUESTS).unwrap().iter().unwrap() {
        let (k, v) = item.unwrap();
        let (a, key) = k.value();
        request_versions.push(u16::from_le_bytes([v.value()[0], v.value()[1]]));
        let r = request::decode(a, key, v.value()).unwrap();
        out.requests.insert((a, key.to_string()), r);
    }
    for item in txn.open_table(CALLOFF_INDEX).unwrap().iter().unwrap() {
        let (k, v) = item.unwrap();
        let (a, at, r) = k.value();
        index_versions.push(v.value()[0]);
        let mut buf = Vec::new();
        let mut cache = calloff_index::NameCache::new(&names);
        let entry = calloff_index::for_memory(v.value(), &mut cache, &mut buf).unwrap();
        out.index.insert((a, at, r.to_string()), entry.to_vec());
    }
    for item in txn.open_table(AWAITED).unwrap().iter().unwrap() {
        let (k, v) = item.unwrap();
        let (a, key) = k.value();
        let entry = awaited::decode(v.value()).unwrap();
        out.awaited.insert((a, key.to_string()), entry);
    }
    row_versions.dedup();
    request_versions.dedup();
    index_versions.dedup();
    (out, row_versions, request_versions, index_versions)
}

#[test]
fn a_schema_3_file_migrates_with_every_record_as_it_was() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v3");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    std::fs::copy(fixture.join("fixture.redb"), &path).unwrap();
    let (before, rows_v, requests_v, index_v) = {
        let db = ReadOnlyDatabase::open(fixture.join("fixture.redb")).unwrap();
        read(&db.begin_read().unwrap())
    };
    assert_eq!((rows_v, requests_v, index_v), (vec![1], vec![2], vec![1]));
    assert!(before.rows.len() > 400 && before.requests.len() > 700);
    assert!(before.rows.values().any(|r| r.outcome.is_deviation()));
    assert!(before.requests.values().any(|r| r.answer.is_none()));
    assert!(!before.awaited.is_empty());

    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.db.read_version().unwrap(),
        super::Version::Schema(SCHEMA_VERSION)
    );
    let (after, rows_v, requests_v, index_v) = read(&store.db.begin_read().unwrap());
    assert_eq!((rows_v, requests_v, index_v), (vec![2], vec![3], vec![2]));
    assert_eq!(after.rows, before.rows);
    assert_eq!(after.requests, before.requests);
    assert_eq!(after.index, before.index);
    assert_eq!(after.awaited, before.awaited);
    assert!(dir.path().join("avtal.redb.schema-v3.bak").exists());
}
