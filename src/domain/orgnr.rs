//! Swedish organisation numbers: ten digits, the last a Luhn check digit.

use std::fmt;

/// Stored as ten digits without the hyphen; shown as `NNNNNN-NNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgNumber(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgNumberError {
    /// Not ten digits (with or without the hyphen after the sixth).
    Format,
    /// Ten digits, but the last is not the Luhn check digit of the first nine.
    CheckDigit,
}

impl OrgNumber {
    /// Accepts `NNNNNN-NNNN` or `NNNNNNNNNN`, surrounding spaces ignored.
    pub fn parse(input: &str) -> Result<OrgNumber, OrgNumberError> {
        let s = input.trim();
        let digits: String = match s.len() {
            10 => s.to_string(),
            11 if s.as_bytes()[6] == b'-' => format!("{}{}", &s[..6], &s[7..]),
            _ => return Err(OrgNumberError::Format),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OrgNumberError::Format);
        }
        let bytes = digits.as_bytes();
        if luhn_check_digit(&bytes[..9]) != bytes[9] - b'0' {
            return Err(OrgNumberError::CheckDigit);
        }
        Ok(OrgNumber(digits))
    }

    /// The ten digits without the hyphen.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// The Luhn digit that completes `digits` (ASCII digits), weights 2,1,2,… from the left.
pub fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            let v = if i % 2 == 0 { d * 2 } else { d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers_are_accepted_with_and_without_hyphen() {
        // Published organisation numbers: Skatteverket, Volvo Car AB, IKEA of Sweden.
        for n in ["202100-5448", "5560743089", "556074-3089", "212000-0142"] {
            let org = OrgNumber::parse(n).unwrap_or_else(|e| panic!("{n}: {e:?}"));
            assert_eq!(org.digits().len(), 10);
        }
        assert_eq!(
            OrgNumber::parse("5560743089").unwrap().to_string(),
            "556074-3089"
        );
        assert_eq!(
            OrgNumber::parse("556074-3089").unwrap(),
            OrgNumber::parse(" 5560743089 ").unwrap()
        );
    }

    #[test]
    fn wrong_check_digit_and_bad_format_are_refused() {
        assert_eq!(
            OrgNumber::parse("556074-3088"),
            Err(OrgNumberError::CheckDigit)
        );
        assert_eq!(
            OrgNumber::parse("556677-8898"),
            Err(OrgNumberError::CheckDigit)
        );
        // The example in DESIGN.md is a valid number.
        assert!(OrgNumber::parse("556677-8899").is_ok());
        assert_eq!(OrgNumber::parse("55607-43089"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("556074308"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("55607430899"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("55607a3089"), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse(""), Err(OrgNumberError::Format));
        assert_eq!(OrgNumber::parse("åäö-ÅÄÖ"), Err(OrgNumberError::Format));
    }

    proptest! {
        #[test]
        fn completed_numbers_always_parse_and_round_trip(nine in "[0-9]{9}") {
            let check = luhn_check_digit(nine.as_bytes());
            let ten = format!("{nine}{check}");
            let org = OrgNumber::parse(&ten).unwrap();
            prop_assert_eq!(OrgNumber::parse(&org.to_string()).unwrap(), org);
        }

        #[test]
        fn every_other_last_digit_is_refused(nine in "[0-9]{9}", wrong in 1u8..10) {
            let check = (luhn_check_digit(nine.as_bytes()) + wrong) % 10;
            let ten = format!("{nine}{check}");
            prop_assert_eq!(OrgNumber::parse(&ten), Err(OrgNumberError::CheckDigit));
        }

        #[test]
        fn one_changed_digit_is_always_detected(nine in "[0-9]{9}", pos in 0usize..10, delta in 1u8..10) {
            let check = luhn_check_digit(nine.as_bytes());
            let mut bytes = format!("{nine}{check}").into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(OrgNumber::parse(&changed).is_err());
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC*") {
            let _ = OrgNumber::parse(&s);
        }
    }
}
