//! The audit log: who changed what and when, each entry chained to the one before by
//! SHA-256, so that an altered or removed entry shows when the chain is walked.

use redb::{ReadTransaction, ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::StoreError;
use super::encoding;
use super::tables::AUDIT;

const AUDIT_V1: u16 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditVerdict {
    /// Every entry is intact; the count of entries.
    Intact(u64),
    /// The first entry whose hash or link does not hold.
    Broken { seq: u64 },
}

pub fn append<T: Serialize>(
    txn: &WriteTransaction,
    actor: &str,
    action: &str,
    subject: &str,
    record: &T,
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
        record_digest: Sha256::digest(encoding::encode(0, record)).into(),
        prev_hash,
        hash: [0; 32],
    };
    entry.hash = entry.compute_hash();
    table.insert(seq, encoding::encode(AUDIT_V1, &entry).as_slice())?;
    Ok(())
}

fn decode(bytes: &[u8]) -> Result<AuditEntry, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "audit".into(),
        detail,
    };
    let (version, body) = encoding::split(bytes).map_err(corrupt)?;
    match version {
        AUDIT_V1 => encoding::decode_body(body).map_err(corrupt),
        v => Err(corrupt(format!("unknown record version {v}"))),
    }
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
