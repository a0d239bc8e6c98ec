//! Response times and the deadline rule of DESIGN §4.

use std::fmt;

use time::{Duration, PrimitiveDateTime, Time};

use super::calendar::nth_working_day_after;

/// How long a supplier has to answer a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseTime {
    /// Calendar hours from the moment the request was sent.
    Hours(u32),
    /// Until 23:59:59 on the N-th working day after the sending day.
    WorkingDays(u32),
}

impl ResponseTime {
    /// Parses `2 working days`, `24 hours` (and the singular forms, and the Swedish
    /// `2 arbetsdagar`, `24 timmar`). Zero is refused: no supplier can answer in no time.
    pub fn parse(input: &str) -> Option<ResponseTime> {
        let s = input.trim().to_lowercase();
        let (num, unit) = s.split_once(char::is_whitespace)?;
        let n: u32 = num.parse().ok().filter(|n| *n > 0)?;
        match unit
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "working days" | "working day" | "arbetsdagar" | "arbetsdag" => {
                Some(ResponseTime::WorkingDays(n))
            }
            "hours" | "hour" | "timmar" | "timme" | "h" => Some(ResponseTime::Hours(n)),
            _ => None,
        }
    }

    /// The deadline of a request sent at `sent_at`.
    pub fn deadline(self, sent_at: PrimitiveDateTime) -> PrimitiveDateTime {
        match self {
            ResponseTime::Hours(n) => sent_at
                .checked_add(Duration::hours(i64::from(n)))
                .unwrap_or(PrimitiveDateTime::MAX),
            ResponseTime::WorkingDays(n) => {
                let day = nth_working_day_after(sent_at.date(), n);
                PrimitiveDateTime::new(day, Time::from_hms(23, 59, 59).unwrap_or(Time::MIDNIGHT))
            }
        }
    }
}

/// The file form: `2 working days`, `24 hours`.
impl fmt::Display for ResponseTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseTime::Hours(1) => write!(f, "1 hour"),
            ResponseTime::Hours(n) => write!(f, "{n} hours"),
            ResponseTime::WorkingDays(1) => write!(f, "1 working day"),
            ResponseTime::WorkingDays(n) => write!(f, "{n} working days"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    #[test]
    fn parses_both_forms_and_languages() {
        assert_eq!(
            ResponseTime::parse("2 working days"),
            Some(ResponseTime::WorkingDays(2))
        );
        assert_eq!(
            ResponseTime::parse("1 working day"),
            Some(ResponseTime::WorkingDays(1))
        );
        assert_eq!(
            ResponseTime::parse(" 24  hours "),
            Some(ResponseTime::Hours(24))
        );
        assert_eq!(
            ResponseTime::parse("3 arbetsdagar"),
            Some(ResponseTime::WorkingDays(3))
        );
        assert_eq!(
            ResponseTime::parse("48 timmar"),
            Some(ResponseTime::Hours(48))
        );
        assert_eq!(ResponseTime::parse("0 hours"), None);
        assert_eq!(ResponseTime::parse("two days"), None);
        assert_eq!(ResponseTime::parse("2 days"), None);
        assert_eq!(ResponseTime::parse(""), None);
        for rt in [
            ResponseTime::Hours(24),
            ResponseTime::WorkingDays(2),
            ResponseTime::Hours(1),
        ] {
            assert_eq!(ResponseTime::parse(&rt.to_string()), Some(rt));
        }
    }

    #[test]
    fn design_example_deadline() {
        // Sent Thursday before Easter 2026, 2 working days: Good Friday, the weekend
        // and Easter Monday do not count.
        let deadline = ResponseTime::WorkingDays(2).deadline(datetime!(2026-04-02 14:00));
        assert_eq!(deadline, datetime!(2026-04-08 23:59:59));
    }

    #[test]
    fn hours_are_calendar_hours() {
        let deadline = ResponseTime::Hours(24).deadline(datetime!(2026-04-03 10:30));
        assert_eq!(deadline, datetime!(2026-04-04 10:30));
    }

    proptest! {
        #[test]
        fn a_working_day_deadline_ends_a_working_day(
            day in 0i64..3650, minute in 0i64..1440, n in 1u32..20
        ) {
            let sent = datetime!(2024-01-01 00:00) + Duration::days(day) + Duration::minutes(minute);
            let deadline = ResponseTime::WorkingDays(n).deadline(sent);
            prop_assert!(deadline.date() > sent.date());
            prop_assert!(super::super::calendar::is_working_day(deadline.date()));
            prop_assert_eq!(deadline.time(), Time::from_hms(23, 59, 59).unwrap());
        }
    }
}
