use super::*;
use crate::domain::AgreementId;
use crate::domain::calloff::CallOffMethod;
use crate::domain::calloff::tests::org;
use proptest::prelude::*;
use time::Duration;
use time::macros::{date, datetime};

fn term(basis: PenaltyBasis, rate: Rate, cap: Option<Rate>) -> PenaltyTerm {
    PenaltyTerm {
        trigger: PenaltyTrigger::LateDelivery,
        basis,
        rate,
        cap,
    }
}

fn calloff(value: Option<i64>, due: Option<Date>, delivered: Option<Date>) -> CallOff {
    let mut c = CallOff::new(
        "A-1",
        AgreementId(1),
        "IT",
        "Kim",
        CallOffMethod::Ranking,
        datetime!(2026-03-01 09:00),
    );
    c.awarded_supplier = Some(org(1));
    c.value = value.map(Money);
    c.delivery_due = due;
    c.delivered_at = delivered;
    c
}

const KR_1000: Rate = Rate::Fixed(Money(100_000));
const AS_OF: Date = date!(2026 - 12 - 31);

#[test]
fn per_day_fixed_rate() {
    let c = calloff(
        None,
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 06)),
    );
    let p = late_delivery(&c, &term(PenaltyBasis::PerDay, KR_1000, None), AS_OF).unwrap();
    assert_eq!((p.delay_days, p.units, p.amount), (5, 5, Money(500_000)));
}

#[test]
fn per_started_week_percentage_below_and_at_the_cap() {
    // 125 000,50 kr; 8 days late = 2 started weeks × 5 % = 10 % = 12 500,05 kr.
    let t = term(
        PenaltyBasis::PerStartedWeek,
        Rate::Percent(500),
        Some(Rate::Percent(1500)),
    );
    let c = calloff(
        Some(12_500_050),
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 09)),
    );
    let p = late_delivery(&c, &t, AS_OF).unwrap();
    assert_eq!((p.delay_days, p.units, p.amount), (8, 2, Money(1_250_005)));
    // 7 days is one started week, 29 days five: 25 % capped at 15 % = 18 750,075 kr,
    // rounded half up once at the end.
    let c = calloff(
        Some(12_500_050),
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 08)),
    );
    assert_eq!(late_delivery(&c, &t, AS_OF).unwrap().units, 1);
    let c = calloff(
        Some(12_500_050),
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 30)),
    );
    let p = late_delivery(&c, &t, AS_OF).unwrap();
    assert_eq!((p.units, p.amount), (5, Money(1_875_008)));
}

#[test]
fn rounding_happens_once_at_the_end() {
    // 2,5 % of 3,33 kr per day for 3 days = 24,975 öre → 25 öre (per day rounded: 8 × 3 = 24).
    assert_eq!(
        amount(3, Rate::Percent(250), None, Some(Money(333))),
        Money(25)
    );
    // Exactly half an öre rounds up: 0,5 % of 1 kr is 0,5 öre → 1 öre; 0,49 % → 0 öre.
    assert_eq!(
        amount(1, Rate::Percent(50), None, Some(Money(100))),
        Money(1)
    );
    assert_eq!(
        amount(1, Rate::Percent(49), None, Some(Money(100))),
        Money(0)
    );
}

#[test]
fn per_working_day_skips_easter_and_weekends() {
    // Due Thursday 2026-04-02; delivered Wednesday 04-08: Good Friday, the weekend and
    // Easter Monday do not count, so 2 working days (04-07, 04-08) of a 6-day delay.
    let c = calloff(
        None,
        Some(date!(2026 - 04 - 02)),
        Some(date!(2026 - 04 - 08)),
    );
    let p = late_delivery(&c, &term(PenaltyBasis::PerWorkingDay, KR_1000, None), AS_OF).unwrap();
    assert_eq!((p.delay_days, p.units, p.amount), (6, 2, Money(200_000)));
    // Due on a Friday, delivered on the Saturday: late, but no working day: nothing owed.
    let c = calloff(
        None,
        Some(date!(2026 - 04 - 10)),
        Some(date!(2026 - 04 - 11)),
    );
    assert_eq!(
        late_delivery(&c, &term(PenaltyBasis::PerWorkingDay, KR_1000, None), AS_OF),
        None
    );
}

#[test]
fn undelivered_runs_to_the_as_of_date() {
    let c = calloff(None, Some(date!(2026 - 05 - 01)), None);
    let t = term(
        PenaltyBasis::PerDay,
        KR_1000,
        Some(Rate::Fixed(Money(250_000))),
    );
    assert_eq!(late_delivery(&c, &t, date!(2026 - 05 - 01)), None);
    let p = late_delivery(&c, &t, date!(2026 - 05 - 02)).unwrap();
    assert_eq!((p.delay_days, p.amount), (1, Money(100_000)));
    // Capped at 2 500 kr.
    let p = late_delivery(&c, &t, date!(2026 - 05 - 20)).unwrap();
    assert_eq!((p.delay_days, p.units, p.amount), (19, 19, Money(250_000)));
    // A delivery recorded for a day after the as-of date had not happened at it.
    let c = calloff(
        None,
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 04)),
    );
    assert_eq!(late_delivery(&c, &t, date!(2026 - 04 - 01)), None);
    assert_eq!(
        late_delivery(&c, &t, date!(2026 - 05 - 02)).unwrap().units,
        1
    );
    assert_eq!(
        late_delivery(&c, &t, date!(2026 - 05 - 20)).unwrap().units,
        3
    );
}

