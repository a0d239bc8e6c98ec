//! The demo register written through the application (`avtal demo` and the welcome
//! screen): the agreements, call-offs with their requests, competitions, and the
//! meetings, checklist and follow-up plan of `plans`.

pub mod plans;

use time::PrimitiveDateTime;

use crate::app::App;
use crate::store::Store;
use crate::tr;

impl App {
    pub(in crate::app) fn load_demo(&mut self) {
        match load_demo(&self.store, self.now, DEMO_CALLOFFS) {
            Ok(loaded) => {
                self.followed = None;
                self.reload(None);
                self.sync_penalties();
                if let Some(it) = crate::demo::register(self.today).first()
                    && let Ok(Some(a)) = self.store.agreement_by_reference(&it.reference)
                {
                    self.follow(a.id);
                }
                self.popup = None;
                self.info(tr!(
                    self.cat,
                    "ui.status.demo_loaded",
                    count = loaded.agreements_new + loaded.agreements_updated,
                    calloffs = loaded.calloffs
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}

/// What loading the demo put in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoLoaded {
    pub agreements_new: usize,
    pub agreements_updated: usize,
    pub calloffs: usize,
    pub requests: usize,
    /// Peppol documents and accounts-payable rows of the IT agreement (replaced, not
    /// added, on a second run: they are keyed by supplier and invoice).
    pub invoices: usize,
    pub ledger_rows: usize,
    /// Meetings and actions added (none when the agreements had meetings already).
    pub meetings: usize,
    pub actions: usize,
    /// Checklist items, follow-up requirements and their checks added, likewise.
    pub checklist_items: usize,
    pub requirements: usize,
    pub checks: usize,
}

/// Loads the demo register, and `calloffs` call-offs with their requests into its
/// IT-consulting agreement. Running it again replaces rather than adds (references are
/// keys). Each part is one transaction. Meetings, the checklist and the follow-up plan
/// are added only where the agreement has none yet (see [`plans`]), so a second run
/// neither duplicates nor overwrites them.
pub fn load_demo(
    store: &Store,
    now: PrimitiveDateTime,
    calloffs: usize,
) -> Result<DemoLoaded, crate::store::StoreError> {
    let register = crate::demo::register(now.date());
    let ids = store.import_agreements(&register)?;
    let mut loaded = DemoLoaded {
        agreements_new: ids.iter().filter(|(_, new)| *new).count(),
        agreements_updated: ids.iter().filter(|(_, new)| !*new).count(),
        ..DemoLoaded::default()
    };
    if let (Some((id, _)), Some(first)) = (ids.first(), register.first()) {
        let mut it = first.clone();
        it.id = *id;
        let (c, r) = crate::demo::calloffs::calloffs(&it, now, calloffs);
        store.import_calloffs(&c)?;
        store.import_requests(&r)?;
        plans::load_competitions(store, &it, &c, &r)?;
        loaded.calloffs = c.len();
        loaded.requests = r.len();
        let today = now.date();
        let references: Vec<String> = c.iter().map(|c| c.reference.clone()).collect();
        let (documents, ledger) = crate::demo::invoices::invoices(&it, &references, today);
        store.import_invoices(&ledger, &documents)?;
        loaded.invoices = documents.len();
        loaded.ledger_rows = ledger.len();
        let mut added = vec![plans::load_it(store, &it, today)?];
        // The staffing agreement (class 1) gets a couple of meetings too, so the meetings
        // tab shows more than one agreement; its texts are written for it.
        let staffing = register.iter().zip(&ids).find(|(a, _)| {
            a.priority == crate::domain::Priority::Class1 && a.name.starts_with("Personaluthyrning")
        });
        if let Some((a, (id, _))) = staffing {
            let mut a = a.clone();
            a.id = *id;
            added.push(plans::load_smaller(store, &a, today)?);
        }
        for a in added {
            loaded.meetings += a.meetings;
            loaded.actions += a.actions;
            loaded.checklist_items += a.checklist_items;
            loaded.requirements += a.requirements;
            loaded.checks += a.checks;
        }
        // Penalties are recorded here, where generating takes seconds anyway, rather than
        // by the first open of the application.
        store.sync_penalty_claims(it.id, today)?;
    }
    Ok(loaded)
}

/// How many call-offs the demo gives its IT agreement unless asked for another number.
pub const DEMO_CALLOFFS: usize = 400;
