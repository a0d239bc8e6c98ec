//! Opening files: new, empty, foreign, garbage, truncated, damaged, left by a crash, and
//! already open. Whatever is refused is left byte for byte as it was.

use std::fs;
use std::path::{Path, PathBuf};

use avtal::domain::Agreement;
use avtal::i18n::{Catalog, Lang};
use avtal::store::{SCHEMA_VERSION, Store, StoreError};
use redb::{ReadableDatabase, TableDefinition};
use time::macros::date;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

fn agreement(reference: &str) -> Agreement {
    let mut a = Agreement::new(
        reference,
        "IT-konsulttjänster",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    // Enough text that the file spans several pages.
    a.notes = "Avtalet förvaltas av upphandlingsenheten. ".repeat(40);
    a
}

/// A closed database with `n` agreements.
fn database(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("avtal.redb");
    let store = Store::open(&path).unwrap();
    for i in 0..n {
        store
            .insert_agreement(&agreement(&format!("UH-{i}")))
            .unwrap();
    }
    path
}

fn schema_version(path: &Path) -> u32 {
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    let v = meta.get("schema_version").unwrap().unwrap();
    u32::from_le_bytes(v.value().try_into().unwrap())
}

/// Opens `path`, expects a refusal, and checks that the file did not change.
fn refused_untouched(path: &Path) -> StoreError {
    let before = fs::read(path).unwrap();
    let err = match Store::open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e,
    };
    assert_eq!(
        fs::read(path).unwrap(),
        before,
        "{} changed",
        path.display()
    );
    err
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_file_is_created_private_in_new_directories_at_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/avtal.redb");
    drop(Store::open(&path).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    assert_eq!(schema_version(&path), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 7);
}

#[test]
fn an_empty_file_counts_as_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    store.insert_agreement(&agreement("UH-1")).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(store.agreement_by_reference("UH-1").unwrap().is_some());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}

/// Opening a current file commits nothing: a backup or a check of a database on a full
/// disk must not fail writing to the database itself. Only redb's header page (its
/// open/closed marks) may change while it is open.
#[test]
fn opening_a_current_file_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 20);
    let before = fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreements().unwrap().len(), 20);
    let open = fs::read(&path).unwrap();
    drop(store);
    assert_eq!(open.len(), before.len());
    let header = 4096;
    assert!(
        open[header..] == before[header..],
        "bytes past the header changed"
    );
}

#[test]
fn garbage_is_not_a_database_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("text.redb", b"reference;name\nUH-1;Konsulter\n".repeat(300)),
        ("short.redb", b"red".to_vec()),
        (
            "almost.redb",
            b"redb\x1a\x0a\xa9\x0d\x0bxxxxxxxxxxxxxxxx".to_vec(),
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let err = refused_untouched(&path);
        assert!(
            matches!(&err, StoreError::NotADatabase(p) if p == &path),
            "{name}: {err:?}"
        );
    }
}

#[test]
fn another_programs_redb_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        let def: TableDefinition<u64, u64> = TableDefinition::new("cache");
        txn.open_table(def).unwrap().insert(1, 2).unwrap();
        txn.commit().unwrap();
    }
    let err = refused_untouched(&path);
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");
}

#[test]
fn a_truncated_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let full = fs::read(database(dir.path(), 60)).unwrap();
    assert!(
        full.len() > 64 * 1024,
        "file too small to cut: {}",
        full.len()
    );
    for (name, len) in [("half", full.len() / 2), ("4k", 4096), ("header", 100)] {
        let path = dir.path().join(format!("{name}.redb"));
        fs::write(&path, &full[..len]).unwrap();
        let err = refused_untouched(&path);
        assert!(
            matches!(
                err,
                StoreError::Damaged { .. } | StoreError::NotADatabase(_)
            ),
            "{name}: {err:?}"
        );
    }
}

/// A copy of the file taken while a store has it open is what a kill -9 leaves behind:
/// every commit is on disk, but the file was not closed.
fn crash_copy(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("live.redb");
    let store = Store::open(&path).unwrap();
    for i in 0..n {
        store
            .insert_agreement(&agreement(&format!("UH-{i}")))
            .unwrap();
    }
    let copy = dir.join("crashed.redb");
    fs::copy(&path, &copy).unwrap();
    drop(store);
    // It really does need a repair: a read-only open, which never repairs, refuses it.
    assert!(matches!(
        redb::Database::builder().open_read_only(&copy),
        Err(redb::DatabaseError::RepairAborted)
    ));
    copy
}

