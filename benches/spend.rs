//! Spend against an agreement at the scale of a large municipality (issue 16): a
//! million accounts-payable rows a year. Times the import of the extract (parse and
//! store, as `avtal import invoices` does) and `report spend` over the stored postings,
//! and prints beside it the same spend table as SQL in SQLite over the same postings,
//! with the ratio. The two must give the same figures or the bench fails.
//! Run with `cargo bench --bench spend [N ...]` (default 100 000 and 1 000 000 rows).

mod common;
use common::stats;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use avtal::app::spend::spend;
use avtal::domain::orgnr::luhn_check_digit;
use avtal::domain::{Agreement, OrgNumber, Supplier};
use avtal::formats::ledger_csv;
use avtal::store::Store;
use rusqlite::{Connection, params};
use time::macros::date;

const ACCOUNTS: [&str; 5] = ["6540", "6550", "4010", "5460", "5800"];

fn org(i: usize) -> OrgNumber {
    let nine = format!("{}", 556_000_000 + i * 37);
    let check = luhn_check_digit(nine.as_bytes());
    OrgNumber::parse(&format!("{nine}{check}")).unwrap()
}

/// A year of `n` rows from 2 000 suppliers, the first five the agreement's.
fn ledger(n: usize) -> String {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let orgs: Vec<OrgNumber> = (0..2_000).map(org).collect();
    let mut out = String::from("invoice;date;supplier;supplier_name;account;amount_sek\n");
    for i in 0..n {
        // One in ten rows is one of the agreement's suppliers.
        let s = if next() % 10 == 0 {
            &orgs[(next() % 5) as usize]
        } else {
            &orgs[(next() % 2_000) as usize]
        };
        let _ = writeln!(
            out,
            "F-{i};2026-{:02}-{:02};{s};Leverantör {};{};{},{:02}",
            1 + next() % 12,
            1 + next() % 28,
            s.digits(),
            ACCOUNTS[(next() % 5) as usize],
            100 + next() % 100_000,
            next() % 100
        );
    }
    out
}

fn agreement() -> Agreement {
    let mut a = Agreement::new(
        "UH-2026-014",
        "IT",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.suppliers = (0..5)
        .map(|i| Supplier {
            org_number: org(i),
            name: format!("Leverantör {i}"),
            contacts: vec![],
        })
        .collect();
    a.money.accounts = vec!["6540".into(), "6550".into()];
    a
}

const SCHEMA: &str = "
CREATE TABLE postings (supplier INTEGER NOT NULL, invoice TEXT NOT NULL, account TEXT NOT NULL,
    day INTEGER NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (supplier, invoice, account)) WITHOUT ROWID;
CREATE TABLE agreement_suppliers (pos INTEGER PRIMARY KEY, org INTEGER NOT NULL);
CREATE TABLE agreement_accounts (account TEXT PRIMARY KEY);
CREATE INDEX postings_account_day ON postings (account, day, supplier, amount);
CREATE INDEX postings_supplier_day ON postings (supplier, day, account, amount);
";

/// The spend, per-supplier spend and the accounts' total and compliance as SQL: the
/// supplier rule of DESIGN §4 with one agreement (the bench's postings carry no
/// references), which is what SQLite can be asked without the rules' code.
fn sqlite_spend(db: &Connection, from: i32, to: i32) -> (i64, Vec<i64>, i64, i64) {
    let spend: i64 = db
        .query_row(
            "SELECT COALESCE(SUM(amount), 0) FROM postings WHERE day BETWEEN ?1 AND ?2
             AND supplier IN (SELECT org FROM agreement_suppliers)
             AND account IN (SELECT account FROM agreement_accounts)",
            params![from, to],
            |r| r.get(0),
        )
        .unwrap();
    let mut st = db
        .prepare_cached(
            "SELECT s.org, COALESCE((SELECT SUM(amount) FROM postings p WHERE p.supplier = s.org
             AND p.day BETWEEN ?1 AND ?2 AND p.account IN (SELECT account FROM agreement_accounts)), 0)
             FROM agreement_suppliers s ORDER BY s.rowid",
        )
        .unwrap();
    let per: Vec<i64> = st
        .query_map(params![from, to], |r| r.get(1))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let (accounts, outside): (i64, i64) = db
        .query_row(
            "SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(CASE WHEN supplier NOT IN
             (SELECT org FROM agreement_suppliers) THEN amount ELSE 0 END), 0)
             FROM postings WHERE account IN (SELECT account FROM agreement_accounts)
             AND day BETWEEN ?1 AND ?2",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    (spend, per, accounts, outside)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

