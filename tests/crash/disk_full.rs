//! A full disk under the real binary: `avtal import calloffs`, `avtal demo` and
//! `avtal backup` each run with a file size limit (`RLIMIT_FSIZE`; the program itself
//! catches SIGXFSZ, so a write that crosses it fails with EFBIG the way a write to a full
//! disk fails with ENOSPC, rather than killing it with exit 153). Each must say so in words and exit non-zero, and the database must open
//! afterwards with everything committed before.

use crate::cli_support;

use std::path::Path;

use avtal::store::Store;
use cli_support::{GOOD, Run, avtal_limited, write};

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

/// The words every full-disk message has, and none of the generic storage error.
fn assert_full_disk_said(run: &Run, what: &str) {
    assert_ne!(run.code, 0, "{what}: succeeded: {}", run.stdout);
    assert!(
        run.stderr.contains("disken är full"),
        "{what}: not in words: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Lagringsfel"),
        "{what}: {}",
        run.stderr
    );
}

/// Opens the file, checks the audit chain and the records, and returns the references.
fn references(db: &Path) -> Vec<String> {
    let store = Store::open(db).expect("the database opens after the full disk");
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_records().unwrap(), vec![]);
    store
        .agreements()
        .unwrap()
        .into_iter()
        .map(|a| a.reference)
        .collect()
}

fn calloffs_csv(rows: usize) -> String {
    let mut s = String::from(
        "reference;agreement;lot;orderer;method;requested_at;awarded_supplier;value_sek;\
         delivery_due;delivered_at;consultants;replaced_due_to_complaint;quality;deviation_reason\n",
    );
    for i in 0..rows {
        s.push_str(&format!(
            "F-{i:05};UH-2026-014;Systemutveckling;Kim Beställare;ranking;\
             2026-04-02 09:00;556677-8899;{} 000,50;2026-05-01;;1;0;4;\n",
            i % 900 + 1
        ));
    }
    s
}

#[test]
fn a_calloff_import_on_a_full_disk_says_so_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let toml = write(dir.path(), "a.toml", GOOD);
    let run = cli_support::avtal(&db, &["import", "agreement", toml.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = write(dir.path(), "c.csv", &calloffs_csv(3000));

    // The file may not grow at all: 3 000 call-offs do not fit in its free pages.
    let run = avtal_limited(
        &db,
        size(&db),
        &["import", "calloffs", csv.to_str().unwrap()],
    );
    assert_full_disk_said(&run, "import calloffs");
    assert_eq!(references(&db), vec!["UH-2026-014"]);
    let store = Store::open(&db).unwrap();
    let id = store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(store.calloff_rows(id).unwrap().len(), 0, "a half import");
    drop(store);
    let run = cli_support::avtal(&db, &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // In English too, and with room again the same import goes through whole.
    let run = avtal_limited(
        &db,
        size(&db),
        &["--lang", "en", "import", "calloffs", csv.to_str().unwrap()],
    );
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
    let run = cli_support::avtal(&db, &["import", "calloffs", csv.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.calloff_rows(id).unwrap().len(), 3000);
}

#[test]
fn demo_on_a_full_disk_says_so_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    // A new database on a disk with room for hardly anything: nothing is left behind.
    let fresh = dir.path().join("ny").join("avtal.redb");
    let run = avtal_limited(&fresh, 16 * 1024, &["demo"]);
    assert_full_disk_said(&run, "demo on a new file");
    assert!(!fresh.exists(), "a half-made database was left");
    let left: Vec<_> = std::fs::read_dir(fresh.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "stray files: {left:?}");

    // An existing register that may not grow.
    let db = dir.path().join("avtal.redb");
    let toml = write(dir.path(), "a.toml", GOOD);
    let run = cli_support::avtal(&db, &["import", "agreement", toml.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = avtal_limited(&db, size(&db), &["demo"]);
    assert_full_disk_said(&run, "demo");
    let refs = references(&db);
    assert!(refs.contains(&"UH-2026-014".to_string()), "{refs:?}");
    let run = cli_support::avtal(&db, &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_backup_onto_a_full_disk_says_so_and_leaves_no_partial_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let toml = write(dir.path(), "a.toml", GOOD);
    let run = cli_support::avtal(&db, &["import", "agreement", toml.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = cli_support::avtal(&db, &["demo", "--calloffs", "200"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Measured after a first open: redb may give back free pages at the file's end when
    // a handle closes, which is not the backup's doing.
    let refs = references(&db);
    let before = std::fs::read(&db).unwrap();
    let full = dir.path().join("full.redb");
    let run = cli_support::avtal(&db, &["backup", full.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = size(&full);

    // Room for a third of the copy: the database itself is only read, and redb touches
    // only its first pages on open and close.
    let dest = dir.path().join("kopior");
    std::fs::create_dir(&dest).unwrap();
    let run = avtal_limited(&db, copy / 3, &["backup", dest.to_str().unwrap()]);
    assert_full_disk_said(&run, "backup");
    assert!(
        run.stderr.contains("Säkerhetskopian kunde inte skrivas"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(&dest).unwrap().count(),
        0,
        "a partial copy was left"
    );
    assert_eq!(references(&db), refs);
    let after = std::fs::read(&db).unwrap();
    assert_eq!(after.len(), before.len());
    let run = cli_support::avtal(&db, &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
