//! Reading the spend aggregates: the postings of one agreement's report (by day or month
//! where the rules could judge a month's days differently), and the Peppol documents
//! with their invoices' postings for the price audit.

use std::collections::HashMap;

use redb::ReadableTable;
use time::Date;

use crate::domain::spend::{Belonging, InvoiceDocument, Posting, belongs_to};
use crate::domain::{Agreement, AgreementId, Money, OrgNumber};

use super::super::records::spend as rec;
use super::super::tables::{
    INVOICES, LEDGER, SPEND_ACCOUNT_MONTH_DAYS, SPEND_ACCOUNT_YEAR_MONTHS, SPEND_NAMES,
    SPEND_REFERENCED, SPEND_SUPPLIER_MONTH_DAYS,
};
use super::super::{Store, StoreError};
use super::{month_key, month_start, next_month_start};

/// What the aggregates say about one agreement, as postings: each `own` posting with
/// whether it belongs to the agreement (the agreement's side of the report), each
/// `on_accounts` posting on one of its accounts within `from..=to` (the compliance side).
/// A referenced posting is both. Sums stand for many postings: their invoice is empty.
pub struct SpendVisit<'v> {
    pub own: &'v mut dyn FnMut(&Posting, bool),
    pub on_accounts: &'v mut dyn FnMut(&Posting),
    pub both: &'v mut dyn FnMut(&Posting, bool),
}

fn sum_posting(supplier: &OrgNumber, name: &str, date: Date, account: &str, ore: i64) -> Posting {
    Posting {
        supplier: supplier.clone(),
        supplier_name: name.to_string(),
        invoice: String::new(),
        date,
        amount: Money(ore),
        account: account.to_string(),
        contract: None,
        order: None,
        source: crate::domain::spend::PostingSource::Ledger,
    }
}

/// The agreements holding a call-off of a reference, from `calloffs` (the order rule).
pub(in crate::store) fn holders<'t>(
    calloffs: &'t redb::ReadOnlyTable<(&'static str, u64), ()>,
) -> impl Fn(&str) -> Vec<AgreementId> + 't {
    move |reference| {
        let Ok(range) = calloffs.range((reference, 0)..=(reference, u64::MAX)) else {
            return Vec::new();
        };
        range
            .filter_map(Result::ok)
            .map(|(k, _)| AgreementId(k.value().1))
            .collect()
    }
}

/// Every posting with a contract or order reference, judged one by one by all three
/// rules against `agreements`.
fn referenced(
    txn: &redb::ReadTransaction,
    agreements: &[Agreement],
    mut visit: impl FnMut(&Posting, Belonging),
) -> Result<(), StoreError> {
    let calloffs = txn.open_table(super::super::tables::CALLOFF_AGREEMENTS)?;
    let holders = holders(&calloffs);
    for item in txn.open_table(SPEND_REFERENCED)?.iter()? {
        let (k, v) = item?;
        let p = rec::decode_ledger(k.value(), v.value())?;
        let b = belongs_to(&p, agreements, &holders);
        visit(&p, b);
    }
    Ok(())
}

fn no_calloffs(_: &str) -> Vec<AgreementId> {
    Vec::new()
}

