//! Implementation checklists (one per agreement) and follow-up plans (requirements and
//! their checks). Plans are small — tens of records an agreement — so lists read the whole
//! table rather than keep an index.

use redb::{ReadableTable, TableDefinition};

use crate::domain::AgreementId;
use crate::domain::checklist::Checklist;
use crate::domain::followup::{Check, CheckId, Requirement, RequirementId};

use super::super::records::{self, Stored};
use super::super::tables::{CHECKLISTS, CHECKS, REQUIREMENTS};
use super::super::{Store, StoreError, audit};
use super::{get, issued, next_id, put};

const NEXT_REQUIREMENT: &str = "next_requirement_id";
const NEXT_CHECK: &str = "next_check_id";

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
        let item: T = records::decode(row?.1.value(), what)?;
        if keep(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

fn checklist_subject(agreement: AgreementId) -> String {
    format!("checklist #{}", agreement.0)
}

impl Store {
    /// Stores the agreement's checklist, replacing the one it had.
    pub fn save_checklist(&self, c: &Checklist) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(CHECKLISTS)?
            .insert(c.agreement.0, records::encode(c).as_slice())?;
        let subject = checklist_subject(c.agreement);
        audit::append(&txn, &self.actor, "checklist.save", &subject, c)?;
        txn.commit()?;
        Ok(())
    }

    pub fn checklist(&self, agreement: AgreementId) -> Result<Option<Checklist>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(CHECKLISTS)?;
        let found = t.get(agreement.0)?;
        found
            .map(|v| records::decode(v.value(), "checklist"))
            .transpose()
    }

    /// Removes the agreement's checklist and returns it (for undo), None when it had none.
    pub fn delete_checklist(
        &self,
        agreement: AgreementId,
    ) -> Result<Option<Checklist>, StoreError> {
        let txn = self.db.begin_write()?;
        let old: Option<Checklist> = {
            let mut t = txn.open_table(CHECKLISTS)?;
            let removed = t.remove(agreement.0)?;
            removed
                .map(|v| records::decode(v.value(), "checklist"))
                .transpose()?
        };
        let Some(old) = old else {
            return Ok(None);
        };
        let subject = checklist_subject(agreement);
        audit::append(&txn, &self.actor, "checklist.delete", &subject, &old)?;
        txn.commit()?;
        Ok(Some(old))
    }

    pub fn insert_requirement(&self, r: &Requirement) -> Result<Requirement, StoreError> {
        let txn = self.db.begin_write()?;
        let mut stored = r.clone();
        stored.id = RequirementId(next_id(&txn, NEXT_REQUIREMENT)?);
        put(&txn, REQUIREMENTS, stored.id.0, &stored)?;
        let subject = stored.id.to_string();
        audit::append(&txn, &self.actor, "requirement.create", &subject, &stored)?;
        txn.commit()?;
        Ok(stored)
    }

    /// Replaces a stored requirement, or puts a deleted one back under its id.
    pub fn save_requirement(&self, r: &Requirement) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        issued(&txn, NEXT_REQUIREMENT, r.id.0, r.id.to_string())?;
        put(&txn, REQUIREMENTS, r.id.0, r)?;
        audit::append(&txn, &self.actor, "requirement.save", &r.id.to_string(), r)?;
        txn.commit()?;
        Ok(())
    }

    /// Removes a requirement with its checks and returns both, for undo (save each back).
    pub fn delete_requirement(
        &self,
        id: RequirementId,
    ) -> Result<(Requirement, Vec<Check>), StoreError> {
        let txn = self.db.begin_write()?;
        let Some(old) = get::<Requirement>(&txn, REQUIREMENTS, id.0, "requirement")? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        txn.open_table(REQUIREMENTS)?.remove(id.0)?;
        let mut removed = Vec::new();
        {
            let mut t = txn.open_table(CHECKS)?;
            for row in t.iter()? {
                let c: Check = records::decode(row?.1.value(), "check")?;
                if c.requirement == id {
                    removed.push(c);
                }
            }
            for c in &removed {
                t.remove(c.id.0)?;
            }
        }
        let record = (&old, &removed);
        audit::append(
            &txn,
            &self.actor,
            "requirement.delete",
            &id.to_string(),
            &record,
        )?;
        txn.commit()?;
        Ok((old, removed))
    }

    /// The requirements of one agreement or (None) of all, in id order.
    pub fn requirements(
        &self,
        agreement: Option<AgreementId>,
    ) -> Result<Vec<Requirement>, StoreError> {
        all_of(self, REQUIREMENTS, "requirement", |r: &Requirement| {
            agreement.is_none_or(|a| r.agreement == a)
        })
    }

    /// Stores a new check of an existing requirement and returns it with its id.
    pub fn insert_check(&self, c: &Check) -> Result<Check, StoreError> {
        let txn = self.db.begin_write()?;
        if get::<Requirement>(&txn, REQUIREMENTS, c.requirement.0, "requirement")?.is_none() {
            return Err(StoreError::NotFound(c.requirement.to_string()));
        }
        let mut stored = c.clone();
        stored.id = CheckId(next_id(&txn, NEXT_CHECK)?);
        put(&txn, CHECKS, stored.id.0, &stored)?;
        let subject = stored.id.to_string();
        audit::append(&txn, &self.actor, "check.create", &subject, &stored)?;
        txn.commit()?;
        Ok(stored)
    }

    /// Replaces a stored check (its requirement must exist), or puts a deleted one back.
    pub fn save_check(&self, c: &Check) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        issued(&txn, NEXT_CHECK, c.id.0, c.id.to_string())?;
        if get::<Requirement>(&txn, REQUIREMENTS, c.requirement.0, "requirement")?.is_none() {
            return Err(StoreError::NotFound(c.requirement.to_string()));
        }
        put(&txn, CHECKS, c.id.0, c)?;
        audit::append(&txn, &self.actor, "check.save", &c.id.to_string(), c)?;
        txn.commit()?;
        Ok(())
    }

    pub fn delete_check(&self, id: CheckId) -> Result<Check, StoreError> {
        let txn = self.db.begin_write()?;
        let old: Option<Check> = {
            let mut t = txn.open_table(CHECKS)?;
            let removed = t.remove(id.0)?;
            removed
                .map(|v| records::decode(v.value(), "check"))
                .transpose()?
        };
        let Some(old) = old else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        audit::append(&txn, &self.actor, "check.delete", &id.to_string(), &old)?;
        txn.commit()?;
        Ok(old)
    }

    /// The checks of one requirement or (None) of all, in id order.
    pub fn checks(&self, requirement: Option<RequirementId>) -> Result<Vec<Check>, StoreError> {
        all_of(self, CHECKS, "check", |c: &Check| {
            requirement.is_none_or(|r| c.requirement == r)
        })
    }

    /// The checks of every requirement of one agreement, in id order (for the agenda).
    pub fn checks_of_agreement(&self, agreement: AgreementId) -> Result<Vec<Check>, StoreError> {
        let ids: Vec<RequirementId> = self
            .requirements(Some(agreement))?
            .iter()
            .map(|r| r.id)
            .collect();
        all_of(self, CHECKS, "check", |c: &Check| {
            ids.contains(&c.requirement)
        })
    }
}
