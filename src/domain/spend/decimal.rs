//! Exact decimal numbers as invoices write them (`7.5`, `1150.00`, `-2`): quantities and
//! prices are never floating point, so an overcharge is exact until it is rounded once.

use std::fmt;

/// `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decimal {
    pub units: i128,
    pub scale: u32,
}

/// More decimals than any invoice writes, few enough that products stay far inside i128.
const MAX_SCALE: u32 = 12;
/// Digits before the point: a quantity or a price of up to 10^15.
const MAX_WHOLE_DIGITS: usize = 15;

impl Decimal {
    pub const ONE: Decimal = Decimal { units: 1, scale: 0 };

    /// A plain decimal: optional sign, digits, optionally `.` or `,` and digits. No
    /// grouping, no exponent (UBL's `xs:decimal`, or a spreadsheet cell's text).
    pub fn parse(text: &str) -> Option<Decimal> {
        let t = text.trim();
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (whole, frac) = match t.split_once(['.', ',']) {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        if (whole.is_empty() && frac.is_empty())
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        if whole.len() > MAX_WHOLE_DIGITS || frac.len() > MAX_SCALE as usize {
            return None;
        }
        let digits = format!("{whole}{frac}");
        let units: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Some(Decimal {
            units: if negative { -units } else { units },
            scale: frac.len() as u32,
        })
    }

    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    pub fn pow10(scale: u32) -> i128 {
        10i128.pow(scale)
    }

    /// The nearest double, for a JSON number.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / Self::pow10(self.scale) as f64
    }
}

impl fmt::Display for Decimal {
    /// The shortest exact form: `7.5`, `1150`, `-0.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let p = 10u128.pow(self.scale);
        let frac = format!("{:0width$}", abs % p, width = self.scale as usize);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{sign}{}", abs / p)
        } else {
            write!(f, "{sign}{}.{frac}", abs / p)
        }
    }
}

/// `n / d` rounded half away from zero (half up for the positive amounts of an audit).
pub fn round_half_up(n: i128, d: i128) -> i128 {
    debug_assert!(d > 0);
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_as_invoices_write_them() {
        assert_eq!(
            Decimal::parse("7.5"),
            Some(Decimal {
                units: 75,
                scale: 1
            })
        );
        assert_eq!(
            Decimal::parse("1150.00"),
            Some(Decimal {
                units: 1150,
                scale: 0
            })
        );
        assert_eq!(
            Decimal::parse("-2"),
            Some(Decimal {
                units: -2,
                scale: 0
            })
        );
        assert_eq!(
            Decimal::parse("0,25"),
            Some(Decimal {
                units: 25,
                scale: 2
            })
        );
        assert_eq!(Decimal::parse(".5"), Some(Decimal { units: 5, scale: 1 }));
        assert_eq!(Decimal::parse("0"), Some(Decimal { units: 0, scale: 0 }));
        for bad in ["", "-", "1e3", "1 000", "abc", "1.2.3", "12345678901234567"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        assert_eq!(Decimal::parse("1150.50").unwrap().to_string(), "1150.5");
        assert_eq!(Decimal::parse("-0.250").unwrap().to_string(), "-0.25");
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(round_half_up(5, 2), 3);
        assert_eq!(round_half_up(7, 3), 2);
        assert_eq!(round_half_up(-5, 2), -3);
        assert_eq!(round_half_up(149, 100), 1);
        assert_eq!(round_half_up(150, 100), 2);
    }
}
