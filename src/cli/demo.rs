//! `avtal demo`: the demo register, upserted by reference, so running it twice
//! leaves one copy of each agreement.

use std::path::Path;

use time::{Date, OffsetDateTime};

use crate::i18n::Catalog;
use crate::tr;

pub(super) fn run(db: &Path, cat: &Catalog) -> Result<(), String> {
    let register = crate::demo::register(today());
    let store = super::open_store(db, cat)?;
    let stored = store
        .import_agreements(&register)
        .map_err(|e| e.message(cat))?;
    let created = stored.iter().filter(|(_, new)| *new).count();
    let total = store.agreements().map_err(|e| e.message(cat))?.len();
    let text = format!(
        "{}\n{}\n",
        tr!(
            cat,
            "cli.demo.done",
            path = db.display(),
            created = created,
            updated = stored.len() - created,
            total = total
        ),
        tr!(cat, "cli.demo.rerun")
    );
    super::print_out(&text, cat)
}

/// Today in local time; UTC when the local offset cannot be known (the time crate
/// refuses it in some multi-threaded settings), which is off by at most a day.
fn today() -> Date {
    OffsetDateTime::now_local()
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .date()
}
