//! The stored shapes of records, private to the store. A domain type may gain a field
//! without changing the file: what is written is one of these, converted explicitly, and a
//! changed shape is a new version here (with golden bytes in `tests/fixtures/golden/`).
//!
//! Only a [`Shape`] can be encoded (`encoding::encode` asks for one), and only the types of
//! this module are shapes, so no write path can put a domain type's own serde form in the
//! file.

use std::fmt::Display;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;
use super::encoding;

pub(super) mod agreement;
pub(super) mod awaited;
pub(super) mod calloff_row;
mod common;
mod compact;
pub(super) mod competition;
pub(super) mod counts;
pub(super) mod followup;
#[cfg(test)]
mod golden;
pub(super) mod logged;
pub(super) mod meeting;
pub(super) mod names;
pub(super) mod plans;
pub(super) mod request;
pub(super) mod sample;
pub(super) mod sanction;
pub(super) mod small;
pub(super) mod spend;

/// A record shape of the store's own, encoded with bincode as it is declared: its field
/// order, variant order and nesting are the file format.
pub(in crate::store) trait Shape: Serialize + DeserializeOwned {}

/// A borrowed view of a [`Shape`] with the same fields in the same order, so that it
/// encodes to the same bytes (each view has a test that says so); written where copying
/// the text of a million rows would cost more than storing them.
pub(in crate::store) trait View: Serialize {}

/// A value stored as a record of the store's own: its current version's bytes, and the
/// value again from the bytes of any version still read.
pub(in crate::store) trait Stored: Logged + Sized {
    /// The stored bytes: the current version and the body of its shape.
    fn encode(&self) -> Vec<u8>;
    /// The value of a body of `version`.
    fn from_body(version: u16, body: &[u8]) -> Result<Self, String>;
}

/// What the audit log digests of a value: the body of its stored shape, without the
/// version header (so the digest does not change when only the envelope's version does).
pub(in crate::store) trait Logged {
    fn log_body(&self, out: &mut Vec<u8>);
}

/// The stored bytes of `value` (current version).
pub(in crate::store) fn encode<T: Stored>(value: &T) -> Vec<u8> {
    value.encode()
}

/// The value stored in `bytes`; `what` names the record in the error.
pub(in crate::store) fn decode<T: Stored>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: what.into(),
        detail,
    };
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    T::from_body(version, body).map_err(corrupt)
}

/// A body of shape `R`, converted into the value it stores.
fn convert<R, T>(body: &[u8]) -> Result<T, String>
where
    R: Shape + TryInto<T, Error: Display>,
{
    encoding::decode_body::<R>(body).and_then(|r| r.try_into().map_err(|e| e.to_string()))
}

fn unknown(version: u16) -> String {
    format!("unknown record version {version}")
}

/// Appends the body of `shape` (as the audit log digests it).
fn log_shape<S: Shape>(shape: &S, out: &mut Vec<u8>) {
    let start = out.len();
    encoding::encode_append(out, 0, shape);
    out.drain(start..start + 2);
}

/// Implements [`Stored`] and [`Logged`] for a domain type written as `$record` under
/// `$version`, reading older versions through their shapes.
macro_rules! stored {
    ($domain:ty, $record:ty, $version:expr $(, $old:pat => $old_record:ty)* $(,)?) => {
        impl $crate::store::records::Stored for $domain {
            fn encode(&self) -> Vec<u8> {
                $crate::store::encoding::encode($version, &<$record>::from(self))
            }

            fn from_body(version: u16, body: &[u8]) -> Result<Self, String> {
                match version {
                    v if v == $version => $crate::store::records::convert::<$record, Self>(body),
                    $($old => $crate::store::records::convert::<$old_record, Self>(body),)*
                    v => Err($crate::store::records::unknown(v)),
                }
            }
        }

        impl $crate::store::records::Logged for $domain {
            fn log_body(&self, out: &mut Vec<u8>) {
                $crate::store::records::log_shape(&<$record>::from(self), out);
            }
        }
    };
}
pub(crate) use stored;

/// Marks record types as shapes.
macro_rules! shapes {
    ($($t:ty),* $(,)?) => { $(impl $crate::store::records::Shape for $t {})* };
}
pub(crate) use shapes;
