//! Reading the spend aggregates: the postings of one agreement's report (by day or month
//! where the rules could judge a month's days differently), and the Peppol documents
//! with their invoices' postings for the price audit.

use std::collections::{BTreeMap, HashMap};

use redb::ReadableTable;
use time::Date;

use crate::domain::spend::{Belonging, InvoiceDocument, Posting, belongs_to};
use crate::domain::{Agreement, AgreementId, Money, OrgNumber};

use super::super::records::spend as rec;
use super::super::tables::{
    INVOICES, LEDGER, SPEND_ACCOUNT_DAYS, SPEND_ACCOUNT_MONTHS, SPEND_NAMES, SPEND_REFERENCED,
    SPEND_SUPPLIER_DAYS, SPEND_SUPPLIER_MONTHS,
};
use super::super::{Store, StoreError};
use super::{month_key, month_start, next_month_start, stored_postings};

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
        let calloffs = txn.open_table(super::super::tables::CALLOFF_AGREEMENTS)?;
        let holders = holders(&calloffs);
        // Postings with a reference: one by one, by all three rules.
        for item in txn.open_table(SPEND_REFERENCED)?.iter()? {
            let (k, v) = item?;
            let p = rec::decode_ledger(k.value(), v.value())?;
            let b = belongs_to(&p, agreements, &holders);
            (visit.both)(&p, b.agreement() == Some(a.id));
        }
        let names = txn.open_table(SPEND_NAMES)?;
        let supplier_days = txn.open_table(SPEND_SUPPLIER_DAYS)?;
        let supplier_months = txn.open_table(SPEND_SUPPLIER_MONTHS)?;
        // The agreement's side: only its suppliers' plain postings can be its by the
        // supplier rule. A month whose postings could be judged differently day by day
        // (the period, the as-of day or an agreement of the supplier starting or ending
        // inside it) is read by day.
        let mut suppliers: Vec<&OrgNumber> = a.suppliers.iter().map(|s| &s.org_number).collect();
        suppliers.extend(
            a.history
                .ended_suppliers
                .iter()
                .map(|e| &e.supplier.org_number),
        );
        suppliers.dedup();
        for s in suppliers {
            let mut cuts = vec![
                from,
                to.next_day().unwrap_or(to),
                as_of.next_day().unwrap_or(as_of),
            ];
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
                let split = cuts.iter().any(|c| first < *c && *c < next);
                if !split {
                    let p = sum_posting(s, "", first, account, v.value());
                    let b = belongs_to(&p, agreements, &no_calloffs);
                    (visit.own)(&p, b == Belonging::Supplier(a.id));
                    continue;
                }
                let (d0, d1) = (first.to_julian_day(), next.to_julian_day() - 1);
                for item in supplier_days.range((digits, d0, "")..=(digits, d1, "\u{10ffff}"))? {
                    let (k, v) = item?;
                    let (_, day, acc) = k.value();
                    if acc != account {
                        continue;
                    }
                    let date = Date::from_julian_day(day).unwrap_or(first);
                    let p = sum_posting(s, "", date, account, v.value());
                    let b = belongs_to(&p, agreements, &no_calloffs);
                    (visit.own)(&p, b == Belonging::Supplier(a.id));
                }
            }
        }
        // The accounts' side: every supplier's plain postings on the agreement's accounts
        // in the period; whole months by month, the period's ends by day.
        let account_days = txn.open_table(SPEND_ACCOUNT_DAYS)?;
        let account_months = txn.open_table(SPEND_ACCOUNT_MONTHS)?;
        let mut orgs: HashMap<String, (OrgNumber, String)> = HashMap::new();
        let mut org_of = |digits: &str| -> Result<(OrgNumber, String), StoreError> {
            if let Some(o) = orgs.get(digits) {
                return Ok(o.clone());
            }
            let org = OrgNumber::parse(digits).map_err(|_| StoreError::Corrupt {
                what: "spend aggregates".into(),
                detail: format!("organisation number {digits}"),
            })?;
            let name = names
                .get(digits)?
                .map(|n| n.value().to_string())
                .unwrap_or_default();
            orgs.insert(digits.to_string(), (org.clone(), name.clone()));
            Ok((org, name))
        };
        for account in &a.money.accounts {
            let acc = account.as_str();
            // Only the period decides here, so each supplier's sums on the account are
            // added up first and given once: a large register has thousands per month.
            let mut per_supplier: BTreeMap<String, i64> = BTreeMap::new();
            let (m0, m1) = (month_key(from), month_key(to));
            for item in account_months.range((acc, m0, "")..=(acc, m1, "\u{10ffff}"))? {
                let (k, v) = item?;
                let (_, month, supplier) = k.value();
                let (first, next) = (month_start(month), next_month_start(month));
                if first >= from && next <= to.next_day().unwrap_or(to) {
                    *per_supplier.entry(supplier.to_string()).or_default() += v.value();
                }
            }
            // The days of the partial months at either end.
            let mut ends = vec![month_key(from), month_key(to)];
            ends.dedup();
            for m in ends {
                let (first, last) = (
                    month_start(m),
                    next_month_start(m).previous_day().unwrap_or(to),
                );
                let (lo, hi) = (from.max(first), to.min(last));
                if (lo, hi) == (first, last) || lo > hi {
                    continue;
                }
                let (lo, hi) = (lo.to_julian_day(), hi.to_julian_day());
                for item in account_days.range((acc, lo, "")..=(acc, hi, "\u{10ffff}"))? {
                    let (k, v) = item?;
                    *per_supplier.entry(k.value().2.to_string()).or_default() += v.value();
                }
            }
            for (supplier, sum) in per_supplier {
                let (org, name) = org_of(&supplier)?;
                (visit.on_accounts)(&sum_posting(&org, &name, from, acc, sum));
            }
        }
        Ok(())
    }
}

impl Store {
    /// Every Peppol document with its invoice's postings, each judged against
    /// `agreements`: the price audit reads documents only, whatever the ledger holds.
    pub fn scan_documents(
        &self,
        agreements: &[Agreement],
        mut visit: impl FnMut(&InvoiceDocument, &[(Posting, Belonging)]),
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        let calloffs = txn.open_table(super::super::tables::CALLOFF_AGREEMENTS)?;
        let holders = holders(&calloffs);
        let ledger = txn.open_table(LEDGER)?;
        let docs = txn.open_table(INVOICES)?;
        for item in docs.iter()? {
            let (k, v) = item?;
            let (s, i) = k.value();
            let d = rec::decode_document((s, i), v.value())?;
            let postings: Vec<(Posting, Belonging)> = stored_postings(&ledger, &docs, s, i)?
                .into_iter()
                .map(|p| {
                    let b = belongs_to(&p, agreements, &holders);
                    (p, b)
                })
                .collect();
            visit(&d, &postings);
        }
        Ok(())
    }
}
