//! Terminal sizes from 20×5 to 400×120 with a form open (a new agreement, a new call-off,
//! the minutes editor with the action popup over it), and the terminal resized back and
//! forth between keys while typing into the form: no panic, and what was typed stays.

use crate::common;

use avtal::app::App;
use avtal::domain::meeting::{Meeting, MeetingKind};
use avtal::i18n::Lang;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::date;

/// Every size of the grid, plus the corners and a few odd ones.
fn sizes() -> Vec<(u16, u16)> {
    let mut v = Vec::new();
    for w in (20..=400).step_by(19) {
        for h in (5..=120).step_by(23) {
            v.push((w, h));
        }
    }
    v.extend([
        (20, 5),
        (400, 120),
        (20, 120),
        (400, 5),
        (21, 6),
        (399, 119),
    ]);
    v
}

/// Back and forth between small and large, as a window being dragged.
fn back_and_forth() -> impl Iterator<Item = (u16, u16)> {
    let steps = [
        (20, 5),
        (400, 120),
        (33, 9),
        (80, 24),
        (20, 120),
        (400, 5),
        (57, 13),
        (200, 60),
        (21, 7),
    ];
    steps.into_iter().cycle()
}

/// One terminal resized as a real one is: `resize` and then the next frame.
fn sweep_all_sizes(app: &App) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for (w, h) in sizes() {
        term.backend_mut().resize(w, h);
        term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
        term.draw(|f| avtal::ui::render(f, app)).unwrap();
        // A fresh terminal of that size too, as on start.
        draw(app, w, h);
    }
}

/// Types `text` into the form's focused field one key at a time, resizing between keys.
fn type_while_resizing(app: &mut App, text: &str) {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sizes = back_and_forth();
    for c in text.chars() {
        let (w, h) = sizes.next().unwrap();
        term.backend_mut().resize(w, h);
        term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
        term.draw(|f| avtal::ui::render(f, app)).unwrap();
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
        term.draw(|f| avtal::ui::render(f, app)).unwrap();
    }
}

fn focused_text(app: &App) -> String {
    let form = app.form.as_ref().expect("the form is still open");
    form.fields[form.focus].text()
}

fn field_text(app: &App, i: usize) -> String {
    app.form.as_ref().expect("the form is still open").fields[i].text()
}

#[test]
fn the_new_agreement_form_at_every_size_keeps_what_was_typed() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_some());
    sweep_all_sizes(&app);
    type_while_resizing(&mut app, "UH-RESIZE-1");
    assert_eq!(focused_text(&app), "UH-RESIZE-1");
    press(&mut app, KeyCode::Tab);
    type_while_resizing(
        &mut app,
        "Avtal med ett långt namn 🙂 مرحبا som inte får plats",
    );
    assert_eq!(
        focused_text(&app),
        "Avtal med ett långt namn 🙂 مرحبا som inte får plats"
    );
    press(&mut app, KeyCode::Tab);
    type_while_resizing(&mut app, "2026-01-01");
    press(&mut app, KeyCode::Tab);
    type_while_resizing(&mut app, "2027-12-31");
    sweep_all_sizes(&app);
    assert_eq!(field_text(&app, 0), "UH-RESIZE-1");
    assert_eq!(field_text(&app, 2), "2026-01-01");
    assert_eq!(field_text(&app, 3), "2027-12-31");
    // And it saves what was typed.
    ctrl(&mut app, 's');
    let a = app
        .store
        .agreement_by_reference("UH-RESIZE-1")
        .unwrap()
        .expect("saved");
    assert_eq!(
        a.name,
        "Avtal med ett långt namn 🙂 مرحبا som inte får plats"
    );
    assert_eq!(a.end, date!(2027 - 12 - 31));
}

