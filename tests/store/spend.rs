//! The spend aggregates kept on write give the same report as judging every posting one
//! by one: random agreements sharing suppliers (with and without accounts, overlapping
//! periods), random ledger rows and Peppol documents (credit notes, references that match
//! and that do not), a second import replacing some of them, and random periods whose
//! ends fall inside months.

use avtal::app::spend::{ceilings, spend, spend_by_scan};
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::orgnr::luhn_check_digit;
use avtal::domain::spend::{Decimal, InvoiceDocument, InvoiceLine, Posting, PostingSource};
use avtal::domain::{Agreement, AgreementId, Lot, Money, OrgNumber, Supplier};
use avtal::store::Store;
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration};

fn org(i: usize) -> OrgNumber {
    let nine = format!("{}", 556_100_000 + i * 7);
    let check = luhn_check_digit(nine.as_bytes());
    OrgNumber::parse(&format!("{nine}{check}")).unwrap()
}

const ACCOUNTS: [&str; 4] = ["6540", "6550", "4010", ""];
const BASE: Date = date!(2025 - 01 - 01);

fn agreements() -> Vec<Agreement> {
    type Spec<'a> = (&'a str, i64, i64, &'a [usize], &'a [&'a str]);
    let spec: [Spec; 3] = [
        ("UH-1", 0, 600, &[0, 1, 2], &["6540", "6550"]),
        ("UH-2", 200, 500, &[1, 2, 3], &[]),
        ("UH-3", 100, 700, &[2, 4], &["6540"]),
    ];
    spec.iter()
        .map(|(r, s, e, sup, acc)| {
            let mut a = Agreement::new(r, r, BASE + Duration::days(*s), BASE + Duration::days(*e));
            a.suppliers = sup
                .iter()
                .map(|i| Supplier {
                    org_number: org(*i),
                    name: format!("Leverantör {i}"),
                    contacts: vec![],
                })
                .collect();
            a.lots = vec![Lot {
                name: "Lot".into(),
                ranking: vec![org(sup[0])],
            }];
            a.money.accounts = acc.iter().map(|s| s.to_string()).collect();
            a
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Row {
    supplier: usize,
    invoice: u8,
    day: i64,
    account: usize,
    ore: i64,
    contract: Option<u8>,
    order: Option<u8>,
    document: bool,
    credit: bool,
    /// A credit of the same amount from the same supplier on the same day and account:
    /// postings that net to zero still count as postings.
    twin: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..7usize,
        0..40u8,
        0..760i64,
        0..4usize,
        -50_000i64..500_000,
        prop::option::weighted(0.15, 0..4u8),
        prop::option::weighted(0.15, 0..4u8),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.15),
    )
        .prop_map(
            |(supplier, invoice, day, account, ore, contract, order, document, credit, twin)| Row {
                supplier,
                invoice,
                day,
                account,
                ore,
                contract,
                order,
                document,
                credit,
                twin,
            },
        )
}

/// A ledger row, or a Peppol document (without lines), from `r`. A key given twice is
/// given twice (as two files of one import can), and the store keeps the later.
fn split(rows: &[Row]) -> (Vec<Posting>, Vec<InvoiceDocument>) {
    let mut ledger: Vec<Posting> = Vec::new();
    let mut documents: Vec<InvoiceDocument> = Vec::new();
    for r in rows {
        let contract = r.contract.map(|c| format!("uh-{c}"));
        let order = r.order.map(|o| format!("AV-{o}"));
        let date = BASE + Duration::days(r.day);
        let (supplier, invoice) = (org(r.supplier), format!("F-{}", r.invoice));
        if r.document {
            documents.retain(|d| !(d.supplier == supplier && d.invoice == invoice));
            documents.push(InvoiceDocument {
                supplier,
                supplier_name: format!("Leverantör {}", r.supplier),
                invoice,
                date,
                credit_note: r.credit,
                amount: Money(r.ore.abs()),
                account: ACCOUNTS[r.account].into(),
                contract,
                order,
                lines: vec![InvoiceLine {
                    id: "1".into(),
                    quantity: Decimal::ONE,
                    unit: "EA".into(),
                    line_amount: Decimal::ONE,
                    item: "x".into(),
                    item_id: None,
                    price: Decimal::ONE,
                    base_quantity: None,
                }],
            });
        } else {
            let account = ACCOUNTS[r.account].to_string();
            if r.twin {
                ledger.push(Posting {
                    supplier: supplier.clone(),
                    supplier_name: format!("Leverantör {}", r.supplier),
                    invoice: format!("K-{}", r.invoice),
                    date,
                    amount: Money(-r.ore),
                    account: account.clone(),
                    contract: None,
                    order: None,
                    source: PostingSource::Ledger,
                });
            }
            ledger.push(Posting {
                supplier,
                supplier_name: format!("Leverantör {}", r.supplier),
                invoice,
                date,
                amount: Money(r.ore),
                account,
                contract,
                order,
                source: PostingSource::Ledger,
            });
        }
    }
    (ledger, documents)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_aggregates_agree_with_every_posting_judged_alone(
        first in prop::collection::vec(row(), 1..120),
        second in prop::collection::vec(row(), 0..40),
        periods in prop::collection::vec((0..760i64, 0..400i64, 0..800i64), 3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
        store.import_agreements(&agreements()).unwrap();
        let stored = store.agreements().unwrap();
        // Call-off AV-1 in UH-2 and AV-2 in both UH-1 and UH-2: the order rule.
        for (reference, a) in [("AV-1", 1usize), ("AV-2", 0), ("AV-2", 1)] {
            let c = CallOff::new(reference, stored[a].id, "Lot", "Bo", CallOffMethod::Ranking, datetime!(2025-06-01 10:00));
            store.save_calloff(&c).unwrap();
        }
        let (ledger, documents) = split(&first);
        store.import_invoices(&ledger, &documents).unwrap();
        let (ledger, documents) = split(&second);
        store.import_invoices(&ledger, &documents).unwrap();
        let agreements = store.agreements().unwrap();
        for a in &agreements {
            for (start, len, as_of) in &periods {
                let from = BASE + Duration::days(*start);
                let to = from + Duration::days(*len);
                let as_of = BASE + Duration::days(*as_of);
                let fast = spend(&store, &agreements, a, from, to, as_of).unwrap();
                let slow = spend_by_scan(&store, &agreements, a, from, to, as_of).unwrap();
                prop_assert_eq!(fast, slow, "{} {}..={} as of {}", a.reference, from, to, as_of);
            }
        }
        // The agenda's figures, read for every agreement with a maximum value at once,
        // are each agreement's own report's.
        let mut with_max = agreements.clone();
        with_max[1].money.max_value = None;
        for a in with_max.iter_mut().filter(|a| a.reference != "UH-2") {
            a.money.max_value = Some(Money(1));
        }
        for (start, _, _) in &periods {
            let today = BASE + Duration::days(*start);
            let sums = ceilings(&store, &with_max, today).unwrap();
            let (from, _) = avtal::stats::spend::last_twelve_months(today);
            for (a, (cumulative, last_twelve)) in with_max.iter().zip(sums) {
                let want = match a.money.max_value {
                    Some(_) => {
                        let r = spend(&store, &with_max, a, from, today, today).unwrap();
                        (r.cumulative, r.spend)
                    }
                    None => (Money(0), Money(0)),
                };
                prop_assert_eq!((cumulative, last_twelve), want, "{} to {}", a.reference, today);
            }
        }
        let _ = AgreementId(0);
    }
}

fn ledger_row(supplier: usize, invoice: usize, account: &str, ore: i64) -> Posting {
    Posting {
        supplier: org(supplier),
        supplier_name: format!("Leverantör {supplier}"),
        invoice: format!("F-{invoice:04}"),
        date: BASE + Duration::days(invoice as i64 % 500),
        amount: Money(ore),
        account: account.into(),
        contract: None,
        order: None,
        source: PostingSource::Ledger,
    }
}

/// A second import that touches a few invoices far apart in a long ledger (the store
/// reads the stored invoices by walking on and seeking) changes the report by exactly
/// what it replaced.
#[test]
fn a_reimport_of_a_few_invoices_far_apart_changes_exactly_those() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    store.import_agreements(&agreements()).unwrap();
    let first: Vec<Posting> = (0..600)
        .flat_map(|i| {
            [
                ledger_row(i % 2, i, "6540", 10_000),
                ledger_row(i % 2, i, "6550", 1_000),
            ]
        })
        .collect();
    store.import_invoices(&first, &[]).unwrap();
    let agreements = store.agreements().unwrap();
    let uh1 = &agreements[0];
    let (from, to) = (BASE, BASE + Duration::days(600));
    let before = spend(&store, &agreements, uh1, from, to, to).unwrap();
    assert_eq!(before.spend, Money(600 * 11_000));
    // Suppliers 0 and 1 (1 is also UH-2's, which lists no accounts: UH-1 wins).
    // Invoices 5, 300 and 599 on one account each, a new one, and a document for
    // invoice 450 (the ledger's amounts stay, the document gives a contract reference
    // to another agreement).
    let second = vec![
        ledger_row(5 % 2, 5, "6540", 20_000),
        ledger_row(0, 300, "6550", 0),
        ledger_row(599 % 2, 599, "6540", -10_000),
        ledger_row(1, 700, "6540", 5_000),
    ];
    let doc_of_450 = InvoiceDocument {
        supplier: org(0),
        supplier_name: "Leverantör 0".into(),
        invoice: "F-0450".into(),
        date: BASE + Duration::days(450),
        credit_note: false,
        amount: Money(11_000),
        account: "6540".into(),
        contract: Some("UH-2".into()),
        order: None,
        lines: vec![],
    };
    let done = store
        .import_invoices(&second, std::slice::from_ref(&doc_of_450))
        .unwrap();
    assert_eq!((done.ledger_new, done.ledger_replaced), (1, 3));
    let after = spend(&store, &agreements, uh1, from, to, to).unwrap();
    let slow = spend_by_scan(&store, &agreements, uh1, from, to, to).unwrap();
    assert_eq!(after, slow);
    // +10 000 on 5, −1 000 on 300, −20 000 on 599, +5 000 for 700 (day 200, supplier
    // 1 of UH-1), and invoice 450's 11 000 now UH-2's by its contract reference.
    assert_eq!(
        after.spend,
        Money(600 * 11_000 + 10_000 - 1_000 - 20_000 + 5_000 - 11_000)
    );
}
