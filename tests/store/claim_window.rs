//! Penalty claims read as a window: the count kept on write equals the claims, its
//! generation moves when a claim is added or removed and only then, and stepping through
//! the claims by reference lands where the full list says.

use crate::common;

use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::sanction::PenaltyClaim;
use avtal::domain::*;
use avtal::store::{ClaimStep, Store};
use common::{it_agreement, org};
use time::Duration;
use time::macros::{date, datetime};

fn late(id: AgreementId, n: u32) -> CallOff {
    let mut c = CallOff::new(
        &format!("AV-{n:03}"),
        id,
        "Systemutveckling",
        "Olle",
        CallOffMethod::Ranking,
        datetime!(2026-08-01 09:00),
    );
    c.awarded_supplier = Some(org("202100-5448"));
    c.value = Some(Money(1_000_000));
    c.delivery_due = Some(date!(2026 - 09 - 01) + Duration::days(i64::from(n % 30)));
    c
}

fn refs(claims: &[PenaltyClaim]) -> Vec<String> {
    claims.iter().map(|c| c.calloff.clone()).collect()
}

#[test]
fn counts_generations_and_steps_follow_the_claims() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("w.redb")).unwrap();
    let id = store.insert_agreement(&it_agreement()).unwrap();
    let other = store
        .insert_agreement(&common::small_agreement(
            "X-1",
            "Annat",
            date!(2028 - 01 - 01),
            Priority::Class2,
        ))
        .unwrap();
    assert_eq!(store.claim_count(id).unwrap().count, 0);
    let calloffs: Vec<CallOff> = (0..50).rev().map(|n| late(id, n * 2)).collect();
    store.import_calloffs(&calloffs).unwrap();
    store
        .sync_penalty_claims(id, date!(2026 - 11 - 25))
        .unwrap();
    let all = store.penalty_claims(Some(id)).unwrap();
    assert_eq!(all.len(), 50);
    let count = store.claim_count(id).unwrap();
    assert_eq!(count.count, 50);
    assert_eq!(store.claim_count(other).unwrap().count, 0);
    let r = refs(&all);

    // Steps from either end and from a reference, forward and back.
    let step = |s| store.claim_reference(id, s).unwrap().unwrap();
    assert_eq!(step(ClaimStep::FromFirst(0)), r[0]);
    assert_eq!(step(ClaimStep::FromFirst(17)), r[17]);
    assert_eq!(
        step(ClaimStep::FromFirst(500)),
        r[49],
        "the farthest there is"
    );
    assert_eq!(step(ClaimStep::FromLast(0)), r[49]);
    assert_eq!(step(ClaimStep::FromLast(3)), r[46]);
    assert_eq!(step(ClaimStep::Forward(&r[10], 0)), r[10]);
    assert_eq!(step(ClaimStep::Forward(&r[10], 7)), r[17]);
    assert_eq!(step(ClaimStep::Back(&r[10], 1)), r[9]);
    assert_eq!(step(ClaimStep::Back(&r[10], 7)), r[3]);
    assert_eq!(step(ClaimStep::Back(&r[10], 70)), r[0]);
    // A reference between two claims: forward from it is the next one.
    assert_eq!(step(ClaimStep::Forward("AV-011", 0)), "AV-012");
    assert_eq!(store.claim_rank(id, &r[23]).unwrap(), 23);
    assert_eq!(store.claim_rank(id, "AV-011").unwrap(), 6);

    let (around, before) = store.claims_around(id, &r[2], 8, 9).unwrap();
    assert_eq!(before, 2);
    assert_eq!(around[..], all[..11]);
    let (around, before) = store.claims_around(id, &r[45], 8, 9).unwrap();
    assert_eq!(before, 8);
    assert_eq!(around[..], all[37..]);
    let rows = store
        .calloff_rows_named(id, ["AV-004", "AV-005", "AV-006"])
        .unwrap();
    let named: Vec<&str> = rows.iter().map(|r| r.calloff.reference.as_str()).collect();
    assert_eq!(named, ["AV-004", "AV-006"]);

    // A changed claim keeps the generation; a claim removed and put back moves it.
    let mut c = all[5].clone();
    c.claim(date!(2026 - 11 - 25), "krav.pdf").unwrap();
    store.save_claim(&c).unwrap();
    assert_eq!(store.claim_count(id).unwrap(), count);
    let old = store.delete_claim(id, &r[5]).unwrap();
    let less = store.claim_count(id).unwrap();
    assert_eq!(less.count, 49);
    assert_ne!(less.generation, count.generation);
    store.save_claim(&old).unwrap();
    let back = store.claim_count(id).unwrap();
    assert_eq!(back.count, 50);
    assert_ne!(back.generation, less.generation);
    // New claims move it too, and the count stays that of the claims, across a reopen.
    store.import_calloffs(&[late(id, 1), late(id, 3)]).unwrap();
    store
        .sync_penalty_claims(id, date!(2026 - 11 - 26))
        .unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("w.redb")).unwrap();
    let now = store.claim_count(id).unwrap();
    assert_eq!(now.count, 52);
    assert_eq!(
        now.count as usize,
        store.penalty_claims(Some(id)).unwrap().len()
    );
    assert_ne!(now.generation, back.generation);
}
