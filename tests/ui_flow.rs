//! Whole flows driven by key events, as a contract manager would type them.

mod common;

use avtal::app::Tab;
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;

#[test]
fn create_an_agreement_with_two_lots_and_reorder_a_ranking() {
    let (_d, mut app) = app_with(&[], Lang::Sv);
    // The welcome offers to create an agreement.
    keys(&mut app, "n");
    keys(&mut app, "UH-2026-200");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Tolktjänster");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2028-01-31");
    ctrl(&mut app, 's');
    assert!(
        app.form.is_none(),
        "form should have closed: {}",
        screen(&app, 80, 24)
    );
    let stored = app
        .store
        .agreement_by_reference("UH-2026-200")
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Tolktjänster");
    assert_eq!(app.tab, Tab::Agreements);

    // Suppliers first, so they can be ranked.
    press(&mut app, KeyCode::Right); // lots
    press(&mut app, KeyCode::Right); // suppliers
    for (org, name) in [
        ("5560743089", "Alfa Tolk AB"),
        ("202100-5448", "Beta Språk AB"),
        ("2120000142", "Gamma Ord AB"),
    ] {
        keys(&mut app, "n");
        keys(&mut app, org);
        press(&mut app, KeyCode::Tab);
        keys(&mut app, name);
        ctrl(&mut app, 's');
        assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    }
    // An invalid organisation number is refused in words and the form keeps what was typed.
    keys(&mut app, "n");
    keys(&mut app, "556074-3088");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Fel AB");
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(text.contains("kontrollsiffran"), "{text}");
    assert!(text.contains("Fel AB"), "{text}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y"); // discard

    // Two lots.
    press(&mut app, KeyCode::Left);
    for lot in ["Språktolkning", "Teckenspråk"] {
        keys(&mut app, "n");
        keys(&mut app, lot);
        press(&mut app, KeyCode::Enter);
    }
    // Rank all three in the first lot: select it, add three times.
    keys(&mut app, "g");
    for _ in 0..3 {
        keys(&mut app, "a");
        press(&mut app, KeyCode::Enter);
    }
    let a = app
        .store
        .agreement_by_reference("UH-2026-200")
        .unwrap()
        .unwrap();
    assert_eq!(a.lots.len(), 2);
    let names: Vec<String> = a.lots[0]
        .ranking
        .iter()
        .map(|o| a.supplier_name(o))
        .collect();
    assert_eq!(names, ["Alfa Tolk AB", "Beta Språk AB", "Gamma Ord AB"]);
    // The last one added is selected; move it to the top.
    keys(&mut app, "K");
    keys(&mut app, "K");
    keys(&mut app, "K"); // already first: nothing happens
    let a = app
        .store
        .agreement_by_reference("UH-2026-200")
        .unwrap()
        .unwrap();
    let names: Vec<String> = a.lots[0]
        .ranking
        .iter()
        .map(|o| a.supplier_name(o))
        .collect();
    assert_eq!(names, ["Gamma Ord AB", "Alfa Tolk AB", "Beta Språk AB"]);
    // And one down again.
    keys(&mut app, "J");
    let a = app
        .store
        .agreement_by_reference("UH-2026-200")
        .unwrap()
        .unwrap();
    assert_eq!(a.supplier_name(&a.lots[0].ranking[1]), "Gamma Ord AB");
    // Undo takes back the last move.
    keys(&mut app, "u");
    let a = app
        .store
        .agreement_by_reference("UH-2026-200")
        .unwrap()
        .unwrap();
    assert_eq!(a.supplier_name(&a.lots[0].ranking[0]), "Gamma Ord AB");
    let text = screen(&app, 80, 24);
    assert!(text.contains("1. Gamma Ord AB"), "{text}");
}

#[test]
fn delete_asks_first_and_can_be_undone() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "d");
    keys(&mut app, "n"); // no: nothing deleted
    assert_eq!(app.store.agreements().unwrap().len(), 4);
    keys(&mut app, "d");
    keys(&mut app, "y");
    assert_eq!(app.store.agreements().unwrap().len(), 3);
    assert!(
        app.store
            .agreement_by_reference("UH-2023-044")
            .unwrap()
            .is_none()
    );
    keys(&mut app, "u");
    let back = app
        .store
        .agreement_by_reference("UH-2023-044")
        .unwrap()
        .unwrap();
    assert_eq!(back.name, "Drivmedel");
    assert_eq!(app.register.visible.len(), 4);
}

#[test]
fn filter_narrows_and_escape_clears() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "/konsult");
    assert_eq!(app.register.visible.len(), 1);
    press(&mut app, KeyCode::Enter);
    // Keys work again after the filter is kept: Enter opens the match.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.detail_agreement().unwrap().reference, "UH-2026-014");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "/");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.register.visible.len(), 4);
}

#[test]
fn editing_keeps_the_id_and_a_duplicate_reference_is_refused() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::En);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "e");
    // Replace the reference with one that exists.
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "UH-2026-014");
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(text.contains("already exists"), "{text}");
    assert!(app.form.is_some());
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "UH-2023-045");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    assert!(
        app.store
            .agreement_by_reference("UH-2023-045")
            .unwrap()
            .is_some()
    );
    assert!(
        app.store
            .agreement_by_reference("UH-2023-044")
            .unwrap()
            .is_none()
    );
}

#[test]
fn agenda_enter_opens_the_agreement_at_its_options() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    assert!(app.agenda[0].is_overdue(NOW));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Agreements);
    let d = app.register.detail.clone().unwrap();
    assert_eq!(app.agreement(d.id).unwrap().reference, "UH-2024-003");
    assert_eq!(d.section, avtal::app::register::Section::Options);
}

