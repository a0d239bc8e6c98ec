//! Stored implementation and follow-up plans, each version 1: checklists (`CHECKLISTS`),
//! requirements (`REQUIREMENTS`) and their checks (`CHECKS`).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::AgreementId;
use crate::domain::checklist::{Checklist, ChecklistItem, ItemStatus};
use crate::domain::followup::{
    Check, CheckId, CheckResult, FollowUp, Requirement, RequirementId, RequirementKind,
};

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

super::shapes!(ChecklistV1, RequirementV1, CheckV1);
super::stored!(Checklist, ChecklistV1, V1);
super::stored!(Requirement, RequirementV1, V1);
super::stored!(Check, CheckV1, V1);

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
