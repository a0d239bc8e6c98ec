//! Stored follow-up records, each version 1: deviations registered by hand
//! (`DEVIATIONS`), purchases outside the agreement (`PURCHASES`) and the decision per
//! category (`DECISIONS`).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};
use crate::domain::{AgreementId, Money};

use super::common::{digits, org_opt};

pub const V1: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ManualKindV1 {
    LateDelivery,
    Quality,
    Other,
    /// Appended (schema 5): a variant at the end leaves the bytes of the others as they
    /// were, so version 1 still reads every deviation written before it existed.
    Overcharge,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum DeviationStatusV1 {
    Open,
    InProgress,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DeviationV1 {
    pub id: u64,
    pub agreement: u64,
    pub calloff: Option<String>,
    pub supplier: Option<String>,
    pub kind: ManualKindV1,
    pub registered: Date,
    pub description: String,
    pub status: DeviationStatusV1,
    pub measures: String,
    pub lesson: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct PurchaseV1 {
    pub id: u64,
    pub agreement: u64,
    pub date: Date,
    pub orderer: String,
    pub supplier: String,
    pub description: String,
    pub amount: i64,
    pub category: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum DecisionV1 {
    Undecided,
    NextProcurement,
    ComplementaryProcurement,
    NoAction,
}

super::shapes!(DeviationV1, PurchaseV1, DecisionV1);
super::stored!(ManualDeviation, DeviationV1, V1);
super::stored!(OutsidePurchase, PurchaseV1, V1);
super::stored!(CategoryDecision, DecisionV1, V1);

impl From<&ManualDeviation> for DeviationV1 {
    fn from(d: &ManualDeviation) -> Self {
        DeviationV1 {
            id: d.id.0,
            agreement: d.agreement.0,
            calloff: d.calloff.clone(),
            supplier: d.supplier.as_ref().map(digits),
            kind: match d.kind {
                ManualKind::LateDelivery => ManualKindV1::LateDelivery,
                ManualKind::Quality => ManualKindV1::Quality,
                ManualKind::Other => ManualKindV1::Other,
                ManualKind::Overcharge => ManualKindV1::Overcharge,
            },
            registered: d.registered,
            description: d.description.clone(),
            status: match d.status {
                DeviationStatus::Open => DeviationStatusV1::Open,
                DeviationStatus::InProgress => DeviationStatusV1::InProgress,
                DeviationStatus::Closed => DeviationStatusV1::Closed,
            },
            measures: d.measures.clone(),
            lesson: d.lesson,
        }
    }
}

impl TryFrom<DeviationV1> for ManualDeviation {
    type Error = String;
    fn try_from(d: DeviationV1) -> Result<Self, String> {
        Ok(ManualDeviation {
            id: DeviationId(d.id),
            agreement: AgreementId(d.agreement),
            calloff: d.calloff,
            supplier: org_opt(d.supplier)?,
            kind: match d.kind {
                ManualKindV1::LateDelivery => ManualKind::LateDelivery,
                ManualKindV1::Quality => ManualKind::Quality,
                ManualKindV1::Other => ManualKind::Other,
                ManualKindV1::Overcharge => ManualKind::Overcharge,
            },
            registered: d.registered,
            description: d.description,
            status: match d.status {
                DeviationStatusV1::Open => DeviationStatus::Open,
                DeviationStatusV1::InProgress => DeviationStatus::InProgress,
                DeviationStatusV1::Closed => DeviationStatus::Closed,
            },
            measures: d.measures,
            lesson: d.lesson,
        })
    }
}

impl From<&OutsidePurchase> for PurchaseV1 {
    fn from(p: &OutsidePurchase) -> Self {
        PurchaseV1 {
            id: p.id.0,
            agreement: p.agreement.0,
            date: p.date,
            orderer: p.orderer.clone(),
            supplier: p.supplier.clone(),
            description: p.description.clone(),
            amount: p.amount.0,
            category: p.category.clone(),
            reason: p.reason.clone(),
        }
    }
}

impl TryFrom<PurchaseV1> for OutsidePurchase {
    type Error = String;
    fn try_from(p: PurchaseV1) -> Result<Self, String> {
        Ok(OutsidePurchase {
            id: PurchaseId(p.id),
            agreement: AgreementId(p.agreement),
            date: p.date,
            orderer: p.orderer,
            supplier: p.supplier,
            description: p.description,
            amount: Money(p.amount),
            category: p.category,
            reason: p.reason,
        })
    }
}

impl From<&CategoryDecision> for DecisionV1 {
    fn from(d: &CategoryDecision) -> Self {
        match d {
            CategoryDecision::Undecided => DecisionV1::Undecided,
            CategoryDecision::NextProcurement => DecisionV1::NextProcurement,
            CategoryDecision::ComplementaryProcurement => DecisionV1::ComplementaryProcurement,
            CategoryDecision::NoAction => DecisionV1::NoAction,
        }
    }
}

impl TryFrom<DecisionV1> for CategoryDecision {
    type Error = String;
    fn try_from(d: DecisionV1) -> Result<Self, String> {
        Ok(match d {
            DecisionV1::Undecided => CategoryDecision::Undecided,
            DecisionV1::NextProcurement => CategoryDecision::NextProcurement,
            DecisionV1::ComplementaryProcurement => CategoryDecision::ComplementaryProcurement,
            DecisionV1::NoAction => CategoryDecision::NoAction,
        })
    }
}
