//! A form's field: what kind of value it takes, what was typed, and why it is wrong.

use ratatui_textarea::TextArea;
use time::{Date, PrimitiveDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::domain::{Money, OrgNumber, Rate, ResponseTime};
use crate::i18n::Catalog;
use crate::tr;

use super::dates::{parse_date, parse_datetime};
use super::keys::{FieldId, FormKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        required: bool,
    },
    /// Several lines; Enter starts a new line.
    MultiLine,
    Date {
        required: bool,
    },
    OrgNumber,
    ResponseTime,
    Rate {
        required: bool,
    },
    /// A whole number within a range, or empty when not required.
    Number {
        min: i64,
        max: i64,
        required: bool,
    },
    /// One of fixed options; ←/→ or space choose. Options are catalogue keys when
    /// `translate`, else shown as they are (supplier names, lots).
    Choice {
        options: Vec<String>,
        translate: bool,
    },
    /// `YYYY-MM-DD HH:MM`.
    DateTime {
        required: bool,
    },
    /// Kronor, as people write them; never negative.
    Money {
        required: bool,
    },
    /// Comma-separated words.
    List,
    /// An e-mail address (may be empty): `name@domain.tld`.
    Email,
    /// A telephone number (may be empty): digits with spaces, hyphens, a leading `+`.
    Phone,
    /// A penalty cap (may be empty): an amount, or a percentage of at most 100 %.
    Cap,
}

pub struct Field {
    /// Which field of its form this is; the app reads a form by it.
    pub key: FieldId,
    /// Catalogue key of the label (the key's `label()`): what is shown, and the name a
    /// draft keeps the value under.
    pub label: &'static str,
    /// Shown instead of the label's catalogue text when the label names something the
    /// user made (a criterion of their model).
    pub title: Option<String>,
    pub kind: FieldKind,
    pub input: TextArea<'static>,
    /// Index into the options of a choice field.
    pub choice: usize,
    pub error: Option<String>,
}

impl Field {
    pub fn new<K: FormKey>(key: K, kind: FieldKind, value: &str) -> Field {
        let lines: Vec<String> = if matches!(kind, FieldKind::MultiLine) {
            value.split('\n').map(str::to_string).collect()
        } else {
            vec![value.replace('\n', " ")]
        };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        // A requirement or an agenda point is often longer than the field is wide: it
        // wraps at words instead of running off the edge.
        if matches!(kind, FieldKind::MultiLine) {
            input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        Field {
            key: FieldId::of(key),
            label: key.label(),
            title: None,
            kind,
            input,
            choice: 0,
            error: None,
        }
    }

    pub fn choice<K: FormKey>(key: K, options: Vec<&'static str>, selected: usize) -> Field {
        let options = options.into_iter().map(str::to_string).collect();
        let mut f = Field::new(
            key,
            FieldKind::Choice {
                options,
                translate: true,
            },
            "",
        );
        f.choice = selected;
        f
    }

    /// A choice among texts shown as they are.
    pub fn pick<K: FormKey>(key: K, options: Vec<String>, selected: usize) -> Field {
        let mut f = Field::new(
            key,
            FieldKind::Choice {
                options,
                translate: false,
            },
            "",
        );
        f.choice = selected;
        f
    }

    /// The `nth` field of its key in a form that repeats it (one per placeholder, per
    /// criterion), so each field of a form is still told apart.
    pub fn nth(mut self, nth: usize) -> Field {
        self.key = self.key.nth(nth);
        self
    }

    /// What was typed, in Unicode NFC (a pasted name from a Mac matches one typed here).
    pub fn text(&self) -> String {
        self.input.lines().join("\n").nfc().collect()
    }

    pub fn trimmed(&self) -> String {
        self.text().trim().to_string()
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, FieldKind::MultiLine)
    }

    /// Checks the field and records why it is wrong, in the user's words.
    pub fn validate(&mut self, cat: &Catalog) -> bool {
        self.error = self.problem(cat);
        self.error.is_none()
    }