struct Measured {
    rows: usize,
    import: f64,
    reimport: f64,
    report: f64,
    inside: f64,
    sqlite: f64,
    /// After the first import, and after the same file again (redb keeps the replaced
    /// pages until the import's transaction is done, and reuses them after).
    file_first: u64,
    file_again: u64,
    /// Key to frame in the Spend tab: entering it first, and the 99th percentiles of
    /// entering it again and of the other keys.
    first: f64,
    enter: f64,
    keys: f64,
}

fn run(n: usize) -> Measured {
    println!("\n{n} accounts-payable rows");
    // The page cache `avtal import` asks for.
    avtal::store::set_cache_bytes(avtal::cli::import_csv::BULK_CACHE_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    let a = agreement();
    store.import_agreements(std::slice::from_ref(&a)).unwrap();
    let text = ledger(n);
    let t = Instant::now();
    let postings = ledger_csv::parse(text.as_bytes()).unwrap();
    store.import_invoices(&postings, &[]).unwrap();
    let import = t.elapsed();
    stats("import (parse and store)", vec![import]);
    let file = || {
        std::fs::metadata(dir.path().join("avtal.redb"))
            .unwrap()
            .len()
    };
    let file_first = file();
    // A finance office exports the year to date again: every row replaces its stored one.
    let t = Instant::now();
    let again = ledger_csv::parse(text.as_bytes()).unwrap();
    let done = store.import_invoices(&again, &[]).unwrap();
    let reimport = t.elapsed();
    assert_eq!(done.ledger_replaced, again.len());
    stats("the same file again (every row replaced)", vec![reimport]);
    let agreements = store.agreements().unwrap();
    let a = agreements[0].clone();
    let (from, to, as_of) = (
        date!(2026 - 01 - 01),
        date!(2026 - 12 - 31),
        date!(2026 - 12 - 31),
    );
    let mut samples = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let t = Instant::now();
        report = Some(spend(&store, &agreements, &a, from, to, as_of).unwrap());
        samples.push(t.elapsed());
    }
    let report = report.unwrap();
    let avtal = median(samples.clone());
    stats("report spend (avtal)", samples);
    // A period that starts and ends inside months reads those months day by day.
    let mut samples = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = spend(
            &store,
            &agreements,
            &a,
            date!(2026 - 01 - 15),
            date!(2026 - 11 - 20),
            date!(2026 - 11 - 20),
        )
        .unwrap();
        samples.push(t.elapsed());
        assert!(r.spend.0 < report.spend.0);
    }
    let inside = median(samples.clone());
    stats("report spend, period inside months", samples);

    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(SCHEMA).unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut ins = tx
            .prepare("INSERT INTO postings VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for p in &postings {
            ins.execute(params![
                p.supplier.digits().parse::<i64>().unwrap(),
                p.invoice,
                p.account,
                p.date.to_julian_day(),
                p.amount.0
            ])
            .unwrap();
        }
        for s in &a.suppliers {
            tx.execute(
                "INSERT INTO agreement_suppliers (org) VALUES (?1)",
                params![s.org_number.digits().parse::<i64>().unwrap()],
            )
            .unwrap();
        }
        for acc in &a.money.accounts {
            tx.execute("INSERT INTO agreement_accounts VALUES (?1)", params![acc])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    let mut samples = Vec::new();
    let mut answer = None;
    for _ in 0..5 {
        let t = Instant::now();
        answer = Some(sqlite_spend(&db, from.to_julian_day(), to.to_julian_day()));
        samples.push(t.elapsed());
    }
    let (spend_ore, per, accounts, outside) = answer.unwrap();
    let sqlite = median(samples.clone());
    stats("the same spend table in SQLite", samples);
    assert_eq!(report.spend.0, spend_ore, "spend");
    let ours: Vec<i64> = report.suppliers.iter().map(|s| s.spend.0).collect();
    assert_eq!(ours, per, "per supplier");
    assert_eq!(report.accounts_spend.0, accounts, "accounts");
    let ours_outside: i64 = report.outside.iter().map(|s| s.spend.0).sum();
    assert_eq!(ours_outside, outside, "outside");
    let file_again = file();
    let (first, enter, keys) = views(store, &a, n / 50);
    Measured {
        rows: n,
        import: ms(import),
        reimport: ms(reimport),
        report: ms(avtal),
        inside: ms(inside),
        sqlite: ms(sqlite),
        file_first,
        file_again,
        first: ms(first),
        enter: ms(enter),
        keys: ms(keys),
    }
}

