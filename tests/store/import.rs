//! Issue 7: the bulk import of call-offs and requests gives exactly what writing them one
//! call-off at a time gives (rows, outcomes, compact index, awaited requests, KPI
//! aggregates), tells its progress, and a file with one bad cell is still refused whole.

use crate::cli_support;

use avtal::app::statistics::kpis;
use avtal::domain::Agreement;
use avtal::domain::calloff::{CallOff, Request};
use avtal::stats::Period;
use avtal::store::Store;
use time::PrimitiveDateTime;
use time::macros::{date, datetime};

const NOW: PrimitiveDateTime = datetime!(2026-11-25 09:30);

fn store_with_register(path: &std::path::Path) -> (Store, Vec<Agreement>) {
    let store = Store::open(path).unwrap();
    let mut register = avtal::demo::register(NOW.date());
    let ids = store.import_agreements(&register).unwrap();
    for (a, (id, _)) in register.iter_mut().zip(ids) {
        a.id = id;
    }
    (store, register)
}

/// What the store shows of an agreement's call-offs, requests and KPIs.
fn snapshot(store: &Store, a: &Agreement) -> String {
    let index = store.calloff_index(a.id).unwrap();
    let entries: Vec<String> = index
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{} {} {e:?}", index.reference(i), index.orderer_name(i)))
        .collect();
    let rows = store.calloff_rows(a.id).unwrap();
    let requests: Vec<Vec<Request>> = rows
        .iter()
        .map(|r| {
            store
                .requests_of(r.calloff.agreement, &r.calloff.reference)
                .unwrap()
        })
        .collect();
    let period = Period {
        from: date!(2024 - 01 - 01),
        to: date!(2027 - 12 - 31),
    };
    let kpi = kpis(store, a, period, NOW).unwrap();
    format!(
        "{rows:?}\n{entries:?}\n{requests:?}\n{:?}\n{kpi:?}",
        store.awaited().unwrap()
    )
}

fn demo(a: &Agreement, n: usize) -> (Vec<CallOff>, Vec<Request>) {
    avtal::demo::calloffs::calloffs(a, NOW, n)
}

#[test]
fn bulk_import_equals_writing_one_call_off_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (bulk, register) = store_with_register(&dir.path().join("bulk.redb"));
    let a = &register[0];
    let (calloffs, requests) = demo(a, 3000);
    assert!(calloffs.iter().any(|c| c.awarded_supplier.is_none()));

    // In bulk: call-offs, half the requests, all of them again (half replace), then the
    // call-offs again with some awards changed, so stored requests move their outcome.
    let count = bulk.import_calloffs(&calloffs).unwrap();
    assert_eq!((count.new, count.updated), (calloffs.len(), 0));
    let half = requests.len() / 2;
    bulk.import_requests(&requests[..half]).unwrap();
    let count = bulk.import_requests(&requests).unwrap();
    assert_eq!((count.new, count.updated), (requests.len() - half, half));
    let mut changed = calloffs.clone();
    for c in changed.iter_mut().step_by(7) {
        c.awarded_supplier = match c.awarded_supplier {
            Some(_) => None,
            None => Some(a.suppliers[0].org_number.clone()),
        };
    }
    let count = bulk.import_calloffs(&changed).unwrap();
    assert_eq!((count.new, count.updated), (0, changed.len()));

    // One at a time, by the undo path that writes a call-off with its requests.
    let (single, _) = store_with_register(&dir.path().join("single.redb"));
    for c in &changed {
        let own: Vec<Request> = requests
            .iter()
            .filter(|r| r.calloff == c.reference)
            .cloned()
            .collect();
        single.restore_calloff(c, &own).unwrap();
    }
    let fast = snapshot(&bulk, a);
    assert_eq!(fast, snapshot(&single, a));
    // And the aggregates are what counting everything again gives.
    bulk.rebuild_aggregates().unwrap();
    assert_eq!(fast, snapshot(&bulk, a));
}

