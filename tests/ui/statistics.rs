//! The Statistics tab and the view before the next procurement, driven by keys and
//! compared with snapshots (80×24 in Swedish, one wide English screen), and the
//! procurement report's Markdown.

use crate::common;

use avtal::app::statistics::procurement_export::procurement_markdown;
use avtal::app::{App, Tab};
use avtal::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use avtal::domain::meeting::{Meeting, MeetingKind};
use avtal::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};
use avtal::domain::supplier_report::{Hours, SupplierMonth};
use avtal::domain::{AgreementId, Money};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::date;

fn snap(name: &str, app: &App, w: u16, h: u16) {
    insta::assert_snapshot!(name, draw(app, w, h).backend());
}

fn it_id(app: &App) -> AgreementId {
    app.store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap()
        .id
}

/// The fixture call-offs, two reported months (October differs from the register),
/// a meeting and a deviation marked as lessons, and purchases outside the agreement.
fn with_statistics(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, app) = app_with_calloffs(lang);
    let id = it_id(&app);
    let month = |supplier: &str, m, requests, in_time| SupplierMonth {
        agreement: id,
        supplier: org(supplier),
        month: m,
        requests,
        answered_in_time: in_time,
        consultants: 0,
        replaced_due_to_complaint: 0,
        sick_hours: Hours(800),
        scheduled_hours: Hours(16_000),
    };
    app.store
        .import_supplier_stats(&[
            month("202100-5448", date!(2026 - 10 - 01), 2, 1),
            month("212000-0142", date!(2026 - 10 - 01), 1, 1),
        ])
        .unwrap();
    let mut m = Meeting::new(id, MeetingKind::Collaboration, date!(2026 - 10 - 20));
    m.minutes = "Genomgång av avropen.\nSvarstiden två arbetsdagar är för kort för seniora profiler.\nÖvrigt.".into();
    m.lesson_lines = vec![1];
    app.store.insert_meeting(&m).unwrap();
    app.store
        .insert_deviation(&ManualDeviation {
            id: DeviationId(0),
            agreement: id,
            calloff: Some("AV-2".into()),
            supplier: Some(org("212000-0142")),
            kind: ManualKind::LateDelivery,
            registered: date!(2026 - 11 - 03),
            description: "Konsulten började två veckor sent".into(),
            status: DeviationStatus::Closed,
            measures: "Krav på startdatum i avropet".into(),
            lesson: true,
        })
        .unwrap();
    for (amount, category) in [
        (12_000_000, "Licenser"),
        (4_500_000, "Licenser"),
        (9_000_000, "UX-design"),
    ] {
        app.store
            .insert_purchase(&OutsidePurchase {
                id: PurchaseId(0),
                agreement: id,
                date: date!(2026 - 09 - 15),
                orderer: "Kultur".into(),
                supplier: "Annan AB".into(),
                description: "Köp".into(),
                amount: Money(amount),
                category: category.into(),
                reason: "Saknas i avtalet".into(),
            })
            .unwrap();
    }
    app.store
        .set_decision(id, "UX-design", CategoryDecision::ComplementaryProcurement)
        .unwrap();
    (d, app)
}

#[test]
fn kpi_table_trends_and_comparison_sv() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.tab, Tab::Statistics);
    snap("stats_kpis_sv", &app, 80, 24);
    press(&mut app, KeyCode::Char('v'));
    snap("stats_trends_sv", &app, 80, 24);
    press(&mut app, KeyCode::Char('v'));
    snap("stats_compare_sv", &app, 80, 24);
    press(&mut app, KeyCode::Char('v'));
    snap("stats_procurement_sv", &app, 80, 24);
}

#[test]
fn kpi_table_en_wide() {
    let (_d, mut app) = with_statistics(Lang::En);
    press(&mut app, KeyCode::Char('0'));
    snap("stats_kpis_en_wide", &app, 140, 30);
}

/// The ranking line under the table keeps its last words at 80 columns (it wraps), and
/// counts its deviations in the right number.
#[test]
fn the_ranking_line_wraps_at_80_columns_with_its_plural() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    let k = app.statistics.computed.kpis.as_mut().unwrap();
    k.ranking.ranking_calloffs = 225_000;
    k.ranking.compliant = 202_000;
    k.ranking.deviations = 23_000;
    let text = screen(&app, 80, 24);
    assert!(text.contains("23\u{a0}000 avvikelser."), "{text}");
    let k = app.statistics.computed.kpis.as_mut().unwrap();
    k.ranking.deviations = 1;
    let text = screen(&app, 80, 24);
    let flowed: String = text
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flowed.contains(", 1 avvikelse."), "{text}");
}

