//! Stored agreements (`AGREEMENTS`, keyed by id).
//!
//! - Version 1: every field of today's agreement but `history`; read, never written.
//! - Version 2: with `history` (earlier rankings, ended suppliers).
//!
//! bincode reads by position, so the field order below is the format: a change to
//! `Agreement` gets a version of its own, never an edit of these shapes.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::{Agreement, AgreementId, History, PenaltyTerm};

use super::super::StoreError;
use super::super::encoding;
use super::common::{ResponseTimeV1, each, shapes};

mod parts;
mod terms;
pub(in crate::store) use parts::*;
pub(in crate::store) use terms::*;

pub const V1: u16 = 1;
pub const V2: u16 = 2;

/// Version 1: as version 2 without `history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AgreementV1 {
    pub id: u64,
    pub reference: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
    pub priority: PriorityV1,
    pub response_time: ResponseTimeV1,
    pub goal_picture: String,
    pub keywords: Vec<String>,
    pub calloff_routine: String,
    pub order_mailbox: String,
    pub order_templates: Vec<OrderTemplateV1>,
    pub extension_options: Vec<ExtensionOptionV1>,
    pub suppliers: Vec<SupplierV1>,
    pub lots: Vec<LotV1>,
    pub penalties: Vec<PenaltyTermV1>,
    pub escalation: Vec<EscalationLevelV1>,
    pub orderers: Vec<OrdererV1>,
    pub project_group: Vec<ProjectMemberV1>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AgreementV2 {
    pub id: u64,
    pub reference: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
    pub priority: PriorityV1,
    pub response_time: ResponseTimeV1,
    pub goal_picture: String,
    pub keywords: Vec<String>,
    pub calloff_routine: String,
    pub order_mailbox: String,
    pub order_templates: Vec<OrderTemplateV1>,
    pub extension_options: Vec<ExtensionOptionV1>,
    pub suppliers: Vec<SupplierV1>,
    pub lots: Vec<LotV1>,
    pub penalties: Vec<PenaltyTermV1>,
    pub escalation: Vec<EscalationLevelV1>,
    pub orderers: Vec<OrdererV1>,
    pub project_group: Vec<ProjectMemberV1>,
    pub notes: String,
    pub history: HistoryV1,
}

super::shapes!(AgreementV1, AgreementV2, PenaltyTermV1);
super::stored!(Agreement, AgreementV2, V2, V1 => AgreementV1);

impl From<&Agreement> for AgreementV2 {
    fn from(a: &Agreement) -> Self {
        AgreementV2 {
            id: a.id.0,
            reference: a.reference.clone(),
            name: a.name.clone(),
            start: a.start,
            end: a.end,
            priority: PriorityV1::from(&a.priority),
            response_time: ResponseTimeV1::from(&a.response_time),
            goal_picture: a.goal_picture.clone(),
            keywords: a.keywords.clone(),
            calloff_routine: a.calloff_routine.clone(),
            order_mailbox: a.order_mailbox.clone(),
            order_templates: shapes(&a.order_templates),
            extension_options: shapes(&a.extension_options),
            suppliers: shapes(&a.suppliers),
            lots: shapes(&a.lots),
            penalties: shapes(&a.penalties),
            escalation: shapes(&a.escalation),
            orderers: shapes(&a.orderers),
            project_group: shapes(&a.project_group),
            notes: a.notes.clone(),
            history: HistoryV1::from(&a.history),
        }
    }
}

impl TryFrom<AgreementV2> for Agreement {
    type Error = String;
    fn try_from(a: AgreementV2) -> Result<Self, String> {
        Ok(Agreement {
            id: AgreementId(a.id),
            reference: a.reference,
            name: a.name,
            start: a.start,
            end: a.end,
            priority: a.priority.into(),
            response_time: a.response_time.into(),
            goal_picture: a.goal_picture,
            keywords: a.keywords,
            calloff_routine: a.calloff_routine,
            order_mailbox: a.order_mailbox,
            order_templates: each(a.order_templates)?,
            extension_options: each(a.extension_options)?,
            suppliers: each(a.suppliers)?,
            lots: each(a.lots)?,
            penalties: each(a.penalties)?,
            escalation: each(a.escalation)?,
            orderers: each(a.orderers)?,
            project_group: each(a.project_group)?,
            notes: a.notes,
            history: a.history.try_into()?,
            money: Box::default(),
        })
    }
}

impl TryFrom<AgreementV1> for Agreement {
    type Error = String;
    fn try_from(a: AgreementV1) -> Result<Self, String> {
        AgreementV2 {
            id: a.id,
            reference: a.reference,
            name: a.name,
            start: a.start,
            end: a.end,
            priority: a.priority,
            response_time: a.response_time,
            goal_picture: a.goal_picture,
            keywords: a.keywords,
            calloff_routine: a.calloff_routine,
            order_mailbox: a.order_mailbox,
            order_templates: a.order_templates,
            extension_options: a.extension_options,
            suppliers: a.suppliers,
            lots: a.lots,
            penalties: a.penalties,
            escalation: a.escalation,
            orderers: a.orderers,
            project_group: a.project_group,
            notes: a.notes,
            history: HistoryV1::from(&History::default()),
        }
        .try_into()
    }
}

/// The stored bytes of `a` (current version).
pub fn encode(a: &Agreement) -> Vec<u8> {
    super::encode(a)
}

pub fn decode(bytes: &[u8]) -> Result<Agreement, StoreError> {
    super::decode(bytes, "agreement")
}

/// A penalty term as an agreement stores it, with a version-1 header: what the penalty
/// sync digests to notice a changed term.
pub fn term_bytes(term: &PenaltyTerm) -> Vec<u8> {
    encoding::encode(V1, &PenaltyTermV1::from(term))
}
