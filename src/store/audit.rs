//! The audit log: who changed what and when, each entry chained to the one before by
//! SHA-256, so that an altered or removed entry shows when the chain is walked; and the
//! check that every stored agreement is the one the log last recorded.
//!
//! What the chain cannot show on its own: entries cut off the end, or a chain rewritten
//! wholesale from some entry on (every hash recomputed). The first is caught for records by
//! [`verify_records`] when the cut entry was the latest for a record; against the second only
//! a copy of the head hash kept outside the file helps ([`AuditEntry::hash`] of the last entry).

use std::collections::{BTreeMap, BTreeSet};

use redb::{ReadTransaction, ReadableTable, WriteTransaction};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::StoreError;
use super::tables::{AGREEMENT_BY_REF, AGREEMENTS, AUDIT};
use crate::i18n::Catalog;
use crate::store::records::{self, Logged};
use crate::tr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: u64,
    /// Unix time in seconds (UTC).
    pub at: i64,
    pub actor: String,
    /// What was done, e.g. `agreement.update`.
    pub action: String,
    /// What it was done to, e.g. the agreement's reference.
    pub subject: String,
    /// SHA-256 of the record as stored after the change.
    pub record_digest: [u8; 32],
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

impl AuditEntry {
    fn compute_hash(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.prev_hash);
        h.update(self.seq.to_le_bytes());
        h.update(self.at.to_le_bytes());
        for field in [&self.actor, &self.action, &self.subject] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field.as_bytes());
        }
        h.update(self.record_digest);
        h.finalize().into()
    }
}

/// The result of walking the audit chain.
///
/// `Broken` names the first sequence number at which the chain stops holding: an entry that
/// cannot be read, whose stored hash is not the hash of its fields (an edited actor, subject,
/// digest, time…), whose link does not name the entry before it (an entry removed or moved),
/// or whose number is not the next one (a gap or reordering).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditVerdict {
    /// Every entry is intact; the count of entries.
    Intact(u64),
    /// The first entry whose hash or link does not hold.
    Broken { seq: u64 },
    /// The log itself could not be read (a damaged page).
    Unreadable,
}

impl AuditVerdict {
    pub fn is_intact(&self) -> bool {
        matches!(self, AuditVerdict::Intact(_))
    }

    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            AuditVerdict::Intact(count) => {
                tr!(cat, "store.audit_intact", count = cat.count(*count))
            }
            AuditVerdict::Broken { seq } => tr!(cat, "store.audit_broken", seq = seq),
            AuditVerdict::Unreadable => tr!(cat, "store.audit_unreadable").to_string(),
        }
    }
}

/// A stored agreement that the audit log does not vouch for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    pub id: u64,
    /// The stored reference, or empty when the record cannot be read.
    pub reference: String,
    pub kind: RecordIssue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordIssue {
    /// The record cannot be decoded.
    Unreadable,
    /// No entry in the log created it, or the latest entry for its reference deleted it.
    NotLogged,
    /// It differs from what the latest entry for its reference recorded: changed behind the
    /// log's back.
    ChangedOutsideLog,
    /// The reference index does not lead to it.
    NotIndexed,
}

impl RecordProblem {
    pub fn message(&self, cat: &Catalog) -> String {
        let key = match self.kind {
            RecordIssue::Unreadable => "store.record_unreadable",
            RecordIssue::NotLogged => "store.record_not_logged",
            RecordIssue::ChangedOutsideLog => "store.record_changed",
            RecordIssue::NotIndexed => "store.record_not_indexed",
        };
        tr!(cat, key, id = self.id, reference = self.reference)
    }
}

pub fn append<T: Logged + ?Sized>(
    txn: &WriteTransaction,
    actor: &str,
    action: &str,
    subject: &str,
    record: &T,
) -> Result<(), StoreError> {
    append_digest(txn, actor, action, subject, digest(record))
}

/// [`append`] for a record as it is stored (`bytes`, with its version header): adopting
/// into the log a record written by an older version of its type.
pub fn append_stored(
    txn: &WriteTransaction,
    actor: &str,
    action: &str,
    subject: &str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    append_digest(txn, actor, action, subject, stored_digest(bytes))
}

