//! Sanctions (DESIGN §1.7): penalty claims keyed by (agreement, call-off), damages and
//! termination cases by id. Each change is one write transaction with its audit entry, so
//! the documentation behind a sanction can be shown to be untouched.

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use crate::domain::AgreementId;
use crate::domain::sanction::{
    DamagesCase, DamagesId, PenaltyClaim, TerminationCase, TerminationId,
};

use super::encoding;
use super::records::{self, Stored};
use super::tables::{DAMAGES, META, PENALTY_CLAIMS, TERMINATIONS};
use super::{Store, StoreError, audit, claim_totals};

pub(super) const NEXT_CLAIM: &str = "next_claim_id";
const NEXT_DAMAGES: &str = "next_damages_id";
const NEXT_TERMINATION: &str = "next_termination_id";

/// What a sync of penalty claims recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncCount {
    /// Breaches identified for the first time.
    pub new: usize,
    /// Identified (unclaimed) claims whose amount moved with the delay.
    pub updated: usize,
}

/// Takes the next id of a kind from `meta` (never reused, so an undo cannot collide).
pub(super) fn next_id(txn: &WriteTransaction, counter: &str) -> Result<u64, StoreError> {
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

pub(super) fn claim_subject(c: &PenaltyClaim) -> String {
    format!("{} {}", c.id, c.calloff)
}

pub(super) fn write_claim(txn: &WriteTransaction, c: &PenaltyClaim) -> Result<(), StoreError> {
    let old: Option<PenaltyClaim> = txn
        .open_table(PENALTY_CLAIMS)?
        .insert(
            (c.agreement.0, c.calloff.as_str()),
            records::encode(c).as_slice(),
        )?
        .map(|v| records::decode(v.value(), "penalty claim"))
        .transpose()?;
    claim_totals::claim_written(txn, old.as_ref(), Some(c))
}

fn all_cases<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    what: &str,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    let txn = store.db.begin_read()?;
    let t = txn.open_table(table)?;
    let mut out = Vec::new();
    for row in t.iter()? {
        let item: T = records::decode(row?.1.value(), what)?;
        if keep(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

fn put_case<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    action: &str,
    subject: String,
    item: &T,
) -> Result<(), StoreError> {
    let txn = store.db.begin_write()?;
    txn.open_table(table)?
        .insert(id, records::encode(item).as_slice())?;
    audit::append(&txn, &store.actor, action, &subject, item)?;
    txn.commit()?;
    Ok(())
}

fn insert_case<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    counter: &str,
    action: &str,
    item: impl FnOnce(u64) -> (T, String),
) -> Result<T, StoreError> {
    let txn = store.db.begin_write()?;
    let id = next_id(&txn, counter)?;
    let (stored, subject) = item(id);
    txn.open_table(table)?
        .insert(id, records::encode(&stored).as_slice())?;
    audit::append(&txn, &store.actor, action, &subject, &stored)?;
    txn.commit()?;
    Ok(stored)
}

fn remove_case<T: Stored>(
    store: &Store,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    action: &str,
    subject: String,
) -> Result<T, StoreError> {
    let txn = store.db.begin_write()?;
    let old: T = match txn.open_table(table)?.remove(id)? {
        Some(v) => records::decode(v.value(), action)?,
        None => return Err(StoreError::NotFound(subject)),
    };
    audit::append(&txn, &store.actor, action, &subject, &old)?;
    txn.commit()?;
    Ok(old)
}

impl Store {
    /// Penalty claims of one agreement (by call-off reference) or (None) of all.
    pub fn penalty_claims(
        &self,
        agreement: Option<AgreementId>,
    ) -> Result<Vec<PenaltyClaim>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let rows = match agreement {
            Some(a) => t.range((a.0, "")..(a.0 + 1, ""))?,
            None => t.range::<(u64, &str)>(..)?,
        };
        let mut out = Vec::new();
        for row in rows {
            out.push(records::decode(row?.1.value(), "penalty claim")?);
        }
        Ok(out)
    }

    /// Replaces a claim (its status, its log), or puts a deleted one back.
    pub fn save_claim(&self, c: &PenaltyClaim) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        write_claim(&txn, c)?;
        audit::append(&txn, &self.actor, "claim.save", &claim_subject(c), c)?;
        txn.commit()?;
        Ok(())
    }

    pub fn delete_claim(
        &self,
        agreement: AgreementId,
        calloff: &str,
    ) -> Result<PenaltyClaim, StoreError> {
        let txn = self.db.begin_write()?;
        let old: PenaltyClaim = match txn
            .open_table(PENALTY_CLAIMS)?
            .remove((agreement.0, calloff))?
        {
            Some(v) => records::decode(v.value(), "penalty claim")?,
            None => return Err(StoreError::NotFound(calloff.to_string())),
        };
        claim_totals::claim_written(&txn, Some(&old), None)?;
        audit::append(
            &txn,
            &self.actor,
            "claim.delete",
            &claim_subject(&old),
            &old,
        )?;
        txn.commit()?;
        Ok(old)
    }

    pub fn damages_cases(
        &self,
        agreement: Option<AgreementId>,
    ) -> Result<Vec<DamagesCase>, StoreError> {
        all_cases(self, DAMAGES, "damages case", |c: &DamagesCase| {
            agreement.is_none_or(|a| c.agreement == a)
        })
    }

    /// Stores a new damages case and returns it with its id.
    pub fn insert_damages(&self, c: &DamagesCase) -> Result<DamagesCase, StoreError> {
        insert_case(self, DAMAGES, NEXT_DAMAGES, "damages.create", |id| {
            let mut stored = c.clone();
            stored.id = DamagesId(id);
            let subject = stored.id.to_string();
            (stored, subject)
        })
    }

    pub fn save_damages(&self, c: &DamagesCase) -> Result<(), StoreError> {
        put_case(self, DAMAGES, c.id.0, "damages.save", c.id.to_string(), c)
    }

    pub fn delete_damages(&self, id: DamagesId) -> Result<DamagesCase, StoreError> {
        remove_case(self, DAMAGES, id.0, "damages.delete", id.to_string())
    }

    pub fn termination_cases(
        &self,
        agreement: Option<AgreementId>,
    ) -> Result<Vec<TerminationCase>, StoreError> {
        all_cases(
            self,
            TERMINATIONS,
            "termination case",
            |c: &TerminationCase| agreement.is_none_or(|a| c.agreement == a),
        )
    }

    pub fn insert_termination(&self, c: &TerminationCase) -> Result<TerminationCase, StoreError> {
        insert_case(
            self,
            TERMINATIONS,
            NEXT_TERMINATION,
            "termination.create",
            |id| {
                let mut stored = c.clone();
                stored.id = TerminationId(id);
                let subject = stored.id.to_string();
                (stored, subject)
            },
        )
    }

    pub fn save_termination(&self, c: &TerminationCase) -> Result<(), StoreError> {
        put_case(
            self,
            TERMINATIONS,
            c.id.0,
            "termination.save",
            c.id.to_string(),
            c,
        )
    }

    pub fn delete_termination(&self, id: TerminationId) -> Result<TerminationCase, StoreError> {
        remove_case(
            self,
            TERMINATIONS,
            id.0,
            "termination.delete",
            id.to_string(),
        )
    }
}
