//! Golden bytes: every stored version of every record, checked in under
//! `tests/fixtures/golden/`, must decode to the value built here from a literal (every
//! field filled), and the current version must encode to exactly its bytes. A field added
//! to a domain type, or a record changed by mistake, fails here instead of silently
//! changing the file format. `AVTAL_WRITE_GOLDEN=1` writes a missing file (once, when a
//! version is added).

use std::fmt::Debug;
use std::path::PathBuf;

use super::Stored;

mod calloffs;
mod registers;
mod sample;
mod sanctions;
mod small;
mod spend;
mod values;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name)
}

/// The checked-in bytes of `name`, written from `bytes` when missing and asked for.
fn golden(name: &str, bytes: &[u8]) -> Vec<u8> {
    let p = path(name);
    if !p.exists() && std::env::var_os("AVTAL_WRITE_GOLDEN").is_some() {
        std::fs::write(&p, bytes).unwrap();
    }
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The current version of `value`'s record: its golden bytes decode to `value`, `value`
/// encodes to exactly them, and every truncation of them is refused in words.
fn current<T: Stored + PartialEq + Debug>(name: &str, value: &T) -> Vec<u8> {
    let bytes = golden(name, &super::encode(value));
    assert_eq!(&super::decode::<T>(&bytes, name).unwrap(), value, "{name}");
    assert_eq!(super::encode(value), bytes, "{name}");
    for n in 0..bytes.len() {
        assert!(
            super::decode::<T>(&bytes[..n], name).is_err(),
            "{name}: {n}"
        );
    }
    let mut wrong = bytes.clone();
    wrong[0] = 0xee;
    assert!(super::decode::<T>(&wrong, name).is_err(), "{name}");
    bytes
}

/// An older version: its golden bytes (`written` when the file is first made) decode to
/// `value`.
fn older<T: Stored + PartialEq + Debug>(name: &str, written: &[u8], value: &T) {
    let bytes = golden(name, written);
    assert_eq!(&super::decode::<T>(&bytes, name).unwrap(), value, "{name}");
}
