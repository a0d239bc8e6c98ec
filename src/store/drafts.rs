//! A form that could not be saved when the program ended (the window closed, a shutdown,
//! Ctrl-C twice): its values are kept here and offered back on the next start, so an end
//! the user did not choose never discards what was typed. One draft at a time: there is
//! only ever one form open.

use time::PrimitiveDateTime;

use super::records;
use super::tables::DRAFTS;
use super::{Store, StoreError};

/// The one key of the drafts table.
const FORM: &str = "form";

/// What a form held, enough to fill the same form again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    /// Which form, and where it was opened: the same form opened there gets the values.
    pub key: String,
    pub title: String,
    pub fields: Vec<DraftField>,
    pub saved_at: PrimitiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftField {
    /// Catalogue key of the field's label.
    pub label: String,
    /// The label as shown, for the list offered back at start.
    pub shown_label: String,
    pub text: String,
    pub choice: usize,
    /// The value as shown (a choice's option), for that list too.
    pub shown_value: String,
}

impl Store {
    /// Keeps `draft`, replacing any earlier one.
    pub fn save_draft(&self, draft: &FormDraft) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(DRAFTS)?
            .insert(FORM, records::encode(draft).as_slice())?;
        txn.commit()?;
        Ok(())
    }

    /// The draft kept by an earlier run, if any.
    pub fn draft(&self) -> Result<Option<FormDraft>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(DRAFTS)?;
        let found = table.get(FORM)?;
        found
            .map(|v| records::decode(v.value(), "draft"))
            .transpose()
    }

    /// Forgets the draft (it was put back into its form).
    pub fn delete_draft(&self) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(DRAFTS)?.remove(FORM)?;
        txn.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_and_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.redb")).unwrap();
        assert_eq!(store.draft().unwrap(), None);
        let draft = FormDraft {
            key: "Agreement(None)".into(),
            title: "Nytt avtal".into(),
            fields: vec![DraftField {
                label: "ui.field.name".into(),
                shown_label: "Namn".into(),
                text: "Städ\nrad två".into(),
                choice: 2,
                shown_value: "Städ".into(),
            }],
            saved_at: time::macros::datetime!(2026-12-06 20:00),
        };
        store.save_draft(&draft).unwrap();
        assert_eq!(store.draft().unwrap(), Some(draft));
        store.delete_draft().unwrap();
        assert_eq!(store.draft().unwrap(), None);
    }
}
