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

use crate::domain::spend::{InvoiceDocument, Posting, merge_references};

use super::StoreError;
use super::records::spend as rec;
use super::tables::{
    INVOICES, LEDGER, SPEND_ACCOUNT_DAYS, SPEND_ACCOUNT_MONTHS, SPEND_NAMES, SPEND_REFERENCED,
    SPEND_SUPPLIER_DAYS, SPEND_SUPPLIER_MONTHS,
};

mod read;
pub use read::SpendVisit;
pub(in crate::store) use read::holders;

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

/// (first name, day or month, second name) by the names' numbers in [`Deltas::names_of`].
type Key3 = (u32, i32, u32);

/// Changes to the aggregates, summed in memory and written once, in key order. Suppliers
/// and accounts are few and repeated on every row: they are numbered, not copied.
#[derive(Default)]
pub(super) struct Deltas {
    strings: Vec<String>,
    numbers: HashMap<String, u32>,
    supplier_days: HashMap<Key3, i64>,
    supplier_months: HashMap<Key3, i64>,
    account_days: HashMap<Key3, i64>,
    account_months: HashMap<Key3, i64>,
    /// None: remove (a referenced posting that is gone).
    referenced: BTreeMap<(String, String, String), Option<Posting>>,
    names: HashMap<u32, String>,
}

impl Deltas {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(n) = self.numbers.get(s) {
            return *n;
        }
        let n = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.numbers.insert(s.to_string(), n);
        n
    }

    /// Counts `p` in (`sign` 1) or out (`sign` −1).
    pub(super) fn add(&mut self, p: &Posting, sign: i64) {
        let supplier = self.number(p.supplier.digits());
        if sign > 0 && !p.supplier_name.trim().is_empty() {
            match self.names.get(&supplier) {
                Some(n) if *n == p.supplier_name => {}
                _ => {
                    self.names.insert(supplier, p.supplier_name.clone());
                }
            }
        }
        if referenced(p) {
            let key = (
                p.supplier.digits().to_string(),
                p.invoice.clone(),
                p.account.clone(),
            );
            if sign > 0 {
                self.referenced.insert(key, Some(p.clone()));
            } else {
                self.referenced.entry(key).or_insert(None);
            }
            return;
        }
        let amount = sign * p.amount.0;
        let (day, month) = (p.date.to_julian_day(), month_key(p.date));
        let account = self.number(&p.account);
        *self
            .supplier_days
            .entry((supplier, day, account))
            .or_default() += amount;
        *self
            .supplier_months
            .entry((supplier, month, account))
            .or_default() += amount;
        *self
            .account_days
            .entry((account, day, supplier))
            .or_default() += amount;
        *self
            .account_months
            .entry((account, month, supplier))
            .or_default() += amount;
    }

    pub(super) fn write(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        let strings = &self.strings;
        let sums = |table: &mut Table<(&'static str, i32, &'static str), i64>,
                    deltas: HashMap<Key3, i64>|
         -> Result<(), StoreError> {
            // In key order: redb writes a sorted run fastest.
            let mut deltas: Vec<(Key3, i64)> =
                deltas.into_iter().filter(|(_, d)| *d != 0).collect();
            deltas.sort_unstable_by(|((a1, n1, b1), _), ((a2, n2, b2), _)| {
                (
                    strings[*a1 as usize].as_str(),
                    n1,
                    strings[*b1 as usize].as_str(),
                )
                    .cmp(&(
                        strings[*a2 as usize].as_str(),
                        n2,
                        strings[*b2 as usize].as_str(),
                    ))
            });
            // An empty table (a first import) has nothing to add to: no lookups.
            let empty = table.is_empty()?;
            for ((a, n, b), d) in deltas {
                let key = (
                    strings[a as usize].as_str(),
                    n,
                    strings[b as usize].as_str(),
                );
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
        };
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
        for (s, n) in &self.names {
            names.insert(strings[*s as usize].as_str(), n.as_str())?;
        }
        Ok(())
    }
}

/// The aggregates of a first import: the postings of `ledger` and `documents` merged as
/// the tables will hold them (a key given twice: the last one, as the tables keep it).
pub(super) fn deltas_of_new(ledger: &[Posting], documents: &[InvoiceDocument]) -> Deltas {
    let mut d = Deltas::default();
    // The last row of each key, as the table keeps it.
    let mut last: HashMap<(&str, &str, &str), usize> = HashMap::with_capacity(ledger.len());
    for (i, p) in ledger.iter().enumerate() {
        last.insert(
            (p.supplier.digits(), p.invoice.as_str(), p.account.as_str()),
            i,
        );
    }
    let kept = |i: usize, p: &Posting| {
        last.get(&(p.supplier.digits(), p.invoice.as_str(), p.account.as_str())) == Some(&i)
    };
    if documents.is_empty() {
        // Only ledger rows: each is a posting as it stands.
        for (i, p) in ledger.iter().enumerate() {
            if kept(i, p) {
                d.add(p, 1);
            }
        }
        return d;
    }
    let mut docs: BTreeMap<(&str, &str), &InvoiceDocument> = BTreeMap::new();
    for doc in documents {
        docs.insert((doc.supplier.digits(), doc.invoice.as_str()), doc);
    }
    let mut by_invoice: BTreeMap<(&str, &str), Vec<Posting>> = BTreeMap::new();
    for (i, p) in ledger.iter().enumerate() {
        if kept(i, p) {
            by_invoice
                .entry((p.supplier.digits(), p.invoice.as_str()))
                .or_default()
                .push(p.clone());
        }
    }
    for k in docs.keys() {
        by_invoice.entry(*k).or_default();
    }
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
