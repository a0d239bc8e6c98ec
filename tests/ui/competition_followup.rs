//! Issue 13, the renewed competition and the follow-up plan without sharp edges: only the
//! lot's suppliers are invited and tender, an award asks before it replaces another and
//! raises a deviation outside the lot at once, the instruction is filled from the
//! register or says what is left, scrolls to its end and exports; the demo's competitions
//! agree with its call-offs; a check set to "not met → deviation" opens the deviation.

use crate::common;

use avtal::app::competitions::CompSection;
use avtal::app::{App, Popup, Tab};
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::competition::{Competition, Tender};
use avtal::domain::followup::FollowUp;
use avtal::domain::ranking::RankingOutcome;
use avtal::domain::{AgreementId, Money};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::datetime;

fn it_id(app: &App) -> AgreementId {
    app.store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap()
        .id
}

/// The fixture register with call-off FKU-2026-001 by renewed competition in `lot` of the
/// IT agreement, which the tabs follow, opened in tab 5.
fn open_competition(lang: Lang, lot: &str) -> (tempfile::TempDir, App) {
    open_prepared(lang, lot, |_, _| {})
}

/// As [`open_competition`], with `prepare` run on the store before the tab is opened.
fn open_prepared(
    lang: Lang,
    lot: &str,
    prepare: impl FnOnce(&avtal::store::Store, AgreementId),
) -> (tempfile::TempDir, App) {
    let (d, mut app) = app_with(&fixture_register(), lang);
    let id = it_id(&app);
    let c = CallOff::new(
        "FKU-2026-001",
        id,
        lot,
        "Olle Beställare",
        CallOffMethod::Competition,
        datetime!(2026-11-20 10:00),
    );
    app.store.save_calloff(&c).unwrap();
    prepare(&app.store, id);
    press(&mut app, KeyCode::Char('5'));
    keys(&mut app, "A");
    keys(&mut app, "jjj");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.competitions.open.is_some(), "{}", screen(&app, 80, 24));
    (d, app)
}

fn goto(app: &mut App, section: CompSection) {
    while app.competitions.open.as_ref().map(|o| o.section) != Some(section) {
        press(app, KeyCode::Right);
    }
}

/// A tender from the supplier `right` steps past the form's default (the first invited
/// supplier without a tender), with price and two points.
fn try_tender(app: &mut App, right: usize, price: &str) {
    keys(app, "n");
    for _ in 0..right {
        press(app, KeyCode::Right);
    }
    press(app, KeyCode::Tab);
    keys(app, price);
    for p in ["3", "3"] {
        press(app, KeyCode::Tab);
        keys(app, p);
    }
    ctrl(app, 's');
}

/// The screen's words in one line, so that a phrase wrapped over two rows is found.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn only_the_lots_invited_suppliers_may_tender_and_others_are_refused_in_words() {
    // Projektledning ranks Beta, then Alfa; Gamma is a supplier of the agreement only.
    let (_d, mut app) = open_competition(Lang::Sv, "Projektledning");
    let id = it_id(&app);
    let stored = app.store.competition(id, "FKU-2026-001").unwrap().unwrap();
    assert_eq!(stored.invited, vec![org("202100-5448"), org("556074-3089")]);
    goto(&mut app, CompSection::Invited);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Beta IT AB") && text.contains("Alfa Konsult AB"),
        "{text}"
    );
    assert!(
        !text.contains("Gamma Data AB"),
        "only the lot is listed: {text}"
    );

    goto(&mut app, CompSection::Tenders);
    // The form proposes Beta (first invited without a tender); one step on is Gamma.
    try_tender(&mut app, 1, "95000");
    let text = screen(&app, 80, 24);
    assert!(app.form.is_some(), "refused, the form stays: {text}");
    assert!(
        text.contains("Gamma Data AB är inte ramavtalsleverantör i Projektledning"),
        "{text}"
    );
    assert!(text.contains("95000"), "what was typed is kept: {text}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");

    // Alfa taken off the invitation cannot tender.
    goto(&mut app, CompSection::Invited);
    keys(&mut app, "j ");
    let stored = app.store.competition(id, "FKU-2026-001").unwrap().unwrap();
    assert_eq!(stored.invited, vec![org("202100-5448")]);
    goto(&mut app, CompSection::Tenders);
    // Default Beta; Alfa is the one before it.
    keys(&mut app, "n");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "90000");
    for p in ["3", "3"] {
        press(&mut app, KeyCode::Tab);
        keys(&mut app, p);
    }
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(app.form.is_some(), "{text}");
    assert!(text.contains("Alfa Konsult AB är inte inbjuden"), "{text}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");
    // Beta, invited and in the lot, is taken.
    try_tender(&mut app, 0, "98000");
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let stored = app.store.competition(id, "FKU-2026-001").unwrap().unwrap();
    assert_eq!(stored.tenders.len(), 1);
    assert_eq!(stored.tenders[0].supplier, org("202100-5448"));
}

