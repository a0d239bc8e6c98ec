//! Stored values: a two-byte record version, then the bincode 2 encoding of the serde type.
//! bincode is not self-describing, so a changed type gets a new version number and a
//! conversion from the old one here, never a silent reinterpretation.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::Agreement;
use crate::domain::meeting::Meeting;

use super::StoreError;

mod agreement_v1;

/// Refuse to allocate more than this for one record, whatever a damaged length prefix says.
const DECODE_LIMIT: usize = 16 * 1024 * 1024;

/// The largest record written: what the decoder can always read back, with room to spare
/// (minutes of 10 000 lines are well under a megabyte).
pub const MAX_RECORD: usize = DECODE_LIMIT - 1024;

/// `bytes` (an encoded record of `what`) when it can be read back, else refused in words.
pub fn checked(bytes: Vec<u8>, what: &str) -> Result<Vec<u8>, StoreError> {
    if bytes.len() > MAX_RECORD {
        return Err(StoreError::TooLarge {
            what: what.to_string(),
            bytes: bytes.len(),
            max: MAX_RECORD + 1024,
        });
    }
    Ok(bytes)
}

/// Agreements without their history (read, never written).
const AGREEMENT_V1: u16 = 1;
/// Agreements with `history` (earlier rankings, ended suppliers).
const AGREEMENT_V2: u16 = 2;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

pub fn encode<T: Serialize>(version: u16, value: &T) -> Vec<u8> {
    let mut out = version.to_le_bytes().to_vec();
    // Encoding into a Vec fails only for types serde cannot represent, which ours are not.
    if let Ok(body) = bincode::serde::encode_to_vec(value, config()) {
        out.extend_from_slice(&body);
    }
    out
}

/// As [`encode`], appended to `out`; the range it took there.
pub fn encode_append<T: Serialize>(
    out: &mut Vec<u8>,
    version: u16,
    value: &T,
) -> std::ops::Range<usize> {
    let start = out.len();
    out.extend_from_slice(&version.to_le_bytes());
    // Writing into a Vec cannot fail; only types serde cannot represent could.
    if bincode::serde::encode_into_std_write(value, out, config()).is_err() {
        out.truncate(start + 2);
    }
    start..out.len()
}

/// Splits off the version header; the caller matches on it.
pub fn split(bytes: &[u8]) -> Result<(u16, &[u8]), String> {
    if bytes.len() < 2 {
        return Err("record shorter than its header".into());
    }
    Ok((u16::from_le_bytes([bytes[0], bytes[1]]), &bytes[2..]))
}

pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let (value, read) =
        bincode::serde::decode_from_slice(body, config()).map_err(|e| e.to_string())?;
    if read != body.len() {
        return Err(format!(
            "{} bytes left over after the record",
            body.len() - read
        ));
    }
    Ok(value)
}

pub fn encode_agreement(a: &Agreement) -> Vec<u8> {
    encode(AGREEMENT_V2, a)
}

pub fn decode_agreement(bytes: &[u8]) -> Result<Agreement, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "agreement".into(),
        detail,
    };
    let (version, body) = split(bytes).map_err(corrupt)?;
    match version {
        AGREEMENT_V1 => decode_body::<agreement_v1::AgreementV1>(body)
            .map(Agreement::from)
            .map_err(corrupt),
        AGREEMENT_V2 => decode_body(body).map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
}

/// Records that have had one shape so far: version 1 of their type.
pub const V1: u16 = 1;

/// Meetings carry their addenda after approval from version 2 on; a version-1 meeting
/// (written before addenda existed) reads as one without any.
pub const MEETING_V2: u16 = 2;

pub fn encode_meeting(m: &Meeting) -> Vec<u8> {
    encode(MEETING_V2, m)
}

pub fn decode_meeting(bytes: &[u8]) -> Result<Meeting, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "meeting".into(),
        detail,
    };
    let (version, body) = split(bytes).map_err(corrupt)?;
    match version {
        V1 => decode_body::<v1::Meeting>(body)
            .map(Meeting::from)
            .map_err(corrupt),
        MEETING_V2 => decode_body(body).map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
}

