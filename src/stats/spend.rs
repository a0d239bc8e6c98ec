//! Spend against an agreement (DESIGN §4): the figures of `report spend` and the spend
//! views, summed from postings one at a time (the caller streams them from the store),
//! and the price audit of a Peppol document's lines.
//!
//! Choices where DESIGN leaves room (also in the README):
//! - The agreement's period for the supplier rule runs from its start to its end with
//!   exercised extension options; "a supplier of A" includes suppliers it has ended (their
//!   earlier invoices stay the agreement's). The `suppliers` list has its current ones.
//! - `outside` lists every supplier, not ever a supplier of A, with a posting in the
//!   period on one of A's accounts, also when its postings net to zero.

use std::collections::BTreeMap;

use time::Date;

use crate::domain::Agreement;
use crate::domain::money::Money;
use crate::domain::orgnr::OrgNumber;
use crate::domain::spend::{InvoiceDocument, Posting, agreed_price, audit_line};

/// A supplier's sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierSpend {
    pub org_number: OrgNumber,
    pub name: String,
    pub spend: Money,
}

/// The figures of `report spend`.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendReport {
    pub from: Date,
    pub to: Date,
    pub as_of: Date,
    pub spend: Money,
    /// Every current supplier of the agreement, in the agreement's order.
    pub suppliers: Vec<SupplierSpend>,
    pub cumulative: Money,
    pub max_value: Option<Money>,
    pub ceiling_used_share: Option<f64>,
    pub accounts_spend: Money,
    pub compliance_share: Option<f64>,
    /// Largest first, then by organisation number.
    pub outside: Vec<SupplierSpend>,
    /// Per month (first day) of the period: the agreement's spend, for the chart.
    pub months: Vec<(Date, Money)>,
}

/// Sums postings into a [`SpendReport`] for one agreement.
pub struct SpendTally<'a> {
    agreement: &'a Agreement,
    from: Date,
    to: Date,
    as_of: Date,
    spend: i128,
    by_supplier: BTreeMap<String, i128>,
    cumulative: i128,
    accounts_spend: i128,
    accounts_of_a: i128,
    outside: BTreeMap<String, (OrgNumber, String, i128)>,
    months: BTreeMap<Date, i128>,
}

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

fn money(sum: i128) -> Money {
    Money(i64::try_from(sum).unwrap_or(if sum < 0 { i64::MIN } else { i64::MAX }))
}

fn ratio(n: i128, d: i128) -> Option<f64> {
    (d != 0).then(|| n as f64 / d as f64)
}

impl<'a> SpendTally<'a> {
    pub fn new(agreement: &'a Agreement, from: Date, to: Date, as_of: Date) -> SpendTally<'a> {
        SpendTally {
            agreement,
            from,
            to,
            as_of,
            spend: 0,
            by_supplier: BTreeMap::new(),
            cumulative: 0,
            accounts_spend: 0,
            accounts_of_a: 0,
            outside: BTreeMap::new(),
            months: BTreeMap::new(),
        }
    }

    /// Counts `p`; `of_a` says whether it belongs to the agreement.
    pub fn add(&mut self, p: &Posting, of_a: bool) {
        self.add_own(p, of_a);
        self.add_on_accounts(p);
    }

    /// The agreement's side of `p`: its spend, cumulative spend and the part of its
    /// accounts' spend that went through it (nothing when `of_a` is false).
    pub fn add_own(&mut self, p: &Posting, of_a: bool) {
        if !of_a {
            return;
        }
        let amount = i128::from(p.amount.0);
        if p.date <= self.as_of {
            self.cumulative += amount;
        }
        if self.from <= p.date && p.date <= self.to {
            self.spend += amount;
            // Looked up before a key is made: a report adds up many postings per supplier.
            match self.by_supplier.get_mut(p.supplier.digits()) {
                Some(sum) => *sum += amount,
                None => {
                    self.by_supplier
                        .insert(p.supplier.digits().to_string(), amount);
                }
            }
            *self.months.entry(first_of_month(p.date)).or_default() += amount;
            if self.on_accounts(p) {
                self.accounts_of_a += amount;
            }
        }
    }

    fn on_accounts(&self, p: &Posting) -> bool {
        let terms = &self.agreement.money;
        !terms.accounts.is_empty() && terms.lists_account(&p.account)
    }

    /// The accounts' side of `p`: everything on the agreement's accounts in the period,
    /// and the suppliers outside the agreement.
    pub fn add_on_accounts(&mut self, p: &Posting) {
        if !(self.from <= p.date && p.date <= self.to && self.on_accounts(p)) {
            return;
        }
        let amount = i128::from(p.amount.0);
        self.accounts_spend += amount;
        if self.agreement.supplier_ever(&p.supplier).is_none() {
            if !self.outside.contains_key(p.supplier.digits()) {
                self.outside.insert(
                    p.supplier.digits().to_string(),
                    (p.supplier.clone(), p.supplier_name.clone(), 0),
                );
            }
            let Some(e) = self.outside.get_mut(p.supplier.digits()) else {
                return;
            };
            if e.1.trim().is_empty() {
                e.1 = p.supplier_name.clone();
            }
            e.2 += amount;
        }
    }

    pub fn finish(self) -> SpendReport {
        let a = self.agreement;
        let suppliers = a
            .suppliers
            .iter()
            .map(|s| SupplierSpend {
                org_number: s.org_number.clone(),
                name: s.name.clone(),
                spend: money(*self.by_supplier.get(s.org_number.digits()).unwrap_or(&0)),
            })
            .collect();
        let mut outside: Vec<SupplierSpend> = self
            .outside
            .into_values()
            .map(|(org_number, name, sum)| SupplierSpend {
                org_number,
                name,
                spend: money(sum),
            })
            .collect();
        outside.sort_by(|x, y| {
            y.spend
                .cmp(&x.spend)
                .then_with(|| x.org_number.digits().cmp(y.org_number.digits()))
        });
        let max_value = a.money.max_value;
        SpendReport {
            from: self.from,
            to: self.to,
            as_of: self.as_of,
            spend: money(self.spend),
            suppliers,
            cumulative: money(self.cumulative),
            max_value,
            ceiling_used_share: max_value.and_then(|m| ratio(self.cumulative, i128::from(m.0))),
            accounts_spend: money(self.accounts_spend),
            compliance_share: if a.money.accounts.is_empty() {
                None
            } else {
                ratio(self.accounts_of_a, self.accounts_spend)
            },
            outside,
            months: self
                .months
                .into_iter()
                .map(|(m, s)| (m, money(s)))
                .collect(),
        }
    }
}

/// An overcharged line of the price audit.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceAuditRow {
    pub invoice: String,
    pub date: Date,
    pub supplier: OrgNumber,
    pub line: String,
    pub item: String,
    pub quantity: crate::domain::spend::Decimal,
    pub unit_price: Money,
    pub agreed: Money,
    pub overcharge: Money,
}

