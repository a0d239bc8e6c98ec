//! Never lose what was typed: every way out of a form with unsaved changes asks, or keeps
//! a draft that the next start offers back (issue 13).

use crate::common;

use avtal::app::{App, Popup};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// The register with a new agreement's form half filled in.
fn typing_a_new_agreement(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, mut app) = app_with(&fixture_register(), lang);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "n");
    keys(&mut app, "UH-2026-300");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Tolktjänster i norr");
    (d, app)
}

fn field(app: &App, label: &str) -> String {
    app.form
        .as_ref()
        .expect("the form is open")
        .field(label)
        .text()
}

#[test]
fn ctrl_c_in_a_dirty_form_asks_and_keeping_typing_loses_nothing() {
    let (_d, mut app) = typing_a_new_agreement(Lang::Sv);
    ctrl(&mut app, 'c');
    assert!(!app.quit, "Ctrl-C quit with unsaved typing");
    assert!(matches!(app.popup, Some(Popup::Leave { .. })));
    let text = screen(&app, 80, 24);
    for words in [
        "Osparade ändringar",
        "spara och avsluta",
        "kasta ändringarna och avsluta",
        "fortsätt skriva",
        "Ctrl-C igen",
    ] {
        assert!(text.contains(words), "{words:?} missing:\n{text}");
    }
    // Movement keys and an Enter by reflex (the cursor starts on keeping typing) lose
    // nothing and quit nothing.
    keys(&mut app, "jkk");
    assert!(matches!(app.popup, Some(Popup::Leave { .. })));
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert!(!app.quit);
    assert_eq!(field(&app, "ui.field.reference"), "UH-2026-300");
    assert_eq!(field(&app, "ui.field.name"), "Tolktjänster i norr");
    // Esc in the question is keeping typing too; then the form takes keys again.
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "!");
    assert_eq!(field(&app, "ui.field.name"), "Tolktjänster i norr!");
    assert_eq!(app.store.agreements().unwrap().len(), 4);
}

#[test]
fn ctrl_c_then_save_saves_and_quits_and_a_refused_save_stays() {
    let (_d, mut app) = typing_a_new_agreement(Lang::Sv);
    // The dates are still to be filled: the save is refused, the form stays as typed,
    // with the cursor on the first field to fix, and the program stays.
    ctrl(&mut app, 'c');
    keys(&mut app, "s");
    assert!(app.form.is_some());
    assert!(!app.quit);
    assert_eq!(field(&app, "ui.field.name"), "Tolktjänster i norr");
    keys(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2028-01-31");
    ctrl(&mut app, 'c');
    keys(&mut app, "s");
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    assert!(app.quit);
    let saved = app
        .store
        .agreement_by_reference("UH-2026-300")
        .unwrap()
        .expect("saved");
    assert_eq!(saved.name, "Tolktjänster i norr");
}

#[test]
fn ctrl_c_then_discard_discards_only_when_asked() {
    let (_d, mut app) = typing_a_new_agreement(Lang::En);
    ctrl(&mut app, 'c');
    assert!(screen(&app, 80, 24).contains("Unsaved changes"));
    keys(&mut app, "d");
    assert!(app.quit);
    assert!(app.form.is_none());
    assert_eq!(app.store.agreements().unwrap().len(), 4);
    assert_eq!(app.store.draft().unwrap(), None);
}

#[test]
fn ctrl_c_in_a_clean_form_or_a_list_quits_at_once() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "e");
    assert!(app.form.is_some());
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

#[test]
fn ctrl_c_twice_keeps_a_draft_that_the_next_start_offers_and_fills_back() {
    let (d, mut app) = typing_a_new_agreement(Lang::Sv);
    ctrl(&mut app, 'c');
    ctrl(&mut app, 'c');
    assert!(app.quit);
    assert_eq!(app.store.agreements().unwrap().len(), 4);
    drop(app);

    let mut app = App::new(open_store(&d), Lang::Sv, NOW);
    // The start says what was kept, with every value.
    assert!(matches!(app.popup, Some(Popup::Info { .. })));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Osparat formulär"), "{text}");
    assert!(text.contains("UH-2026-300"), "{text}");
    assert!(text.contains("Tolktjänster i norr"), "{text}");
    press(&mut app, KeyCode::Esc);
    // Another form opened elsewhere is not filled with it.
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "e");
    assert_ne!(field(&app, "ui.field.name"), "Tolktjänster i norr");
    press(&mut app, KeyCode::Esc);
    // The same form is.
    keys(&mut app, "n");
    assert_eq!(field(&app, "ui.field.reference"), "UH-2026-300");
    assert_eq!(field(&app, "ui.field.name"), "Tolktjänster i norr");
    assert!(app.form.as_ref().unwrap().changed);
    assert!(screen(&app, 80, 24).contains("Utkastet från"));
    // It now lives in the form: Esc asks, as for any typing.
    assert_eq!(app.store.draft().unwrap(), None);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    assert_eq!(app.store.draft().unwrap(), None);
}

#[test]
fn an_end_not_chosen_keeps_the_form_as_a_draft() {
    // What the loop does after SIGHUP or SIGTERM (src/tui.rs): keep_draft before closing.
    let (d, mut app) = typing_a_new_agreement(Lang::En);
    assert!(app.keep_draft());
    drop(app);
    let draft = open_store(&d).draft().unwrap().expect("a draft");
    assert_eq!(draft.fields[0].text, "UH-2026-300");
    assert_eq!(draft.fields[1].text, "Tolktjänster i norr");
    // A clean form leaves none.
    let (d, mut app) = app_with(&fixture_register(), Lang::En);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "e");
    assert!(app.keep_draft());
    drop(app);
    assert_eq!(open_store(&d).draft().unwrap(), None);
}

#[test]
fn a_draft_of_a_new_agreement_comes_back_wherever_a_new_agreement_is_begun() {
    // Begun from the welcome of an empty register, taken up again from the register.
    let (d, mut app) = app_with(&[], Lang::Sv);
    keys(&mut app, "n");
    keys(&mut app, "UH-2026-301");
    assert!(app.keep_draft());
    drop(app);
    let mut app = App::new(open_store(&d), Lang::Sv, NOW);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "2n");
    assert_eq!(field(&app, "ui.field.reference"), "UH-2026-301");
}

#[test]
fn the_draft_notice_stays_for_a_movement_key_and_closes_for_esc() {
    let (d, mut app) = typing_a_new_agreement(Lang::Sv);
    assert!(app.keep_draft());
    drop(app);
    let mut app = App::new(open_store(&d), Lang::Sv, NOW);
    keys(&mut app, "jk");
    press(&mut app, KeyCode::Down);
    assert!(matches!(app.popup, Some(Popup::Info { .. })));
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
}
