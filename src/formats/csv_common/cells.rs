//! The value formats of DESIGN §6, one cell at a time. Every parser takes trimmed text
//! and says what is wrong in a [`CellProblem`], never panics.

use time::{Date, Month, PrimitiveDateTime, Time};

use super::CellProblem;
use crate::domain::{Money, OrgNumber};

/// The years a date of the register can lie in: a 0026 or a 2926 is a slip of the
/// keyboard, and would sort and count as if it were true.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// `YYYY-MM-DD`, a real calendar date in [`YEARS`].
pub fn date(s: &str) -> Result<Date, CellProblem> {
    let d = parse_date(s).ok_or_else(|| CellProblem::BadDate {
        input: s.to_string(),
    })?;
    sane_year(d, s)
}

fn sane_year(d: Date, s: &str) -> Result<Date, CellProblem> {
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(CellProblem::YearOutOfRange {
            input: s.to_string(),
        })
    }
}

/// `YYYY-MM-DD HH:MM`. Seconds (`:SS`) are accepted and kept, and so is the ISO 8601
/// `T` between date and time, as spreadsheets and scripts write them.
pub fn datetime(s: &str) -> Result<PrimitiveDateTime, CellProblem> {
    let bad = || CellProblem::BadTime {
        input: s.to_string(),
    };
    let (day, clock) = s.split_once([' ', 'T']).ok_or_else(bad)?;
    let date = parse_date(day).ok_or_else(bad)?;
    let parts: Vec<&str> = clock.trim_start().split(':').collect();
    let field = |i: usize| -> Option<u8> {
        let p = parts.get(i)?;
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let seconds = match parts.len() {
        2 => Some(0),
        3 => field(2),
        _ => None,
    };
    let (Some(h), Some(m), Some(sec)) = (field(0), field(1), seconds) else {
        return Err(bad());
    };
    let time = Time::from_hms(h, m, sec).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(sane_year(date, s)?, time))
}

fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|_| s.get(r)?.parse::<u16>().ok())
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::from(digits(0..4)?);
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// An organisation number, with or without the hyphen, Luhn-checked.
pub fn org_number(s: &str) -> Result<OrgNumber, CellProblem> {
    OrgNumber::parse(s).map_err(|error| CellProblem::BadOrg {
        error,
        input: s.to_string(),
    })
}

/// Kronor with a decimal comma or point (`2500`, `2 500,50`, `2500.5`), kept as öre.
pub fn kronor(s: &str) -> Result<Money, CellProblem> {
    Money::parse_kronor(s).map_err(|error| CellProblem::BadMoney {
        error,
        input: s.to_string(),
    })
}

/// A reference (of a call-off): any text without control characters, which would
/// make it ambiguous in the store's keys and invisible on screen.
pub fn reference(s: &str) -> Result<String, CellProblem> {
    if s.chars().any(char::is_control) {
        return Err(CellProblem::ControlCharacter {
            input: s.escape_debug().to_string(),
        });
    }
    Ok(s.to_string())
}

/// A count: a whole number from 0.
pub fn count(s: &str) -> Result<u32, CellProblem> {
    let bad = || CellProblem::BadCount {
        input: s.to_string(),
    };
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    s.parse().map_err(|_| bad())
}

/// A delivery quality rating: a whole number 1–5.
pub fn quality(s: &str) -> Result<u8, CellProblem> {
    match s.parse::<u8>() {
        Ok(q) if (1..=5).contains(&q) && s.bytes().all(|b| b.is_ascii_digit()) => Ok(q),
        _ => Err(CellProblem::BadQuality {
            input: s.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_and_times_as_design_writes_them() {
        assert_eq!(date("2026-04-02"), Ok(date!(2026 - 04 - 02)));
        assert_eq!(date("2028-02-29"), Ok(date!(2028 - 02 - 29)));
        for bad in [
            "2026-02-30",
            "2026-4-2",
            "02/04/2026",
            "2026-04-02 10:00",
            "",
            "2026-13-01",
        ] {
            assert!(
                matches!(date(bad), Err(CellProblem::BadDate { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            datetime("2026-04-02 14:00"),
            Ok(datetime!(2026-04-02 14:00))
        );
        assert_eq!(
            datetime("2026-04-02T14:00"),
            Ok(datetime!(2026-04-02 14:00))
        );
        assert_eq!(
            datetime("2026-04-02 14:00:30"),
            Ok(datetime!(2026-04-02 14:00:30))
        );
        for bad in [
            "2026-04-02",
            "2026-04-02 24:00",
            "2026-04-02 9:00",
            "2026-04-02t14:00",
            "2026-04-02 14:60",
            "x y",
        ] {
            assert!(
                matches!(datetime(bad), Err(CellProblem::BadTime { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_counts_and_quality() {
        assert_eq!(kronor("2 500,50"), Ok(Money(250_050)));
        assert_eq!(kronor("2500.5"), Ok(Money(250_050)));
        assert!(matches!(kronor("-1"), Err(CellProblem::BadMoney { .. })));
        assert_eq!(count("0"), Ok(0));
        assert_eq!(count("12"), Ok(12));
        for bad in ["-1", "+1", "1.5", "x", "99999999999"] {
            assert!(count(bad).is_err(), "{bad}");
        }
        assert_eq!(quality("5"), Ok(5));
        for bad in ["0", "6", "+3", "3.5", "fem"] {
            assert!(quality(bad).is_err(), "{bad}");
        }
        assert!(org_number("556677-8899").is_ok() && org_number("5566778899").is_ok());
        assert!(matches!(
            org_number("556677-8898"),
            Err(CellProblem::BadOrg { .. })
        ));
    }
}
