//! Reading a spanned TOML table key by key, so that every problem keeps its line.
//! Each reader method reports what is wrong to the [`Sink`] and returns `None`
//! (or an empty value), so parsing goes on and every problem is collected.

use std::ops::Range;

use time::{Date, Month};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{Expected, FileProblem, ProblemKind};

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// Collects problems, turning byte spans into line numbers.
pub(crate) struct Sink<'t> {
    text: &'t str,
    pub problems: Vec<FileProblem>,
}

impl<'t> Sink<'t> {
    pub fn new(text: &'t str) -> Sink<'t> {
        Sink {
            text,
            problems: Vec::new(),
        }
    }

    pub fn line(&self, span: &Range<usize>) -> usize {
        super::line_of(self.text, span.start)
    }

    /// The text of the file under `span`, as the user wrote it.
    pub fn source(&self, span: &Range<usize>) -> &'t str {
        self.text.get(span.clone()).unwrap_or("")
    }

    pub fn push(&mut self, span: &Range<usize>, kind: ProblemKind) {
        let line = self.line(span);
        self.problems.push(FileProblem { line, kind });
    }
}

/// One table of the file: its keys are checked against those allowed there.
pub(crate) struct TableReader<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    /// Dotted path of the table (`suppliers.contacts`), empty for the top level.
    prefix: &'static str,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Reads `table`, reporting every key not in `allowed` (typo protection).
    pub fn new(
        sink: &mut Sink<'_>,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        prefix: &'static str,
        allowed: &[&str],
    ) -> TableReader<'a, 'i> {
        let reader = TableReader {
            table,
            span,
            prefix,
        };
        for key in table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                sink.push(
                    &key.span(),
                    ProblemKind::UnknownKey {
                        key: reader.key(key.get_ref()),
                        allowed: allowed.join(", "),
                    },
                );
            }
        }
        reader
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The key as the user knows it: `suppliers.org_number`.
    pub fn key(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    pub fn value(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }

    /// Reports `key` as missing unless it is there; true when it is there.
    pub fn require(&self, sink: &mut Sink<'_>, key: &str) -> bool {
        let present = self.value(key).is_some();
        if !present {
            self.missing(sink, key);
        }
        present
    }

    fn missing(&self, sink: &mut Sink<'_>, key: &str) {
        sink.push(&self.span, ProblemKind::MissingKey { key: self.key(key) });
    }

    fn wrong_type(&self, sink: &mut Sink<'_>, key: &str, span: &Range<usize>, expected: Expected) {
        sink.push(
            span,
            ProblemKind::WrongType {
                key: self.key(key),
                expected,
            },
        );
    }

    /// A text value and its span; a missing key is reported only when `required`.
    pub fn string(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
    ) -> Option<(String, Range<usize>)> {
        let Some(v) = self.value(key) else {
            if required {
                self.missing(sink, key);
            }
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            _ => {
                self.wrong_type(sink, key, &v.span(), Expected::Text);
                None
            }
        }
    }

    /// An optional text, empty when absent (or wrong, which is reported).
    pub fn text(&self, sink: &mut Sink<'_>, key: &str) -> String {
        self.string(sink, key, false)
            .map(|(s, _)| s)
            .unwrap_or_default()
    }

    /// A date, written as a TOML date (`2026-01-01`) or a text (`"2026-01-01"`).
    pub fn date(&self, sink: &mut Sink<'_>, key: &str, required: bool) -> Option<Date> {
        let Some(v) = self.value(key) else {
            if required {
                self.missing(sink, key);
            }
            return None;
        };
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| calendar_date(i32::from(d.year), d.month, d.day)),
            DeValue::Datetime(_) => None,
            DeValue::String(s) => parse_iso_date(s),
            _ => {
                self.wrong_type(sink, key, &v.span(), Expected::Date);
                return None;
            }
        };
        if parsed.is_none() {
            let input = match v.get_ref() {
                DeValue::Datetime(dt) => dt.to_string(),
                DeValue::String(s) => s.to_string(),
                _ => String::new(),
            };
            sink.push(
                &v.span(),
                ProblemKind::BadDate {
                    key: self.key(key),
                    input,
                },
            );
        }
        parsed
    }

    /// An optional integer and its span.
    pub fn integer(&self, sink: &mut Sink<'_>, key: &str) -> Option<(i64, Range<usize>)> {
        let v = self.value(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some((n, v.span())),
                Err(_) => {
                    sink.push(
                        &v.span(),
                        ProblemKind::BadNumber {
                            key: self.key(key),
                            input: i.as_str().to_string(),
                        },
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(sink, key, &v.span(), Expected::Integer);
                None
            }
        }
    }

    /// An optional list of texts, each with its span.
    pub fn strings(&self, sink: &mut Sink<'_>, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(v) = self.value(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, &v.span(), Expected::List);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                _ => self.wrong_type(sink, key, &item.span(), Expected::Text),
            }
        }
        out
    }

    /// An optional array of tables (`[[key]]`), each with its span.
    pub fn tables(&self, sink: &mut Sink<'_>, key: &str) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(v) = self.value(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, &v.span(), Expected::Tables);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                _ => self.wrong_type(sink, key, &item.span(), Expected::Tables),
            }
        }
        out
    }

    /// A word from a fixed set, mapped by `choose`; `None` when absent or wrong.
    pub fn choice<T>(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        required: bool,
        allowed: &[&str],
        choose: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let (word, span) = self.string(sink, key, required)?;
        let chosen = choose(word.trim());
        if chosen.is_none() {
            sink.push(
                &span,
                ProblemKind::BadChoice {
                    key: self.key(key),
                    input: word,
                    allowed: allowed.join(", "),
                },
            );
        }
        chosen
    }
}

fn calendar_date(year: i32, month: u8, day: u8) -> Option<Date> {
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// `YYYY-MM-DD`, strictly: four-digit year, two-digit month and day.
pub(crate) fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = s.get(0..4)?.parse().ok()?;
    let month: u8 = s.get(5..7)?.parse().ok()?;
    let day: u8 = s.get(8..10)?.parse().ok()?;
    if !s
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    calendar_date(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn iso_dates_are_checked_against_the_calendar() {
        assert_eq!(parse_iso_date("2026-02-28"), Some(date!(2026 - 02 - 28)));
        assert_eq!(parse_iso_date("2028-02-29"), Some(date!(2028 - 02 - 29)));
        assert_eq!(parse_iso_date("2026-02-30"), None);
        assert_eq!(parse_iso_date("2026-13-01"), None);
        assert_eq!(parse_iso_date("2026-1-01"), None);
        assert_eq!(parse_iso_date("+026-01-01"), None);
        assert_eq!(parse_iso_date("2026-01-0a"), None);
        assert_eq!(parse_iso_date("2026–01–01"), None);
        assert_eq!(parse_iso_date(""), None);
    }
}
