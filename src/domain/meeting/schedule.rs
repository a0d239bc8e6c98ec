//! A proposed meeting schedule for an agreement (or one supplier of it), from its period
//! and priority class (DESIGN §1.1, §1.3). A proposal only: the user keeps, moves or drops
//! each meeting before any is stored.

use time::{Date, Duration, Month};

use super::MeetingKind;
use crate::domain::agreement::Priority;
use crate::domain::calendar::is_working_day;
use crate::domain::orgnr::OrgNumber;

/// How often to meet in the agreement's first year, when both sides are still learning it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FirstYearInterval {
    Monthly,
    Quarterly,
}

impl FirstYearInterval {
    fn months(self) -> u32 {
        match self {
            FirstYearInterval::Monthly => 1,
            FirstYearInterval::Quarterly => 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposedMeeting {
    pub date: Date,
    pub kind: MeetingKind,
}

/// Days after the start for the start meeting: the first weeks go to the internal
/// meeting with the orderers, so the supplier is met with the routines in place.
const START_MEETING_AFTER_DAYS: i64 = 14;
/// Days after the start for the contract day (agreement-wide plans only), between the
/// first and second monthly meetings.
const CONTRACT_DAY_AFTER_DAYS: i64 = 45;

/// The meetings to hold from `agreement_start` to `agreement_end`, in date order:
///
/// - with `supplier` None (a plan for the agreement as a whole): an internal contract
///   meeting with the orderers on the first day and a contract day six weeks or so in;
/// - a supplier start meeting two weeks in;
/// - in the first year, collaboration meetings every month or every quarter
///   (`first_year`), counted in whole months from the start;
/// - from the first anniversary on, by priority class: class 1 three times a year (every
///   four months; the one on each anniversary is the annual contract meeting, the others
///   collaboration — development — meetings), class 2 an annual contract meeting each
///   year, class 3 one every other year.
///
/// Each date falling on a weekend or Swedish holiday moves to the next working day.
/// Dropped: dates after `agreement_end` (also when the move pushed them past it), dates
/// before `today` (the past cannot be planned, so a late plan starts from now; a meeting
/// due today is kept), and a date not after the previous one kept (so dates strictly
/// increase). A month-end start is clamped (31 January + 1 month = 28 February). Nothing
/// depends on the clock or on `supplier`'s value, only on whether it is given.
pub fn propose_schedule(
    agreement_start: Date,
    agreement_end: Date,
    priority: Priority,
    first_year: FirstYearInterval,
    supplier: Option<OrgNumber>,
    today: Date,
) -> Vec<ProposedMeeting> {
    let mut raw: Vec<ProposedMeeting> = Vec::new();
    let mut push = |date: Option<Date>, kind| {
        if let Some(date) = date {
            raw.push(ProposedMeeting { date, kind });
        }
    };
    if supplier.is_none() {
        push(Some(agreement_start), MeetingKind::InternalContract);
        push(
            agreement_start.checked_add(Duration::days(CONTRACT_DAY_AFTER_DAYS)),
            MeetingKind::ContractDay,
        );
    }
    push(
        agreement_start.checked_add(Duration::days(START_MEETING_AFTER_DAYS)),
        MeetingKind::SupplierStart,
    );
    let step = first_year.months();
    let mut m = step;
    while m < 12 {
        push(add_months(agreement_start, m), MeetingKind::Collaboration);
        m += step;
    }
    // After the first year: every `every` months from month 12, annual on each anniversary.
    let every = match priority {
        Priority::Class1 => 4,
        Priority::Class2 => 12,
        Priority::Class3 => 24,
    };
    let mut m = 12;
    // The loop ends at the agreement's end; the month bound only guards against overflow.
    while let Some(date) = add_months(agreement_start, m) {
        if date > agreement_end || m > 12 * 200 {
            break;
        }
        let kind = if m % 12 == 0 {
            MeetingKind::AnnualContract
        } else {
            MeetingKind::Collaboration
        };
        push(Some(date), kind);
        m += every;
    }
    raw.sort_by_key(|p| p.date);

    let mut out: Vec<ProposedMeeting> = Vec::with_capacity(raw.len());
    for p in raw {
        let Some(date) = next_working_day(p.date) else {
            continue;
        };
        let after_last = out.last().is_none_or(|last| date > last.date);
        if date >= agreement_start && date <= agreement_end && date >= today && after_last {
            out.push(ProposedMeeting { date, kind: p.kind });
        }
    }
    out
}

/// `date` itself when it is a working day, else the first working day after it.
fn next_working_day(date: Date) -> Option<Date> {
    let mut d = date;
    // A year never has more than a few days in a row off; the bound is only a guard.
    for _ in 0..31 {
        if is_working_day(d) {
            return Some(d);
        }
        d = d.next_day()?;
    }
    None
}

/// `date` plus `months` calendar months, the day clamped to the target month's length.
pub(crate) fn add_months(date: Date, months: u32) -> Option<Date> {
    let index = date.year() as i64 * 12 + (u8::from(date.month()) as i64 - 1) + months as i64;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

#[cfg(test)]
mod tests;
