//! Spend aggregates kept on write (issue 16), so `report spend` and the Spend tab read a
//! few thousand sums instead of every posting. A posting without a contract or order
//! reference belongs to an agreement by its supplier, date and account alone (DESIGN §4,
//! the third rule), so such postings are summed and judged against the agreements when
//! read: a change of an agreement changes no sum. Postings with a reference are kept one
//! by one and judged one by one, as the first two rules need.
//!
//! The sums (schema 7) are kept where a report reads them, each row a short list:
//! - by supplier, month and account, the sum of each day (an agreement's own suppliers,
//!   whole months summed, a month its period or as-of day cuts read day by day);
//! - by account, year and supplier, the sum of each month (every supplier on an
//!   agreement's accounts over the whole months of a period);
//! - by account, month and supplier, the sum of each day (the months a period starts or
//!   ends inside).
//!
//! A row per month or year rather than per day keeps a million postings a year to about
//! a quarter of a million rows, which is what makes the import and the report fast.

use std::collections::{BTreeMap, HashMap};

use redb::{ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use time::Date;

use crate::domain::spend::{InvoiceDocument, Posting, merge_references};

use super::StoreError;
use super::records::spend as rec;
use super::tables::{
    INVOICES, LEDGER, SPEND_ACCOUNT_MONTH_DAYS, SPEND_ACCOUNT_YEAR_MONTHS, SPEND_NAMES,
    SPEND_REFERENCED, SPEND_SUPPLIER_MONTH_DAYS,
};

mod import;
mod read;
pub(super) use import::{StoredInvoices, deltas_of_import};
pub use read::SpendVisit;
pub(in crate::store) use read::holders;

pub(super) fn create(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(SPEND_SUPPLIER_MONTH_DAYS)?;
    txn.open_table(SPEND_ACCOUNT_YEAR_MONTHS)?;
    txn.open_table(SPEND_ACCOUNT_MONTH_DAYS)?;
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

/// Every invoice of `ledger` and `docs` in key order: its ledger rows and its document.
/// `visit` returns false to stop.
pub(super) fn for_each_invoice(
    ledger: &impl ReadableTable<(&'static str, &'static str, &'static str), &'static [u8]>,
    docs: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    mut visit: impl FnMut(Vec<Posting>, Option<InvoiceDocument>) -> bool,
) -> Result<(), StoreError> {
    let mut rows = ledger.iter()?.peekable();
    let mut documents = docs.iter()?.peekable();
    let unreadable = |what: &str| StoreError::Corrupt {
        what: what.into(),
        detail: "unreadable row".into(),
    };
    loop {
        // The next invoice in key order, from either table.
        let next_row = match rows.peek() {
            Some(Ok((k, _))) => {
                let (s, i, _) = k.value();
                Some((s.to_string(), i.to_string()))
            }
            Some(Err(_)) => {
                return Err(rows
                    .next()
                    .and_then(Result::err)
                    .map_or(unreadable("ledger"), StoreError::from));
            }
            None => None,
        };
        let next_doc = match documents.peek() {
            Some(Ok((k, _))) => {
                let (s, i) = k.value();
                Some((s.to_string(), i.to_string()))
            }
            Some(Err(_)) => {
                return Err(documents
                    .next()
                    .and_then(Result::err)
                    .map_or(unreadable("invoices"), StoreError::from));
            }
            None => None,
        };
        let key = match (&next_row, &next_doc) {
            (None, None) => break,
            (Some(r), None) => r.clone(),
            (None, Some(d)) => d.clone(),
            (Some(r), Some(d)) => match r.cmp(d) {
                std::cmp::Ordering::Greater => d.clone(),
                _ => r.clone(),
            },
        };
        let document = if next_doc.as_ref() == Some(&key) {
            let (k, v) = documents.next().expect("peeked")?;
            Some(rec::decode_document(k.value(), v.value())?)
        } else {
            None
        };
        let mut postings = Vec::new();
        while let Some(Ok((k, _))) = rows.peek() {
            let (s, i, _) = k.value();
            if (s, i) != (key.0.as_str(), key.1.as_str()) {
                break;
            }
            let (k, v) = rows.next().expect("peeked")?;
            postings.push(rec::decode_ledger(k.value(), v.value())?);
        }
        if !visit(postings, document) {
            break;
        }
    }
    Ok(())
}

/// Empties every spend aggregate and builds them again from the ledger and documents.
pub(super) fn rebuild(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(SPEND_SUPPLIER_MONTH_DAYS)?;
    txn.delete_table(SPEND_ACCOUNT_YEAR_MONTHS)?;
    txn.delete_table(SPEND_ACCOUNT_MONTH_DAYS)?;
    txn.delete_table(SPEND_REFERENCED)?;
    txn.delete_table(SPEND_NAMES)?;
    create(txn)?;
    let mut d = Deltas::default();
    {
        let ledger = txn.open_table(LEDGER)?;
        let docs = txn.open_table(INVOICES)?;
        for_each_invoice(&ledger, &docs, |rows, document| {
            for p in merged(rows, document.as_ref()) {
                d.add(&p, 1);
            }
            true
        })?;
    }
    d.write(txn)
}

/// (first name, month or year, second name) by the names' numbers in [`Deltas::number`].
type Key3 = (u32, i32, u32);
/// A sum and how many postings it holds (a supplier whose postings net to zero is still
/// listed among those outside, DESIGN §4 as `stats::spend` reads it).
type Sum = (i64, i64);
/// By day of a month (index 0 is the 1st).
type Days = [Sum; 31];
/// By month of a year (index 0 is January).
type Months = [Sum; 12];
/// A stored row: (day of the month or month, öre, postings) for each day or month that
/// holds a posting.
pub(super) type Row = Vec<(u8, i64, u32)>;

/// Changes to the aggregates, summed in memory and written once, in key order. Suppliers
/// and accounts are few and repeated on every row: they are numbered, not copied.
#[derive(Default)]
pub(super) struct Deltas {
    strings: Vec<String>,
    numbers: HashMap<String, u32>,
    /// (supplier, month, account)
    supplier_month_days: HashMap<Key3, Days>,
    /// (account, year, supplier)
    account_year_months: HashMap<Key3, Months>,
    /// (account, month, supplier)
    account_month_days: HashMap<Key3, Days>,
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
        let month = month_key(p.date);
        let (m, d) = (
            usize::from(u8::from(p.date.month())) - 1,
            usize::from(p.date.day()) - 1,
        );
        let account = self.number(&p.account);
        let add = |slot: &mut Sum| {
            slot.0 += amount;
            slot.1 += sign;
        };
        add(&mut self
            .supplier_month_days
            .entry((supplier, month, account))
            .or_insert([(0, 0); 31])[d]);
        add(&mut self
            .account_year_months
            .entry((account, p.date.year(), supplier))
            .or_insert([(0, 0); 12])[m]);
        add(&mut self
            .account_month_days
            .entry((account, month, supplier))
            .or_insert([(0, 0); 31])[d]);
    }

    pub(super) fn write(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        // Each name's place in string order: the rows are written in key order, which
        // redb writes fastest.
        let mut by_text: Vec<u32> = (0..self.strings.len() as u32).collect();
        by_text.sort_unstable_by(|a, b| self.strings[*a as usize].cmp(&self.strings[*b as usize]));
        let mut rank = vec![0u32; self.strings.len()];
        for (place, n) in by_text.into_iter().enumerate() {
            rank[n as usize] = place as u32;
        }
        let names = Names {
            strings: &self.strings,
            rank: &rank,
        };
        names.write_sums(
            &mut txn.open_table(SPEND_SUPPLIER_MONTH_DAYS)?,
            self.supplier_month_days,
        )?;
        names.write_sums(
            &mut txn.open_table(SPEND_ACCOUNT_YEAR_MONTHS)?,
            self.account_year_months,
        )?;
        names.write_sums(
            &mut txn.open_table(SPEND_ACCOUNT_MONTH_DAYS)?,
            self.account_month_days,
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
        let mut table = txn.open_table(SPEND_NAMES)?;
        for (s, n) in &self.names {
            table.insert(self.strings[*s as usize].as_str(), n.as_str())?;
        }
        Ok(())
    }
}

/// The numbered names of [`Deltas`] and their places in string order.
struct Names<'d> {
    strings: &'d [String],
    rank: &'d [u32],
}

impl Names<'_> {
    /// Adds `deltas` (sums by day of a month or month of a year) to the rows of `table`;
    /// a row left holding no posting is removed.
    fn write_sums<const N: usize>(
        &self,
        table: &mut Table<(&'static str, i32, &'static str), Row>,
        deltas: HashMap<Key3, [Sum; N]>,
    ) -> Result<(), StoreError> {
        let mut deltas: Vec<(Key3, [Sum; N])> = deltas
            .into_iter()
            .filter(|(_, d)| d.iter().any(|x| *x != (0, 0)))
            .collect();
        deltas.sort_unstable_by_key(|((a, n, b), _)| {
            (self.rank[*a as usize], *n, self.rank[*b as usize])
        });
        // An empty table (a first import) has nothing to add to: no lookups.
        let empty = table.is_empty()?;
        for ((a, n, b), mut sums) in deltas {
            let key = (
                self.strings[a as usize].as_str(),
                n,
                self.strings[b as usize].as_str(),
            );
            let corrupt = |detail: String| StoreError::Corrupt {
                what: "spend aggregates".into(),
                detail: format!("{detail} in {key:?}"),
            };
            if !empty && let Some(was) = table.get(key)? {
                for (at, ore, postings) in was.value() {
                    let slot = usize::from(at)
                        .checked_sub(1)
                        .and_then(|i| sums.get_mut(i))
                        .ok_or_else(|| corrupt(format!("day or month {at}")))?;
                    slot.0 += ore;
                    slot.1 += i64::from(postings);
                }
            }
            let mut row = Row::new();
            for (i, (ore, postings)) in sums.iter().enumerate() {
                if *postings != 0 {
                    let postings = u32::try_from(*postings)
                        .map_err(|_| corrupt(format!("{postings} postings")))?;
                    row.push((i as u8 + 1, *ore, postings));
                }
            }
            if row.is_empty() {
                table.remove(key)?;
            } else {
                table.insert(key, row)?;
            }
        }
        Ok(())
    }
}
