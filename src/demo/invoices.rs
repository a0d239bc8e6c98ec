//! The demo's money: the IT agreement's price list (with index-adjusted rows from its
//! second year) and its invoices from its start to last month, as a municipality receives
//! them — a Peppol invoice per supplier and month, most at the agreed prices and some
//! above, a few credit notes — and the accounts-payable rows of the same invoices, with
//! rows on other accounts and from suppliers outside the agreement. Pure and
//! deterministic, like the rest of the demo.

use time::Date;

use crate::domain::spend::{
    Decimal, InvoiceDocument, InvoiceLine, MoneyTerms, Posting, PostingSource, PriceRow,
};
use crate::domain::{Agreement, Money, OrgNumber};

use super::calloffs::Rng;
use super::org;

/// (Item id, name, price in kronor in the first year.)
const ITEMS: [(&str, &str, i64); 3] = [
    ("SU2", "Systemutvecklare nivå 2", 1_050),
    ("SU3", "Systemutvecklare nivå 3", 1_150),
    ("", "Projektledare", 1_250),
];

/// The index adjustment of the second year: +3.2 %, in kronor rounded to whole.
fn adjusted(kr: i64) -> i64 {
    (kr * 1032 + 500) / 1000
}

/// The IT agreement's money terms: a maximum value its invoices come close to, so the
/// agenda warns; two booking accounts; and each supplier's price list.
pub fn money_terms(a: &Agreement) -> MoneyTerms {
    let second_year = a.start.replace_year(a.start.year() + 1).ok();
    let mut prices = Vec::new();
    for s in &a.suppliers {
        for (id, name, kr) in ITEMS {
            for (valid_from, price) in [(None, kr), (second_year, adjusted(kr))] {
                prices.push(PriceRow {
                    supplier: s.org_number.clone(),
                    item: name.to_string(),
                    item_id: (!id.is_empty()).then(|| id.to_string()),
                    unit: "HUR".into(),
                    price: Money(price * 100),
                    valid_from,
                });
            }
        }
    }
    MoneyTerms {
        max_value: Some(Money(1_350_000_000)),
        estimated_value: Some(Money(1_200_000_000)),
        accounts: vec!["6540".into(), "6550".into()],
        prices,
    }
}

