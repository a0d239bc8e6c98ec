//! Issue 7: after the application writes one call-off (save, delete, undo, a request), its
//! in-memory index is patched by that call-off's entry instead of read again whole (a
//! full read is ~250 ms at a million call-offs). The patched index must always equal a
//! fresh read, and a write the application did not make must still lead to a full read.

use crate::common;

use avtal::app::{App, Tab};
use avtal::domain::AgreementId;
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::i18n::Lang;
use avtal::store::{CallOffIndex, OUTCOME_DEVIATION, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

type Seen = (
    String,
    i64,
    u64,
    u64,
    String,
    i32,
    i32,
    u8,
    CallOffMethod,
    bool,
);

/// Every entry as the lists see it (arena offsets left out: a patch may place a
/// reference elsewhere in the arena).
fn seen(index: &CallOffIndex) -> Vec<Seen> {
    index
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                index.reference(i).to_string(),
                e.at,
                e.supplier,
                e.lot,
                index.orderer_name(i).to_string(),
                e.due,
                e.delivered,
                e.outcome,
                e.method(),
                e.motivated(),
            )
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, Store, AgreementId, Vec<CallOff>) {
    let dir = tempfile::tempdir().unwrap();
    let (store, a, calloffs) = common::demo_store(&dir.path().join("p.redb"), 400);
    (dir, store, a.id, calloffs)
}

fn deviation_positions(index: &CallOffIndex) -> Vec<u32> {
    (0..index.len() as u32)
        .filter(|&i| index.entries[i as usize].outcome == OUTCOME_DEVIATION)
        .collect()
}

