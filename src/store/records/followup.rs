//! Stored follow-up records, each version 1: checklists (`CHECKLISTS`), requirements
//! (`REQUIREMENTS`) and their checks (`CHECKS`), deviations registered by hand
//! (`DEVIATIONS`), purchases outside the agreement (`PURCHASES`) and the decision per
//! category (`DECISIONS`).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::checklist::{Checklist, ChecklistItem, ItemStatus};
use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::followup::{
    Check, CheckId, CheckResult, FollowUp, Requirement, RequirementId, RequirementKind,
};
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};
use crate::domain::{AgreementId, Money};

use super::common::{digits, each, org_opt, shapes};

pub const V1: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ItemStatusV1 {
    Todo,
    InProgress,
    Done,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ChecklistItemV1 {
    pub section: String,
    pub text: String,
    pub status: ItemStatusV1,
    pub owner: String,
    pub due: Option<Date>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ChecklistV1 {
    pub agreement: u64,
    pub items: Vec<ChecklistItemV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum RequirementKindV1 {
    OnSupplier,
    OnService,
    TenderPromise,
    ContractTerm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct RequirementV1 {
    pub id: u64,
    pub agreement: u64,
    pub kind: RequirementKindV1,
    pub text: String,
    pub supplier: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum CheckResultV1 {
    Met,
    NotMet,
    Partly,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum FollowUpV1 {
    None,
    Deviation,
    Sanction,
    NextMeeting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct CheckV1 {
    pub id: u64,
    pub requirement: u64,
    pub planned: Option<Date>,
    pub trigger: String,
    pub done: Option<Date>,
    pub result: Option<CheckResultV1>,
    pub evidence: String,
    pub follow_up: FollowUpV1,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ManualKindV1 {
    LateDelivery,
    Quality,
    Other,
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

super::shapes!(
    ChecklistV1,
    RequirementV1,
    CheckV1,
    DeviationV1,
    PurchaseV1,
    DecisionV1
);
super::stored!(Checklist, ChecklistV1, V1);
super::stored!(Requirement, RequirementV1, V1);
super::stored!(Check, CheckV1, V1);
super::stored!(ManualDeviation, DeviationV1, V1);
super::stored!(OutsidePurchase, PurchaseV1, V1);
super::stored!(CategoryDecision, DecisionV1, V1);

impl From<&ChecklistItem> for ChecklistItemV1 {
    fn from(i: &ChecklistItem) -> Self {
        ChecklistItemV1 {
            section: i.section.clone(),
            text: i.text.clone(),
            status: match i.status {
                ItemStatus::Todo => ItemStatusV1::Todo,
                ItemStatus::InProgress => ItemStatusV1::InProgress,
                ItemStatus::Done => ItemStatusV1::Done,
                ItemStatus::NotApplicable => ItemStatusV1::NotApplicable,
            },
            owner: i.owner.clone(),
            due: i.due,
            note: i.note.clone(),
        }
    }
}

impl TryFrom<ChecklistItemV1> for ChecklistItem {
    type Error = String;
    fn try_from(i: ChecklistItemV1) -> Result<Self, String> {
        Ok(ChecklistItem {
            section: i.section,
            text: i.text,
            status: match i.status {
                ItemStatusV1::Todo => ItemStatus::Todo,
                ItemStatusV1::InProgress => ItemStatus::InProgress,
                ItemStatusV1::Done => ItemStatus::Done,
                ItemStatusV1::NotApplicable => ItemStatus::NotApplicable,
            },
            owner: i.owner,
            due: i.due,
            note: i.note,
        })
    }
}

impl From<&Checklist> for ChecklistV1 {
    fn from(c: &Checklist) -> Self {
        ChecklistV1 {
            agreement: c.agreement.0,
            items: shapes(&c.items),
        }
    }
}

impl TryFrom<ChecklistV1> for Checklist {
    type Error = String;
    fn try_from(c: ChecklistV1) -> Result<Self, String> {
        Ok(Checklist {
            agreement: AgreementId(c.agreement),
            items: each(c.items)?,
        })
    }
}

impl From<&Requirement> for RequirementV1 {
    fn from(r: &Requirement) -> Self {
        RequirementV1 {
            id: r.id.0,
            agreement: r.agreement.0,
            kind: match r.kind {
                RequirementKind::OnSupplier => RequirementKindV1::OnSupplier,
                RequirementKind::OnService => RequirementKindV1::OnService,
                RequirementKind::TenderPromise => RequirementKindV1::TenderPromise,
                RequirementKind::ContractTerm => RequirementKindV1::ContractTerm,
            },
            text: r.text.clone(),
            supplier: r.supplier.as_ref().map(digits),
        }
    }
}

impl TryFrom<RequirementV1> for Requirement {
    type Error = String;
    fn try_from(r: RequirementV1) -> Result<Self, String> {
        Ok(Requirement {
            id: RequirementId(r.id),
            agreement: AgreementId(r.agreement),
            kind: match r.kind {
                RequirementKindV1::OnSupplier => RequirementKind::OnSupplier,
                RequirementKindV1::OnService => RequirementKind::OnService,
                RequirementKindV1::TenderPromise => RequirementKind::TenderPromise,
                RequirementKindV1::ContractTerm => RequirementKind::ContractTerm,
            },
            text: r.text,
            supplier: org_opt(r.supplier)?,
        })
    }
}

impl From<&Check> for CheckV1 {
    fn from(c: &Check) -> Self {
        CheckV1 {
            id: c.id.0,
            requirement: c.requirement.0,
            planned: c.planned,
            trigger: c.trigger.clone(),
            done: c.done,
            result: c.result.map(|r| match r {
                CheckResult::Met => CheckResultV1::Met,
                CheckResult::NotMet => CheckResultV1::NotMet,
                CheckResult::Partly => CheckResultV1::Partly,
            }),
            evidence: c.evidence.clone(),
            follow_up: match c.follow_up {
                FollowUp::None => FollowUpV1::None,
                FollowUp::Deviation => FollowUpV1::Deviation,
                FollowUp::Sanction => FollowUpV1::Sanction,
                FollowUp::NextMeeting => FollowUpV1::NextMeeting,
            },
        }
    }
}

impl TryFrom<CheckV1> for Check {
    type Error = String;
    fn try_from(c: CheckV1) -> Result<Self, String> {
        Ok(Check {
            id: CheckId(c.id),
            requirement: RequirementId(c.requirement),
            planned: c.planned,
            trigger: c.trigger,
            done: c.done,
            result: c.result.map(|r| match r {
                CheckResultV1::Met => CheckResult::Met,
                CheckResultV1::NotMet => CheckResult::NotMet,
                CheckResultV1::Partly => CheckResult::Partly,
            }),
            evidence: c.evidence,
            follow_up: match c.follow_up {
                FollowUpV1::None => FollowUp::None,
                FollowUpV1::Deviation => FollowUp::Deviation,
                FollowUpV1::Sanction => FollowUp::Sanction,
                FollowUpV1::NextMeeting => FollowUp::NextMeeting,
            },
        })
    }
}

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
