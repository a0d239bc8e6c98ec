//! Spend aggregates kept on write (issue 16), so `report spend` and the Spend tab read a
//! few thousand sums instead of every posting. A posting without a contract or order
//! reference belongs to an agreement by its supplier, date and account alone (DESIGN §4,
//! the third rule), so such postings are summed by (supplier, day, account) and by
//! (account, day, supplier), per day and per month, and judged against the agreements when
//! read: a change of an agreement changes no sum. Postings with a reference are kept one
//! by one and judged one by one, as the first two rules need.

use std::collections::{BTreeMap, HashMap};

use redb::{ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use time::Date;

use crate::domain::spend::{Belonging, InvoiceDocument, Posting, belongs_to, merge_references};
use crate::domain::{Agreement, AgreementId, Money, OrgNumber};

use super::records::spend as rec;
use super::tables::{
    INVOICES, LEDGER, SPEND_ACCOUNT_DAYS, SPEND_ACCOUNT_MONTHS, SPEND_NAMES, SPEND_REFERENCED,
    SPEND_SUPPLIER_DAYS, SPEND_SUPPLIER_MONTHS,
};
use super::{Store, StoreError};

pub(super) fn create(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(SPEND_SUPPLIER_DAYS)?;
    txn.open_table(SPEND_SUPPLIER_MONTHS)?;
    txn.open_table(SPEND_ACCOUNT_DAYS)?;
    txn.open_table(SPEND_ACCOUNT_MONTHS)?;
    txn.open_table(SPEND_REFERENCED)?;
    txn.open_table(SPEND_NAMES)?;
    Ok(())
}

/// `year × 12 + month − 1`: months in order as integers.
pub(super) fn month_key(d: Date) -> i32 {
    d.year() * 12 + i32::from(u8::from(d.month())) - 1
}

fn month_start(key: i32) -> Date {
    let (y, m) = (key.div_euclid(12), key.rem_euclid(12) as u8 + 1);
    Date::from_calendar_date(
        y,
        time::Month::try_from(m).unwrap_or(time::Month::January),
        1,
    )
    .unwrap_or(Date::MIN)
}

fn next_month_start(key: i32) -> Date {
    month_start(key + 1)
}

fn referenced(p: &Posting) -> bool {
    let filled = |r: &Option<String>| r.as_deref().is_some_and(|s| !s.trim().is_empty());
    filled(&p.contract) || filled(&p.order)
}

/// The postings of one invoice: its ledger rows with the document's references, or the
/// document's own posting when the ledger has none (DESIGN §4: one invoice, never twice).
pub(super) fn merged(rows: Vec<Posting>, document: Option<&InvoiceDocument>) -> Vec<Posting> {
    if rows.is_empty() {
        return document.map(InvoiceDocument::posting).into_iter().collect();
    }
    rows.into_iter()
        .map(|mut p| {
            if let Some(d) = document {
                merge_references(&mut p, d);
            }
            p
        })
        .collect()
}

/// The postings of invoice (`supplier`, `invoice`) as the tables hold them now.
pub(super) fn stored_postings(
    ledger: &impl ReadableTable<(&'static str, &'static str, &'static str), &'static [u8]>,
    docs: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    supplier: &str,
    invoice: &str,
) -> Result<Vec<Posting>, StoreError> {
    let mut rows = Vec::new();
    for item in ledger.range((supplier, invoice, "")..)? {
        let (k, v) = item?;
        let key = k.value();
        if (key.0, key.1) != (supplier, invoice) {
            break;
        }
        rows.push(rec::decode_ledger(key, v.value())?);
    }
    let document = match docs.get((supplier, invoice))? {
        Some(v) => Some(rec::decode_document((supplier, invoice), v.value())?),
        None => None,
    };
    Ok(merged(rows, document.as_ref()))
}

type Key3 = (String, i32, String);

/// Changes to the aggregates, summed in memory and written once, in key order.
#[derive(Default)]
pub(super) struct Deltas {
    supplier_days: BTreeMap<Key3, i64>,
    supplier_months: BTreeMap<Key3, i64>,
    account_days: BTreeMap<Key3, i64>,
    account_months: BTreeMap<Key3, i64>,
    /// None: remove (a referenced posting that is gone).
    referenced: BTreeMap<(String, String, String), Option<Posting>>,
    names: HashMap<String, String>,
}

impl Deltas {
    /// Counts `p` in (`sign` 1) or out (`sign` −1).
    pub(super) fn add(&mut self, p: &Posting, sign: i64) {
        let supplier = p.supplier.digits().to_string();
        if sign > 0 && !p.supplier_name.trim().is_empty() {
            self.names.insert(supplier.clone(), p.supplier_name.clone());
        }
        if referenced(p) {
            let key = (supplier, p.invoice.clone(), p.account.clone());
            if sign > 0 {
                self.referenced.insert(key, Some(p.clone()));
            } else {
                self.referenced.entry(key).or_insert(None);
            }
            return;
        }
        let amount = sign * p.amount.0;
        let (day, month) = (p.date.to_julian_day(), month_key(p.date));
        let account = p.account.clone();
        *self
            .supplier_days
            .entry((supplier.clone(), day, account.clone()))
            .or_default() += amount;
        *self
            .supplier_months
            .entry((supplier.clone(), month, account.clone()))
            .or_default() += amount;
        *self
            .account_days
            .entry((account.clone(), day, supplier.clone()))
            .or_default() += amount;
        *self
            .account_months
            .entry((account, month, supplier))
            .or_default() += amount;
    }

    pub(super) fn write(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        fn sums(
            table: &mut Table<(&'static str, i32, &'static str), i64>,
            deltas: BTreeMap<Key3, i64>,
        ) -> Result<(), StoreError> {
            // An empty table (a first import) has nothing to add to: no lookups.
            let empty = table.is_empty()?;
            for ((a, n, b), d) in deltas {
                if d == 0 {
                    continue;
                }
                let key = (a.as_str(), n, b.as_str());
                let was = if empty {
                    0
                } else {
                    table.get(key)?.map(|v| v.value()).unwrap_or(0)
                };
                let now = was + d;
                if now == 0 {
                    table.remove(key)?;
                } else {
                    table.insert(key, now)?;
                }
            }
            Ok(())
        }
        sums(
            &mut txn.open_table(SPEND_SUPPLIER_DAYS)?,
            self.supplier_days,
        )?;
        sums(
            &mut txn.open_table(SPEND_SUPPLIER_MONTHS)?,
            self.supplier_months,
        )?;
        sums(&mut txn.open_table(SPEND_ACCOUNT_DAYS)?, self.account_days)?;
        sums(
            &mut txn.open_table(SPEND_ACCOUNT_MONTHS)?,
            self.account_months,
        )?;
        let mut refs = txn.open_table(SPEND_REFERENCED)?;
        for ((s, i, a), p) in self.referenced {
            let key = (s.as_str(), i.as_str(), a.as_str());
            match p {
                Some(p) => {
                    refs.insert(key, rec::encode_ledger(&p).as_slice())?;
                }
                None => {
                    refs.remove(key)?;
                }
            }
        }
        let mut names = txn.open_table(SPEND_NAMES)?;
        for (s, n) in self.names {
            names.insert(s.as_str(), n.as_str())?;
        }
        Ok(())
    }
}

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
        let calloffs = txn.open_table(super::tables::CALLOFF_AGREEMENTS)?;
        let holders = |reference: &str| -> Vec<AgreementId> {
            let Ok(range) = calloffs.range((reference, 0)..=(reference, u64::MAX)) else {
                return Vec::new();
            };
            range
                .filter_map(Result::ok)
                .map(|(k, _)| AgreementId(k.value().1))
                .collect()
        };
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
        let calloffs = txn.open_table(super::tables::CALLOFF_AGREEMENTS)?;
        let holders = |reference: &str| -> Vec<AgreementId> {
            let Ok(range) = calloffs.range((reference, 0)..=(reference, u64::MAX)) else {
                return Vec::new();
            };
            range
                .filter_map(Result::ok)
                .map(|(k, _)| AgreementId(k.value().1))
                .collect()
        };
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

/// The aggregates of a first import: the postings of `ledger` and `documents` merged as
/// the tables will hold them (a key given twice: the last one, as the tables keep it).
pub(super) fn deltas_of_new(ledger: &[Posting], documents: &[InvoiceDocument]) -> Deltas {
    let mut rows: BTreeMap<(&str, &str, &str), &Posting> = BTreeMap::new();
    for p in ledger {
        rows.insert(
            (p.supplier.digits(), p.invoice.as_str(), p.account.as_str()),
            p,
        );
    }
    let mut docs: BTreeMap<(&str, &str), &InvoiceDocument> = BTreeMap::new();
    for d in documents {
        docs.insert((d.supplier.digits(), d.invoice.as_str()), d);
    }
    let mut by_invoice: BTreeMap<(&str, &str), Vec<Posting>> = BTreeMap::new();
    for ((s, i, _), p) in rows {
        by_invoice.entry((s, i)).or_default().push(p.clone());
    }
    for k in docs.keys() {
        by_invoice.entry(*k).or_default();
    }
    let mut d = Deltas::default();
    for (k, rows) in by_invoice {
        for p in merged(rows, docs.get(&k).copied()) {
            d.add(&p, 1);
        }
    }
    d
}

/// The aggregates' contribution of the invoices in `pairs` before and after a write.
pub(super) fn deltas_for(
    txn: &WriteTransaction,
    pairs: &[(String, String)],
    before: &HashMap<(String, String), Vec<Posting>>,
) -> Result<Deltas, StoreError> {
    let ledger = txn.open_table(LEDGER)?;
    let docs = txn.open_table(INVOICES)?;
    let mut d = Deltas::default();
    for (s, i) in pairs {
        for p in before.get(&(s.clone(), i.clone())).into_iter().flatten() {
            d.add(p, -1);
        }
        for p in stored_postings(&ledger, &docs, s, i)? {
            d.add(&p, 1);
        }
    }
    Ok(d)
}
