//! The Meetings tab and the live minutes editor, driven by keys as a secretary types.

use crate::common;

use std::time::{Duration, Instant};

use avtal::app::{App, Tab};
use avtal::domain::meeting::{ActionStatus, Meeting, MeetingKind, MeetingStatus};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::date;

fn snap(name: &str, app: &App, w: u16, h: u16) {
    insta::assert_snapshot!(name, draw(app, w, h).backend());
}

/// The fixture register with two meetings of the IT agreement: one held, one planned.
fn with_two_meetings(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, app) = app_with_calloffs(lang);
    let id = app.store.followed().unwrap().unwrap();
    let mut held = Meeting::new(id, MeetingKind::SupplierStart, date!(2026 - 11 - 10));
    held.supplier = Some(org("556074-3089"));
    held.status = MeetingStatus::Held;
    let mut next = Meeting::new(id, MeetingKind::Collaboration, date!(2026 - 12 - 08));
    next.supplier = Some(org("556074-3089"));
    app.store.insert_meeting(&held).unwrap();
    app.store.insert_meeting(&next).unwrap();
    drop(app);
    let store = avtal::store::Store::open(&dir.path().join("avtal.redb")).unwrap();
    let app = App::new(store, lang, NOW);
    (dir, app)
}

fn type_line(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
    }
}

#[test]
fn hold_a_meeting_type_minutes_make_two_actions_and_see_them_on_the_next_agenda() {
    let (_d, mut app) = with_two_meetings(Lang::Sv);
    press(&mut app, KeyCode::Char('7'));
    assert_eq!(app.tab, Tab::Meetings);
    // The upcoming meeting is selected first; go to the held one and open its minutes.
    keys(&mut app, "k");
    keys(&mut app, "m");
    assert!(app.minutes.is_some());
    type_line(
        &mut app,
        "Alla närvarande. Statistiken för oktober gicks igenom.",
    );
    press(&mut app, KeyCode::Enter);
    type_line(&mut app, "Alfa skickar en plan för kortare svarstider");
    ctrl(&mut app, 't');
    keys(&mut app, "Anna Alfa");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // supplier side
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-12-01");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 100, 30));
    press(&mut app, KeyCode::Enter);
    type_line(&mut app, "Köparen bjuder in till avtalsdag i januari");
    press(&mut app, KeyCode::F(2));
    keys(&mut app, "Karin Köpare");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Enter);
    type_line(&mut app, "Beslut: rapporten skickas kvartalsvis");
    ctrl(&mut app, 'g');
    snap("minutes_editor_sv", &app, 120, 30);
    // Esc saves and closes.
    press(&mut app, KeyCode::Esc);
    assert!(app.minutes.is_none());
    let held = app
        .store
        .meetings(None)
        .unwrap()
        .into_iter()
        .find(|m| m.kind == MeetingKind::SupplierStart)
        .unwrap();
    assert!(held.minutes.contains("Statistiken för oktober"));
    assert!(held.minutes.ends_with("kvartalsvis"));
    assert_eq!(
        held.decisions,
        vec!["Beslut: rapporten skickas kvartalsvis".to_string()]
    );
    let actions = app.store.actions_of_meeting(held.id).unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].owner, "Anna Alfa");
    assert_eq!(actions[0].side, avtal::domain::meeting::Side::Supplier);
    assert_eq!(actions[0].due, Some(date!(2026 - 12 - 01)));
    assert_eq!(actions[1].status, ActionStatus::Open);
    // The next meeting's agenda carries both open actions, with where they came from.
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    let next = app.meetings.open_meeting().unwrap().clone();
    assert_eq!(next.kind, MeetingKind::Collaboration);
    let carried: Vec<_> = next
        .agenda
        .iter()
        .filter_map(|p| p.carried_from.map(|c| (p.text.clone(), c.meeting)))
        .collect();
    assert_eq!(carried.len(), 2, "{:?}", next.agenda);
    assert!(carried.iter().all(|(_, m)| *m == held.id));
    snap("meeting_detail_carried_sv", &app, 100, 30);
    // The export reads as minutes for the supplier.
    let md = avtal::app::export::minutes_markdown_for(&app.store, app.cat, held.id).unwrap();
    assert!(md.contains("Alfa skickar en plan"), "{md}");
    assert!(md.contains("Anna Alfa"), "{md}");
}

