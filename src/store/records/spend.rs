//! Stored money records (schema 5): an agreement's money terms (`AGREEMENT_MONEY`), a
//! ledger row (`LEDGER`, keyed by supplier, invoice and account) and a Peppol document
//! (`INVOICES`, keyed by supplier and invoice). Version 1 of each. Dates are Julian day
//! numbers and decimals their exact text, so no domain type is the format.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::money::Money;
use crate::domain::orgnr::OrgNumber;
use crate::domain::spend::{
    Decimal, InvoiceDocument, InvoiceLine, MoneyTerms, Posting, PostingSource, PriceRow,
};

use super::super::StoreError;
use super::super::encoding;

pub const V1: u16 = 1;

super::shapes!(PriceV1, MoneyTermsV1, LedgerV1, LineV1, DocumentV1);

fn day(d: Date) -> i32 {
    d.to_julian_day()
}

fn date(n: i32) -> Result<Date, String> {
    Date::from_julian_day(n).map_err(|_| format!("day number {n}"))
}

fn org(digits: &str) -> Result<OrgNumber, String> {
    OrgNumber::parse(digits).map_err(|_| format!("organisation number {digits}"))
}

fn decimal(text: &str) -> Result<Decimal, String> {
    Decimal::parse(text).ok_or_else(|| format!("decimal {text}"))
}

fn corrupt(what: &str) -> impl Fn(String) -> StoreError + '_ {
    move |detail| StoreError::Corrupt {
        what: what.into(),
        detail,
    }
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    let (version, body) = encoding::split(bytes).map_err(corrupt(what))?;
    match version {
        V1 => encoding::decode_body(body).map_err(corrupt(what)),
        v => Err(corrupt(what)(format!("unknown record version {v}"))),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct PriceV1 {
    pub supplier: String,
    pub item: String,
    pub item_id: Option<String>,
    pub unit: String,
    pub price_ore: i64,
    pub valid_from: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct MoneyTermsV1 {
    pub max_value_ore: Option<i64>,
    pub estimated_value_ore: Option<i64>,
    pub accounts: Vec<String>,
    pub prices: Vec<PriceV1>,
}

pub fn encode_terms(t: &MoneyTerms) -> Vec<u8> {
    encoding::encode(
        V1,
        &MoneyTermsV1 {
            max_value_ore: t.max_value.map(|m| m.0),
            estimated_value_ore: t.estimated_value.map(|m| m.0),
            accounts: t.accounts.clone(),
            prices: t
                .prices
                .iter()
                .map(|p| PriceV1 {
                    supplier: p.supplier.digits().to_string(),
                    item: p.item.clone(),
                    item_id: p.item_id.clone(),
                    unit: p.unit.clone(),
                    price_ore: p.price.0,
                    valid_from: p.valid_from.map(day),
                })
                .collect(),
        },
    )
}

pub fn decode_terms(bytes: &[u8]) -> Result<MoneyTerms, StoreError> {
    let r: MoneyTermsV1 = decode(bytes, "agreement money terms")?;
    let prices = r
        .prices
        .into_iter()
        .map(|p| {
            Ok(PriceRow {
                supplier: org(&p.supplier)?,
                item: p.item,
                item_id: p.item_id,
                unit: p.unit,
                price: Money(p.price_ore),
                valid_from: p.valid_from.map(date).transpose()?,
            })
        })
        .collect::<Result<_, String>>()
        .map_err(corrupt("agreement money terms"))?;
    Ok(MoneyTerms {
        max_value: r.max_value_ore.map(Money),
        estimated_value: r.estimated_value_ore.map(Money),
        accounts: r.accounts,
        prices,
    })
}

/// A ledger row without what its key holds (supplier, invoice, account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct LedgerV1 {
    pub date: i32,
    pub amount_ore: i64,
    pub supplier_name: String,
    pub contract: Option<String>,
    pub order: Option<String>,
}

/// [`LedgerV1`] borrowing its text: the same bytes, without copying a million names.
#[derive(Serialize)]
struct LedgerV1Ref<'p> {
    date: i32,
    amount_ore: i64,
    supplier_name: &'p str,
    contract: Option<&'p str>,
    order: Option<&'p str>,
}

