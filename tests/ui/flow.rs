//! Whole flows driven by key events, as a contract manager would type them.

use crate::common;

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
    assert_eq!(d.section, avtal::app::agreements::Section::Options);
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

/// The id of the IT agreement, UH-2026-014.
fn it_id(app: &avtal::app::App) -> avtal::domain::AgreementId {
    app.store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap()
        .id
}

/// Opens the followed (IT) agreement's detail in the Agreements tab at `section_steps`
/// sections to the right of the overview.
fn open_it_agreement(app: &mut avtal::app::App, section_steps: usize) {
    let id = it_id(app);
    app.show_tab(Tab::Agreements);
    let pos = app
        .register
        .visible
        .iter()
        .position(|&i| app.agreements[i].id == id)
        .unwrap();
    app.register.selected = pos;
    press(app, KeyCode::Enter);
    for _ in 0..section_steps {
        press(app, KeyCode::Right);
    }
}

/// Deleting is not rewriting history: a supplier with call-offs is ended (named, dated,
/// kept), and the call-offs keep the outcome the ranking in force when they were requested
/// gave them; the confirmation says what the supplier has.
#[test]
fn removing_a_supplier_with_calloffs_ends_it_and_earlier_outcomes_stay() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    let id = it_id(&app);
    let before = app.store.calloff_rows(id).unwrap();
    open_it_agreement(&mut app, 2); // suppliers
    // Rows: Alfa, Alfa's contact, Beta, Gamma.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    keys(&mut app, "d");
    let Some(avtal::app::Popup::Confirm { message, .. }) = &app.popup else {
        panic!("no question: {}", screen(&app, 100, 30));
    };
    assert!(
        message.starts_with("Ta bort leverantören Gamma Data AB ur avtalet? Den har 1 avrop och 1 förfrågan: den avslutas i dag (2026-11-25)"),
        "{message}"
    );
    // The whole question is on the screen at 80×24, its last words too.
    let text = screen(&app, 80, 24);
    assert!(text.contains("1 anbudsområde."), "{text}");
    keys(&mut app, "y");
    let a = app.store.agreement(id).unwrap().unwrap();
    assert!(a.supplier(&org("212000-0142")).is_none());
    assert_eq!(a.history.ended_suppliers.len(), 1);
    assert_eq!(a.supplier_name(&org("212000-0142")), "Gamma Data AB");
    // AV-2 was awarded to Gamma, ranked third then: still the same deviation, not moved
    // to not_in_lot by today's change.
    assert_eq!(app.store.calloff_rows(id).unwrap(), before);
    // The overview tells the history.
    for _ in 0..2 {
        press(&mut app, KeyCode::Left);
    }
    let text = screen(&app, 120, 50);
    assert!(
        text.contains("Gamma Data AB (212000-0142) lämnade avtalet 2026-11-25."),
        "{text}"
    );
}

/// A ranking changed today judges call-offs requested from today; earlier ones keep theirs.
#[test]
fn a_ranking_changed_today_never_rewrites_an_earlier_calloff() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    let id = it_id(&app);
    let before = app.store.calloff_rows(id).unwrap();
    open_it_agreement(&mut app, 1); // lots
    // Rows: Systemutveckling, its ranks 1-3: Gamma (rank 3) up to rank 1.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    keys(&mut app, "K");
    keys(&mut app, "K");
    let a = app.store.agreement(id).unwrap().unwrap();
    assert_eq!(a.lots[0].ranking[0], org("212000-0142"));
    assert_eq!(
        a.history.rankings.len(),
        1,
        "two moves on one day: one change"
    );
    // AV-2 (Gamma awarded, Alfa and Beta never asked) stays a deviation.
    assert_eq!(app.store.calloff_rows(id).unwrap(), before);
}

