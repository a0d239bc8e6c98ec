//! The Swedish working-day calendar (DESIGN §4): Monday–Friday except public holidays
//! and the eves treated as holidays in practice.

use time::{Date, Duration, Month, Weekday};

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = if month == 3 {
        Month::March
    } else {
        Month::April
    };
    // The algorithm yields only valid March/April dates for every representable year.
    Date::from_calendar_date(year, month, day as u8).unwrap_or(Date::MIN)
}

/// The named days off of a year that are not always on a weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    AscensionDay,
    NationalDay,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
    NewYearsEve,
}

/// Every holiday (and eve treated as one) of `year`, with its date, in calendar order.
pub fn holidays(year: i32) -> Vec<(Date, Holiday)> {
    let fixed = |m: Month, d: u8| Date::from_calendar_date(year, m, d).unwrap_or(Date::MIN);
    let easter = easter_sunday(year);
    // Midsummer Day is the Saturday in 20–26 June; All Saints' Day the Saturday in 31 Oct–6 Nov.
    let saturday_from = |start: Date| {
        let mut d = start;
        while d.weekday() != Weekday::Saturday {
            d += Duration::days(1);
        }
        d
    };
    let midsummer_day = saturday_from(fixed(Month::June, 20));
    let all_saints = saturday_from(fixed(Month::October, 31));
    let mut days = vec![
        (fixed(Month::January, 1), Holiday::NewYearsDay),
        (fixed(Month::January, 6), Holiday::Epiphany),
        (easter - Duration::days(2), Holiday::GoodFriday),
        (easter, Holiday::EasterSunday),
        (easter + Duration::days(1), Holiday::EasterMonday),
        (fixed(Month::May, 1), Holiday::MayDay),
        (easter + Duration::days(39), Holiday::AscensionDay),
        (fixed(Month::June, 6), Holiday::NationalDay),
        (midsummer_day - Duration::days(1), Holiday::MidsummerEve),
        (midsummer_day, Holiday::MidsummerDay),
        (all_saints, Holiday::AllSaintsDay),
        (fixed(Month::December, 24), Holiday::ChristmasEve),
        (fixed(Month::December, 25), Holiday::ChristmasDay),
        (fixed(Month::December, 26), Holiday::BoxingDay),
        (fixed(Month::December, 31), Holiday::NewYearsEve),
    ];
    days.sort_by_key(|(d, _)| *d);
    days
}

pub fn holiday(date: Date) -> Option<Holiday> {
    holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, h)| h)
}

pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && holiday(date).is_none()
}

