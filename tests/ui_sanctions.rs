//! The Sanctions tab (the Deviations tab's companion), driven by keys as a contract manager
//! would type them: a late call-off's penalty identified, claimed and paid (never twice), a
//! damages claim refused before dialogue and accepted after, a termination walked up the
//! escalation model; and its screens compared with snapshots.
//!
//! A test binary of its own, not a module of `tests/ui/`: a termination case is exported
//! into the working directory, so that test changes the process's working directory for
//! the export, which would move it under every test sharing the process.

mod common;

use avtal::app::{App, Popup, Tab};
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::sanction::{CaseStatus, ClaimStatus};
use avtal::domain::*;
use avtal::i18n::Lang;
use avtal::store::SyncCount;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::{date, datetime};

fn snap(name: &str, app: &App, w: u16, h: u16) {
    insta::assert_snapshot!(name, draw(app, w, h).backend());
}

/// The fixture register and call-offs, the IT agreement followed, with a three-level
/// escalation model and two late call-offs: AV-10 delivered 8 days late, AV-11 overdue.
fn with_late_calloffs(lang: Lang) -> (tempfile::TempDir, App, AgreementId) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let mut id = None;
    for mut a in fixture_register() {
        if a.reference == "UH-2026-014" {
            for (level, title, who) in [
                (2, "Avdelningschef", "Per Chef"),
                (3, "Direktör", "Dina Direktör"),
            ] {
                a.escalation.push(EscalationLevel {
                    level,
                    title: title.into(),
                    buyer_contact: who.into(),
                    description: String::new(),
                });
            }
        }
        let stored = store.insert_agreement(&a).unwrap();
        if a.reference == "UH-2026-014" {
            id = Some(stored);
        }
    }
    let id = id.unwrap();
    fixture_calloffs(&store, id);
    let mk = |r: &str, due, delivered| {
        let mut c = CallOff::new(
            r,
            id,
            "Systemutveckling",
            "Olle Beställare",
            CallOffMethod::Ranking,
            datetime!(2026-09-01 09:00),
        );
        c.awarded_supplier = Some(org("202100-5448"));
        c.value = Some(Money(10_000_000));
        c.delivery_due = Some(due);
        c.delivered_at = delivered;
        c
    };
    store
        .import_calloffs(&[
            mk("AV-10", date!(2026 - 10 - 01), Some(date!(2026 - 10 - 09))),
            mk("AV-11", date!(2026 - 11 - 10), None),
        ])
        .unwrap();
    store.set_followed(id).unwrap();
    let app = App::new(store, lang, NOW);
    (dir, app, id)
}

fn to_sanctions(app: &mut App) {
    press(app, KeyCode::Char('4'));
    assert_eq!(app.tab, Tab::Deviations);
    press(app, KeyCode::Right);
    assert_eq!(app.tab, Tab::Sanctions);
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_late_calloffs_penalty_is_identified_claimed_and_paid_once() {
    let (_d, mut app, id) = with_late_calloffs(Lang::Sv);
    // Identified at start: on the agenda before the tab was ever opened.
    let text = screen(&app, 80, 24);
    assert!(text.contains("Vite att kräva"), "{text}");
    to_sanctions(&mut app);
    snap("sanctions_penalties_sv", &app, 80, 24);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.tab, Tab::Deviations);
    press(&mut app, KeyCode::Right);
    // AV-11: 15 days overdue, 3 started weeks × 5 % of 100 000 kr, capped at 15 %.
    keys(&mut app, "j");
    assert_eq!(app.sanctions.claim().unwrap().calloff, "AV-11");
    assert_eq!(app.sanctions.claim().unwrap().amount, Money(1_500_000));
    // Paid before claimed is refused in words.
    keys(&mut app, "p");
    assert!(app.form.is_none());
    assert!(status(&app).contains("inte krävt"), "{}", status(&app));
    keys(&mut app, "c");
    keys(&mut app, "krav-AV-11.pdf");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().map(|f| &f.message)
    );
    let c = app.sanctions.claim().unwrap().clone();
    assert!(matches!(c.status, ClaimStatus::Claimed { .. }));
    assert_eq!(c.log.len(), 1, "the claim is documented");
    assert!(c.log[0].shared_with_supplier);
    // Never twice.
    keys(&mut app, "c");
    assert!(app.form.is_none());
    assert!(
        status(&app).contains("aldrig två gånger"),
        "{}",
        status(&app)
    );
    keys(&mut app, "p");
    ctrl(&mut app, 's');
    assert!(matches!(
        app.sanctions.claim().unwrap().status,
        ClaimStatus::Paid { .. }
    ));
    // Syncing again adds nothing, and leaves the paid claim as it was.
    let n = app
        .store
        .sync_penalty_claims(id, date!(2026 - 12 - 31))
        .unwrap();
    assert_eq!(n, SyncCount::default());
    assert_eq!(app.store.penalty_claims(Some(id)).unwrap().len(), 2);
    // Undo takes the payment back, then the claim.
    keys(&mut app, "u");
    assert!(matches!(
        app.sanctions.claim().unwrap().status,
        ClaimStatus::Claimed { .. }
    ));
    keys(&mut app, "u");
    assert_eq!(
        app.sanctions.claim().unwrap().status,
        ClaimStatus::Identified
    );
}

