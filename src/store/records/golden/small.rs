//! Golden bytes of the counters, the supplier statistics, the organisation, the form
//! draft and the audit entries.

use time::macros::{date, datetime};

use crate::domain::AgreementId;
use crate::domain::counts::{Counts, RankingCounts};
use crate::domain::organisation::Organisation;
use crate::domain::supplier_report::{Hours, SupplierMonth};

use super::super::super::aggregates::{DeviationCounts, Late};
use super::super::super::audit::AuditEntry;
use super::super::super::drafts::{DraftField, FormDraft};
use super::calloffs::org;
use super::current;

#[test]
fn counters_v1() {
    let c = Counts {
        requests: 12,
        answered_in_time: 10,
        not_in_time: 2,
        awarded: 5,
        delivered: 4,
        on_time: 3,
        consultants: 7,
        replaced: 1,
        quality_sum: 17,
        quality_count: -4,
    };
    current("counts_v1.bin", &c);
    let r = RankingCounts {
        ranking_calloffs: 300,
        compliant: 290,
        deviations: 10,
    };
    current("ranking_counts_v1.bin", &r);
    let l = Late {
        supplier: "5566778899".into(),
        day: 9_600,
    };
    current("late_v1.bin", &l);
    let d = DeviationCounts {
        awarded: 2,
        passed_over: -1,
    };
    current("deviation_counts_v1.bin", &d);
}

#[test]
fn supplier_month_v1() {
    let m = SupplierMonth {
        agreement: AgreementId(3),
        supplier: org("5566778899"),
        month: date!(2026 - 04 - 01),
        requests: 20,
        answered_in_time: 18,
        consultants: 6,
        replaced_due_to_complaint: 1,
        sick_hours: Hours(1_250),
        scheduled_hours: Hours(96_000),
    };
    current("supplier_month_v1.bin", &m);
}

#[test]
fn organisation_draft_and_audit_v1() {
    let o = Organisation {
        name: "Exempelby kommun".into(),
        contact: "Lena Sund, 08-123 45 67".into(),
    };
    current("organisation_v1.bin", &o);
    let d = FormDraft {
        key: "Agreement(None)".into(),
        title: "Nytt avtal".into(),
        fields: vec![DraftField {
            label: "ui.field.name".into(),
            shown_label: "Namn".into(),
            text: "Städ\nrad två".into(),
            choice: 300,
            shown_value: "Städ".into(),
        }],
        saved_at: datetime!(2026-12-06 20:00:01.25),
    };
    current("draft_v1.bin", &d);
    let e = AuditEntry {
        seq: 1_000,
        at: 1_780_000_000,
        actor: "lena".into(),
        action: "agreement.update".into(),
        subject: "AV-2026-0001".into(),
        record_digest: [7; 32],
        prev_hash: [200; 32],
        hash: [1; 32],
    };
    current("audit_v1.bin", &e);
}