/// `documents` Peppol invoices from the agreement's suppliers (three lines each at, below
/// and above the agreed price), then the Spend tab as a person uses it: entered from the
/// Outside purchases analysis, and its parts stepped and moved through, each key with the
/// frame it leads to (120×40). The first entry reads the year (the report and the price
/// audit of every document); later ones, with nothing written since, read nothing.
/// Gives the first entry, and the 99th percentiles of later entries and of the other keys.
fn views(store: Store, a: &Agreement, documents: usize) -> (Duration, Duration, Duration) {
    use avtal::domain::spend::{Decimal, InvoiceDocument, InvoiceLine, PriceRow};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let mut a = a.clone();
    let items = ["Systemutvecklare", "Projektledare", "Testare"];
    a.money.prices = a
        .suppliers
        .iter()
        .flat_map(|s| {
            items.iter().map(|item| PriceRow {
                supplier: s.org_number.clone(),
                item: (*item).into(),
                item_id: None,
                unit: "HUR".into(),
                price: avtal::domain::Money(100_000),
                valid_from: None,
            })
        })
        .collect();
    store.import_agreements(std::slice::from_ref(&a)).unwrap();
    let docs: Vec<InvoiceDocument> = (0..documents)
        .map(|i| {
            let s = &a.suppliers[i % a.suppliers.len()];
            let lines: Vec<InvoiceLine> = items
                .iter()
                .enumerate()
                .map(|(l, item)| InvoiceLine {
                    id: format!("{}", l + 1),
                    quantity: Decimal::parse("8").unwrap(),
                    unit: "HUR".into(),
                    line_amount: Decimal::parse("8000").unwrap(),
                    item: (*item).into(),
                    item_id: None,
                    price: Decimal::parse(["990", "1000", "1012,50"][l]).unwrap(),
                    base_quantity: None,
                })
                .collect();
            InvoiceDocument {
                supplier: s.org_number.clone(),
                supplier_name: s.name.clone(),
                invoice: format!("P-{i}"),
                date: date!(2026 - 01 - 01) + time::Duration::days((i % 365) as i64),
                credit_note: false,
                amount: avtal::domain::Money(2_402_000),
                account: "6540".into(),
                contract: None,
                order: None,
                lines,
            }
        })
        .collect();
    store.import_invoices(&[], &docs).unwrap();
    store.set_followed(a.id).unwrap();
    let mut app = avtal::app::App::new(
        store,
        avtal::i18n::Lang::Sv,
        time::macros::datetime!(2026-12-31 09:00),
    );
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut press = |app: &mut avtal::app::App, code| {
        let t = Instant::now();
        app.handle_key(key(code));
        terminal.draw(|f| avtal::ui::render(f, app)).unwrap();
        t.elapsed()
    };
    // Outside purchases, its analysis.
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Right);
    let (mut enter, mut keys) = (Vec::new(), Vec::new());
    for round in 0..10 {
        enter.push(press(&mut app, KeyCode::Right));
        assert_eq!(app.tab, avtal::app::Tab::Spend);
        if round == 0 {
            assert!(!app.spend.audit.is_empty(), "the price audit has lines");
        }
        for code in [KeyCode::Char('v'), KeyCode::Char('j'), KeyCode::Char('j')]
            .into_iter()
            .cycle()
            .take(24)
            .chain([KeyCode::Char('k'), KeyCode::Char('V')])
        {
            keys.push(press(&mut app, code));
        }
        press(&mut app, KeyCode::Left);
    }
    let p99 = |mut v: Vec<Duration>| {
        v.sort();
        v[(v.len() * 99 / 100).min(v.len() - 1)]
    };
    let first = enter.remove(0);
    stats("Spend tab: entering it first, key to frame", vec![first]);
    stats("Spend tab: entering it again, key to frame", enter.clone());
    stats("Spend tab: parts and rows, key to frame", keys.clone());
    (first, p99(enter), p99(keys))
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100_000, 1_000_000];
    }
    let rows: Vec<_> = sizes.into_iter().map(run).collect();
    println!(
        "\n| rows | import | again | report spend (avtal) | inside months | SQLite | avtal / SQLite | file | file after again | Spend tab: first entry / p99 again / p99 keys |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for m in rows {
        println!(
            "| {} | {:.2} s | {:.2} s | {:.1} ms | {:.1} ms | {:.1} ms | {:.2}× | {:.1} MB | {:.1} MB | {:.0} / {:.1} / {:.1} ms |",
            m.rows,
            m.import / 1e3,
            m.reimport / 1e3,
            m.report,
            m.inside,
            m.sqlite,
            m.report / m.sqlite,
            m.file_first as f64 / 1e6,
            m.file_again as f64 / 1e6,
            m.first,
            m.enter,
            m.keys
        );
    }
}
