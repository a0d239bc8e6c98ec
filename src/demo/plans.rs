//! The demo's implementation checklist and follow-up plan for the IT-consulting agreement
//! (DESIGN §1.2, §1.11). Pure and deterministic, dated from the agreement's start and
//! `today` so that the agenda always has an overdue item and something coming up.

use time::Date;

use super::day;
use crate::domain::checklist::{Checklist, ItemStatus, TEMPLATE_SV, from_template};
use crate::domain::followup::{
    Check, CheckResult, FollowUp, Requirement, RequirementId, RequirementKind,
};
use crate::domain::{Agreement, OrgNumber};

/// The Swedish template applied to `a`: everything done in the first months by the
/// project group, except three: the statistics to agree with the suppliers (the last item,
/// overdue), the follow-up plan (next to last) and passing on the escalation contacts (the
/// last of the contract-day section), both due ahead; and the
/// direct-award item, set aside. None only if the built-in template stopped parsing, which
/// a test rules out.
pub fn checklist(a: &Agreement, today: Date) -> Option<Checklist> {
    let mut c = from_template(TEMPLATE_SV, a.id).ok()?;
    let owners = ["Maria Lindqvist", "Sofia Nyström", "Ahmed Karimi"];
    let n = c.items.len();
    for (i, item) in c.items.iter_mut().enumerate() {
        item.owner = owners[i % owners.len()].to_string();
        // One item a week from the start: the first quarter of work.
        item.due = Some(day(a.start, 7 * (i as i64 + 1)));
        item.status = ItemStatus::Done;
        if item.text.contains("direktupphandling") {
            item.status = ItemStatus::NotApplicable;
            item.note = "Direktupphandling av IT-konsulter är inte aktuell: avtalet täcker \
                behovet."
                .to_string();
        }
    }
    let open = [
        (
            1,
            ItemStatus::InProgress,
            -12,
            "Två av fem leverantörer har svarat.",
        ),
        (2, ItemStatus::Todo, 14, ""),
        (
            5,
            ItemStatus::Todo,
            30,
            "Väntar på leverantörernas nya eskaleringskontakter.",
        ),
    ];
    for (from_end, status, due, note) in open {
        // Counted from the end so the template may grow at the top; guarded for a short one.
        let Some(item) = n.checked_sub(from_end).and_then(|i| c.items.get_mut(i)) else {
            continue;
        };
        item.status = status;
        item.due = Some(day(today, due));
        item.note = note.to_string();
    }
    Some(c)
}

/// A requirement with its checks, both unsaved (ids 0; the checks name their requirement
/// once it has its id).
pub type PlannedRequirement = (Requirement, Vec<Check>);

/// Four requirements with their checks: insurance and tax (met), the tender's promise of
/// experienced consultants (not met at a sample, a deviation followed), response times
/// (partly met, a point for the next meeting, the next check ahead) and the quarterly
/// statistics (the next check ahead, one done after a late report).
pub fn followup(a: &Agreement, today: Date) -> Vec<PlannedRequirement> {
    let rank1 = a.lots.first().and_then(|l| l.ranking.first()).cloned();
    let req = |kind, text: &str, supplier: Option<OrgNumber>| Requirement {
        id: RequirementId::default(),
        agreement: a.id,
        kind,
        text: text.to_string(),
        supplier,
    };
    let done = |planned: Date, result, evidence: &str, follow_up| Check {
        done: Some(planned),
        result: Some(result),
        evidence: evidence.to_string(),
        follow_up,
        ..Check::planned(RequirementId::default(), planned)
    };
    let mut after_complaint = Check::on_event(RequirementId::default(), "Efter reklamation");
    after_complaint.done = Some(day(today, -70));
    after_complaint.result = Some(CheckResult::Met);
    after_complaint.evidence = "Ersättarens CV stämd mot avropets krav.".to_string();
    vec![
        (
            req(
                RequirementKind::OnSupplier,
                "Leverantören har gällande ansvarsförsäkring och är registrerad för F-skatt.",
                None,
            ),
            vec![
                done(
                    day(a.start, 30),
                    CheckResult::Met,
                    "Försäkringsbrev och registreringsbevis från Skatteverket.",
                    FollowUp::None,
                ),
                done(
                    day(a.start, 395),
                    CheckResult::Met,
                    "Kontroll i Skatteverkets tjänst för offentliga aktörer.",
                    FollowUp::None,
                ),
            ],
        ),
        (
            req(
                RequirementKind::TenderPromise,
                "Offererade seniora konsulter har minst fem års erfarenhet av rollen \
                 (utvärderat som mervärde i anbudet).",
                rank1.clone(),
            ),
            vec![
                done(
                    day(today, -60),
                    CheckResult::NotMet,
                    "Stickprov av fem avrop: två konsulter hade tre års erfarenhet.",
                    FollowUp::Deviation,
                ),
                after_complaint,
            ],
        ),
        (
            req(
                RequirementKind::OnService,
                "Avropsförfrågningar besvaras inom två arbetsdagar i minst 95 % av fallen.",
                None,
            ),
            vec![
                done(
                    day(today, -45),
                    CheckResult::Partly,
                    "Kvartalets förfrågningar: 94 % besvarade i tid.",
                    FollowUp::NextMeeting,
                ),
                Check::planned(RequirementId::default(), day(today, 45)),
            ],
        ),
        (
            req(
                RequirementKind::ContractTerm,
                "Statistik rapporteras senast den 15:e månaden efter varje kvartal.",
                rank1,
            ),
            vec![
                done(
                    day(today, -100),
                    CheckResult::Met,
                    "Rapporten kom två dagar sent men var fullständig.",
                    FollowUp::None,
                ),
                Check::planned(RequirementId::default(), day(today, 20)),
            ],
        ),
    ]
}
