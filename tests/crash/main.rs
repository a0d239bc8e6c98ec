//! The binary when things go wrong: killed hard at random moments (imports, the interface
//! and the minutes editor in a pseudo-terminal), sent SIGTERM or SIGHUP, a full disk under
//! a file size limit set in the child, too little room to repair a register left by a
//! crash, and bit flips in a copy of a register. One test binary for the layer, so
//! `cargo test` links it once; each module was a test file of its own before.
//!
//! The full disk under the interface in this process (`tests/disk_full_tui.rs`) stays a
//! binary of its own: its file size limit holds for the whole process.

#[path = "../cli_support/mod.rs"]
mod cli_support;
mod vt;

mod cli;
mod damaged;
mod disk_full;
mod little_space;
mod loops;
mod minutes;
mod tui;
