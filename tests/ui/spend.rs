//! The Spend tab (issue 16) on the demo register: reached from the agenda's warning about
//! the maximum value and from the Outside purchases tab with →, its parts, a supplier
//! outside the agreement registered as a purchase in one key (once, with undo), and its
//! screens compared with snapshots in both languages.

use crate::common;

use avtal::app::App;
use avtal::app::spend::SpendPart;
use avtal::i18n::Lang;
use avtal::store::Store;
use common::*;
use ratatui::crossterm::event::KeyCode;

fn demo_app(dir: &tempfile::TempDir, lang: Lang) -> App {
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    let loaded = avtal::app::demo::load_demo(&store, NOW, 40).unwrap();
    assert!(
        loaded.invoices > 50 && loaded.ledger_rows > loaded.invoices,
        "{loaded:?}"
    );
    App::new(store, lang, NOW)
}

#[test]
fn the_agenda_warns_of_the_maximum_value_and_opens_the_spend_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir, Lang::Sv);
    let agenda = screen(&app, 120, 40);
    let line = agenda
        .lines()
        .find(|l| l.contains("Takvolym"))
        .unwrap_or_else(|| panic!("no warning about the maximum value:\n{agenda}"));
    assert!(line.contains("av takvolymen använd; nås"), "{line}");
    // Down to the warning and open it.
    let row = app
        .agenda
        .iter()
        .position(|i| i.kind == avtal::domain::agenda::AgendaKind::MaxValue)
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, avtal::app::Tab::Spend);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Takvolym 11 188 647 av 13 500 000 kr (83 %)"),
        "{s}"
    );
    assert!(s.contains("Avtalstrohet"), "{s}");
}

#[test]
fn an_outside_supplier_becomes_a_purchase_in_one_key_once_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir, Lang::En);
    // Tab 6 is Outside purchases; → to its analysis, → again to Spend, ← back.
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tab, avtal::app::Tab::Spend);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.tab, avtal::app::Tab::Purchases);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tab, avtal::app::Tab::Spend);
    keys(&mut app, "v");
    assert_eq!(app.spend.part, SpendPart::Outside);
    let before = app.purchases.list.len();
    keys(&mut app, "n");
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("registered as a purchase outside the agreement"),
        "{s}"
    );
    assert_eq!(app.purchases.list.len(), before + 1);
    let p = &app.purchases.list[0];
    assert!(
        p.supplier
            .starts_with("Konsultbolaget Direkt AB (556677-8899)"),
        "{p:?}"
    );
    // The purchases tab counts it in words: one purchase, not "1 purchases".
    press(&mut app, KeyCode::Left);
    let s = screen(&app, 100, 30);
    assert!(s.contains(": 1 purchase, "), "{s}");
    press(&mut app, KeyCode::Right);
    // The same key again registers nothing more.
    keys(&mut app, "n");
    assert!(screen(&app, 100, 30).contains("already registered"));
    assert_eq!(app.purchases.list.len(), before + 1);
    // j/k and the other parts work; u takes the purchase back.
    keys(&mut app, "jkv");
    assert_eq!(app.spend.part, SpendPart::PriceAudit);
    keys(&mut app, "u");
    assert_eq!(app.purchases.list.len(), before);
}

#[test]
fn the_spend_tab_at_80_by_24_and_200_by_50() {
    for (lang, name) in [(Lang::Sv, "sv"), (Lang::En, "en")] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = demo_app(&dir, lang);
        press(&mut app, KeyCode::Char('6'));
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        insta::assert_snapshot!(format!("spend_{name}_80x24"), draw(&app, 80, 24).backend());
        keys(&mut app, "vv");
        insta::assert_snapshot!(
            format!("spend_audit_{name}_200x50"),
            draw(&app, 200, 50).backend()
        );
        insta::assert_snapshot!(
            format!("spend_audit_{name}_80x24"),
            draw(&app, 80, 24).backend()
        );
    }
}

#[test]
fn the_agreement_form_keeps_the_maximum_value_estimate_and_accounts() {
    let (_dir, mut app) = app_with(&fixture_register(), Lang::Sv);
    // The register, filtered to the IT agreement, opened and edited.
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "/UH-2026-014");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "e");
    let form = app.form.as_ref().expect("the agreement form is open");
    let at = |label: &str| form.fields.iter().position(|f| f.label == label).unwrap();
    let (max, estimate, accounts) = (
        at("ui.field.max_value"),
        at("ui.field.estimated_value"),
        at("ui.field.accounts"),
    );
    for (target, text) in [
        (max, "60 000 000"),
        (estimate, "40000000,50"),
        (accounts, "6540, 6550, 6540"),
    ] {
        while app.form.as_ref().unwrap().focus != target {
            press(&mut app, KeyCode::Tab);
        }
        keys(&mut app, text);
    }
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let a = app
        .store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap();
    assert_eq!(a.money.max_value, Some(avtal::domain::Money(6_000_000_000)));
    assert_eq!(
        a.money.estimated_value,
        Some(avtal::domain::Money(4_000_000_050))
    );
    assert_eq!(a.money.accounts, vec!["6540", "6550"]);
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("takvolym 60 000 000 kr, uppskattat 40 000 000,50 kr, konton 6540, 6550"),
        "{s}"
    );
}

