//! Money (issue 16): the agreements' money terms, accounts-payable rows and Peppol
//! documents, imported all or nothing and read back as postings with the agreement each
//! belongs to (DESIGN §4). A ledger row and a document of the same supplier and invoice
//! are one invoice: the ledger gives amounts and accounts, the document its references
//! and lines.

use std::cmp::Ordering;

use redb::{ReadableTable, ReadableTableMetadata, WriteTransaction};

use crate::domain::spend::{Belonging, InvoiceDocument, MoneyTerms, Posting, belongs_to};
use crate::domain::{Agreement, AgreementId};

use super::records::spend as rec;
use super::tables::{AGREEMENT_MONEY, INVOICES, LEDGER};
use super::{Store, StoreError, audit};

/// The money terms of agreement `id` from `table` (none stored: no terms).
pub(super) fn terms(
    table: &impl ReadableTable<u64, &'static [u8]>,
    id: AgreementId,
) -> Result<MoneyTerms, StoreError> {
    match table.get(id.0)? {
        Some(v) => rec::decode_terms(v.value()),
        None => Ok(MoneyTerms::default()),
    }
}

/// Writes `a`'s money terms beside its record; empty terms leave no row.
pub(super) fn write_terms(txn: &WriteTransaction, a: &Agreement) -> Result<(), StoreError> {
    let mut table = txn.open_table(AGREEMENT_MONEY)?;
    if a.money.is_empty() {
        table.remove(a.id.0)?;
    } else {
        let bytes = super::encoding::checked(rec::encode_terms(&a.money), &a.reference)?;
        table.insert(a.id.0, bytes.as_slice())?;
    }
    Ok(())
}

/// Removes agreement `id`'s money terms and returns them (for undo).
pub(super) fn remove_terms(
    txn: &WriteTransaction,
    id: AgreementId,
) -> Result<MoneyTerms, StoreError> {
    let mut table = txn.open_table(AGREEMENT_MONEY)?;
    let old = table.remove(id.0)?.map(|v| rec::decode_terms(v.value()));
    old.unwrap_or(Ok(MoneyTerms::default()))
}

/// What an import of invoices did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvoiceImport {
    pub ledger_new: usize,
    pub ledger_replaced: usize,
    pub documents_new: usize,
    pub documents_replaced: usize,
}

/// One invoice as read back: its postings, each with the agreement it belongs to, and its
/// Peppol document when there is one.
#[derive(Debug, Clone)]
pub struct ScannedInvoice {
    pub postings: Vec<(Posting, Belonging)>,
    pub document: Option<InvoiceDocument>,
}

impl ScannedInvoice {
    /// Whether a posting of this invoice belongs to `a`.
    pub fn belongs_to(&self, a: AgreementId) -> bool {
        self.postings.iter().any(|(_, b)| b.agreement() == Some(a))
    }
}

