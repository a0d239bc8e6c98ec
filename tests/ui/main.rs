//! The interface: the `App` driven by key events and drawn into ratatui's `TestBackend`
//! (flows, screens compared with snapshots, help, leaving a form, the list windows over
//! the compact indexes, huge minutes, every terminal size, when a frame is drawn), and
//! the catalogue behind every text on screen. One test binary for the layer, so
//! `cargo test` links it once; each module was a test file of its own before.
//!
//! Two interface test files stay binaries of their own (`tests/ui_sanctions.rs`,
//! `tests/minutes_workday.rs`): each has a test that exports into the process's working
//! directory, which it changes, and would move it under every other test here.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../common/mod.rs"]
mod common;

mod calloff_patch;
mod calloff_window;
mod catalogue_keys;
mod competition_followup;
mod competition_window;
mod flow;
mod help;
mod leaving;
mod meetings;
mod minutes_stress;
mod redraw;
mod resize;
mod sanctions_window;
mod screens;
mod spend;
mod statistics;
mod views;
mod work;
