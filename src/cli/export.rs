//! `avtal export minutes MEETING_ID [--format md] [--out FILE]`: the minutes ready to send
//! to the supplier, made by the same code as the meetings tab's export.

use std::path::Path;

use crate::app::export::minutes_markdown_for;
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
    if !db.exists() {
        return Err(unknown());
    }
    let store = super::open_store(db, cat)?;
    match store.meeting(id) {
        Ok(Some(_)) => {}
        Ok(None) => return Err(unknown()),
        Err(e) => return Err(e.message(cat)),
    }
    crate::ui::run_with(store, cat.lang(), Some(id))
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
    // Exporting must not create a database: no file means no such meeting.
    if !db.exists() {
        return Err(unknown());
    }
    let store = super::open_store(db, cat)?;
    let text = match minutes_markdown_for(&store, cat, id) {
        Ok(text) => text,
        Err(StoreError::NotFound(what)) if what == id.to_string() => return Err(unknown()),
        Err(e) => return Err(e.message(cat)),
    };
    match out {
        None => super::print_out(&text, cat),
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| {
                tr!(
                    cat,
                    "cli.export.write_failed",
                    path = path.display(),
                    detail = e
                )
            })?;
            let done = tr!(cat, "cli.export.written", id = id, path = path.display());
            super::print_out(&format!("{done}\n"), cat)
        }
    }
}
