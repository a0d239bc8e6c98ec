//! The stored shapes of records, private to the store. A domain type may gain a field
//! without changing the file: what is written is one of these, converted explicitly, and a
//! changed shape is a new version here (with golden bytes in `tests/fixtures/golden/`).

pub(super) mod awaited;
pub(super) mod calloff_row;
mod compact;
#[cfg(test)]
mod golden;
pub(super) mod names;
pub(super) mod request;
pub(super) mod spend;
