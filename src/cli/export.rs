//! `avtal export minutes MEETING_ID [--format md] [--out FILE]`: the minutes ready to send
//! to the supplier, made by the same code as the meetings tab's export, and like it never
//! written over an earlier file.

use std::path::Path;

use crate::app::export::{minutes_markdown_for, write_new};
use crate::domain::meeting::MeetingId;
use crate::i18n::Catalog;
use crate::store::StoreError;
use crate::tr;

/// `avtal minutes M-0007`: the application, opened in that meeting's minutes editor.
pub(super) fn open_minutes(db: &Path, meeting: &str, cat: &Catalog) -> Result<(), String> {
    let id: MeetingId = meeting
        .parse()
        .map_err(|_| tr!(cat, "cli.export.bad_meeting_id", input = meeting))?;
    let unknown = || tr!(cat, "cli.export.unknown_meeting", id = id);
    let store = super::open_store(db, cat)?;
    match store.meeting(id) {
        Ok(Some(_)) => {}
        Ok(None) => return Err(unknown()),
        Err(e) => return Err(e.message(cat)),
    }
    crate::tui::run_with(store, cat.lang(), Some(id))
        .map_err(|e| tr!(cat, "cli.error.terminal", detail = e))
}

pub(super) fn minutes(
    db: &Path,
    meeting: &str,
    out: Option<&Path>,
    cat: &Catalog,
) -> Result<(), String> {
    let id: MeetingId = meeting
        .parse()
        .map_err(|_| tr!(cat, "cli.export.bad_meeting_id", input = meeting))?;
    let unknown = || tr!(cat, "cli.export.unknown_meeting", id = id);
    let store = super::open_store(db, cat)?;
    let text = match minutes_markdown_for(&store, cat, id) {
        Ok(text) => text,
        Err(StoreError::NotFound(what)) if what == id.to_string() => return Err(unknown()),
        Err(e) => return Err(e.message(cat)),
    };
    match out {
        None => super::print_out(&text, cat),
        // Never over an earlier export: a taken name becomes `name-2.md`, and the message
        // names the file written.
        Some(path) => {
            let written = write_new(path, &text).map_err(|e| {
                tr!(
                    cat,
                    "cli.export.write_failed",
                    path = path.display(),
                    detail = e
                )
            })?;
            let written = std::path::absolute(&written).unwrap_or(written);
            let done = tr!(cat, "cli.export.written", id = id, path = written.display());
            super::print_out(&format!("{done}\n"), cat)
        }
    }
}
