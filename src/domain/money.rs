//! Money in whole öre (never floating point), and rates that are an amount or a percentage.

use std::fmt;

/// An amount in öre (1 krona = 100 öre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a number of kronor with at most two decimals.
    Format,
    Negative,
    TooLarge,
}

impl Money {
    pub fn ore(self) -> i64 {
        self.0
    }

    /// Parses kronor as people write them: `2500`, `2 500`, `2500,50`, `2500.5`, `2 500 kr`.
    /// Negative amounts are refused: no amount in the register is below zero.
    pub fn parse_kronor(input: &str) -> Result<Money, MoneyError> {
        let mut s: String = input
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        for suffix in ["kronor", "kr", "sek", "SEK", ":-"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.to_string();
                break;
            }
        }
        if s.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let s = s.replace(',', ".");
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s.as_str(), ""),
        };
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
        {
            return Err(MoneyError::Format);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::TooLarge)?
        };
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| MoneyError::Format)? * 10,
            _ => frac.parse().map_err(|_| MoneyError::Format)?,
        };
        whole
            .checked_mul(100)
            .and_then(|o| o.checked_add(frac))
            .map(Money)
            .ok_or(MoneyError::TooLarge)
    }

    /// `1 234 567,50` — Swedish grouping with a decimal comma, no currency.
    pub fn format_kronor(self) -> String {
        self.format_with(" ", ",")
    }

    /// The amount with `group` between groups of three digits and `decimal` before the
    /// öre: `1 234 567,89` in Swedish, `1,234,567.89` in English.
    pub fn format_with(self, group: &str, decimal: &str) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let kronor = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in kronor.chars().enumerate() {
            if i > 0 && (kronor.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{decimal}{:02}", abs % 100)
    }

    /// As [`Money::format_with`] without `,00` on whole kronor: `1 235` and `1 234,50`.
    /// Lists show amounts this way: short where öre are none, never rounded.
    pub fn format_compact_with(self, group: &str, decimal_mark: &str) -> String {
        let s = self.format_with(group, decimal_mark);
        match s.strip_suffix(&format!("{decimal_mark}00")) {
            Some(whole) => whole.to_string(),
            None => s,
        }
    }
}

impl Money {
    /// `1 234 568` or `1 234 567,50`: as [`Money::format_compact_with`] in Swedish.
    pub fn format_compact_kronor(self) -> String {
        self.format_compact_with(" ", ",")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kr", self.format_kronor())
    }
}

/// A fixed amount or a share of the call-off value, as penalty rates and caps are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rate {
    Fixed(Money),
    /// Hundredths of a percent: 5 % is 500, 2,5 % is 250.
    Percent(u32),
}

impl Rate {
    /// Parses `5%`, `2,5 %`, `2500 kr`, `2 500,50 kr`.
    pub fn parse(input: &str) -> Result<Rate, MoneyError> {
        let s = input.trim();
        if let Some(p) = s.strip_suffix('%') {
            let m = Money::parse_kronor(p)?;
            return u32::try_from(m.0)
                .map(Rate::Percent)
                .map_err(|_| MoneyError::TooLarge);
        }
        if s.ends_with("kr") || s.ends_with("kronor") || s.ends_with("SEK") || s.ends_with("sek") {
            return Money::parse_kronor(s).map(Rate::Fixed);
        }
        Err(MoneyError::Format)
    }

    /// The rate applied to a call-off value, exactly, in öre as a fraction `num / 10_000`
    /// for percentages, so rounding happens once at the end of a computation.
    pub fn as_ten_thousandths_of_ore(self, value: Money) -> i128 {
        match self {
            Rate::Fixed(m) => i128::from(m.0) * 10_000,
            Rate::Percent(bp) => i128::from(value.0) * i128::from(bp),
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rate::Fixed(m) => write!(f, "{m}"),
            Rate::Percent(bp) if bp % 100 == 0 => write!(f, "{} %", bp / 100),
            Rate::Percent(bp) => {
                let frac = format!("{:02}", bp % 100);
                write!(f, "{},{} %", bp / 100, frac.trim_end_matches('0'))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kronor_are_parsed_as_written() {
        assert_eq!(Money::parse_kronor("2500"), Ok(Money(250_000)));
        assert_eq!(Money::parse_kronor("2 500 kr"), Ok(Money(250_000)));
        assert_eq!(Money::parse_kronor("2500,5"), Ok(Money(250_050)));
        assert_eq!(Money::parse_kronor("2500.05"), Ok(Money(250_005)));
        assert_eq!(Money::parse_kronor(",5"), Ok(Money(50)));
        assert_eq!(Money::parse_kronor("-3"), Err(MoneyError::Negative));
        assert_eq!(Money::parse_kronor("1,234"), Err(MoneyError::Format));
        assert_eq!(Money::parse_kronor("12a"), Err(MoneyError::Format));
        assert_eq!(Money::parse_kronor(""), Err(MoneyError::Format));
        assert_eq!(
            Money::parse_kronor("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn amounts_are_shown_the_swedish_way() {
        assert_eq!(Money(123_456_750).to_string(), "1 234 567,50 kr");
        assert_eq!(Money(5).format_kronor(), "0,05");
        assert_eq!(Money(-100_000).format_kronor(), "-1 000,00");
        // Compact: no ",00" on whole kronor, and öre shown where there are some.
        assert_eq!(Money(123_456_700).format_compact_kronor(), "1 234 567");
        assert_eq!(Money(123_456_750).format_compact_kronor(), "1 234 567,50");
        assert_eq!(Money(49).format_compact_kronor(), "0,49");
        assert_eq!(Money(-100_000).format_compact_kronor(), "-1 000");
    }

    #[test]
    fn rates_parse_percent_and_amounts() {
        assert_eq!(Rate::parse("5%"), Ok(Rate::Percent(500)));
        assert_eq!(Rate::parse("2,5 %"), Ok(Rate::Percent(250)));
        assert_eq!(Rate::parse("2500 kr"), Ok(Rate::Fixed(Money(250_000))));
        assert_eq!(Rate::parse("2500"), Err(MoneyError::Format));
        assert_eq!(Rate::Percent(250).to_string(), "2,5 %");
        assert_eq!(Rate::Percent(1500).to_string(), "15 %");
    }

    proptest! {
        #[test]
        fn formatted_amounts_parse_back(ore in 0i64..1_000_000_000_000) {
            let m = Money(ore);
            prop_assert_eq!(Money::parse_kronor(&m.format_kronor()), Ok(m));
            prop_assert_eq!(Money::parse_kronor(&m.to_string()), Ok(m));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC*") {
            let _ = Money::parse_kronor(&s);
            let _ = Rate::parse(&s);
        }
    }
}
