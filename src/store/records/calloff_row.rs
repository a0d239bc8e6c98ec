//! Stored call-off rows (`CALLOFF_ROWS`, keyed by agreement and reference).
//!
//! - Version 1 (schemas 1–3): the whole call-off, its reference and agreement repeated
//!   from the key, times and days in `time`'s serde form, suppliers as digit strings.
//! - Version 2 (schema 4): what the key holds is left out; the lot, the orderer and the
//!   suppliers are numbers of `names`; the time requested is in Unix seconds and the
//!   other days are counted from it; kinds are small integers: about a third of the bytes.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime};

use crate::domain::calloff::{CallOff, CallOffMethod};
use crate::domain::calloff_row::CallOffRow;
use crate::domain::ranking::{DeviationKind, RankingOutcome};
use crate::domain::{AgreementId, Money, OrgNumber};

use super::super::StoreError;
use super::super::encoding;
use super::compact;
use super::names::{Ids, Names};

pub const V1: u16 = 1;
pub const V2: u16 = 2;

/// Version 1, field for field as schema 3 wrote it (bincode reads by position).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RowV1 {
    pub calloff: CallOffV1,
    pub requests: u32,
    pub outcome: OutcomeV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct CallOffV1 {
    pub reference: String,
    pub agreement: u64,
    pub lot: String,
    pub orderer: String,
    pub method: MethodV1,
    pub requested_at: PrimitiveDateTime,
    pub value: Option<i64>,
    pub awarded_supplier: Option<String>,
    pub delivery_due: Option<Date>,
    pub delivered_at: Option<Date>,
    pub consultants: u32,
    pub replaced_due_to_complaint: u32,
    pub quality: Option<u8>,
    pub deviation_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) enum MethodV1 {
    Ranking,
    Competition,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(super) enum KindV1 {
    NotAsked,
    OfferPassedOver,
    NotInLot,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) enum OutcomeV1 {
    NotAssessed,
    Compliant,
    Deviation {
        kinds: Vec<KindV1>,
        suppliers: Vec<String>,
        motivated: bool,
    },
}

/// Version 2: the key (agreement, reference) holds the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RowV2 {
    /// Numbers of `names`.
    pub lot: u32,
    pub orderer: u32,
    /// 0 ranking, 1 renewed competition.
    pub method: u8,
    /// Unix seconds and nanoseconds.
    pub requested_at: (i64, u32),
    pub value: Option<i64>,
    /// The organisation number's digits, by number of `names`.
    pub awarded_supplier: Option<u32>,
    /// Days after the day requested (one byte for the usual weeks).
    pub delivery_due: Option<i32>,
    pub delivered_at: Option<i32>,
    pub consultants: u32,
    pub replaced_due_to_complaint: u32,
    pub quality: Option<u8>,
    pub deviation_reason: Option<String>,
    pub requests: u32,
    pub outcome: OutcomeV2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) enum OutcomeV2 {
    NotAssessed,
    Compliant,
    Deviation {
        /// 0 not asked, 1 offer passed over, 2 not in the lot.
        kinds: Vec<u8>,
        /// Numbers of `names`, as `awarded_supplier`.
        suppliers: Vec<u32>,
        motivated: bool,
    },
}

fn method_code(m: CallOffMethod) -> u8 {
    match m {
        CallOffMethod::Ranking => 0,
        CallOffMethod::Competition => 1,
    }
}

fn method_of(code: u8) -> Result<CallOffMethod, String> {
    match code {
        0 => Ok(CallOffMethod::Ranking),
        1 => Ok(CallOffMethod::Competition),
        c => Err(format!("unknown call-off method {c}")),
    }
}

fn kind_code(k: DeviationKind) -> u8 {
    match k {
        DeviationKind::NotAsked => 0,
        DeviationKind::OfferPassedOver => 1,
        DeviationKind::NotInLot => 2,
    }
}

fn kind_of(code: u8) -> Result<DeviationKind, String> {
    match code {
        0 => Ok(DeviationKind::NotAsked),
        1 => Ok(DeviationKind::OfferPassedOver),
        2 => Ok(DeviationKind::NotInLot),
        c => Err(format!("unknown deviation kind {c}")),
    }
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "call-off".into(),
        detail,
    }
}

impl RowV2 {
    pub fn new(row: &CallOffRow, ids: &dyn Ids) -> Result<RowV2, StoreError> {
        let c = &row.calloff;
        let requested = compact::day(c.requested_at.date());
        let after = |d: Date| compact::day(d) - requested;
        let org = |o: &OrgNumber| ids.id(o.digits());
        Ok(RowV2 {
            lot: ids.id(&c.lot)?,
            orderer: ids.id(&c.orderer)?,
            method: method_code(c.method),
            requested_at: compact::time(c.requested_at),
            value: c.value.map(|m| m.0),
            awarded_supplier: c.awarded_supplier.as_ref().map(org).transpose()?,
            delivery_due: c.delivery_due.map(after),
            delivered_at: c.delivered_at.map(after),
            consultants: c.consultants,
            replaced_due_to_complaint: c.replaced_due_to_complaint,
            quality: c.quality,
            deviation_reason: c.deviation_reason.clone(),
            requests: row.requests,
            outcome: match &row.outcome {
                RankingOutcome::NotAssessed => OutcomeV2::NotAssessed,
                RankingOutcome::Compliant => OutcomeV2::Compliant,
                RankingOutcome::Deviation {
                    kinds,
                    suppliers,
                    motivated,
                } => OutcomeV2::Deviation {
                    kinds: kinds.iter().map(|k| kind_code(*k)).collect(),
                    suppliers: suppliers.iter().map(org).collect::<Result<_, _>>()?,
                    motivated: *motivated,
                },
            },
        })
    }

