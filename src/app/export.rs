//! Minutes ready to send to the supplier (DESIGN §1.3), shared by `avtal export minutes`
//! and the meetings tab so that both produce the same document from the same words.

use crate::domain::meeting::{MeetingId, MinutesLabels, minutes_markdown};
use crate::i18n::Catalog;
use crate::store::{Store, StoreError};

/// The export's fixed words in `cat`'s language. The domain asks for keys such as
/// `minutes.title` and `meeting.kind.collaboration`; they live in `export.toml`, hence
/// the `export.` prefix.
pub fn minutes_labels(cat: &Catalog) -> MinutesLabels {
    MinutesLabels::from_lookup(|key| cat.t(&format!("export.{key}")).to_string())
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
                &l.decisions,
                &l.actions,
                &l.action_text,
                &l.owner,
                &l.side,
                &l.due,
                &l.none,
            ];
            words.extend(l.kinds.iter());
            words.extend(l.sides.iter());
            words.extend(l.meeting_statuses.iter());
            words.extend(l.action_statuses.iter());
            for w in words {
                assert!(!w.starts_with("export."), "{lang:?}: missing {w}");
            }
        }
        assert_eq!(
            minutes_labels(Catalog::get(Lang::Sv)).title,
            "Minnesanteckningar"
        );
        assert_eq!(
            minutes_labels(Catalog::get(Lang::En)).kinds[2],
            "Collaboration meeting"
        );
    }
}
