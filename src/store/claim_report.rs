//! What the report before the next procurement needs of the penalty claims, kept
//! current with every write of a claim so the report does not read every claim (126 000
//! at a million call-offs):
//! - `claim_suppliers`: (agreement, supplier digits) → how many claims the supplier has
//!   and the sum in öre of those claimed or paid;
//! - `claim_lessons`: (agreement, call-off reference) → (): the claims whose log holds a
//!   lesson for the next agreement.

use redb::{Database, ReadableTable, WriteTransaction};

use crate::domain::sanction::{ClaimStatus, PenaltyClaim};
use crate::domain::{AgreementId, Money};
use crate::store::records;

use super::encoding;
use super::tables::{CLAIM_LESSONS, CLAIM_SUPPLIERS, META, PENALTY_CLAIMS};
use super::{Store, StoreError};

/// Set in `meta` once the tables have been built from the claims (files written before
/// they existed are counted once, on open).
const FLAG: &str = "claim_report_built";

/// One supplier's penalty claims under one agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierClaims {
    /// Organisation number digits.
    pub supplier: String,
    pub count: u64,
    /// Of the claims claimed or paid.
    pub claimed: Money,
}

fn claimed(c: &PenaltyClaim) -> i64 {
    match c.status {
        ClaimStatus::Claimed { .. } | ClaimStatus::Paid { .. } => c.amount.0,
        _ => 0,
    }
}

fn encode(count: u64, sum: i64) -> [u8; 16] {
    let mut v = [0u8; 16];
    v[..8].copy_from_slice(&count.to_le_bytes());
    v[8..].copy_from_slice(&sum.to_le_bytes());
    v
}

fn decode(v: &[u8]) -> (u64, i64) {
    let half = |r: std::ops::Range<usize>| {
        v.get(r)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .unwrap_or_default()
    };
    (
        u64::from_le_bytes(half(0..8)),
        i64::from_le_bytes(half(8..16)),
    )
}

/// Adds (`sign` 1) or takes away (-1) what claim `c` counts.
pub(super) fn add(txn: &WriteTransaction, c: &PenaltyClaim, sign: i64) -> Result<(), StoreError> {
    let mut t = txn.open_table(CLAIM_SUPPLIERS)?;
    let key = (c.agreement.0, c.supplier.digits());
    let (count, sum) = t.get(key)?.map(|v| decode(v.value())).unwrap_or((0, 0));
    let count = count.saturating_add_signed(sign);
    let sum = sum.saturating_add(sign.saturating_mul(claimed(c)));
    if count == 0 {
        t.remove(key)?;
    } else {
        t.insert(key, encode(count, sum).as_slice())?;
    }
    let mut lessons = txn.open_table(CLAIM_LESSONS)?;
    let key = (c.agreement.0, c.calloff.as_str());
    if sign > 0 && c.log.iter().any(|e| e.lesson) {
        lessons.insert(key, ())?;
    } else if sign < 0 {
        lessons.remove(key)?;
    }
    Ok(())
}

/// Builds both tables from the claims once for a file that has none yet.
pub(super) fn ensure(db: &Database) -> Result<(), StoreError> {
    if super::claim_totals::built(db, FLAG)? {
        return Ok(());
    }
    let txn = db.begin_write()?;
    txn.delete_table(CLAIM_SUPPLIERS)?;
    txn.delete_table(CLAIM_LESSONS)?;
    txn.open_table(CLAIM_SUPPLIERS)?;
    txn.open_table(CLAIM_LESSONS)?;
    let claims: Vec<PenaltyClaim> = {
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            out.push(records::decode(row?.1.value(), "penalty claim")?);
        }
        out
    };
    for c in &claims {
        add(&txn, c, 1)?;
    }
    txn.open_table(META)?
        .insert(FLAG, encoding::encode_u32(1).as_slice())?;
    txn.commit()?;
    Ok(())
}

impl Store {
    /// Each supplier's penalty claims under `agreement` (suppliers without any left out).
    pub fn claims_by_supplier(
        &self,
        agreement: AgreementId,
    ) -> Result<Vec<SupplierClaims>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(CLAIM_SUPPLIERS)?;
        let a = agreement.0;
        let mut out = Vec::new();
        for row in t.range((a, "")..(a.saturating_add(1), ""))? {
            let (k, v) = row?;
            let (count, sum) = decode(v.value());
            out.push(SupplierClaims {
                supplier: k.value().1.to_string(),
                count,
                claimed: Money(sum),
            });
        }
        Ok(out)
    }

    /// The penalty claims of `agreement` whose log holds a lesson, by call-off reference.
    pub fn claims_with_lessons(
        &self,
        agreement: AgreementId,
    ) -> Result<Vec<PenaltyClaim>, StoreError> {
        let txn = self.db.begin_read()?;
        let lessons = txn.open_table(CLAIM_LESSONS)?;
        let claims = txn.open_table(PENALTY_CLAIMS)?;
        let a = agreement.0;
        let mut out = Vec::new();
        for row in lessons.range((a, "")..(a.saturating_add(1), ""))? {
            let (k, _) = row?;
            if let Some(v) = claims.get(k.value())? {
                out.push(records::decode(v.value(), "penalty claim")?);
            }
        }
        Ok(out)
    }
}
