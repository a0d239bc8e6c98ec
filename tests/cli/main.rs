//! The command line: the `avtal` binary run with `--db` on files the tests build (imports,
//! lists, reports, exports, backups, checks, several agreements in one register, a
//! register that may only be read). One test binary for the layer, so `cargo test` links
//! it once; each module was a test file of its own before.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../common/mod.rs"]
mod common;

mod calloffs;
mod import;
mod meetings;
mod office_files;
mod ops;
mod read_only;
mod register_agreements;
mod reports;
mod spend;
mod store;
