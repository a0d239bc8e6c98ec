use time::macros::{date, datetime};

use super::*;
use crate::domain::agreement::{PenaltyBasis, PenaltyTrigger};
use crate::domain::calloff::CallOffMethod;
use crate::domain::money::Rate;

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

fn agreement() -> Agreement {
    let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    a.id = AgreementId(7);
    a.penalties = vec![PenaltyTerm {
        trigger: PenaltyTrigger::LateDelivery,
        basis: PenaltyBasis::PerStartedWeek,
        rate: Rate::Percent(500),
        cap: Some(Rate::Percent(1500)),
    }];
    a.escalation = [
        (2, "Avdelningschef"),
        (1, "Avtalsförvaltare"),
        (3, "Direktör"),
    ]
    .into_iter()
    .map(|(level, title)| EscalationLevel {
        level,
        title: title.into(),
        buyer_contact: String::new(),
        description: String::new(),
    })
    .collect();
    a
}

fn calloff(reference: &str, due: Date, delivered: Option<Date>) -> CallOff {
    let mut c = CallOff::new(
        reference,
        AgreementId(7),
        "Lot",
        "Olle",
        CallOffMethod::Ranking,
        datetime!(2026-09-01 09:00),
    );
    c.awarded_supplier = Some(org("556074-3089"));
    c.value = Some(Money(10_000_000));
    c.delivery_due = Some(due);
    c.delivered_at = delivered;
    c
}

#[test]
fn proposals_list_late_and_overdue_calloffs_with_their_arithmetic() {
    let a = agreement();
    let on_time = calloff("A-1", date!(2026 - 10 - 10), Some(date!(2026 - 10 - 09)));
    let late = calloff("A-2", date!(2026 - 10 - 01), Some(date!(2026 - 10 - 09)));
    let overdue = calloff("A-3", date!(2026 - 11 - 01), None);
    let mut other = calloff("B-1", date!(2026 - 10 - 01), None);
    other.agreement = AgreementId(8);
    let got = proposals(
        &a,
        [&overdue, &on_time, &late, &other],
        date!(2026 - 11 - 25),
    );
    let refs: Vec<_> = got.iter().map(|p| p.calloff.as_str()).collect();
    assert_eq!(refs, ["A-2", "A-3"]);
    // 8 days late: 2 started weeks × 5 % of 100 000 kr.
    let b = &got[0].breakdown;
    assert_eq!((b.penalty.delay_days, b.penalty.units), (8, 2));
    assert_eq!(b.penalty.amount, Money(1_000_000));
    // 24 days overdue: 4 weeks × 5 % = 20 %, capped at 15 %.
    assert_eq!(got[1].breakdown.penalty.amount, Money(1_500_000));
    assert_eq!(got[1].breakdown.end, date!(2026 - 11 - 25));
    // No penalty term: nothing to propose.
    let mut bare = a.clone();
    bare.penalties.clear();
    assert!(proposals(&bare, [&late], date!(2026 - 11 - 25)).is_empty());
}

#[test]
fn a_claim_follows_the_computation_only_while_identified() {
    let a = agreement();
    let c = calloff("A-3", date!(2026 - 11 - 01), None);
    let first = &proposals(&a, [&c], date!(2026 - 11 - 05))[0];
    let mut claim = PenaltyClaim::identified(a.id, first, date!(2026 - 11 - 05));
    assert_eq!(claim.amount, Money(500_000));
    let later = &proposals(&a, [&c], date!(2026 - 11 - 12))[0];
    assert!(claim.reidentify(later));
    assert_eq!((claim.amount, claim.units), (Money(1_000_000), 2));
    assert!(!claim.reidentify(later), "nothing new");
    claim.claim(date!(2026 - 11 - 12), "brev-12.pdf").unwrap();
    let much_later = &proposals(&a, [&c], date!(2026 - 11 - 30))[0];
    assert!(!claim.reidentify(much_later));
    assert_eq!(claim.amount, Money(1_000_000), "the claimed amount stands");
}

