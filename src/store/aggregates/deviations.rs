//! Ranking deviations per supplier over the whole agreement, kept current on write like
//! the other aggregates, so the report before the next procurement counts them without
//! reading every deviating call-off (70 000 rows at a million call-offs).
//!
//! `agg_deviation_suppliers`: (agreement, supplier digits) → [`DeviationCounts`]: the
//! call-offs with a ranking deviation that the supplier was awarded, and those it was
//! passed over in (named by the deviation without being the one awarded).

use std::collections::BTreeMap;

use redb::{ReadableTable, WriteTransaction};

use crate::domain::ranking::RankingOutcome;
use crate::domain::{AgreementId, OrgNumber};
use crate::store::calloffs::CallOffRow;
use crate::store::records;
use crate::store::records::calloff_row;
use crate::store::records::names::WriteNames;
use crate::store::tables::{CALLOFF_ROWS, DEVIATION_SUPPLIERS};
use crate::store::{Store, StoreError};

/// Deviating call-offs about one supplier. Signed so that a delta is one too; stored
/// values are never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeviationCounts {
    /// Ranking deviations where the supplier got the call-off.
    pub awarded: i64,
    /// Ranking deviations the supplier was passed over in (or not asked).
    pub passed_over: i64,
}

impl DeviationCounts {
    pub(super) fn add_signed(&mut self, o: &DeviationCounts, sign: i64) {
        self.awarded += sign * o.awarded;
        self.passed_over += sign * o.passed_over;
    }

    fn is_zero(&self) -> bool {
        *self == DeviationCounts::default()
    }
}

/// Deltas by (agreement, supplier digits), gathered in memory and written once.
pub(super) type Gathered = BTreeMap<(u64, String), DeviationCounts>;

/// Adds (`sign` 1) or takes away (-1) what `row` counts: nothing unless its outcome is a
/// ranking deviation.
pub(super) fn add_row(gathered: &mut Gathered, row: &CallOffRow, sign: i64) {
    let RankingOutcome::Deviation { suppliers, .. } = &row.outcome else {
        return;
    };
    let a = row.calloff.agreement.0;
    let awarded = row.calloff.awarded_supplier.as_ref();
    let mut add = |s: &OrgNumber, c: DeviationCounts| {
        gathered
            .entry((a, s.digits().to_string()))
            .or_default()
            .add_signed(&c, sign);
    };
    if let Some(s) = awarded {
        let c = DeviationCounts {
            awarded: 1,
            passed_over: 0,
        };
        add(s, c);
    }
    for s in suppliers.iter().filter(|s| Some(*s) != awarded) {
        let c = DeviationCounts {
            awarded: 0,
            passed_over: 1,
        };
        add(s, c);
    }
}

/// Writes the gathered deltas into `txn`.
pub(super) fn flush(gathered: Gathered, txn: &WriteTransaction) -> Result<(), StoreError> {
    if gathered.is_empty() {
        return Ok(());
    }
    let mut t = txn.open_table(DEVIATION_SUPPLIERS)?;
    for ((a, s), delta) in gathered {
        if delta.is_zero() {
            continue;
        }
        let key = (a, s.as_str());
        let mut now: DeviationCounts = match t.get(key)? {
            Some(v) => records::decode(v.value(), "aggregate")?,
            None => DeviationCounts::default(),
        };
        now.add_signed(&delta, 1);
        if now.is_zero() {
            t.remove(key)?;
        } else {
            t.insert(key, records::encode(&now).as_slice())?;
        }
    }
    Ok(())
}

/// Empties the table and counts every call-off row again (a file written before the
/// table existed, once).
pub(super) fn build(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(DEVIATION_SUPPLIERS)?;
    txn.open_table(DEVIATION_SUPPLIERS)?;
    let mut gathered = Gathered::new();
    let rows = txn.open_table(CALLOFF_ROWS)?;
    let names = WriteNames::new(txn);
    for item in rows.iter()? {
        let (k, v) = item?;
        let (a_id, reference) = k.value();
        let row: CallOffRow = calloff_row::decode(a_id, reference, v.value(), &names)?;
        add_row(&mut gathered, &row, 1);
    }
    drop(rows);
    flush(gathered, txn)
}

impl Store {
    /// The ranking deviations of `agreement` per supplier (by organisation number
    /// digits), over the whole agreement; suppliers without any left out.
    pub fn deviations_by_supplier(
        &self,
        agreement: AgreementId,
    ) -> Result<Vec<(String, DeviationCounts)>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(DEVIATION_SUPPLIERS)?;
        let a = agreement.0;
        let mut out = Vec::new();
        for item in t.range((a, "")..(a.saturating_add(1), ""))? {
            let (k, v) = item?;
            let counts = records::decode(v.value(), "aggregate")?;
            out.push((k.value().1.to_string(), counts));
        }
        Ok(out)
    }
}
