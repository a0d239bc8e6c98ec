//! Money (issue 16): the agreements' money terms, accounts-payable rows and Peppol
//! documents, imported all or nothing and read back as postings with the agreement each
//! belongs to (DESIGN §4). A ledger row and a document of the same supplier and invoice
//! are one invoice: the ledger gives amounts and accounts, the document its references
//! and lines.

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

/// A ledger row's key, for sorting: the supplier's ten digits as a number (the same order
/// as the text), the invoice's first 16 bytes (zero-padded, so a shorter one sorts first
/// as in the text), and the row's place.
struct SortKey {
    supplier: u64,
    invoice: u128,
    at: u32,
}

impl SortKey {
    fn of(at: usize, p: &Posting) -> SortKey {
        let mut prefix = [0u8; 16];
        let bytes = p.invoice.as_bytes();
        let n = bytes.len().min(16);
        prefix[..n].copy_from_slice(&bytes[..n]);
        SortKey {
            // Stored numbers are ten digits; anything else falls back to the full text.
            supplier: p.supplier.digits().parse().unwrap_or(u64::MAX),
            invoice: u128::from_be_bytes(prefix),
            at: at as u32,
        }
    }
}

/// The places of `ledger`'s rows in key order (supplier, invoice, account), each key once:
/// of a key given more than once the last row, which a table written in file order would
/// keep. Also how many rows were left out so.
fn key_order(ledger: &[Posting]) -> (Vec<usize>, usize) {
    fn key(p: &Posting) -> (&str, &str, &str) {
        (p.supplier.digits(), p.invoice.as_str(), p.account.as_str())
    }
    let mut keys: Vec<SortKey> = ledger
        .iter()
        .enumerate()
        .map(|(i, p)| SortKey::of(i, p))
        .collect();
    keys.sort_unstable_by(|x, y| {
        (x.supplier, x.invoice)
            .cmp(&(y.supplier, y.invoice))
            .then_with(|| key(&ledger[x.at as usize]).cmp(&key(&ledger[y.at as usize])))
            .then(x.at.cmp(&y.at))
    });
    let mut kept: Vec<usize> = Vec::with_capacity(keys.len());
    for k in keys {
        let at = k.at as usize;
        match kept.last_mut() {
            Some(last) if key(&ledger[*last]) == key(&ledger[at]) => *last = at,
            _ => kept.push(at),
        }
    }
    let repeated = ledger.len() - kept.len();
    (kept, repeated)
}

impl Store {
    /// Stores ledger rows and Peppol documents in one transaction: all or none. A row or a
    /// document whose key is stored already replaces it (also one given earlier in
    /// `ledger`, which counts as replaced).
    pub fn import_invoices(
        &self,
        ledger: &[Posting],
        documents: &[InvoiceDocument],
    ) -> Result<InvoiceImport, StoreError> {
        self.import_invoices_with_progress(ledger, documents, &mut |_, _| {})
    }

    /// As [`Store::import_invoices`], telling `progress` how far it has come in rows and
    /// documents (a second import reads what it replaces first: the first half of the
    /// count, by invoice, then the writing).
    pub fn import_invoices_with_progress(
        &self,
        ledger: &[Posting],
        documents: &[InvoiceDocument],
        progress: super::Progress<'_>,
    ) -> Result<InvoiceImport, StoreError> {
        let (kept, repeated) = key_order(ledger);
        let total = kept.len() + documents.len();
        let mut told = 0;
        let mut tell = |now: usize| {
            let now = now.min(total);
            if now == total || now / super::PROGRESS_EVERY != told / super::PROGRESS_EVERY {
                progress(now, total);
            }
            told = now;
        };
        tell(0);
        let txn = self.db.begin_write()?;
        let mut done = InvoiceImport {
            ledger_replaced: repeated,
            ..InvoiceImport::default()
        };
        let was_empty = {
            let rows = txn.open_table(LEDGER)?;
            let docs = txn.open_table(INVOICES)?;
            rows.is_empty()? && docs.is_empty()?
        };
        let deltas = if was_empty {
            // Nothing stored before: the aggregates come from the import alone, summed on a
            // second thread while this one writes the rows.
            std::thread::scope(|scope| {
                let deltas = scope.spawn(|| {
                    super::spend_agg::deltas_of_import(ledger, &kept, documents, |_, _| {
                        Ok(Default::default())
                    })
                });
                self.write_invoices(&txn, ledger, &kept, documents, &mut done, &mut tell)?;
                deltas
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })?
        } else {
            // The invoices as stored, read once in key order before they are replaced.
            let deltas = {
                let rows = txn.open_table(LEDGER)?;
                let docs = txn.open_table(INVOICES)?;
                let mut old = super::spend_agg::StoredInvoices::new(&rows, &docs, total)?;
                let mut asked = 0;
                super::spend_agg::deltas_of_import(ledger, &kept, documents, |s, i| {
                    asked += 1;
                    tell(asked / 2);
                    old.get(s, i)
                })?
            };
            let half = total / 2;
            self.write_invoices(&txn, ledger, &kept, documents, &mut done, &mut |n| {
                tell(half + n / 2)
            })?;
            deltas
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
        tell(total);
        Ok(done)
    }

    /// Writes the ledger rows at `kept` (in key order, which redb writes fastest) and the
    /// documents, counting new and replaced ones in `done` and telling `written` how many
    /// are written.
    fn write_invoices(
        &self,
        txn: &WriteTransaction,
        ledger: &[Posting],
        kept: &[usize],
        documents: &[InvoiceDocument],
        done: &mut InvoiceImport,
        written: &mut dyn FnMut(usize),
    ) -> Result<(), StoreError> {
        let mut rows = txn.open_table(LEDGER)?;
        let mut bytes = Vec::new();
        for (n, p) in kept.iter().map(|i| &ledger[*i]).enumerate() {
            let key = (p.supplier.digits(), p.invoice.as_str(), p.account.as_str());
            bytes.clear();
            rec::encode_ledger_into(p, &mut bytes);
            super::encoding::fits(&bytes, &p.invoice)?;
            match rows.insert(key, bytes.as_slice())? {
                Some(_) => done.ledger_replaced += 1,
                None => done.ledger_new += 1,
            }
            written(n + 1);
        }
        let mut docs = txn.open_table(INVOICES)?;
        for (n, d) in documents.iter().enumerate() {
            let key = (d.supplier.digits(), d.invoice.as_str());
            let bytes = super::encoding::checked(rec::encode_document(d), &d.invoice)?;
            match docs.insert(key, bytes.as_slice())? {
                Some(_) => done.documents_replaced += 1,
                None => done.documents_new += 1,
            }
            written(kept.len() + n + 1);
        }
        Ok(())
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
        super::spend_agg::for_each_invoice(&ledger, &docs, |postings, document| {
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
            visit(&invoice)
        })?;
        Ok(())
    }
}
