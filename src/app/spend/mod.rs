//! Spend against the agreement (DESIGN §1.12): the store's invoices summed by the rules
//! of `stats::spend`, for `report spend`, `report price-audit` and the Spend view alike.

pub mod sample;
mod view;

pub use sample::SpendForm;
pub use view::{SpendPart, SpendState};

use time::Date;

use crate::domain::Agreement;
use crate::stats::spend::{PriceAuditRow, SpendReport, SpendTally, audit_document, sort_audit};
use crate::store::{Store, StoreError};

/// `report spend` for `a` (by reference or id among `agreements`, which carry their money
/// terms): every invoice is judged against all agreements, as a posting belongs to one.
pub fn spend(
    store: &Store,
    agreements: &[Agreement],
    a: &Agreement,
    from: Date,
    to: Date,
    as_of: Date,
) -> Result<SpendReport, StoreError> {
    let mut tally = SpendTally::new(a, from, to, as_of);
    store.scan_invoices(agreements, |inv| {
        for (p, b) in &inv.postings {
            tally.add(p, b.agreement() == Some(a.id));
        }
        true
    })?;
    Ok(tally.finish())
}

/// `report price-audit` for `a`: the overcharged lines of its invoices dated in
/// `from..=to` (either end open), in the report's order.
pub fn price_audit(
    store: &Store,
    agreements: &[Agreement],
    a: &Agreement,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<PriceAuditRow>, StoreError> {
    let mut rows = Vec::new();
    store.scan_invoices(agreements, |inv| {
        if let Some(doc) = &inv.document
            && from.is_none_or(|f| f <= doc.date)
            && to.is_none_or(|t| doc.date <= t)
            && inv.belongs_to(a.id)
        {
            rows.extend(audit_document(a, doc));
        }
        true
    })?;
    sort_audit(&mut rows);
    Ok(rows)
}

/// Per agreement of `agreements` (in their order): the cumulative spend to `today` and
/// the spend of the last twelve months, from one pass over the invoices, for the agenda.
pub fn ceilings(
    store: &Store,
    agreements: &[Agreement],
    today: Date,
) -> Result<Vec<(crate::domain::Money, crate::domain::Money)>, StoreError> {
    let (from, _) = crate::stats::spend::last_twelve_months(today);
    let mut sums = vec![(0i128, 0i128); agreements.len()];
    store.scan_invoices(agreements, |inv| {
        for (p, b) in &inv.postings {
            let Some(i) = b
                .agreement()
                .and_then(|id| agreements.iter().position(|a| a.id == id))
            else {
                continue;
            };
            if p.date <= today {
                sums[i].0 += i128::from(p.amount.0);
                if p.date >= from {
                    sums[i].1 += i128::from(p.amount.0);
                }
            }
        }
        true
    })?;
    let money = |v: i128| crate::domain::Money(i64::try_from(v).unwrap_or(i64::MAX));
    Ok(sums
        .into_iter()
        .map(|(c, l)| (money(c), money(l)))
        .collect())
}
