//! Invoice samples (issue 16) through the store: drawn, stored under the next number,
//! checked, listed after a reopen, deleted and put back, each change in the audit log.

use avtal::domain::spend::sample::{Candidate, InvoiceSample, SampleResult, draw};
use avtal::domain::*;
use avtal::store::Store;
use time::macros::date;

fn sample(agreement: u64) -> InvoiceSample {
    let candidates: Vec<Candidate> = (1..=5)
        .map(|n| Candidate {
            supplier: OrgNumber::parse("5566778899").unwrap(),
            supplier_name: "Konsult AB".into(),
            invoice: format!("F-{n}"),
            date: date!(2026 - 03 - 01),
            amount: Money(10_000 * n),
        })
        .collect();
    InvoiceSample {
        agreement: AgreementId(agreement),
        number: 0,
        drawn_on: date!(2026 - 12 - 07),
        from: date!(2025 - 12 - 08),
        to: date!(2026 - 12 - 07),
        per_supplier: 2,
        seed: 1234,
        items: draw(&candidates, 2, 1234),
    }
}

#[test]
fn a_sample_is_stored_checked_listed_deleted_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    let store = Store::open(&path).unwrap();
    let first = store.insert_sample(&sample(1)).unwrap();
    let second = store.insert_sample(&sample(1)).unwrap();
    let other = store.insert_sample(&sample(2)).unwrap();
    assert_eq!((first.number, second.number, other.number), (1, 2, 1));
    assert_eq!(first.items.len(), 2);

    let before = store
        .check_sample_item(
            AgreementId(1),
            2,
            1,
            SampleResult::Incorrect,
            "  Timpris över avtalat ",
            date!(2026 - 12 - 08),
        )
        .unwrap();
    assert_eq!(before, second);
    assert!(
        store
            .check_sample_item(
                AgreementId(1),
                2,
                9,
                SampleResult::Correct,
                "",
                date!(2026 - 12 - 08)
            )
            .is_err()
    );
    drop(store);

    let store = Store::open(&path).unwrap();
    let listed = store.samples(AgreementId(1)).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], first);
    let item = &listed[1].items[1];
    assert_eq!(item.result, SampleResult::Incorrect);
    assert_eq!(item.note, "Timpris över avtalat");
    assert_eq!(item.checked_on, Some(date!(2026 - 12 - 08)));
    assert_eq!(listed[1].outcome().checked, 1);
    assert_eq!(store.samples(AgreementId(2)).unwrap(), vec![other]);

    // Undo of a check puts the sample back as it was; a deletion returns the sample.
    store.restore_sample(&before).unwrap();
    assert_eq!(store.samples(AgreementId(1)).unwrap()[1], second);
    let gone = store.delete_sample(AgreementId(1), 2).unwrap();
    assert_eq!(gone, second);
    assert_eq!(store.samples(AgreementId(1)).unwrap(), vec![first]);
    assert!(store.delete_sample(AgreementId(1), 2).is_err());
    store.restore_sample(&gone).unwrap();
    assert_eq!(store.samples(AgreementId(1)).unwrap().len(), 2);

    let actions: Vec<String> = store
        .audit_entries()
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("sample."))
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    assert_eq!(
        actions,
        [
            "sample.create #1/1",
            "sample.create #1/2",
            "sample.create #2/1",
            "sample.check #1/2",
            "sample.restore #1/2",
            "sample.delete #1/2",
            "sample.restore #1/2",
        ]
    );
}
