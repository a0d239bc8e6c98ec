//! `avtal demo`: the demo register, upserted by reference, so running it twice
//! leaves one copy of each agreement; meetings, checklist and follow-up plan are added
//! only where an agreement has none (see `app::demo::load_demo`).

use std::path::Path;

use time::{OffsetDateTime, PrimitiveDateTime, Time};

use crate::i18n::Catalog;
use crate::tr;

pub(super) fn run(db: &Path, cat: &Catalog, calloffs: usize) -> Result<(), String> {
    let mut store = super::open_store(db, cat)?;
    let loaded =
        crate::app::demo::load_demo(&store, now(), calloffs).map_err(|e| e.message(cat))?;
    // A bulk load leaves many free pages behind.
    store.compact();
    let total = store.agreements().map_err(|e| e.message(cat))?.len();
    let text = format!(
        "{}\n{}\n{}\n{}\n",
        tr!(
            cat,
            "cli.demo.done",
            path = db.display(),
            created = loaded.agreements_new,
            updated = loaded.agreements_updated,
            total = total
        ),
        tr!(
            cat,
            "cli.demo.calloffs",
            calloffs = loaded.calloffs,
            requests = loaded.requests
        ),
        tr!(
            cat,
            "cli.demo.meetings",
            meetings = loaded.meetings,
            actions = loaded.actions,
            items = loaded.checklist_items,
            requirements = loaded.requirements,
            checks = loaded.checks
        ),
        tr!(cat, "cli.demo.rerun")
    );
    super::print_out(&text, cat)
}

/// Now in local time, to the minute; UTC when the local offset cannot be known (the time
/// crate refuses it in some multi-threaded settings), which is off by at most a day.
fn now() -> PrimitiveDateTime {
    let now = OffsetDateTime::now_local().unwrap_or_else(|_| OffsetDateTime::now_utc());
    PrimitiveDateTime::new(
        now.date(),
        Time::from_hms(now.hour(), now.minute(), 0).unwrap_or(Time::MIDNIGHT),
    )
}