#[test]
fn an_award_that_replaces_another_asks_first_and_names_what_it_replaces() {
    let (_d, mut app) = open_competition(Lang::Sv, "Systemutveckling");
    let id = it_id(&app);
    let mut before = app.store.calloff(id, "FKU-2026-001").unwrap().unwrap();
    before.awarded_supplier = Some(org("202100-5448"));
    app.store.save_calloff(&before).unwrap();
    goto(&mut app, CompSection::Tenders);
    try_tender(&mut app, 0, "95000"); // Alfa, the first invited
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    goto(&mut app, CompSection::Result);
    keys(&mut app, "w");
    keys(&mut app, "a");
    let text = screen(&app, 80, 24);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })), "{text}");
    assert!(text.contains("redan tilldelat Beta IT AB"), "{text}");
    assert!(
        text.contains("Tilldela Alfa Konsult AB i stället"),
        "{text}"
    );
    keys(&mut app, "n");
    let awarded = |app: &App| {
        app.store
            .calloff(id, "FKU-2026-001")
            .unwrap()
            .unwrap()
            .awarded_supplier
    };
    assert_eq!(
        awarded(&app),
        Some(org("202100-5448")),
        "no: nothing changes"
    );
    keys(&mut app, "a");
    keys(&mut app, "y");
    assert_eq!(awarded(&app), Some(org("556074-3089")));
    // In the lot and the evaluation's winner: no deviation, no question.
    assert!(app.form.is_none());
    // Awarding again says it is done already.
    keys(&mut app, "a");
    assert!(app.popup.is_none());
    assert!(
        status(&app).contains("redan tilldelat Alfa Konsult AB"),
        "{}",
        status(&app)
    );
    // The list names the winner in full at 80 columns, and in a column of its own wider.
    press(&mut app, KeyCode::Esc);
    let text = screen(&app, 80, 24);
    assert!(text.contains("★ Alfa Konsult AB"), "{text}");
    let text = screen(&app, 120, 30);
    assert!(text.contains("vinnare beslutad Alfa Konsult AB"), "{text}");
}

#[test]
fn an_award_outside_the_lot_is_a_deviation_at_once_and_its_reason_is_kept() {
    // A competition kept from before the lot changed: Gamma tendered and was recorded.
    let (_d, mut app) = open_prepared(Lang::Sv, "Projektledning", |store, id| {
        let cat = avtal::i18n::Catalog::get(Lang::Sv);
        let mut c = Competition::new(
            "FKU-2026-001",
            id,
            "Projektledning",
            avtal::app::competitions::default_model(cat),
        );
        c.invited = vec![org("212000-0142")];
        c.tenders = vec![Tender {
            supplier: org("212000-0142"),
            price: Money(9_000_000),
            points: vec![4, 4],
        }];
        c.winner = Some(org("212000-0142"));
        store.save_competition(&c).unwrap();
    });
    let id = it_id(&app);
    goto(&mut app, CompSection::Result);
    // The result warns before the award.
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Gamma Data AB är inte ramavtalsleverantör i Projektledning"),
        "{text}"
    );
    keys(&mut app, "a");
    let row = app.store.calloff_row(id, "FKU-2026-001").unwrap().unwrap();
    assert_eq!(row.calloff.awarded_supplier, Some(org("212000-0142")));
    // DESIGN §4: a call-off by renewed competition is outside the ranking rule, so the
    // award outside the lot is registered as a deviation of its own at once.
    assert_eq!(row.outcome, RankingOutcome::NotAssessed);
    let registered = app.store.deviations(Some(id)).unwrap();
    let d = registered
        .iter()
        .find(|d| d.calloff.as_deref() == Some("FKU-2026-001"))
        .expect("the deviation is registered at once");
    assert_eq!(d.supplier, Some(org("212000-0142")));
    // The reason is asked for at once.
    let text = screen(&app, 80, 24);
    assert!(app.form.is_some(), "{text}");
    assert!(
        text.contains("Skäl för avvikelsen i FKU-2026-001"),
        "{text}"
    );
    assert!(text.contains("Avvikelse (ej i området)"), "{text}");
    assert!(
        text.contains("FKU-2026-001 är tilldelat Gamma Data AB"),
        "the status line says what was done: {text}"
    );
    keys(&mut app, "Ramavtalets enda leverantör med rätt kompetens");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let row = app.store.calloff_row(id, "FKU-2026-001").unwrap().unwrap();
    assert_eq!(
        row.calloff.deviation_reason.as_deref(),
        Some("Ramavtalets enda leverantör med rätt kompetens")
    );
    // Tab 4 shows the deviation.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&app, 120, 30);
    assert!(text.contains("FKU-2026-001"), "{text}");
}

