//! The Renewed competition list is a window over the compact call-off index: it shows the
//! same call-offs in the same order, with the same statuses, as building it from every
//! stored row would, wherever the selection is.

use crate::common;

use std::collections::HashMap;

use avtal::app::competitions::{CompStatus, default_model};
use avtal::app::{App, Tab};
use avtal::domain::Money;
use avtal::domain::calloff::CallOffMethod;
use avtal::domain::competition::{Competition, Tender};
use avtal::i18n::{Catalog, Lang};
use avtal::store::Store;
use common::{draw, press, screen};
use ratatui::crossterm::event::KeyCode;
use time::macros::datetime;

/// The list as it was built before the window: every call-off by competition read whole,
/// newest request first, each with its stored competition.
fn brute_force(store: &Store, a: avtal::domain::AgreementId) -> Vec<(String, CompStatus)> {
    let mut rows: Vec<_> = store
        .calloff_rows(a)
        .unwrap()
        .into_iter()
        .map(|r| r.calloff)
        .filter(|c| c.method == CallOffMethod::Competition)
        .collect();
    rows.sort_by(|x, y| (y.requested_at, &y.reference).cmp(&(x.requested_at, &x.reference)));
    let stored: HashMap<String, Competition> = store
        .competitions(a)
        .unwrap()
        .into_iter()
        .map(|c| (c.calloff.clone(), c))
        .collect();
    rows.into_iter()
        .map(|c| {
            let status = CompStatus::of(stored.get(&c.reference));
            (c.reference, status)
        })
        .collect()
}

/// The list as the application holds it: references from the index, statuses from the
/// competitions it keeps.
fn listed(app: &App) -> Vec<(String, CompStatus)> {
    let st = &app.competitions;
    (0..st.len())
        .map(|p| {
            let reference = st.reference_at(&app.calloffs.index, p).unwrap().to_string();
            let status = CompStatus::of(st.stored.get(&reference));
            (reference, status)
        })
        .collect()
}

/// The rows the window holds around the selection are those call-offs, as listed.
fn check_window(app: &App, want: &[(String, CompStatus)], what: &str) {
    let st = &app.competitions;
    let sel = st.selected;
    let row = st.selected_row(&app.calloffs.index);
    let row = row.unwrap_or_else(|| panic!("{what}: the selected row {sel} is not read"));
    assert_eq!(row.calloff.reference, want[sel].0, "{what}");
    assert_eq!(row.status(), want[sel].1, "{what}");
    let from = sel.saturating_sub(30);
    for (pos, w) in want.iter().enumerate().skip(from).take(60) {
        let r = st.row(&app.calloffs.index, pos);
        let r = r.unwrap_or_else(|| panic!("{what}: row {pos} near the selection not read"));
        assert_eq!(&(r.calloff.reference.clone(), r.status()), w, "{what}");
    }
    // The screen shows the selected call-off with its status.
    let text = screen(app, 100, 30);
    assert!(text.contains(&want[sel].0), "{what}:\n{text}");
}

#[test]
fn the_windowed_competition_list_shows_what_every_row_would() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let (store, a, calloffs) = common::demo_store(&dir.path().join("c.redb"), 3000);

    // Competitions at every stage, spread over the list (newest, middle, oldest), one
    // for a call-off by ranking and one for a call-off that is not stored: those two
    // are not listed.
    let by_competition: Vec<_> = calloffs
        .iter()
        .filter(|c| c.method == CallOffMethod::Competition)
        .collect();
    assert!(by_competition.len() > 200, "{}", by_competition.len());
    let cat = Catalog::get(Lang::Sv);
    let n = by_competition.len();
    for (k, i) in [1, 2, 3, n / 2, n / 2 + 1, n - 5, n - 3]
        .into_iter()
        .enumerate()
    {
        let c = by_competition[i];
        let mut comp = Competition::new(&c.reference, a.id, &c.lot, default_model(cat));
        if k % 3 >= 1 {
            comp.tenders.push(Tender {
                supplier: a.suppliers[0].org_number.clone(),
                price: Money(10_000_000),
                points: vec![3, 3],
            });
        }
        if k % 3 == 2 {
            comp.winner = Some(a.suppliers[0].org_number.clone());
        }
        store.save_competition(&comp).unwrap();
    }
    let ranked = calloffs
        .iter()
        .find(|c| c.method == CallOffMethod::Ranking)
        .unwrap();
    for reference in [ranked.reference.as_str(), "AV-GONE-1"] {
        let comp = Competition::new(reference, a.id, "Lot", default_model(cat));
        store.save_competition(&comp).unwrap();
    }

    let want = brute_force(&store, a.id);
    let statuses: Vec<CompStatus> = want.iter().map(|w| w.1).collect();
    for s in [
        CompStatus::NotStarted,
        CompStatus::Invited,
        CompStatus::TendersIn,
        CompStatus::WinnerRecorded,
    ] {
        assert!(statuses.contains(&s), "{s:?} is among the statuses");
    }
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::Competitions);
    assert_eq!(listed(&app), want);
    // Only the listed call-offs' competitions are kept.
    assert_eq!(app.competitions.stored.len(), 7);
    check_window(&app, &want, "at the top");

    // Far down by pages, to the end, and back to the top.
    draw(&app, 100, 30);
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(
        app.competitions.selected > 200,
        "{}",
        app.competitions.selected
    );
    check_window(&app, &want, "after paging down");
    press(&mut app, KeyCode::End);
    assert_eq!(app.competitions.selected, want.len() - 1);
    check_window(&app, &want, "at the end");
    for _ in 0..4 {
        press(&mut app, KeyCode::Up);
    }
    check_window(&app, &want, "near the end");

    // Starting a competition far down: the list is the same, that row is invited.
    let pos = app.competitions.selected;
    let reference = want[pos].0.clone();
    assert_eq!(want[pos].1, CompStatus::NotStarted);
    press(&mut app, KeyCode::Enter);
    let open = app.competitions.open.as_ref().expect("opened");
    assert_eq!(open.competition.calloff, reference);
    let agreement = open.competition.agreement;
    assert!(
        app.store
            .competition(agreement, &reference)
            .unwrap()
            .is_some()
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.competitions.open.is_none());
    let want = brute_force(&app.store, a.id);
    assert_eq!(want[pos], (reference.clone(), CompStatus::Invited));
    assert_eq!(listed(&app), want);
    assert_eq!(app.competitions.selected, pos);
    check_window(&app, &want, "after starting a competition");

    // Back at the top after another tab, the list is still the same.
    app.show_tab(Tab::CallOffs);
    app.show_tab(Tab::Competitions);
    press(&mut app, KeyCode::Home);
    assert_eq!(listed(&app), want);
    check_window(&app, &want, "back at the top");
}