fn append_digest(
    txn: &WriteTransaction,
    actor: &str,
    action: &str,
    subject: &str,
    record_digest: [u8; 32],
) -> Result<(), StoreError> {
    let mut table = txn.open_table(AUDIT)?;
    let (seq, prev_hash) = match table.last()? {
        Some((k, v)) => {
            let prev = decode(v.value())?;
            (k.value() + 1, prev.hash)
        }
        None => (1, [0u8; 32]),
    };
    let mut entry = AuditEntry {
        seq,
        at: OffsetDateTime::now_utc().unix_timestamp(),
        actor: actor.to_string(),
        action: action.to_string(),
        subject: subject.to_string(),
        record_digest,
        prev_hash,
        hash: [0; 32],
    };
    entry.hash = entry.compute_hash();
    table.insert(seq, records::encode(&entry).as_slice())?;
    Ok(())
}

/// What the log records of a record: SHA-256 of its encoding (with a zero version header, so
/// the digest does not change when only the stored envelope's version does).
pub fn digest<T: Logged + ?Sized>(record: &T) -> [u8; 32] {
    let mut bytes = vec![0u8, 0u8];
    record.log_body(&mut bytes);
    Sha256::digest(bytes).into()
}

/// [`digest`] of a record as stored (its version header aside), so that a record written
/// by an older version of its type is checked against what was logged when it was
/// written, not against today's encoding of it.
fn stored_digest(bytes: &[u8]) -> [u8; 32] {
    let body = bytes.get(2..).unwrap_or_default();
    let mut h = Sha256::new();
    h.update([0u8, 0u8]);
    h.update(body);
    h.finalize().into()
}

fn decode(bytes: &[u8]) -> Result<AuditEntry, StoreError> {
    records::decode(bytes, "audit")
}

pub fn entries(txn: &ReadTransaction) -> Result<Vec<AuditEntry>, StoreError> {
    let table = txn.open_table(AUDIT)?;
    let mut out = Vec::new();
    for row in table.iter()? {
        let (_, v) = row?;
        out.push(decode(v.value())?);
    }
    Ok(out)
}

pub fn verify(txn: &ReadTransaction) -> Result<AuditVerdict, StoreError> {
    let table = txn.open_table(AUDIT)?;
    let mut prev = [0u8; 32];
    let mut expected_seq = 1;
    for row in table.iter()? {
        let (k, v) = row?;
        let Ok(entry) = decode(v.value()) else {
            return Ok(AuditVerdict::Broken { seq: k.value() });
        };
        if k.value() != expected_seq
            || entry.seq != k.value()
            || entry.prev_hash != prev
            || entry.compute_hash() != entry.hash
        {
            return Ok(AuditVerdict::Broken { seq: k.value() });
        }
        prev = entry.hash;
        expected_seq += 1;
    }
    Ok(AuditVerdict::Intact(expected_seq - 1))
}

/// The actions and subjects of the entries after `seq`, oldest first; None when there
/// are more than `limit` of them.
pub fn actions_after(
    txn: &ReadTransaction,
    seq: u64,
    limit: usize,
) -> Result<Option<Vec<(String, String)>>, StoreError> {
    let table = txn.open_table(AUDIT)?;
    let mut out = Vec::new();
    for row in table.range(seq.saturating_add(1)..)? {
        if out.len() == limit {
            return Ok(None);
        }
        let (_, v) = row?;
        let entry = decode(v.value())?;
        out.push((entry.action, entry.subject));
    }
    Ok(Some(out))
}

/// Subjects of every `agreement.*` entry, for the migration that adopts unlogged records.
pub fn logged_agreement_subjects(txn: &WriteTransaction) -> Result<BTreeSet<String>, StoreError> {
    let table = txn.open_table(AUDIT)?;
    Ok(latest_by_subject(&table)?.into_keys().collect())
}

/// For each subject of an `agreement.*` entry, the latest such entry.
fn latest_by_subject(
    table: &impl ReadableTable<u64, &'static [u8]>,
) -> Result<BTreeMap<String, AuditEntry>, StoreError> {
    let mut latest = BTreeMap::new();
    for row in table.iter()? {
        let (_, v) = row?;
        let entry = decode(v.value())?;
        if entry.action.starts_with("agreement.") {
            latest.insert(entry.subject.clone(), entry);
        }
    }
    Ok(latest)
}

