//! Sanctions in the store: penalty claims recorded from the §4 arithmetic and never twice,
//! damages and termination cases round-tripped (also after reopening the file), each
//! change one audited transaction.

use crate::common;

use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::sanction::*;
use avtal::domain::*;
use avtal::store::{Store, SyncCount};
use common::{it_agreement, org};
use time::macros::{date, datetime};

/// The IT agreement (5 % per started week, capped at 15 %) with one call-off delivered 8
/// days late, one overdue and undelivered, and one on time.
fn setup() -> (tempfile::TempDir, Store, AgreementId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let id = store.insert_agreement(&it_agreement()).unwrap();
    let mk = |r: &str, due, delivered| {
        let mut c = CallOff::new(
            r,
            id,
            "Systemutveckling",
            "Olle",
            CallOffMethod::Ranking,
            datetime!(2026-09-01 09:00),
        );
        c.awarded_supplier = Some(org("556074-3089"));
        c.value = Some(Money(10_000_000));
        c.delivery_due = Some(due);
        c.delivered_at = delivered;
        c
    };
    store
        .import_calloffs(&[
            mk("AV-10", date!(2026 - 10 - 01), Some(date!(2026 - 10 - 09))),
            mk("AV-11", date!(2026 - 11 - 10), None),
            mk("AV-12", date!(2026 - 11 - 10), Some(date!(2026 - 11 - 10))),
        ])
        .unwrap();
    (dir, store, id)
}

fn audit_len(store: &Store) -> usize {
    store.audit_entries().unwrap().len()
}

#[test]
fn sync_identifies_each_breach_once_and_follows_the_amount_until_claimed() {
    let (dir, store, id) = setup();
    let n = store
        .sync_penalty_claims(id, date!(2026 - 11 - 12))
        .unwrap();
    assert_eq!(n, SyncCount { new: 2, updated: 0 });
    let claims = store.penalty_claims(Some(id)).unwrap();
    let refs: Vec<_> = claims.iter().map(|c| c.calloff.as_str()).collect();
    assert_eq!(refs, ["AV-10", "AV-11"]);
    assert_eq!(claims[1].amount, Money(500_000));
    assert_eq!(claims[0].id, ClaimId(1));

    // Again the same day: nothing new, nothing written (no audit entry either).
    let before = audit_len(&store);
    let n = store
        .sync_penalty_claims(id, date!(2026 - 11 - 12))
        .unwrap();
    assert_eq!(n, SyncCount::default());
    assert_eq!(audit_len(&store), before);

    // A week on, the overdue call-off's penalty grows while it is only identified.
    let n = store
        .sync_penalty_claims(id, date!(2026 - 11 - 18))
        .unwrap();
    assert_eq!(n, SyncCount { new: 0, updated: 1 });
    let mut c = store.penalty_claims(Some(id)).unwrap().remove(1);
    assert_eq!(c.amount, Money(1_000_000));
    c.claim(date!(2026 - 11 - 18), "krav-AV-11.pdf").unwrap();
    store.save_claim(&c).unwrap();
    // Claimed: later syncs leave it be.
    let n = store
        .sync_penalty_claims(id, date!(2026 - 12 - 20))
        .unwrap();
    assert_eq!(n, SyncCount::default());
    drop(store);

    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let all = store.penalty_claims(None).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].amount, Money(1_000_000));
    assert_eq!(all[1].status.key(), "claimed");
    assert!(store.verify_audit().unwrap().is_intact());
    // Removed and put back (undo), under its key.
    let gone = store.delete_claim(id, "AV-11").unwrap();
    assert_eq!(store.penalty_claims(Some(id)).unwrap().len(), 1);
    store.save_claim(&gone).unwrap();
    assert_eq!(store.penalty_claims(Some(id)).unwrap()[1], gone);
}

#[test]
fn damages_and_termination_cases_round_trip_with_fresh_ids() {
    let (dir, store, id) = setup();
    let mut d = DamagesCase::new(id, org("556074-3089"), date!(2026 - 10 - 01), "Fel");
    d.dialogue
        .push(LogEntry::new(date!(2026 - 10 - 02), "Möte"));
    let d = store.insert_damages(&d).unwrap();
    assert_eq!(d.id, DamagesId(1));
    let t = TerminationCase::new(id, org("556074-3089"), date!(2026 - 10 - 01), "Grovt");
    let t = store.insert_termination(&t).unwrap();
    assert_eq!(t.id, TerminationId(1));
    let mut t2 = t.clone();
    t2.grounds = "Upprepade brott".into();
    store.save_termination(&t2).unwrap();
    let gone = store.delete_damages(d.id).unwrap();
    assert_eq!(gone, d);
    // Ids are never reused, so an undo cannot collide with a new case.
    let again = store.insert_damages(&d).unwrap();
    assert_eq!(again.id, DamagesId(2));
    store.save_damages(&gone).unwrap();
    drop(store);

    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let ids: Vec<_> = store
        .damages_cases(Some(id))
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, [DamagesId(1), DamagesId(2)]);
    assert_eq!(store.damages_cases(None).unwrap()[0].dialogue.len(), 1);
    assert_eq!(store.termination_cases(Some(id)).unwrap(), vec![t2.clone()]);
    assert!(
        store
            .termination_cases(Some(AgreementId(99)))
            .unwrap()
            .is_empty()
    );
    assert!(store.delete_termination(TerminationId(5)).is_err());
    assert!(store.verify_audit().unwrap().is_intact());
}
