//! Stored values: a two-byte record version, then the bincode 2 encoding of one of the
//! store's own record shapes (`records`). bincode is not self-describing, so a changed
//! shape gets a new version number and a conversion from the old one there, never a
//! silent reinterpretation.

use serde::de::DeserializeOwned;

use super::StoreError;
use super::records::Shape;

/// Refuse to allocate more than this for one record, whatever a damaged length prefix says.
const DECODE_LIMIT: usize = 16 * 1024 * 1024;

/// The largest record written: what the decoder can always read back, with room to spare
/// (minutes of 10 000 lines are well under a megabyte).
pub const MAX_RECORD: usize = DECODE_LIMIT - 1024;

/// `bytes` (an encoded record of `what`) when it can be read back, else refused in words.
pub fn checked(bytes: Vec<u8>, what: &str) -> Result<Vec<u8>, StoreError> {
    fits(&bytes, what)?;
    Ok(bytes)
}

/// As [`checked`], for bytes kept by the caller.
pub fn fits(bytes: &[u8], what: &str) -> Result<(), StoreError> {
    if bytes.len() > MAX_RECORD {
        return Err(StoreError::TooLarge {
            what: what.to_string(),
            bytes: bytes.len(),
            max: MAX_RECORD + 1024,
        });
    }
    Ok(())
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

pub fn encode<T: Shape>(version: u16, value: &T) -> Vec<u8> {
    let mut out = version.to_le_bytes().to_vec();
    // Encoding into a Vec fails only for types serde cannot represent, which ours are not.
    if let Ok(body) = bincode::serde::encode_to_vec(value, config()) {
        out.extend_from_slice(&body);
    }
    out
}

/// As [`encode`], of a borrowed view of a record shape, appended to `out`.
pub fn encode_view<T: super::records::View>(out: &mut Vec<u8>, version: u16, value: &T) {
    append(out, version, value);
}

/// As [`encode`], appended to `out`; the range it took there.
pub fn encode_append<T: Shape>(
    out: &mut Vec<u8>,
    version: u16,
    value: &T,
) -> std::ops::Range<usize> {
    append(out, version, value)
}

/// The version, then `value` in bincode, appended to `out`; the range it took there.
fn append(
    out: &mut Vec<u8>,
    version: u16,
    value: &impl serde::Serialize,
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
