//! The Call-offs list is a window over a compact index: filtered, it shows the same
//! call-offs in the same order as filtering every stored row would.

use crate::common;

use avtal::app::calloffs::OutcomeFilter;
use avtal::app::{App, Tab};
use avtal::domain::calloff::CallOffMethod;
use avtal::i18n::Lang;
use avtal::store::{CallOffRow, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

fn brute_force(app: &App, rows: &[CallOffRow]) -> Vec<String> {
    let st = &app.calloffs;
    let needle = st.text.to_lowercase();
    let mut rows: Vec<&CallOffRow> = rows
        .iter()
        .filter(|r| {
            let c = &r.calloff;
            st.supplier
                .as_ref()
                .is_none_or(|s| c.awarded_supplier.as_ref() == Some(s))
                && st.lot.as_ref().is_none_or(|l| &c.lot == l)
                && st.method.is_none_or(|m| c.method == m)
                && match st.outcome {
                    OutcomeFilter::All => true,
                    OutcomeFilter::Compliant => {
                        r.outcome == avtal::domain::ranking::RankingOutcome::Compliant
                    }
                    OutcomeFilter::Deviation => r.outcome.is_deviation(),
                    OutcomeFilter::NotAssessed => {
                        r.outcome == avtal::domain::ranking::RankingOutcome::NotAssessed
                    }
                }
                && (needle.is_empty()
                    || c.reference.to_lowercase().contains(&needle)
                    || c.orderer.to_lowercase().contains(&needle))
        })
        .collect();
    rows.sort_by(|x, y| {
        let (x, y) = (&x.calloff, &y.calloff);
        (y.requested_at, &y.reference).cmp(&(x.requested_at, &x.reference))
    });
    rows.iter().map(|r| r.calloff.reference.clone()).collect()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn the_windowed_list_shows_what_filtering_every_row_would() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let (store, a, _) = common::demo_store(&dir.path().join("w.redb"), 3000);
    let rows = store.calloff_rows(a.id).unwrap();
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::CallOffs);
    type Setup = fn(&mut App, &avtal::domain::Agreement);
    let cases: Vec<Setup> = vec![
        |_, _| {},
        |app, _| app.calloffs.outcome = OutcomeFilter::Deviation,
        |app, _| app.calloffs.outcome = OutcomeFilter::NotAssessed,
        |app, a| app.calloffs.lot = Some(a.lots[0].name.clone()),
        |app, _| app.calloffs.method = Some(CallOffMethod::Competition),
        |app, a| {
            app.calloffs.supplier = Some(a.suppliers[0].org_number.clone());
            app.calloffs.outcome = OutcomeFilter::Compliant;
        },
        |app, _| app.calloffs.text = "12".into(),
    ];
    for (n, setup) in cases.into_iter().enumerate() {
        app.calloffs.supplier = None;
        app.calloffs.lot = None;
        app.calloffs.method = None;
        app.calloffs.outcome = OutcomeFilter::All;
        app.calloffs.text.clear();
        setup(&mut app, &a);
        app.calloffs.refresh();
        let want = brute_force(&app, &rows);
        assert!(!want.is_empty(), "case {n} filters everything out");
        let got: Vec<String> = (0..app.calloffs.visible.len())
            .map(|p| app.calloffs.reference_at(p).unwrap().to_string())
            .collect();
        assert_eq!(got, want, "case {n}");
        // The rows read for the screen are those call-offs, whole, as stored.
        app.calloffs.selected = 0;
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Up);
        let shown = (0..want.len().min(40))
            .map(|p| app.calloffs.visible_row(p).cloned().unwrap())
            .collect::<Vec<_>>();
        for (r, reference) in shown.iter().zip(&want) {
            assert_eq!(&r.calloff.reference, reference, "case {n}");
            assert!(rows.contains(r), "case {n}: {reference} as stored");
        }
    }
}

