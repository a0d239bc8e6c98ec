//! Penalty claims kept in step with the call-offs (DESIGN §4). A sync reads only the
//! call-offs the penalty watch names — those written since the last sync and, on a new
//! day, those whose delay still grows — unless the agreement's late-delivery term changed
//! or the sync goes back in time, when every possibly late call-off is read again.

use redb::{ReadableTable, WriteTransaction};
use time::{Date, Duration};

use crate::domain::AgreementId;
use crate::domain::agreement::PenaltyTerm;
use crate::domain::penalty;
use crate::domain::sanction::{ClaimId, PenaltyClaim, proposals};

use super::calloffs::CallOffRow;
use super::penalty_watch;
use super::records;
use super::records::calloff_row;
use super::records::names::WriteNames;
use super::sanctions::{NEXT_CLAIM, SyncCount, claim_subject, next_id, write_claim};
use super::tables::{AGREEMENTS, CALLOFF_ROWS, PENALTY_CLAIMS, PENALTY_SYNCED};
use super::{Store, StoreError, audit};

/// What the last sync of an agreement saw: its day and a digest of the term it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Synced {
    day: i32,
    term: u64,
}

impl Synced {
    fn encode(self) -> [u8; 12] {
        let mut out = [0; 12];
        out[..4].copy_from_slice(&self.day.to_le_bytes());
        out[4..].copy_from_slice(&self.term.to_le_bytes());
        out
    }

    /// None for a value this build did not write: the sync then starts afresh.
    fn decode(v: &[u8]) -> Option<Synced> {
        Some(Synced {
            day: i32::from_le_bytes(v.get(..4)?.try_into().ok()?),
            term: u64::from_le_bytes(v.get(4..12)?.try_into().ok()?),
        })
    }
}

/// FNV-1a over the term as stored, so a changed rate, basis or cap is noticed.
fn digest(term: &PenaltyTerm) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in records::agreement::term_bytes(term) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A delay that no longer moves the amount: the penalty a year on is the same, so it has
/// ended (delivered by `as_of`) or reached its cap (the amount never falls as the delay
/// grows). A delivery dated after `as_of` still counts as running until then.
fn settled(row: &CallOffRow, term: &PenaltyTerm, as_of: Date, amount: Option<i64>) -> bool {
    let c = &row.calloff;
    let later = as_of.checked_add(Duration::days(366)).unwrap_or(as_of);
    penalty::late_delivery(c, term, later).map(|p| p.amount.0) == amount
}

fn read_rows(
    txn: &WriteTransaction,
    agreement: AgreementId,
    references: &[String],
) -> Result<Vec<CallOffRow>, StoreError> {
    let rows = txn.open_table(CALLOFF_ROWS)?;
    let names = WriteNames::new(txn);
    let mut out = Vec::with_capacity(references.len());
    for reference in references {
        if let Some(v) = rows.get((agreement.0, reference.as_str()))? {
            out.push(calloff_row::decode(
                agreement.0,
                reference,
                v.value(),
                &names,
            )?);
        }
    }
    Ok(out)
}

impl Store {
    /// Records the penalties of `agreement` at `as_of` (DESIGN §4) as claims: a breach seen
    /// for the first time becomes an `Identified` claim, one already recorded only has its
    /// amount brought up to date while still `Identified`. One transaction, committed only
    /// when something changed, with an audit entry per claim written.
    pub fn sync_penalty_claims(
        &self,
        agreement: AgreementId,
        as_of: Date,
    ) -> Result<SyncCount, StoreError> {
        let txn = self.db.begin_write()?;
        let Some(a) = txn
            .open_table(AGREEMENTS)?
            .get(agreement.0)?
            .map(|v| records::agreement::decode(v.value()))
            .transpose()?
        else {
            return Err(StoreError::NotFound(format!("#{}", agreement.0)));
        };
        let Some(term) = penalty::late_delivery_term(&a.penalties) else {
            txn.abort()?;
            return Ok(SyncCount::default());
        };
        let today = Synced {
            day: as_of.to_julian_day(),
            term: digest(term),
        };
        let last = txn
            .open_table(PENALTY_SYNCED)?
            .get(agreement.0)?
            .and_then(|v| Synced::decode(v.value()));
        let full = last.is_none_or(|l| l.term != today.term || l.day > today.day);
        let references = if full {
            super::calloff_index::may_be_late(&txn, agreement)?
        } else {
            let new_day = last.is_some_and(|l| l.day < today.day);
            penalty_watch::due(&txn, agreement, today.day, new_day)?
        };
        let rows = read_rows(&txn, agreement, &references)?;
        let found = proposals(&a, rows.iter().map(|r| &r.calloff), as_of);

        let mut count = SyncCount::default();
        for p in &found {
            let existing: Option<PenaltyClaim> = txn
                .open_table(PENALTY_CLAIMS)?
                .get((agreement.0, p.calloff.as_str()))?
                .map(|v| records::decode(v.value(), "penalty claim"))
                .transpose()?;
            let (claim, action) = match existing {
                Some(mut c) => {
                    if !c.reidentify(p) {
                        continue;
                    }
                    count.updated += 1;
                    (c, "claim.reidentify")
                }
                None => {
                    let mut c = PenaltyClaim::identified(agreement, p, as_of);
                    c.id = ClaimId(next_id(&txn, NEXT_CLAIM)?);
                    count.new += 1;
                    (c, "claim.identify")
                }
            };
            write_claim(&txn, &claim)?;
            audit::append(&txn, &self.actor, action, &claim_subject(&claim), &claim)?;
        }

        // What the next sync must look at again.
        if full {
            penalty_watch::clear(&txn, agreement)?;
        }
        let amounts: std::collections::HashMap<&str, i64> = found
            .iter()
            .map(|p| (p.calloff.as_str(), p.breakdown.penalty.amount.0))
            .collect();
        for row in &rows {
            let c = &row.calloff;
            if c.delivery_due
                .is_some_and(|d| d.to_julian_day() >= today.day)
            {
                penalty_watch::keep_pending(&txn, row)?;
                continue;
            }
            let amount = amounts.get(c.reference.as_str()).copied();
            let running = !settled(row, term, as_of, amount);
            penalty_watch::settle(&txn, row, running)?;
        }
        let nothing_read = rows.is_empty() && !full;
        if count == SyncCount::default() && nothing_read && last == Some(today) {
            txn.abort()?;
        } else {
            txn.open_table(PENALTY_SYNCED)?
                .insert(agreement.0, today.encode().as_slice())?;
            txn.commit()?;
        }
        Ok(count)
    }
}
