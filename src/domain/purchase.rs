//! Purchases outside the agreement (köp utanför avtalet): registered, analysed by
//! category and orderer, and the decision taken per category (DESIGN §1.6).

use std::collections::BTreeMap;

use time::Date;

use super::agreement::AgreementId;
use super::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PurchaseId(pub u64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsidePurchase {
    pub id: PurchaseId,
    pub agreement: AgreementId,
    pub date: Date,
    /// The orderer or unit that bought.
    pub orderer: String,
    /// The supplier bought from (often not a party to the agreement), as named.
    pub supplier: String,
    pub description: String,
    pub amount: Money,
    pub category: String,
    /// Why the agreement was not used.
    pub reason: String,
}

/// What to do about a category bought outside the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryDecision {
    /// Not decided yet.
    Undecided,
    /// Take the need into the next procurement. (Stored where an earlier version had "add
    /// to the agreement": a signed framework agreement is not widened, LOU 17 ch.)
    NextProcurement,
    /// A complementary procurement for what the agreement lacks.
    ComplementaryProcurement,
    /// Nothing: the purchases were justified or will stop.
    NoAction,
}

impl CategoryDecision {
    pub const ALL: [CategoryDecision; 4] = [
        CategoryDecision::Undecided,
        CategoryDecision::NextProcurement,
        CategoryDecision::ComplementaryProcurement,
        CategoryDecision::NoAction,
    ];
}

/// Totals of one group (a category or an orderer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Total {
    pub count: usize,
    pub amount: Money,
}

/// Purchases summed by category and by orderer, each sorted by amount, largest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PurchaseAnalysis {
    pub by_category: Vec<(String, Total)>,
    pub by_orderer: Vec<(String, Total)>,
    pub total: Total,
}

pub fn analyse<'a>(purchases: impl IntoIterator<Item = &'a OutsidePurchase>) -> PurchaseAnalysis {
    let mut cats: BTreeMap<String, Total> = BTreeMap::new();
    let mut orderers: BTreeMap<String, Total> = BTreeMap::new();
    let mut total = Total::default();
    for p in purchases {
        for (map, key) in [(&mut cats, &p.category), (&mut orderers, &p.orderer)] {
            let t = map.entry(key.trim().to_string()).or_default();
            t.count += 1;
            t.amount = Money(t.amount.0.saturating_add(p.amount.0));
        }
        total.count += 1;
        total.amount = Money(total.amount.0.saturating_add(p.amount.0));
    }
    let sorted = |m: BTreeMap<String, Total>| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.amount.cmp(&a.1.amount).then_with(|| a.0.cmp(&b.0)));
        v
    };
    PurchaseAnalysis {
        by_category: sorted(cats),
        by_orderer: sorted(orderers),
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn p(cat: &str, orderer: &str, kr: i64) -> OutsidePurchase {
        OutsidePurchase {
            id: PurchaseId(0),
            agreement: AgreementId(1),
            date: date!(2026 - 05 - 01),
            orderer: orderer.into(),
            supplier: "X AB".into(),
            description: String::new(),
            amount: Money(kr * 100),
            category: cat.into(),
            reason: String::new(),
        }
    }

    #[test]
    fn totals_by_category_and_orderer_largest_first() {
        let list = [
            p("Testning", "IT", 100),
            p("Design", "Kultur", 50),
            p("Testning", "Kultur", 25),
        ];
        let a = analyse(&list);
        assert_eq!(
            a.total,
            Total {
                count: 3,
                amount: Money(17_500)
            }
        );
        assert_eq!(a.by_category[0].0, "Testning");
        assert_eq!(
            a.by_category[0].1,
            Total {
                count: 2,
                amount: Money(12_500)
            }
        );
        assert_eq!(a.by_orderer[0].0, "IT");
        assert_eq!(
            a.by_orderer[1].1,
            Total {
                count: 2,
                amount: Money(7_500)
            }
        );
        assert_eq!(analyse([]), PurchaseAnalysis::default());
    }
}
