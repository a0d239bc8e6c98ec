//! Stores the demo's meetings, checklist and follow-up plan (built by `crate::demo`).
//!
//! Re-running the demo must not duplicate them, yet must not overwrite what the user has
//! done with them either (minutes typed, actions closed). So each part is added only to an
//! agreement that has none of it yet: meetings when the agreement has no meetings, the
//! checklist when it has no checklist, the plan when it has no requirements.

use std::collections::{HashMap, HashSet};

use time::Date;

use crate::app::competitions::{default_model, instruction, new_competition};
use crate::app::followup::check_deviation;
use crate::domain::Agreement;
use crate::domain::calloff::{CallOff, CallOffMethod, Request};
use crate::domain::followup::{CheckResult, FollowUp};
use crate::domain::meeting::{MeetingStatus, add_carried, carry_over, earlier_meetings};
use crate::i18n::{Catalog, Lang};
use crate::store::{Store, StoreError};

/// What was added: (meetings, actions, checklist items, requirements, checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Added {
    pub meetings: usize,
    pub actions: usize,
    pub checklist_items: usize,
    pub requirements: usize,
    pub checks: usize,
}

/// The IT-consulting agreement's meetings, checklist and plan.
pub(crate) fn load_it(store: &Store, a: &Agreement, today: Date) -> Result<Added, StoreError> {
    let mut added = Added::default();
    meetings(
        store,
        a,
        crate::demo::meetings::it_meetings(a, today),
        &mut added,
    )?;
    if store.checklist(a.id)?.is_none()
        && let Some(c) = crate::demo::plans::checklist(a, today)
    {
        store.save_checklist(&c)?;
        added.checklist_items = c.items.len();
    }
    if store.requirements(Some(a.id))?.is_empty() {
        for (r, checks) in crate::demo::plans::followup(a, today) {
            let r = store.insert_requirement(&r)?;
            added.requirements += 1;
            for mut c in checks {
                c.requirement = r.id;
                let c = store.insert_check(&c)?;
                added.checks += 1;
                // As in the application: a shortfall followed by a deviation has one.
                let failed = matches!(c.result, Some(CheckResult::NotMet | CheckResult::Partly));
                if failed && c.follow_up == FollowUp::Deviation {
                    let cat = Catalog::get(Lang::Sv);
                    store.insert_deviation(&check_deviation(cat, &r, &c, today))?;
                }
            }
        }
    }
    Ok(added)
}

/// A smaller agreement's couple of meetings.
pub(crate) fn load_smaller(store: &Store, a: &Agreement, today: Date) -> Result<Added, StoreError> {
    let mut added = Added::default();
    let list = crate::demo::meetings::smaller_meetings(a, today);
    meetings(store, a, list, &mut added)?;
    Ok(added)
}

/// Stores the meetings in date order with their actions, then carries the open actions to
/// the first planned meeting with each supplier, as the meetings tab would.
fn meetings(
    store: &Store,
    a: &Agreement,
    list: Vec<crate::demo::meetings::DemoMeeting>,
    added: &mut Added,
) -> Result<(), StoreError> {
    if !store.meetings(Some(a.id))?.is_empty() {
        return Ok(());
    }
    for d in list {
        let m = store.insert_meeting(&d.meeting)?;
        added.meetings += 1;
        for mut action in d.actions {
            action.meeting = m.id;
            store.insert_action(&action)?;
            added.actions += 1;
        }
    }
    let all = store.meetings(Some(a.id))?;
    let actions = store.actions(Some(a.id))?;
    let mut seen = Vec::new();
    for m in all.iter().filter(|m| m.status == MeetingStatus::Planned) {
        if seen.contains(&m.supplier) {
            continue;
        }
        seen.push(m.supplier.clone());
        let points = carry_over(&actions, &earlier_meetings(&all, m, true));
        let mut next = m.clone();
        if add_carried(&mut next.agenda, points) > 0 {
            store.save_meeting(&next)?;
        }
    }
    Ok(())
}

/// The IT agreement's renewed competitions, one for each call-off by competition that has
/// none yet (a second run adds nothing and keeps what the user did); and the demo
/// organisation, named in the instructions, unless one is set. Returns how many were added.
pub(crate) fn load_competitions(
    store: &Store,
    a: &Agreement,
    calloffs: &[CallOff],
    requests: &[Request],
) -> Result<usize, StoreError> {
    let cat = Catalog::get(Lang::Sv);
    let mut org = store.organisation()?;
    if org.name.is_empty() && org.contact.is_empty() {
        org.name = crate::demo::competitions::ORGANISATION.to_string();
        if let Some(p) = a.project_group.first() {
            org.contact = format!("{}, {}", p.name, p.email);
        }
        store.save_organisation(&org)?;
    }
    let existing: HashSet<String> = store
        .competitions(a.id)?
        .into_iter()
        .map(|c| c.calloff)
        .collect();
    // Each competition keeps its instruction (a few kilobytes): a demo of a million
    // call-offs gets its newest competitions, not a hundred thousand of them.
    let mut newest: Vec<&CallOff> = calloffs
        .iter()
        .filter(|c| c.method == CallOffMethod::Competition)
        .collect();
    newest.sort_by_key(|c| std::cmp::Reverse(c.requested_at));
    newest.truncate(DEMO_COMPETITIONS);
    // Only the chosen call-offs' requests: a big demo has millions.
    let mut by_calloff: HashMap<&str, Vec<Request>> = newest
        .iter()
        .map(|c| (c.reference.as_str(), Vec::new()))
        .collect();
    for r in requests {
        if let Some(list) = by_calloff.get_mut(r.calloff.as_str()) {
            list.push(r.clone());
        }
    }
    let mut list = Vec::new();
    for c in newest {
        if existing.contains(&c.reference) {
            continue;
        }
        let mut comp = new_competition(cat, a, &org, c, default_model(cat));
        let theirs = by_calloff
            .get(c.reference.as_str())
            .map_or(&[][..], Vec::as_slice);
        crate::demo::competitions::run(&mut comp, c, theirs);
        // The instruction names the deadline the demo set.
        comp.instruction = instruction(cat, a, &org, &comp);
        list.push(comp);
    }
    if !list.is_empty() {
        store.import_competitions(&list)?;
    }
    Ok(list.len())
}

/// The most competitions the demo writes (the newest call-offs by competition).
const DEMO_COMPETITIONS: usize = 1_000;