/// Suppliers the organisation also buys IT consultants from, outside the agreement.
fn outsiders() -> [(OrgNumber, &'static str); 3] {
    [
        (org("556677889"), "Konsultbolaget Direkt AB"),
        (org("559211334"), "Frilans IT i Mälardalen AB"),
        (org("556900112"), "Kodverkstan Syd AB"),
    ]
}

/// Suppliers on other accounts (office supplies, travel): the ledger is not only IT.
fn others() -> [(OrgNumber, &'static str, &'static str); 2] {
    [
        (org("556123456"), "Kontorsvaror Norden AB", "5460"),
        (org("556234567"), "Resebyrån Väst AB", "5800"),
    ]
}

fn first_of_next_month(d: Date) -> Date {
    let next = d.replace_day(28).unwrap_or(d) + time::Duration::days(4);
    next.replace_day(1).unwrap_or(next)
}

fn decimal_kr(ore: i64) -> Decimal {
    Decimal {
        units: i128::from(ore),
        scale: 2,
    }
}

/// The invoices of `a` (with its money terms) from its start to the month before
/// `today`: Peppol documents and the ledger's rows, with `calloffs` giving the order
/// references some invoices carry.
pub fn invoices(
    a: &Agreement,
    calloffs: &[String],
    today: Date,
) -> (Vec<InvoiceDocument>, Vec<Posting>) {
    let mut rng = Rng(0x005E_ED1A_7E0F_2026);
    let mut documents = Vec::new();
    let mut ledger = Vec::new();
    let last = today.replace_day(1).unwrap_or(today);
    let mut month = a.start.replace_day(1).unwrap_or(a.start);
    let mut number = 1000;
    let second_year = a.start.replace_year(a.start.year() + 1).unwrap_or(a.end);
    while month < last {
        let date = month.replace_day(25).unwrap_or(month);
        for (i, s) in a.suppliers.iter().enumerate() {
            // The ranking's first suppliers get most of the work.
            if !rng.chance(90 - 12 * i as u64) {
                continue;
            }
            number += 1;
            let mut lines = Vec::new();
            let mut total = 0i64;
            let count = 1 + rng.below(3) as usize;
            for (n, (id, name, kr)) in ITEMS.iter().enumerate().take(count) {
                let agreed = if date >= second_year {
                    adjusted(*kr)
                } else {
                    *kr
                };
                // Agila Team invoices the new price two months early, then keeps
                // a krona or two above it; the others mostly keep to the list.
                let early =
                    i == 2 && date < second_year && date >= second_year - time::Duration::days(62);
                let over = if early {
                    adjusted(*kr) - agreed
                } else if i == 2 && rng.chance(40) {
                    20
                } else if rng.chance(3) {
                    50
                } else {
                    0
                };
                let price = agreed + over;
                let hours = 20 + rng.below(140) as i64;
                total += price * hours * 100;
                lines.push(InvoiceLine {
                    id: (n + 1).to_string(),
                    quantity: Decimal {
                        units: i128::from(hours),
                        scale: 0,
                    },
                    unit: "HUR".into(),
                    line_amount: decimal_kr(price * hours * 100),
                    item: name.to_string(),
                    item_id: (!id.is_empty()).then(|| id.to_string()),
                    price: decimal_kr(price * 100),
                    base_quantity: None,
                });
            }
            let account = if lines.iter().any(|l| l.item == "Projektledare") && lines.len() == 1 {
                "6550"
            } else {
                "6540"
            };
            let invoice = format!("{}-{number}", &s.name[..3].to_uppercase());
            let order = (rng.chance(30) && !calloffs.is_empty())
                .then(|| calloffs[rng.below(calloffs.len() as u64) as usize].clone());
            let contract = rng.chance(50).then(|| a.reference.clone());
            let doc = InvoiceDocument {
                supplier: s.org_number.clone(),
                supplier_name: s.name.clone(),
                invoice: invoice.clone(),
                date,
                credit_note: false,
                amount: Money(total),
                account: account.into(),
                contract: contract.clone(),
                order: order.clone(),
                lines,
            };
            // The ledger has every invoice, booked a few days after it was issued.
            ledger.push(Posting {
                supplier: s.org_number.clone(),
                supplier_name: s.name.clone(),
                invoice: invoice.clone(),
                date: date + time::Duration::days(3),
                amount: Money(total),
                account: account.into(),
                contract: None,
                order: None,
                source: PostingSource::Ledger,
            });
            documents.push(doc);
            // Now and then a credit note for hours invoiced twice.
            if rng.chance(6) {
                number += 1;
                let hours = 8 + rng.below(16) as i64;
                let agreed = if date >= second_year {
                    adjusted(1_150)
                } else {
                    1_150
                };
                let credit = agreed * hours * 100;
                documents.push(InvoiceDocument {
                    supplier: s.org_number.clone(),
                    supplier_name: s.name.clone(),
                    invoice: format!("K{number}"),
                    date: date + time::Duration::days(2),
                    credit_note: true,
                    amount: Money(credit),
                    account: "6540".into(),
                    contract: Some(a.reference.clone()),
                    order: None,
                    lines: vec![InvoiceLine {
                        id: "1".into(),
                        quantity: Decimal {
                            units: i128::from(hours),
                            scale: 0,
                        },
                        unit: "HUR".into(),
                        line_amount: decimal_kr(credit),
                        item: "Systemutvecklare nivå 3".into(),
                        item_id: Some("SU3".into()),
                        price: decimal_kr(agreed * 100),
                        base_quantity: None,
                    }],
                });
            }
        }
        // IT consultants bought past the agreement, on its accounts.
        for (k, (o, name)) in outsiders().iter().enumerate() {
            if rng.chance(35 - 10 * k as u64) {
                number += 1;
                ledger.push(Posting {
                    supplier: o.clone(),
                    supplier_name: name.to_string(),
                    invoice: format!("U-{number}"),
                    date: date - time::Duration::days(10),
                    amount: Money((40_000 + rng.below(160_000) as i64) * 100),
                    account: "6540".into(),
                    contract: None,
                    order: None,
                    source: PostingSource::Ledger,
                });
            }
        }
        for (o, name, account) in others() {
            number += 1;
            ledger.push(Posting {
                supplier: o,
                supplier_name: name.to_string(),
                invoice: format!("O-{number}"),
                date: date - time::Duration::days(5),
                amount: Money((2_000 + rng.below(30_000) as i64) * 100),
                account: account.into(),
                contract: None,
                order: None,
                source: PostingSource::Ledger,
            });
        }
        month = first_of_next_month(month);
    }
    (documents, ledger)
}
