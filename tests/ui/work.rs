//! The Actions, Implementation and Follow-up plan tabs, driven by keys as a contract
//! manager would type them, and their screens compared with snapshots.

use crate::common;

use avtal::app::{App, Popup, Tab};
use avtal::domain::AgreementId;
use avtal::domain::checklist::ItemStatus;
use avtal::domain::deviation::ManualKind;
use avtal::domain::followup::{CheckResult, FollowUp};
use avtal::domain::meeting::*;
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

/// The IT agreement followed, with a held meeting that noted three actions, and planned
/// meetings: one already past (still marked planned), one with Beta, one with Alfa.
fn with_meetings(lang: Lang) -> (tempfile::TempDir, App) {
    let (d, app) = app_with_calloffs(lang);
    let id = it_id(&app);
    let mk = |date, supplier: &str, status| {
        let mut m = Meeting::new(id, MeetingKind::Collaboration, date);
        m.supplier = Some(org(supplier));
        m.status = status;
        m.place = "Stadshuset".into();
        app.store.insert_meeting(&m).unwrap()
    };
    let held = mk(date!(2026 - 11 - 10), "556074-3089", MeetingStatus::Held);
    mk(date!(2026 - 11 - 20), "556074-3089", MeetingStatus::Planned);
    mk(date!(2026 - 12 - 01), "202100-5448", MeetingStatus::Planned);
    mk(date!(2026 - 12 - 08), "556074-3089", MeetingStatus::Planned);
    let act = |text: &str, owner: &str, side, due, status| Action {
        id: ActionId(0),
        meeting: held.id,
        agreement: id,
        text: text.into(),
        owner: owner.into(),
        side,
        due: Some(due),
        status,
        created: date!(2026 - 11 - 10),
    };
    for a in [
        act(
            "Skicka statistik för kvartal 3",
            "Anna Alfa",
            Side::Supplier,
            date!(2026 - 11 - 20),
            ActionStatus::Open,
        ),
        act(
            "Boka avtalsdag med beställarna",
            "Karin Köpare",
            Side::Buyer,
            date!(2026 - 12 - 15),
            ActionStatus::Open,
        ),
        act(
            "Uppdatera kontaktlistan",
            "Karin Köpare",
            Side::Buyer,
            date!(2026 - 11 - 01),
            ActionStatus::Done,
        ),
    ] {
        app.store.insert_action(&a).unwrap();
    }
    (d, app)
}

fn stored_action(app: &App, text: &str) -> Action {
    app.store
        .actions(None)
        .unwrap()
        .into_iter()
        .find(|a| a.text == text)
        .unwrap()
}

#[test]
fn the_action_list_filters_and_shows_where_an_action_came_from() {
    let (_d, mut app) = with_meetings(Lang::Sv);
    press(&mut app, KeyCode::Char('8'));
    assert_eq!(app.tab, Tab::Actions);
    snap("work_actions_sv", &app, 80, 24);
    // Filters: open, ours, the supplier's, overdue.
    keys(&mut app, "f");
    assert_eq!(app.work.actions.visible.len(), 2);
    keys(&mut app, "f");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Boka avtalsdag"), "{text}");
    assert!(!text.contains("Skicka statistik"), "{text}");
    keys(&mut app, "ff");
    let text = screen(&app, 80, 24);
    assert!(text.contains("försenade: 1 av 3"), "{text}");
    assert!(text.contains("Skicka statistik"), "{text}");
    // Enter shows the origin meeting.
    press(&mut app, KeyCode::Enter);
    snap("work_action_origin_sv", &app, 80, 24);
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    // Every agreement's actions: the same three here.
    keys(&mut app, "fa");
    assert!(app.work.actions.every_agreement);
    assert_eq!(app.work.actions.visible.len(), 3);

    let (_d, mut app) = with_meetings(Lang::En);
    app.show_tab(Tab::Actions);
    snap("work_actions_en_wide", &app, 120, 30);
}

