//! Golden bytes of the registers: agreements, meetings, actions, the follow-up records,
//! competitions and evaluation models.

use time::macros::date;

use crate::domain::checklist::{Checklist, ChecklistItem, ItemStatus};
use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::followup::{
    Check, CheckId, CheckResult, FollowUp, Requirement, RequirementId, RequirementKind,
};
use crate::domain::meeting::Meeting;
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};
use crate::domain::{Agreement, AgreementId, History, Money};

use super::super::super::encoding;
use super::super::agreement::{self, AgreementV1, AgreementV2};
use super::super::meeting::{self, MeetingV1, MeetingV2};
use super::calloffs::org;
use super::{current, older, values};

#[test]
fn agreement_v1_reads_and_v2_is_written() {
    let a = values::agreement();
    current("agreement_v2.bin", &a);
    let v2 = AgreementV2::from(&a);
    let v1 = AgreementV1 {
        id: v2.id,
        reference: v2.reference,
        name: v2.name,
        start: v2.start,
        end: v2.end,
        priority: v2.priority,
        response_time: v2.response_time,
        goal_picture: v2.goal_picture,
        keywords: v2.keywords,
        calloff_routine: v2.calloff_routine,
        order_mailbox: v2.order_mailbox,
        order_templates: v2.order_templates,
        extension_options: v2.extension_options,
        suppliers: v2.suppliers,
        lots: v2.lots,
        penalties: v2.penalties,
        escalation: v2.escalation,
        orderers: v2.orderers,
        project_group: v2.project_group,
        notes: v2.notes,
    };
    let without_history = Agreement {
        history: History::default(),
        ..a
    };
    older(
        "agreement_v1.bin",
        &encoding::encode(agreement::V1, &v1),
        &without_history,
    );
}

#[test]
fn meeting_v1_reads_without_addenda_and_v2_is_written() {
    let m = values::meeting();
    let bytes = current("meeting_v2.bin", &m);
    let v2 = MeetingV2::from(&m);
    let v1 = MeetingV1 {
        id: v2.id,
        agreement: v2.agreement,
        supplier: v2.supplier,
        kind: v2.kind,
        date: v2.date,
        time: v2.time,
        place: v2.place,
        attendees: v2.attendees,
        agenda: v2.agenda,
        minutes: v2.minutes,
        decisions: v2.decisions,
        status: v2.status,
        lesson_lines: v2.lesson_lines,
    };
    let without_addenda = Meeting {
        addenda: Vec::new(),
        ..m
    };
    older(
        "meeting_v1.bin",
        &encoding::encode(meeting::V1, &v1),
        &without_addenda,
    );
    // A version-2 body under a version-1 header is refused, not misread.
    let mut wrong = bytes;
    wrong[..2].copy_from_slice(&meeting::V1.to_le_bytes());
    assert!(meeting::decode(&wrong).is_err());
}

#[test]
fn action_v1() {
    current("action_v1.bin", &values::action());
}

#[test]
fn checklist_v1() {
    let c = Checklist {
        agreement: AgreementId(3),
        items: vec![ChecklistItem {
            section: "Start".into(),
            text: "Informera beställare".into(),
            status: ItemStatus::NotApplicable,
            owner: "Ola Berg".into(),
            due: Some(date!(2026 - 02 - 01)),
            note: "Klart".into(),
        }],
    };
    current("checklist_v1.bin", &c);
}

#[test]
fn requirement_and_check_v1() {
    let r = Requirement {
        id: RequirementId(5),
        agreement: AgreementId(3),
        kind: RequirementKind::ContractTerm,
        text: "Säkerhetsprövning".into(),
        supplier: Some(org("5566778899")),
    };
    current("requirement_v1.bin", &r);
    let c = Check {
        id: CheckId(6),
        requirement: RequirementId(5),
        planned: Some(date!(2026 - 09 - 01)),
        trigger: "Årligen".into(),
        done: Some(date!(2026 - 09 - 03)),
        result: Some(CheckResult::Partly),
        evidence: "Intyg".into(),
        follow_up: FollowUp::NextMeeting,
    };
    current("check_v1.bin", &c);
}

#[test]
fn deviation_purchase_and_decision_v1() {
    let d = ManualDeviation {
        id: DeviationId(8),
        agreement: AgreementId(3),
        calloff: Some("AV-2026-000042".into()),
        supplier: Some(org("5566778899")),
        kind: ManualKind::Quality,
        registered: date!(2026 - 04 - 05),
        description: "Fel kompetens".into(),
        status: DeviationStatus::InProgress,
        measures: "Byte".into(),
        lesson: true,
    };
    current("deviation_v1.bin", &d);
    let p = OutsidePurchase {
        id: PurchaseId(9),
        agreement: AgreementId(3),
        date: date!(2026 - 03 - 03),
        orderer: "Lena Sund".into(),
        supplier: "Annan AB".into(),
        description: "Licenser".into(),
        amount: Money(4_500_050),
        category: "Programvara".into(),
        reason: "Brådskande".into(),
    };
    current("purchase_v1.bin", &p);
    current(
        "decision_v1.bin",
        &CategoryDecision::ComplementaryProcurement,
    );
}

#[test]
fn competition_and_model_v1() {
    current("competition_v1.bin", &values::competition());
    current("model_v1.bin", &values::model());
}
