//! Deviations registered by hand, and purchases outside the agreement with the decision
//! per category: plain records, each change one transaction with its audit entry.

use redb::{ReadableTable, TableDefinition};

use crate::domain::AgreementId;
use crate::domain::deviation::{DeviationId, ManualDeviation};
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};

use super::encoding;
use super::records::{self, Stored};
use super::tables::{DECISIONS, DEVIATIONS, META, PURCHASES};
use super::{Store, StoreError, audit};

/// Takes the next id of a kind from `meta` (ids are never reused, so undo cannot collide).
fn next_id(txn: &redb::WriteTransaction, counter: &str) -> Result<u64, StoreError> {
    let mut meta = txn.open_table(META)?;
    let next = match meta.get(counter)? {
        Some(v) => encoding::decode_u64(v.value()).map_err(|detail| StoreError::Corrupt {
            what: format!("meta.{counter}"),
            detail,
        })?,
        None => 1,
    };
    meta.insert(counter, encoding::encode_u64(next + 1).as_slice())?;
    Ok(next)
}

fn all_of<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    what: &str,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    let txn = store.db.begin_read()?;
    let t = txn.open_table(table)?;
    let mut out = Vec::new();
    for row in t.iter()? {
        let (_, v) = row?;
        let item: T = records::decode(v.value(), what)?;
        if keep(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

fn put<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    action: &str,
    item: &T,
) -> Result<(), StoreError> {
    let txn = store.db.begin_write()?;
    txn.open_table(table)?
        .insert(id, records::encode(item).as_slice())?;
    audit::append(&txn, &store.actor, action, &format!("#{id}"), item)?;
    txn.commit()?;
    Ok(())
}

fn remove<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    action: &str,
    what: &str,
) -> Result<T, StoreError> {
    let txn = store.db.begin_write()?;
    let old: T = match txn.open_table(table)?.remove(id)? {
        Some(v) => records::decode(v.value(), what)?,
        None => return Err(StoreError::NotFound(format!("#{id}"))),
    };
    audit::append(&txn, &store.actor, action, &format!("#{id}"), &old)?;
    txn.commit()?;
    Ok(old)
}

impl Store {
    /// Stores a new deviation and returns it with its id.
    pub fn insert_deviation(&self, d: &ManualDeviation) -> Result<ManualDeviation, StoreError> {
        let txn = self.db.begin_write()?;
        let mut stored = d.clone();
        stored.id = DeviationId(next_id(&txn, "next_deviation_id")?);
        txn.open_table(DEVIATIONS)?
            .insert(stored.id.0, records::encode(&stored).as_slice())?;
        audit::append(
            &txn,
            &self.actor,
            "deviation.create",
            &format!("#{}", stored.id.0),
            &stored,
        )?;
        txn.commit()?;
        Ok(stored)
    }

    /// Replaces a stored deviation (or puts a deleted one back under its id).
    pub fn save_deviation(&self, d: &ManualDeviation) -> Result<(), StoreError> {
        put(self, DEVIATIONS, d.id.0, "deviation.save", d)
    }

    pub fn delete_deviation(&self, id: DeviationId) -> Result<ManualDeviation, StoreError> {
        remove(self, DEVIATIONS, id.0, "deviation.delete", "deviation")
    }

    /// Deviations registered by hand, of one agreement or (None) of all.
    pub fn deviations(
        &self,
        agreement: Option<AgreementId>,
    ) -> Result<Vec<ManualDeviation>, StoreError> {
        all_of(self, DEVIATIONS, "deviation", |d: &ManualDeviation| {
            agreement.is_none_or(|a| d.agreement == a)
        })
    }

    pub fn insert_purchase(&self, p: &OutsidePurchase) -> Result<OutsidePurchase, StoreError> {
        let txn = self.db.begin_write()?;
        let mut stored = p.clone();
        stored.id = PurchaseId(next_id(&txn, "next_purchase_id")?);
        txn.open_table(PURCHASES)?
            .insert(stored.id.0, records::encode(&stored).as_slice())?;
        audit::append(
            &txn,
            &self.actor,
            "purchase.create",
            &format!("#{}", stored.id.0),
            &stored,
        )?;
        txn.commit()?;
        Ok(stored)
    }

    pub fn save_purchase(&self, p: &OutsidePurchase) -> Result<(), StoreError> {
        put(self, PURCHASES, p.id.0, "purchase.save", p)
    }

    pub fn delete_purchase(&self, id: PurchaseId) -> Result<OutsidePurchase, StoreError> {
        remove(self, PURCHASES, id.0, "purchase.delete", "purchase")
    }

    pub fn purchases(&self, agreement: AgreementId) -> Result<Vec<OutsidePurchase>, StoreError> {
        all_of(self, PURCHASES, "purchase", |p: &OutsidePurchase| {
            p.agreement == agreement
        })
    }

    /// Records what to do about purchases outside the agreement in a category.
    pub fn set_decision(
        &self,
        agreement: AgreementId,
        category: &str,
        decision: CategoryDecision,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(DECISIONS)?.insert(
            (agreement.0, category),
            records::encode(&decision).as_slice(),
        )?;
        audit::append(&txn, &self.actor, "purchase.decision", category, &decision)?;
        txn.commit()?;
        Ok(())
    }

    /// The decisions per category of an agreement.
    pub fn decisions(
        &self,
        agreement: AgreementId,
    ) -> Result<Vec<(String, CategoryDecision)>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(DECISIONS)?;
        let mut out = Vec::new();
        for row in t.range((agreement.0, "")..(agreement.0 + 1, ""))? {
            let (k, v) = row?;
            out.push((
                k.value().1.to_string(),
                records::decode(v.value(), "decision")?,
            ));
        }
        Ok(out)
    }
}

impl Store {
    /// The agreement the user last followed in the per-agreement tabs, if any.
    pub fn followed(&self) -> Result<Option<AgreementId>, StoreError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let found = meta.get(FOLLOWED)?;
        Ok(found
            .and_then(|v| encoding::decode_u64(v.value()).ok())
            .map(AgreementId))
    }

    /// Remembers the followed agreement, so the next start opens where the user was.
    pub fn set_followed(&self, id: AgreementId) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(META)?
            .insert(FOLLOWED, encoding::encode_u64(id.0).as_slice())?;
        txn.commit()?;
        Ok(())
    }
}

const FOLLOWED: &str = "followed_agreement";