impl Store {
    /// The postings of the spend report of `a` over `from..=to` and to `as_of`, from the
    /// aggregates (see the module's comment); `agreements` are all of them, with their
    /// money terms.
    pub fn spend_sums(
        &self,
        agreements: &[Agreement],
        a: &Agreement,
        (from, to, as_of): (Date, Date, Date),
        visit: SpendVisit<'_>,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        referenced(&txn, agreements, |p, b| {
            (visit.both)(p, b.agreement() == Some(a.id))
        })?;
        let names = txn.open_table(SPEND_NAMES)?;
        let supplier_months = txn.open_table(SPEND_SUPPLIER_MONTH_DAYS)?;
        own_sums(
            &supplier_months,
            agreements,
            a,
            &[from, to, as_of],
            visit.own,
        )?;
        // The accounts' side: every supplier's plain postings on the agreement's accounts
        // in the period; whole months from the sums by year, the period's ends by day.
        // Only the period decides here, so each supplier's sums on an account are added up
        // first and given once: a large register has thousands of suppliers.
        let year_months = txn.open_table(SPEND_ACCOUNT_YEAR_MONTHS)?;
        let month_days = txn.open_table(SPEND_ACCOUNT_MONTH_DAYS)?;
        let whole = |month: i32| {
            month_start(month) >= from && next_month_start(month) <= to.next_day().unwrap_or(to)
        };
        for account in &a.money.accounts {
            let acc = account.as_str();
            let mut per_supplier: HashMap<String, i64> = HashMap::new();
            let mut add = |supplier: &str, ore: i64| match per_supplier.get_mut(supplier) {
                Some(sum) => *sum += ore,
                None => {
                    per_supplier.insert(supplier.to_string(), ore);
                }
            };
            let range = (acc, from.year(), "")..=(acc, to.year(), "\u{10ffff}");
            for item in year_months.range(range)? {
                let (k, v) = item?;
                let (_, year, supplier) = k.value();
                // Months that hold a posting: a supplier whose postings net to zero is
                // still one with postings.
                let mut months = v
                    .value()
                    .into_iter()
                    .filter(|(m, _, _)| whole(year * 12 + i32::from(*m) - 1))
                    .peekable();
                if months.peek().is_some() {
                    add(supplier, months.map(|(_, ore, _)| ore).sum());
                }
            }
            // The days of the months the period starts or ends inside.
            let mut ends = vec![month_key(from), month_key(to)];
            ends.dedup();
            for m in ends.into_iter().filter(|m| !whole(*m)) {
                for item in month_days.range((acc, m, "")..=(acc, m, "\u{10ffff}"))? {
                    let (k, v) = item?;
                    let supplier = k.value().2;
                    for (day, ore, _) in v.value() {
                        let date = day_of(m, day)?;
                        if from <= date && date <= to {
                            add(supplier, ore);
                        }
                    }
                }
            }
            let mut per_supplier: Vec<(String, i64)> = per_supplier.into_iter().collect();
            per_supplier.sort_unstable();
            for (supplier, sum) in per_supplier {
                let org = OrgNumber::parse(&supplier).map_err(|_| corrupt(&supplier))?;
                let name = names
                    .get(supplier.as_str())?
                    .map(|n| n.value().to_string())
                    .unwrap_or_default();
                (visit.on_accounts)(&sum_posting(&org, &name, from, acc, sum));
            }
        }
        Ok(())
    }
}

/// The agreement's side of `a`: only its suppliers' plain postings can be its by the
/// supplier rule. A month whose postings could be judged differently day by day (a day of
/// `days` after which the report counts otherwise, or an agreement of the supplier
/// starting or ending inside it) is given day by day, any other as one sum.
fn own_sums(
    supplier_months: &redb::ReadOnlyTable<(&'static str, i32, &'static str), super::Row>,
    agreements: &[Agreement],
    a: &Agreement,
    days: &[Date],
    own: &mut dyn FnMut(&Posting, bool),
) -> Result<(), StoreError> {
    let mut suppliers: Vec<&OrgNumber> = a.suppliers.iter().map(|s| &s.org_number).collect();
    suppliers.extend(
        a.history
            .ended_suppliers
            .iter()
            .map(|e| &e.supplier.org_number),
    );
    suppliers.sort_unstable_by(|x, y| x.digits().cmp(y.digits()));
    suppliers.dedup();
    for s in suppliers {
        // A period's first day, and the days after its last and after the as-of day.
        let mut cuts: Vec<Date> = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if i == 0 {
                    *d
                } else {
                    d.next_day().unwrap_or(*d)
                }
            })
            .collect();
        for other in agreements.iter().filter(|o| o.supplier_ever(s).is_some()) {
            cuts.push(other.start);
            cuts.push(other.current_end().next_day().unwrap_or(Date::MAX));
        }
        let digits = s.digits();
        for item in
            supplier_months.range((digits, i32::MIN, "")..=(digits, i32::MAX, "\u{10ffff}"))?
        {
            let (k, v) = item?;
            let (_, month, account) = k.value();
            let (first, next) = (month_start(month), next_month_start(month));
            let days = v.value();
            if !cuts.iter().any(|c| first < *c && *c < next) {
                let sum = days.iter().map(|(_, ore, _)| ore).sum();
                let p = sum_posting(s, "", first, account, sum);
                let b = belongs_to(&p, agreements, &no_calloffs);
                own(&p, b == Belonging::Supplier(a.id));
                continue;
            }
            for (day, ore, _) in days {
                let p = sum_posting(s, "", day_of(month, day)?, account, ore);
                let b = belongs_to(&p, agreements, &no_calloffs);
                own(&p, b == Belonging::Supplier(a.id));
            }
        }
    }
    Ok(())
}