#[test]
fn claim_statuses_move_only_forward_and_say_why_not() {
    let a = agreement();
    let c = calloff("A-3", date!(2026 - 11 - 01), None);
    let p = &proposals(&a, [&c], date!(2026 - 11 - 05))[0];
    let mut claim = PenaltyClaim::identified(a.id, p, date!(2026 - 11 - 05));
    let d = date!(2026 - 11 - 20);
    assert_eq!(claim.paid(d), Err(ClaimRefusal::NotClaimed));
    assert_eq!(claim.dispute(d, "x"), Err(ClaimRefusal::NotClaimed));
    assert_eq!(claim.claim(d, "  "), Err(ClaimRefusal::LetterRequired));
    claim.claim(d, "brev.pdf").unwrap();
    assert_eq!(claim.claim(d, "igen"), Err(ClaimRefusal::NotIdentified));
    assert_eq!(claim.dispute(d, ""), Err(ClaimRefusal::ReasonRequired));
    claim
        .dispute(d, "Leverantören bestrider förseningen")
        .unwrap();
    claim.paid(date!(2026 - 12 - 01)).unwrap();
    assert_eq!(claim.status.key(), "paid");
    assert_eq!(claim.waive(d, "sent"), Err(ClaimRefusal::Settled));
    let mut other = PenaltyClaim::identified(a.id, p, d);
    assert_eq!(other.waive(d, ""), Err(ClaimRefusal::ReasonRequired));
    other
        .waive(d, "Beställarens ändring orsakade förseningen")
        .unwrap();
    assert_eq!(other.status.date(), Some(d));
}

#[test]
fn damages_are_claimed_only_after_dialogue_and_a_demanded_improvement() {
    let mut case = DamagesCase::new(
        AgreementId(7),
        org("556074-3089"),
        date!(2026 - 10 - 01),
        "Fel i leveransen",
    );
    let d = date!(2026 - 11 - 20);
    let amount = Money(5_000_000);
    assert_eq!(
        case.record_claim(d, amount),
        Err(DamagesRefusal::NoDialogue)
    );
    add_entry(
        &mut case.dialogue,
        LogEntry::new(date!(2026 - 10 - 02), "Möte"),
    );
    assert_eq!(
        case.record_claim(d, amount),
        Err(DamagesRefusal::NoImprovementDemanded)
    );
    case.improvement_demanded = "Byt konsult".into();
    case.improvement_deadline = Some(date!(2026 - 11 - 30));
    assert_eq!(
        case.record_claim(d, amount),
        Err(DamagesRefusal::BeforeDeadline(date!(2026 - 11 - 30)))
    );
    case.record_claim(date!(2026 - 12 - 01), amount).unwrap();
    assert_eq!(case.status, CaseStatus::Acted);
    assert_eq!(
        case.record_claim(date!(2026 - 12 - 02), amount),
        Err(DamagesRefusal::AlreadyClaimed)
    );
}

#[test]
fn log_entries_stay_in_date_order() {
    let mut log = Vec::new();
    add_entry(&mut log, LogEntry::new(date!(2026 - 10 - 05), "b"));
    add_entry(&mut log, LogEntry::new(date!(2026 - 10 - 01), "a"));
    add_entry(&mut log, LogEntry::new(date!(2026 - 10 - 05), "c"));
    let texts: Vec<_> = log.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["a", "b", "c"]);
}

fn step(level: u8, on: Date, skip: &str) -> EscalationStep {
    EscalationStep {
        level,
        sent_to: "Anna".into(),
        sent_on: on,
        what: "Brev".into(),
        response: String::new(),
        skip_reason: skip.into(),
    }
}

