//! Minutes as Markdown for the supplier, with headings from the catalogues: one function
//! both the command line and the Meetings tab call. (Stand-in until the CLI branch lands.)

use crate::domain::meeting::{MeetingId, MinutesLabels, minutes_markdown};
use crate::i18n::Catalog;
use crate::store::Store;

pub fn minutes_labels(cat: &Catalog) -> MinutesLabels {
    MinutesLabels::from_lookup(|key| cat.t(&format!("export.{key}")).to_string())
}

pub fn minutes_markdown_for(store: &Store, cat: &Catalog, id: MeetingId) -> Result<String, String> {
    let m = store
        .meeting(id)
        .map_err(|e| e.message(cat))?
        .ok_or_else(|| id.to_string())?;
    let a = store
        .agreement(m.agreement)
        .map_err(|e| e.message(cat))?
        .ok_or_else(|| id.to_string())?;
    let actions = store.actions_of_meeting(id).map_err(|e| e.message(cat))?;
    let supplier = m.supplier.as_ref().map(|o| a.supplier_name(o));
    Ok(minutes_markdown(
        &m,
        &a,
        supplier.as_deref(),
        &actions,
        &minutes_labels(cat),
    ))
}