/// `put` after each kind of change equals reading the index again, and the deviation
/// positions moved along equal those of a fresh read: a call-off moved in time (so in
/// order), awarded elsewhere, given a new orderer, a new one, and one deleted.
#[test]
fn putting_one_entry_equals_reading_the_index_again() {
    let (_dir, store, id, calloffs) = setup();
    let mut index = store.calloff_index(id).unwrap();
    let mut positions = deviation_positions(&index);
    let mut put = |index: &mut CallOffIndex, reference: &str, entry: Option<(i64, Vec<u8>)>| {
        let placed = index.put(reference, entry.as_ref().map(|(at, v)| (*at, v.as_slice())));
        let deviation = placed
            .inserted
            .is_some_and(|i| index.entries[i].outcome == OUTCOME_DEVIATION);
        avtal::app::calloffs::load::moved(&mut positions, placed, deviation);
        let fresh = store.calloff_index(id).unwrap();
        assert_eq!(seen(index), seen(&fresh), "{reference}");
        assert_eq!(positions, deviation_positions(&fresh), "{reference}");
    };
    let mut changed = Vec::new();
    let mut moved = calloffs[10].clone();
    moved.requested_at = datetime!(2030-01-01 08:00);
    changed.push(moved);
    let mut awarded = calloffs[20].clone();
    awarded.awarded_supplier = None;
    changed.push(awarded);
    // A deviation that stops being one, in place.
    let fresh = store.calloff_index(id).unwrap();
    let deviating = deviation_positions(&fresh)[3] as usize;
    let reference = fresh.reference(deviating).to_string();
    let mut competed = calloffs
        .iter()
        .find(|c| c.reference == reference)
        .unwrap()
        .clone();
    competed.method = CallOffMethod::Competition;
    changed.push(competed);
    let mut orderer = calloffs[30].clone();
    orderer.orderer = "En helt ny beställare".into();
    orderer.requested_at = datetime!(2019-06-01 10:00);
    changed.push(orderer);
    let mut new = calloffs[40].clone();
    new.reference = "AV-NY-1".into();
    changed.push(new);
    for c in &changed {
        store.save_calloff(c).unwrap();
        let entry = store.calloff_index_entry(id, &c.reference).unwrap();
        assert!(entry.is_some());
        put(&mut index, &c.reference, entry);
    }
    // A deviation deleted, and put back at another request time.
    let fresh = store.calloff_index(id).unwrap();
    let gone = fresh
        .reference(deviation_positions(&fresh)[5] as usize)
        .to_string();
    let (mut back, requests) = store.delete_calloff(id, &gone).unwrap();
    assert_eq!(store.calloff_index_entry(id, &gone).unwrap(), None);
    put(&mut index, &gone, None);
    back.requested_at = datetime!(2025-07-01 12:00);
    store.restore_calloff(&back, &requests).unwrap();
    let entry = store.calloff_index_entry(id, &back.reference).unwrap();
    put(&mut index, &back.reference, entry);
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// What the application holds equals a fresh read: the index, the list (unfiltered) and
/// the positions of the ranking deviations.
fn assert_current(app: &App, id: AgreementId, when: &str) {
    let fresh = app.store.calloff_index(id).unwrap();
    assert_eq!(seen(&app.calloffs.index), seen(&fresh), "index {when}");
    let n = fresh.len() as u32;
    // Nothing filtered: every position, in order.
    assert_eq!(app.calloffs.visible, (0..n).collect::<Vec<u32>>(), "{when}");
    let deviations: Vec<u32> = (0..n)
        .filter(|&i| fresh.entries[i as usize].outcome == OUTCOME_DEVIATION)
        .collect();
    assert_eq!(app.deviations.ranking, deviations, "deviations {when}");
    assert_eq!(
        app.calloffs.loaded_change,
        app.store.last_change().ok(),
        "{when}"
    );
}

#[test]
fn the_application_keeps_its_index_current_through_saves_deletes_and_undo() {
    let (_dir, store, id, calloffs) = setup();
    let mut app = App::new(store, Lang::Sv, datetime!(2026-11-25 09:30));
    app.show_tab(Tab::CallOffs);
    assert_current(&app, id, "on showing the tab");
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('e'));
    assert!(app.form.is_some());
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(app.form.is_none(), "saved");
    assert_current(&app, id, "after a save");
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.calloffs.index.len(), calloffs.len() - 1, "deleted");
    assert_current(&app, id, "after a delete");
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.calloffs.index.len(), calloffs.len(), "put back");
    assert_current(&app, id, "after undoing the delete");
    key(&mut app, KeyCode::Char('u'));
    assert_current(&app, id, "after undoing the save");

    // A write the application did not make (another path to the store) is not patched
    // over: the next save reads everything, the other change included.
    let mut elsewhere = calloffs[100].clone();
    elsewhere.requested_at = datetime!(2031-02-03 04:05);
    app.store.save_calloff(&elsewhere).unwrap();
    key(&mut app, KeyCode::Char('e'));
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_current(&app, id, "after a write made elsewhere");
    let first = app.calloffs.index.reference(0);
    assert_eq!(first, elsewhere.reference, "the newest request first");
}

/// Meetings, minutes and deviations registered by hand leave the call-off index as it
/// was read, so the Call-offs tab keeps it; a call-off, a request or an agreement
/// written makes it stale.
#[test]
fn the_index_is_stale_only_after_what_changes_it() {
    use avtal::domain::meeting::{Meeting, MeetingKind};
    let dir = tempfile::tempdir().unwrap();
    let (store, a, calloffs) = common::demo_store(&dir.path().join("s.redb"), 300);
    let read_at = store.last_change().unwrap();
    let before = seen(&store.calloff_index(a.id).unwrap());
    let meeting = store
        .insert_meeting(&Meeting::new(
            a.id,
            MeetingKind::InternalContract,
            common::TODAY,
        ))
        .unwrap();
    store
        .save_minutes(meeting.id, "Leverantören redovisar.")
        .unwrap();
    store
        .insert_deviation(&common::manual_deviation(
            a.id,
            Some(&calloffs[3].reference),
            "Fel kompetens",
        ))
        .unwrap();
    // Another agreement saved: logged under its own reference.
    let mut other = store.agreements().unwrap()[1].clone();
    assert_ne!(other.reference, a.reference);
    other.name.push_str(" (ändrat)");
    store
        .import_agreements(std::slice::from_ref(&other))
        .unwrap();
    let stale = |seq| {
        store
            .calloff_index_changed_since(seq, &a.reference)
            .unwrap()
    };
    assert!(store.last_change().unwrap() > read_at);
    assert!(!stale(read_at));
    assert_eq!(seen(&store.calloff_index(a.id).unwrap()), before);

    let mut changed = calloffs[5].clone();
    changed.orderer = "Ny beställare".into();
    store.save_calloff(&changed).unwrap();
    assert!(stale(read_at));
    let now = store.last_change().unwrap();
    assert!(!stale(now));
    store.import_agreements(std::slice::from_ref(&a)).unwrap();
    assert!(stale(now));
}