/// An agreement with call-offs behind it is not deleted; the refusal says what it holds.
#[test]
fn an_agreement_with_calloffs_is_not_deleted() {
    let (_d, mut app) = app_with_calloffs(Lang::En);
    let id = it_id(&app);
    open_it_agreement(&mut app, 0);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "d");
    // No question is asked: a box says why, in full, and any key closes it.
    let Some(avtal::app::Popup::Info { lines, .. }) = &app.popup else {
        panic!("no refusal shown: {}", screen(&app, 80, 24));
    };
    assert!(
        lines[0].contains("cannot be deleted; it holds 4 call-offs and 4 requests."),
        "{lines:?}"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("change its end date (e) instead."), "{text}");
    keys(&mut app, "y");
    assert!(app.popup.is_none());
    assert!(app.store.agreement(id).unwrap().is_some());
}

/// Which agreement am I in: a new agreement becomes the followed one, and opening an
/// agenda item of another agreement says that the tabs now follow it.
#[test]
fn the_followed_agreement_changes_only_where_the_user_sees_it_change() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    app.show_tab(Tab::Agenda);
    let it = it_id(&app);
    let other = app
        .agenda
        .iter()
        .position(|i| i.agreement != it)
        .expect("an item of another agreement");
    let reference = app.agenda[other].reference.clone();
    app.agenda_selected = other;
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 120, 30);
    assert!(
        text.contains(&format!("Flikarna för ett avtal följer nu {reference}")),
        "{text}"
    );
    // An item of the followed agreement says nothing of the kind.
    app.show_tab(Tab::Agenda);
    let same = app
        .agenda
        .iter()
        .position(|i| Some(i.agreement) == app.followed)
        .unwrap();
    app.agenda_selected = same;
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app, 120, 30).contains("följer nu"));

    // A new agreement is followed.
    app.show_tab(Tab::Agreements);
    if app.register.detail.is_some() {
        press(&mut app, KeyCode::Esc);
    }
    keys(&mut app, "n");
    keys(&mut app, "UH-2026-300");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Nytt avtal");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2028-01-31");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 100, 30));
    let new = app
        .store
        .agreement_by_reference("UH-2026-300")
        .unwrap()
        .unwrap();
    assert_eq!(app.followed, Some(new.id));
}