/// Checks every stored agreement against the latest log entry for its reference, and
/// against the reference index. An empty list means the log vouches for every record.
/// Run it after [`verify`]: on a broken chain the entries themselves are not to be trusted.
pub fn verify_records(txn: &ReadTransaction) -> Result<Vec<RecordProblem>, StoreError> {
    let latest = latest_by_subject(&txn.open_table(AUDIT)?)?;
    let agreements = txn.open_table(AGREEMENTS)?;
    let index = txn.open_table(AGREEMENT_BY_REF)?;
    let mut problems = Vec::new();
    for row in agreements.iter()? {
        let (k, v) = row?;
        let id = k.value();
        let Ok(agreement) = records::agreement::decode(v.value()) else {
            problems.push(RecordProblem {
                id,
                reference: String::new(),
                kind: RecordIssue::Unreadable,
            });
            continue;
        };
        let problem = |kind| RecordProblem {
            id,
            reference: agreement.reference.clone(),
            kind,
        };
        match latest.get(&agreement.reference) {
            Some(entry) if entry.action == "agreement.delete" => {
                problems.push(problem(RecordIssue::NotLogged))
            }
            Some(entry) if entry.record_digest != stored_digest(v.value()) => {
                problems.push(problem(RecordIssue::ChangedOutsideLog))
            }
            Some(_) => {}
            None => problems.push(problem(RecordIssue::NotLogged)),
        }
        if index.get(agreement.reference.as_str())?.map(|v| v.value()) != Some(id) {
            problems.push(problem(RecordIssue::NotIndexed));
        }
    }
    Ok(problems)
}

/// Direct edits of the AUDIT table, for tests that tamper with the log.
#[cfg(test)]
pub mod tamper {
    use super::*;
    use crate::store::handle::Handle as Database;

    /// Rewrites entry `seq` through `edit`, keeping its stored hash (a naive forgery).
    pub fn edit(db: &Database, seq: u64, edit: impl FnOnce(&mut AuditEntry)) {
        rewrite(db, seq, |e| edit(e));
    }

    /// Rewrites entry `seq` through `edit` and recomputes its own hash (a careful forgery
    /// that still cannot fix the next entry's link).
    pub fn edit_and_rehash(db: &Database, seq: u64, edit: impl FnOnce(&mut AuditEntry)) {
        rewrite(db, seq, |e| {
            edit(e);
            e.hash = e.compute_hash();
        });
    }

    fn rewrite(db: &Database, seq: u64, f: impl FnOnce(&mut AuditEntry)) {
        let txn = db.begin_write().unwrap();
        {
            let mut table = txn.open_table(AUDIT).unwrap();
            let mut entry = decode(table.get(seq).unwrap().unwrap().value()).unwrap();
            f(&mut entry);
            table
                .insert(seq, records::encode(&entry).as_slice())
                .unwrap();
        }
        txn.commit().unwrap();
    }

    pub fn remove(db: &Database, seq: u64) {
        let txn = db.begin_write().unwrap();
        txn.open_table(AUDIT).unwrap().remove(seq).unwrap().unwrap();
        txn.commit().unwrap();
    }

    /// Swaps the stored bytes of two entries (their keys stay).
    pub fn swap(db: &Database, a: u64, b: u64) {
        let txn = db.begin_write().unwrap();
        {
            let mut table = txn.open_table(AUDIT).unwrap();
            let va = table.get(a).unwrap().unwrap().value().to_vec();
            let vb = table.get(b).unwrap().unwrap().value().to_vec();
            table.insert(a, vb.as_slice()).unwrap();
            table.insert(b, va.as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }

    /// Swaps two entries and renumbers them to fit their new places, rehashing each: a
    /// reordering that keeps `seq` and every entry's own hash consistent.
    pub fn reorder_and_rehash(db: &Database, a: u64, b: u64) {
        swap(db, a, b);
        edit_and_rehash(db, a, |e| e.seq = a);
        edit_and_rehash(db, b, |e| e.seq = b);
    }
}