#[test]
fn the_instruction_is_filled_from_the_register_or_says_what_is_left_and_exports() {
    let (_d, mut app) = open_competition(Lang::Sv, "Systemutveckling");
    let dir = tempfile::tempdir().unwrap();
    app.competitions.export_dir = dir.path().to_path_buf();
    let text = flat(&screen(&app, 80, 24));
    assert!(text.contains("Inte klar att skicka, fyll i"), "{text}");
    assert!(text.contains("organisationens namn"), "{text}");

    // The organisation, once, for every instruction.
    keys(&mut app, "o");
    keys(&mut app, "Exempelby kommun");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Karin Köpare, karin@kommun.se");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    // The deadline, then what only the user knows.
    keys(&mut app, "e");
    keys(&mut app, "2026-12-01 12:00");
    ctrl(&mut app, 's');
    keys(&mut app, "f");
    let text = screen(&app, 80, 24);
    assert!(text.contains("▸ Uppdraget"), "{text}");
    assert!(text.contains("  Sista dag för frågor"), "{text}");
    assert!(
        !text.contains("organisationens namn"),
        "filled from the register: {text}"
    );
    for value in [
        "Systemförvaltare för ekonomisystemet",
        "2027-01-01 – 2027-06-30",
        "heltid",
        "2026-11-27 12:00",
    ] {
        keys(&mut app, value);
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Klar att skicka"), "{text}");

    // It scrolls to its very end at 80x24.
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("sekretessprövade och varför."), "{text}");
    // ... and back to its beginning.
    press(&mut app, KeyCode::Char('g'));
    assert!(screen(&app, 80, 24).contains("Sista dag för anbud: 2026-12-01 12:00"));

    // Exported as Markdown, never over an earlier export.
    keys(&mut app, "x");
    let first = dir.path().join("avropsinstruktion-FKU-2026-001.md");
    let body = std::fs::read_to_string(&first).unwrap();
    assert!(body.starts_with("# Avropsinstruktion"), "{body}");
    assert!(body.contains("Exempelby kommun bjuder härmed in"), "{body}");
    assert!(
        body.contains("Karin Köpare, karin@kommun.se senast 2026-11-27 12:00"),
        "{body}"
    );
    assert!(
        body.contains("Systemförvaltare för ekonomisystemet"),
        "{body}"
    );
    assert!(!body.contains('{'), "{body}");
    assert!(
        status(&app).contains("avropsinstruktion-FKU-2026-001.md"),
        "{}",
        status(&app)
    );
    keys(&mut app, "x");
    let second = dir.path().join("avropsinstruktion-FKU-2026-001-2.md");
    assert_eq!(std::fs::read_to_string(&second).unwrap(), body);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), body);
    assert!(status(&app).contains("-2.md"), "{}", status(&app));
}

#[test]
fn an_instruction_not_ready_is_exported_with_what_is_left_named() {
    let (_d, mut app) = open_competition(Lang::En, "Systemutveckling");
    let dir = tempfile::tempdir().unwrap();
    app.competitions.export_dir = dir.path().to_path_buf();
    keys(&mut app, "x");
    let s = status(&app);
    assert!(s.contains("instruction-FKU-2026-001.md"), "{s}");
    assert!(s.contains("not ready: 7 to fill in"), "{s}");
    assert!(dir.path().join("instruction-FKU-2026-001.md").exists());
    // The whole message stays readable at 80 columns: the status line wraps over the
    // rows it needs instead of cutting the path.
    let shown = screen(&app, 80, 24);
    let rows: Vec<&str> = shown.lines().collect();
    let flowed = rows[rows.len() - 5..rows.len() - 1]
        .iter()
        .map(|r| r.trim_matches(|c| c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flowed.contains("instruction-FKU-2026-001.md"), "{shown}");
    assert!(flowed.contains("(not ready: 7 to fill in)"), "{shown}");
}

#[test]
fn the_demo_competitions_agree_with_the_calloffs_and_a_second_run_adds_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    avtal::app::demo::load_demo(&store, NOW, 150).unwrap();
    let reference = avtal::demo::register(NOW.date())[0].reference.clone();
    let a = store.agreement_by_reference(&reference).unwrap().unwrap();
    let comps = store.competitions(a.id).unwrap();
    assert!(!comps.is_empty());
    let mut awarded = 0;
    for comp in &comps {
        let c = store.calloff(a.id, &comp.calloff).unwrap().unwrap();
        assert_eq!(c.method, CallOffMethod::Competition);
        let lot = a.lot(&c.lot).unwrap();
        assert_eq!(comp.invited, lot.ranking, "{}", c.reference);
        assert!(
            comp.tenders
                .iter()
                .all(|t| comp.invited.contains(&t.supplier))
        );
        assert_eq!(comp.winner, c.awarded_supplier, "{}", c.reference);
        if let Some(w) = &c.awarded_supplier {
            awarded += 1;
            let ev = comp.evaluate().unwrap();
            assert_eq!(ev.winner(), Some(w), "{}", c.reference);
            assert!(!comp.winner_differs_from_evaluation());
        }
    }
    assert!(awarded > 0);
    let n = comps.len();
    avtal::app::demo::load_demo(&store, NOW, 150).unwrap();
    assert_eq!(store.competitions(a.id).unwrap().len(), n);
    assert_eq!(store.organisation().unwrap().name, "Exempelby kommun");
    // The plan's "not met → deviation" check has its deviation, once.
    let checks = store.checks_of_agreement(a.id).unwrap();
    let followed: Vec<_> = checks
        .iter()
        .filter(|c| c.follow_up == FollowUp::Deviation)
        .collect();
    assert!(!followed.is_empty());
    let devs = store.deviations(Some(a.id)).unwrap();
    for c in followed {
        let naming = devs
            .iter()
            .filter(|d| d.description.contains(&c.id.to_string()))
            .count();
        assert_eq!(naming, 1, "{}", c.id);
    }
}

