//! Issue 7: the report before the next procurement reads ranking deviations and penalty
//! claims per supplier from counts kept on write. After every kind of change — imports,
//! awards changed, a call-off deleted and put back, the ranking changed, claims
//! identified, claimed, paid, given a lesson and deleted — the counts equal counting every
//! row and claim again, and a file written before the counts existed gets them on open.

use crate::common;

use std::collections::BTreeMap;

use avtal::domain::ranking::RankingOutcome;
use avtal::domain::sanction::{ClaimStatus, LogEntry};
use avtal::domain::{Agreement, Money};
use avtal::store::{DeviationCounts, Store, SupplierClaims};
use time::PrimitiveDateTime;
use time::macros::{date, datetime};

const NOW: PrimitiveDateTime = datetime!(2026-11-25 09:30);

/// Deviations per supplier digits, counted from every call-off row as the report once did.
fn deviations_counted(store: &Store, a: &Agreement) -> BTreeMap<String, DeviationCounts> {
    let mut out: BTreeMap<String, DeviationCounts> = BTreeMap::new();
    for row in store.calloff_rows(a.id).unwrap() {
        let RankingOutcome::Deviation { suppliers, .. } = &row.outcome else {
            continue;
        };
        let awarded = row.calloff.awarded_supplier.as_ref();
        if let Some(s) = awarded {
            out.entry(s.digits().to_string()).or_default().awarded += 1;
        }
        for s in suppliers.iter().filter(|s| Some(*s) != awarded) {
            out.entry(s.digits().to_string()).or_default().passed_over += 1;
        }
    }
    out
}

/// Claims per supplier and the references of claims with a lesson, from every claim.
fn claims_counted(store: &Store, a: &Agreement) -> (Vec<SupplierClaims>, Vec<String>) {
    let mut by: BTreeMap<String, (u64, i64)> = BTreeMap::new();
    let mut lessons = Vec::new();
    for c in store.penalty_claims(Some(a.id)).unwrap() {
        let e = by.entry(c.supplier.digits().to_string()).or_default();
        e.0 += 1;
        if matches!(
            c.status,
            ClaimStatus::Claimed { .. } | ClaimStatus::Paid { .. }
        ) {
            e.1 += c.amount.0;
        }
        if c.log.iter().any(|l| l.lesson) {
            lessons.push(c.calloff.clone());
        }
    }
    let by = by
        .into_iter()
        .map(|(supplier, (count, sum))| SupplierClaims {
            supplier,
            count,
            claimed: Money(sum),
        })
        .collect();
    (by, lessons)
}

fn assert_counts_hold(store: &Store, a: &Agreement, when: &str) {
    let kept: BTreeMap<String, DeviationCounts> = store
        .deviations_by_supplier(a.id)
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(kept, deviations_counted(store, a), "deviations {when}");
    let (by, lessons) = claims_counted(store, a);
    assert_eq!(store.claims_by_supplier(a.id).unwrap(), by, "claims {when}");
    let kept_lessons: Vec<String> = store
        .claims_with_lessons(a.id)
        .unwrap()
        .into_iter()
        .map(|c| c.calloff)
        .collect();
    assert_eq!(kept_lessons, lessons, "lessons {when}");
}

#[test]
fn the_counts_kept_on_write_equal_counting_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counts.redb");
    let (store, a, calloffs) = common::demo_store(&path, 3000);
    assert!(
        deviations_counted(&store, &a)
            .values()
            .any(|c| c.awarded > 0),
        "the demo has ranking deviations"
    );
    assert_counts_hold(&store, &a, "after the import");

    // Awards changed by a second import: outcomes move between suppliers.
    let mut changed = calloffs.clone();
    for c in changed.iter_mut().step_by(5) {
        c.awarded_supplier = match c.awarded_supplier {
            Some(_) => None,
            None => Some(a.suppliers[1].org_number.clone()),
        };
    }
    store.import_calloffs(&changed).unwrap();
    assert_counts_hold(&store, &a, "after changed awards");

    // One call-off at a time: saved, deleted and put back.
    let mut one = changed[11].clone();
    one.awarded_supplier = Some(a.suppliers[2].org_number.clone());
    store.save_calloff(&one).unwrap();
    let (gone, its_requests) = store
        .delete_calloff(changed[12].agreement, &changed[12].reference)
        .unwrap();
    assert_counts_hold(&store, &a, "after a save and a delete");
    store.restore_calloff(&gone, &its_requests).unwrap();
    assert_counts_hold(&store, &a, "after putting it back");

    // The ranking turned around: every outcome of the agreement assessed again.
    let mut turned = store.agreement(a.id).unwrap().unwrap();
    for lot in &mut turned.lots {
        lot.ranking.reverse();
    }
    store.update_agreement(&turned).unwrap();
    assert_counts_hold(&store, &turned, "after the ranking changed");

    // Penalties identified, then claimed, paid, given a lesson, one deleted.
    store.sync_penalty_claims(a.id, NOW.date()).unwrap();
    let claims = store.penalty_claims(Some(a.id)).unwrap();
    assert!(claims.len() > 10, "the demo has late deliveries");
    assert_counts_hold(&store, &turned, "after the penalty sync");
    for (i, mut c) in claims.iter().cloned().enumerate().take(10) {
        c.status = match i % 3 {
            0 => ClaimStatus::Claimed {
                date: date!(2026 - 11 - 26),
                letter: "Brev".into(),
            },
            1 => ClaimStatus::Paid {
                date: date!(2026 - 11 - 27),
            },
            _ => ClaimStatus::Waived {
                date: date!(2026 - 11 - 27),
                reason: "Liten".into(),
            },
        };
        let mut entry = LogEntry::new(date!(2026 - 11 - 26), "Svar från leverantören");
        entry.lesson = i % 2 == 0;
        c.log.push(entry);
        store.save_claim(&c).unwrap();
    }
    assert_counts_hold(&store, &turned, "after claims changed");
    let mut unlearned = store.penalty_claims(Some(a.id)).unwrap()[0].clone();
    for e in &mut unlearned.log {
        e.lesson = false;
    }
    store.save_claim(&unlearned).unwrap();
    store.delete_claim(a.id, &claims[2].calloff).unwrap();
    assert_counts_hold(&store, &turned, "after a lesson taken back and a delete");
    let expected = store.deviations_by_supplier(a.id).unwrap();
    let expected_claims = store.claims_by_supplier(a.id).unwrap();
    drop(store);

    // A file from before the counts: flags and tables gone, built again on open.
    {
        let db = redb::Database::open(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
            let mut meta = txn.open_table(meta).unwrap();
            meta.remove("deviation_suppliers_v1").unwrap();
            meta.remove("claim_report_built").unwrap();
        }
        for table in [
            "agg_deviation_suppliers",
            "claim_suppliers",
            "claim_lessons",
        ] {
            let def: redb::TableDefinition<(u64, &str), &[u8]> = redb::TableDefinition::new(table);
            txn.delete_table(def).unwrap();
        }
        txn.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.deviations_by_supplier(a.id).unwrap(), expected);
    assert_eq!(store.claims_by_supplier(a.id).unwrap(), expected_claims);
    assert_counts_hold(&store, &turned, "after building them on open");
}