#[test]
fn damages_are_refused_before_dialogue_and_claimed_after() {
    let (_d, mut app, _id) = with_late_calloffs(Lang::Sv);
    to_sanctions(&mut app);
    keys(&mut app, "v");
    snap("sanctions_damages_empty_sv", &app, 80, 24);
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Konsulten saknade avtalad kompetens");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    assert_eq!(app.sanctions.damages.len(), 1);
    // No dialogue yet: refused in words, nothing opens.
    keys(&mut app, "c");
    assert!(app.form.is_none());
    assert!(status(&app).contains("efter dialog"), "{}", status(&app));
    // A dialogue entry, shared with the supplier.
    keys(&mut app, "l");
    keys(&mut app, "Möte med leverantören om bristerna");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "protokoll/2026-11-20.pdf");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let case = app.sanctions.damages_case().unwrap().clone();
    assert_eq!(case.dialogue.len(), 1);
    assert!(case.dialogue[0].shared_with_supplier);
    assert_eq!(case.dialogue[0].attachments, ["protokoll/2026-11-20.pdf"]);
    // Still no improvement demanded.
    keys(&mut app, "c");
    assert!(status(&app).contains("förbättring"), "{}", status(&app));
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Byt konsult");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-11-24");
    ctrl(&mut app, 's');
    keys(&mut app, "c");
    assert!(app.form.is_some(), "{}", status(&app));
    keys(&mut app, "50000");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    let case = app.sanctions.damages_case().unwrap().clone();
    assert_eq!(case.status, CaseStatus::Acted);
    assert_eq!(case.claim.unwrap().amount, Money(5_000_000));
    assert_eq!(case.dialogue.len(), 2, "the claim is in the dialogue log");
    snap("sanctions_damages_sv", &app, 80, 24);
    // The log opens with Enter; L marks an entry as a lesson.
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "L");
    assert!(app.sanctions.damages_case().unwrap().dialogue[0].lesson);
    press(&mut app, KeyCode::Esc);
    assert!(app.sanctions.log.is_none());
    // Deleted with confirmation, and back with undo.
    keys(&mut app, "d");
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    keys(&mut app, "y");
    assert!(app.sanctions.damages.is_empty());
    keys(&mut app, "u");
    assert_eq!(app.sanctions.damages.len(), 1);
}

