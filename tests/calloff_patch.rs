//! Issue 7: after the application writes one call-off (save, delete, undo, a request), its
//! in-memory index is patched by that call-off's entry instead of read again whole (a
//! full read is ~250 ms at a million call-offs). The patched index must always equal a
//! fresh read, and a write the application did not make must still lead to a full read.

mod common;

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
        avtal::app::calloff_load::moved(&mut positions, placed, deviation);
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
    let (mut back, requests) = store.delete_calloff(&gone).unwrap();
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