#[test]
fn an_overcharged_line_becomes_a_deviation_and_a_repayment_case_once_and_undo_takes_both() {
    use avtal::domain::deviation::ManualKind;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir, Lang::Sv);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    keys(&mut app, "vv");
    assert_eq!(app.spend.part, SpendPart::PriceAudit);
    let line = app.spend.audit[0].clone();
    let a = app.followed.unwrap();
    let deviations = |app: &App| app.store.deviations(Some(a)).unwrap();
    let before = deviations(&app).len();
    keys(&mut app, "n");
    let s = screen(&app, 100, 30);
    assert!(s.contains("återbetalningskrav S-0001"), "{s}");
    let after = deviations(&app);
    assert_eq!(after.len(), before + 1);
    let d = after
        .iter()
        .find(|d| d.kind == ManualKind::Overcharge)
        .unwrap();
    assert!(
        d.description
            .starts_with(&format!("Faktura {} rad {}", line.invoice, line.line)),
        "{}",
        d.description
    );
    assert_eq!(d.supplier.as_ref(), Some(&line.supplier));
    let cases = app.store.damages_cases(Some(a)).unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(
        cases[0].improvement_demanded,
        format!("Återbetalning av {}", app.cat.money_kr(line.overcharge))
    );
    // The same line again: refused in words, nothing more stored.
    keys(&mut app, "n");
    assert!(screen(&app, 100, 30).contains("redan registrerad som avvikelse"));
    assert_eq!(deviations(&app).len(), before + 1);
    // One undo takes both back.
    keys(&mut app, "u");
    assert_eq!(deviations(&app).len(), before);
    assert!(app.store.damages_cases(Some(a)).unwrap().is_empty());
}

#[test]
fn an_invoice_sample_is_drawn_checked_shown_and_taken_back() {
    use avtal::domain::spend::sample::SampleResult;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir, Lang::Sv);
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    keys(&mut app, "vvv");
    assert_eq!(app.spend.part, SpendPart::Sample);
    assert!(screen(&app, 80, 24).contains("Inget stickprov draget ännu"));

    // n asks how many per supplier (2) and shows the seed from the clock.
    keys(&mut app, "n");
    let form = app.form.as_ref().expect("the draw form");
    assert_eq!(form.field("ui.spend.sample.field.per_supplier").text(), "2");
    let seed = NOW.assume_utc().unix_timestamp().to_string();
    assert_eq!(form.field("ui.spend.sample.field.seed").text(), seed);
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    let sample = app.latest_sample().unwrap().clone();
    assert_eq!(sample.seed.to_string(), seed);
    assert!(!sample.items.is_empty());
    let s = screen(&app, 80, 24);
    assert!(s.contains(&format!("frö {seed}")), "{s}");
    assert!(s.contains(&sample.items[1].invoice), "{s}");

    // The second invoice found incorrect: a note is asked for, then it is in the list.
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let refused = app.form.as_ref().expect("refused without a note");
    assert!(refused.message.as_deref().unwrap().contains("Skriv vad"));
    press(&mut app, KeyCode::Tab);
    for c in "Timpris över avtalat".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    let item = &app.latest_sample().unwrap().items[1];
    assert_eq!(item.result, SampleResult::Incorrect);
    assert_eq!(item.note, "Timpris över avtalat");
    assert_eq!(item.checked_on, Some(NOW.date()));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Felaktig"), "{s}");
    assert!(s.contains("Anteckning: Timpris över avtalat"), "{s}");
    assert!(s.contains("1 av"), "{s}");

    // The report before the next procurement states the outcome.
    let a = app.followed_agreement().unwrap().clone();
    let report = avtal::app::statistics::procurement::gather(&app, &a).unwrap();
    let md =
        avtal::app::statistics::procurement_export::procurement_markdown(app.cat, &report, app.now);
    assert!(md.contains("## Fakturakontroll"), "{md}");
    assert!(
        md.contains(&format!(
            "{} dragna, 1 kontrollerade. Resultat: 0 korrekta, 1 felaktiga, 0 oklara.",
            sample.items.len()
        )),
        "{md}"
    );

    // u takes the check back, u again the sample.
    keys(&mut app, "u");
    assert_eq!(app.latest_sample(), Some(&sample));
    keys(&mut app, "u");
    assert!(app.latest_sample().is_none());
    assert!(screen(&app, 80, 24).contains("Inget stickprov draget ännu"));
}

/// The tab keeps what it read while nothing is written, and reads again after a change:
/// a new maximum value entered in the agreement's form shows when the tab is entered
/// again.
#[test]
fn the_spend_tab_shows_a_changed_maximum_value_when_entered_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir, Lang::Sv);
    // Tab 6, on to its analysis and on to Spend (the analysis may be shown already).
    let to_spend = |app: &mut App| {
        press(app, KeyCode::Char('6'));
        for _ in 0..2 {
            if app.tab != avtal::app::Tab::Spend {
                press(app, KeyCode::Right);
            }
        }
        assert_eq!(app.tab, avtal::app::Tab::Spend);
    };
    to_spend(&mut app);
    let before = screen(&app, 80, 24);
    assert!(before.contains("av 13 500 000 kr (83 %)"), "{before}");
    // Entering again with nothing written reads nothing new and shows the same.
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Right);
    assert_eq!(screen(&app, 80, 24), before);
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "/UH-2025-014");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "e");
    let form = app.form.as_ref().expect("the agreement form is open");
    let max = form
        .fields
        .iter()
        .position(|f| f.label == "ui.field.max_value")
        .unwrap();
    while app.form.as_ref().unwrap().focus != max {
        press(&mut app, KeyCode::Tab);
    }
    // The stored value as the field shows it, wholly erased.
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "22 000 000");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    to_spend(&mut app);
    let after = screen(&app, 80, 24);
    assert!(after.contains("av 22 000 000 kr (51 %)"), "{after}");
}