#[test]
fn a_check_set_to_not_met_and_deviation_in_the_form_opens_the_deviation() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    let id = it_id(&app);
    let long = "Leverantören ska hålla en ansvarsförsäkring om minst tio miljoner kronor \
                under hela avtalstiden och visa ett giltigt försäkringsbrev på begäran";
    app.show_tab(Tab::FollowUp);
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, long);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // Alfa
    ctrl(&mut app, 's');
    // The requirement's text is readable in full in the detail pane at 80 columns.
    let text = screen(&app, 80, 24);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("giltigt försäkringsbrev på begäran"),
        "{text}"
    );
    keys(&mut app, "c");
    ctrl(&mut app, 's');
    // Result "not met" and "what follows: deviation" in the form itself.
    keys(&mut app, "e");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Försäkringsbrevet har gått ut");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let check = app.store.checks_of_agreement(id).unwrap().remove(0);
    assert_eq!(check.follow_up, FollowUp::Deviation);
    let devs = app.store.deviations(Some(id)).unwrap();
    assert_eq!(devs.len(), 1, "the deviation is opened");
    assert_eq!(devs[0].supplier, Some(org("556074-3089")));
    assert!(
        devs[0].description.contains(&check.id.to_string()),
        "{}",
        devs[0].description
    );
    assert!(
        devs[0]
            .description
            .contains("Försäkringsbrevet har gått ut")
    );
    assert!(
        status(&app).contains(&check.id.to_string()),
        "{}",
        status(&app)
    );
    // Saving the check again does not open a second one.
    keys(&mut app, "e");
    ctrl(&mut app, 's');
    assert_eq!(app.store.deviations(Some(id)).unwrap().len(), 1);

    // A check planned with "deviation" as what follows, met at first: nothing; found
    // not met later, the deviation is opened then.
    keys(&mut app, "c");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right); // met
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right); // deviation
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    assert_eq!(app.store.deviations(Some(id)).unwrap().len(), 1);
    keys(&mut app, "e");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right); // not met
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    assert_eq!(app.store.deviations(Some(id)).unwrap().len(), 2);
}

#[test]
fn a_supplier_no_longer_in_the_lot_can_be_taken_off_and_is_not_offered_again() {
    let (_d, mut app) = open_prepared(Lang::En, "Projektledning", |store, id| {
        let cat = avtal::i18n::Catalog::get(Lang::En);
        let mut c = Competition::new(
            "FKU-2026-001",
            id,
            "Projektledning",
            avtal::app::competitions::default_model(cat),
        );
        // Invited before Gamma left the lot.
        c.invited = vec![org("202100-5448"), org("212000-0142")];
        store.save_competition(&c).unwrap();
    });
    let id = it_id(&app);
    goto(&mut app, CompSection::Invited);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Gamma Data AB"), "still listed: {text}");
    keys(&mut app, "jj ");
    let invited = |app: &App| {
        app.store
            .competition(id, "FKU-2026-001")
            .unwrap()
            .unwrap()
            .invited
    };
    assert_eq!(invited(&app), vec![org("202100-5448")]);
    // Taken off, it is no longer offered: only the lot's suppliers can be invited.
    let text = screen(&app, 80, 24);
    assert!(!text.contains("Gamma Data AB"), "{text}");
    keys(&mut app, "k ");
    assert_eq!(
        invited(&app),
        vec![org("202100-5448"), org("556074-3089")],
        "Alfa, of the lot, is invited"
    );
}
