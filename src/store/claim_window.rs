//! An agreement's penalty claims read as a window: `PENALTY_CLAIMS` is keyed (agreement,
//! call-off reference), so a range over the agreement is the list in reference order. The
//! Sanctions tab holds only the claims around its selection and steps from one reference
//! to the next here; the list's length comes from the counts kept on write
//! (`claim_totals`), so no read is proportional to the number of claims except finding
//! a position again after claims were added or removed (`claim_rank`).

use crate::domain::AgreementId;
use crate::domain::sanction::PenaltyClaim;
use crate::store::records;

use super::calloffs::CallOffRow;
use super::records::calloff_row;
use super::records::names::ReadNames;
use super::tables::{CALLOFF_ROWS, PENALTY_CLAIMS};
use super::{Store, StoreError};

/// Where a step through an agreement's claims starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimStep<'a> {
    /// The `n`th claim from the first (0 is the first).
    FromFirst(usize),
    /// The `n`th claim back from the last (0 is the last).
    FromLast(usize),
    /// `n` claims on from this reference (or from the first one after it when it is gone).
    Forward(&'a str, usize),
    /// `n` claims back from this reference (1 is the one just before it).
    Back(&'a str, usize),
}

type Row<'a> = Result<
    (
        redb::AccessGuard<'a, (u64, &'static str)>,
        redb::AccessGuard<'a, &'static [u8]>,
    ),
    redb::StorageError,
>;

/// The reference of the `n`th row (0 the first), or of the last one when there are fewer.
fn nth_reference<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    n: usize,
) -> Result<Option<String>, StoreError> {
    let mut last = None;
    for row in rows.take(n.saturating_add(1)) {
        last = Some(row?.0.value().1.to_string());
    }
    Ok(last)
}

fn claim(v: &[u8]) -> Result<PenaltyClaim, StoreError> {
    records::decode(v, "penalty claim")
}

impl Store {
    /// The reference of the claim `step` leads to, or of the farthest one there is in that
    /// direction; None when the agreement has no claim that way at all.
    pub fn claim_reference(
        &self,
        agreement: AgreementId,
        step: ClaimStep<'_>,
    ) -> Result<Option<String>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let a = agreement.0;
        match step {
            ClaimStep::FromFirst(n) => nth_reference(t.range((a, "")..(a + 1, ""))?, n),
            ClaimStep::FromLast(n) => nth_reference(t.range((a, "")..(a + 1, ""))?.rev(), n),
            ClaimStep::Forward(from, n) => nth_reference(t.range((a, from)..(a + 1, ""))?, n),
            ClaimStep::Back(from, 0) => nth_reference(t.range((a, from)..(a + 1, ""))?, 0),
            ClaimStep::Back(from, n) => nth_reference(t.range((a, "")..(a, from))?.rev(), n - 1),
        }
    }

    /// Up to `before` claims before `reference`, then up to `from` claims starting at it,
    /// in reference order; with how many of them come before it.
    pub fn claims_around(
        &self,
        agreement: AgreementId,
        reference: &str,
        before: usize,
        from: usize,
    ) -> Result<(Vec<PenaltyClaim>, usize), StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let a = agreement.0;
        let mut out = Vec::with_capacity(before + from);
        for row in t.range((a, "")..(a, reference))?.rev().take(before) {
            out.push(claim(row?.1.value())?);
        }
        out.reverse();
        let n = out.len();
        for row in t.range((a, reference)..(a + 1, ""))?.take(from) {
            out.push(claim(row?.1.value())?);
        }
        Ok((out, n))
    }

    /// How many of the agreement's claims come before `reference` (its position in the
    /// list). Reads every key before it: used only after claims were added or removed.
    pub fn claim_rank(&self, agreement: AgreementId, reference: &str) -> Result<usize, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let a = agreement.0;
        let mut n = 0;
        for row in t.range((a, "")..(a, reference))? {
            row?;
            n += 1;
        }
        Ok(n)
    }

    /// One claim, by its call-off's reference.
    pub fn penalty_claim(
        &self,
        agreement: AgreementId,
        reference: &str,
    ) -> Result<Option<PenaltyClaim>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(PENALTY_CLAIMS)?;
        let found = t.get((agreement.0, reference))?;
        found.map(|v| claim(v.value())).transpose()
    }

    /// The rows of the named call-offs of one agreement (those not found left out), in one
    /// read: the arithmetic of the claims on screen.
    pub fn calloff_rows_named<'a>(
        &self,
        agreement: AgreementId,
        references: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<CallOffRow>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(CALLOFF_ROWS)?;
        let names = ReadNames::open(&txn)?;
        let mut out = Vec::new();
        for r in references {
            if let Some(v) = t.get((agreement.0, r))? {
                out.push(calloff_row::decode(agreement.0, r, v.value(), &names)?);
            }
        }
        Ok(out)
    }
}