#[test]
fn a_file_left_by_a_crash_opens_with_everything_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = crash_copy(dir.path(), 25);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreements().unwrap().len(), 25);
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_records().unwrap(), vec![]);
    drop(store);
    // The copy taken before the repair is gone once the repair has succeeded.
    assert_eq!(siblings(dir.path()), vec!["crashed.redb", "live.redb"]);
}

#[test]
fn a_crashed_file_whose_repair_fails_is_put_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = crash_copy(dir.path(), 60);
    let mut bytes = fs::read(&path).unwrap();
    // Overwrite the middle of the file: the repair finds pages whose checksums fail.
    let (from, to) = (bytes.len() / 4, 3 * bytes.len() / 4);
    for b in &mut bytes[from..to] {
        *b = 0x55;
    }
    fs::write(&path, &bytes).unwrap();
    let err = refused_untouched(&path);
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(siblings(dir.path()), vec!["crashed.redb", "live.redb"]);
}

#[test]
fn flipped_bits_in_a_clean_file_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 60);
    let mut bytes = fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b ^= 0xff;
    }
    fs::write(&path, &bytes).unwrap();
    // redb may not notice a flip in a page it does not read; when it does, it is reported.
    match Store::open(&path) {
        Ok(_) => {}
        Err(StoreError::Damaged { .. }) => assert_eq!(fs::read(&path).unwrap(), bytes),
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn a_second_open_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    let first = Store::open(&path).unwrap();
    first.insert_agreement(&agreement("UH-1")).unwrap();
    let err = match Store::open(&path) {
        Ok(_) => panic!("opened twice"),
        Err(e) => e,
    };
    assert!(
        matches!(&err, StoreError::AlreadyOpen(p) if p == &path),
        "{err:?}"
    );
    let msg = err.message(Catalog::get(Lang::Sv));
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    // The first handle is unharmed.
    assert!(first.agreement_by_reference("UH-1").unwrap().is_some());
    drop(first);
    assert!(Store::open(&path).is_ok());
}

#[test]
fn every_refusal_is_in_words_in_both_languages() {
    let path = PathBuf::from("/tmp/avtal.redb");
    let errors = [
        StoreError::AlreadyOpen(path.clone()),
        StoreError::NotADatabase(path.clone()),
        StoreError::Damaged {
            path: path.clone(),
            detail: "File truncated".into(),
        },
        StoreError::NewerSchema {
            path: path.clone(),
            found: 3,
            supported: 2,
        },
        StoreError::Migration {
            path: path.clone(),
            from: 1,
            to: 2,
            backup: PathBuf::from("/tmp/avtal.redb.schema-v1.bak"),
            detail: "x".into(),
        },
        StoreError::IdInUse(7),
        StoreError::DiskFull {
            detail: "No space left on device (os error 28)".into(),
        },
        StoreError::NeedsRestart,
        StoreError::BackupDiskFull(PathBuf::from("/tmp/kopia.redb")),
    ];
    for lang in [Lang::Sv, Lang::En] {
        for e in &errors {
            let msg = e.message(Catalog::get(lang));
            assert!(!msg.starts_with("store."), "{lang:?}: no text for {e:?}");
            assert!(
                !msg.contains('{'),
                "{lang:?}: unfilled placeholder in {msg}"
            );
        }
    }
}

/// What a killed avtal left (a database half created, a copy half written) is removed at
/// the next open once its process is gone; a file of a living process stays.
#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_of_dead_processes_are_removed_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    drop(Store::open(&path).unwrap());
    let dead = (4_000_000u32..4_194_304)
        .find(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
        .unwrap();
    let backups = dir.path().join("avtal-backups");
    fs::create_dir_all(&backups).unwrap();
    let stale_new = dir.path().join(format!(".avtal.redb.new-{dead}"));
    let stale_partial = backups.join(format!(".avtal-2026-12-06.redb.partial-{dead}-0"));
    let living = dir
        .path()
        .join(format!(".avtal.redb.new-{}", std::process::id()));
    for f in [&stale_new, &stale_partial, &living] {
        fs::write(f, b"half written").unwrap();
    }
    drop(Store::open(&path).unwrap());
    assert!(!stale_new.exists());
    assert!(!stale_partial.exists());
    assert!(living.exists(), "a living process's file is left alone");
}
