//! Spend against the agreement (DESIGN §1.12): the store's invoices summed by the rules
//! of `stats::spend`, for `report spend`, `report price-audit` and the Spend view alike.

mod overcharge;
pub mod sample;
mod view;

pub use sample::SpendForm;
pub use view::{SpendPart, SpendState};

use time::Date;

use crate::domain::Agreement;
use crate::stats::spend::{PriceAuditRow, SpendReport, SpendTally, audit_document, sort_audit};
use crate::store::{Store, StoreError};

/// `report spend` for `a` (among `agreements`, which carry their money terms), from the
/// store's spend aggregates: a posting belongs to one agreement, judged against them all.
pub fn spend(
    store: &Store,
    agreements: &[Agreement],
    a: &Agreement,
    from: Date,
    to: Date,
    as_of: Date,
) -> Result<SpendReport, StoreError> {
    let tally = std::cell::RefCell::new(SpendTally::new(a, from, to, as_of));
    store.spend_sums(
        agreements,
        a,
        (from, to, as_of),
        crate::store::SpendVisit {
            own: &mut |p, of_a| tally.borrow_mut().add_own(p, of_a),
            on_accounts: &mut |p| tally.borrow_mut().add_on_accounts(p),
            both: &mut |p, of_a| tally.borrow_mut().add(p, of_a),
        },
    )?;
    Ok(tally.into_inner().finish())
}

/// The same report from every posting one by one: what the aggregates must agree with
/// (the tests compare the two).
pub fn spend_by_scan(
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
    let suppliers: Vec<&crate::domain::OrgNumber> =
        a.money.prices.iter().map(|p| &p.supplier).collect();
    store.scan_documents(agreements, &suppliers, (from, to), |doc, postings| {
        if postings.iter().any(|(_, b)| b.agreement() == Some(a.id)) {
            rows.extend(audit_document(a, doc));
        }
    })?;
    sort_audit(&mut rows);
    Ok(rows)
}

/// Per agreement of `agreements` (in their order): the cumulative spend to `today` and
/// the spend of the last twelve months, for the agenda (zero for those without a maximum
/// value, which the agenda does not warn about). One reading for all of them.
pub fn ceilings(
    store: &Store,
    agreements: &[Agreement],
    today: Date,
) -> Result<Vec<(crate::domain::Money, crate::domain::Money)>, StoreError> {
    let (from, _) = crate::stats::spend::last_twelve_months(today);
    let which: Vec<usize> = (0..agreements.len())
        .filter(|i| agreements[*i].money.max_value.is_some())
        .collect();
    let mut tallies: Vec<SpendTally> = agreements
        .iter()
        .map(|a| SpendTally::new(a, from, today, today))
        .collect();
    store.own_spend(agreements, &which, &[from, today, today], &mut |at, p| {
        tallies[at].add_own(p, true)
    })?;
    Ok(tallies
        .into_iter()
        .zip(agreements)
        .map(|(t, a)| {
            if a.money.max_value.is_none() {
                return Default::default();
            }
            let r = t.finish();
            (r.cumulative, r.spend)
        })
        .collect())
}