impl super::View for LedgerV1Ref<'_> {}

pub fn encode_ledger(p: &Posting) -> Vec<u8> {
    let mut out = Vec::new();
    encode_ledger_into(p, &mut out);
    out
}

/// As [`encode_ledger`], appended to `out`.
pub fn encode_ledger_into(p: &Posting, out: &mut Vec<u8>) {
    encoding::encode_view(
        out,
        V1,
        &LedgerV1Ref {
            date: day(p.date),
            amount_ore: p.amount.0,
            supplier_name: &p.supplier_name,
            contract: p.contract.as_deref(),
            order: p.order.as_deref(),
        },
    );
}

pub fn decode_ledger(
    (supplier, invoice, account): (&str, &str, &str),
    bytes: &[u8],
) -> Result<Posting, StoreError> {
    let r: LedgerV1 = decode(bytes, "ledger row")?;
    Ok(Posting {
        supplier: org(supplier).map_err(corrupt("ledger row"))?,
        supplier_name: r.supplier_name,
        invoice: invoice.to_string(),
        date: date(r.date).map_err(corrupt("ledger row"))?,
        amount: Money(r.amount_ore),
        account: account.to_string(),
        contract: r.contract,
        order: r.order,
        source: PostingSource::Ledger,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct LineV1 {
    pub id: String,
    pub quantity: String,
    pub unit: String,
    pub line_amount: String,
    pub item: String,
    pub item_id: Option<String>,
    pub price: String,
    pub base_quantity: Option<String>,
}

/// A Peppol document without what its key holds (supplier, invoice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DocumentV1 {
    pub date: i32,
    pub credit_note: bool,
    pub amount_ore: i64,
    pub supplier_name: String,
    pub account: String,
    pub contract: Option<String>,
    pub order: Option<String>,
    pub lines: Vec<LineV1>,
}

pub fn encode_document(d: &InvoiceDocument) -> Vec<u8> {
    encoding::encode(
        V1,
        &DocumentV1 {
            date: day(d.date),
            credit_note: d.credit_note,
            amount_ore: d.amount.0,
            supplier_name: d.supplier_name.clone(),
            account: d.account.clone(),
            contract: d.contract.clone(),
            order: d.order.clone(),
            lines: d
                .lines
                .iter()
                .map(|l| LineV1 {
                    id: l.id.clone(),
                    quantity: l.quantity.to_string(),
                    unit: l.unit.clone(),
                    line_amount: l.line_amount.to_string(),
                    item: l.item.clone(),
                    item_id: l.item_id.clone(),
                    price: l.price.to_string(),
                    base_quantity: l.base_quantity.map(|b| b.to_string()),
                })
                .collect(),
        },
    )
}

pub fn decode_document(
    (supplier, invoice): (&str, &str),
    bytes: &[u8],
) -> Result<InvoiceDocument, StoreError> {
    let what = "invoice document";
    let r: DocumentV1 = decode(bytes, what)?;
    let lines = r
        .lines
        .into_iter()
        .map(|l| {
            Ok(InvoiceLine {
                id: l.id,
                quantity: decimal(&l.quantity)?,
                unit: l.unit,
                line_amount: decimal(&l.line_amount)?,
                item: l.item,
                item_id: l.item_id,
                price: decimal(&l.price)?,
                base_quantity: l.base_quantity.as_deref().map(decimal).transpose()?,
            })
        })
        .collect::<Result<_, String>>()
        .map_err(corrupt(what))?;
    Ok(InvoiceDocument {
        supplier: org(supplier).map_err(corrupt(what))?,
        supplier_name: r.supplier_name,
        invoice: invoice.to_string(),
        date: date(r.date).map_err(corrupt(what))?,
        credit_note: r.credit_note,
        amount: Money(r.amount_ore),
        account: r.account,
        contract: r.contract,
        order: r.order,
        lines,
    })
}
