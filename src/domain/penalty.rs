//! Penalty (vite) arithmetic for late delivery, exactly DESIGN §4.
//!
//! For a call-off delivered after its due date, or undelivered with the as-of date
//! past its due date: end = delivered_at (or the as-of date), delay = end − due in
//! days; units = delay (`per_day`), ceil(delay / 7) (`per_started_week`) or the
//! working days d with due < d ≤ end (`per_working_day`); penalty =
//! min(units × rate, cap), computed exactly and rounded half up to whole öre once.
//!
//! Decisions where DESIGN leaves room (also in the README):
//! - The penalty is the one "at the as-of date": a delivery recorded for a day after
//!   the as-of date had not happened then, so the end is min(delivered_at, as-of).
//!   With an as-of date on or after every delivery this is DESIGN's formula exactly;
//!   before, it is what had accrued by then (the amount never falls as as-of grows).
//! - A call-off needs a due date and an awarded supplier (someone to claim from);
//!   without either there is no penalty.
//! - A percentage (rate or cap) of a call-off with no recorded value is a
//!   percentage of 0 kr: the penalty is then 0 (a percentage rate) or capped at 0
//!   (a percentage cap). Nothing is claimed that the register cannot justify.
//! - An agreement with several `late_delivery` terms: the FIRST one, in the
//!   agreement's order, applies. A report row has one `units`, which only one
//!   basis can define; a second term is most often an alternative, not an addition.
//! - Exact arithmetic in ten-thousandths of an öre (i128), as
//!   [`Rate::as_ten_thousandths_of_ore`] gives it, so no intermediate rounding.

use time::Date;

use super::agreement::{PenaltyBasis, PenaltyTerm, PenaltyTrigger};
use super::calendar::working_days_between;
use super::calloff::CallOff;
use super::money::{Money, Rate};

/// A penalty for one call-off at an as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalty {
    /// Calendar days from the due date to the end (delivery or as-of).
    pub delay_days: i64,
    /// Days, started weeks or working days, by the term's basis.
    pub units: i64,
    pub amount: Money,
}

/// The units of `basis` for a delivery due on `due` that ended on `end`; 0 when on time.
pub fn units(basis: PenaltyBasis, due: Date, end: Date) -> i64 {
    let delay = (end - due).whole_days();
    if delay <= 0 {
        return 0;
    }
    match basis {
        PenaltyBasis::PerDay => delay,
        // ceil(delay / 7) for a positive delay.
        PenaltyBasis::PerStartedWeek => (delay + 6) / 7,
        PenaltyBasis::PerWorkingDay => working_days_between(due, end),
    }
}

/// min(units × rate, cap) of a call-off worth `value`, rounded half up to whole öre once.
pub fn amount(units: i64, rate: Rate, cap: Option<Rate>, value: Option<Money>) -> Money {
    let value = value.unwrap_or_default();
    let mut exact = i128::from(units.max(0)) * rate.as_ten_thousandths_of_ore(value);
    if let Some(cap) = cap {
        exact = exact.min(cap.as_ten_thousandths_of_ore(value));
    }
    // Rates, caps and values are never negative (the parsers refuse that), so half up
    // is "add a half and truncate"; a negative would be clamped to no penalty.
    let ore = (exact.max(0) + 5_000) / 10_000;
    Money(i64::try_from(ore).unwrap_or(i64::MAX))
}

/// The term that applies to late delivery: the agreement's first `late_delivery` term.
pub fn late_delivery_term(terms: &[PenaltyTerm]) -> Option<&PenaltyTerm> {
    terms
        .iter()
        .find(|t| t.trigger == PenaltyTrigger::LateDelivery)
}

/// The end of a late call-off's delay: its delivery, or `as_of` while undelivered
/// at `as_of` (no delivery, or one recorded for a later day).
pub fn delay_end(calloff: &CallOff, as_of: Date) -> Date {
    calloff.delivered_at.map_or(as_of, |d| d.min(as_of))
}

/// The late-delivery penalty of `calloff` at `as_of` under `term`; None when nothing
/// is owed (on time, not yet late, no due date, no award, or an amount of 0).
pub fn late_delivery(calloff: &CallOff, term: &PenaltyTerm, as_of: Date) -> Option<Penalty> {
    calloff.awarded_supplier.as_ref()?;
    let due = calloff.delivery_due?;
    let end = delay_end(calloff, as_of);
    let delay_days = (end - due).whole_days();
    if delay_days <= 0 {
        return None;
    }
    let units = units(term.basis, due, end);
    let amount = amount(units, term.rate, term.cap, calloff.value);
    (amount.0 > 0).then_some(Penalty {
        delay_days,
        units,
        amount,
    })
}

#[cfg(test)]
mod tests;