#[test]
fn termination_walks_the_levels_in_order() {
    let a = agreement();
    let m = &a.escalation;
    let mut case = TerminationCase::new(a.id, org("556074-3089"), date!(2026 - 10 - 01), "x");
    assert_eq!(case.next_level(m).map(|l| l.level), Some(1));
    assert_eq!(
        case.terminate(m),
        Err(StepRefusal::NotAtLastLevel { last: 3 })
    );
    let d = date!(2026 - 10 - 02);
    assert_eq!(
        case.add_step(m, step(2, d, "")),
        Err(StepRefusal::SkipsLevel { expected: 1 })
    );
    assert_eq!(
        case.add_step(m, step(9, d, "")),
        Err(StepRefusal::UnknownLevel(9))
    );
    let mut silent = step(1, d, "");
    silent.what.clear();
    assert_eq!(case.add_step(m, silent), Err(StepRefusal::NothingSent));
    case.add_step(m, step(1, d, "")).unwrap();
    // A reminder at the same level is fine; going back is not.
    case.add_step(m, step(1, date!(2026 - 10 - 09), ""))
        .unwrap();
    case.add_step(m, step(2, date!(2026 - 10 - 20), ""))
        .unwrap();
    assert_eq!(
        case.add_step(m, step(1, date!(2026 - 10 - 21), "")),
        Err(StepRefusal::Backwards { reached: 2 })
    );
    assert_eq!(
        case.add_step(m, step(3, date!(2026 - 10 - 19), "")),
        Err(StepRefusal::BeforePrevious)
    );
    assert_eq!(case.next_level(m).map(|l| l.level), Some(3));
    case.add_step(m, step(3, date!(2026 - 11 - 01), ""))
        .unwrap();
    assert_eq!(case.next_level(m), None);
    case.terminate(m).unwrap();
    assert_eq!(case.status, CaseStatus::Acted);
    assert_eq!(
        case.add_step(m, step(3, date!(2026 - 11 - 02), "")),
        Err(StepRefusal::Closed)
    );
}

#[test]
fn a_level_is_skipped_only_with_a_reason() {
    let a = agreement();
    let mut case = TerminationCase::new(a.id, org("556074-3089"), date!(2026 - 10 - 01), "x");
    let d = date!(2026 - 10 - 02);
    case.add_step(&a.escalation, step(3, d, "Allvarligt avtalsbrott"))
        .unwrap();
    assert_eq!(case.reached(), Some(3));
    let mut none = a.clone();
    none.escalation.clear();
    let mut other = TerminationCase::new(a.id, org("556074-3089"), d, "x");
    assert_eq!(
        other.add_step(&none.escalation, step(1, d, "")),
        Err(StepRefusal::NoEscalationModel)
    );
}

fn labels() -> SanctionLabels {
    SanctionLabels::from_lookup(|k| k.rsplit('.').next().unwrap_or(k).to_string())
}

#[test]
fn a_case_exports_its_facts_steps_and_log() {
    let a = agreement();
    let mut case = TerminationCase::new(a.id, org("556074-3089"), date!(2026 - 10 - 01), "Grovt");
    case.add_step(&a.escalation, step(1, date!(2026 - 10 - 02), ""))
        .unwrap();
    let mut e = LogEntry::new(date!(2026 - 10 - 02), "Brev | skickat");
    e.attachments = vec!["brev.pdf".into()];
    e.shared_with_supplier = true;
    case.log.push(e);
    case.id = TerminationId(3);
    let md = termination_markdown(&case, &a, "Alfa AB", &labels());
    assert!(md.starts_with("# title_termination H-0003\n"), "{md}");
    assert!(md.contains("- **supplier:** Alfa AB"), "{md}");
    assert!(
        md.contains("| 1 Avtalsförvaltare | 2026-10-02 | Anna | Brev |"),
        "{md}"
    );
    assert!(
        md.contains("| 2026-10-02 | Brev \\| skickat | brev.pdf | yes |  |"),
        "{md}"
    );

    let c = calloff("A-3", date!(2026 - 11 - 01), None);
    let p = &proposals(&a, [&c], date!(2026 - 11 - 05))[0];
    let mut claim = PenaltyClaim::identified(a.id, p, date!(2026 - 11 - 05));
    claim.claim(date!(2026 - 11 - 06), "brev.pdf").unwrap();
    let md = claim_markdown(&claim, &a, "Alfa AB", &labels());
    assert!(md.contains("- **amount:** 5 000,00 kr"), "{md}");
    assert!(md.contains("- **status:** claimed 2026-11-06"), "{md}");
    assert!(md.contains("- **letter:** brev.pdf"), "{md}");

    let dmg = DamagesCase::new(a.id, org("556074-3089"), date!(2026 - 10 - 01), "Fel");
    let md = damages_markdown(&dmg, &a, "Alfa AB", &labels());
    assert!(md.contains("- **breach:** Fel"), "{md}");
    assert!(md.contains("## log\n\nnone"), "{md}");
}
