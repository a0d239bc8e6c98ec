//! Penalties still to claim, counted per agreement and supplier and kept current with
//! every write of a claim, so the agenda shows "N penalties to claim, X kr" without
//! reading every claim of a large agreement; and every agreement's number of claims with
//! a generation moved by each claim added or removed, so the Sanctions tab reads its list
//! as a window (see `claim_window`).

use redb::{Database, ReadableDatabase, ReadableTable, WriteTransaction};

use crate::domain::sanction::{ClaimStatus, PenaltyClaim};
use crate::domain::{AgreementId, Money, OrgNumber};
use crate::store::records;

use super::encoding;
use super::tables::{CLAIM_COUNTS, CLAIM_TOTALS, META, PENALTY_CLAIMS};
use super::{Store, StoreError};

/// Set in `meta` once the totals have been counted from the claims (files written before
/// the totals existed are counted once, on open).
const FLAG: &str = "claim_totals_built";
/// Likewise for the claim counts, which came later than the totals.
const COUNTS_FLAG: &str = "claim_counts_built";

/// How many claims an agreement has, and the generation of that set of claims: it moves
/// with every claim added or removed (never with a claim merely changed), so positions in
/// the list by call-off reference stay valid while it stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimCount {
    pub count: u64,
    pub generation: u64,
}

impl ClaimCount {
    fn encode(self) -> [u8; 16] {
        let mut v = [0u8; 16];
        v[..8].copy_from_slice(&self.count.to_le_bytes());
        v[8..].copy_from_slice(&self.generation.to_le_bytes());
        v
    }

    fn decode(v: &[u8]) -> ClaimCount {
        let (count, generation) = decode(v);
        ClaimCount {
            count,
            generation: generation as u64,
        }
    }
}

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

/// One claim more (`sign` 1) or fewer (-1) under `agreement`.
fn count(txn: &WriteTransaction, agreement: u64, sign: i64) -> Result<(), StoreError> {
    let mut t = txn.open_table(CLAIM_COUNTS)?;
    let now = t
        .get(agreement)?
        .map(|v| ClaimCount::decode(v.value()))
        .unwrap_or_default();
    let next = ClaimCount {
        count: now.count.saturating_add_signed(sign),
        generation: now.generation.wrapping_add(1),
    };
    t.insert(agreement, next.encode().as_slice())?;
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
        super::claim_report::add(txn, o, -1)?;
    }
    if let Some(n) = new {
        add(txn, n, 1)?;
        super::claim_report::add(txn, n, 1)?;
    }
    match (old, new) {
        (None, Some(n)) => count(txn, n.agreement.0, 1),
        (Some(o), None) => count(txn, o.agreement.0, -1),
        _ => Ok(()),
    }
}

/// Whether `flag` is set in `meta` (a table built once for older files).
pub(super) fn built(db: &Database, flag: &str) -> Result<bool, StoreError> {
    let txn = db.begin_read()?;
    match txn.open_table(META) {
        Ok(meta) => Ok(meta.get(flag)?.is_some()),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn all_claims(txn: &WriteTransaction) -> Result<Vec<PenaltyClaim>, StoreError> {
    let t = txn.open_table(PENALTY_CLAIMS)?;
    let mut out = Vec::new();
    for row in t.iter()? {
        out.push(records::decode(row?.1.value(), "penalty claim")?);
    }
    Ok(out)
}

/// Counts the totals (and the claim counts) from the claims once for a file that has
/// none yet.
pub(super) fn ensure(db: &Database) -> Result<(), StoreError> {
    if !built(db, FLAG)? {
        let txn = db.begin_write()?;
        txn.delete_table(CLAIM_TOTALS)?;
        txn.open_table(CLAIM_TOTALS)?;
        for c in &all_claims(&txn)? {
            add(&txn, c, 1)?;
        }
        txn.open_table(META)?
            .insert(FLAG, encoding::encode_u32(1).as_slice())?;
        txn.commit()?;
    }
    if !built(db, COUNTS_FLAG)? {
        let txn = db.begin_write()?;
        txn.delete_table(CLAIM_COUNTS)?;
        let mut counts = std::collections::BTreeMap::<u64, u64>::new();
        {
            let t = txn.open_table(PENALTY_CLAIMS)?;
            for row in t.iter()? {
                *counts.entry(row?.0.value().0).or_default() += 1;
            }
        }
        let mut t = txn.open_table(CLAIM_COUNTS)?;
        for (agreement, count) in counts {
            let c = ClaimCount {
                count,
                generation: 1,
            };
            t.insert(agreement, c.encode().as_slice())?;
        }
        drop(t);
        txn.open_table(META)?
            .insert(COUNTS_FLAG, encoding::encode_u32(1).as_slice())?;
        txn.commit()?;
    }
    Ok(())
}

impl Store {
    /// How many penalty claims `agreement` has, and their generation.
    pub fn claim_count(&self, agreement: AgreementId) -> Result<ClaimCount, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(CLAIM_COUNTS)?;
        Ok(t.get(agreement.0)?
            .map(|v| ClaimCount::decode(v.value()))
            .unwrap_or_default())
    }

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