#[test]
fn a_termination_walks_the_escalation_levels_in_order() {
    let (_d, mut app, _id) = with_late_calloffs(Lang::Sv);
    to_sanctions(&mut app);
    keys(&mut app, "vv");
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Upprepade förseningar trots varningar");
    ctrl(&mut app, 's');
    let step = |app: &mut App, what: &str| {
        keys(app, "s");
        keys(app, what);
        ctrl(app, 's');
    };
    // Level 1: the supplier's escalation contact is filled in.
    step(&mut app, "Skriftlig varning");
    let case = app.sanctions.termination().unwrap().clone();
    assert_eq!(case.steps.len(), 1);
    assert_eq!(case.steps[0].sent_to, "Anna Alfa");
    assert!(
        case.log[0].shared_with_supplier,
        "the supplier is kept informed"
    );
    // Termination before the last level is refused.
    keys(&mut app, "t");
    assert!(app.popup.is_none());
    assert!(status(&app).contains("sista nivå (3)"), "{}", status(&app));
    // Skipping level 2 without a reason is refused in the form, which keeps what was typed.
    keys(&mut app, "s");
    keys(&mut app, "Hävningsbesked");
    for _ in 0..3 {
        press(&mut app, KeyCode::BackTab);
    }
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let form = app.form.as_ref().expect("kept open");
    assert!(
        form.message
            .as_deref()
            .unwrap_or("")
            .contains("Nästa nivå är 2"),
        "{:?}",
        form.message
    );
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");
    assert!(app.form.is_none());
    step(&mut app, "Möte med avdelningschefen");
    step(&mut app, "Sista varning");
    let case = app.sanctions.termination().unwrap().clone();
    assert_eq!(
        case.steps.iter().map(|s| s.level).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    keys(&mut app, "t");
    keys(&mut app, "y");
    assert_eq!(
        app.sanctions.termination().unwrap().status,
        CaseStatus::Acted
    );
    snap("sanctions_termination_sv", &app, 80, 24);

    // The export lands in the working directory and the status line says where.
    let dir = tempfile::tempdir().unwrap();
    let here = std::env::current_dir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    keys(&mut app, "x");
    std::env::set_current_dir(here).unwrap();
    let md = std::fs::read_to_string(dir.path().join("sanktion-H-0001.md")).unwrap();
    assert!(md.starts_with("# Hävningsärende H-0001"), "{md}");
    assert!(md.contains("| 2 Avdelningschef |"), "{md}");
    assert!(
        status(&app).contains("sanktion-H-0001.md"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_tab_in_english_wide_and_in_the_help() {
    let (_d, mut app, _id) = with_late_calloffs(Lang::En);
    to_sanctions(&mut app);
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    snap("sanctions_penalties_en_wide", &app, 120, 30);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "?");
    let mut text = String::new();
    for _ in 0..60 {
        text.push_str(&screen(&app, 80, 24));
        press(&mut app, KeyCode::PageDown);
    }
    assert!(text.contains("Sanctions — penalties"), "{text}");
    // Tiny terminals never panic.
    for (w, h) in [(10, 6), (79, 23), (80, 24)] {
        draw(&app, w, h);
    }
}

#[test]
fn a_sanction_log_entry_marked_as_a_lesson_reaches_the_procurement_report() {
    use avtal::domain::sanction::{DamagesCase, LogEntry};
    let (_d, app) = app_with_calloffs(Lang::Sv);
    let a = app
        .followed_agreement()
        .cloned()
        .or_else(|| {
            let id = app.store.followed().unwrap().unwrap();
            app.agreement(id).cloned()
        })
        .unwrap();
    let mut case = DamagesCase::new(
        a.id,
        org("556074-3089"),
        TODAY,
        "Konsulten byttes tre gånger",
    );
    let mut entry = LogEntry::new(TODAY, "Kräv namngivna reserver i nästa avtal");
    entry.lesson = true;
    case.dialogue.push(entry);
    case.dialogue
        .push(LogEntry::new(TODAY, "Möte med kundansvarig"));
    app.store.insert_damages(&case).unwrap();
    let report = avtal::app::statistics::procurement::gather(&app, &a).unwrap();
    let lessons: Vec<&str> = report.lessons.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lessons, vec!["Kräv namngivna reserver i nästa avtal"]);
    assert!(matches!(
        report.lessons[0].source,
        avtal::app::statistics::procurement::LessonSource::Sanction(_)
    ));
}