#[test]
fn the_editor_autosaves_after_a_pause_and_at_least_every_second() {
    let (_d, mut app) = with_two_meetings(Lang::Sv);
    let id = app.store.meetings(None).unwrap()[0].id;
    app.open_minutes(id);
    type_line(&mut app, "Första raden");
    // Not yet: the debounce waits for a pause.
    app.tick(Instant::now());
    assert_eq!(app.store.meeting(id).unwrap().unwrap().minutes, "");
    app.tick(Instant::now() + Duration::from_millis(600));
    assert_eq!(
        app.store.meeting(id).unwrap().unwrap().minutes,
        "Första raden"
    );
    // Continuous typing: saved within the second even without a pause.
    let ed = app.minutes.as_ref().unwrap();
    assert!(!ed.dirty());
    type_line(&mut app, " och mer");
    let first = app.minutes.as_ref().unwrap().dirty_since.unwrap();
    assert!(
        !app.minutes
            .as_ref()
            .unwrap()
            .save_due(first + Duration::from_millis(400))
    );
    assert!(
        app.minutes
            .as_ref()
            .unwrap()
            .save_due(first + Duration::from_millis(1000))
    );
    // Quit saves what is left.
    type_line(&mut app, "!");
    app.shutdown();
    assert_eq!(
        app.store.meeting(id).unwrap().unwrap().minutes,
        "Första raden och mer!"
    );
}

#[test]
fn a_proposed_schedule_is_confirmed_and_can_be_undone() {
    let (_d, mut app) = app_with_calloffs(Lang::En);
    press(&mut app, KeyCode::Char('7'));
    snap("meetings_empty_en", &app, 80, 24);
    keys(&mut app, "p");
    ctrl(&mut app, 's');
    let text = screen(&app, 100, 30);
    assert!(text.contains("Add"), "{text}");
    keys(&mut app, "y");
    let n = app.store.meetings(None).unwrap().len();
    assert!(n >= 3, "{n}");
    assert!(
        app.store
            .meetings(None)
            .unwrap()
            .iter()
            .all(|m| avtal::domain::calendar::is_working_day(m.date))
    );
    snap("meetings_list_en", &app, 80, 24);
    keys(&mut app, "u");
    assert!(app.store.meetings(None).unwrap().is_empty());
}

#[test]
fn small_and_huge_terminals_with_the_editor_open() {
    let (_d, mut app) = with_two_meetings(Lang::Sv);
    let id = app.store.meetings(None).unwrap()[0].id;
    app.open_minutes(id);
    type_line(&mut app, "🙂 e\u{301} مرحبا");
    for (w, h) in [(1, 1), (20, 5), (80, 24), (400, 120)] {
        draw(&app, w, h);
    }
    ctrl(&mut app, 't');
    for (w, h) in [(1, 1), (20, 5), (80, 24)] {
        draw(&app, w, h);
    }
}

#[test]
fn the_demo_agenda_opens_meetings_checklists_and_follow_up_checks() {
    let dir = tempfile::tempdir().unwrap();
    let store = avtal::store::Store::open(&dir.path().join("a.redb")).unwrap();
    avtal::app::demo::load_demo(&store, NOW, 50).unwrap();
    let mut app = App::new(store, Lang::Sv, NOW);
    use avtal::domain::agenda::AgendaKind;
    for (kind, tab) in [
        (AgendaKind::Meeting, Tab::Meetings),
        (AgendaKind::ChecklistDue, Tab::Checklist),
        (AgendaKind::ActionDue, Tab::Meetings),
    ] {
        press(&mut app, KeyCode::Char('1'));
        let pos = app
            .agenda
            .iter()
            .position(|i| i.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} on the demo agenda"));
        app.agenda_selected = pos;
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.tab, tab, "{kind:?}");
    }
}
