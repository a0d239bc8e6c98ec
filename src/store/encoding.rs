//! Stored values: a two-byte record version, then the bincode 2 encoding of the serde type.
//! bincode is not self-describing, so a changed type gets a new version number and a
//! conversion from the old one here, never a silent reinterpretation.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::Agreement;
use crate::domain::calloff::Request;

use super::StoreError;

mod agreement_v1;

/// Refuse to allocate more than this for one record, whatever a damaged length prefix says.
const DECODE_LIMIT: usize = 16 * 1024 * 1024;

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

/// Requests name their agreement from schema 3 on; version 1 named the call-off's
/// reference alone and is read only by the migration (`migrate::v2_to_v3`).
pub const REQUEST_V2: u16 = 2;

pub fn encode_request(r: &Request) -> Vec<u8> {
    encode(REQUEST_V2, r)
}

pub fn decode_request(bytes: &[u8]) -> Result<Request, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "request".into(),
        detail,
    };
    let (version, body) = split(bytes).map_err(corrupt)?;
    match version {
        REQUEST_V2 => decode_body(body).map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
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
