use time::macros::date;

use super::*;
use crate::i18n::{Catalog, Lang};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/peppol/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn an_invoice_gives_its_number_supplier_amount_references_and_lines() {
    let d = parse(&fixture("invoice.xml")).unwrap();
    assert_eq!(d.invoice, "F-2026-0412");
    assert_eq!(d.date, date!(2026 - 04 - 30));
    assert!(!d.credit_note);
    assert_eq!(d.supplier.digits(), "5566778899");
    assert_eq!(d.supplier_name, "Konsult AB");
    assert_eq!(d.amount, Money(1_332_500));
    assert_eq!(d.account, "6540");
    assert_eq!(d.contract.as_deref(), Some("UH-2026-014"));
    assert_eq!(d.order.as_deref(), Some("AV-2026-0007"));
    assert_eq!(d.lines.len(), 2);
    let l = &d.lines[0];
    assert_eq!((l.id.as_str(), l.unit.as_str()), ("1", "HUR"));
    assert_eq!(l.quantity, Decimal::parse("7.5").unwrap());
    assert_eq!(l.item_id.as_deref(), Some("SU3"));
    assert_eq!(l.base_quantity, None);
    assert_eq!(d.lines[1].base_quantity, Decimal::parse("2"));
    assert_eq!(d.lines[1].item, "PROJEKTLEDARE  senior");
}

#[test]
fn a_credit_note_under_other_prefixes_takes_the_supplier_from_its_vat_number() {
    let d = parse(&fixture("credit_note.xml")).unwrap();
    assert!(d.credit_note);
    assert_eq!(d.invoice, "K-2026-0031");
    // No company id; "Godkänd för F-skatt" comes first and is passed over.
    assert_eq!(d.supplier.digits(), "5566778899");
    assert_eq!(d.posting().amount, Money(-120_000));
    assert_eq!(d.lines[0].quantity, Decimal::parse("1").unwrap());
    assert_eq!(d.contract, None);
}

fn problems(xml: &str) -> Vec<FileProblem> {
    parse(xml.as_bytes()).unwrap_err()
}

#[test]
fn every_problem_is_named_with_its_line_in_words() {
    let text = String::from_utf8(fixture("invoice.xml")).unwrap();
    let bad = text
        .replace(">SEK<", ">EUR<")
        .replace("<cbc:IssueDate>2026-04-30", "<cbc:IssueDate>2026-04-31")
        .replace(">7.5<", ">sju<");
    let ps = problems(&bad);
    let said: Vec<String> = ps
        .iter()
        .map(|p| p.message(Catalog::get(Lang::En)))
        .collect();
    assert_eq!(ps.len(), 3, "{said:?}");
    assert!(said.iter().any(|s| s.contains("EUR")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("2026-04-31")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("sju")), "{said:?}");
    assert_eq!(
        ps.iter()
            .find(|p| matches!(&p.kind, ProblemKind::Peppol(PeppolProblem::BadDate { .. })))
            .unwrap()
            .line,
        8
    );
    assert!(crate::formats::problem::not_in_words(&ps, 200).is_none());
}

#[test]
fn what_is_not_an_invoice_is_refused_in_words() {
    let ps = problems("<Order xmlns=\"urn:x\"/>");
    assert!(
        matches!(&ps[0].kind, ProblemKind::Peppol(PeppolProblem::NotInvoice { root }) if root == "Order")
    );
    let ps = problems("<Invoice><unclosed></Invoice>");
    assert!(matches!(
        &ps[0].kind,
        ProblemKind::Peppol(PeppolProblem::NotXml { .. })
    ));
    assert!(parse(b"\xff\xfe<").is_err());
    let text = String::from_utf8(fixture("invoice.xml")).unwrap();
    let no_org = text
        .replace(
            "<cbc:CompanyID>556677-8899</cbc:CompanyID>",
            "<cbc:CompanyID>123</cbc:CompanyID>",
        )
        .replace("SE556677889901", "DE123456789");
    let ps = problems(&no_org);
    assert!(
        matches!(&ps[0].kind, ProblemKind::Peppol(PeppolProblem::NoSupplier { given }) if given == "123")
    );
    assert!(looks_like_xml(b"\xEF\xBB\xBF  \n<?xml"));
    assert!(!looks_like_xml(b"invoice;date"));
}
