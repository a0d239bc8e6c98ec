//! What is due from the action lists and the implementation checklist within a horizon,
//! overdue first, for the agenda (DESIGN §1.10). Follow-up checks have their own
//! [`super::followup::checks_due`].

use time::{Date, Duration};

use super::checklist::{Checklist, ChecklistItem, ItemStatus};
use super::meeting::{Action, ActionStatus};

/// `today + horizon_days`, saturating at the ends of the calendar.
fn limit(today: Date, horizon_days: i64) -> Date {
    // `Duration::days` panics far beyond any real date; clamp to about 20 000 years.
    const FAR: i64 = 20_000 * 366;
    today
        .checked_add(Duration::days(horizon_days.clamp(-FAR, FAR)))
        .unwrap_or(if horizon_days < 0 {
            Date::MIN
        } else {
            Date::MAX
        })
}

/// Open actions due by `today + horizon_days` (overdue ones however old), earliest first,
/// a day's actions by id. Actions with no due date are never due.
pub fn actions_due(actions: &[Action], today: Date, horizon_days: i64) -> Vec<&Action> {
    let limit = limit(today, horizon_days);
    let mut out: Vec<&Action> = actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.due.is_some_and(|d| d <= limit))
        .collect();
    out.sort_by_key(|a| (a.due, a.id));
    out
}

/// Checklist items still to do or in progress, due by `today + horizon_days` (overdue
/// ones however old), earliest first, with their index in the list (for opening them).
pub fn checklist_due(
    checklist: &Checklist,
    today: Date,
    horizon_days: i64,
) -> Vec<(usize, &ChecklistItem)> {
    let limit = limit(today, horizon_days);
    let mut out: Vec<(usize, &ChecklistItem)> = checklist
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| matches!(it.status, ItemStatus::Todo | ItemStatus::InProgress))
        .filter(|(_, it)| it.due.is_some_and(|d| d <= limit))
        .collect();
    out.sort_by_key(|(i, it)| (it.due, *i));
    out
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::domain::AgreementId;
    use crate::domain::meeting::{ActionId, MeetingId, Side};

    fn action(id: u64, due: Option<Date>, status: ActionStatus) -> Action {
        Action {
            id: ActionId(id),
            meeting: MeetingId(1),
            agreement: AgreementId(1),
            text: String::new(),
            owner: String::new(),
            side: Side::Buyer,
            due,
            status,
            created: date!(2026 - 01 - 01),
        }
    }

    #[test]
    fn open_actions_within_the_horizon_overdue_first() {
        let today = date!(2026 - 06 - 15);
        let list = [
            action(1, Some(date!(2026 - 07 - 20)), ActionStatus::Open),
            action(2, Some(date!(2026 - 06 - 20)), ActionStatus::Open),
            action(3, Some(date!(2026 - 05 - 01)), ActionStatus::Open),
            action(4, Some(date!(2026 - 05 - 01)), ActionStatus::Done),
            action(5, None, ActionStatus::Open),
            action(6, Some(date!(2026 - 06 - 10)), ActionStatus::Cancelled),
        ];
        let ids: Vec<u64> = actions_due(&list, today, 30)
            .iter()
            .map(|a| a.id.0)
            .collect();
        assert_eq!(ids, vec![3, 2]);
        assert_eq!(actions_due(&list, today, i64::MAX).len(), 3);
        assert_eq!(actions_due(&list, today, i64::MIN).len(), 0);
    }

    #[test]
    fn checklist_items_due_skip_the_done_and_the_undated() {
        let today = date!(2026 - 06 - 15);
        let mut c = Checklist {
            agreement: AgreementId(1),
            items: Vec::new(),
        };
        for (due, status) in [
            (Some(date!(2026 - 06 - 30)), ItemStatus::Todo),
            (Some(date!(2026 - 06 - 01)), ItemStatus::InProgress),
            (Some(date!(2026 - 06 - 01)), ItemStatus::Done),
            (Some(date!(2026 - 06 - 01)), ItemStatus::NotApplicable),
            (None, ItemStatus::Todo),
            (Some(date!(2026 - 09 - 01)), ItemStatus::Todo),
        ] {
            let at = c.add_item("A", "x");
            c.items[at].due = due;
            c.items[at].status = status;
        }
        let due: Vec<usize> = checklist_due(&c, today, 30)
            .iter()
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(due, vec![1, 0]);
        assert!(c.items[1].is_overdue(today));
    }
}
