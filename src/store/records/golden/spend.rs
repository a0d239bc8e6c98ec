//! Golden bytes of the money records (schema 5): an agreement's money terms, a ledger row
//! and a Peppol document, each decoded back (with what its key holds) to the literal.

use time::macros::date;

use crate::domain::Money;
use crate::domain::spend::{
    Decimal, InvoiceDocument, InvoiceLine, MoneyTerms, Posting, PostingSource, PriceRow,
};

use super::super::spend as rec;
use super::calloffs::org;
use super::golden;

fn check<T: PartialEq + std::fmt::Debug>(
    name: &str,
    bytes: Vec<u8>,
    decode: impl Fn(&[u8]) -> Option<T>,
    value: &T,
) {
    let stored = golden(name, &bytes);
    assert_eq!(stored, bytes, "{name}: the encoding changed");
    assert_eq!(decode(&stored).as_ref(), Some(value), "{name}");
    for n in 0..stored.len() {
        assert!(decode(&stored[..n]).is_none(), "{name}: {n}");
    }
}

#[test]
fn money_terms_v1() {
    let t = MoneyTerms {
        max_value: Some(Money(6_000_000_000)),
        estimated_value: Some(Money(4_000_000_000)),
        accounts: vec!["6540".into(), "6550".into()],
        prices: vec![PriceRow {
            supplier: org("5566778899"),
            item: "Systemutvecklare nivå 3".into(),
            item_id: Some("SU3".into()),
            unit: "HUR".into(),
            price: Money(119_050),
            valid_from: Some(date!(2026 - 07 - 01)),
        }],
    };
    check(
        "money_terms_v1.bin",
        rec::encode_terms(&t),
        |b| rec::decode_terms(b).ok(),
        &t,
    );
}

#[test]
fn ledger_row_v1() {
    let p = Posting {
        supplier: org("5566778899"),
        supplier_name: "Konsult AB".into(),
        invoice: "F-1".into(),
        date: date!(2026 - 03 - 01),
        amount: Money(-125_050),
        account: "6540".into(),
        contract: Some("UH-2026-014".into()),
        order: Some("AV-7".into()),
        source: PostingSource::Ledger,
    };
    check(
        "ledger_row_v1.bin",
        rec::encode_ledger(&p),
        |b| rec::decode_ledger(("5566778899", "F-1", "6540"), b).ok(),
        &p,
    );
    // Rows are written through a borrowed view of the record: the same bytes as the
    // record itself, with the references given or not.
    let without = Posting {
        contract: None,
        order: None,
        ..p.clone()
    };
    for p in [&p, &without] {
        let owned = rec::LedgerV1 {
            date: p.date.to_julian_day(),
            amount_ore: p.amount.0,
            supplier_name: p.supplier_name.clone(),
            contract: p.contract.clone(),
            order: p.order.clone(),
        };
        assert_eq!(
            rec::encode_ledger(p),
            crate::store::encoding::encode(rec::V1, &owned)
        );
    }
}

#[test]
fn invoice_document_v1() {
    let d = InvoiceDocument {
        supplier: org("5566778899"),
        supplier_name: "Konsult AB".into(),
        invoice: "F-2026-0412".into(),
        date: date!(2026 - 04 - 30),
        credit_note: true,
        amount: Money(1_332_500),
        account: "6540".into(),
        contract: Some("UH-2026-014".into()),
        order: Some("AV-2026-0007".into()),
        lines: vec![InvoiceLine {
            id: "1".into(),
            quantity: Decimal::parse("7.5").unwrap(),
            unit: "HUR".into(),
            line_amount: Decimal::parse("9000.00").unwrap(),
            item: "Systemutvecklare nivå 3".into(),
            item_id: Some("SU3".into()),
            price: Decimal::parse("1200").unwrap(),
            base_quantity: Decimal::parse("2"),
        }],
    };
    check(
        "invoice_document_v1.bin",
        rec::encode_document(&d),
        |b| rec::decode_document(("5566778899", "F-2026-0412"), b).ok(),
        &d,
    );
}
