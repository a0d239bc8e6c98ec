//! The KPI table for a year for all suppliers (DESIGN §5), avtal against SQLite over the
//! same data: avtal from its aggregates kept current on write, SQLite as SQL over
//! normalised tables with plain single-column indexes and then with covering ones. The
//! two must give the same figures, every count and share, or the bench fails.
//! Run with `cargo bench --bench kpi_sqlite [N ...]` (default 10 000, 100 000 and
//! 1 000 000 call-offs). `AVTAL_BENCH_PLANS=1` also prints SQLite's query plans.

mod common;
#[path = "common/sqlite.rs"]
mod sqlite;
use common::stats;

use std::time::{Duration, Instant};

use avtal::app::statistics::kpis;
use avtal::domain::Agreement;
use avtal::domain::supplier_report::{Hours, SupplierMonth, month_of};
use avtal::stats::{KpiTable, Period};
use avtal::store::Store;
use time::PrimitiveDateTime;
use time::macros::{date, datetime};

/// Median and p99 of one measure, for the summary.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    p99: Duration,
}

fn timing(name: &str, samples: Vec<Duration>) -> Timing {
    let mut s = samples.clone();
    s.sort();
    let t = Timing {
        median: s[s.len() / 2],
        p99: s[(s.len() * 99 / 100).min(s.len() - 1)],
    };
    stats(name, samples);
    t
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Row {
    n: usize,
    avtal: Timing,
    plain: Timing,
    covering: Timing,
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    let rows: Vec<Row> = sizes.into_iter().map(run).collect();
    println!();
    println!(
        "{:>9}  {:>17}  {:>17}  {:>17}  {:>8}  {:>8}",
        "call-offs", "avtal med/p99 ms", "SQLite plain ms", "SQLite cover ms", "plain ×", "cover ×"
    );
    for r in rows {
        let ratio = |t: Timing| t.median.as_secs_f64() / r.avtal.median.as_secs_f64();
        println!(
            "{:>9}  {:>8.3}/{:<8.3}  {:>17.1}  {:>17.1}  {:>8.0}  {:>8.0}",
            r.n,
            ms(r.avtal.median),
            ms(r.avtal.p99),
            ms(r.plain.median),
            ms(r.covering.median),
            ratio(r.plain),
            ratio(r.covering)
        );
    }
}

fn run(n: usize) -> Row {
    println!("\n== {n} call-offs ==");
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.redb")).expect("open");
    let register = avtal::demo::register(now.date());
    let ids = store.import_agreements(&register).expect("agreements");
    let mut it = register[0].clone();
    it.id = ids[0].0;
    let t = Instant::now();
    let (calloffs, requests) = avtal::demo::calloffs::calloffs(&it, now, n);
    let months = supplier_months(&it, now);
    let generated = t.elapsed();
    let t = Instant::now();
    store.import_calloffs(&calloffs).expect("calloffs");
    store.import_requests(&requests).expect("requests");
    store.import_supplier_stats(&months).expect("months");
    let imported = t.elapsed();
    let t = Instant::now();
    let mut db = sqlite::create(&dir.path().join("bench.sqlite")).expect("sqlite");
    sqlite::load(&mut db, &it, &calloffs, &requests, &months).expect("sqlite load");
    let loaded = t.elapsed();
    println!(
        "{} call-offs, {} requests, {} supplier months: generated {:.0} ms, \
         avtal import {:.0} ms, SQLite load {:.0} ms",
        calloffs.len(),
        requests.len(),
        months.len(),
        ms(generated),
        ms(imported),
        ms(loaded)
    );
    let year = Period {
        from: date!(2026 - 01 - 01),
        to: date!(2026 - 12 - 31),
    };

    // What the Statistics tab and `report kpi` call.
    let ours = kpis(&store, &it, year, now).expect("kpi");
    // avtal's own two paths first: the aggregates must equal a scan of the raw data.
    let (cs, rs) = store.calloffs_and_requests(it.id).expect("read");
    let reported = store.supplier_stats(it.id).expect("reported");
    let scanned = avtal::stats::kpi_table(&it, &cs, &rs, &reported, year, now);
    assert_eq!(ours, scanned, "avtal's aggregates differ from its scan");
    drop((cs, rs));
    print_table(&ours);
    let mut samples = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let k = kpis(&store, &it, year, now).expect("kpi");
        samples.push(t.elapsed());
        std::hint::black_box(k);
    }
    let avtal = timing("avtal: KPI table, a year, all suppliers", samples);

    let runs = match n {
        0..=10_000 => 30,
        10_001..=100_000 => 15,
        _ => 7,
    };
    let sql = |label: &str, indexes: &str| {
        let t = Instant::now();
        sqlite::index(&db, indexes).expect("indexes");
        println!(
            "SQLite {label} indexes built and analysed in {:.0} ms",
            ms(t.elapsed())
        );
        if std::env::var_os("AVTAL_BENCH_PLANS").is_some() {
            print!("{}", sqlite::plans(&db, &it, year, now).expect("plans"));
        }
        // Warm the cache, and check the answer before timing it.
        let theirs = sqlite::kpi_table(&db, &it, year, now).expect("sql");
        assert_same(&ours, &theirs, label);
        let mut samples = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let k = sqlite::kpi_table(&db, &it, year, now).expect("sql");
            samples.push(t.elapsed());
            std::hint::black_box(k);
        }
        timing(&format!("SQLite ({label} indexes): same table"), samples)
    };
    let plain = sql("plain", sqlite::PLAIN_INDEXES);
    let covering = sql("covering", sqlite::COVERING_INDEXES);
    drop(db);
    Row {
        n,
        avtal,
        plain,
        covering,
    }
}

