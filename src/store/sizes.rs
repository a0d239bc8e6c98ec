//! Where a file's bytes go, table by table: a measuring aid run by hand
//! (`AVTAL_SIZES_DB=/tmp/x.redb cargo test --release --lib store::sizes -- --ignored --nocapture`).

use redb::{Database, ReadableDatabase};

use super::tables::ALL;

#[test]
#[ignore = "measures a file named by AVTAL_SIZES_DB"]
fn bytes_per_table() {
    let Ok(path) = std::env::var("AVTAL_SIZES_DB") else {
        return;
    };
    let file = std::fs::metadata(&path).unwrap().len();
    let db = Database::open(&path).unwrap();
    let txn = db.begin_read().unwrap();
    println!(
        "{:<26} {:>9} {:>10} {:>11} {:>7} {:>9} {:>9}",
        "table", "rows", "key bytes", "value bytes", "leaves", "stored", "fragm."
    );
    let (mut keys, mut values, mut pages) = (0u64, 0u64, 0u64);
    for t in ALL {
        let rows = t.raw_rows(&txn).unwrap();
        let k: u64 = rows.iter().map(|(k, _)| k.len() as u64).sum();
        let v: u64 = rows.iter().map(|(_, v)| v.len() as u64).sum();
        keys += k;
        values += v;
        let Some(s) = t.stats(&txn).unwrap() else {
            continue;
        };
        pages += s.leaf_pages() + s.branch_pages();
        if rows.is_empty() {
            continue;
        }
        println!(
            "{:<26} {:>9} {:>10} {:>11} {:>7} {:>9} {:>9}",
            t.name(),
            rows.len(),
            k,
            v,
            s.leaf_pages() + s.branch_pages(),
            s.stored_bytes(),
            s.fragmented_bytes()
        );
    }
    println!(
        "file {file} bytes; keys {keys} + values {values} = {}; table pages {pages} ({} bytes at 4 KiB)",
        keys + values,
        pages * 4096
    );
}

/// The size of a copy of the file once redb has compacted it.
#[test]
#[ignore = "measures a file named by AVTAL_SIZES_DB"]
fn compacted_size() {
    let Ok(path) = std::env::var("AVTAL_SIZES_DB") else {
        return;
    };
    let copy = format!("{path}.compact-copy");
    std::fs::copy(&path, &copy).unwrap();
    let mut db = Database::open(&copy).unwrap();
    while db.compact().unwrap() {}
    drop(db);
    let before = std::fs::metadata(&path).unwrap().len();
    let after = std::fs::metadata(&copy).unwrap().len();
    std::fs::remove_file(&copy).unwrap();
    println!("{before} bytes, compacted {after} bytes");
}