/// After minutes are written and a deviation registered by hand elsewhere, the
/// Call-offs and Deviations tabs show what the store holds with the index kept; after a
/// call-off written elsewhere, with the index read again.
#[test]
fn tabs_after_writes_elsewhere_show_what_is_stored() {
    use avtal::domain::meeting::{Meeting, MeetingKind};
    let dir = tempfile::tempdir().unwrap();
    let (store, a, calloffs) = common::demo_store(&dir.path().join("t.redb"), 300);
    let mut app = App::new(store, Lang::Sv, datetime!(2026-11-25 09:30));
    app.show_tab(Tab::CallOffs);
    let deviations_before = app.deviations.entries.len();
    let meeting = app
        .store
        .insert_meeting(&Meeting::new(
            a.id,
            MeetingKind::InternalContract,
            common::TODAY,
        ))
        .unwrap();
    app.store.save_minutes(meeting.id, "Punkt ett.").unwrap();
    app.store
        .insert_deviation(&common::manual_deviation(
            a.id,
            Some(&calloffs[3].reference),
            "Fel kompetens",
        ))
        .unwrap();
    app.show_tab(Tab::Meetings);
    app.show_tab(Tab::Deviations);
    assert_eq!(app.deviations.entries.len(), deviations_before + 1);
    app.show_tab(Tab::CallOffs);
    assert_eq!(
        seen(&app.calloffs.index),
        seen(&app.store.calloff_index(a.id).unwrap())
    );

    let mut changed = calloffs[5].clone();
    changed.orderer = "Ny beställare".into();
    app.store.save_calloff(&changed).unwrap();
    app.show_tab(Tab::Meetings);
    app.show_tab(Tab::CallOffs);
    let fresh = app.store.calloff_index(a.id).unwrap();
    assert!(fresh.orderers.contains(&"Ny beställare".to_string()));
    assert_eq!(seen(&app.calloffs.index), seen(&fresh));
}

/// `o` on the Deviations tab shows open deviations only, or all again: the deviations
/// closed by hand leave and come back, those against the ranking stay.
#[test]
fn open_only_toggles_the_closed_deviations() {
    use avtal::domain::deviation::{DeviationStatus, ManualDeviation};
    let dir = tempfile::tempdir().unwrap();
    let (store, a, _) = common::demo_store(&dir.path().join("o.redb"), 300);
    let mut app = App::new(store, Lang::Sv, datetime!(2026-11-25 09:30));
    for (i, status) in [
        DeviationStatus::Open,
        DeviationStatus::Closed,
        DeviationStatus::Closed,
    ]
    .into_iter()
    .enumerate()
    {
        app.store
            .insert_deviation(&ManualDeviation {
                status,
                ..common::manual_deviation(a.id, None, &format!("Avvikelse {i}"))
            })
            .unwrap();
    }
    app.show_tab(Tab::Deviations);
    let all = app.deviations.entries.len();
    assert!(all > 3);
    let open_only = app.deviations.open_only;
    app.handle_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    assert_ne!(app.deviations.open_only, open_only);
    let shown = app.deviations.entries.len();
    if app.deviations.open_only {
        assert_eq!(shown, all - 2);
    } else {
        assert_eq!(all, shown - 2);
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    assert_eq!(app.deviations.entries.len(), all);
}
