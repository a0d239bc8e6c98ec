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
    assert_eq!(id, AgreementId(1), "request() names agreement #1");
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

/// A request of call-off `calloff` of the agreement `setup` makes (the first stored, #1).
fn request(calloff: &str, supplier: &str, answer: Option<Answer>) -> Request {
    Request {
        agreement: AgreementId(1),
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
    assert_eq!(store.requests_of(a.id, "A-1").unwrap().len(), 2);
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
    assert_eq!(store.calloff(a.id, "A-1").unwrap().unwrap(), changed);
    assert!(store.calloff(a.id, "A-3").unwrap().is_none());
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
    assert!(store.requests_of(a.id, "A-1").unwrap().is_empty());
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
    let (c, reqs) = store.delete_calloff(a.id, "A-1").unwrap();
    assert!(store.calloff(a.id, "A-1").unwrap().is_none());
    assert!(store.requests_of(a.id, "A-1").unwrap().is_empty());
    assert!(store.awaited().unwrap().is_empty());
    store.restore_calloff(&c, &reqs).unwrap();
    assert_eq!(store.requests_of(a.id, "A-1").unwrap().len(), 1);
    assert_eq!(store.awaited().unwrap().len(), 1);
    assert_eq!(store.calloff_rows(a.id).unwrap()[0].requests, 1);
}

/// The compact index says what the rows say, in the list's order (newest first).
fn assert_index_in_step(store: &Store, a: &Agreement) {
    let mut rows = store.calloff_rows(a.id).unwrap();
    rows.sort_by(|x, y| {
        let (x, y) = (&x.calloff, &y.calloff);
        (y.requested_at, &y.reference).cmp(&(x.requested_at, &x.reference))
    });
    let index = store.calloff_index(a.id).unwrap();
    let got: Vec<_> = index
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                index.reference(i).to_string(),
                e.outcome,
                e.motivated(),
                e.method(),
                e.supplier,
                e.lot,
                index.orderer_name(i).to_string(),
                e.delivery_due(),
            )
        })
        .collect();
    let want: Vec<_> = rows
        .iter()
        .map(|r| {
            let c = &r.calloff;
            let (outcome, motivated) = match &r.outcome {
                RankingOutcome::NotAssessed => (0, false),
                RankingOutcome::Compliant => (1, false),
                RankingOutcome::Deviation { motivated, .. } => (2, *motivated),
            };
            (
                c.reference.clone(),
                outcome,
                motivated,
                c.method,
                c.awarded_supplier
                    .as_ref()
                    .map(|o| o.digits().parse::<u64>().unwrap())
                    .unwrap_or(u64::MAX),
                avtal::store::lot_key(&c.lot),
                c.orderer.clone(),
                c.delivery_due,
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn the_compact_index_stays_in_step_with_the_rows() {
    let (_d, store, mut a) = setup();
    let mut b = calloff(&a, "A-2", "5560743089");
    b.requested_at = datetime!(2026-05-01 09:00);
    b.orderer = "Kajsa".into();
    b.delivery_due = Some(date!(2026 - 06 - 01));
    store
        .import_calloffs(&[calloff(&a, "A-1", "2021005448"), b.clone()])
        .unwrap();
    assert_index_in_step(&store, &a);
    assert_eq!(store.calloff_index(a.id).unwrap().len(), 2);
    // Requests change outcomes.
    store
        .import_requests(&[
            request("A-1", "5560743089", Some(Answer::Decline)),
            request("A-1", "2021005448", Some(Answer::Offer)),
        ])
        .unwrap();
    assert_index_in_step(&store, &a);
    // A save that moves the request time moves the entry (no stale key left behind).
    b.requested_at = datetime!(2026-03-01 09:00);
    b.deviation_reason = Some("Brådskande".into());
    b.method = CallOffMethod::Competition;
    store.save_calloff(&b).unwrap();
    assert_index_in_step(&store, &a);
    // Deleting one request and a call-off.
    store
        .delete_request(&request("A-1", "5560743089", Some(Answer::Decline)))
        .unwrap();
    assert_index_in_step(&store, &a);
    // The agreement's ranking changes: outcomes follow.
    a.lots[0].ranking.retain(|o| o != &org("2021005448"));
    store.update_agreement(&a).unwrap();
    assert_index_in_step(&store, &a);
    let (c, requests) = store.delete_calloff(a.id, "A-1").unwrap();
    assert_index_in_step(&store, &a);
    assert_eq!(store.calloff_index(a.id).unwrap().len(), 1);
    store.restore_calloff(&c, &requests).unwrap();
    assert_index_in_step(&store, &a);
    // The same reference saved under another agreement is that agreement's own call-off:
    // this agreement's stays, in its index and with its requests.
    let mut other = a.clone();
    other.reference = "UH-2".into();
    let other_id = store.insert_agreement(&other).unwrap();
    other.id = other_id;
    let mut same_reference = b.clone();
    same_reference.agreement = other_id;
    store.save_calloff(&same_reference).unwrap();
    assert_index_in_step(&store, &a);
    assert_index_in_step(&store, &other);
    assert_eq!(store.calloff_index(a.id).unwrap().len(), 2);
    assert_eq!(store.calloff_index(other_id).unwrap().len(), 1);
    assert_eq!(store.calloff(a.id, &b.reference).unwrap(), Some(b.clone()));
}

/// The agreement re-imported (as `avtal import agreement` does) with another ranking: the
/// change applies from its day; a call-off requested before keeps its outcome, one
/// requested after is judged by the new ranking.
#[test]
fn a_reimported_ranking_applies_from_the_day_of_the_import() {
    let (_d, store, a) = setup();
    // Rank 2 awarded after rank 1 declined: compliant.
    store
        .import_calloffs(&[calloff(&a, "A-1", "2021005448")])
        .unwrap();
    store
        .import_requests(&[request("A-1", "5560743089", Some(Answer::Decline))])
        .unwrap();
    let mut changed = a.clone();
    changed.lots[0].ranking = vec![org("2120000142"), org("2021005448"), org("5560743089")];
    store
        .import_agreements_on(&[changed], date!(2026 - 06 - 01))
        .unwrap();
    assert_eq!(
        store.calloff_rows(a.id).unwrap()[0].outcome,
        RankingOutcome::Compliant
    );
    // Requested after the change with the same requests: the new rank 1 was never asked.
    let mut later = calloff(&a, "A-2", "2021005448");
    later.requested_at = datetime!(2026-07-01 09:00);
    store.import_calloffs(&[later]).unwrap();
    let mut r = request("A-2", "5560743089", Some(Answer::Decline));
    r.sent_at = datetime!(2026-07-01 10:00);
    r.answered_at = Some(datetime!(2026-07-01 11:00));
    store.import_requests(&[r]).unwrap();
    let rows = store.calloff_rows(a.id).unwrap();
    assert!(
        matches!(&rows[1].outcome, RankingOutcome::Deviation { kinds, .. } if kinds == &vec![DeviationKind::NotAsked]),
        "{:?}",
        rows[1].outcome
    );
    let stored = store.agreement(a.id).unwrap().unwrap();
    assert_eq!(stored.history.rankings.len(), 1);
    assert_eq!(stored.history.rankings[0].until, date!(2026 - 06 - 01));
}