#[test]
fn register_a_calloff_with_three_requests_and_see_the_deviation_appear() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('3'));
    keys(&mut app, "n");
    // Reference, then keep lot (Systemutveckling) and method (ranking).
    keys(&mut app, "AV-9");
    // requested_at is prefilled with now; choose the awarded supplier: Gamma (rank 3).
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "lll"); // — → Alfa → Beta → Gamma
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    // The new call-off is open; with no requests, ranks 1 and 2 were never asked.
    let text = screen(&app, 100, 30);
    assert!(text.contains("ej tillfrågad"), "{text}");
    // Three requests down the cascade: Alfa declines, Beta offers in time, Gamma offers.
    let answers = [
        ("2026-11-25 10:00", "2026-11-25 11:00", 2),
        ("2026-11-25 11:30", "2026-11-25 12:00", 1),
        ("2026-11-25 12:30", "2026-11-25 13:00", 1),
    ];
    for (i, (sent, answered, answer)) in answers.iter().enumerate() {
        keys(&mut app, "r");
        // Supplier defaults to the next unasked in the ranking.
        press(&mut app, KeyCode::Tab);
        for _ in 0..20 {
            press(&mut app, KeyCode::Backspace);
        }
        keys(&mut app, sent);
        press(&mut app, KeyCode::Tab);
        keys(&mut app, answered);
        press(&mut app, KeyCode::Tab);
        for _ in 0..*answer {
            press(&mut app, KeyCode::Right);
        }
        ctrl(&mut app, 's');
        assert!(app.form.is_none(), "request {i}: {}", screen(&app, 100, 30));
    }
    let followed = app
        .calloffs
        .agreement
        .expect("the call-offs tab follows an agreement");
    let requests = app.store.requests_of(followed, "AV-9").unwrap();
    assert_eq!(requests.len(), 3);
    let row = app.calloffs.row("AV-9").unwrap();
    match &row.outcome {
        avtal::domain::ranking::RankingOutcome::Deviation {
            kinds,
            suppliers,
            motivated,
        } => {
            assert_eq!(
                kinds,
                &vec![avtal::domain::ranking::DeviationKind::OfferPassedOver]
            );
            assert_eq!(suppliers, &vec![org("202100-5448")]);
            assert!(!motivated);
        }
        other => panic!("expected a deviation, got {other:?}"),
    }
    let text = screen(&app, 100, 30);
    assert!(text.contains("anbud förbigått"), "{text}");
    // It is on the Deviations tab too, and a reason makes it motivated.
    press(&mut app, KeyCode::Char('4'));
    assert!(screen(&app, 80, 24).contains("AV-9"));
    press(&mut app, KeyCode::Char('3'));
    keys(&mut app, "E");
    for _ in 0..12 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "Beta kunde inte starta i tid");
    ctrl(&mut app, 's');
    let row = app.calloffs.row("AV-9").unwrap();
    assert!(matches!(
        row.outcome,
        avtal::domain::ranking::RankingOutcome::Deviation {
            motivated: true,
            ..
        }
    ));
    // Undo takes the reason back.
    keys(&mut app, "u");
    let row = app.calloffs.row("AV-9").unwrap();
    assert!(matches!(
        row.outcome,
        avtal::domain::ranking::RankingOutcome::Deviation {
            motivated: false,
            ..
        }
    ));
}

#[test]
fn an_awaited_answer_on_the_agenda_opens_its_calloff() {
    let (_d, mut app) = app_with_calloffs(Lang::En);
    // The second agenda item is the request to Alfa in AV-4, due tomorrow 23:59.
    let pos = app
        .agenda
        .iter()
        .position(|i| i.kind == avtal::domain::agenda::AgendaKind::AnswerAwaited)
        .unwrap();
    for _ in 0..pos {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::CallOffs);
    assert_eq!(app.calloffs.detail.as_ref().unwrap().reference, "AV-4");
    let text = screen(&app, 100, 30);
    assert!(text.contains("pending"), "{text}");
    // Answering it takes it off the agenda.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-11-25 09:00");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 100, 30));
    assert!(
        !app.agenda
            .iter()
            .any(|i| i.kind == avtal::domain::agenda::AgendaKind::AnswerAwaited)
    );
}

#[test]
fn a_movement_key_never_answers_a_confirmation() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    press(&mut app, KeyCode::Char('2'));
    // `d`, then `j` and `k` out of habit: the question stands and nothing is deleted.
    keys(&mut app, "djk");
    assert_eq!(app.store.agreements().unwrap().len(), 4);
    assert!(matches!(app.popup, Some(avtal::app::Popup::Confirm { .. })));
    let text = screen(&app, 80, 24);
    assert!(text.contains("y/Enter"), "{text}");
    assert!(!text.contains("y/j"), "{text}");
    keys(&mut app, "y");
    assert_eq!(app.store.agreements().unwrap().len(), 3);
    // Enter is an explicit yes too.
    keys(&mut app, "d");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store.agreements().unwrap().len(), 2);
    // In an agreement's lots, `d` then `j` removes no lot either.
    keys(&mut app, "g");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    let lots = |app: &avtal::app::App| app.detail_agreement().map(|a| a.lots.len());
    let before = lots(&app);
    keys(&mut app, "dj");
    assert_eq!(lots(&app), before);
    press(&mut app, KeyCode::Esc);
}

#[test]
fn the_welcome_is_answered_only_by_its_choices() {
    let (_d, mut app) = app_with(&[], Lang::Sv);
    keys(&mut app, "jk");
    assert!(matches!(app.popup, Some(avtal::app::Popup::Welcome)));
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    // The agenda of the empty register says "create an agreement with n": n does it there.
    assert!(screen(&app, 80, 24).contains("med n"));
    keys(&mut app, "n");
    assert!(app.form.is_some());
}