/// The overcharged lines of `doc` (an invoice with a posting of `a`; credit notes have
/// none), against `a`'s price list.
pub fn audit_document(a: &Agreement, doc: &InvoiceDocument) -> Vec<PriceAuditRow> {
    if doc.credit_note {
        return Vec::new();
    }
    doc.lines
        .iter()
        .filter_map(|l| {
            let row = agreed_price(&a.money.prices, &doc.supplier, l, doc.date, a.start)?;
            let audited = audit_line(l, row.price)?;
            audited.overcharged.then(|| PriceAuditRow {
                invoice: doc.invoice.clone(),
                date: doc.date,
                supplier: doc.supplier.clone(),
                line: l.id.clone(),
                item: l.item.clone(),
                quantity: l.quantity,
                unit_price: audited.unit_price,
                agreed: audited.agreed,
                overcharge: audited.overcharge,
            })
        })
        .collect()
}

/// The report's order: by invoice date, invoice, line (numerically where lines are
/// numbers, as `10` follows `9`).
pub fn sort_audit(rows: &mut [PriceAuditRow]) {
    fn line_key(l: &str) -> (u64, &str) {
        (l.parse().unwrap_or(u64::MAX), l)
    }
    rows.sort_by(|x, y| {
        x.date
            .cmp(&y.date)
            .then_with(|| x.invoice.cmp(&y.invoice))
            .then_with(|| line_key(&x.line).cmp(&line_key(&y.line)))
            .then_with(|| x.supplier.digits().cmp(y.supplier.digits()))
    });
}

/// When the maximum value will be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeilingForecast {
    /// The cumulative spend has reached it.
    Reached,
    /// The day it is reached at the rate of the last twelve months.
    At(Date),
    /// Nothing was bought in the last twelve months: not at this rate.
    NotAtThisRate,
}

/// The day `max` is reached from `cumulative` on `today`, spending as in the last twelve
/// months (`last_twelve`, a year's spend, taken as 365 days).
pub fn ceiling_forecast(
    cumulative: Money,
    max: Money,
    last_twelve: Money,
    today: Date,
) -> CeilingForecast {
    let remaining = i128::from(max.0) - i128::from(cumulative.0);
    if remaining <= 0 {
        return CeilingForecast::Reached;
    }
    let per_year = i128::from(last_twelve.0);
    if per_year <= 0 {
        return CeilingForecast::NotAtThisRate;
    }
    // Whole days, rounded up: the day on which the sum is first at or above the ceiling.
    let days = (remaining * 365 + per_year - 1) / per_year;
    match i64::try_from(days)
        .ok()
        .and_then(|d| today.checked_add(time::Duration::days(d)))
    {
        Some(day) => CeilingForecast::At(day),
        None => CeilingForecast::NotAtThisRate,
    }
}

/// The first day of the twelve whole months before `today`'s month, and `today`: the
/// window the Spend view and the agenda's forecast read.
pub fn last_twelve_months(today: Date) -> (Date, Date) {
    let first = first_of_month(today);
    let mut from = first;
    for _ in 0..11 {
        from = first_of_month(from.previous_day().unwrap_or(from));
    }
    (from, today)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_ceiling_is_forecast_at_the_last_years_rate() {
        let today = date!(2026 - 12 - 07);
        // 18 left at 60 a year: 109.5 days, so day 110.
        assert_eq!(
            ceiling_forecast(Money(82), Money(100), Money(60), today),
            CeilingForecast::At(date!(2027 - 03 - 27))
        );
        assert_eq!(
            ceiling_forecast(Money(100), Money(100), Money(60), today),
            CeilingForecast::Reached
        );
        assert_eq!(
            ceiling_forecast(Money(10), Money(100), Money(0), today),
            CeilingForecast::NotAtThisRate
        );
        assert_eq!(last_twelve_months(today), (date!(2026 - 01 - 01), today));
        assert_eq!(
            last_twelve_months(date!(2026 - 03 - 31)).0,
            date!(2025 - 04 - 01)
        );
    }
}
