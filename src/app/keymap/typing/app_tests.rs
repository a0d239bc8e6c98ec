//! The handlers that take their command keys from `MINUTES` and `FILTER` (the form's are
//! tested beside it): each command key does what its binding says, with Ctrl held as
//! without, and every other key is text or nothing.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

use crate::app::{App, Tab};
use crate::i18n::Lang;
use crate::store::Store;

fn demo_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.redb")).unwrap();
    let now = datetime!(2026-11-25 09:30);
    crate::app::demo::load_demo(&store, now, 300).unwrap();
    let mut app = App::new(store, Lang::Sv, now);
    app.popup = None;
    (dir, app)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::CONTROL));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_minutes_editor_takes_its_commands_from_the_table() {
    let (_d, mut app) = demo_app();
    let m = app
        .store
        .meetings(None)
        .unwrap()
        .into_iter()
        .find(|m| !m.is_approved())
        .expect("a meeting to write minutes for");
    app.open_minutes(m.id);
    assert!(app.minutes.is_some());
    // q, s, t, g and l without Ctrl are text.
    type_text(&mut app, "qstgl lärdom");
    let line = |app: &App| {
        let ed = app.minutes.as_ref().unwrap();
        ed.area.lines()[ed.area.cursor().0].clone()
    };
    assert!(line(&app).ends_with("qstgl lärdom"), "{}", line(&app));
    ctrl(&mut app, KeyCode::Char('s'));
    assert_eq!(status(&app), app.cat.t("ui.minutes.saved_now"));
    // Ctrl-L marks the line a lesson, F4 (Ctrl held or not) takes it back.
    ctrl(&mut app, KeyCode::Char('l'));
    assert_eq!(status(&app), app.cat.t("ui.minutes.lesson_marked"));
    ctrl(&mut app, KeyCode::F(4));
    assert_eq!(status(&app), app.cat.t("ui.minutes.lesson_unmarked"));
    press(&mut app, KeyCode::F(4));
    assert_eq!(status(&app), app.cat.t("ui.minutes.lesson_marked"));
    // F3 records the line as a decision.
    press(&mut app, KeyCode::F(3));
    let decisions = |app: &App| app.store.meeting(m.id).unwrap().unwrap().decisions;
    assert!(decisions(&app).iter().any(|d| d.ends_with("qstgl lärdom")));
    // Ctrl-C is never text (the app answers it before the editor sees it).
    let before = line(&app);
    app.minutes_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(line(&app), before);
    // Ctrl-Q saves and closes, as Esc does.
    type_text(&mut app, " sist");
    ctrl(&mut app, KeyCode::Char('q'));
    assert!(app.minutes.is_none());
    let saved = app.store.meeting(m.id).unwrap().unwrap().minutes;
    assert!(saved.ends_with("qstgl lärdom sist"), "{saved}");
    // Esc with Ctrl held closes too.
    app.open_minutes(m.id);
    ctrl(&mut app, KeyCode::Esc);
    assert!(app.minutes.is_none());
}

#[test]
fn the_call_off_filter_moves_keeps_and_clears_by_the_table() {
    let (_d, mut app) = demo_app();
    app.show_tab(Tab::CallOffs);
    let all = app.calloffs.visible.len();
    assert!(all > 10);
    let first = app.calloffs.selected;
    type_text(&mut app, "/");
    assert!(app.calloffs.filtering);
    // The arrows move the selection while typing, with Ctrl held too.
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, KeyCode::Down);
    assert_eq!(app.calloffs.selected, first + 2);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.calloffs.selected, first + 1);
    // Keys the table does not list and that are no text do nothing.
    for code in [
        KeyCode::Left,
        KeyCode::Tab,
        KeyCode::F(5),
        KeyCode::PageDown,
    ] {
        press(&mut app, code);
    }
    ctrl(&mut app, KeyCode::Char('x'));
    assert_eq!(
        (app.calloffs.selected, app.calloffs.text.as_str()),
        (first + 1, "")
    );
    assert!(app.calloffs.filtering);
    // Letters (j and k too) are the filter's text; Backspace takes one back.
    type_text(&mut app, "1jk");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.calloffs.text, "1j");
    press(&mut app, KeyCode::Backspace);
    // Ctrl-Enter keeps the filter as Enter does.
    ctrl(&mut app, KeyCode::Enter);
    assert!(!app.calloffs.filtering);
    assert_eq!(app.calloffs.text, "1");
    // Esc clears it.
    type_text(&mut app, "/");
    press(&mut app, KeyCode::Esc);
    assert!(!app.calloffs.filtering);
    assert_eq!(app.calloffs.visible.len(), all);
}

#[test]
fn the_register_filter_moves_keeps_and_clears_by_the_table() {
    let (_d, mut app) = demo_app();
    app.show_tab(Tab::Agreements);
    let all = app.register.visible.len();
    assert!(all > 2);
    let first = app.register.selected;
    type_text(&mut app, "/");
    assert!(app.register.filtering);
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.register.selected, first + 1);
    for code in [KeyCode::Right, KeyCode::BackTab, KeyCode::Home] {
        press(&mut app, code);
    }
    ctrl(&mut app, KeyCode::Char('u'));
    assert_eq!(
        (app.register.selected, app.register.filter.as_str()),
        (first + 1, "")
    );
    type_text(&mut app, "zzzq");
    assert_eq!(app.register.visible.len(), 0);
    ctrl(&mut app, KeyCode::Esc);
    assert!(!app.register.filtering);
    assert_eq!(app.register.filter, "");
    assert_eq!(app.register.visible.len(), all);
    type_text(&mut app, "/zz");
    press(&mut app, KeyCode::Enter);
    assert!(!app.register.filtering);
    assert_eq!(app.register.filter, "zz");
}
