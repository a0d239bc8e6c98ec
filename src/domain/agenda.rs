//! What is due and overdue across the register, as one dated list (DESIGN §1.10).

use time::{Date, Duration, PrimitiveDateTime};

use super::agreement::{Agreement, AgreementId, OptionStatus};

mod group;
pub use group::{GROUP_FROM, Group, group_awaited};

/// How far ahead the agenda looks.
pub const NOTICE_HORIZON_DAYS: i64 = 180;
pub const END_HORIZON_DAYS: i64 = 365;
/// How long an agreement that has ended stays on the agenda, as a reminder.
pub const ENDED_RECENTLY_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgendaKind {
    /// Last day to decide on an extension option that is still open.
    ExtensionNotice,
    /// The agreement's last day (counting exercised options).
    AgreementEnd,
    /// A request sent to a supplier and not answered yet, due at `at`.
    AnswerAwaited,
    /// A deviation registered by hand that is not closed.
    OpenDeviation,
    /// A planned meeting ahead (or one planned in the past that was never recorded).
    Meeting,
    /// An open action item due this week or overdue.
    ActionDue,
    /// An implementation checklist item due soon or overdue.
    ChecklistDue,
    /// A planned check of the follow-up plan due soon or overdue.
    CheckDue,
    /// A penalty identified and not yet claimed (dated when it was identified).
    PenaltyToClaim,
    /// The deadline for an improvement demanded in a damages case.
    ImprovementDeadline,
    /// An open termination case: its next step up the escalation model.
    TerminationStep,
    /// An agreement's invoices have reached 80 % or 100 % of its maximum value.
    MaxValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub date: Date,
    pub kind: AgendaKind,
    pub agreement: AgreementId,
    pub reference: String,
    pub name: String,
    /// For an extension notice: the date the option would extend to.
    pub extends_to: Option<Date>,
    /// The moment it falls due, when that is more than a day (a response deadline).
    pub at: Option<PrimitiveDateTime>,
    /// What it is about beyond the agreement: a call-off and a supplier, say.
    pub note: String,
    /// The record to open from the agenda.
    pub link: AgendaLink,
    /// Set on a row that stands for many items of one kind and agreement (see `group`).
    pub group: Option<Group>,
}

/// What an agenda item opens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AgendaLink {
    /// The agreement itself.
    #[default]
    Agreement,
    CallOff(String),
    Meeting(super::meeting::MeetingId),
    Checklist,
    FollowUp,
    Deviations,
    /// The Sanctions tab, at the part the item's kind belongs to.
    Sanctions,
    /// The Spend tab.
    Spend,
    /// A group row: Enter shows or hides its items.
    Group,
}

impl AgendaItem {
    /// Past its moment (or its day) and not dealt with. An open deviation is never
    /// "overdue": it is on the agenda until it is closed; so is a termination case, dated
    /// by its last step.
    pub fn is_overdue(&self, now: PrimitiveDateTime) -> bool {
        match (self.kind, self.at) {
            (AgendaKind::OpenDeviation | AgendaKind::TerminationStep | AgendaKind::MaxValue, _) => {
                false
            }
            (_, Some(at)) => at < now,
            (_, None) => self.date < now.date(),
        }
    }

    /// Days from today to the item's date (negative when overdue).
    pub fn days_left(&self, today: Date) -> i64 {
        (self.date - today).whole_days()
    }
}