#[test]
fn a_reference_given_twice_is_written_once_the_last_way() {
    let dir = tempfile::tempdir().unwrap();
    let (store, register) = store_with_register(&dir.path().join("twice.redb"));
    let (calloffs, requests) = demo(&register[0], 20);
    let mut twice = calloffs.clone();
    let mut last = calloffs[3].clone();
    last.orderer = "Den sista".into();
    twice.push(last.clone());
    let count = store.import_calloffs(&twice).unwrap();
    assert_eq!((count.new, count.updated), (20, 1));
    assert_eq!(
        store.calloff(last.agreement, &last.reference).unwrap(),
        Some(last)
    );
    let mut twice = requests.clone();
    twice.push(requests[0].clone());
    let count = store.import_requests(&twice).unwrap();
    assert_eq!((count.new, count.updated), (requests.len(), 1));
    assert_eq!(
        store
            .requests_of(requests[0].agreement, &requests[0].calloff)
            .unwrap()
            .len(),
        requests
            .iter()
            .filter(|r| r.calloff == requests[0].calloff)
            .count()
    );
}

/// Every call: counts that never go down, one total, the last call at the total.
fn check_progress(calls: &[(usize, usize)], total: usize) {
    assert!(calls.len() >= 3, "{calls:?}");
    assert_eq!(calls.first(), Some(&(0, total)));
    assert_eq!(calls.last(), Some(&(total, total)));
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0), "{calls:?}");
    assert!(calls.iter().all(|&(done, t)| t == total && done <= total));
}

#[test]
fn progress_rises_to_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let (store, register) = store_with_register(&dir.path().join("progress.redb"));
    let (calloffs, requests) = demo(&register[0], 2 * avtal::store::PROGRESS_EVERY + 100);
    let mut calls = Vec::new();
    store
        .import_calloffs_with_progress(&calloffs, &mut |done, total| calls.push((done, total)))
        .unwrap();
    check_progress(&calls, calloffs.len());
    let mut calls = Vec::new();
    store
        .import_requests_with_progress(&requests, &mut |done, total| calls.push((done, total)))
        .unwrap();
    check_progress(&calls, requests.len());
}

#[test]
fn one_bad_cell_in_a_large_file_refuses_it_all_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("refused.redb");
    let (store, register) = store_with_register(&db);
    drop(store);
    let (calloffs, requests) = demo(&register[0], 3000);
    let text = avtal::demo::csv::calloffs(&register, &calloffs);
    // Line 1235 (the header is line 1): its requested_at becomes a bad time.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let cells: Vec<&str> = lines[1234].split(';').collect();
    let mut cells: Vec<String> = cells.iter().map(|s| s.to_string()).collect();
    cells[5] = "2026-02-30 10:00".into();
    lines[1234] = cells.join(";");
    let file = cli_support::write(dir.path(), "calloffs.csv", &(lines.join("\n") + "\n"));
    let run = cli_support::avtal(
        &db,
        &["--lang", "en", "import", "calloffs", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("1235"), "{}", run.stderr);
    assert!(run.stderr.contains("requested_at"), "{}", run.stderr);
    assert!(run.stderr.contains("2026-02-30 10:00"), "{}", run.stderr);
    // No progress bar on a pipe: no escape codes, nothing but the message.
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stdout.is_empty());
    let store = Store::open(&db).unwrap();
    assert!(store.calloff_rows(register[0].id).unwrap().is_empty());
    drop(store);

    // The whole file, fixed, goes in; then its requests, with the done lines only.
    let file = cli_support::write(
        dir.path(),
        "calloffs.csv",
        &avtal::demo::csv::calloffs(&register, &calloffs),
    );
    let run = cli_support::avtal(&db, &["import", "calloffs", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{:?}", run.stderr);
    let file = cli_support::write(
        dir.path(),
        "requests.csv",
        &avtal::demo::csv::requests(&requests),
    );
    let run = cli_support::avtal(&db, &["import", "requests", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{:?}", run.stderr);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.calloff_rows(register[0].id).unwrap().len(),
        calloffs.len()
    );
}
