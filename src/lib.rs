//! avtal: contract management for Swedish public-sector framework agreements.
//! Layers (DESIGN §2): `cli` and `tui` (the terminal and its event loop, drawing with
//! `ui`) drive `app`, which uses `store` and `stats`, which stand on the pure `domain`.
// No unsafe code but the one call Windows needs to tell a closing console (`tui::signals`).
#![deny(unsafe_code)]

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod formats;
pub mod i18n;
mod layers;
pub mod stats;
pub mod store;
pub mod tui;
pub mod ui;
