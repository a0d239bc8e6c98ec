//! Penalties still to claim, counted per agreement and supplier and kept current with
//! every write of a claim, so the agenda shows "N penalties to claim, X kr" without
//! reading every claim of a large agreement.

use redb::{Database, ReadableDatabase, ReadableTable, WriteTransaction};

use crate::domain::sanction::{ClaimStatus, PenaltyClaim};
use crate::domain::{AgreementId, Money, OrgNumber};

use super::encoding;
use super::tables::{CLAIM_TOTALS, META, PENALTY_CLAIMS};
use super::{Store, StoreError};

/// Set in `meta` once the totals have been counted from the claims (files written before
/// the totals existed are counted once, on open).
const FLAG: &str = "claim_totals_built";

/// Identified claims of one supplier under one agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsToMake {
    pub agreement: AgreementId,
    pub supplier: OrgNumber,
    pub count: u64,
    pub amount: Money,
}

fn decode(v: &[u8]) -> (u64, i64) {
    let count = v
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes);
    let sum = v
        .get(8..16)
        .and_then(|b| b.try_into().ok())
        .map(i64::from_le_bytes);
    (count.unwrap_or(0), sum.unwrap_or(0))
}

fn add(txn: &WriteTransaction, c: &PenaltyClaim, sign: i64) -> Result<(), StoreError> {
    if c.status != ClaimStatus::Identified {
        return Ok(());
    }
    let mut t = txn.open_table(CLAIM_TOTALS)?;
    let key = (c.agreement.0, c.supplier.digits());
    let (count, sum) = t.get(key)?.map(|v| decode(v.value())).unwrap_or((0, 0));
    let count = count.saturating_add_signed(sign);
    let sum = sum.saturating_add(sign.saturating_mul(c.amount.0));
    if count == 0 {
        t.remove(key)?;
    } else {
        let mut v = [0u8; 16];
        v[..8].copy_from_slice(&count.to_le_bytes());
        v[8..].copy_from_slice(&sum.to_le_bytes());
        t.insert(key, v.as_slice())?;
    }
    Ok(())
}

/// After a claim changed from `old` (None when new) to `new` (None when deleted).
pub(super) fn claim_written(
    txn: &WriteTransaction,
    old: Option<&PenaltyClaim>,
    new: Option<&PenaltyClaim>,
) -> Result<(), StoreError> {
    if let Some(o) = old {
        add(txn, o, -1)?;
    }
    if let Some(n) = new {
        add(txn, n, 1)?;
    }
    Ok(())
}

/// Counts the totals from the claims once for a file that has none yet.
pub(super) fn ensure(db: &Database) -> Result<(), StoreError> {
    {
        let txn = db.begin_read()?;
        match txn.open_table(META) {
            Ok(meta) if meta.get(FLAG)?.is_some() => return Ok(()),
            Ok(_) | Err(redb::TableError::TableDoesNotExist(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let txn = db.begin_write()?;
    txn.delete_table(CLAIM_TOTALS)?;
    txn.open_table(CLAIM_TOTALS)?;
    let claims: Vec<PenaltyClaim> = {
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            out.push(encoding::decode_v1(row?.1.value(), "penalty claim")?);
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
    /// Identified penalties not yet claimed, per agreement and supplier.
    pub fn claims_to_make(&self) -> Result<Vec<ClaimsToMake>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(CLAIM_TOTALS)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            let (k, v) = row?;
            let (agreement, supplier) = k.value();
            let supplier = OrgNumber::parse(supplier).map_err(|e| StoreError::Corrupt {
                what: "claim totals".into(),
                detail: format!("{supplier}: {e:?}"),
            })?;
            let (count, sum) = decode(v.value());
            out.push(ClaimsToMake {
                agreement: AgreementId(agreement),
                supplier,
                count,
                amount: Money(sum),
            });
        }
        Ok(out)
    }
}