#[test]
fn an_action_marked_done_is_undone_and_one_deleted_comes_back() {
    let (_d, mut app) = with_meetings(Lang::Sv);
    app.show_tab(Tab::Actions);
    // Open first, earliest due first: the overdue statistics action is at the top.
    assert_eq!(
        app.work.actions.selected_action().unwrap().text,
        "Skicka statistik för kvartal 3"
    );
    keys(&mut app, "x");
    let a = stored_action(&app, "Skicka statistik för kvartal 3");
    assert_eq!(a.status, ActionStatus::Done);
    // The selection stays on it as it moves down among the closed.
    assert_eq!(app.work.actions.selected_action().unwrap().id, a.id);
    keys(&mut app, "u");
    assert_eq!(
        stored_action(&app, "Skicka statistik för kvartal 3").status,
        ActionStatus::Open
    );
    keys(&mut app, "c");
    assert_eq!(
        stored_action(&app, "Skicka statistik för kvartal 3").status,
        ActionStatus::Cancelled
    );
    keys(&mut app, "r");
    assert_eq!(
        stored_action(&app, "Skicka statistik för kvartal 3").status,
        ActionStatus::Open
    );

    // Edit: a bad due date is refused in words and the form keeps what was typed.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, " (Alfa)");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-13-01");
    ctrl(&mut app, 's');
    assert!(app.form.is_some());
    let text = screen(&app, 80, 24);
    assert!(text.contains("2026-13-01"), "{text}");
    assert!(text.contains("är inget datum"), "{text}");
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-12-04");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let a = stored_action(&app, "Skicka statistik för kvartal 3");
    assert_eq!(a.owner, "Anna Alfa (Alfa)");
    assert_eq!(a.due, Some(date!(2026 - 12 - 04)));

    keys(&mut app, "d");
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    keys(&mut app, "y");
    assert_eq!(app.store.actions(None).unwrap().len(), 2);
    keys(&mut app, "u");
    assert_eq!(app.store.actions(None).unwrap().len(), 3);
}

#[test]
fn the_checklist_is_made_from_the_template_and_worked_to_done() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    let id = it_id(&app);
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.tab, Tab::Checklist);
    snap("work_checklist_empty_sv", &app, 80, 24);
    keys(&mut app, "t");
    let list = app.store.checklist(id).unwrap().unwrap();
    assert_eq!(list.items[0].section, "Interna avtalsmöten");
    assert_eq!(list.total(), (0, list.items.len()));
    // Space: to do → in progress → done; the progress counts it.
    keys(&mut app, " ");
    assert_eq!(
        app.store.checklist(id).unwrap().unwrap().items[0].status,
        ItemStatus::InProgress
    );
    keys(&mut app, " ");
    let list = app.store.checklist(id).unwrap().unwrap();
    assert_eq!(list.items[0].status, ItemStatus::Done);
    assert_eq!(list.total().0, 1);
    // The second item gets an owner and a due date already past (red on screen).
    keys(&mut app, "je");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Karin Köpare");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-11-15");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", screen(&app, 80, 24));
    let item = app.store.checklist(id).unwrap().unwrap().items[1].clone();
    assert_eq!(item.owner, "Karin Köpare");
    assert!(item.is_overdue(app.today));
    snap("work_checklist_sv", &app, 80, 24);
    // K moves it up within the section; the first item cannot leave it.
    keys(&mut app, "K");
    let list = app.store.checklist(id).unwrap().unwrap();
    assert_eq!(list.items[0].owner, "Karin Köpare");
    assert_eq!(app.work.checklist.selected, 0);
    keys(&mut app, "K");
    assert_eq!(
        app.store.checklist(id).unwrap().unwrap().items[0].owner,
        "Karin Köpare"
    );
    keys(&mut app, "J");
    assert_eq!(
        app.store.checklist(id).unwrap().unwrap().items[1].owner,
        "Karin Köpare"
    );
    // A new item lands at the end of the selected item's section.
    let n = app.store.checklist(id).unwrap().unwrap().items.len();
    keys(&mut app, "n");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Bjud in controllern");
    ctrl(&mut app, 's');
    let list = app.store.checklist(id).unwrap().unwrap();
    assert_eq!(list.items.len(), n + 1);
    let at = list
        .items
        .iter()
        .position(|i| i.text == "Bjud in controllern")
        .unwrap();
    assert_eq!(list.items[at].section, "Interna avtalsmöten");
    assert_ne!(list.items[at + 1].section, "Interna avtalsmöten");
    // Removing asks, and undo puts it back.
    keys(&mut app, "dy");
    assert_eq!(app.store.checklist(id).unwrap().unwrap().items.len(), n);
    keys(&mut app, "u");
    assert_eq!(app.store.checklist(id).unwrap().unwrap().items.len(), n + 1);

    let (_d, mut app) = app_with_calloffs(Lang::En);
    app.show_tab(Tab::Checklist);
    keys(&mut app, "t");
    keys(&mut app, " j  ");
    let list = app.store.checklist(it_id(&app)).unwrap().unwrap();
    assert_eq!(list.items[0].section, "Internal contract meetings");
    snap("work_checklist_en_wide", &app, 120, 40);
}