/// The year 2026 holds every fixture request; a month, stepped with ←/→, only its own;
/// a quarter, and a custom period typed in the form and stepped by its own length.
#[test]
fn stepping_the_period_moves_the_figures() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    let requests = |app: &App| -> u64 {
        let k = app.statistics.computed.kpis.as_ref().unwrap();
        k.suppliers.iter().map(|s| s.requests).sum()
    };
    let ranking = |app: &App| {
        app.statistics
            .computed
            .kpis
            .as_ref()
            .unwrap()
            .ranking
            .ranking_calloffs
    };
    assert_eq!((requests(&app), ranking(&app)), (4, 2));
    // Year → the whole agreement → month: November, AV-4's request only.
    press(&mut app, KeyCode::Char('p'));
    assert!(screen(&app, 80, 24).contains("Hela avtalet 2026-01-01 – 2027-12-31"));
    assert_eq!(requests(&app), 4);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(requests(&app), 1);
    assert!(screen(&app, 80, 24).contains("Månad 2026-11-01 – 2026-11-30"));
    press(&mut app, KeyCode::Left);
    assert_eq!((requests(&app), ranking(&app)), (3, 2));
    press(&mut app, KeyCode::Left);
    assert_eq!(requests(&app), 0);
    keys(&mut app, "lll");
    assert!(screen(&app, 80, 24).contains("2026-12-01 – 2026-12-31"));
    // Back to the month holding today, then a quarter: October to December.
    keys(&mut app, "tp");
    assert!(screen(&app, 80, 24).contains("Kvartal 2026-10-01 – 2026-12-31"));
    assert_eq!((requests(&app), ranking(&app)), (4, 2));
    // Custom period: 5–12 October holds AV-1 and AV-2's requests.
    press(&mut app, KeyCode::Char('c'));
    assert!(app.form.is_some());
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-10-05");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-10-12");
    press(&mut app, KeyCode::Enter);
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    assert_eq!((requests(&app), ranking(&app)), (3, 2));
    // Stepping a custom period moves it by its own length (8 days).
    press(&mut app, KeyCode::Right);
    assert_eq!(requests(&app), 0);
}

#[test]
fn procurement_report_markdown() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    keys(&mut app, "vvv");
    let report = app.statistics.computed.procurement.clone().unwrap();
    assert_eq!(report.lessons.len(), 2);
    insta::assert_snapshot!(
        "procurement_md_sv",
        procurement_markdown(app.cat, &report, app.now)
    );
}

#[test]
fn the_tab_draws_at_any_size_without_panicking() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    for _ in 0..4 {
        for (w, h) in [(80, 24), (81, 25), (100, 40), (200, 24), (30, 10)] {
            draw(&app, w, h);
        }
        press(&mut app, KeyCode::Char('f'));
        press(&mut app, KeyCode::Char('v'));
    }
}

/// The report before the next procurement is gathered once and kept while nothing is
/// written (a new KPI period does not change it; its KPIs are read again as of now),
/// and gathered anew after a change — it must always equal a fresh gathering.
#[test]
fn the_procurement_report_is_kept_until_something_is_written() {
    use avtal::app::statistics::procurement::gather;
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    keys(&mut app, "vvv");
    let a = app.followed_agreement().unwrap().clone();
    let first = app.statistics.computed.procurement.clone().unwrap();
    assert_eq!(first, gather(&app, &a).unwrap());
    assert!(app.statistics.procurement_cache.is_some());

    // Time moves on and the period changes: the same report, its KPIs as of now.
    app.set_now(app.now + time::Duration::days(3));
    press(&mut app, KeyCode::Char('p'));
    let later = app.statistics.computed.procurement.clone().unwrap();
    assert_eq!(later, gather(&app, &a).unwrap());

    // A lesson written in a deviation: gathered anew.
    let before = later.lessons.len();
    app.store
        .insert_deviation(&ManualDeviation {
            registered: app.today,
            lesson: true,
            ..common::manual_deviation(a.id, None, "Lärdom: ange svarstid per profil")
        })
        .unwrap();
    press(&mut app, KeyCode::Char('p'));
    let after = app.statistics.computed.procurement.clone().unwrap();
    assert_eq!(after.lessons.len(), before + 1);
    assert_eq!(after, gather(&app, &a).unwrap());
}

/// At a million call-offs the counts have six digits: the outcome columns widen with
/// them and stay under their headers, each supplier on one line of an 80-column screen.
#[test]
fn the_outcome_columns_widen_for_national_figures() {
    let (_d, mut app) = with_statistics(Lang::Sv);
    press(&mut app, KeyCode::Char('0'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('v'));
    }
    let report = app
        .statistics
        .computed
        .procurement
        .as_mut()
        .expect("the report is shown");
    for s in &mut report.kpis.suppliers {
        (s.awarded, s.on_time, s.delivered) = (345_393, 287_782, 326_374);
    }
    let text = screen(&app, 80, 24);
    let header = text
        .lines()
        .find(|l| l.contains("Leverantör"))
        .expect("the outcome header");
    // The name gives way to the figures, grouped as Swedish writes them.
    let row = text
        .lines()
        .find(|l| l.contains("Alfa Konsult"))
        .expect("a supplier's row");
    assert!(
        row.contains("345\u{a0}393 287\u{a0}782/326\u{a0}374"),
        "{row}"
    );
    assert!(header.contains("I tid/lev."), "{header}");
    // "Tilld." ends where the awarded count ends.
    let end = |l: &str, s: &str| l.find(s).map(|i| l[..i + s.len()].chars().count());
    assert_eq!(
        end(header, "Tilld."),
        end(row, "345\u{a0}393"),
        "\n{header}\n{row}"
    );
}
