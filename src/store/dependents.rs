//! What depends on an agreement, a supplier or a lot: told before a delete, so that
//! removing a record never silently takes its history with it (a supplier with call-offs is
//! ended, not erased; an agreement with call-offs is not deleted at all).

use crate::domain::{AgreementId, OrgNumber};
use crate::store::records;

use super::calloff_index::{lot_key, supplier_key};
use super::tables::{
    CALLOFF_INDEX, COMPETITIONS, MEETINGS_BY_AGREEMENT, PENALTY_CLAIMS, SUPPLIER_DAYS,
};
use super::{Store, StoreError};
use crate::domain::counts::Counts;

/// Counts of the records behind a record of the register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dependents {
    pub calloffs: u64,
    pub requests: u64,
    pub meetings: u64,
    pub penalty_claims: u64,
    pub competitions: u64,
    /// Deviations registered by hand.
    pub deviations: u64,
    pub purchases: u64,
    /// Damages and termination cases.
    pub sanction_cases: u64,
}

impl Dependents {
    pub fn is_empty(&self) -> bool {
        *self == Dependents::default()
    }
}

/// Where the awarded supplier and the lot key lie in a compact index entry (see
/// `calloff_index`: version, flags, outcome, then the supplier and the lot key).
const SUPPLIER_AT: usize = 3;
const LOT_AT: usize = 11;

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

impl Store {
    /// The call-offs of `agreement` whose compact entry passes `keep`, counted from the
    /// index alone (no row is decoded).
    fn count_calloffs(
        &self,
        agreement: AgreementId,
        keep: impl Fn(&[u8]) -> bool,
    ) -> Result<u64, StoreError> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(CALLOFF_INDEX)?;
        let a = agreement.0;
        let mut n = 0;
        for item in index.range((a, i64::MIN, "")..(a.saturating_add(1), i64::MIN, ""))? {
            let (_, v) = item?;
            if keep(v.value()) {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The requests sent to `org` (all suppliers when None) under `agreement`, summed from
    /// the KPI aggregates.
    fn count_requests(
        &self,
        agreement: AgreementId,
        org: Option<&OrgNumber>,
    ) -> Result<u64, StoreError> {
        let txn = self.db.begin_read()?;
        let days = txn.open_table(SUPPLIER_DAYS)?;
        let a = agreement.0;
        let range = match org {
            Some(o) => days.range((a, o.digits(), i32::MIN)..=(a, o.digits(), i32::MAX))?,
            None => days.range((a, "", i32::MIN)..(a.saturating_add(1), "", i32::MIN))?,
        };
        let mut n = 0i64;
        for item in range {
            let (_, v) = item?;
            let c: Counts = records::decode(v.value(), "aggregate")?;
            n += c.requests;
        }
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Everything that belongs to `agreement`.
    pub fn agreement_dependents(&self, agreement: AgreementId) -> Result<Dependents, StoreError> {
        let a = agreement.0;
        let (meetings, penalty_claims, competitions) = {
            let txn = self.db.begin_read()?;
            let count = |n: usize| n as u64;
            let meetings = txn.open_table(MEETINGS_BY_AGREEMENT)?;
            let meetings = meetings.range((a, 0)..(a.saturating_add(1), 0))?.count();
            let claims = txn.open_table(PENALTY_CLAIMS)?;
            let claims = claims.range((a, "")..(a.saturating_add(1), ""))?.count();
            let comps = txn.open_table(COMPETITIONS)?;
            let comps = comps.range((a, "")..(a.saturating_add(1), ""))?.count();
            (count(meetings), count(claims), count(comps))
        };
        Ok(Dependents {
            calloffs: self.count_calloffs(agreement, |_| true)?,
            requests: self.count_requests(agreement, None)?,
            meetings,
            penalty_claims,
            competitions,
            deviations: self.deviations(Some(agreement))?.len() as u64,
            purchases: self.purchases(agreement)?.len() as u64,
            sanction_cases: (self.damages_cases(Some(agreement))?.len()
                + self.termination_cases(Some(agreement))?.len())
                as u64,
        })
    }

    /// What names supplier `org` under `agreement`: call-offs awarded to it, requests sent
    /// to it, meetings with it, claims and cases against it, deviations about it.
    pub fn supplier_dependents(
        &self,
        agreement: AgreementId,
        org: &OrgNumber,
    ) -> Result<Dependents, StoreError> {
        let key = supplier_key(Some(org));
        let about = |s: Option<&OrgNumber>| s == Some(org);
        Ok(Dependents {
            calloffs: self.count_calloffs(agreement, |v| u64_at(v, SUPPLIER_AT) == Some(key))?,
            requests: self.count_requests(agreement, Some(org))?,
            meetings: self
                .meetings(Some(agreement))?
                .iter()
                .filter(|m| about(m.supplier.as_ref()))
                .count() as u64,
            penalty_claims: self
                .penalty_claims(Some(agreement))?
                .iter()
                .filter(|c| &c.supplier == org)
                .count() as u64,
            competitions: 0,
            deviations: self
                .deviations(Some(agreement))?
                .iter()
                .filter(|d| about(d.supplier.as_ref()))
                .count() as u64,
            purchases: 0,
            sanction_cases: (self
                .damages_cases(Some(agreement))?
                .iter()
                .filter(|c| &c.supplier == org)
                .count()
                + self
                    .termination_cases(Some(agreement))?
                    .iter()
                    .filter(|c| &c.supplier == org)
                    .count()) as u64,
        })
    }

    /// The call-offs placed in lot `lot` of `agreement`.
    pub fn lot_dependents(
        &self,
        agreement: AgreementId,
        lot: &str,
    ) -> Result<Dependents, StoreError> {
        let key = lot_key(lot);
        Ok(Dependents {
            calloffs: self.count_calloffs(agreement, |v| u64_at(v, LOT_AT) == Some(key))?,
            ..Dependents::default()
        })
    }
}