/// A national agreement's references run past 13 characters (AV-2025-0999999 at a
/// million): the list must show them whole, or neighbours look like duplicates.
#[test]
fn long_references_are_shown_whole() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("l.redb")).unwrap();
    let register = avtal::demo::register(now.date());
    let ids = store.import_agreements(&register).unwrap();
    let mut a = register[0].clone();
    a.id = ids[0].0;
    let (mut calloffs, _) = avtal::demo::calloffs::calloffs(&a, now, 3);
    for (i, c) in calloffs.iter_mut().enumerate() {
        c.reference = format!("AV-2025-099999{i}");
        // Late and undelivered, so the Sanctions tab lists a penalty for each.
        c.awarded_supplier = Some(a.suppliers[0].org_number.clone());
        c.value = Some(avtal::domain::Money(10_000_000));
        c.delivery_due = Some(now.date() - time::Duration::days(30));
        c.delivered_at = None;
    }
    store.import_calloffs(&calloffs).unwrap();
    store.set_followed(a.id).unwrap();
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::CallOffs);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    term.draw(|f| avtal::ui::render(f, &app)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    for i in 0..3 {
        let reference = format!("AV-2025-099999{i}");
        assert!(screen.contains(&reference), "{reference} cut in:\n{screen}");
    }
    app.show_tab(Tab::Sanctions);
    term.draw(|f| avtal::ui::render(f, &app)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    for i in 0..3 {
        let reference = format!("AV-2025-099999{i}");
        assert!(
            screen.contains(&reference),
            "{reference} cut in the sanctions:\n{screen}"
        );
    }
}

/// The Deviations tab lists every ranking deviation (positions in the compact index,
/// newest first) but holds full rows only for a window around the selection, and the
/// rows it holds are the stored ones — also after jumping to the end and paging back.
#[test]
fn the_deviations_list_holds_rows_for_its_window_only() {
    use avtal::app::deviations::DeviationEntry;
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let (store, a, _) = common::demo_store(&dir.path().join("d.redb"), 6000);
    let stored = store.calloff_rows(a.id).unwrap();
    let mut want: Vec<&CallOffRow> = stored.iter().filter(|r| r.outcome.is_deviation()).collect();
    want.sort_by(|x, y| {
        let (x, y) = (&x.calloff, &y.calloff);
        (y.requested_at, &y.reference).cmp(&(x.requested_at, &x.reference))
    });
    assert!(
        want.len() > 2 * avtal::app::calloffs::WINDOW + 100,
        "too few deviations to scroll: {}",
        want.len()
    );
    // Deviations registered by hand on the days of some ranking deviations and before
    // all of them: merged in by day, a ranking one first on the same day.
    let days = [
        want[10].calloff.requested_at.date(),
        want[200].calloff.requested_at.date(),
        want[want.len() - 1].calloff.requested_at.date() - time::Duration::days(3),
    ];
    for (n, day) in days.iter().enumerate() {
        use avtal::domain::deviation::*;
        store
            .insert_deviation(&ManualDeviation {
                id: DeviationId::default(),
                agreement: a.id,
                calloff: None,
                supplier: None,
                kind: ManualKind::Other,
                registered: *day,
                description: format!("manual {n}"),
                status: DeviationStatus::Open,
                measures: String::new(),
                lesson: false,
            })
            .unwrap();
    }
    // The order the list had when it was sorted whole: stable, newest day first.
    let mut order: Vec<(time::Date, String)> = want
        .iter()
        .map(|r| (r.calloff.requested_at.date(), r.calloff.reference.clone()))
        .chain(
            days.iter()
                .enumerate()
                .map(|(n, d)| (*d, format!("manual {n}"))),
        )
        .collect();
    order.sort_by_key(|(d, _)| std::cmp::Reverse(*d));

    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::Deviations);
    let index = &app.calloffs.index;
    let got: Vec<&str> = app
        .deviations
        .entries
        .iter()
        .filter_map(|e| match e {
            DeviationEntry::Ranking(i) => Some(index.reference(*i as usize)),
            DeviationEntry::Manual(_) => None,
        })
        .collect();
    let want_refs: Vec<&str> = want.iter().map(|r| r.calloff.reference.as_str()).collect();
    assert_eq!(got, want_refs);
    let merged: Vec<String> = app
        .deviations
        .entries
        .iter()
        .map(|e| match e {
            DeviationEntry::Ranking(i) => index.reference(*i as usize).to_string(),
            DeviationEntry::Manual(d) => d.description.clone(),
        })
        .collect();
    let order: Vec<String> = order.into_iter().map(|(_, s)| s).collect();
    assert_eq!(merged, order);

    let check = |app: &App| {
        assert!(app.deviations.rows.len() <= 2 * avtal::app::calloffs::WINDOW);
        let sel = app.deviations.selected;
        let Some(DeviationEntry::Ranking(i)) = app.deviations.entries.get(sel) else {
            return;
        };
        let held = app
            .deviations
            .row(*i)
            .expect("the selected deviation's row is held");
        let stored = stored
            .iter()
            .find(|r| r.calloff.reference == held.calloff.reference)
            .unwrap();
        assert_eq!(held, stored);
    };
    check(&app);
    press(&mut app, KeyCode::End);
    assert_eq!(app.deviations.selected, app.deviations.entries.len() - 1);
    check(&app);
    for _ in 0..20 {
        press(&mut app, KeyCode::PageUp);
        check(&app);
    }
}

