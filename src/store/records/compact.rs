//! Small integer forms of times, days and organisation numbers for compact records: bincode
//! writes small numbers in one byte and numbers up to 2³² in five.

use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// Julian day of 2000-01-01: days are stored from it, so today's fit in three bytes.
const DAY_ZERO: i32 = 2_451_545;

/// Unix seconds and nanoseconds (local time stored as if UTC, as the index does).
pub fn time(t: PrimitiveDateTime) -> (i64, u32) {
    (t.assume_utc().unix_timestamp(), t.nanosecond())
}

pub fn from_time((seconds, nanos): (i64, u32)) -> Result<PrimitiveDateTime, String> {
    let t = OffsetDateTime::from_unix_timestamp(seconds)
        .and_then(|t| t.replace_nanosecond(nanos))
        .map_err(|e| format!("time {seconds}.{nanos}: {e}"))?;
    Ok(PrimitiveDateTime::new(t.date(), t.time()))
}

pub fn day(d: Date) -> i32 {
    d.to_julian_day() - DAY_ZERO
}

pub fn from_day(n: i32) -> Result<Date, String> {
    n.checked_add(DAY_ZERO)
        .and_then(|j| Date::from_julian_day(j).ok())
        .ok_or_else(|| format!("day {n} out of range"))
}