/// The agenda at national scale: many answers awaited of one agreement are one row with
/// counts (overdue ones first), opened and closed with Enter.
#[test]
fn many_answers_awaited_are_one_agenda_row_opened_with_enter() {
    use avtal::domain::calloff::{CallOff, CallOffMethod, Request};
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let mut id = None;
    for a in fixture_register() {
        let stored = store.insert_agreement(&a).unwrap();
        if a.reference == "UH-2026-014" {
            id = Some(stored);
        }
    }
    let id = id.unwrap();
    fixture_calloffs(&store, id);
    // Eight more call-offs, each waiting for Alfa's answer; the first three sent so long
    // ago that their deadlines have passed.
    let calloffs: Vec<CallOff> = (0..8)
        .map(|n| {
            CallOff::new(
                &format!("AV-V{n}"),
                id,
                "Systemutveckling",
                "Olle",
                CallOffMethod::Ranking,
                time::macros::datetime!(2026-11-10 09:00) + time::Duration::days(2 * n),
            )
        })
        .collect();
    store.import_calloffs(&calloffs).unwrap();
    let requests: Vec<Request> = calloffs
        .iter()
        .map(|c| Request {
            agreement: id,
            calloff: c.reference.clone(),
            supplier: org("556074-3089"),
            sent_at: c.requested_at,
            answered_at: None,
            answer: None,
        })
        .collect();
    store.import_requests(&requests).unwrap();
    let mut app = avtal::app::App::new(store, Lang::Sv, NOW);
    app.show_tab(Tab::Agenda);
    let awaited = |app: &avtal::app::App| {
        app.agenda
            .iter()
            .filter(|i| i.kind == avtal::domain::agenda::AgendaKind::AnswerAwaited)
            .count()
    };
    // AV-4 of the fixture and the eight: nine, one row.
    assert_eq!(awaited(&app), 1);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Agenda: 14 att hålla ögonen på"), "{text}");
    assert!(text.contains("UH-2026-014  ▸ 9 (7 försenade)"), "{text}");
    let row = app.agenda.iter().position(|i| i.group.is_some()).unwrap();
    app.agenda_selected = row;
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.tab,
        Tab::Agenda,
        "Enter on the row opens the group in place"
    );
    assert_eq!(awaited(&app), 10);
    assert_eq!(app.agenda_selected, row);
    let text = screen(&app, 80, 24);
    assert!(text.contains("UH-2026-014  ▾ 9 (7 försenade)"), "{text}");
    // The title counts each answer awaited once, open or not.
    assert!(text.contains("Agenda: 14 att hålla ögonen på"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(awaited(&app), 1);
}

/// The error of field `label` of the open form, as shown.
fn field_error(app: &avtal::app::App, label: &str) -> Option<String> {
    let form = app.form.as_ref().expect("a form is open");
    form.fields
        .iter()
        .find(|f| f.label == label)
        .and_then(|f| f.error.clone())
}

/// Validation in words at the field: an e-mail or phone number of the wrong shape, a cap
/// above 100 %, an extension option that ends before the agreement it extends. Nothing
/// typed is lost.
#[test]
fn shapes_and_limits_are_refused_at_their_fields() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    open_it_agreement(&mut app, 2); // suppliers: Alfa selected
    keys(&mut app, "c");
    keys(&mut app, "Bo Kontakt");
    press(&mut app, KeyCode::Tab); // role
    press(&mut app, KeyCode::Tab); // e-mail
    keys(&mut app, "bo.kontakt.alfa.se");
    press(&mut app, KeyCode::Tab); // phone
    keys(&mut app, "ring mig");
    ctrl(&mut app, 's');
    let e = field_error(&app, "ui.field.email").expect("the e-mail is refused");
    assert!(e.contains("är ingen e-postadress"), "{e}");
    let e = field_error(&app, "ui.field.phone").expect("the phone is refused");
    assert!(e.contains("är inget telefonnummer"), "{e}");
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.field("ui.field.email").text(), "bo.kontakt.alfa.se");
    press(&mut app, KeyCode::Esc);
    if app.popup.is_some() {
        keys(&mut app, "y");
    }

    // Penalties: a cap of 150 %.
    press(&mut app, KeyCode::Right);
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab); // rate
    keys(&mut app, "5%");
    press(&mut app, KeyCode::Tab); // cap
    keys(&mut app, "150%");
    ctrl(&mut app, 's');
    let e = field_error(&app, "ui.field.cap").expect("the cap is refused");
    assert!(e.contains("högst 100 %"), "{e}");
}

/// An option that would end before the agreement does is refused at its field.
#[test]
fn an_extension_option_must_end_after_the_agreement() {
    let (_d, mut app) = app_with_calloffs(Lang::En);
    open_it_agreement(&mut app, 5); // options
    keys(&mut app, "n");
    let form = app.form.as_ref().expect("the option form");
    assert_eq!(form.fields[0].label, "ui.field.extends_to");
    ctrl(&mut app, 'u');
    keys(&mut app, "2027-06-30");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    keys(&mut app, "2027-01-31");
    ctrl(&mut app, 's');
    let e = field_error(&app, "ui.field.extends_to").expect("refused at the field");
    assert!(
        e.contains("after the agreement's end date 2027-12-31"),
        "{e}"
    );
    let id = it_id(&app);
    assert_eq!(
        app.store
            .agreement(id)
            .unwrap()
            .unwrap()
            .extension_options
            .len(),
        1
    );
}

/// A request is never sent before its call-off: refused at the time sent, as typed.
#[test]
fn a_request_before_its_calloff_is_refused_at_the_time_sent() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('3'));
    keys(&mut app, "n");
    keys(&mut app, "AV-9");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    // AV-9 is requested now (2026-11-25 09:30): a request the day before is impossible.
    keys(&mut app, "r");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-11-24 10:00");
    ctrl(&mut app, 's');
    let e = field_error(&app, "ui.field.sent_at").expect("refused at the time sent");
    assert!(
        e.contains("Förfrågan kan inte skickas före avropet (2026-11-25 09:30)"),
        "{e}"
    );
    let id = it_id(&app);
    assert!(app.store.requests_of(id, "AV-9").unwrap().is_empty());
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

