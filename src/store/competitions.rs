//! Renewed competitions (one per call-off, keyed by its agreement and reference) and evaluation models
//! saved on an agreement for reuse. Each change is one transaction with its audit entry.

use crate::domain::AgreementId;
use crate::domain::competition::{Competition, EvaluationModel};

use super::records;
use super::tables::{COMPETITIONS, MODELS};
use super::{Store, StoreError, audit};

impl Store {
    /// Adds or replaces the competition of a call-off.
    pub fn save_competition(&self, c: &Competition) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(COMPETITIONS)?.insert(
            (c.agreement.0, c.calloff.as_str()),
            records::encode(c).as_slice(),
        )?;
        audit::append(&txn, &self.actor, "competition.save", &c.calloff, c)?;
        txn.commit()?;
        Ok(())
    }

    /// Adds or replaces many competitions in one transaction with one audit entry, as the
    /// call-off import does (the demo's competitions: one fsync, not one per competition).
    pub fn import_competitions(&self, list: &[Competition]) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(COMPETITIONS)?;
            for c in list {
                table.insert(
                    (c.agreement.0, c.calloff.as_str()),
                    records::encode(c).as_slice(),
                )?;
            }
        }
        audit::append(
            &txn,
            &self.actor,
            "competitions.import",
            &format!("{} competitions", list.len()),
            &list,
        )?;
        txn.commit()?;
        Ok(())
    }

    /// The competition of call-off `calloff` of `agreement`, if one was started.
    pub fn competition(
        &self,
        agreement: AgreementId,
        calloff: &str,
    ) -> Result<Option<Competition>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(COMPETITIONS)?;
        let found = table.get((agreement.0, calloff))?;
        found
            .map(|v| records::decode(v.value(), "competition"))
            .transpose()
    }

    /// Every competition of an agreement, by call-off reference.
    pub fn competitions(&self, agreement: AgreementId) -> Result<Vec<Competition>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(COMPETITIONS)?;
        let mut out = Vec::new();
        for row in table.range((agreement.0, "")..(agreement.0.saturating_add(1), ""))? {
            let (_, v) = row?;
            out.push(records::decode(v.value(), "competition")?);
        }
        Ok(out)
    }

    /// Removes a competition; returns it so the caller can offer undo.
    pub fn delete_competition(
        &self,
        agreement: AgreementId,
        calloff: &str,
    ) -> Result<Competition, StoreError> {
        let txn = self.db.begin_write()?;
        let old: Competition = match txn
            .open_table(COMPETITIONS)?
            .remove((agreement.0, calloff))?
        {
            Some(v) => records::decode(v.value(), "competition")?,
            None => return Err(StoreError::NotFound(calloff.to_string())),
        };
        audit::append(&txn, &self.actor, "competition.delete", calloff, &old)?;
        txn.commit()?;
        Ok(old)
    }

    /// Saves a model on an agreement under its name, replacing one of the same name.
    pub fn save_model(
        &self,
        agreement: AgreementId,
        model: &EvaluationModel,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(MODELS)?.insert(
            (agreement.0, model.name.as_str()),
            records::encode(model).as_slice(),
        )?;
        audit::append(&txn, &self.actor, "model.save", &model.name, model)?;
        txn.commit()?;
        Ok(())
    }

    /// The models saved on an agreement, by name.
    pub fn models(&self, agreement: AgreementId) -> Result<Vec<EvaluationModel>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(MODELS)?;
        let mut out = Vec::new();
        for row in table.range((agreement.0, "")..(agreement.0 + 1, ""))? {
            let (_, v) = row?;
            out.push(records::decode(v.value(), "model")?);
        }
        Ok(out)
    }

    /// Removes a saved model; returns it so the caller can offer undo.
    pub fn delete_model(
        &self,
        agreement: AgreementId,
        name: &str,
    ) -> Result<EvaluationModel, StoreError> {
        let txn = self.db.begin_write()?;
        let old: EvaluationModel = match txn.open_table(MODELS)?.remove((agreement.0, name))? {
            Some(v) => records::decode(v.value(), "model")?,
            None => return Err(StoreError::NotFound(name.to_string())),
        };
        audit::append(&txn, &self.actor, "model.delete", name, &old)?;
        txn.commit()?;
        Ok(old)
    }
}
