//! Spend against the agreement (DESIGN §1.12, §4 "Spend, maximum value, compliance and
//! price audit"): postings from invoices and the ledger, which agreement each belongs to,
//! and invoice lines audited against the agreed prices. Plain types and rules, no I/O.

mod audit;
mod belong;
mod decimal;
pub mod sample;

pub use audit::{AuditedLine, agreed_price, audit_line, normalise_name};
pub use belong::{Belonging, CallOffRefs, belongs_to};
pub use decimal::Decimal;

use time::Date;

use super::money::Money;
use super::orgnr::OrgNumber;

/// What an agreement says about money: its maximum value (takvolym), the estimate given
/// in the procurement, the booking accounts it covers and the agreed price list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoneyTerms {
    pub max_value: Option<Money>,
    pub estimated_value: Option<Money>,
    /// Booking accounts (trimmed), in the order given.
    pub accounts: Vec<String>,
    pub prices: Vec<PriceRow>,
}

impl MoneyTerms {
    pub fn is_empty(&self) -> bool {
        *self == MoneyTerms::default()
    }

    /// Whether `account` is one of the agreement's booking accounts.
    pub fn lists_account(&self, account: &str) -> bool {
        let account = account.trim();
        self.accounts.iter().any(|a| a == account)
    }
}

/// A row of the agreed price list (takpriser), excluding VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceRow {
    pub supplier: OrgNumber,
    pub item: String,
    /// The seller's item identifier, when the price list has one.
    pub item_id: Option<String>,
    /// UN/ECE recommendation 20 unit code, as on the invoice (`HUR`, `EA`, ...).
    pub unit: String,
    pub price: Money,
    /// From when the price applies; absent means from the agreement's start.
    pub valid_from: Option<Date>,
}

/// Where a posting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostingSource {
    /// A row of an accounts-payable extract.
    Ledger,
    /// A Peppol BIS Billing 3 invoice or credit note with no ledger rows.
    Peppol,
}

/// An amount excluding VAT from a supplier, dated, on a booking account (DESIGN §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub supplier: OrgNumber,
    /// The supplier's name as the invoice or the ledger writes it.
    pub supplier_name: String,
    pub invoice: String,
    pub date: Date,
    /// Öre excluding VAT; a credit note is negative.
    pub amount: Money,
    /// May be empty.
    pub account: String,
    pub contract: Option<String>,
    pub order: Option<String>,
    pub source: PostingSource,
}

/// A Peppol document (`Invoice` or `CreditNote`) as the file says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDocument {
    pub supplier: OrgNumber,
    pub supplier_name: String,
    pub invoice: String,
    pub date: Date,
    pub credit_note: bool,
    /// TaxExclusiveAmount as written (positive on a credit note too).
    pub amount: Money,
    pub account: String,
    pub contract: Option<String>,
    pub order: Option<String>,
    pub lines: Vec<InvoiceLine>,
}

impl InvoiceDocument {
    /// The posting the document gives when the ledger has no rows of it.
    pub fn posting(&self) -> Posting {
        Posting {
            supplier: self.supplier.clone(),
            supplier_name: self.supplier_name.clone(),
            invoice: self.invoice.clone(),
            date: self.date,
            amount: if self.credit_note {
                Money(-self.amount.0)
            } else {
                self.amount
            },
            account: self.account.clone(),
            contract: self.contract.clone(),
            order: self.order.clone(),
            source: PostingSource::Peppol,
        }
    }
}

/// A line of a Peppol document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub id: String,
    pub quantity: Decimal,
    pub unit: String,
    pub line_amount: Decimal,
    pub item: String,
    pub item_id: Option<String>,
    pub price: Decimal,
    /// `cac:Price/cbc:BaseQuantity`; absent means 1.
    pub base_quantity: Option<Decimal>,
}

/// A ledger row merged with the document of the same supplier and invoice: the ledger
/// gives amount, account and date, the document its references (DESIGN §4), so one
/// invoice is never counted twice.
pub fn merge_references(row: &mut Posting, document: &InvoiceDocument) {
    if document.contract.is_some() {
        row.contract = document.contract.clone();
    }
    if document.order.is_some() {
        row.order = document.order.clone();
    }
    if row.supplier_name.trim().is_empty() {
        row.supplier_name = document.supplier_name.clone();
    }
}

/// `items` with each value's first occurrence only, in order (booking accounts typed
/// twice are one account).
pub fn unique(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// A reference as compared: trimmed and case-folded.
pub fn reference_key(reference: &str) -> String {
    reference.trim().to_lowercase()
}

#[cfg(test)]
mod tests;