/// The agreement picker at a municipality's size: 700 agreements, g/G jump, typing
/// filters at once (letters that move until then filter after the first), Enter follows.
#[test]
fn the_agreement_picker_filters_700_agreements_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let register: Vec<avtal::domain::Agreement> = (0..700)
        .map(|n| {
            avtal::domain::Agreement::new(
                &format!("UH-{n:04}"),
                &format!("Ramavtal nummer {n}"),
                time::macros::date!(2026 - 01 - 01),
                time::macros::date!(2027 - 12 - 31),
            )
        })
        .collect();
    store.import_agreements(&register).unwrap();
    let mut app = avtal::app::App::new(store, Lang::Sv, NOW);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    keys(&mut app, "A");
    let picker = |app: &avtal::app::App| match &app.popup {
        Some(avtal::app::Popup::Picker(p)) => (p.visible.len(), p.chosen(), p.filter.clone()),
        _ => panic!("the picker is open"),
    };
    assert_eq!(picker(&app).0, 700);
    keys(&mut app, "G");
    assert_eq!(picker(&app).1, Some(699));
    keys(&mut app, "g");
    assert_eq!(picker(&app).1, Some(0));
    // "0421" narrows to one; a letter after the first typed filters too ("nummer 421").
    keys(&mut app, "0421");
    assert_eq!(picker(&app).0, 1);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "nummer 42");
    let (shown, _, filter) = picker(&app);
    assert_eq!(filter, "nummer 42");
    assert_eq!(shown, 11, "42 and 420-429");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Filter: nummer 42"), "{text}");
    // The highlighted one stays while it still matches: UH-0421 from "0421".
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    let followed = app.followed_agreement().unwrap();
    assert_eq!(followed.reference, "UH-0421");
}

/// At 200 columns the call-off list gives the lot the room its name needs (the supplier
/// column used to take it all while "Systemutveckling" was cut); at 80 it keeps its 12.
#[test]
fn the_calloff_list_uses_the_room_at_200_columns() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('3'));
    let wide = screen(&app, 200, 50);
    let row = wide
        .lines()
        .find(|l| l.contains("AV-1 "))
        .expect("AV-1 listed");
    assert!(row.contains("Systemutveckling "), "{row}");
    let narrow = screen(&app, 80, 24);
    let row = narrow
        .lines()
        .find(|l| l.contains("AV-1 "))
        .expect("AV-1 listed");
    assert!(row.contains("Systemutveck"), "{row}");
}

/// Lists never round money: whole kronor without ",00", öre where there are some, and the
/// column grows to hold them at 80 columns.
#[test]
fn a_calloff_value_with_ore_is_listed_exactly() {
    let (dir, app) = app_with_calloffs(Lang::Sv);
    let id = it_id(&app);
    let mut c = app.store.calloff(id, "AV-1").unwrap().unwrap();
    c.value = Some(avtal::domain::Money(129_800_050));
    app.store.save_calloff(&c).unwrap();
    drop(app);
    let store = avtal::store::Store::open(&dir.path().join("avtal.redb")).unwrap();
    let mut app = avtal::app::App::new(store, Lang::Sv, NOW);
    press(&mut app, KeyCode::Char('3'));
    let text = screen(&app, 80, 24);
    let row = |r: &str| text.lines().find(|l| l.contains(r)).unwrap().to_string();
    assert!(row("AV-1 ").contains("1 298 000,50 "), "{text}");
    assert!(row("AV-2 ").contains(" 450 000 "), "{text}");
}

/// A meeting time that is no time is refused at its field, the cursor there, the rest of
/// the form as typed.
#[test]
fn a_meeting_time_is_refused_at_its_field() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('7'));
    keys(&mut app, "n");
    let form = app.form.as_mut().expect("the new meeting form");
    let i = form
        .fields
        .iter()
        .position(|f| f.label == "ui.field.meeting_time")
        .unwrap();
    form.fields[i].input = ratatui_textarea::TextArea::from(["kvart i nio"]);
    ctrl(&mut app, 's');
    let e = field_error(&app, "ui.field.meeting_time").expect("the time is refused");
    assert!(e.contains("TT:MM"), "{e}");
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.fields[form.focus].label, "ui.field.meeting_time");
    assert_eq!(form.field("ui.field.meeting_time").text(), "kvart i nio");
}