#[test]
fn what_owes_nothing() {
    let t = term(PenaltyBasis::PerDay, KR_1000, None);
    let on_time = calloff(
        None,
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 01)),
    );
    assert_eq!(late_delivery(&on_time, &t, AS_OF), None);
    let early = calloff(
        None,
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 04 - 20)),
    );
    assert_eq!(late_delivery(&early, &t, AS_OF), None);
    let no_due = calloff(None, None, Some(date!(2026 - 05 - 20)));
    assert_eq!(late_delivery(&no_due, &t, AS_OF), None);
    let mut not_awarded = calloff(None, Some(date!(2026 - 05 - 01)), None);
    not_awarded.awarded_supplier = None;
    assert_eq!(late_delivery(&not_awarded, &t, AS_OF), None);
}

#[test]
fn a_percentage_of_no_value_is_nothing() {
    let late = calloff(
        None,
        Some(date!(2026 - 05 - 01)),
        Some(date!(2026 - 05 - 10)),
    );
    let pct = term(PenaltyBasis::PerDay, Rate::Percent(100), None);
    assert_eq!(late_delivery(&late, &pct, AS_OF), None);
    let capped = term(PenaltyBasis::PerDay, KR_1000, Some(Rate::Percent(1000)));
    assert_eq!(late_delivery(&late, &capped, AS_OF), None);
}

#[test]
fn the_first_late_delivery_term_applies() {
    let first = term(PenaltyBasis::PerDay, KR_1000, None);
    let second = term(PenaltyBasis::PerStartedWeek, Rate::Percent(500), None);
    let terms = [first.clone(), second];
    assert_eq!(late_delivery_term(&terms), Some(&first));
    assert_eq!(late_delivery_term(&[]), None);
}

fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0i64..10_000_000).prop_map(|o| Rate::Fixed(Money(o))),
        (0u32..20_000).prop_map(Rate::Percent),
    ]
}

fn basis() -> impl Strategy<Value = PenaltyBasis> {
    prop_oneof![
        Just(PenaltyBasis::PerDay),
        Just(PenaltyBasis::PerStartedWeek),
        Just(PenaltyBasis::PerWorkingDay),
    ]
}

proptest! {
    #[test]
    fn never_above_the_cap(
        basis in basis(), rate in rate(), cap in rate(),
        value in proptest::option::of(0i64..10_000_000_000),
        due_day in 0i64..700, delay in -30i64..400,
    ) {
        let due = date!(2026 - 01 - 01) + Duration::days(due_day);
        let c = calloff(value, Some(due), Some(due + Duration::days(delay)));
        let t = term(basis, rate, Some(cap));
        if let Some(p) = late_delivery(&c, &t, AS_OF) {
            let cap_exact = cap.as_ten_thousandths_of_ore(Money(value.unwrap_or(0)));
            prop_assert!(i128::from(p.amount.0) * 10_000 <= cap_exact + 5_000);
            prop_assert!(p.amount.0 > 0 && p.delay_days > 0);
        }
    }

    #[test]
    fn monotone_in_delay(
        basis in basis(), rate in rate(), cap in proptest::option::of(rate()),
        value in proptest::option::of(0i64..10_000_000_000),
        due_day in 0i64..700, a in 0i64..400, b in 0i64..400,
    ) {
        let due = date!(2026 - 01 - 01) + Duration::days(due_day);
        let t = term(basis, rate, cap);
        let owed = |d: i64| {
            let c = calloff(value, Some(due), Some(due + Duration::days(d)));
            late_delivery(&c, &t, AS_OF).map_or(0, |p| p.amount.0)
        };
        prop_assert!(owed(a.min(b)) <= owed(a.max(b)));
        prop_assert!(units(basis, due, due + Duration::days(a.min(b)))
            <= units(basis, due, due + Duration::days(a.max(b))));
    }

    #[test]
    fn monotone_in_the_as_of_date(
        basis in basis(), rate in rate(), cap in proptest::option::of(rate()),
        value in proptest::option::of(0i64..10_000_000_000),
        delivered in proptest::option::of(0i64..400), a in 0i64..400, b in 0i64..400,
    ) {
        let due = date!(2026 - 03 - 01);
        let c = calloff(value, Some(due), delivered.map(|d| due + Duration::days(d)));
        let t = term(basis, rate, cap);
        let owed = |d: i64| late_delivery(&c, &t, due + Duration::days(d)).map_or(0, |p| p.amount.0);
        prop_assert!(owed(a.min(b)) <= owed(a.max(b)));
    }

    #[test]
    fn zero_when_delivered_on_time(
        basis in basis(), rate in rate(), cap in proptest::option::of(rate()),
        value in proptest::option::of(0i64..10_000_000_000),
        due_day in 0i64..700, early in 0i64..60, as_of_day in 0i64..1_000,
    ) {
        let due = date!(2026 - 01 - 01) + Duration::days(due_day);
        let c = calloff(value, Some(due), Some(due - Duration::days(early)));
        let as_of = date!(2026 - 01 - 01) + Duration::days(as_of_day);
        prop_assert_eq!(late_delivery(&c, &term(basis, rate, cap), as_of), None);
    }
}