#[test]
fn the_new_calloff_form_at_every_size_keeps_what_was_typed() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_some(), "{}", screen(&app, 100, 30));
    sweep_all_sizes(&app);
    let focus = app.form.as_ref().unwrap().focus;
    let before = focused_text(&app);
    type_while_resizing(&mut app, "AV-RESIZE-99");
    assert_eq!(focused_text(&app), format!("{before}AV-RESIZE-99"));
    // Past the lot (a pick list) to the orderer.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let second = app.form.as_ref().unwrap().focus;
    let before2 = focused_text(&app);
    type_while_resizing(&mut app, "Olle Beställare");
    sweep_all_sizes(&app);
    assert_eq!(field_text(&app, focus), format!("{before}AV-RESIZE-99"));
    assert_eq!(
        field_text(&app, second),
        format!("{before2}Olle Beställare")
    );
}

#[test]
fn the_minutes_editor_and_its_action_popup_at_every_size_keep_what_was_typed() {
    let (_d, app) = app_with(&[it_agreement()], Lang::Sv);
    let id = app.store.agreements().unwrap()[0].id;
    let m = app
        .store
        .insert_meeting(&Meeting::new(
            id,
            MeetingKind::Collaboration,
            date!(2026 - 11 - 25),
        ))
        .unwrap();
    let mut app = app;
    app.open_minutes(m.id);
    sweep_all_sizes(&app);
    // Typing into the minutes while the window is dragged about.
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut sizes = back_and_forth();
    let line = "Alfa skickar en plan 🙂 e\u{301} مرحبا";
    for c in line.chars() {
        let (w, h) = sizes.next().unwrap();
        term.backend_mut().resize(w, h);
        term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
        term.draw(|f| avtal::ui::render(f, &app)).unwrap();
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert_eq!(app.minutes.as_ref().unwrap().text(), line);
    ctrl(&mut app, 't');
    assert!(app.form.is_some());
    sweep_all_sizes(&app);
    type_while_resizing(&mut app, "Anna Alfa");
    assert_eq!(focused_text(&app), "Anna Alfa");
    // The form keeps the line as typed, composed (NFC: "e" + accent is "é"), as every
    // form does, so names and references compare alike whatever keyboard typed them.
    let composed: String = unicode_normalization::UnicodeNormalization::nfc(line).collect();
    assert_eq!(field_text(&app, 0), composed);
    sweep_all_sizes(&app);
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    let actions = app.store.actions_of_meeting(m.id).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].owner, "Anna Alfa");
    assert_eq!(actions[0].text, composed);
    sweep_all_sizes(&app);
    app.shutdown();
    assert_eq!(app.store.meeting(m.id).unwrap().unwrap().minutes, line);
}

/// At 80 columns every tab shows a name, never a bare digit, whichever tab is current and
/// in both languages (issue 13: tabs 7 to 0 were `7   8   9   0`).
#[test]
fn every_tab_has_a_name_at_80_columns() {
    use avtal::app::Tab;
    for lang in [Lang::Sv, Lang::En] {
        let (_d, mut app) = common::app_with(&common::fixture_register(), lang);
        let tabs = [
            Tab::Agenda,
            Tab::Agreements,
            Tab::CallOffs,
            Tab::Deviations,
            Tab::Sanctions,
            Tab::Competitions,
            Tab::Purchases,
            Tab::Meetings,
            Tab::Actions,
            Tab::Checklist,
            Tab::FollowUp,
            Tab::Statistics,
        ];
        for tab in tabs {
            app.show_tab(tab);
            let text = common::screen(&app, 80, 24);
            let bar = text.lines().next().unwrap().trim_matches('"').to_string();
            let words: Vec<&str> = bar.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                if w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()) {
                    let next = words.get(i + 1).copied().unwrap_or("");
                    assert!(
                        !next.chars().all(|c| c.is_ascii_digit()) && !next.is_empty(),
                        "{lang:?}, {tab:?}: a bare digit {w} in {bar:?}"
                    );
                }
            }
            for digit in "1234567890".chars() {
                assert!(bar.contains(&format!("{digit} ")), "{tab:?}: {bar:?}");
            }
            // The current tab's name is there, short or in full.
            let full = app.cat.t(tab.label());
            let short = app
                .cat
                .t(&tab.label().replacen("ui.tab.", "ui.tab_short.", 1));
            assert!(
                bar.contains(full) || bar.contains(short),
                "{tab:?}: {bar:?}"
            );
        }
    }
}
