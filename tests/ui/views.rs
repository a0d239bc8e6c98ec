//! The Renewed competition and Outside purchases tabs, driven by keys as a contract
//! manager would type them, and their screens compared with snapshots.

use crate::common;

use avtal::app::App;
use avtal::app::competitions::CompSection;
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::purchase::CategoryDecision;
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::datetime;

fn snap(name: &str, app: &App, w: u16, h: u16) {
    insta::assert_snapshot!(name, draw(app, w, h).backend());
}

/// The fixture register with a call-off by renewed competition in the IT agreement, which
/// the tabs follow.
fn with_competition_calloff(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, mut app) = app_with(&fixture_register(), lang);
    let a = app
        .store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap();
    let c = CallOff::new(
        "FKU-2026-001",
        a.id,
        "Systemutveckling",
        "Olle Beställare",
        CallOffMethod::Competition,
        datetime!(2026-11-20 10:00),
    );
    app.store.save_calloff(&c).unwrap();
    let ranked = CallOff::new(
        "AVR-2026-001",
        a.id,
        "Systemutveckling",
        "Olle Beställare",
        CallOffMethod::Ranking,
        datetime!(2026-11-21 10:00),
    );
    app.store.save_calloff(&ranked).unwrap();
    // Follow the IT agreement: the picker lists by reference, it is the last.
    press(&mut app, KeyCode::Char('5'));
    keys(&mut app, "A");
    keys(&mut app, "jjj");
    press(&mut app, KeyCode::Enter);
    (d, app)
}

fn tender(app: &mut App, price: &str, points: [&str; 2]) {
    keys(app, "n");
    press(app, KeyCode::Tab);
    keys(app, price);
    for p in points {
        press(app, KeyCode::Tab);
        keys(app, p);
    }
    ctrl(app, 's');
    assert!(app.form.is_none(), "{}", screen(app, 80, 24));
}

/// The agreement the per-agreement tabs follow: the competition call-off's.
fn followed(app: &App) -> avtal::domain::AgreementId {
    app.calloffs.agreement.expect("an agreement is followed")
}

fn goto(app: &mut App, section: CompSection) {
    while app.competitions.open.as_ref().map(|o| o.section) != Some(section) {
        press(app, KeyCode::Right);
    }
}

/// Three tenders under the default model (price 60 %, competence 25 %, approach 15 %).
fn with_three_tenders(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, mut app) = with_competition_calloff(lang);
    press(&mut app, KeyCode::Enter);
    goto(&mut app, CompSection::Tenders);
    tender(&mut app, "95000", ["2", "2"]); // Alfa
    tender(&mut app, "98 000", ["4", "3"]); // Beta
    tender(&mut app, "110000", ["5", "5"]); // Gamma
    (d, app)
}