impl Store {
    /// Stores ledger rows and Peppol documents in one transaction: all or none. A row or a
    /// document whose key is stored already replaces it.
    pub fn import_invoices(
        &self,
        ledger: &[Posting],
        documents: &[InvoiceDocument],
    ) -> Result<InvoiceImport, StoreError> {
        let txn = self.db.begin_write()?;
        let mut done = InvoiceImport::default();
        // The invoices the import touches, and their postings before it, for the
        // aggregates' deltas; at a first import (empty tables) there is nothing before.
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut before = std::collections::HashMap::new();
        let was_empty;
        {
            let rows = txn.open_table(LEDGER)?;
            let docs = txn.open_table(INVOICES)?;
            was_empty = rows.is_empty()? && docs.is_empty()?;
            if !was_empty {
                pairs = ledger
                    .iter()
                    .map(|p| (p.supplier.digits().to_string(), p.invoice.clone()))
                    .chain(
                        documents
                            .iter()
                            .map(|d| (d.supplier.digits().to_string(), d.invoice.clone())),
                    )
                    .collect();
                pairs.sort();
                pairs.dedup();
                for (s, i) in &pairs {
                    let old = super::spend_agg::stored_postings(&rows, &docs, s, i)?;
                    if !old.is_empty() {
                        before.insert((s.clone(), i.clone()), old);
                    }
                }
            }
        }
        {
            let mut rows = txn.open_table(LEDGER)?;
            // In key order (a stable sort: of one key given twice the later is written
            // last and kept), which redb writes fastest.
            let mut order: Vec<&Posting> = ledger.iter().collect();
            order.sort_by(|a, b| {
                (a.supplier.digits(), a.invoice.as_str(), a.account.as_str()).cmp(&(
                    b.supplier.digits(),
                    b.invoice.as_str(),
                    b.account.as_str(),
                ))
            });
            for p in order {
                let key = (p.supplier.digits(), p.invoice.as_str(), p.account.as_str());
                let bytes = super::encoding::checked(rec::encode_ledger(p), &p.invoice)?;
                match rows.insert(key, bytes.as_slice())? {
                    Some(_) => done.ledger_replaced += 1,
                    None => done.ledger_new += 1,
                }
            }
            let mut docs = txn.open_table(INVOICES)?;
            for d in documents {
                let key = (d.supplier.digits(), d.invoice.as_str());
                let bytes = super::encoding::checked(rec::encode_document(d), &d.invoice)?;
                match docs.insert(key, bytes.as_slice())? {
                    Some(_) => done.documents_replaced += 1,
                    None => done.documents_new += 1,
                }
            }
        }
        // At a first import the postings after it are the file's own, merged in memory;
        // otherwise they are read back from the tables just written.
        let deltas = if was_empty {
            super::spend_agg::deltas_of_new(ledger, documents)
        } else {
            super::spend_agg::deltas_for(&txn, &pairs, &before)?
        };
        deltas.write(&txn)?;
        audit::append(
            &txn,
            &self.actor,
            "invoices.import",
            "",
            &(
                (done.ledger_new as u64, done.ledger_replaced as u64),
                (done.documents_new as u64, done.documents_replaced as u64),
            ),
        )?;
        txn.commit()?;
        Ok(done)
    }

    /// How many ledger rows and Peppol documents the file holds.
    pub fn invoice_counts(&self) -> Result<(u64, u64), StoreError> {
        let txn = self.db.begin_read()?;
        Ok((
            txn.open_table(LEDGER)?.len()?,
            txn.open_table(INVOICES)?.len()?,
        ))
    }

    /// Every invoice, by supplier and invoice number, with its postings judged against
    /// `agreements` (which must carry their money terms, as [`Store::agreements`] gives
    /// them). `visit` returns false to stop.
    pub fn scan_invoices(
        &self,
        agreements: &[Agreement],
        mut visit: impl FnMut(&ScannedInvoice) -> bool,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        let calloffs = txn.open_table(super::tables::CALLOFF_AGREEMENTS)?;
        let holders = super::spend_agg::holders(&calloffs);
        let ledger = txn.open_table(LEDGER)?;
        let docs = txn.open_table(INVOICES)?;
        let mut rows = ledger.iter()?.peekable();
        let mut documents = docs.iter()?.peekable();
        loop {
            // The next invoice in key order, from either table.
            let next_row = match rows.peek() {
                Some(Ok((k, _))) => {
                    let (s, i, _) = k.value();
                    Some((s.to_string(), i.to_string()))
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
                None => None,
            };
            let next_doc = match documents.peek() {
                Some(Ok((k, _))) => {
                    let (s, i) = k.value();
                    Some((s.to_string(), i.to_string()))
                }
                Some(Err(_)) => {
                    return Err(documents.next().and_then(Result::err).map_or(
                        StoreError::Corrupt {
                            what: "invoices".into(),
                            detail: "unreadable row".into(),
                        },
                        StoreError::from,
                    ));
                }
                None => None,
            };
            let key = match (&next_row, &next_doc) {
                (None, None) => break,
                (Some(r), None) => r.clone(),
                (None, Some(d)) => d.clone(),
                (Some(r), Some(d)) => match r.cmp(d) {
                    Ordering::Greater => d.clone(),
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
            let invoice = ScannedInvoice {
                postings: super::spend_agg::merged(postings, document.as_ref())
                    .into_iter()
                    .map(|p| {
                        let b = belongs_to(&p, agreements, &holders);
                        (p, b)
                    })
                    .collect(),
                document,
            };
            if !visit(&invoice) {
                break;
            }
        }
        Ok(())
    }
}