/// A requirement on Alfa with one check planned for today, the check selected.
fn requirement_with_check(app: &mut App, text: &str) {
    app.show_tab(Tab::FollowUp);
    keys(app, "n");
    press(app, KeyCode::Tab);
    keys(app, text);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Right); // Alfa
    ctrl(app, 's');
    assert!(app.form.is_none(), "{}", screen(app, 80, 24));
    keys(app, "c");
    ctrl(app, 's');
    assert!(app.form.is_none(), "{}", screen(app, 80, 24));
}

/// Records the selected check with `result` (index in the form's result choice).
fn record(app: &mut App, result: usize, evidence: &str) {
    keys(app, "e");
    for _ in 0..3 {
        press(app, KeyCode::Tab);
    }
    for _ in 0..result {
        press(app, KeyCode::Right);
    }
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    keys(app, evidence);
    ctrl(app, 's');
    assert!(app.form.is_none(), "{}", screen(app, 80, 24));
}

#[test]
fn a_check_not_met_opens_a_deviation_about_the_supplier() {
    let (_d, mut app) = with_meetings(Lang::Sv);
    let id = it_id(&app);
    requirement_with_check(&mut app, "Ansvarsförsäkring om minst 10 Mkr");
    record(&mut app, 2, "Intyget har gått ut");
    // What follows? Deviation, next meeting, nothing.
    assert!(matches!(app.popup, Some(Popup::Picker(_))));
    snap("work_what_follows_sv", &app, 80, 24);
    press(&mut app, KeyCode::Enter);
    let devs = app.store.deviations(Some(id)).unwrap();
    assert_eq!(devs.len(), 1);
    assert_eq!(devs[0].kind, ManualKind::Other);
    assert_eq!(devs[0].supplier, Some(org("556074-3089")));
    assert!(devs[0].description.contains("Ansvarsförsäkring"));
    let checks = app.store.checks_of_agreement(id).unwrap();
    assert_eq!(checks[0].result, Some(CheckResult::NotMet));
    assert_eq!(checks[0].follow_up, FollowUp::Deviation);
    assert_eq!(checks[0].done, Some(TODAY));
    snap("work_followup_sv", &app, 80, 24);
    // Undo takes the deviation back and the check's follow-up with it.
    keys(&mut app, "u");
    assert!(app.store.deviations(Some(id)).unwrap().is_empty());
    assert_eq!(
        app.store.checks_of_agreement(id).unwrap()[0].follow_up,
        FollowUp::None
    );

    let (_d, mut app) = with_meetings(Lang::En);
    requirement_with_check(&mut app, "Liability insurance of at least SEK 10m");
    record(&mut app, 1, "Certificate seen");
    assert!(app.popup.is_none(), "met asks nothing");
    keys(&mut app, "c");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    keys(&mut app, "2027-13-01");
    snap("work_followup_form_en_wide", &app, 120, 30);
    ctrl(&mut app, 'u');
    keys(&mut app, "2027-01-15");
    ctrl(&mut app, 's');
    snap("work_followup_en_wide", &app, 120, 30);
}