#[test]
fn a_competition_from_first_open_to_the_award() {
    let (_d, mut app) = with_competition_calloff(Lang::Sv);
    // Only the call-off by competition is listed, not started yet.
    let text = screen(&app, 80, 24);
    assert!(text.contains("FKU-2026-001"), "{text}");
    assert!(text.contains("ej påbörjad"), "{text}");
    assert!(!text.contains("AVR-2026-001"), "{text}");

    // Enter starts it: default model, the lot's ranking invited, the instruction filled.
    press(&mut app, KeyCode::Enter);
    let stored = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(stored.model.name, "Standardmodell");
    assert_eq!(stored.invited.len(), 3);
    assert!(stored.instruction.contains("FKU-2026-001"));
    assert!(stored.instruction.contains("UH-2026-014"));
    assert!(stored.instruction.contains("Kompetens: 25 %"));

    // Setting the deadline fills it into the instruction.
    keys(&mut app, "e");
    keys(&mut app, "2026-12-01 12:00");
    ctrl(&mut app, 's');
    let stored = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(stored.deadline, Some(datetime!(2026-12-01 12:00)));
    assert!(stored.instruction.contains("anbud:** 2026-12-01 12:00"));
    assert!(!stored.instruction.contains("{deadline}"));

    goto(&mut app, CompSection::Tenders);
    // Points above the scale are refused in words and the form keeps what was typed.
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "95000");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "7");
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(app.form.is_some());
    assert!(text.contains("95000"), "{text}");
    assert!(text.contains("mellan 0 och 5"), "{text}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");

    tender(&mut app, "95000", ["2", "2"]);
    tender(&mut app, "98 000", ["4", "3"]);
    tender(&mut app, "110000", ["5", "5"]);
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    let names: Vec<String> = c
        .tenders
        .iter()
        .map(|t| app.followed_agreement().unwrap().supplier_name(&t.supplier))
        .collect();
    assert_eq!(names, ["Alfa Konsult AB", "Beta IT AB", "Gamma Data AB"]);

    goto(&mut app, CompSection::Result);
    let text = screen(&app, 80, 40);
    assert!(
        text.contains("Vinnare enligt modellen: Gamma Data AB"),
        "{text}"
    );
    // 60 × 95 000 / 110 000 = 51,82; 5/5 × 25 = 25; 5/5 × 15 = 15.
    assert!(
        text.contains("1. Gamma Data AB — totalt 91,82 poäng"),
        "{text}"
    );
    assert!(
        text.contains("Pris: lägsta 95 000,00 kr / 110 000,00 kr × 60 = 51,82"),
        "{text}"
    );
    assert!(text.contains("Kompetens: 5/5 × 25 = 25,00"), "{text}");
    // 60 × 95 000 / 98 000 = 58,16; 4/5 × 25 = 20; 3/5 × 15 = 9.
    assert!(
        text.contains("2. Beta IT AB — totalt 87,16 poäng"),
        "{text}"
    );
    assert!(text.contains("Genomförande: 3/5 × 15 = 9,00"), "{text}");
    assert!(
        text.contains("3. Alfa Konsult AB — totalt 76,00 poäng"),
        "{text}"
    );
    assert!(text.contains("lägsta pris vann inte"), "{text}");

    // Record the winner, then award the call-off to it.
    keys(&mut app, "w");
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(c.winner, Some(org("212000-0142")));
    assert_eq!(
        app.store
            .calloff(followed(&app), "FKU-2026-001")
            .unwrap()
            .unwrap()
            .awarded_supplier,
        None
    );
    keys(&mut app, "a");
    assert_eq!(
        app.store
            .calloff(followed(&app), "FKU-2026-001")
            .unwrap()
            .unwrap()
            .awarded_supplier,
        Some(org("212000-0142"))
    );
    // Undo takes back the award, then the recorded winner.
    keys(&mut app, "u");
    assert_eq!(
        app.store
            .calloff(followed(&app), "FKU-2026-001")
            .unwrap()
            .unwrap()
            .awarded_supplier,
        None
    );
    keys(&mut app, "u");
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(c.winner, None);

    // Back in the list the status says how far it has come.
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("anbud inkomna"));
}

#[test]
fn the_model_is_edited_saved_for_reuse_and_picked_again() {
    let (_d, mut app) = with_three_tenders(Lang::Sv);
    goto(&mut app, CompSection::Model);
    // A fourth criterion makes the weights add up to 110 %: said in words.
    keys(&mut app, "n");
    keys(&mut app, "Referenser");
    press(&mut app, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "10");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Vikterna summerar till 110 %"), "{text}");
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert!(c.tenders.iter().all(|t| t.points.len() == 3));
    // Saving a model that does not add up is refused.
    keys(&mut app, "M");
    assert!(app.store.models(c.agreement).unwrap().is_empty());
    // Price weight 50 % fixes it; then save and rename.
    keys(&mut app, "g");
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "50");
    ctrl(&mut app, 's');
    assert!(screen(&app, 80, 24).contains("Modellen går att använda"));
    keys(&mut app, "M");
    assert_eq!(app.store.models(c.agreement).unwrap().len(), 1);
    // Delete the new criterion: asked first, the points on it go too.
    keys(&mut app, "G");
    keys(&mut app, "d");
    keys(&mut app, "y");
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(c.model.kind.criteria_len(), 2);
    assert!(c.tenders.iter().all(|t| t.points.len() == 2));
    // Pick the saved model again: the tenders get a zero for the criterion back.
    keys(&mut app, "m");
    press(&mut app, KeyCode::Enter);
    let c = app
        .store
        .competition(followed(&app), "FKU-2026-001")
        .unwrap()
        .unwrap();
    assert_eq!(c.model.kind.criteria_len(), 3);
    assert!(c.tenders.iter().all(|t| t.points.len() == 3));
}