/// Record shapes that are read but no longer written.
pub mod v1 {
    use serde::{Deserialize, Serialize};
    use time::{Date, Time};

    use crate::domain::AgreementId;
    use crate::domain::OrgNumber;
    use crate::domain::meeting::{AgendaPoint, Attendee, MeetingId, MeetingKind, MeetingStatus};

    /// A meeting as version 1 stored it: the fields of today's, in the same order, up to
    /// `lesson_lines` (bincode reads by position, so the order is the format).
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct Meeting {
        pub id: MeetingId,
        pub agreement: AgreementId,
        pub supplier: Option<OrgNumber>,
        pub kind: MeetingKind,
        pub date: Date,
        pub time: Option<Time>,
        pub place: String,
        pub attendees: Vec<Attendee>,
        pub agenda: Vec<AgendaPoint>,
        pub minutes: String,
        pub decisions: Vec<String>,
        pub status: MeetingStatus,
        pub lesson_lines: Vec<usize>,
    }

    impl From<Meeting> for crate::domain::meeting::Meeting {
        fn from(m: Meeting) -> Self {
            crate::domain::meeting::Meeting {
                id: m.id,
                agreement: m.agreement,
                supplier: m.supplier,
                kind: m.kind,
                date: m.date,
                time: m.time,
                place: m.place,
                attendees: m.attendees,
                agenda: m.agenda,
                minutes: m.minutes,
                decisions: m.decisions,
                status: m.status,
                lesson_lines: m.lesson_lines,
                addenda: Vec::new(),
            }
        }
    }
}

/// Decodes a version-1 record of `what` (named in the error).
pub fn decode_v1<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: what.into(),
        detail,
    };
    let (version, body) = split(bytes).map_err(corrupt)?;
    match version {
        V1 => decode_body(body).map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
}

pub fn encode_u32(v: u32) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

pub fn decode_u32(bytes: &[u8]) -> Result<u32, String> {
    <[u8; 4]>::try_from(bytes)
        .map(u32::from_le_bytes)
        .map_err(|_| format!("expected 4 bytes, found {}", bytes.len()))
}

pub fn encode_u64(v: u64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}

pub fn decode_u64(bytes: &[u8]) -> Result<u64, String> {
    <[u8; 8]>::try_from(bytes)
        .map(u64::from_le_bytes)
        .map_err(|_| format!("expected 8 bytes, found {}", bytes.len()))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::domain::AgreementId;
    use crate::domain::meeting::{AgendaPoint, MeetingId, MeetingKind, MeetingStatus};

    /// A meeting written before addenda existed still reads, with every field in place.
    #[test]
    fn a_version_1_meeting_reads_without_addenda() {
        let old = v1::Meeting {
            id: MeetingId(7),
            agreement: AgreementId(3),
            supplier: None,
            kind: MeetingKind::Collaboration,
            date: date!(2026 - 03 - 10),
            time: None,
            place: "Stadshuset".into(),
            attendees: vec![],
            agenda: vec![AgendaPoint::new("Statistik")],
            minutes: "Rad ett\nRad två".into(),
            decisions: vec!["Beslut".into()],
            status: MeetingStatus::MinutesApproved,
            lesson_lines: vec![1],
        };
        let bytes = encode(V1, &old);
        let m = decode_meeting(&bytes).unwrap();
        assert_eq!(m.id, MeetingId(7));
        assert_eq!(m.minutes, "Rad ett\nRad två");
        assert_eq!(m.decisions, vec!["Beslut".to_string()]);
        assert_eq!(m.lesson_lines, vec![1]);
        assert_eq!(m.status, MeetingStatus::MinutesApproved);
        assert!(m.addenda.is_empty());
        // Written again, it is a version-2 record and reads back the same.
        let again = encode_meeting(&m);
        assert_eq!(split(&again).unwrap().0, MEETING_V2);
        assert_eq!(decode_meeting(&again).unwrap(), m);
        // A version-2 body under a version-1 header is refused, not misread.
        let mut wrong = again.clone();
        wrong[..2].copy_from_slice(&V1.to_le_bytes());
        assert!(decode_meeting(&wrong).is_err());
    }
}
