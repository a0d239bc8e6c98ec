//! The aggregates' change by an import of invoices: for each invoice the import touches,
//! its postings before taken out and its postings after put in. The after-state is
//! worked out in memory from the before-state and the import, so the tables are read
//! once, in key order, before they are written.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use redb::ReadableTable;

use crate::domain::spend::{InvoiceDocument, Posting};

use super::super::StoreError;
use super::super::records::spend as rec;
use super::{Deltas, merged};

type LedgerKey = (&'static str, &'static str, &'static str);
type DocumentKey = (&'static str, &'static str);

/// Rows passed over before a walk seeks instead: reading on is cheaper than a seek only
/// while the next invoice asked for is near.
const NEAR: usize = 32;

/// The stored ledger rows and document of invoices asked for in key order: a walk along
/// the ledger that reads on while the next invoice is near and seeks when it is far, so a
/// re-import of a whole year reads the table once.
pub(in crate::store) struct StoredInvoices<'t, L: ReadableTable<LedgerKey, &'static [u8]>, D> {
    ledger: &'t L,
    rows: Option<std::iter::Peekable<redb::Range<'t, LedgerKey, &'static [u8]>>>,
    docs: &'t D,
    /// The keys of every stored document, when many invoices are asked for (else each is
    /// looked up).
    doc_keys: Option<HashSet<(String, String)>>,
}

impl<'t, L, D> StoredInvoices<'t, L, D>
where
    L: ReadableTable<LedgerKey, &'static [u8]>,
    D: ReadableTable<DocumentKey, &'static [u8]>,
{
    /// A walk over `ledger` and `docs` for `asked` invoices.
    pub(in crate::store) fn new(
        ledger: &'t L,
        docs: &'t D,
        asked: usize,
    ) -> Result<Self, StoreError> {
        let stored = docs.len()?;
        let doc_keys = if stored == 0 || asked as u64 > stored {
            let mut keys = HashSet::new();
            for item in docs.iter()? {
                let (k, _) = item?;
                let (s, i) = k.value();
                keys.insert((s.to_string(), i.to_string()));
            }
            Some(keys)
        } else {
            None
        };
        Ok(StoredInvoices {
            ledger,
            rows: None,
            docs,
            doc_keys,
        })
    }

    /// Invoice (`supplier`, `invoice`) as stored: its ledger rows and its document. Asked
    /// in key order.
    pub(in crate::store) fn get(
        &mut self,
        supplier: &str,
        invoice: &str,
    ) -> Result<(Vec<Posting>, Option<InvoiceDocument>), StoreError> {
        let rows = self.rows_of(supplier, invoice)?;
        let stored = match &self.doc_keys {
            Some(keys) => keys.contains(&(supplier.to_string(), invoice.to_string())),
            None => true,
        };
        let document = match stored
            .then(|| self.docs.get((supplier, invoice)))
            .transpose()?
        {
            Some(Some(v)) => Some(rec::decode_document((supplier, invoice), v.value())?),
            _ => None,
        };
        Ok((rows, document))
    }

    /// The stored ledger rows of invoice (`supplier`, `invoice`). Asked in key order.
    pub(in crate::store) fn rows_of(
        &mut self,
        supplier: &str,
        invoice: &str,
    ) -> Result<Vec<Posting>, StoreError> {
        let target = (supplier, invoice);
        let mut passed = 0;
        loop {
            if self.rows.is_none() || passed > NEAR {
                self.rows = Some(self.ledger.range((supplier, invoice, "")..)?.peekable());
                passed = 0;
            }
            let Some(rows) = self.rows.as_mut() else {
                return Ok(Vec::new());
            };
            let order = match rows.peek() {
                None => return Ok(Vec::new()),
                Some(Ok((k, _))) => {
                    let (s, i, _) = k.value();
                    (s, i).cmp(&target)
                }
                Some(Err(_)) => {
                    return Err(rows.next().and_then(Result::err).map_or(
                        StoreError::Corrupt {
                            what: "ledger".into(),
                            detail: "unreadable row".into(),
                        },
                        StoreError::from,
                    ));
                }
            };
            match order {
                Ordering::Less => {
                    rows.next();
                    passed += 1;
                }
                Ordering::Greater => return Ok(Vec::new()),
                Ordering::Equal => {
                    let mut out = Vec::new();
                    while let Some(Ok((k, _))) = rows.peek() {
                        let (s, i, _) = k.value();
                        if (s, i) != target {
                            break;
                        }
                        let (k, v) = rows.next().expect("peeked")?;
                        out.push(rec::decode_ledger(k.value(), v.value())?);
                    }
                    return Ok(out);
                }
            }
        }
    }
}

/// The aggregates' change by importing the ledger rows at `kept` (each key once, in key
/// order) and `documents` (of one key given twice the last, as the table keeps it):
/// `old` gives each touched invoice as stored before, asked in key order (a first import
/// gives nothing).
pub(in crate::store) fn deltas_of_import(
    ledger: &[Posting],
    kept: &[usize],
    documents: &[InvoiceDocument],
    mut old: impl FnMut(&str, &str) -> Result<(Vec<Posting>, Option<InvoiceDocument>), StoreError>,
) -> Result<Deltas, StoreError> {
    let mut docs: BTreeMap<(&str, &str), &InvoiceDocument> = BTreeMap::new();
    for doc in documents {
        docs.insert((doc.supplier.digits(), doc.invoice.as_str()), doc);
    }
    let mut docs = docs.into_iter().peekable();
    let invoice = |i: usize| (ledger[i].supplier.digits(), ledger[i].invoice.as_str());
    let mut d = Deltas::default();
    let mut at = 0;
    loop {
        // The next invoice in key order, of the rows or the documents.
        let key = match (kept.get(at), docs.peek()) {
            (None, None) => break,
            (Some(i), None) => invoice(*i),
            (None, Some((k, _))) => *k,
            (Some(i), Some((k, _))) => invoice(*i).min(*k),
        };
        let run = kept[at..]
            .iter()
            .take_while(|i| invoice(**i) == key)
            .count();
        let rows = &kept[at..at + run];
        at += run;
        let new_doc = docs.next_if(|(k, _)| *k == key).map(|(_, doc)| doc);
        let (old_rows, old_doc) = old(key.0, key.1)?;
        if old_rows.is_empty() && old_doc.is_none() && new_doc.is_none() {
            // A new invoice of ledger rows alone (every row of a first import without
            // documents): its rows are its postings.
            for i in rows {
                d.add(&ledger[*i], 1);
            }
            continue;
        }
        for p in merged(old_rows.clone(), old_doc.as_ref()) {
            d.add(&p, -1);
        }
        // After: the stored rows on accounts the import does not give, and the import's.
        let mut after: Vec<Posting> = old_rows
            .into_iter()
            .filter(|p| !rows.iter().any(|i| ledger[*i].account == p.account))
            .collect();
        after.extend(rows.iter().map(|i| ledger[*i].clone()));
        let document = new_doc.or(old_doc.as_ref());
        for p in merged(after, document) {
            d.add(&p, 1);
        }
    }
    Ok(d)
}
