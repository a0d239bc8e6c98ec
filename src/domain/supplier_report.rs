//! The statistics a supplier reports on its own, month by month (DESIGN §5, §6
//! supplier-stats), kept to compare with what the register shows and for the one
//! figure only the supplier knows: sick leave.

use time::{Date, Month};

use super::agreement::AgreementId;
use super::orgnr::OrgNumber;

/// Hours in hundredths of an hour: exact, and enough for what timesheets hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hours(pub u64);

impl Hours {
    /// Parses `160`, `160,5`, `160.25`, `1 600,5`: at most two decimals, never negative.
    pub fn parse(input: &str) -> Option<Hours> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        let s = s.replace(',', ".");
        let (whole, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 2
        {
            return None;
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let frac: u64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        whole.checked_mul(100)?.checked_add(frac).map(Hours)
    }

    /// As a number of hours, for shares and spreadsheets.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// One supplier's own report for one month of one agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierMonth {
    pub agreement: AgreementId,
    pub supplier: OrgNumber,
    /// The first day of the reported month.
    pub month: Date,
    pub requests: u32,
    pub answered_in_time: u32,
    pub consultants: u32,
    pub replaced_due_to_complaint: u32,
    pub sick_hours: Hours,
    pub scheduled_hours: Hours,
}

/// `YYYY-MM` → the first day of that month.
pub fn parse_month(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 7
        || b[4] != b'-'
        || !s[..4]
            .bytes()
            .chain(s[5..].bytes())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month = Month::try_from(s[5..].parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year, month, 1).ok()
}

/// The first day of `date`'s month.
pub fn month_of(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

/// `YYYY-MM` of a date.
pub fn month_key(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), u8::from(date.month()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn hours_with_a_decimal_comma_or_point() {
        assert_eq!(Hours::parse("160"), Some(Hours(16_000)));
        assert_eq!(Hours::parse("160,5"), Some(Hours(16_050)));
        assert_eq!(Hours::parse("1 600.25"), Some(Hours(160_025)));
        assert_eq!(Hours::parse(",5"), Some(Hours(50)));
        for bad in ["-1", "1,234", "x", "", ".", "1e3"] {
            assert_eq!(Hours::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(parse_month("2026-02"), Some(date!(2026 - 02 - 01)));
        for bad in [
            "2026-13",
            "2026-2",
            "26-02",
            "2026-02-01",
            "2026/02",
            "+026-02",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert_eq!(month_of(date!(2026 - 02 - 17)), date!(2026 - 02 - 01));
        assert_eq!(month_key(date!(2026 - 02 - 17)), "2026-02");
    }
}
