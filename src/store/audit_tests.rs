//! Tampering with the audit log, and with records behind its back, and seeing it caught.
//! These live inside the store module because they edit tables directly.

use tempfile::TempDir;
use time::macros::date;

use super::audit::tamper;
use super::tables::AGREEMENTS;
use super::*;
use crate::i18n::{Catalog, Lang};
use crate::store::records;

/// A store with a chain of five entries: three creates, an update and a delete.
fn store_with_history() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    store.set_actor("anna");
    let mut ids = Vec::new();
    for r in ["UH-1", "UH-2", "UH-3"] {
        let a = Agreement::new(r, "Konsulter", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
        ids.push(store.insert_agreement(&a).unwrap());
    }
    let mut a = store.agreement(ids[1]).unwrap().unwrap();
    a.name = "IT-konsulter".into();
    store.update_agreement(&a).unwrap();
    store.delete_agreement(ids[2]).unwrap();
    assert_eq!(store.verify_audit().unwrap(), AuditVerdict::Intact(5));
    assert_eq!(store.verify_records().unwrap(), vec![]);
    (dir, store)
}

fn broken_at(store: &Store) -> Option<u64> {
    match store.verify_audit().unwrap() {
        AuditVerdict::Intact(_) => None,
        AuditVerdict::Broken { seq } => Some(seq),
        AuditVerdict::Unreadable => Some(u64::MAX),
    }
}

#[test]
fn an_edited_actor_is_caught_at_that_entry() {
    let (_dir, store) = store_with_history();
    tamper::edit(&store.db, 2, |e| e.actor = "mallory".into());
    assert_eq!(broken_at(&store), Some(2));
}

#[test]
fn an_edited_subject_is_caught_at_that_entry() {
    let (_dir, store) = store_with_history();
    tamper::edit(&store.db, 3, |e| e.subject = "UH-9".into());
    assert_eq!(broken_at(&store), Some(3));
}

#[test]
fn an_edited_digest_is_caught_at_that_entry() {
    let (_dir, store) = store_with_history();
    tamper::edit(&store.db, 4, |e| e.record_digest[0] ^= 1);
    assert_eq!(broken_at(&store), Some(4));
}

#[test]
fn a_rehashed_forgery_breaks_the_next_link() {
    let (_dir, store) = store_with_history();
    tamper::edit_and_rehash(&store.db, 2, |e| e.actor = "mallory".into());
    assert_eq!(broken_at(&store), Some(3));
}

#[test]
fn a_removed_middle_entry_is_caught() {
    let (_dir, store) = store_with_history();
    tamper::remove(&store.db, 3);
    assert_eq!(broken_at(&store), Some(4));
}

#[test]
fn swapped_entries_are_caught() {
    let (_dir, store) = store_with_history();
    tamper::swap(&store.db, 2, 3);
    assert_eq!(broken_at(&store), Some(2));
}

#[test]
fn a_renumbered_reordering_is_caught() {
    let (_dir, store) = store_with_history();
    tamper::reorder_and_rehash(&store.db, 2, 4);
    assert_eq!(broken_at(&store), Some(2));
}

#[test]
fn the_verdict_is_in_words() {
    let (_dir, store) = store_with_history();
    let sv = Catalog::get(Lang::Sv);
    assert!(store.verify_audit().unwrap().message(sv).contains('5'));
    let msg = AuditVerdict::Broken { seq: 4 }.message(sv);
    assert!(msg.contains('4') && !msg.contains("{seq}"), "{msg}");
}

/// Overwrites agreement `id` in the table without the log or the index knowing.
fn write_behind_the_log(store: &Store, id: u64, agreement: &Agreement) {
    let txn = store.db.begin_write().unwrap();
    txn.open_table(AGREEMENTS)
        .unwrap()
        .insert(id, records::agreement::encode(agreement).as_slice())
        .unwrap();
    txn.commit().unwrap();
}

#[test]
fn a_record_changed_behind_the_log_is_named() {
    let (_dir, store) = store_with_history();
    assert_eq!(store.verify_audit().unwrap(), AuditVerdict::Intact(5));
    let mut a = store.agreement_by_reference("UH-2").unwrap().unwrap();
    a.notes = "tyst ändrad".into();
    write_behind_the_log(&store, a.id.0, &a);
    // The chain itself is still whole: only the record check sees this.
    assert!(store.verify_audit().unwrap().is_intact());
    let problems = store.verify_records().unwrap();
    assert_eq!(
        problems,
        vec![RecordProblem {
            id: a.id.0,
            reference: "UH-2".into(),
            kind: RecordIssue::ChangedOutsideLog,
        }]
    );
    let msg = problems[0].message(Catalog::get(Lang::Sv));
    assert!(msg.contains("UH-2"), "{msg}");
}

#[test]
fn a_deleted_record_put_back_behind_the_log_is_named() {
    let (_dir, store) = store_with_history();
    let audit = store.audit_entries().unwrap();
    let deleted = audit.last().unwrap();
    assert_eq!(deleted.action, "agreement.delete");
    let mut a = Agreement::new(
        "UH-3",
        "Konsulter",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.id = AgreementId(3);
    write_behind_the_log(&store, 3, &a);
    let kinds: Vec<_> = store
        .verify_records()
        .unwrap()
        .into_iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, vec![RecordIssue::NotLogged, RecordIssue::NotIndexed]);
}

#[test]
fn a_record_added_behind_the_log_is_named() {
    let (_dir, store) = store_with_history();
    let mut a = Agreement::new(
        "UH-77",
        "Smyg",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.id = AgreementId(77);
    write_behind_the_log(&store, 77, &a);
    let problems = store.verify_records().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.id == 77));
    assert_eq!(problems[0].kind, RecordIssue::NotLogged);
}

#[test]
fn an_unreadable_record_is_named() {
    let (_dir, store) = store_with_history();
    let txn = store.db.begin_write().unwrap();
    txn.open_table(AGREEMENTS)
        .unwrap()
        .insert(1, [1u8, 0, 0xff, 0xff].as_slice())
        .unwrap();
    txn.commit().unwrap();
    let problems = store.verify_records().unwrap();
    assert_eq!(problems[0].id, 1);
    assert_eq!(problems[0].kind, RecordIssue::Unreadable);
}