/// The `n`-th working day after `date` (the day itself never counts); `date` when `n` is 0.
pub fn nth_working_day_after(date: Date, n: u32) -> Date {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        match d.next_day() {
            Some(next) => d = next,
            None => return Date::MAX,
        }
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// The number of working days `d` with `after < d <= up_to` (0 when `up_to <= after`).
pub fn working_days_between(after: Date, up_to: Date) -> i64 {
    let mut count = 0;
    let mut d = after;
    while d < up_to {
        match d.next_day() {
            Some(next) => d = next,
            None => break,
        }
        if is_working_day(d) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn easter_2024_to_2030() {
        let known = [
            date!(2024 - 03 - 31),
            date!(2025 - 04 - 20),
            date!(2026 - 04 - 05),
            date!(2027 - 03 - 28),
            date!(2028 - 04 - 16),
            date!(2029 - 04 - 01),
            date!(2030 - 04 - 21),
        ];
        for d in known {
            assert_eq!(easter_sunday(d.year()), d);
        }
        // Outside the window too: the algorithm's edge years.
        assert_eq!(easter_sunday(2038), date!(2038 - 04 - 25));
        assert_eq!(easter_sunday(2285), date!(2285 - 03 - 22));
    }

    #[test]
    fn moving_holidays_2024_to_2030() {
        let cases = [
            // (Good Friday, Ascension, Midsummer Eve, All Saints)
            (
                date!(2024 - 03 - 29),
                date!(2024 - 05 - 09),
                date!(2024 - 06 - 21),
                date!(2024 - 11 - 02),
            ),
            (
                date!(2025 - 04 - 18),
                date!(2025 - 05 - 29),
                date!(2025 - 06 - 20),
                date!(2025 - 11 - 01),
            ),
            (
                date!(2026 - 04 - 03),
                date!(2026 - 05 - 14),
                date!(2026 - 06 - 19),
                date!(2026 - 10 - 31),
            ),
            (
                date!(2027 - 03 - 26),
                date!(2027 - 05 - 06),
                date!(2027 - 06 - 25),
                date!(2027 - 11 - 06),
            ),
            (
                date!(2028 - 04 - 14),
                date!(2028 - 05 - 25),
                date!(2028 - 06 - 23),
                date!(2028 - 11 - 04),
            ),
            (
                date!(2029 - 03 - 30),
                date!(2029 - 05 - 10),
                date!(2029 - 06 - 22),
                date!(2029 - 11 - 03),
            ),
            (
                date!(2030 - 04 - 19),
                date!(2030 - 05 - 30),
                date!(2030 - 06 - 21),
                date!(2030 - 11 - 02),
            ),
        ];
        for (good_friday, ascension, midsummer_eve, all_saints) in cases {
            assert_eq!(holiday(good_friday), Some(Holiday::GoodFriday));
            assert_eq!(holiday(ascension), Some(Holiday::AscensionDay));
            assert_eq!(holiday(midsummer_eve), Some(Holiday::MidsummerEve));
            assert_eq!(holiday(all_saints), Some(Holiday::AllSaintsDay));
            assert!(!is_working_day(good_friday));
            assert!(!is_working_day(ascension));
            assert!(!is_working_day(midsummer_eve));
            let easter_monday = good_friday + Duration::days(3);
            assert_eq!(holiday(easter_monday), Some(Holiday::EasterMonday));
            assert!(!is_working_day(easter_monday));
        }
    }

    #[test]
    fn fixed_holidays_and_eves() {
        for y in 2024..=2030 {
            for (m, d) in [
                (Month::January, 1),
                (Month::January, 6),
                (Month::May, 1),
                (Month::June, 6),
                (Month::December, 24),
                (Month::December, 25),
                (Month::December, 26),
                (Month::December, 31),
            ] {
                let day = Date::from_calendar_date(y, m, d).unwrap();
                assert!(!is_working_day(day), "{day} should be a day off");
            }
        }
        // An ordinary Tuesday and the day before Midsummer Eve are working days.
        assert!(is_working_day(date!(2026 - 11 - 24)));
        assert!(is_working_day(date!(2026 - 06 - 18)));
        // Weekends.
        assert!(!is_working_day(date!(2026 - 11 - 28)));
        assert!(!is_working_day(date!(2026 - 11 - 29)));
    }

    #[test]
    fn working_days_in_a_year() {
        // 2026: 261 weekdays; 11 holidays/eves fall on weekdays
        // (Jan 1, Jan 6, Apr 3, Apr 6, May 1, May 14, Jun 19, Dec 24, Dec 25, Dec 31;
        // Jun 6 and Dec 26 are Saturdays, Oct 31 a Saturday) → 251.
        assert_eq!(
            working_days_between(date!(2025 - 12 - 31), date!(2026 - 12 - 31)),
            251
        );
    }

    #[test]
    fn design_example_two_working_days_over_easter() {
        assert_eq!(
            nth_working_day_after(date!(2026 - 04 - 02), 2),
            date!(2026 - 04 - 08)
        );
        assert_eq!(
            nth_working_day_after(date!(2026 - 04 - 02), 0),
            date!(2026 - 04 - 02)
        );
        // Sent on a Saturday: Monday is the first working day after.
        assert_eq!(
            nth_working_day_after(date!(2026 - 11 - 28), 1),
            date!(2026 - 11 - 30)
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (2000i32..2100, 1u16..=365).prop_map(|(y, o)| Date::from_ordinal_date(y, o).unwrap())
    }

    proptest! {
        #[test]
        fn nth_working_day_is_a_working_day_after_the_start(d in any_date(), n in 1u32..40) {
            let due = nth_working_day_after(d, n);
            prop_assert!(due > d);
            prop_assert!(is_working_day(due));
            prop_assert_eq!(working_days_between(d, due), i64::from(n));
        }

        #[test]
        fn working_days_are_additive(a in any_date(), k in 0i64..60, j in 0i64..60) {
            let b = a + Duration::days(k);
            let c = b + Duration::days(j);
            prop_assert_eq!(
                working_days_between(a, b) + working_days_between(b, c),
                working_days_between(a, c)
            );
        }

        #[test]
        fn at_most_five_working_days_in_any_seven(d in any_date()) {
            let n = working_days_between(d, d + Duration::days(7));
            prop_assert!((2..=5).contains(&n));
        }

        #[test]
        fn easter_is_a_sunday_in_spring(y in 1600i32..3000) {
            let e = easter_sunday(y);
            prop_assert_eq!(e.weekday(), Weekday::Sunday);
            prop_assert!(e >= Date::from_calendar_date(y, Month::March, 22).unwrap());
            prop_assert!(e <= Date::from_calendar_date(y, Month::April, 25).unwrap());
        }
    }
}
