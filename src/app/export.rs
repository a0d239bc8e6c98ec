//! Minutes ready to send to the supplier (DESIGN §1.3), shared by `avtal export minutes`
//! and the meetings tab so that both produce the same document from the same words.

use crate::domain::meeting::{
    ActionStatus, MeetingId, MeetingKind, MeetingStatus, MinutesLabels, Side, minutes_markdown,
};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::Catalog;
use crate::store::{Store, StoreError};

/// The export's fixed words in `cat`'s language: the screen's own keys wherever the
/// screen shows the same thing (the meeting view, the minutes editor, the action form),
/// so that the supplier's copy and the screen never name a thing differently. Only what
/// the screen does not show under a heading of its own (the agreement line, the
/// attendees heading) has an `export.` key.
pub fn minutes_labels(cat: &Catalog) -> MinutesLabels {
    let t = |key: &str| cat.t(key).to_string();
    MinutesLabels {
        title: t("ui.minutes.title"),
        meeting_id: t("ui.meetings.col_id"),
        agreement: t("export.minutes.agreement"),
        supplier: t("ui.meetings.col_supplier"),
        kind: t("ui.meetings.col_kind"),
        date: t("ui.meetings.col_date"),
        place: t("ui.field.place"),
        status: t("ui.meetings.col_status"),
        attendees: t("export.minutes.attendees"),
        agenda: t("ui.field.agenda"),
        carried_from: t("ui.meetings.carried_from"),
        minutes: t("ui.meetings.minutes"),
        addendum: t("ui.meetings.addendum"),
        decisions: t("ui.field.decisions"),
        actions: t("ui.meetings.actions_short"),
        action_text: t("ui.field.action_text"),
        owner: t("ui.field.owner"),
        side: t("ui.field.side"),
        due: t("ui.field.due"),
        none: t("common.none"),
        kinds: MeetingKind::ALL.map(|k| t(&format!("ui.meeting_kind.{}", k.key()))),
        side_headings: [t("ui.meetings.buyer_side"), t("ui.meetings.supplier_side")],
        sides: Side::ALL.map(|s| t(&format!("ui.side.{}", s.key()))),
        meeting_statuses: MeetingStatus::ALL.map(|s| t(&format!("ui.meeting_status.{}", s.key()))),
        action_statuses: ActionStatus::ALL.map(|s| t(&format!("ui.action_status.{}", s.key()))),
    }
}

/// The minutes of meeting `id` as Markdown, with its own actions and the supplier's name
/// from the agreement. `StoreError::NotFound` names the meeting (or its agreement, which
/// the store should never lose) when it is not there.
pub fn minutes_markdown_for(
    store: &Store,
    cat: &Catalog,
    id: MeetingId,
) -> Result<String, StoreError> {
    let meeting = store
        .meeting(id)?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    let agreement = store
        .agreement(meeting.agreement)?
        .ok_or_else(|| StoreError::NotFound(format!("#{}", meeting.agreement.0)))?;
    let supplier_name = meeting.supplier.as_ref().and_then(|org| {
        agreement
            .suppliers
            .iter()
            .find(|s| s.org_number == *org)
            .map(|s| s.name.as_str())
    });
    let actions = store.actions_of_meeting(id)?;
    Ok(minutes_markdown(
        &meeting,
        &agreement,
        supplier_name,
        &actions,
        &minutes_labels(cat),
    ))
}

/// Writes `text` to `path`, or beside it as `name-2.md`, `name-3.md`, ... when `path` is
/// taken, never over an existing file (the file is created new, so two exports at once
/// cannot take the same name either). Returns the path written.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    for n in 1u32.. {
        let candidate = match (n, &ext) {
            (1, _) => path.to_path_buf(),
            (n, Some(ext)) => path.with_file_name(format!("{stem}-{n}.{ext}")),
            (n, None) => path.with_file_name(format!("{stem}-{n}")),
        };
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free file name"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// A missing key would come back as the key itself and end up in the supplier's copy.
    #[test]
    fn every_label_is_in_both_catalogues() {
        for lang in [Lang::Sv, Lang::En] {
            let l = minutes_labels(Catalog::get(lang));
            let mut words = vec![
                &l.title,
                &l.meeting_id,
                &l.agreement,
                &l.supplier,
                &l.kind,
                &l.date,
                &l.place,
                &l.status,
                &l.attendees,
                &l.agenda,
                &l.carried_from,
                &l.minutes,
                &l.addendum,
                &l.decisions,
                &l.actions,
                &l.action_text,
                &l.owner,
                &l.side,
                &l.due,
                &l.none,
            ];
            words.extend(l.kinds.iter());
            words.extend(l.side_headings.iter());
            words.extend(l.sides.iter());
            words.extend(l.meeting_statuses.iter());
            words.extend(l.action_statuses.iter());
            for w in words {
                assert!(
                    !w.starts_with("export.") && !w.starts_with("ui.") && !w.starts_with("common."),
                    "{lang:?}: missing {w}"
                );
            }
        }
    }

    /// The document says what the screen says: "Protokoll", and the sides as the meeting
    /// view names them.
    #[test]
    fn the_export_speaks_the_screens_words() {
        let cat = Catalog::get(Lang::Sv);
        let l = minutes_labels(cat);
        assert_eq!(l.minutes, cat.t("ui.meetings.minutes"));
        assert_eq!(l.minutes, "Protokoll");
        assert!(l.title.starts_with("Protokoll"), "{}", l.title);
        assert_eq!(l.side_headings[0], cat.t("ui.meetings.buyer_side"));
        assert_eq!(
            l.meeting_statuses[2],
            cat.t("ui.meeting_status.minutes_approved")
        );
        assert_eq!(
            minutes_labels(Catalog::get(Lang::En)).kinds[2],
            "Collaboration meeting"
        );
    }
}