impl Store {
    /// The agreement's side of the spend of each of `which` (places in `agreements`) to
    /// `days` (the first day of a period, and its last days), in one reading of the
    /// referenced postings: `own` gets the place and each posting that is that
    /// agreement's. For the agenda, which asks it of every agreement with a maximum value.
    pub fn own_spend(
        &self,
        agreements: &[Agreement],
        which: &[usize],
        days: &[Date],
        own: &mut dyn FnMut(usize, &Posting),
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        referenced(&txn, agreements, |p, b| {
            if let Some(id) = b.agreement()
                && let Some(at) = which.iter().find(|i| agreements[**i].id == id)
            {
                own(*at, p);
            }
        })?;
        let supplier_months = txn.open_table(SPEND_SUPPLIER_MONTH_DAYS)?;
        for at in which {
            own_sums(
                &supplier_months,
                agreements,
                &agreements[*at],
                days,
                &mut |p, of_a| {
                    if of_a {
                        own(*at, p)
                    }
                },
            )?;
        }
        Ok(())
    }
}

fn corrupt(detail: &str) -> StoreError {
    StoreError::Corrupt {
        what: "spend aggregates".into(),
        detail: detail.into(),
    }
}

/// Day `day` of month `month` (as [`month_key`] numbers them).
fn day_of(month: i32, day: u8) -> Result<Date, StoreError> {
    month_start(month)
        .replace_day(day)
        .map_err(|_| corrupt(&format!("day {day} of month {month}")))
}

impl Store {
    /// The Peppol documents of `suppliers` dated in `from..=to` (either end open), each
    /// with its invoice's postings judged against `agreements`. The price audit reads
    /// these only: a line is audited against the price rows of its document's supplier,
    /// so a supplier without rows has nothing to audit.
    pub fn scan_documents(
        &self,
        agreements: &[Agreement],
        suppliers: &[&OrgNumber],
        (from, to): (Option<Date>, Option<Date>),
        mut visit: impl FnMut(&InvoiceDocument, &[(Posting, Belonging)]),
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        let calloffs = txn.open_table(super::super::tables::CALLOFF_AGREEMENTS)?;
        let holders = holders(&calloffs);
        let ledger = txn.open_table(LEDGER)?;
        let docs = txn.open_table(INVOICES)?;
        let mut suppliers: Vec<&str> = suppliers.iter().map(|s| s.digits()).collect();
        suppliers.sort_unstable();
        suppliers.dedup();
        // The documents are read in key order, and so their ledger rows: a walk along the
        // ledger instead of a seek for each.
        let mut walk = super::StoredInvoices::new(&ledger, &docs, 0)?;
        for supplier in suppliers {
            for item in docs.range((supplier, "")..)? {
                let (k, v) = item?;
                let (s, i) = k.value();
                if s != supplier {
                    break;
                }
                let d = rec::decode_document((s, i), v.value())?;
                if from.is_some_and(|f| d.date < f) || to.is_some_and(|t| t < d.date) {
                    continue;
                }
                let rows = walk.rows_of(s, i)?;
                let postings: Vec<(Posting, Belonging)> = super::merged(rows, Some(&d))
                    .into_iter()
                    .map(|p| {
                        let b = belongs_to(&p, agreements, &holders);
                        (p, b)
                    })
                    .collect();
                visit(&d, &postings);
            }
        }
        Ok(())
    }
}
