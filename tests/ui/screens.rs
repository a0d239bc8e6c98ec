//! Every screen rendered into ratatui's TestBackend and compared with a snapshot.

use crate::common;

use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;

fn snap(name: &str, app: &avtal::app::App, w: u16, h: u16) {
    insta::assert_snapshot!(name, draw(app, w, h).backend());
}

#[test]
fn welcome_on_an_empty_register() {
    let (_d, app) = app_with(&[], Lang::Sv);
    snap("welcome_sv", &app, 80, 24);
    let (_d, app) = app_with(&[], Lang::En);
    snap("welcome_en", &app, 80, 24);
}

#[test]
fn agenda_with_overdue_and_upcoming() {
    let (_d, app) = app_with(&fixture_register(), Lang::Sv);
    snap("agenda_sv", &app, 80, 24);
    let (_d, app) = app_with(&fixture_register(), Lang::En);
    snap("agenda_en_wide", &app, 120, 30);
}

#[test]
fn register_list_sorted_and_filtered() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    snap("register_sv", &app, 80, 24);
    keys(&mut app, "s");
    keys(&mut app, "/städ");
    snap("register_filtered_sv", &app, 80, 24);
}

#[test]
fn detail_sections() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    // Sorted by end date: Drivmedel, Städ, Kontorsmaterial, IT.
    keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    snap("detail_overview_sv", &app, 80, 24);
    for name in [
        "detail_lots_sv",
        "detail_suppliers_sv",
        "detail_penalties_sv",
        "detail_escalation_sv",
        "detail_options_sv",
        "detail_templates_sv",
        "detail_orderers_sv",
        "detail_project_group_sv",
    ] {
        press(&mut app, KeyCode::Right);
        snap(name, &app, 80, 24);
    }
}

#[test]
fn detail_in_english_wide() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::En);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    snap("detail_lots_en_wide", &app, 200, 50);
}

#[test]
fn form_with_problems_in_words() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "n");
    keys(&mut app, "UH-1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-02-30");
    snap("form_bad_date_sv", &app, 80, 24);
    ctrl(&mut app, 's');
    snap("form_refused_sv", &app, 80, 24);
}

#[test]
fn help_confirm_and_picker() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    keys(&mut app, "?");
    snap("help_sv", &app, 80, 24);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "d");
    snap("confirm_delete_sv", &app, 80, 24);
}

#[test]
fn too_small_terminal_gets_a_message() {
    let (_d, app) = app_with(&fixture_register(), Lang::Sv);
    let text = screen(&app, 60, 20);
    assert!(text.contains("Förstora fönstret"), "{text}");
    let (_d, app) = app_with(&fixture_register(), Lang::En);
    let text = screen(&app, 79, 24);
    assert!(text.contains("Enlarge the window"), "{text}");
}

#[test]
fn tiny_and_huge_areas_never_panic() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    for (w, h) in [(1, 1), (10, 6), (20, 5), (80, 24), (400, 120)] {
        draw(&app, w, h);
    }
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "e");
    for (w, h) in [(1, 1), (20, 5), (80, 24), (81, 25), (400, 120)] {
        draw(&app, w, h);
    }
}

#[test]
fn calloffs_list_detail_and_deviations() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    snap("agenda_with_awaited_sv", &app, 80, 24);
    press(&mut app, KeyCode::Char('3'));
    snap("calloffs_sv", &app, 80, 24);
    // Newest first: AV-4, AV-3, AV-2 (the deviation), AV-1.
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    snap("calloff_detail_deviation_sv", &app, 80, 24);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    snap("calloff_detail_cascade_wide_sv", &app, 120, 30);
    press(&mut app, KeyCode::Char('4'));
    snap("deviations_sv", &app, 80, 24);
    let (_d, mut app) = app_with_calloffs(Lang::En);
    press(&mut app, KeyCode::Char('3'));
    keys(&mut app, "c");
    snap("calloffs_compliant_en", &app, 100, 24);
}