/// Typing a text narrows the list made for the text before it, and Backspace takes the
/// list it had back: every step shows what filtering every row would, also when another
/// filter changes in between (the kept lists then no longer hold).
#[test]
fn a_text_typed_and_taken_back_shows_what_filtering_every_row_would() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let (store, a, _) = common::demo_store(&dir.path().join("t.redb"), 3000);
    let rows = store.calloff_rows(a.id).unwrap();
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::CallOffs);
    let check = |app: &App, when: &str| {
        let got: Vec<String> = (0..app.calloffs.visible.len())
            .map(|p| app.calloffs.reference_at(p).unwrap().to_string())
            .collect();
        assert_eq!(got, brute_force(app, &rows), "{when}");
    };
    press(&mut app, KeyCode::Char('/'));
    for text in ["00", "a", "1"] {
        for c in text.chars() {
            press(&mut app, KeyCode::Char(c));
            check(&app, &format!("typed {:?}", app.calloffs.text));
        }
        // Another filter between two keys: the lists made before do not hold.
        app.calloffs.outcome = OutcomeFilter::Deviation;
        app.calloffs.refresh();
        check(&app, "with deviations only");
        app.calloffs.outcome = OutcomeFilter::All;
        app.calloffs.refresh();
        check(&app, "all outcomes again");
        for _ in text.chars() {
            press(&mut app, KeyCode::Backspace);
            check(&app, &format!("back to {:?}", app.calloffs.text));
        }
    }
    // Typed on after a Backspace: "0" then "07" narrows the list kept for "0".
    for c in ['0', '7'] {
        press(&mut app, KeyCode::Char(c));
        check(&app, &format!("typed {:?}", app.calloffs.text));
    }
}

/// The call-off selected stays selected while a text narrows the list around it and
/// is taken back again; one filtered out leaves the selection in the list.
#[test]
fn the_selection_stays_on_its_call_off_while_typing() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let (store, _, _) = common::demo_store(&dir.path().join("s.redb"), 3000);
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::CallOffs);
    for _ in 0..1234 {
        press(&mut app, KeyCode::Down);
    }
    let chosen = app.calloffs.selected_reference().unwrap().to_string();
    // The last four characters of its reference, typed one by one.
    let tail: String = chosen
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    press(&mut app, KeyCode::Char('/'));
    for c in tail.chars() {
        press(&mut app, KeyCode::Char(c));
        assert_eq!(
            app.calloffs.selected_reference(),
            Some(chosen.as_str()),
            "typed {:?}",
            app.calloffs.text
        );
    }
    for _ in tail.chars() {
        press(&mut app, KeyCode::Backspace);
        assert_eq!(
            app.calloffs.selected_reference(),
            Some(chosen.as_str()),
            "back to {:?}",
            app.calloffs.text
        );
    }
    assert_eq!(app.calloffs.selected, 1234);
    // A text it does not hold: the selection stays within the shorter list.
    for c in "zzq".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert!(app.calloffs.visible.is_empty());
    assert_eq!(app.calloffs.selected, 0);
}

/// References with letters outside ASCII beside plain ones: each is searched as its
/// own text, whatever the others hold.
#[test]
fn references_outside_ascii_are_found_beside_plain_ones() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("u.redb")).unwrap();
    let register = avtal::demo::register(now.date());
    let ids = store.import_agreements(&register).unwrap();
    let mut a = register[0].clone();
    a.id = ids[0].0;
    let (mut calloffs, _) = avtal::demo::calloffs::calloffs(&a, now, 6);
    let references = [
        "AV-ÖST-1",
        "av-öst-2",
        "AV-2025-1",
        "Avrop Åre 7",
        "AV-OST-3",
        "ÅRE-ÖST",
    ];
    for (c, reference) in calloffs.iter_mut().zip(references) {
        c.reference = reference.to_string();
        c.orderer = "Kommunen".into();
    }
    store.import_calloffs(&calloffs).unwrap();
    store.set_followed(a.id).unwrap();
    let rows = store.calloff_rows(a.id).unwrap();
    let mut app = App::new(store, Lang::Sv, now);
    app.show_tab(Tab::CallOffs);
    for (text, found) in [
        ("öst", 3),
        ("ÖST", 3),
        ("av-", 4),
        ("ost", 1),
        ("åre", 2),
        ("e 7", 1),
        ("-1", 2),
        ("kommunen", 6),
    ] {
        app.calloffs.text = text.into();
        app.calloffs.refresh();
        let got: Vec<String> = (0..app.calloffs.visible.len())
            .map(|p| app.calloffs.reference_at(p).unwrap().to_string())
            .collect();
        assert_eq!(got, brute_force(&app, &rows), "{text}");
        assert_eq!(got.len(), found, "{text}: {got:?}");
    }
}
