//! The Sanctions tab holds only a window of the penalty claims around the selection: with
//! several hundred claims it must show the same claims in the same order, with the same
//! arithmetic for the selected one, as reading every claim and every late call-off would,
//! after scrolling, paging, jumping to either end, claiming one, and after new claims
//! are identified before the selected one.

use crate::common;

use avtal::app::{App, Tab};
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::sanction::{ClaimStatus, PenaltyClaim, Proposal, proposals};
use avtal::domain::*;
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::Duration;
use time::macros::{date, datetime};

const W: u16 = 110;
const H: u16 = 32;

/// Late (and some timely) call-offs `AV-<n>` for `numbers`, in a shuffled order.
fn calloffs(id: AgreementId, numbers: impl Iterator<Item = u32>) -> Vec<CallOff> {
    numbers
        .map(|n| {
            let mut c = CallOff::new(
                &format!("AV-{n:04}"),
                id,
                "Systemutveckling",
                "Olle Beställare",
                CallOffMethod::Ranking,
                datetime!(2026-05-01 09:00),
            );
            let due = date!(2026 - 06 - 01) + Duration::days(i64::from(n % 170));
            c.awarded_supplier = Some(org("202100-5448"));
            c.value = Some(Money(100_000 + i64::from(n) * 3_700));
            c.delivery_due = Some(due);
            c.delivered_at = match n % 5 {
                0 => Some(due - Duration::days(1)),
                1 => Some(due + Duration::days(i64::from(n % 23))),
                _ => None,
            };
            c
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, App, AgreementId) {
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
    // 600 call-offs, numbered 1000..1600 and written in a scrambled order.
    let order = (0..600u32).map(|i| 1000 + (i * 7919) % 600);
    store.import_calloffs(&calloffs(id, order)).unwrap();
    store.set_followed(id).unwrap();
    let app = App::new(store, Lang::Sv, NOW);
    (dir, app, id)
}

/// Every claim and the arithmetic of every late call-off, read in full as the tab once did.
fn full_read(app: &App, id: AgreementId) -> (Vec<PenaltyClaim>, Vec<Proposal>) {
    let claims = app.store.penalty_claims(Some(id)).unwrap();
    let index = app.store.calloff_index(id).unwrap();
    let rows = app.store.calloff_rows_at(&index, 0..index.len()).unwrap();
    let a = app.agreement(id).unwrap();
    let p = proposals(a, rows.iter().map(|r| &r.calloff), app.today);
    (claims, p)
}

/// The references in the order the screen shows them (the list comes first).
fn shown(app: &App) -> Vec<String> {
    let text = screen(app, W, H);
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(i) = line.find("AV-") {
            out.push(line[i..i + 7].to_string());
        }
    }
    out
}

/// The tab as the full read would have it: the selected claim, the lines on screen
/// around it, the counts and the selected claim's arithmetic.
fn same_as_full(app: &App, id: AgreementId, line: usize) {
    let (claims, props) = full_read(app, id);
    let st = &app.sanctions;
    assert_eq!(st.selected(), line, "claims {}", st.claim_count);
    assert_eq!(st.claim_count, claims.len());
    let identified = claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Identified)
        .count();
    assert_eq!(st.to_claim as usize, identified);
    let sel = st.claim().expect("a claim is selected");
    assert_eq!(sel, &claims[line]);
    for (i, c) in claims.iter().enumerate() {
        if let Some(held) = st.claim_at(i) {
            assert_eq!(held, c, "line {i}");
        }
    }
    let expected = props.iter().find(|p| p.calloff == sel.calloff);
    assert!(expected.is_some(), "{} has its arithmetic", sel.calloff);
    assert_eq!(st.proposal(&sel.calloff), expected);
    // Seven lines, the selection in the middle.
    let n = claims.len();
    let start = line.saturating_sub(3).min(n - 7);
    let want: Vec<String> = claims[start..start + 7]
        .iter()
        .map(|c| c.calloff.clone())
        .collect();
    assert_eq!(shown(app)[..7], want[..], "line {line}");
    // The due date shown is the arithmetic's.
    let text = screen(app, W, H);
    let due = expected.unwrap().breakdown.due;
    assert!(text.contains(&avtal::app::form::format_date(due)), "{text}");
}

#[test]
fn the_windowed_claims_are_the_full_reads_claims() {
    let (_d, mut app, id) = setup();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tab, Tab::Sanctions);
    let n = app.sanctions.claim_count;
    assert!(n > 300, "{n} claims");
    let mut line = 0;
    same_as_full(&app, id, line);
    for _ in 0..12 {
        press(&mut app, KeyCode::Down);
        line += 1;
        same_as_full(&app, id, line);
    }
    for _ in 0..3 {
        draw(&app, W, H);
        let page = app.page.get();
        press(&mut app, KeyCode::PageDown);
        line = (line + page).min(n - 1);
        same_as_full(&app, id, line);
    }
    for _ in 0..2 {
        draw(&app, W, H);
        let page = app.page.get();
        press(&mut app, KeyCode::PageUp);
        line = line.saturating_sub(page);
        same_as_full(&app, id, line);
    }
    press(&mut app, KeyCode::End);
    line = n - 1;
    same_as_full(&app, id, line);
    press(&mut app, KeyCode::Up);
    line -= 1;
    same_as_full(&app, id, line);
    for _ in 0..9 {
        press(&mut app, KeyCode::Char('k'));
    }
    line -= 9;
    same_as_full(&app, id, line);
    press(&mut app, KeyCode::Home);
    line = 0;
    same_as_full(&app, id, line);
    for _ in 0..(n / 2) {
        press(&mut app, KeyCode::Down);
    }
    line = n / 2;
    same_as_full(&app, id, line);

    // Claiming one changes its status in place: same line, one fewer to claim.
    let before = app.sanctions.to_claim;
    let claimed = app.sanctions.claim().unwrap().calloff.clone();
    keys(&mut app, "c");
    keys(&mut app, "krav.pdf");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    assert_eq!(app.sanctions.to_claim, before - 1);
    assert_eq!(app.sanctions.claim().unwrap().calloff, claimed);
    assert!(matches!(
        app.sanctions.claim().unwrap().status,
        ClaimStatus::Claimed { .. }
    ));
    same_as_full(&app, id, line);
    press(&mut app, KeyCode::Down);
    same_as_full(&app, id, line + 1);
    press(&mut app, KeyCode::Up);
    same_as_full(&app, id, line);
    // Undo puts it back.
    keys(&mut app, "u");
    assert_eq!(app.sanctions.to_claim, before);
    same_as_full(&app, id, line);

    // New late call-offs sorting before the selected one: identified on the next visit,
    // the same claim stays selected, further down the list.
    let new = calloffs(id, (200..240u32).filter(|n| n % 5 != 0));
    app.store.import_calloffs(&new).unwrap();
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.sanctions.claim().unwrap().calloff, claimed);
    let added = app.sanctions.claim_count - n;
    assert_eq!(added, 32);
    same_as_full(&app, id, line + added);
    press(&mut app, KeyCode::End);
    same_as_full(&app, id, n + added - 1);
}