/// Field by field, so that a difference names the supplier and the figure.
fn assert_same(ours: &KpiTable, theirs: &KpiTable, label: &str) {
    assert_eq!(
        ours.ranking, theirs.ranking,
        "ranking figures differ (SQLite, {label} indexes)"
    );
    assert_eq!(
        ours.suppliers.len(),
        theirs.suppliers.len(),
        "supplier rows"
    );
    for (a, b) in ours.suppliers.iter().zip(&theirs.suppliers) {
        assert_eq!(a, b, "{} differs (SQLite, {label} indexes)", a.name);
    }
    println!(
        "SQLite ({label} indexes) gives the same table: every count and share of {} suppliers, \
         and the ranking figures",
        ours.suppliers.len()
    );
}

fn print_table(k: &KpiTable) {
    let opt = |v: Option<f64>| v.map_or("null".to_string(), |v| format!("{v:.4}"));
    println!(
        "  {:<28} {:>7} {:>7} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>5} {:>6} {:>6} {:>6}",
        "supplier",
        "req",
        "in-time",
        "not",
        "pend",
        "share",
        "award",
        "deliv",
        "ontime",
        "repl",
        "r.shr",
        "sick",
        "qual"
    );
    for s in &k.suppliers {
        println!(
            "  {:<28} {:>7} {:>7} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>5} {:>6} {:>6} {:>6}",
            s.name,
            s.requests,
            s.answered_in_time,
            s.not_answered_in_time,
            s.pending,
            opt(s.answered_in_time_share),
            s.awarded,
            s.delivered,
            s.on_time,
            s.replaced_due_to_complaint,
            opt(s.replaced_share),
            opt(s.sick_leave_share),
            opt(s.quality_mean)
        );
    }
    let r = &k.ranking;
    println!(
        "  ranking: {} call-offs, {} compliant, {} deviations, share {}",
        r.ranking_calloffs,
        r.compliant,
        r.deviations,
        opt(r.compliance_share)
    );
}

/// The suppliers' own monthly reports, so that sick leave is compared too: every month
/// from the agreement's start to now, for every supplier but the last (whose share then
/// stays null). Deterministic.
fn supplier_months(a: &Agreement, now: PrimitiveDateTime) -> Vec<SupplierMonth> {
    let mut out = Vec::new();
    let last = a.suppliers.len().saturating_sub(1);
    for (i, s) in a.suppliers.iter().take(last).enumerate() {
        let mut month = month_of(a.start);
        let mut k = 0u64;
        while month <= now.date() {
            let scheduled = 16_000 * (i as u64 + 1);
            out.push(SupplierMonth {
                agreement: a.id,
                supplier: s.org_number.clone(),
                month,
                requests: 0,
                answered_in_time: 0,
                consultants: 0,
                replaced_due_to_complaint: 0,
                sick_hours: Hours((k * 7_919 + i as u64 * 104_729) % scheduled / 8),
                scheduled_hours: Hours(scheduled),
            });
            month = month_of(month + time::Duration::days(32));
            k += 1;
        }
    }
    out
}