    /// The row, given what its key holds and the names it refers to.
    pub fn into_row(
        self,
        agreement: u64,
        reference: &str,
        names: &dyn Names,
    ) -> Result<CallOffRow, StoreError> {
        let org = |id: u32| -> Result<OrgNumber, StoreError> {
            let digits = names.name(id)?;
            OrgNumber::parse(&digits).map_err(|_| corrupt(format!("organisation number {digits}")))
        };
        let requested_at = compact::from_time(self.requested_at).map_err(corrupt)?;
        let requested = compact::day(requested_at.date());
        let day = |d: Option<i32>| {
            d.map(|n| compact::from_day(n.checked_add(requested).ok_or("day out of range")?))
                .transpose()
                .map_err(corrupt)
        };
        Ok(CallOffRow {
            calloff: CallOff {
                reference: reference.to_string(),
                agreement: AgreementId(agreement),
                lot: names.name(self.lot)?,
                orderer: names.name(self.orderer)?,
                method: method_of(self.method).map_err(corrupt)?,
                requested_at,
                value: self.value.map(Money),
                awarded_supplier: self.awarded_supplier.map(org).transpose()?,
                delivery_due: day(self.delivery_due)?,
                delivered_at: day(self.delivered_at)?,
                consultants: self.consultants,
                replaced_due_to_complaint: self.replaced_due_to_complaint,
                quality: self.quality,
                deviation_reason: self.deviation_reason,
            },
            requests: self.requests,
            outcome: match self.outcome {
                OutcomeV2::NotAssessed => RankingOutcome::NotAssessed,
                OutcomeV2::Compliant => RankingOutcome::Compliant,
                OutcomeV2::Deviation {
                    kinds,
                    suppliers,
                    motivated,
                } => RankingOutcome::Deviation {
                    kinds: kinds
                        .into_iter()
                        .map(kind_of)
                        .collect::<Result<_, _>>()
                        .map_err(corrupt)?,
                    suppliers: suppliers.into_iter().map(org).collect::<Result<_, _>>()?,
                    motivated,
                },
            },
        })
    }
}

impl TryFrom<RowV1> for CallOffRow {
    type Error = String;

    fn try_from(r: RowV1) -> Result<Self, String> {
        let c = r.calloff;
        let org = |s: String| OrgNumber::parse(&s).map_err(|_| format!("organisation number {s}"));
        Ok(CallOffRow {
            calloff: CallOff {
                reference: c.reference,
                agreement: AgreementId(c.agreement),
                lot: c.lot,
                orderer: c.orderer,
                method: match c.method {
                    MethodV1::Ranking => CallOffMethod::Ranking,
                    MethodV1::Competition => CallOffMethod::Competition,
                },
                requested_at: c.requested_at,
                value: c.value.map(Money),
                awarded_supplier: c.awarded_supplier.map(org).transpose()?,
                delivery_due: c.delivery_due,
                delivered_at: c.delivered_at,
                consultants: c.consultants,
                replaced_due_to_complaint: c.replaced_due_to_complaint,
                quality: c.quality,
                deviation_reason: c.deviation_reason,
            },
            requests: r.requests,
            outcome: match r.outcome {
                OutcomeV1::NotAssessed => RankingOutcome::NotAssessed,
                OutcomeV1::Compliant => RankingOutcome::Compliant,
                OutcomeV1::Deviation {
                    kinds,
                    suppliers,
                    motivated,
                } => RankingOutcome::Deviation {
                    kinds: kinds
                        .into_iter()
                        .map(|k| match k {
                            KindV1::NotAsked => DeviationKind::NotAsked,
                            KindV1::OfferPassedOver => DeviationKind::OfferPassedOver,
                            KindV1::NotInLot => DeviationKind::NotInLot,
                        })
                        .collect(),
                    suppliers: suppliers.into_iter().map(org).collect::<Result<_, _>>()?,
                    motivated,
                },
            },
        })
    }
}

/// The stored bytes of `row` (current version), its names numbered by `ids`.
pub fn encode(row: &CallOffRow, ids: &dyn Ids) -> Result<Vec<u8>, StoreError> {
    Ok(encoding::encode(V2, &RowV2::new(row, ids)?))
}

/// As [`encode`], appended to `out`; the range it took there.
pub fn encode_append(
    out: &mut Vec<u8>,
    row: &CallOffRow,
    ids: &dyn Ids,
) -> Result<Range<usize>, StoreError> {
    Ok(encoding::encode_append(out, V2, &RowV2::new(row, ids)?))
}

/// The row stored under (`agreement`, `reference`), of any version; damage refused in words.
pub fn decode(
    agreement: u64,
    reference: &str,
    bytes: &[u8],
    names: &dyn Names,
) -> Result<CallOffRow, StoreError> {
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    match version {
        V1 => encoding::decode_body::<RowV1>(body)
            .and_then(CallOffRow::try_from)
            .map_err(corrupt),
        V2 => encoding::decode_body::<RowV2>(body)
            .map_err(corrupt)?
            .into_row(agreement, reference, names),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
}

super::shapes!(RowV1, RowV2, CallOffV1);
