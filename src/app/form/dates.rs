//! Dates and times as a form shows and reads them.

use time::{Date, PrimitiveDateTime};

pub fn parse_datetime(s: &str) -> Result<PrimitiveDateTime, time::error::Parse> {
    PrimitiveDateTime::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]"),
    )
}

pub fn format_datetime(t: PrimitiveDateTime) -> String {
    t.format(time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]"
    ))
    .unwrap_or_default()
}

pub fn parse_date(s: &str) -> Result<Date, time::error::Parse> {
    Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
}

pub fn format_date(d: Date) -> String {
    // The format has no fallible parts for dates in range.
    d.format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}