#[test]
fn a_check_partly_met_goes_on_the_suppliers_next_planned_meeting() {
    let (_d, mut app) = with_meetings(Lang::Sv);
    let id = it_id(&app);
    requirement_with_check(&mut app, "Konsulterna har minst fem års erfarenhet");
    record(&mut app, 3, "Två av sex CV saknar");
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    // Not the past one still marked planned, not Beta's: Alfa's meeting of 8 December.
    let meetings = app.store.meetings(Some(id)).unwrap();
    let alfa = meetings
        .iter()
        .find(|m| m.date == date!(2026 - 12 - 08))
        .unwrap();
    let point = alfa.agenda.last().unwrap();
    assert!(point.text.contains("fem års erfarenhet"), "{}", point.text);
    assert!(point.text.contains("delvis"), "{}", point.text);
    for m in meetings.iter().filter(|m| m.id != alfa.id) {
        assert!(m.agenda.is_empty(), "{m:?}");
    }
    assert_eq!(
        app.store.checks_of_agreement(id).unwrap()[0].follow_up,
        FollowUp::NextMeeting
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("2026-12-08"), "{text}");
    keys(&mut app, "u");
    let meetings = app.store.meetings(Some(id)).unwrap();
    assert!(meetings.iter().all(|m| m.agenda.is_empty()));

    // With no planned meeting ahead, it says so and nothing is added.
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    requirement_with_check(&mut app, "Svarstid hålls");
    record(&mut app, 2, "");
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    let status = app.status.clone().unwrap();
    assert!(status.error);
    assert!(
        status.text.contains("inget planerat möte"),
        "{}",
        status.text
    );
    assert_eq!(
        app.store.checks_of_agreement(it_id(&app)).unwrap()[0].follow_up,
        FollowUp::None
    );
}

#[test]
fn requirements_and_checks_are_deleted_with_undo_and_tiny_screens_do_not_panic() {
    let (_d, mut app) = with_meetings(Lang::Sv);
    let id = it_id(&app);
    requirement_with_check(&mut app, "Leveransrapport varje månad");
    // The check's form refuses a planned check without a day, in words.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    ctrl(&mut app, 's');
    assert!(app.form.is_some());
    assert!(screen(&app, 80, 24).contains("behöver ett datum"));
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");
    assert!(app.form.is_none());
    // Delete the requirement (with its check); undo brings both.
    keys(&mut app, "k");
    keys(&mut app, "dy");
    assert!(app.store.requirements(Some(id)).unwrap().is_empty());
    assert!(app.store.checks_of_agreement(id).unwrap().is_empty());
    keys(&mut app, "u");
    assert_eq!(app.store.requirements(Some(id)).unwrap().len(), 1);
    assert_eq!(app.store.checks_of_agreement(id).unwrap().len(), 1);
    for tab in [Tab::Actions, Tab::Checklist, Tab::FollowUp] {
        app.show_tab(tab);
        for (w, h) in [(1, 1), (10, 6), (79, 23), (80, 24), (200, 60)] {
            draw(&app, w, h);
        }
    }
}

#[test]
fn the_follow_up_plan_shares_the_checklist_place_in_the_tab_bar() {
    let (_d, mut app) = app_with_calloffs(Lang::Sv);
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.tab, Tab::Checklist);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tab, Tab::FollowUp);
    // At 80 columns every tab has its short name (the current one marked by colour);
    // wider, the current one is in full.
    let text = screen(&app, 80, 24);
    assert!(text.contains("9 Uppf. "), "{text}");
    let text = screen(&app, 120, 30);
    assert!(text.contains("9 Uppföljning"), "{text}");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.tab, Tab::Checklist);
    // Tab from the follow-up plan goes on to the next tab (Statistics, 0), as from the
    // checklist, and on from there to the first.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Statistics);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Agenda);
}
