//! Stored sanctions, each version 1: penalty claims (`PENALTY_CLAIMS`), damages cases
//! (`DAMAGES`) and terminations (`TERMINATIONS`), keyed by id.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::sanction::{
    CaseStatus, ClaimId, ClaimRecord, ClaimStatus, DamagesCase, DamagesId, EscalationStep,
    LogEntry, PenaltyClaim, TerminationCase, TerminationId,
};
use crate::domain::{AgreementId, Money};

use super::common::{digits, each, org, shapes};

pub const V1: u16 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct LogEntryV1 {
    pub date: Date,
    pub text: String,
    pub attachments: Vec<String>,
    pub shared_with_supplier: bool,
    pub lesson: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ClaimStatusV1 {
    Identified,
    Claimed { date: Date, letter: String },
    Paid { date: Date },
    Disputed { date: Date, reason: String },
    Waived { date: Date, reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ClaimV1 {
    pub id: u64,
    pub agreement: u64,
    pub calloff: String,
    pub supplier: String,
    pub identified: Date,
    /// Öre.
    pub amount: i64,
    pub delay_days: i64,
    pub units: i64,
    pub status: ClaimStatusV1,
    pub log: Vec<LogEntryV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum CaseStatusV1 {
    Open,
    Acted,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ClaimRecordV1 {
    pub date: Date,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DamagesV1 {
    pub id: u64,
    pub agreement: u64,
    pub supplier: String,
    pub opened: Date,
    pub breach: String,
    pub dialogue: Vec<LogEntryV1>,
    pub improvement_demanded: String,
    pub improvement_deadline: Option<Date>,
    pub claim: Option<ClaimRecordV1>,
    pub outcome: String,
    pub status: CaseStatusV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct EscalationStepV1 {
    pub level: u8,
    pub sent_to: String,
    pub sent_on: Date,
    pub what: String,
    pub response: String,
    pub skip_reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct TerminationV1 {
    pub id: u64,
    pub agreement: u64,
    pub supplier: String,
    pub opened: Date,
    pub grounds: String,
    pub steps: Vec<EscalationStepV1>,
    pub status: CaseStatusV1,
    pub log: Vec<LogEntryV1>,
}

super::shapes!(ClaimV1, DamagesV1, TerminationV1);
super::stored!(PenaltyClaim, ClaimV1, V1);
super::stored!(DamagesCase, DamagesV1, V1);
super::stored!(TerminationCase, TerminationV1, V1);

impl From<&LogEntry> for LogEntryV1 {
    fn from(e: &LogEntry) -> Self {
        LogEntryV1 {
            date: e.date,
            text: e.text.clone(),
            attachments: e.attachments.clone(),
            shared_with_supplier: e.shared_with_supplier,
            lesson: e.lesson,
        }
    }
}

impl TryFrom<LogEntryV1> for LogEntry {
    type Error = String;
    fn try_from(e: LogEntryV1) -> Result<Self, String> {
        Ok(LogEntry {
            date: e.date,
            text: e.text,
            attachments: e.attachments,
            shared_with_supplier: e.shared_with_supplier,
            lesson: e.lesson,
        })
    }
}

impl From<&ClaimStatus> for ClaimStatusV1 {
    fn from(s: &ClaimStatus) -> Self {
        match s.clone() {
            ClaimStatus::Identified => ClaimStatusV1::Identified,
            ClaimStatus::Claimed { date, letter } => ClaimStatusV1::Claimed { date, letter },
            ClaimStatus::Paid { date } => ClaimStatusV1::Paid { date },
            ClaimStatus::Disputed { date, reason } => ClaimStatusV1::Disputed { date, reason },
            ClaimStatus::Waived { date, reason } => ClaimStatusV1::Waived { date, reason },
        }
    }
}

impl From<ClaimStatusV1> for ClaimStatus {
    fn from(s: ClaimStatusV1) -> Self {
        match s {
            ClaimStatusV1::Identified => ClaimStatus::Identified,
            ClaimStatusV1::Claimed { date, letter } => ClaimStatus::Claimed { date, letter },
            ClaimStatusV1::Paid { date } => ClaimStatus::Paid { date },
            ClaimStatusV1::Disputed { date, reason } => ClaimStatus::Disputed { date, reason },
            ClaimStatusV1::Waived { date, reason } => ClaimStatus::Waived { date, reason },
        }
    }
}

impl From<&PenaltyClaim> for ClaimV1 {
    fn from(c: &PenaltyClaim) -> Self {
        ClaimV1 {
            id: c.id.0,
            agreement: c.agreement.0,
            calloff: c.calloff.clone(),
            supplier: digits(&c.supplier),
            identified: c.identified,
            amount: c.amount.0,
            delay_days: c.delay_days,
            units: c.units,
            status: ClaimStatusV1::from(&c.status),
            log: shapes(&c.log),
        }
    }
}

impl TryFrom<ClaimV1> for PenaltyClaim {
    type Error = String;
    fn try_from(c: ClaimV1) -> Result<Self, String> {
        Ok(PenaltyClaim {
            id: ClaimId(c.id),
            agreement: AgreementId(c.agreement),
            calloff: c.calloff,
            supplier: org(c.supplier)?,
            identified: c.identified,
            amount: Money(c.amount),
            delay_days: c.delay_days,
            units: c.units,
            status: c.status.into(),
            log: each(c.log)?,
        })
    }
}

fn case_status(s: CaseStatus) -> CaseStatusV1 {
    match s {
        CaseStatus::Open => CaseStatusV1::Open,
        CaseStatus::Acted => CaseStatusV1::Acted,
        CaseStatus::Closed => CaseStatusV1::Closed,
    }
}

fn case_status_of(s: CaseStatusV1) -> CaseStatus {
    match s {
        CaseStatusV1::Open => CaseStatus::Open,
        CaseStatusV1::Acted => CaseStatus::Acted,
        CaseStatusV1::Closed => CaseStatus::Closed,
    }
}

impl From<&DamagesCase> for DamagesV1 {
    fn from(d: &DamagesCase) -> Self {
        DamagesV1 {
            id: d.id.0,
            agreement: d.agreement.0,
            supplier: digits(&d.supplier),
            opened: d.opened,
            breach: d.breach.clone(),
            dialogue: shapes(&d.dialogue),
            improvement_demanded: d.improvement_demanded.clone(),
            improvement_deadline: d.improvement_deadline,
            claim: d.claim.as_ref().map(|c| ClaimRecordV1 {
                date: c.date,
                amount: c.amount.0,
            }),
            outcome: d.outcome.clone(),
            status: case_status(d.status),
        }
    }
}

impl TryFrom<DamagesV1> for DamagesCase {
    type Error = String;
    fn try_from(d: DamagesV1) -> Result<Self, String> {
        Ok(DamagesCase {
            id: DamagesId(d.id),
            agreement: AgreementId(d.agreement),
            supplier: org(d.supplier)?,
            opened: d.opened,
            breach: d.breach,
            dialogue: each(d.dialogue)?,
            improvement_demanded: d.improvement_demanded,
            improvement_deadline: d.improvement_deadline,
            claim: d.claim.map(|c| ClaimRecord {
                date: c.date,
                amount: Money(c.amount),
            }),
            outcome: d.outcome,
            status: case_status_of(d.status),
        })
    }
}

impl From<&EscalationStep> for EscalationStepV1 {
    fn from(s: &EscalationStep) -> Self {
        EscalationStepV1 {
            level: s.level,
            sent_to: s.sent_to.clone(),
            sent_on: s.sent_on,
            what: s.what.clone(),
            response: s.response.clone(),
            skip_reason: s.skip_reason.clone(),
        }
    }
}

impl TryFrom<EscalationStepV1> for EscalationStep {
    type Error = String;
    fn try_from(s: EscalationStepV1) -> Result<Self, String> {
        Ok(EscalationStep {
            level: s.level,
            sent_to: s.sent_to,
            sent_on: s.sent_on,
            what: s.what,
            response: s.response,
            skip_reason: s.skip_reason,
        })
    }
}

impl From<&TerminationCase> for TerminationV1 {
    fn from(t: &TerminationCase) -> Self {
        TerminationV1 {
            id: t.id.0,
            agreement: t.agreement.0,
            supplier: digits(&t.supplier),
            opened: t.opened,
            grounds: t.grounds.clone(),
            steps: shapes(&t.steps),
            status: case_status(t.status),
            log: shapes(&t.log),
        }
    }
}

impl TryFrom<TerminationV1> for TerminationCase {
    type Error = String;
    fn try_from(t: TerminationV1) -> Result<Self, String> {
        Ok(TerminationCase {
            id: TerminationId(t.id),
            agreement: AgreementId(t.agreement),
            supplier: org(t.supplier)?,
            opened: t.opened,
            grounds: t.grounds,
            steps: each(t.steps)?,
            status: case_status_of(t.status),
            log: each(t.log)?,
        })
    }
}
