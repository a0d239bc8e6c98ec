//! The suppliers' own monthly statistics (DESIGN §6 supplier-stats), keyed by
//! (agreement, supplier, month) so that a re-import of a month replaces it; and the
//! one read the stats module needs: an agreement's call-offs with all their requests,
//! from a single read transaction so the figures come from one consistent state.

use crate::domain::AgreementId;
use crate::domain::calloff::{CallOff, Request};
use crate::domain::supplier_report::{SupplierMonth, month_key};

use super::calloffs::{CallOffRow, ImportCount};
use super::records;
use super::records::names::ReadNames;
use super::records::{calloff_row, request};
use super::tables::{CALLOFF_ROWS, REQUESTS, SUPPLIER_STATS};
use super::{Store, StoreError, audit};

impl Store {
    /// Stores reported months in one transaction, all or none; a month already stored
    /// for the same agreement and supplier is replaced.
    pub fn import_supplier_stats(
        &self,
        months: &[SupplierMonth],
    ) -> Result<ImportCount, StoreError> {
        let txn = self.db.begin_write()?;
        let mut count = ImportCount::default();
        {
            let mut table = txn.open_table(SUPPLIER_STATS)?;
            for m in months {
                let month = month_key(m.month);
                let key = (m.agreement.0, m.supplier.digits(), month.as_str());
                if table.insert(key, records::encode(m).as_slice())?.is_none() {
                    count.new += 1;
                } else {
                    count.updated += 1;
                }
            }
        }
        audit::append(
            &txn,
            &self.actor,
            "supplier_stats.import",
            &format!("{} months", months.len()),
            &months,
        )?;
        txn.commit()?;
        Ok(count)
    }

    /// Every reported month of an agreement, by supplier and month.
    pub fn supplier_stats(&self, agreement: AgreementId) -> Result<Vec<SupplierMonth>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(SUPPLIER_STATS)?;
        let mut out = Vec::new();
        for row in table.range((agreement.0, "", "")..(agreement.0 + 1, "", ""))? {
            let (_, v) = row?;
            out.push(records::decode(v.value(), "supplier month")?);
        }
        Ok(out)
    }

    /// Every call-off of an agreement (by reference) and every request of those
    /// call-offs, read in one transaction: the input of the KPI table.
    pub fn calloffs_and_requests(
        &self,
        agreement: AgreementId,
    ) -> Result<(Vec<CallOff>, Vec<Request>), StoreError> {
        let txn = self.db.begin_read()?;
        let rows = txn.open_table(CALLOFF_ROWS)?;
        let requests = txn.open_table(REQUESTS)?;
        let names = ReadNames::open(&txn)?;
        let mut calloffs = Vec::new();
        let mut out = Vec::new();
        for row in rows.range((agreement.0, "")..(agreement.0 + 1, ""))? {
            let (k, v) = row?;
            let (a_id, reference) = k.value();
            let row: CallOffRow = calloff_row::decode(a_id, reference, v.value(), &names)?;
            // Request keys are `calloff ␟ supplier ␟ sent_at` (see `request_key`), so
            // one call-off's requests are the keys from `calloff␟` up to `calloff` + 0x20.
            let from = format!("{}\u{1f}", row.calloff.reference);
            let to = format!("{}\u{20}", row.calloff.reference);
            for r in requests.range((agreement.0, from.as_str())..(agreement.0, to.as_str()))? {
                let (k, v) = r?;
                out.push(request::decode(agreement.0, k.value().1, v.value())?);
            }
            calloffs.push(row.calloff);
        }
        Ok((calloffs, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calloff::tests::org;
    use crate::domain::supplier_report::Hours;
    use crate::domain::{Agreement, Supplier};
    use time::macros::date;

    fn month(agreement: AgreementId, first: time::Date, requests: u32) -> SupplierMonth {
        SupplierMonth {
            agreement,
            supplier: org(1),
            month: first,
            requests,
            answered_in_time: 0,
            consultants: 0,
            replaced_due_to_complaint: 0,
            sick_hours: Hours(0),
            scheduled_hours: Hours(16_000),
        }
    }

    #[test]
    fn a_reimported_month_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        a.suppliers.push(Supplier {
            org_number: org(1),
            name: "S1".into(),
            contacts: Vec::new(),
        });
        let id = store.insert_agreement(&a).unwrap();
        let other = store
            .insert_agreement(&Agreement::new("UH-2", "X", a.start, a.end))
            .unwrap();
        let first = [
            month(id, date!(2026 - 04 - 01), 3),
            month(other, date!(2026 - 04 - 01), 9),
        ];
        let count = store.import_supplier_stats(&first).unwrap();
        assert_eq!((count.new, count.updated), (2, 0));
        let again = [
            month(id, date!(2026 - 04 - 01), 5),
            month(id, date!(2026 - 05 - 01), 1),
        ];
        let count = store.import_supplier_stats(&again).unwrap();
        assert_eq!((count.new, count.updated), (1, 1));
        assert_eq!(store.supplier_stats(id).unwrap(), again.to_vec());
        assert_eq!(store.supplier_stats(other).unwrap(), vec![first[1].clone()]);
    }
}
