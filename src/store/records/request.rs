//! Stored requests (`REQUESTS`, keyed by agreement and `calloff ␟ supplier ␟ minute`).
//!
//! - Version 1 (schema 2): read only by the migration to schema 3 (`migrate`).
//! - Version 2 (schema 3): the whole request, its agreement, call-off and supplier
//!   repeated from the key.
//! - Version 3 (schema 4): only what the key does not hold: the second sent within the
//!   key's minute, the answer, and the minute after it and second it came.

use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::domain::calloff::{Answer, Request};
use crate::domain::{AgreementId, OrgNumber};

use super::super::StoreError;
use super::super::encoding;
use super::compact;

pub const V1: u16 = 1;
pub const V2: u16 = 2;
pub const V3: u16 = 3;

/// The separator of a request key's parts (see `calloffs::request_key`).
const SEP: char = '\u{1f}';

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum AnswerV2 {
    Offer,
    Decline,
}

/// Version 1, field for field as schema 2 wrote it: the call-off by reference only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct RequestV1 {
    pub calloff: String,
    pub supplier: String,
    pub sent_at: PrimitiveDateTime,
    pub answered_at: Option<PrimitiveDateTime>,
    pub answer: Option<AnswerV2>,
}

/// Version 2, field for field as schema 3 wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RequestV2 {
    pub agreement: u64,
    pub calloff: String,
    pub supplier: String,
    pub sent_at: PrimitiveDateTime,
    pub answered_at: Option<PrimitiveDateTime>,
    pub answer: Option<AnswerV2>,
}

/// Version 3: the key holds the agreement, the call-off, the supplier and the minute sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RequestV3 {
    /// The second and nanosecond within the key's minute.
    pub sent_second: u8,
    pub sent_nanos: u32,
    /// 0 none, 1 offer, 2 decline.
    pub answer: u8,
    /// When the answer came: minutes after the minute sent, then the second and
    /// nanosecond within that minute.
    pub answered: Option<(i64, u8, u32)>,
}

fn minute_of(t: PrimitiveDateTime) -> i64 {
    t.assume_utc().unix_timestamp().div_euclid(60)
}

impl From<&Request> for RequestV3 {
    fn from(r: &Request) -> Self {
        let sent = minute_of(r.sent_at);
        RequestV3 {
            sent_second: r.sent_at.second(),
            sent_nanos: r.sent_at.nanosecond(),
            answer: match r.answer {
                None => 0,
                Some(Answer::Offer) => 1,
                Some(Answer::Decline) => 2,
            },
            answered: r
                .answered_at
                .map(|t| (minute_of(t) - sent, t.second(), t.nanosecond())),
        }
    }
}

/// The minute of a request key's last part, `YYYYMMDDHHMM` (a year outside 0–9999 as
/// `format!("{year:04}")` wrote it).
fn parse_minute(text: &str) -> Result<PrimitiveDateTime, String> {
    let bad = || format!("request minute {text:?}");
    if text.len() < 12 || !text.is_char_boundary(text.len() - 8) {
        return Err(bad());
    }
    let (year, rest) = text.split_at(text.len() - 8);
    let n = |at: usize| {
        rest.get(at..at + 2)
            .and_then(|d| d.parse::<u8>().ok())
            .ok_or_else(bad)
    };
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month = time::Month::try_from(n(0)?).map_err(|_| bad())?;
    let date = time::Date::from_calendar_date(year, month, n(2)?).map_err(|_| bad())?;
    let time = time::Time::from_hms(n(4)?, n(6)?, 0).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(date, time))
}

/// `minute` moved by `minutes`, at `second` and `nanos` within it.
fn at(
    minute: PrimitiveDateTime,
    minutes: i64,
    second: u8,
    nanos: u32,
) -> Result<PrimitiveDateTime, String> {
    let (seconds, _) = compact::time(minute);
    let at = minutes
        .checked_mul(60)
        .and_then(|m| seconds.checked_add(m))
        .and_then(|s| s.checked_add(i64::from(second)))
        .ok_or("time out of range")?;
    compact::from_time((at, nanos))
}

impl RequestV3 {
    /// The request, given what its key holds.
    pub fn into_request(self, agreement: u64, key: &str) -> Result<Request, String> {
        let mut parts = key.rsplitn(3, SEP);
        let (Some(minute), Some(digits), Some(calloff)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("request key {key:?} has not three parts"));
        };
        let supplier =
            OrgNumber::parse(digits).map_err(|_| format!("organisation number {digits}"))?;
        let minute = parse_minute(minute)?;
        Ok(Request {
            agreement: AgreementId(agreement),
            calloff: calloff.to_string(),
            supplier,
            sent_at: at(minute, 0, self.sent_second, self.sent_nanos)?,
            answered_at: self
                .answered
                .map(|(m, s, n)| at(minute, m, s, n))
                .transpose()?,
            answer: match self.answer {
                0 => None,
                1 => Some(Answer::Offer),
                2 => Some(Answer::Decline),
                a => return Err(format!("unknown answer {a}")),
            },
        })
    }
}

impl TryFrom<RequestV2> for Request {
    type Error = String;

    fn try_from(r: RequestV2) -> Result<Self, String> {
        Ok(Request {
            agreement: AgreementId(r.agreement),
            calloff: r.calloff,
            supplier: OrgNumber::parse(&r.supplier)
                .map_err(|_| format!("organisation number {}", r.supplier))?,
            sent_at: r.sent_at,
            answered_at: r.answered_at,
            answer: r.answer.map(|a| match a {
                AnswerV2::Offer => Answer::Offer,
                AnswerV2::Decline => Answer::Decline,
            }),
        })
    }
}

/// The stored bytes of `r` (current version).
pub fn encode(r: &Request) -> Vec<u8> {
    encoding::encode(V3, &RequestV3::from(r))
}

/// As [`encode`], appended to `out`; the range it took there.
pub fn encode_append(out: &mut Vec<u8>, r: &Request) -> std::ops::Range<usize> {
    encoding::encode_append(out, V3, &RequestV3::from(r))
}

/// The request stored under (`agreement`, `key`), of version 2 or 3.
pub fn decode(agreement: u64, key: &str, bytes: &[u8]) -> Result<Request, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "request".into(),
        detail,
    };
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    let r = match version {
        V2 => encoding::decode_body::<RequestV2>(body).and_then(Request::try_from),
        V3 => encoding::decode_body::<RequestV3>(body).and_then(|r| r.into_request(agreement, key)),
        v => Err(format!("unknown record version {v}")),
    };
    r.map_err(corrupt)
}

super::shapes!(RequestV1, RequestV2, RequestV3);

/// A version-1 request (schema 2) as a request of the agreement that `agreement_of` finds
/// for its call-off; None when it finds none.
pub fn decode_v1(
    bytes: &[u8],
    agreement_of: impl FnOnce(&str) -> Option<u64>,
) -> Result<Option<Request>, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "request".into(),
        detail,
    };
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    if version != V1 {
        return Err(corrupt(format!("unknown record version {version}")));
    }
    let old = encoding::decode_body::<RequestV1>(body).map_err(corrupt)?;
    let Some(agreement) = agreement_of(&old.calloff) else {
        return Ok(None);
    };
    Request::try_from(RequestV2 {
        agreement,
        calloff: old.calloff,
        supplier: old.supplier,
        sent_at: old.sent_at,
        answered_at: old.answered_at,
        answer: old.answer,
    })
    .map(Some)
    .map_err(corrupt)
}
