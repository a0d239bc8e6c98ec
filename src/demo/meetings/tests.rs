use time::macros::date;

use super::*;
use crate::domain::Priority;
use crate::domain::checklist::ItemStatus;
use crate::domain::followup::CheckResult;
use crate::domain::meeting::ActionStatus;

const TODAY: Date = date!(2026 - 03 - 16);

fn it() -> Agreement {
    crate::demo::register(TODAY).remove(0)
}

#[test]
fn the_it_meetings_follow_the_schedule_up_to_today_and_plan_ahead() {
    let list = it_meetings(&it(), TODAY);
    assert_eq!(list, it_meetings(&it(), TODAY), "deterministic");
    let dates: Vec<Date> = list.iter().map(|d| d.meeting.date).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    for kind in MeetingKind::ALL {
        assert!(list.iter().any(|d| d.meeting.kind == kind), "no {kind:?}");
    }
    for d in &list {
        let m = &d.meeting;
        assert_eq!(m.status == MeetingStatus::Planned, m.date > TODAY, "{m:?}");
        assert!(is_working_day(m.date), "{}", m.date);
        if m.status != MeetingStatus::Planned {
            assert!(m.minutes.lines().count() >= 1 && !m.decisions.is_empty());
            assert!(!m.agenda.is_empty() && !m.attendees.is_empty());
        }
        let internal = matches!(
            m.kind,
            MeetingKind::InternalContract | MeetingKind::ContractDay
        );
        assert_eq!(m.supplier.is_none(), internal, "{:?}", m.kind);
    }
    // Exactly the newest held meeting awaits approval of its minutes.
    let held: Vec<_> = list
        .iter()
        .filter(|d| d.meeting.status == MeetingStatus::Held)
        .collect();
    assert_eq!(held.len(), 1);
    let next: Vec<_> = list
        .iter()
        .filter(|d| d.meeting.date > TODAY && d.meeting.date <= TODAY + Duration::days(14))
        .collect();
    assert_eq!(next.len(), 1, "one meeting within two weeks");
    assert_eq!(next[0].meeting.kind, MeetingKind::Collaboration);
    assert!(
        list.iter()
            .any(|d| d.meeting.kind == MeetingKind::AnnualContract
                && d.meeting.date > next[0].meeting.date)
    );
}

#[test]
fn the_minutes_read_like_minutes_and_the_actions_span_both_sides() {
    let list = it_meetings(&it(), TODAY);
    let long = list
        .iter()
        .filter(|d| d.meeting.kind == MeetingKind::Collaboration)
        .map(|d| d.meeting.minutes.split("\n\n").count())
        .max();
    assert!(long >= Some(4), "several paragraphs");
    let all_minutes: String = list.iter().map(|d| d.meeting.minutes.as_str()).collect();
    for topic in ["Status för avrop", "Svarstider", "bytte", "Nästa steg"] {
        assert!(all_minutes.contains(topic), "{topic}");
    }
    let actions: Vec<&Action> = list.iter().flat_map(|d| &d.actions).collect();
    for side in Side::ALL {
        assert!(actions.iter().any(|a| a.side == side), "{side:?}");
    }
    for status in ActionStatus::ALL {
        assert!(actions.iter().any(|a| a.status == status), "{status:?}");
    }
    let overdue = actions.iter().filter(|a| a.is_overdue(TODAY)).count();
    assert_eq!(overdue, 1);
    assert!(
        actions.iter().all(|a| !a.owner.starts_with('@')),
        "placeholder left"
    );
    assert!(actions.iter().any(|a| a.owner == "Erik Kundansvarig"));
}

#[test]
fn the_staffing_agreement_gets_two_approved_meetings() {
    let register = crate::demo::register(TODAY);
    let staffing = register
        .iter()
        .find(|a| a.name.starts_with("Personaluthyrning"))
        .expect("in the register");
    assert_eq!(staffing.priority, Priority::Class1);
    let list = smaller_meetings(staffing, TODAY);
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .all(|d| d.meeting.status == MeetingStatus::MinutesApproved)
    );
    assert!(smaller_meetings(staffing, staffing.start).is_empty());
}

#[test]
fn the_checklist_is_mostly_done_with_one_item_overdue() {
    let c = crate::demo::plans::checklist(&it(), TODAY).expect("the template parses");
    let (done, applicable) = c.total();
    assert!(done + 3 == applicable && done > 15, "{done}/{applicable}");
    assert_eq!(c.items.iter().filter(|i| i.is_overdue(TODAY)).count(), 1);
    assert!(
        c.items
            .iter()
            .any(|i| i.status == ItemStatus::NotApplicable)
    );
}

#[test]
fn the_followup_plan_has_one_check_not_met() {
    let plan = crate::demo::plans::followup(&it(), TODAY);
    assert!((3..=4).contains(&plan.len()));
    let checks: Vec<_> = plan.iter().flat_map(|(_, c)| c).collect();
    let not_met = checks
        .iter()
        .filter(|c| c.result == Some(CheckResult::NotMet))
        .count();
    assert_eq!(not_met, 1);
    assert!(
        checks
            .iter()
            .any(|c| c.done.is_none() && c.planned > Some(TODAY))
    );
}

/// The demo is dated from the day it is loaded: the story must hold on any day.
#[test]
fn the_story_holds_whatever_the_day() {
    let mut today = date!(2026 - 01 - 01);
    for _ in 0..53 {
        let a = crate::demo::register(today).remove(0);
        let list = it_meetings(&a, today);
        let soon = list
            .iter()
            .filter(|d| d.meeting.date > today && d.meeting.date <= today + Duration::days(14))
            .count();
        assert_eq!(soon, 1, "{today}");
        let overdue = list
            .iter()
            .flat_map(|d| &d.actions)
            .filter(|x| x.is_overdue(today))
            .count();
        assert_eq!(overdue, 1, "{today}");
        assert!(
            list.iter()
                .any(|d| d.meeting.kind == MeetingKind::AnnualContract && d.meeting.date > today),
            "{today}"
        );
        assert_eq!(
            list.iter()
                .filter(|d| d.meeting.status == MeetingStatus::Held)
                .count(),
            1,
            "{today}"
        );
        today += Duration::days(7);
    }
}
