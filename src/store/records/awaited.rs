//! Stored awaited requests (`AWAITED`, keyed as `REQUESTS`): version 1, the serde shape
//! `calloffs::Awaited` had when it was written directly (schemas 1–4).

use std::ops::Range;

use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::domain::{AgreementId, OrgNumber};

use super::super::StoreError;
use super::super::calloffs::Awaited;
use super::super::encoding;

pub const V1: u16 = 1;

/// Version 1, field for field (bincode reads by position).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct AwaitedV1 {
    pub agreement: u64,
    pub calloff: String,
    pub supplier: String,
    pub sent_at: PrimitiveDateTime,
    pub deadline: PrimitiveDateTime,
}

impl From<&Awaited> for AwaitedV1 {
    fn from(a: &Awaited) -> Self {
        AwaitedV1 {
            agreement: a.agreement.0,
            calloff: a.calloff.clone(),
            supplier: a.supplier.digits().to_string(),
            sent_at: a.sent_at,
            deadline: a.deadline,
        }
    }
}

impl TryFrom<AwaitedV1> for Awaited {
    type Error = String;

    fn try_from(a: AwaitedV1) -> Result<Self, String> {
        Ok(Awaited {
            agreement: AgreementId(a.agreement),
            calloff: a.calloff,
            supplier: OrgNumber::parse(&a.supplier)
                .map_err(|_| format!("organisation number {}", a.supplier))?,
            sent_at: a.sent_at,
            deadline: a.deadline,
        })
    }
}

/// The stored bytes of `a` (current version).
pub fn encode(a: &Awaited) -> Vec<u8> {
    encoding::encode(V1, &AwaitedV1::from(a))
}

/// As [`encode`], appended to `out`; the range it took there.
pub fn encode_append(out: &mut Vec<u8>, a: &Awaited) -> Range<usize> {
    encoding::encode_append(out, V1, &AwaitedV1::from(a))
}

/// An awaited request as stored; damage refused in words.
pub fn decode(bytes: &[u8]) -> Result<Awaited, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "awaited request".into(),
        detail,
    };
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    match version {
        V1 => encoding::decode_body::<AwaitedV1>(body)
            .and_then(Awaited::try_from)
            .map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
}

super::shapes!(AwaitedV1);
