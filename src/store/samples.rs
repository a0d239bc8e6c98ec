//! Invoice samples for manual review (fakturakontroll, issue 16): drawn, checked item by
//! item, listed and taken back. Each change is one transaction with its audit entry, which
//! digests the sample as stored after the change (or, for a deletion, as it was).

use redb::ReadableTable;
use time::Date;

use crate::domain::AgreementId;
use crate::domain::spend::sample::{InvoiceSample, SampleResult};

use super::records;
use super::tables::INVOICE_SAMPLES;
use super::{Store, StoreError, audit};

/// How the audit log names a sample.
fn subject(agreement: AgreementId, number: u32) -> String {
    format!("#{}/{number}", agreement.0)
}

fn not_found(agreement: AgreementId, number: u32) -> StoreError {
    StoreError::NotFound(format!("invoice sample {}", subject(agreement, number)))
}

impl Store {
    /// Stores a new sample of its agreement under the next number and returns it so.
    pub fn insert_sample(&self, s: &InvoiceSample) -> Result<InvoiceSample, StoreError> {
        let txn = self.db.begin_write()?;
        let mut stored = s.clone();
        {
            let mut table = txn.open_table(INVOICE_SAMPLES)?;
            let a = s.agreement.0;
            let last = table
                .range((a, 0)..=(a, u32::MAX))?
                .next_back()
                .transpose()?
                .map_or(0, |(k, _)| k.value().1);
            stored.number = last + 1;
            table.insert((a, stored.number), records::encode(&stored).as_slice())?;
        }
        audit::append(
            &txn,
            &self.actor,
            "sample.create",
            &subject(stored.agreement, stored.number),
            &stored,
        )?;
        txn.commit()?;
        Ok(stored)
    }

    /// Records the check of item `index` of a sample: its result, note and day (a result
    /// of `NotChecked` clears the day). Returns the sample as it was, for undo.
    pub fn check_sample_item(
        &self,
        agreement: AgreementId,
        number: u32,
        index: usize,
        result: SampleResult,
        note: &str,
        on: Date,
    ) -> Result<InvoiceSample, StoreError> {
        let txn = self.db.begin_write()?;
        let (before, after) = {
            let mut table = txn.open_table(INVOICE_SAMPLES)?;
            let before: InvoiceSample = match table.get((agreement.0, number))? {
                Some(v) => records::decode(v.value(), "invoice sample")?,
                None => return Err(not_found(agreement, number)),
            };
            let mut after = before.clone();
            let Some(item) = after.items.get_mut(index) else {
                return Err(StoreError::NotFound(format!(
                    "item {} of invoice sample {}",
                    index + 1,
                    subject(agreement, number)
                )));
            };
            item.result = result;
            item.note = note.trim().to_string();
            item.checked_on = (result != SampleResult::NotChecked).then_some(on);
            table.insert((agreement.0, number), records::encode(&after).as_slice())?;
            (before, after)
        };
        audit::append(
            &txn,
            &self.actor,
            "sample.check",
            &subject(agreement, number),
            &after,
        )?;
        txn.commit()?;
        Ok(before)
    }

    /// Puts a sample back as it was (undo of a check or of a deletion).
    pub fn restore_sample(&self, s: &InvoiceSample) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(INVOICE_SAMPLES)?
            .insert((s.agreement.0, s.number), records::encode(s).as_slice())?;
        audit::append(
            &txn,
            &self.actor,
            "sample.restore",
            &subject(s.agreement, s.number),
            s,
        )?;
        txn.commit()?;
        Ok(())
    }

    /// Removes a sample and returns it (for undo).
    pub fn delete_sample(
        &self,
        agreement: AgreementId,
        number: u32,
    ) -> Result<InvoiceSample, StoreError> {
        let txn = self.db.begin_write()?;
        let old: InvoiceSample = match txn
            .open_table(INVOICE_SAMPLES)?
            .remove((agreement.0, number))?
        {
            Some(v) => records::decode(v.value(), "invoice sample")?,
            None => return Err(not_found(agreement, number)),
        };
        audit::append(
            &txn,
            &self.actor,
            "sample.delete",
            &subject(agreement, number),
            &old,
        )?;
        txn.commit()?;
        Ok(old)
    }

    /// The samples of an agreement, oldest first.
    pub fn samples(&self, agreement: AgreementId) -> Result<Vec<InvoiceSample>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(INVOICE_SAMPLES)?;
        let mut out = Vec::new();
        for row in table.range((agreement.0, 0)..=(agreement.0, u32::MAX))? {
            let (_, v) = row?;
            out.push(records::decode(v.value(), "invoice sample")?);
        }
        Ok(out)
    }
}
