use proptest::prelude::*;
use time::macros::date;

use super::*;

fn org() -> OrgNumber {
    // A valid number (Luhn) of no one in particular.
    OrgNumber::parse("556677-8899").unwrap_or_else(|_| unreachable!())
}

fn kinds(p: &[ProposedMeeting]) -> Vec<(Date, MeetingKind)> {
    p.iter().map(|m| (m.date, m.kind)).collect()
}

#[test]
fn add_months_clamps_to_the_month_end() {
    assert_eq!(
        add_months(date!(2026 - 01 - 31), 1),
        Some(date!(2026 - 02 - 28))
    );
    assert_eq!(
        add_months(date!(2028 - 01 - 31), 1),
        Some(date!(2028 - 02 - 29))
    );
    assert_eq!(
        add_months(date!(2026 - 11 - 15), 3),
        Some(date!(2027 - 02 - 15))
    );
    assert_eq!(
        add_months(date!(2026 - 05 - 01), 24),
        Some(date!(2028 - 05 - 01))
    );
}

#[test]
fn a_two_year_class_2_agreement_quarterly_with_one_supplier() {
    let got = propose_schedule(
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
        Priority::Class2,
        FirstYearInterval::Quarterly,
        Some(org()),
        date!(2025 - 12 - 01),
    );
    assert_eq!(
        kinds(&got),
        vec![
            (date!(2026 - 01 - 15), MeetingKind::SupplierStart),
            // 1 April 2026 is a Wednesday.
            (date!(2026 - 04 - 01), MeetingKind::Collaboration),
            // 1 July 2026 is a Wednesday, 1 October a Thursday.
            (date!(2026 - 07 - 01), MeetingKind::Collaboration),
            (date!(2026 - 10 - 01), MeetingKind::Collaboration),
            // New Year's Day 2027 is a holiday (Friday): the weekend follows, so Monday.
            (date!(2027 - 01 - 04), MeetingKind::AnnualContract),
        ]
    );
}

#[test]
fn an_agreement_wide_plan_starts_with_the_orderers_and_has_a_contract_day() {
    let got = propose_schedule(
        date!(2026 - 03 - 02),
        date!(2026 - 12 - 31),
        Priority::Class3,
        FirstYearInterval::Quarterly,
        None,
        date!(2026 - 01 - 01),
    );
    assert_eq!(
        kinds(&got)[..3],
        [
            (date!(2026 - 03 - 02), MeetingKind::InternalContract),
            (date!(2026 - 03 - 16), MeetingKind::SupplierStart),
            // +45 days is Thursday 16 April.
            (date!(2026 - 04 - 16), MeetingKind::ContractDay),
        ]
    );
}

#[test]
fn holidays_move_a_meeting_to_the_next_working_day() {
    // Monthly on the 19th: in June 2026 that is midsummer eve (a Friday), so Monday.
    let got = propose_schedule(
        date!(2026 - 03 - 19),
        date!(2026 - 12 - 31),
        Priority::Class2,
        FirstYearInterval::Monthly,
        Some(org()),
        date!(2026 - 01 - 01),
    );
    let june: Vec<_> = got
        .iter()
        .filter(|m| m.date.month() == Month::June)
        .collect();
    assert_eq!(june.len(), 1);
    assert_eq!(june[0].date, date!(2026 - 06 - 22));
}

#[test]
fn past_meetings_are_left_out_and_nothing_after_the_end() {
    let got = propose_schedule(
        date!(2026 - 01 - 01),
        date!(2026 - 08 - 20),
        Priority::Class1,
        FirstYearInterval::Monthly,
        Some(org()),
        date!(2026 - 05 - 05),
    );
    assert_eq!(
        got.iter().map(|m| m.date).collect::<Vec<_>>(),
        vec![
            date!(2026 - 06 - 01),
            date!(2026 - 07 - 01),
            date!(2026 - 08 - 03)
        ]
    );
    // A meeting due today is still proposed.
    let today = propose_schedule(
        date!(2026 - 01 - 01),
        date!(2026 - 08 - 20),
        Priority::Class1,
        FirstYearInterval::Monthly,
        Some(org()),
        date!(2026 - 06 - 01),
    );
    assert_eq!(today[0].date, date!(2026 - 06 - 01));
}

#[test]
fn an_end_before_the_start_proposes_nothing() {
    let got = propose_schedule(
        date!(2026 - 01 - 01),
        date!(2025 - 01 - 01),
        Priority::Class1,
        FirstYearInterval::Monthly,
        None,
        date!(2020 - 01 - 01),
    );
    assert!(got.is_empty());
}

fn priority() -> impl Strategy<Value = Priority> {
    prop_oneof![
        Just(Priority::Class1),
        Just(Priority::Class2),
        Just(Priority::Class3)
    ]
}

fn interval() -> impl Strategy<Value = FirstYearInterval> {
    prop_oneof![
        Just(FirstYearInterval::Monthly),
        Just(FirstYearInterval::Quarterly)
    ]
}

fn day(offset: i64) -> Date {
    date!(2020 - 01 - 01) + Duration::days(offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn proposals_are_working_days_in_the_period_strictly_increasing(
        start in 0i64..6000,
        length in 0i64..2500,
        today in 0i64..9000,
        p in priority(),
        i in interval(),
        with_supplier in any::<bool>(),
    ) {
        let (start, end, today) = (day(start), day(start + length), day(today));
        let supplier = with_supplier.then(org);
        let got = propose_schedule(start, end, p, i, supplier.clone(), today);
        prop_assert_eq!(&got, &propose_schedule(start, end, p, i, supplier, today));
        for m in &got {
            prop_assert!(is_working_day(m.date), "{} is not a working day", m.date);
            prop_assert!(m.date >= start && m.date <= end && m.date >= today);
        }
        for w in got.windows(2) {
            prop_assert!(w[0].date < w[1].date);
        }
    }

    #[test]
    fn first_year_meetings_keep_their_interval(
        start in 0i64..6000,
        p in priority(),
        i in interval(),
    ) {
        let start = day(start);
        let end = start + Duration::days(3 * 365);
        let got = propose_schedule(start, end, p, i, Some(org()), start);
        let first_year: Vec<Date> = got
            .iter()
            .filter(|m| m.kind == MeetingKind::Collaboration && m.date < start + Duration::days(360))
            .map(|m| m.date)
            .collect();
        let (count, low, high) = match i {
            // Months of 28–31 days, either end moved by up to five days (Christmas Eve on
            // a Wednesday: the next working day is the Monday after).
            FirstYearInterval::Monthly => (11, 23, 36),
            FirstYearInterval::Quarterly => (3, 84, 97),
        };
        prop_assert_eq!(first_year.len(), count);
        for w in first_year.windows(2) {
            let gap = (w[1] - w[0]).whole_days();
            prop_assert!((low..=high).contains(&gap), "gap {gap}");
        }
    }

    #[test]
    fn a_higher_class_meets_more_often(
        start in 0i64..6000,
        years in 4i64..8,
        i in interval(),
    ) {
        let start = day(start);
        let end = start + Duration::days(years * 365);
        let count = |p| propose_schedule(start, end, p, i, Some(org()), start).len();
        let (c1, c2, c3) = (count(Priority::Class1), count(Priority::Class2), count(Priority::Class3));
        prop_assert!(c1 > c2 && c2 > c3, "{c1} {c2} {c3}");
    }
}
