//! Backups, the daily rotation, `avtal check` and `avtal audit verify`, through the store
//! and through the binary.

use crate::cli_support;

use std::fs;
use std::path::Path;

use avtal::store::{Daily, Store, backup};
use cli_support::{GOOD, avtal, write};
use redb::{ReadableTable, TableDefinition};

/// A database with an agreement, demo call-offs, meetings and a checklist, so that most
/// tables have rows.
fn filled(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("avtal.redb");
    let file = write(dir, "a.toml", GOOD);
    let run = avtal(&db, &["import", "agreement", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = avtal(&db, &["demo", "--calloffs", "30"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    db
}

#[test]
fn a_backup_holds_every_row_and_an_intact_chain_and_opens_as_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let store = Store::open(&db).unwrap();
    let dest = dir.path().join("kopia.redb");
    // Taken through the open handle, as the interface does while it holds the file.
    let report = store.backup_to(&dest).unwrap();
    let original = backup::dump(&store).unwrap();
    let entries = store.audit_entries().unwrap().len() as u64;
    drop(store);

    let total: u64 = original.values().map(|rows| rows.len() as u64).sum();
    assert_eq!(report.records, total);
    assert_eq!(report.tables, original.len());
    assert!(original.values().filter(|r| !r.is_empty()).count() >= 10);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let copy = Store::open(&dest).unwrap();
    assert_eq!(backup::dump(&copy).unwrap(), original);
    assert_eq!(
        copy.verify_audit().unwrap(),
        avtal::store::AuditVerdict::Intact(entries)
    );
    assert!(copy.verify_records().unwrap().is_empty());
    // Only the copy itself is left beside it: no temporary file.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

#[test]
fn backup_to_a_file_says_where_and_how_much_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let dest = dir.path().join("kopia.redb");
    let run = avtal(&db, &["backup", dest.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(dest.to_str().unwrap()),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("tabeller"), "{}", run.stdout);
    let bytes = fs::read(&dest).unwrap();

    let run = avtal(&db, &["--lang", "en", "backup", dest.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(
        fs::read(&dest).unwrap(),
        bytes,
        "the refused backup touched the file"
    );

    // The copy is a database avtal uses as it is.
    let run = avtal(&dest, &["list", "agreements", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("UH-2026-014"));
}

#[test]
fn backup_to_a_directory_names_the_copy_for_the_minute() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let out = dir.path().join("ut");
    fs::create_dir(&out).unwrap();
    for _ in 0..2 {
        let run = avtal(&db, &["backup", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    // avtal-YYYY-MM-DD-HHMM.redb, and a second one in the same minute gets -2.
    let first = names.iter().min_by_key(|n| n.len()).unwrap();
    assert!(
        first.starts_with("avtal-") && first.ends_with(".redb"),
        "{first}"
    );
    assert_eq!(first.len(), "avtal-2026-01-01-1200.redb".len(), "{first}");

    // Without DEST: the rotating folder beside the database.
    let run = avtal(&db, &["backup"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("avtal-backups"), "{}", run.stdout);
}

#[test]
fn backup_failures_are_put_in_words_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let dest = dir.path().join("finns-inte").join("kopia.redb");
    let run = avtal(&db, &["backup", dest.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("kunde inte skrivas"), "{}", run.stderr);
    assert!(!dir.path().join("finns-inte").exists());

    // Another avtal holding the file: said in words, nothing written.
    let held = Store::open(&db).unwrap();
    let dest = dir.path().join("kopia.redb");
    let run = avtal(&db, &["backup", dest.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("redan öppen"), "{}", run.stderr);
    assert!(!dest.exists());
    // ... while the holder itself can back up.
    held.backup_to(&dest).unwrap();
}

#[test]
fn the_daily_copy_is_made_once_a_day_and_seven_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let store = Store::open(&db).unwrap();
    let folder = store.backup_dir();
    fs::create_dir_all(&folder).unwrap();
    for day in 1..=8 {
        fs::write(folder.join(format!("avtal-2020-01-0{day}.redb")), b"old").unwrap();
    }
    fs::write(folder.join("avtal-2020-01-01-0930.redb"), b"on request").unwrap();
    fs::write(folder.join("mina-anteckningar.txt"), b"mine").unwrap();

    let today = time::macros::date!(2026 - 05 - 04);
    let Daily::Made { report, removed } = store.daily_backup(today).unwrap() else {
        panic!("no copy made");
    };
    assert_eq!(report.path, folder.join("avtal-2026-05-04.redb"));
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(!folder.join("avtal-2020-01-01.redb").exists());
    assert!(!folder.join("avtal-2020-01-02.redb").exists());
    assert!(folder.join("avtal-2020-01-03.redb").exists());
    assert!(folder.join("avtal-2020-01-01-0930.redb").exists());
    assert!(folder.join("mina-anteckningar.txt").exists());

    assert!(matches!(
        store.daily_backup(today).unwrap(),
        Daily::Exists(p) if p == report.path
    ));
}

const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

/// Rewrites audit entry `seq` behind avtal's back: the actor's name, same length, so the
/// entry still decodes and only its hash gives it away.
fn tamper(db: &Path, seq: u64, from: &[u8], to: &[u8]) {
    let redb = redb::Database::open(db).unwrap();
    let txn = redb.begin_write().unwrap();
    {
        let mut table = txn.open_table(AUDIT).unwrap();
        let mut bytes = table.get(seq).unwrap().unwrap().value().to_vec();
        let at = bytes
            .windows(from.len())
            .position(|w| w == from)
            .expect("the actor is in the entry");
        bytes[at..at + to.len()].copy_from_slice(to);
        table.insert(seq, bytes.as_slice()).unwrap();
    }
    txn.commit().unwrap();
}

#[test]
fn check_and_audit_verify_pass_a_good_file_and_name_a_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let file = write(dir.path(), "a.toml", GOOD);
    for _ in 0..3 {
        let run = cli_support::command(&db)
            .env("USER", "anna")
            .args(["import", "agreement", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    let run = avtal(&db, &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Allt är i ordning"), "{}", run.stdout);
    assert!(run.stdout.contains("obruten (3 poster)"), "{}", run.stdout);
    let run = avtal(&db, &["audit", "verify"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let copy = dir.path().join("kopia.redb");
    Store::open(&db).unwrap().backup_to(&copy).unwrap();
    tamper(&copy, 2, b"anna", b"olle");

    let run = avtal(&copy, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("bruten vid post 2"), "{}", run.stdout);
    assert!(run.stderr.contains("hittade fel"), "{}", run.stderr);
    let run = avtal(&copy, &["--lang", "en", "audit", "verify"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("entry 2"), "{}", run.stderr);
    // The original is untouched by all this.
    assert_eq!(avtal(&db, &["audit", "verify"]).code, 0);
}

/// Runs the binary as the unprivileged user `nobody` (util-linux `setpriv`): root writes
/// regardless of permissions, so a read-only file is only read-only to someone else.
fn avtal_as_nobody(db: &Path, args: &[&str]) -> cli_support::Run {
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_avtal"))
        .env_remove("AVTAL_LANG")
        .env_remove("AVTAL_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("setpriv runs");
    cli_support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_read_only_database_is_refused_in_words() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let file = write(dir.path(), "b.toml", GOOD);
    // Readable, not writable, in a folder the user may read but not write in (as root,
    // the folder belongs to root and the user is `nobody`).
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let as_root = is_root();
    if as_root
        && std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: running as root without util-linux `setpriv`");
        return;
    }
    let run_as_user = |args: &[&str]| {
        if as_root {
            avtal_as_nobody(&db, args)
        } else {
            avtal(&db, args)
        }
    };
    // Two ways a file is read-only: the user's own file without write permission, and
    // someone else's file the user may only read.
    let cases: &[(&str, Option<u32>, u32)] = if as_root {
        &[
            ("own file, 0400", Some(65534), 0o400),
            ("root's file, 0644", Some(0), 0o644),
        ]
    } else {
        &[("own file, 0400", None, 0o400)]
    };
    for &(case, owner, mode) in cases {
        if let Some(uid) = owner {
            std::os::unix::fs::chown(&db, Some(uid), None).unwrap();
        }
        fs::set_permissions(&db, fs::Permissions::from_mode(mode)).unwrap();
        let before = fs::read(&db).unwrap();
        let mut names_before: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names_before.sort();

        let run = run_as_user(&["import", "agreement", file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{case}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("skrivskyddad"),
            "{case}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(db.to_str().unwrap()),
            "{case}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
        let run = run_as_user(&["--lang", "en", "demo"]);
        assert_eq!(run.code, 1, "{case}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("read-only"), "{case}: {}", run.stderr);

        assert!(fs::read(&db).unwrap() == before, "{case}: the file changed");
        let mut names_after: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names_after.sort();
        assert_eq!(names_after, names_before, "{case}: files appeared or went");
    }
    // Writable again, everything is there and the import goes through.
    std::os::unix::fs::chown(&db, Some(0).filter(|_| as_root), None).unwrap();
    fs::set_permissions(&db, fs::Permissions::from_mode(0o600)).unwrap();
    let store = Store::open(&db).unwrap();
    assert!(store.verify_audit().unwrap().is_intact());
    assert!(
        store
            .agreement_by_reference("UH-2026-014")
            .unwrap()
            .is_some()
    );
}

mod tui {
    use super::*;
    use avtal::app::App;
    use avtal::i18n::Lang;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app(db: &Path) -> App {
        let now = time::macros::datetime!(2026-05-04 14:05);
        App::new(Store::open(db).unwrap(), Lang::En, now)
    }

    #[test]
    fn the_daily_copy_on_start_and_ctrl_b_write_beside_the_database_while_it_is_held() {
        let dir = tempfile::tempdir().unwrap();
        let db = filled(dir.path());
        let mut app = app(&db);
        app.start_daily_backup();
        app.finish_backup(false);
        let folder = dir.path().join("avtal-backups");
        let daily = folder.join("avtal-2026-05-04.redb");
        assert!(daily.exists());
        let status = app.status.clone().unwrap();
        assert!(!status.error && status.text.contains("avtal-2026-05-04.redb"));

        app.handle_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::CONTROL));
        app.finish_backup(false);
        let stamped = folder.join("avtal-2026-05-04-1405.redb");
        assert!(stamped.exists());
        let status = app.status.clone().unwrap();
        assert!(!status.error, "{}", status.text);
        assert!(
            status.text.contains(stamped.to_str().unwrap()),
            "{}",
            status.text
        );

        // A second start on the same day makes no new copy.
        app.start_daily_backup();
        assert!(app.backup_job.is_none());
        drop(app);
        assert_eq!(
            backup::dump(&Store::open(&stamped).unwrap()).unwrap(),
            backup::dump(&Store::open(&db).unwrap()).unwrap()
        );
    }

    #[test]
    fn a_failed_backup_is_reported_and_the_program_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = filled(dir.path());
        // A file where the backup folder should be: nothing can be written there.
        fs::write(dir.path().join("avtal-backups"), b"in the way").unwrap();
        let mut app = app(&db);
        app.start_daily_backup();
        app.finish_backup(false);
        let status = app.status.clone().unwrap();
        assert!(
            status.error && status.text.contains("backup failed"),
            "{}",
            status.text
        );
        app.handle_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::CONTROL));
        app.finish_backup(false);
        assert!(app.status.clone().unwrap().error);
        assert!(!app.quit);
        assert!(!app.agreements.is_empty());
    }
}

/// Two databases in one folder share `avtal-backups/`: each gets its own daily copy,
/// named for its file, and the rotation of one never removes the other's copies.
#[test]
fn two_databases_in_one_folder_keep_their_daily_copies_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let other = dir.path().join("kommun.redb");
    Store::open(&other).unwrap();
    let store = Store::open(&db).unwrap();
    let folder = store.backup_dir();
    fs::create_dir_all(&folder).unwrap();
    for day in 1..=8 {
        fs::write(folder.join(format!("kommun-2020-01-0{day}.redb")), b"old").unwrap();
    }
    let today = time::macros::date!(2026 - 05 - 04);
    let Daily::Made { report, removed } = store.daily_backup(today).unwrap() else {
        panic!("no copy made");
    };
    assert_eq!(report.path, folder.join("avtal-2026-05-04.redb"));
    assert!(removed.is_empty(), "{removed:?}");
    drop(store);

    let other = Store::open(&other).unwrap();
    assert_eq!(other.backup_dir(), folder);
    let Daily::Made { report, removed } = other.daily_backup(today).unwrap() else {
        panic!("the second database found the first one's copy and made none");
    };
    assert_eq!(report.path, folder.join("kommun-2026-05-04.redb"));
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(folder.join("avtal-2026-05-04.redb").exists());
    assert!(!folder.join("kommun-2020-01-02.redb").exists());
    assert!(folder.join("kommun-2020-01-03.redb").exists());
}