#[test]
fn purchases_outside_are_registered_analysed_and_decided() {
    let (_d, mut app) = with_competition_calloff(Lang::Sv);
    press(&mut app, KeyCode::Char('6'));
    let a = app.followed_agreement().unwrap().id;
    for (orderer, supplier, what, amount, category) in [
        ("Kultur", "Webbyrån AB", "Ny webbplats", "120 000", "Design"),
        ("IT-enheten", "Molnet AB", "Drift", "40000", "Drift"),
        ("Kultur", "Formgivarna AB", "Logotyp", "15 000,50", "Design"),
    ] {
        keys(&mut app, "n");
        for text in [orderer, supplier, what, amount, category, "Ingår inte"] {
            press(&mut app, KeyCode::Tab);
            keys(&mut app, text);
        }
        ctrl(&mut app, 's');
        assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    }
    assert_eq!(app.store.purchases(a).unwrap().len(), 3);
    let text = screen(&app, 80, 24);
    assert!(text.contains("135 000,50"), "{text}");
    assert!(text.contains("175 000,50"), "{text}");

    // A negative amount is refused in words.
    keys(&mut app, "n");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "-5");
    ctrl(&mut app, 's');
    assert!(app.form.is_some());
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");

    // The largest category first; decide on it.
    press(&mut app, KeyCode::Right);
    keys(&mut app, "b");
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store.decisions(a).unwrap(),
        [(
            "Design".to_string(),
            CategoryDecision::ComplementaryProcurement
        )]
    );
    assert!(screen(&app, 80, 24).contains("kompletterande upphandling"));
    keys(&mut app, "u");
    assert_eq!(
        app.store.decisions(a).unwrap(),
        [("Design".to_string(), CategoryDecision::Undecided)]
    );

    // Delete asks, and undo brings the purchase back.
    press(&mut app, KeyCode::Left);
    keys(&mut app, "d");
    keys(&mut app, "y");
    assert_eq!(app.store.purchases(a).unwrap().len(), 2);
    keys(&mut app, "u");
    assert_eq!(app.store.purchases(a).unwrap().len(), 3);
}

#[test]
fn snapshots_of_the_competition_tab() {
    let (_d, mut app) = with_competition_calloff(Lang::Sv);
    snap("competitions_list_sv", &app, 80, 24);
    press(&mut app, KeyCode::Enter);
    snap("competition_instruction_sv", &app, 80, 24);
    keys(&mut app, "e");
    snap("competition_instruction_form_sv", &app, 80, 24);
    press(&mut app, KeyCode::Esc);
    goto(&mut app, CompSection::Model);
    snap("competition_model_sv", &app, 80, 24);
    goto(&mut app, CompSection::Invited);
    snap("competition_invited_sv", &app, 80, 24);

    let (_d, mut app) = with_three_tenders(Lang::Sv);
    snap("competition_tenders_sv", &app, 80, 24);
    goto(&mut app, CompSection::Result);
    snap("competition_result_sv", &app, 80, 24);
    keys(&mut app, "w");
    goto(&mut app, CompSection::Note);
    snap("competition_note_sv", &app, 80, 24);

    let (_d, mut app) = with_three_tenders(Lang::En);
    goto(&mut app, CompSection::Result);
    snap("competition_result_en_wide", &app, 120, 40);
    keys(&mut app, "?");
    draw(&app, 80, 24);
}

