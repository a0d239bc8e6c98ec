//! Issue 7: `avtal import calloffs` and `avtal import requests` of 100 000 demo call-offs
//! with their requests, through the same code as the command line: read the file, open
//! the database, parse and check every row, store all of it in one transaction.
//! Run with `cargo bench --bench import [N] [ROUNDS]` (defaults 100 000 and 3); each
//! round imports into a fresh database and every phase prints its median over rounds.

mod common;
use common::stats;

use std::time::{Duration, Instant};

use avtal::cli::import_csv::{check_calloffs, check_requests};
use avtal::store::Store;
use time::macros::datetime;

fn main() {
    let mut numbers = std::env::args().skip(1).filter_map(|a| a.parse().ok());
    let n: usize = numbers.next().unwrap_or(100_000);
    let rounds: usize = numbers.next().unwrap_or(3).max(1);
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().expect("temp dir");

    // The files, written once from the demo generator.
    let mut register = avtal::demo::register(now.date());
    {
        let store = Store::open(&dir.path().join("ids.redb")).expect("open");
        let ids = store.import_agreements(&register).expect("agreements");
        for (a, (id, _)) in register.iter_mut().zip(ids) {
            a.id = id;
        }
    }
    let (calloffs, requests) = avtal::demo::calloffs::calloffs(&register[0], now, n);
    let calloffs_file = dir.path().join("calloffs.csv");
    let requests_file = dir.path().join("requests.csv");
    std::fs::write(
        &calloffs_file,
        avtal::demo::csv::calloffs(&register, &calloffs),
    )
    .expect("write");
    std::fs::write(&requests_file, avtal::demo::csv::requests(&requests)).expect("write");
    let mb = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "{} call-offs ({:.1} MB), {} requests ({:.1} MB), {rounds} rounds",
        calloffs.len(),
        mb(&calloffs_file),
        requests.len(),
        mb(&requests_file)
    );
    drop((calloffs, requests));

    let mut phases: [Vec<Duration>; 5] = Default::default();
    let mut totals = Vec::new();
    for round in 0..rounds {
        let db = dir.path().join(format!("round{round}.redb"));
        Store::open(&db)
            .expect("open")
            .import_agreements(&register)
            .expect("agreements");

        let start = Instant::now();
        // As `avtal import calloffs FILE`: a process of its own.
        let t = Instant::now();
        let bytes = std::fs::read(&calloffs_file).expect("read");
        let store = Store::open(&db).expect("open");
        let parsed = check_calloffs(&store, &bytes).expect("a valid file");
        phases[0].push(t.elapsed());
        let t = Instant::now();
        let count = store.import_calloffs(&parsed).expect("stored");
        drop(store);
        phases[1].push(t.elapsed());
        assert_eq!(count.new, parsed.len());
        drop((bytes, parsed));

        // As `avtal import requests FILE`.
        let t = Instant::now();
        let bytes = std::fs::read(&requests_file).expect("read");
        let store = Store::open(&db).expect("open");
        let parsed = check_requests(&store, &bytes).expect("a valid file");
        phases[2].push(t.elapsed());
        let t = Instant::now();
        let count = store.import_requests(&parsed).expect("stored");
        drop(store);
        phases[3].push(t.elapsed());
        assert_eq!(count.new, parsed.len());
        totals.push(start.elapsed());
        phases[4].push(phases[1][round] + phases[3][round]);
        let _ = std::fs::remove_file(&db);
    }
    let [parse_c, store_c, parse_r, store_r, stored] = phases;
    stats("read + open + parse + check call-offs", parse_c);
    stats("store call-offs (one transaction)", store_c);
    stats("read + open + parse + check requests", parse_r);
    stats("store requests (one transaction)", store_r);
    stats("store call-offs + requests", stored);
    stats("whole import, call-offs then requests", totals);
}
