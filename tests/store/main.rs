//! The store layer: the library's `Store` against redb files (round trips, indexes and
//! counts kept on write, imports, schema migrations, opening damaged or foreign files).
//! One test binary for the layer, so `cargo test` links it once; each module was a test
//! file of its own before.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../common/mod.rs"]
mod common;

mod aggregates;
mod calloff_identity;
mod calloffs;
mod claim_window;
mod competitions;
mod import;
mod meetings;
mod migrate;
mod open;
mod penalty_sync;
mod report_counts;
mod roundtrip;
mod samples;
mod sanctions;
mod spend;