#[test]
fn snapshots_of_the_purchases_tab() {
    for (lang, name, w, h) in [
        (Lang::Sv, "purchases_sv", 80, 24),
        (Lang::En, "purchases_en_wide", 140, 30),
    ] {
        let (_d, mut app) = with_competition_calloff(lang);
        press(&mut app, KeyCode::Char('6'));
        for (orderer, supplier, what, amount, category) in [
            ("Kultur", "Webbyrån AB", "Ny webbplats", "120000", "Design"),
            (
                "IT-enheten",
                "Molnet AB",
                "Drift av server",
                "40000",
                "Drift",
            ),
        ] {
            keys(&mut app, "n");
            for text in [
                orderer,
                supplier,
                what,
                amount,
                category,
                "Saknas i avtalet",
            ] {
                press(&mut app, KeyCode::Tab);
                keys(&mut app, text);
            }
            ctrl(&mut app, 's');
        }
        press(&mut app, KeyCode::Right);
        keys(&mut app, "b");
        keys(&mut app, "j");
        press(&mut app, KeyCode::Enter);
        snap(name, &app, w, h);
    }
}

#[test]
fn the_new_tabs_never_panic_at_any_size_or_without_an_agreement() {
    let (_d, mut app) = app_with(&[], Lang::Sv);
    press(&mut app, KeyCode::Esc);
    for tab in ['5', '6'] {
        press(&mut app, KeyCode::Char(tab));
        for k in "nedbwaMmAu".chars() {
            keys(&mut app, &k.to_string());
            press(&mut app, KeyCode::Esc);
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Right);
        draw(&app, 80, 24);
    }
    let (_d, mut app) = with_three_tenders(Lang::Sv);
    for _section in 0..6 {
        for (w, h) in [(1, 1), (20, 5), (80, 24), (300, 100)] {
            draw(&app, w, h);
        }
        for k in ["j", "j", "G", "g"] {
            keys(&mut app, k);
        }
        press(&mut app, KeyCode::Right);
    }
}

#[test]
fn a_deductions_model_shows_each_deduction_and_the_evaluation_price() {
    use avtal::domain::Money;
    use avtal::domain::competition::*;
    let (_d, mut app) = with_competition_calloff(Lang::Sv);
    let a = app.followed_agreement().unwrap().clone();
    let model = EvaluationModel {
        name: "Mervärde".into(),
        kind: ModelKind::PriceWithDeductions {
            criteria: vec![
                DeductionCriterion {
                    name: "Certifiering".into(),
                    max_deduction: Money(1_000_000),
                    max_points: 1,
                },
                DeductionCriterion {
                    name: "Erfarenhet".into(),
                    max_deduction: Money(2_000_000),
                    max_points: 4,
                },
            ],
        },
    };
    let mut c = Competition::new("FKU-2026-001", a.id, "Systemutveckling", model);
    c.invited = a.lots[0].ranking.clone();
    c.tenders = vec![
        Tender {
            supplier: org("556074-3089"),
            price: Money(10_000_000),
            points: vec![1, 2],
        },
        Tender {
            supplier: org("202100-5448"),
            price: Money(9_500_000),
            points: vec![0, 1],
        },
    ];
    app.store.save_competition(&c).unwrap();
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    goto(&mut app, CompSection::Result);
    let text = screen(&app, 80, 24);
    // Alfa: 100 000 − (10 000 + 2/4 × 20 000) = 80 000; Beta: 95 000 − 5 000 = 90 000.
    assert!(
        text.contains("1. Alfa Konsult AB — utvärderingspris 80 000,00 kr"),
        "{text}"
    );
    assert!(
        text.contains("Erfarenhet: 2/4 av 20 000,00 kr = 10 000,00 kr"),
        "{text}"
    );
    assert!(
        text.contains("Pris 95 000,00 kr − avdrag 5 000,00 kr = 90 000,00 kr"),
        "{text}"
    );
    snap("competition_result_deductions_sv", &app, 80, 24);
}
