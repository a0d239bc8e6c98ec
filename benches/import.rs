//! Issue 7: `avtal import calloffs` and `avtal import requests` of 100 000 demo call-offs
//! with their requests, through the same code as the command line: read the file, open
//! the database, parse and check every row, store all of it in one transaction.
//! Run with `cargo bench --bench import [N] [ROUNDS]` (defaults 100 000 and 3); each
//! round imports into a fresh database and every phase prints its median over rounds,
//! in wall-clock time and (on Linux) in CPU time of the importing thread, which other
//! work on a shared machine does not inflate.

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
    // `IMPORT_BENCH_KEEP=DIR` keeps the files and a database holding only the register
    // there, for trying `avtal import` by hand in a terminal.
    if let Some(keep) = std::env::var_os("IMPORT_BENCH_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("keep dir");
        std::fs::copy(&calloffs_file, keep.join("calloffs.csv")).expect("copy");
        std::fs::copy(&requests_file, keep.join("requests.csv")).expect("copy");
        let db = keep.join("register.redb");
        let _ = std::fs::remove_file(&db);
        Store::open(&db)
            .expect("open")
            .import_agreements(&register)
            .expect("agreements");
    }

    // Wall-clock and CPU time of each phase: parse call-offs, store them, parse
    // requests, store them.
    let mut wall: [Vec<Duration>; 4] = Default::default();
    let mut cpu: [Vec<Duration>; 4] = Default::default();
    let mut progress_calls = 0usize;
    for round in 0..rounds {
        let db = dir.path().join(format!("round{round}.redb"));
        Store::open(&db)
            .expect("open")
            .import_agreements(&register)
            .expect("agreements");
        let mut clock = Clock::start();
        // As the importing commands do.
        avtal::store::set_cache_bytes(avtal::cli::import_csv::BULK_CACHE_BYTES);

        // As `avtal import calloffs FILE`: a process of its own.
        let bytes = std::fs::read(&calloffs_file).expect("read");
        let store = Store::open(&db).expect("open");
        let parsed = check_calloffs(&store, &bytes).expect("a valid file");
        clock.lap(&mut wall[0], &mut cpu[0]);
        let count = store
            .import_calloffs_with_progress(&parsed, &mut |_, _| progress_calls += 1)
            .expect("stored");
        drop(store);
        clock.lap(&mut wall[1], &mut cpu[1]);
        assert_eq!(count.new, parsed.len());
        drop((bytes, parsed));

        // As `avtal import requests FILE`.
        let bytes = std::fs::read(&requests_file).expect("read");
        let store = Store::open(&db).expect("open");
        let parsed = check_requests(&store, &bytes).expect("a valid file");
        clock.lap(&mut wall[2], &mut cpu[2]);
        let count = store
            .import_requests_with_progress(&parsed, &mut |_, _| progress_calls += 1)
            .expect("stored");
        drop(store);
        clock.lap(&mut wall[3], &mut cpu[3]);
        assert_eq!(count.new, parsed.len());
        let _ = std::fs::remove_file(&db);
    }
    let names = [
        "read + open + parse + check call-offs",
        "store call-offs (one transaction)",
        "read + open + parse + check requests",
        "store requests (one transaction)",
    ];
    let sum = |phases: &[Vec<Duration>], which: &[usize]| -> Vec<Duration> {
        (0..rounds)
            .map(|r| which.iter().map(|&p| phases[p][r]).sum())
            .collect()
    };
    for (label, phases) in [("wall", &wall), ("cpu", &cpu)] {
        println!("{label}:");
        for (name, samples) in names.iter().zip(phases.iter()) {
            stats(&format!("  {name}"), samples.clone());
        }
        stats("  store call-offs + requests", sum(phases, &[1, 3]));
        stats(
            "  whole import, call-offs then requests",
            sum(phases, &[0, 1, 2, 3]),
        );
    }
    println!("({progress_calls} progress calls in all)");
}

/// Wall-clock and thread CPU time since the last lap.
struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }

    fn lap(&mut self, wall: &mut Vec<Duration>, cpu: &mut Vec<Duration>) {
        let now = Clock::start();
        wall.push(now.wall - self.wall);
        cpu.push(now.cpu.saturating_sub(self.cpu));
        *self = now;
    }
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`); zero elsewhere.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}