    fn problem(&self, cat: &Catalog) -> Option<String> {
        let v = self.trimmed();
        let required_missing = || Some(tr!(cat, "ui.form.required").to_string());
        match &self.kind {
            FieldKind::Text { required } => {
                (*required && v.is_empty()).then(|| tr!(cat, "ui.form.required").into())
            }
            FieldKind::MultiLine | FieldKind::List | FieldKind::Choice { .. } => None,
            FieldKind::Email => {
                (!v.is_empty() && !is_email(&v)).then(|| tr!(cat, "ui.form.bad_email", input = v))
            }
            FieldKind::Phone => {
                (!v.is_empty() && !is_phone(&v)).then(|| tr!(cat, "ui.form.bad_phone", input = v))
            }
            FieldKind::Cap => match Rate::parse(&v) {
                _ if v.is_empty() => None,
                // A cap above the whole value would never cap anything: a slip for 10 %.
                Ok(Rate::Percent(p)) if p > 100 * 100 => {
                    Some(tr!(cat, "ui.form.cap_above_100", input = v))
                }
                Ok(_) => None,
                Err(crate::domain::money::MoneyError::Format) => {
                    Some(tr!(cat, "ui.form.bad_rate", input = v))
                }
                Err(e) => Some(e.message(cat, &v)),
            },
            FieldKind::Date { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                parse_date(&v)
                    .err()
                    .map(|_| tr!(cat, "ui.form.bad_date", input = v))
            }
            FieldKind::DateTime { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                parse_datetime(&v)
                    .err()
                    .map(|_| tr!(cat, "ui.form.bad_datetime", input = v))
            }
            FieldKind::Money { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                Money::parse_kronor(&v).err().map(|e| e.message(cat, &v))
            }
            FieldKind::OrgNumber => {
                if v.is_empty() {
                    return required_missing();
                }
                OrgNumber::parse(&v).err().map(|e| e.message(cat, &v))
            }
            FieldKind::ResponseTime => ResponseTime::parse(&v)
                .is_none()
                .then(|| tr!(cat, "ui.form.bad_response_time", input = v)),
            FieldKind::Rate { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                match Rate::parse(&v) {
                    Ok(_) => None,
                    Err(crate::domain::money::MoneyError::Format) => {
                        Some(tr!(cat, "ui.form.bad_rate", input = v))
                    }
                    Err(e) => Some(e.message(cat, &v)),
                }
            }
            FieldKind::Number { min, max, required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                match v.parse::<i64>() {
                    Ok(n) if n >= *min && n <= *max => None,
                    _ => Some(tr!(
                        cat,
                        "ui.form.bad_number",
                        input = v,
                        min = min,
                        max = max
                    )),
                }
            }
        }
    }

    pub fn date(&self) -> Option<Date> {
        parse_date(&self.trimmed()).ok()
    }

    pub fn org_number(&self) -> Option<OrgNumber> {
        OrgNumber::parse(&self.trimmed()).ok()
    }

    pub fn rate(&self) -> Option<Rate> {
        Rate::parse(&self.trimmed()).ok()
    }

    pub fn number(&self) -> Option<i64> {
        self.trimmed().parse().ok()
    }

    pub fn list(&self) -> Vec<String> {
        self.text()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn shown_value(&self, cat: &Catalog) -> String {
        match &self.kind {
            FieldKind::Choice { options, translate } => options
                .get(self.choice)
                .map(|k| {
                    if *translate {
                        cat.t(k).to_string()
                    } else {
                        k.clone()
                    }
                })
                .unwrap_or_default(),
            _ => self.text(),
        }
    }

    pub fn datetime(&self) -> Option<PrimitiveDateTime> {
        parse_datetime(&self.trimmed()).ok()
    }

    pub fn money(&self) -> Option<Money> {
        Money::parse_kronor(&self.trimmed()).ok()
    }
}

/// An address a mail program would take: one `@`, something before it, a domain with a
/// dot after it, no spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(name, rest)| !name.is_empty() && !rest.is_empty())
        && !domain.ends_with('.')
}

/// A number as Swedes write them: 08-123 45 67, 070-123 45 67, +46 8 123 45 67; at least
/// six digits and nothing but digits, spaces, hyphens, brackets and a leading `+`.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let body = s.strip_prefix('+').unwrap_or(s);
    digits >= 6
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
}

#[cfg(test)]
mod tests {
    use super::{is_email, is_phone};

    #[test]
    fn email_and_phone_shapes() {
        for good in ["anna@kommun.se", "a.b-c@sub.region.se", "x@y.io"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "anna.kommun.se",
            "@kommun.se",
            "anna@kommun",
            "a b@k.se",
            "a@@k.se",
            "a@k.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in [
            "08-123 45 67",
            "070-123 45 67",
            "+46 8 123 45 67",
            "(08) 123456",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["ring mig", "12345", "08-123 45 67 ank. 2", "+46+8 1234567"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
