//! What an agreement was: earlier rankings and the suppliers that left it. DESIGN §4
//! judges a call-off by the ranking in force when it was requested, so a change to a
//! ranking or a supplier taken out is kept here with its date instead of rewriting the
//! past.

use time::Date;

use super::{Agreement, Supplier};
use crate::domain::orgnr::OrgNumber;

/// The agreement's past that its present no longer shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    /// Rankings that have been replaced, each in force for call-offs requested before its
    /// `until` (and after the one before it).
    pub rankings: Vec<PastRanking>,
    /// Suppliers taken out of the agreement, kept with the day they left: their call-offs,
    /// meetings and claims still name them.
    pub ended_suppliers: Vec<EndedSupplier>,
}

/// A lot's ranking as it was until the day `until` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRanking {
    pub lot: String,
    pub ranking: Vec<OrgNumber>,
    pub until: Date,
}

/// A supplier that left the agreement on `ended`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedSupplier {
    pub supplier: Supplier,
    pub ended: Date,
}

impl Agreement {
    /// The ranking of lot `lot` in force on `day` (DESIGN §4: a call-off is judged by the
    /// ranking in force when it was requested): the earliest replaced ranking that was
    /// still in force then, else the current one. None when the lot did not exist then.
    pub fn ranking_at(&self, lot: &str, day: Date) -> Option<&[OrgNumber]> {
        let past = self
            .history
            .rankings
            .iter()
            .filter(|r| r.lot == lot && day < r.until)
            .min_by_key(|r| r.until);
        match past {
            Some(r) => Some(&r.ranking),
            None => self.lot(lot).map(|l| l.ranking.as_slice()),
        }
    }

    /// Carries `before`'s history into this agreement (its new state, as of `today`) and
    /// adds what this change ends: the ranking of every lot that changed or went, and
    /// every supplier that went. Changes on one day collapse into one: the ranking kept is
    /// the one in force before that day.
    pub fn record_changes(&mut self, before: &Agreement, today: Date) {
        self.history = before.history.clone();
        for old in &before.lots {
            let now = self.lot(&old.name).map(|l| &l.ranking);
            if now == Some(&old.ranking) {
                continue;
            }
            let already = self
                .history
                .rankings
                .iter()
                .any(|r| r.lot == old.name && r.until == today);
            if !already {
                self.history.rankings.push(PastRanking {
                    lot: old.name.clone(),
                    ranking: old.ranking.clone(),
                    until: today,
                });
            }
        }
        for old in &before.suppliers {
            if self.supplier(&old.org_number).is_none() {
                self.history.ended_suppliers.push(EndedSupplier {
                    supplier: old.clone(),
                    ended: today,
                });
            }
        }
        // A supplier taken back in is current again, not ended.
        let current: Vec<OrgNumber> = self
            .suppliers
            .iter()
            .map(|s| s.org_number.clone())
            .collect();
        self.history
            .ended_suppliers
            .retain(|e| !current.contains(&e.supplier.org_number));
    }

    /// The supplier `org`, current or ended (for names on past records).
    pub fn supplier_ever(&self, org: &OrgNumber) -> Option<&Supplier> {
        self.supplier(org).or_else(|| {
            self.history
                .ended_suppliers
                .iter()
                .rev()
                .find(|e| &e.supplier.org_number == org)
                .map(|e| &e.supplier)
        })
    }

    /// Whether `org` was a supplier of the agreement on `day`: a current one, or one that
    /// ended after it.
    pub fn was_supplier(&self, org: &OrgNumber, day: Date) -> bool {
        self.supplier(org).is_some()
            || self
                .history
                .ended_suppliers
                .iter()
                .any(|e| &e.supplier.org_number == org && day < e.ended)
    }
}

#[cfg(test)]
mod tests;