/// The agenda at `today`: open extension notices (overdue ones included) and agreement ends
/// ahead (and those ended within the last month), in date order.
pub fn agenda<'a>(
    agreements: impl IntoIterator<Item = &'a Agreement>,
    today: Date,
) -> Vec<AgendaItem> {
    let notice_limit = today + Duration::days(NOTICE_HORIZON_DAYS);
    let end_limit = today + Duration::days(END_HORIZON_DAYS);
    let ended_since = today - Duration::days(ENDED_RECENTLY_DAYS);
    let mut items = Vec::new();
    for a in agreements {
        let end = a.current_end();
        let item = |date, kind, extends_to| AgendaItem {
            date,
            kind,
            agreement: a.id,
            reference: a.reference.clone(),
            name: a.name.clone(),
            extends_to,
            at: None,
            note: String::new(),
            link: AgendaLink::Agreement,
            group: None,
        };
        for o in &a.extension_options {
            // An open option whose notice date passed while the agreement still runs is
            // overdue: the decision was never recorded.
            if o.status == OptionStatus::Open && o.notice_date <= notice_limit && end >= today {
                items.push(item(
                    o.notice_date,
                    AgendaKind::ExtensionNotice,
                    Some(o.extends_to),
                ));
            }
        }
        if end >= ended_since && end <= end_limit {
            items.push(item(end, AgendaKind::AgreementEnd, None));
        }
    }
    sort(&mut items);
    items
}

/// Date order (and within a day by moment, kind and agreement), as the agenda shows it.
pub fn sort(items: &mut [AgendaItem]) {
    items.sort_by(|x, y| {
        (x.date, x.at, x.kind, &x.reference, &x.note).cmp(&(
            y.date,
            y.at,
            y.kind,
            &y.reference,
            &y.note,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::ExtensionOption;
    use time::macros::date;

    fn agreement(id: u64, end: Date) -> Agreement {
        let mut a = Agreement::new(&format!("R-{id}"), "Test", date!(2025 - 01 - 01), end);
        a.id = AgreementId(id);
        a
    }

    #[test]
    fn open_notices_and_ends_ahead_in_date_order() {
        let today = date!(2026 - 11 - 25);
        let mut a = agreement(1, date!(2027 - 03 - 31));
        a.extension_options.push(ExtensionOption {
            extends_to: date!(2028 - 03 - 31),
            notice_date: date!(2026 - 12 - 31),
            status: OptionStatus::Open,
            note: String::new(),
        });
        let mut b = agreement(2, date!(2027 - 12 - 31));
        b.extension_options.push(ExtensionOption {
            extends_to: date!(2028 - 12 - 31),
            notice_date: date!(2026 - 11 - 01),
            status: OptionStatus::Open,
            note: String::new(),
        });
        // Decided options and far-away ends are not on the agenda.
        let mut c = agreement(3, date!(2029 - 12 - 31));
        c.extension_options.push(ExtensionOption {
            extends_to: date!(2030 - 12 - 31),
            notice_date: date!(2026 - 12 - 01),
            status: OptionStatus::Declined,
            note: String::new(),
        });
        let ended_long_ago = agreement(4, date!(2026 - 01 - 31));
        let ended_recently = agreement(5, date!(2026 - 11 - 10));
        let items = agenda([&a, &b, &c, &ended_long_ago, &ended_recently], today);
        let got: Vec<_> = items
            .iter()
            .map(|i| (i.date, i.kind, i.agreement.0))
            .collect();
        assert_eq!(
            got,
            vec![
                (date!(2026 - 11 - 01), AgendaKind::ExtensionNotice, 2),
                (date!(2026 - 11 - 10), AgendaKind::AgreementEnd, 5),
                (date!(2026 - 12 - 31), AgendaKind::ExtensionNotice, 1),
                (date!(2027 - 03 - 31), AgendaKind::AgreementEnd, 1),
            ]
        );
        let now = today.midnight();
        assert!(items[0].is_overdue(now));
        assert_eq!(items[0].days_left(today), -24);
        assert!(!items[2].is_overdue(now));
    }

    #[test]
    fn an_exercised_option_moves_the_end() {
        let today = date!(2026 - 11 - 25);
        let mut a = agreement(1, date!(2026 - 12 - 31));
        a.extension_options.push(ExtensionOption {
            extends_to: date!(2028 - 12 - 31),
            notice_date: date!(2026 - 06 - 30),
            status: OptionStatus::Exercised,
            note: String::new(),
        });
        assert!(agenda([&a], today).is_empty());
    }
}
