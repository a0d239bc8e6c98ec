use time::macros::date;

use super::*;
use crate::domain::{Agreement, AgreementId, Supplier};

fn org(d: &str) -> OrgNumber {
    OrgNumber::parse(d).unwrap()
}

const A_SUP: &str = "5566778899";
const B_SUP: &str = "0123456782";

fn agreement(id: u64, reference: &str, suppliers: &[&str], accounts: &[&str]) -> Agreement {
    let mut a = Agreement::new(
        reference,
        "Avtal",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.id = AgreementId(id);
    a.suppliers = suppliers
        .iter()
        .map(|s| Supplier {
            org_number: org(s),
            name: "Leverantör".into(),
            contacts: vec![],
        })
        .collect();
    a.money.accounts = accounts.iter().map(|s| s.to_string()).collect();
    a
}

fn posting(supplier: &str, account: &str) -> Posting {
    Posting {
        supplier: org(supplier),
        supplier_name: "Leverantör AB".into(),
        invoice: "F-1".into(),
        date: date!(2026 - 03 - 01),
        amount: Money(10_000),
        account: account.into(),
        contract: None,
        order: None,
        source: PostingSource::Ledger,
    }
}

fn no_calloffs(_: &str) -> Vec<AgreementId> {
    Vec::new()
}

#[test]
fn the_contract_reference_decides_first_whatever_the_supplier() {
    let ags = [
        agreement(1, "UH-2026-014", &[A_SUP], &["6540"]),
        agreement(2, "UH-2026-020", &[B_SUP], &[]),
    ];
    let mut p = posting(B_SUP, "1234");
    p.contract = Some("  uh-2026-014 ".into());
    assert_eq!(
        belongs_to(&p, &ags, &no_calloffs),
        Belonging::Contract(AgreementId(1))
    );
    // A contract reference no agreement has falls through to the next rules.
    p.contract = Some("UH-1999-001".into());
    assert_eq!(
        belongs_to(&p, &ags, &no_calloffs),
        Belonging::Supplier(AgreementId(2))
    );
}

#[test]
fn an_order_reference_names_the_agreement_of_its_calloff() {
    let ags = [
        agreement(1, "UH-1", &[A_SUP], &["6540"]),
        agreement(2, "UH-2", &[A_SUP], &["6540"]),
    ];
    let calloffs = |key: &str| match key {
        "AV-0001" => vec![AgreementId(2)],
        "AV-0002" => vec![AgreementId(1), AgreementId(2)],
        _ => vec![],
    };
    let mut p = posting(A_SUP, "6540");
    p.order = Some(" AV-0001".into());
    assert_eq!(
        belongs_to(&p, &ags, &calloffs),
        Belonging::Order(AgreementId(2))
    );
    // Both have an AV-0002 and the supplier is in both: the supplier rule decides, and
    // both list the account: no agreement.
    p.order = Some("AV-0002".into());
    assert_eq!(belongs_to(&p, &ags, &calloffs), Belonging::Ambiguous);
}

#[test]
fn the_supplier_rule_needs_the_period_and_an_account_of_the_agreement() {
    let ags = [
        agreement(1, "UH-1", &[A_SUP], &["6540", "6550"]),
        agreement(2, "UH-2", &[A_SUP], &[]),
    ];
    // Listed by 1, any account for 2: the one listing it wins.
    assert_eq!(
        belongs_to(&posting(A_SUP, "6550"), &ags, &no_calloffs),
        Belonging::Supplier(AgreementId(1))
    );
    // Not listed by 1: only 2 qualifies.
    assert_eq!(
        belongs_to(&posting(A_SUP, "4010"), &ags, &no_calloffs),
        Belonging::Supplier(AgreementId(2))
    );
    let mut late = posting(A_SUP, "6550");
    late.date = date!(2028 - 01 - 01);
    assert_eq!(belongs_to(&late, &ags, &no_calloffs), Belonging::None);
    assert_eq!(
        belongs_to(&posting(B_SUP, "6550"), &ags, &no_calloffs),
        Belonging::None
    );
}

fn line(item: &str, item_id: Option<&str>, unit: &str, qty: &str, price: &str) -> InvoiceLine {
    InvoiceLine {
        id: "1".into(),
        quantity: Decimal::parse(qty).unwrap(),
        unit: unit.into(),
        line_amount: Decimal::default(),
        item: item.into(),
        item_id: item_id.map(str::to_string),
        price: Decimal::parse(price).unwrap(),
        base_quantity: None,
    }
}

fn price(
    item: &str,
    item_id: Option<&str>,
    unit: &str,
    kr: i64,
    from: Option<time::Date>,
) -> PriceRow {
    PriceRow {
        supplier: org(A_SUP),
        item: item.into(),
        item_id: item_id.map(str::to_string),
        unit: unit.into(),
        price: Money(kr * 100),
        valid_from: from,
    }
}

#[test]
fn a_line_finds_its_price_by_id_or_name_and_unit_and_the_latest_valid_row() {
    let start = date!(2026 - 01 - 01);
    let prices = [
        price("Systemutvecklare nivå 3", Some("SU3"), "HUR", 1150, None),
        price(
            "Systemutvecklare nivå 3",
            Some("SU3"),
            "HUR",
            1190,
            Some(date!(2026 - 07 - 01)),
        ),
        price("Projektledare", None, "HUR", 1300, None),
    ];
    let s = org(A_SUP);
    let l = line("Whatever the name", Some("su3"), "hur", "10", "1200");
    let early = agreed_price(&prices, &s, &l, date!(2026 - 06 - 30), start).unwrap();
    assert_eq!(early.price, Money(115_000));
    let later = agreed_price(&prices, &s, &l, date!(2026 - 07 - 01), start).unwrap();
    assert_eq!(later.price, Money(119_000));
    // A row with an id is never matched by name alone.
    let by_name_only = line("Systemutvecklare nivå 3", None, "HUR", "1", "1");
    assert!(agreed_price(&prices, &s, &by_name_only, date!(2026 - 03 - 01), start).is_none());
    // A row without an id is matched by the name as invoices write it.
    let pl = line("  PROJEKTLEDARE ", None, "HUR", "1", "1");
    assert_eq!(
        agreed_price(&prices, &s, &pl, date!(2026 - 03 - 01), start)
            .unwrap()
            .price,
        Money(130_000)
    );
    // Another unit, another supplier: no price.
    let day = line("Projektledare", None, "DAY", "1", "1");
    assert!(agreed_price(&prices, &s, &day, date!(2026 - 03 - 01), start).is_none());
    assert!(agreed_price(&prices, &org(B_SUP), &pl, date!(2026 - 03 - 01), start).is_none());
}

#[test]
fn an_overcharge_is_exact_until_rounded_once() {
    // 1 200 kr against 1 150 kr, 7.5 hours: 375 kr.
    let l = line("SU3", None, "HUR", "7.5", "1200.00");
    let a = audit_line(&l, Money(115_000)).unwrap();
    assert!(a.overcharged);
    assert_eq!(a.unit_price, Money(120_000));
    assert_eq!(a.overcharge, Money(37_500));
    // 100 kr per 3 units: 33.333… kr a unit, against 33.33 kr: 0.00333… kr × 3 = 0.01 kr.
    let mut l = line("X", None, "EA", "3", "100");
    l.base_quantity = Decimal::parse("3");
    let a = audit_line(&l, Money(3_333)).unwrap();
    assert_eq!(a.unit_price, Money(3_333));
    assert!(a.overcharged);
    assert_eq!(a.overcharge, Money(1));
    // Exactly the agreed price: not overcharged.
    let l = line("X", None, "EA", "2", "33.33");
    let a = audit_line(&l, Money(3_333)).unwrap();
    assert!(!a.overcharged);
    assert_eq!(a.overcharge, Money(0));
    // Half an öre rounds up: 0.005 kr × 1.
    let l = line("X", None, "EA", "1", "10.005");
    let a = audit_line(&l, Money(1_000)).unwrap();
    assert_eq!(a.overcharge, Money(1));
    assert_eq!(a.unit_price, Money(1_001));
    let mut zero = line("X", None, "EA", "1", "1");
    zero.base_quantity = Decimal::parse("0");
    assert!(audit_line(&zero, Money(1)).is_none());
}

#[test]
fn names_compare_trimmed_collapsed_and_case_folded() {
    assert_eq!(
        normalise_name("  Systemutvecklare   NIVÅ 3 "),
        "systemutvecklare nivå 3"
    );
    assert!(audit::same_name(
        "  Systemutvecklare   NIVÅ 3 ",
        "systemutvecklare\tnivå 3"
    ));
    // A decomposed å (a and a combining ring) is the same letter.
    assert!(audit::same_name("Nivå 3", "Niva\u{30a} 3"));
    assert!(!audit::same_name("Nivå 3", "Nivå 33"));
    assert!(!audit::same_name("Nivå 3", "Nivå"));
}

proptest::proptest! {
    /// Comparing word by word says what comparing the normalised names says.
    #[test]
    fn same_name_is_normalise_name_compared(
        a in "[aAåÅΣσς \t\u{a0}\u{30a}x]{0,8}",
        b in "[aAåÅΣσς \t\u{a0}\u{30a}x]{0,8}",
    ) {
        proptest::prop_assert_eq!(
            audit::same_name(&a, &b),
            normalise_name(&a) == normalise_name(&b),
            "{:?} {:?}", a, b
        );
        proptest::prop_assert!(audit::same_name(&a, &a));
    }
}

#[test]
fn a_credit_note_gives_a_negative_posting() {
    let d = InvoiceDocument {
        supplier: org(A_SUP),
        supplier_name: "Konsult AB".into(),
        invoice: "K-9".into(),
        date: date!(2026 - 05 - 02),
        credit_note: true,
        amount: Money(500_000),
        account: "6540".into(),
        contract: Some("UH-1".into()),
        order: None,
        lines: vec![],
    };
    let p = d.posting();
    assert_eq!(p.amount, Money(-500_000));
    let mut row = posting(A_SUP, "6550");
    row.supplier_name.clear();
    merge_references(&mut row, &d);
    assert_eq!(row.contract.as_deref(), Some("UH-1"));
    assert_eq!(row.account, "6550");
    assert_eq!(row.amount, Money(10_000));
    assert_eq!(row.supplier_name, "Konsult AB");
}
