//! Call-offs and requests in the store: outcomes kept current on write, imports that
//! replace rather than duplicate, the awaited index, delete and restore.

use avtal::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use avtal::domain::ranking::{DeviationKind, RankingOutcome};
use avtal::domain::*;
use avtal::store::Store;
use time::macros::{date, datetime};

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

fn setup() -> (tempfile::TempDir, Store, Agreement) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    a.suppliers = ["5560743089", "2021005448", "2120000142"]
        .iter()
        .map(|o| Supplier {
            org_number: org(o),
            name: o.to_string(),
            contacts: vec![],
        })
        .collect();
    a.lots = vec![Lot {
        name: "Dev".into(),
        ranking: a.suppliers.iter().map(|s| s.org_number.clone()).collect(),
    }];
    let id = store.insert_agreement(&a).unwrap();
    a.id = id;
    (dir, store, a)
}

fn calloff(a: &Agreement, reference: &str, awarded: &str) -> CallOff {
    let mut c = CallOff::new(
        reference,
        a.id,
        "Dev",
        "Olle",
        CallOffMethod::Ranking,
        datetime!(2026-04-01 09:00),
    );
    c.awarded_supplier = Some(org(awarded));
    c
}

fn request(calloff: &str, supplier: &str, answer: Option<Answer>) -> Request {
    Request {
        calloff: calloff.into(),
        supplier: org(supplier),
        sent_at: datetime!(2026-04-01 10:00),
        answered_at: answer.map(|_| datetime!(2026-04-02 10:00)),
        answer,
    }
}

#[test]
fn outcome_follows_requests_and_ranking_changes() {
    let (_d, store, mut a) = setup();
    store
        .import_calloffs(&[calloff(&a, "A-1", "2021005448")])
        .unwrap();
    // Rank 1 never asked.
    let rows = store.calloff_rows(a.id).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(
        matches!(&rows[0].outcome, RankingOutcome::Deviation { kinds, .. } if kinds == &vec![DeviationKind::NotAsked])
    );
    // Rank 1 asked and declined: compliant.
    store
        .import_requests(&[
            request("A-1", "5560743089", Some(Answer::Decline)),
            request("A-1", "2021005448", Some(Answer::Offer)),
        ])
        .unwrap();
    let rows = store.calloff_rows(a.id).unwrap();
    assert_eq!(rows[0].outcome, RankingOutcome::Compliant);
    assert_eq!(rows[0].requests, 2);
    // Importing the same requests again replaces them.
    let again = store
        .import_requests(&[request("A-1", "5560743089", Some(Answer::Decline))])
        .unwrap();
    assert_eq!((again.new, again.updated), (0, 1));
    assert_eq!(store.requests_of("A-1").unwrap().len(), 2);
    // The agreement moves the awarded supplier out of the lot: the row follows.
    a.lots[0].ranking.retain(|o| o != &org("2021005448"));
    store.update_agreement(&a).unwrap();
    let rows = store.calloff_rows(a.id).unwrap();
    assert!(
        matches!(&rows[0].outcome, RankingOutcome::Deviation { kinds, .. } if kinds == &vec![DeviationKind::NotInLot])
    );
}

#[test]
fn calloff_import_is_keyed_by_reference_and_survives_reopening() {
    let (dir, store, a) = setup();
    let first = store
        .import_calloffs(&[
            calloff(&a, "A-1", "5560743089"),
            calloff(&a, "A-2", "5560743089"),
        ])
        .unwrap();
    assert_eq!((first.new, first.updated), (2, 0));
    let mut changed = calloff(&a, "A-1", "5560743089");
    changed.orderer = "Karin".into();
    let second = store
        .import_calloffs(&[changed.clone(), calloff(&a, "A-2", "5560743089")])
        .unwrap();
    assert_eq!((second.new, second.updated), (0, 2));
    drop(store);
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    assert_eq!(store.calloff_rows(a.id).unwrap().len(), 2);
    assert_eq!(store.calloff("A-1").unwrap().unwrap(), changed);
    assert!(store.calloff("A-3").unwrap().is_none());
}

#[test]
fn a_request_for_an_unknown_calloff_is_refused_and_nothing_is_written() {
    let (_d, store, a) = setup();
    store
        .import_calloffs(&[calloff(&a, "A-1", "5560743089")])
        .unwrap();
    let err = store.import_requests(&[
        request("A-1", "5560743089", None),
        request("X-9", "5560743089", None),
    ]);
    assert!(err.is_err());
    assert!(store.requests_of("A-1").unwrap().is_empty());
    assert!(store.awaited().unwrap().is_empty());
}

#[test]
fn unanswered_requests_are_awaited_until_answered_or_awarded() {
    let (_d, store, a) = setup();
    let mut open = calloff(&a, "A-1", "5560743089");
    open.awarded_supplier = None;
    store.import_calloffs(&[open.clone()]).unwrap();
    store
        .import_requests(&[request("A-1", "5560743089", None)])
        .unwrap();
    let awaited = store.awaited().unwrap();
    assert_eq!(awaited.len(), 1);
    // 2 working days after Wednesday 2026-04-01: Thursday 04-02, then Good Friday and
    // Easter Monday do not count, so Tuesday 04-07.
    assert_eq!(awaited[0].deadline, datetime!(2026-04-07 23:59:59));
    store
        .save_request(&request("A-1", "5560743089", Some(Answer::Offer)))
        .unwrap();
    assert!(store.awaited().unwrap().is_empty());
    // Another unanswered request waits until the call-off is awarded.
    let mut second = request("A-1", "2021005448", None);
    second.sent_at = datetime!(2026-04-01 11:00);
    store.save_request(&second).unwrap();
    assert_eq!(store.awaited().unwrap().len(), 1);
    open.awarded_supplier = Some(org("5560743089"));
    store.save_calloff(&open).unwrap();
    assert!(store.awaited().unwrap().is_empty());
}

#[test]
fn delete_and_restore_a_calloff_with_its_requests() {
    let (_d, store, a) = setup();
    let mut open = calloff(&a, "A-1", "5560743089");
    open.awarded_supplier = None;
    store.import_calloffs(&[open]).unwrap();
    store
        .import_requests(&[request("A-1", "5560743089", None)])
        .unwrap();
    let (c, reqs) = store.delete_calloff("A-1").unwrap();
    assert!(store.calloff("A-1").unwrap().is_none());
    assert!(store.requests_of("A-1").unwrap().is_empty());
    assert!(store.awaited().unwrap().is_empty());
    store.restore_calloff(&c, &reqs).unwrap();
    assert_eq!(store.requests_of("A-1").unwrap().len(), 1);
    assert_eq!(store.awaited().unwrap().len(), 1);
    assert_eq!(store.calloff_rows(a.id).unwrap()[0].requests, 1);
}
