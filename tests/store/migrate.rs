//! Schema versions: a schema-1 file is copied aside and migrated; a schema-2 file written
//! by the avtal of that schema (`tests/fixtures/schema-v2`) is migrated with every report
//! figure unchanged; a newer file is refused untouched. The schema-1 fixture is written with redb and bincode directly, as schema 1
//! was: `meta` and `agreements` only, each agreement a 2-byte version (1) and its bincode.

use std::fs;
use std::path::{Path, PathBuf};

use avtal::domain::{Agreement, AgreementId, ResponseTime};
use avtal::store::{SCHEMA_VERSION, Store, StoreError};
use redb::{ReadableDatabase, TableDefinition};
use time::macros::date;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const AGREEMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("agreements");

fn agreement(id: u64, reference: &str) -> Agreement {
    let mut a = Agreement::new(
        reference,
        "Konsulttjänster",
        date!(2025 - 04 - 01),
        date!(2027 - 03 - 31),
    );
    a.id = AgreementId(id);
    a.keywords = vec!["IT".into(), "konsult".into()];
    a
}

/// An agreement as version 1 of the record stored it: every field but `history`, in
/// order, written from plain values (bincode writes a struct as its fields one after the
/// other, as it writes tuples, an enum as its variant's index then its data, and a list as
/// its length then its items), so these are version 1's bytes whatever today's types hold.
/// The agreements here have no lists but their keywords.
fn encode_v1(a: &Agreement) -> Vec<u8> {
    assert!(
        a.order_templates.is_empty()
            && a.extension_options.is_empty()
            && a.suppliers.is_empty()
            && a.lots.is_empty()
            && a.penalties.is_empty()
            && a.escalation.is_empty()
            && a.orderers.is_empty()
            && a.project_group.is_empty()
    );
    let mut out = 1u16.to_le_bytes().to_vec();
    let config = bincode::config::standard();
    let priority = u32::from(a.priority.number() - 1);
    let response_time = match a.response_time {
        ResponseTime::Hours(n) => (0u32, n),
        ResponseTime::WorkingDays(n) => (1u32, n),
    };
    let first = (
        a.id.0,
        &a.reference,
        &a.name,
        &a.start,
        &a.end,
        priority,
        response_time,
        &a.goal_picture,
        &a.keywords,
        &a.calloff_routine,
    );
    let no_list = 0u64;
    let second = (&a.order_mailbox, [no_list; 8], &a.notes);
    out.extend(bincode::serde::encode_to_vec((first, second), config).unwrap());
    out
}

fn write_fixture(path: &Path, version: u32, agreements: &[Agreement]) {
    let db = redb::Database::create(path).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let mut meta = txn.open_table(META).unwrap();
        meta.insert("schema_version", version.to_le_bytes().as_slice())
            .unwrap();
        let mut table = txn.open_table(AGREEMENTS).unwrap();
        for a in agreements {
            table.insert(a.id.0, encode_v1(a).as_slice()).unwrap();
        }
    }
    txn.commit().unwrap();
}

fn v1_agreements() -> Vec<Agreement> {
    vec![
        agreement(1, "UH-2025-001"),
        agreement(2, "UH-2025-002"),
        agreement(5, "KS-2024-117"),
    ]
}

fn schema_version(path: &Path) -> u32 {
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    let v = meta.get("schema_version").unwrap().unwrap();
    u32::from_le_bytes(v.value().try_into().unwrap())
}

/// `avtal --db path args...` in Swedish; its standard output, the command having
/// succeeded.
fn avtal_on(path: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_avtal"))
        .env_remove("AVTAL_LANG")
        .env_remove("AVTAL_DB")
        .arg("--db")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[test]
fn a_schema_1_file_is_copied_aside_then_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    write_fixture(&path, 1, &v1_agreements());
    let v1_bytes = fs::read(&path).unwrap();

    let store = Store::open(&path).unwrap();
    for a in v1_agreements() {
        let found = store.agreement_by_reference(&a.reference).unwrap();
        assert_eq!(found, Some(a));
    }
    assert_eq!(store.agreement_by_reference("UH-0").unwrap(), None);
    // The index now guards uniqueness, and new ids come after the old ones.
    let dup = store.insert_agreement(&agreement(0, "KS-2024-117"));
    assert!(matches!(dup, Err(StoreError::DuplicateReference(_))));
    let id = store
        .insert_agreement(&agreement(0, "UH-2026-001"))
        .unwrap();
    assert_eq!(id, AgreementId(6));
    // The migration is in the log, and the old records were adopted into it.
    let actions: Vec<_> = store
        .audit_entries()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions[..4],
        [
            "agreement.adopt",
            "agreement.adopt",
            "agreement.adopt",
            "schema.migrate"
        ]
    );
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_records().unwrap(), vec![]);
    drop(store);

    assert_eq!(schema_version(&path), SCHEMA_VERSION);
    let backup = with_suffix(&path, ".schema-v1.bak");
    assert_eq!(
        fs::read(&backup).unwrap(),
        v1_bytes,
        "backup is not the v1 file"
    );
    // Opening again migrates nothing and makes no more copies.
    drop(Store::open(&path).unwrap());
    assert!(!with_suffix(&path, ".schema-v1.bak.1").exists());
}

#[test]
fn an_existing_backup_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    write_fixture(&path, 1, &v1_agreements());
    let v1_bytes = fs::read(&path).unwrap();
    let earlier = with_suffix(&path, ".schema-v1.bak");
    fs::write(&earlier, b"an older backup").unwrap();

    drop(Store::open(&path).unwrap());
    assert_eq!(fs::read(&earlier).unwrap(), b"an older backup");
    assert_eq!(
        fs::read(with_suffix(&path, ".schema-v1.bak.1")).unwrap(),
        v1_bytes
    );
}

#[test]
fn a_schema_1_file_left_by_a_crash_is_repaired_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.redb");
    write_fixture(&live, 1, &v1_agreements());
    let path = dir.path().join("avtal.redb");
    {
        // Copy while a handle is open: what a kill -9 of a schema-1 avtal leaves.
        let _open = redb::Database::open(&live).unwrap();
        fs::copy(&live, &path).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreements().unwrap(), v1_agreements());
    assert!(
        store
            .agreement_by_reference("UH-2025-002")
            .unwrap()
            .is_some()
    );
    assert!(with_suffix(&path, ".schema-v1.bak").exists());
}

#[test]
fn a_failed_migration_changes_nothing_and_says_where_the_copy_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    // Schema 1 did not keep references unique; two agreements sharing one stop the index.
    write_fixture(
        &path,
        1,
        &[agreement(1, "UH-2025-001"), agreement(2, "UH-2025-001")],
    );
    let before = fs::read(&path).unwrap();
    let err = match Store::open(&path) {
        Ok(_) => panic!("migrated a file with a duplicate reference"),
        Err(e) => e,
    };
    let StoreError::Migration {
        from, to, backup, ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!((*from, *to), (1, SCHEMA_VERSION));
    assert_eq!(fs::read(backup).unwrap(), before);
    assert_eq!(fs::read(&path).unwrap(), before, "file changed");
    let msg = err.message(avtal::i18n::Catalog::get(avtal::i18n::Lang::Sv));
    assert!(msg.contains("UH-2025-001"), "{msg}");
    assert!(msg.contains(&backup.display().to_string()), "{msg}");
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    {
        let store = Store::open(&path).unwrap();
        store.insert_agreement(&agreement(0, "UH-1")).unwrap();
    }
    {
        let db = redb::Database::open(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META)
            .unwrap()
            .insert(
                "schema_version",
                (SCHEMA_VERSION + 1).to_le_bytes().as_slice(),
            )
            .unwrap();
        txn.commit().unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = match Store::open(&path) {
        Ok(_) => panic!("opened a newer schema"),
        Err(e) => e,
    };
    assert!(
        matches!(
            err,
            StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
                ..
            } if found == SCHEMA_VERSION + 1
        ),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no copies made"
    );
}

#[test]
fn a_new_file_is_at_the_current_schema_and_needs_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    drop(Store::open(&path).unwrap());
    drop(Store::open(&path).unwrap());
    assert_eq!(schema_version(&path), SCHEMA_VERSION);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// On a disk without room for the copy taken before a migration, nothing is migrated: the
/// file stays byte for byte the schema-1 file, no partial copy is left, and the refusal
/// says why. With room again the migration goes through as usual.
#[test]
fn no_room_for_the_copy_means_no_migration() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    write_fixture(&path, 1, &v1_agreements());
    let v1_bytes = fs::read(&path).unwrap();
    let limit = v1_bytes.len() as u64 / 2;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_avtal"));
    cmd.env_remove("AVTAL_LANG")
        .env_remove("AVTAL_DB")
        .arg("--db")
        .arg(&path)
        .args(["list", "agreements"]);
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit). A
    // file size limit with SIGXFSZ ignored: a write past it fails as on a full disk.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "listed: {stderr}");
    assert!(stderr.contains("disken är full"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let after = fs::read(&path).unwrap();
    let first_difference = after.iter().zip(&v1_bytes).position(|(a, b)| a != b);
    assert!(
        after == v1_bytes,
        "the file changed: {} bytes, was {}; first difference at {first_difference:?}; {stderr}",
        after.len(),
        v1_bytes.len()
    );
    assert!(
        !with_suffix(&path, ".schema-v1.bak").exists(),
        "a partial copy was left"
    );

    // With room the copy is made and is the file exactly as the user had it.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreements().unwrap(), v1_agreements());
    drop(store);
    let copy = fs::read(with_suffix(&path, ".schema-v1.bak")).unwrap();
    let first_difference = copy.iter().zip(&v1_bytes).position(|(a, b)| a != b);
    assert!(
        copy == v1_bytes,
        "the copy is {} bytes, the file was {}; first difference at {first_difference:?}",
        copy.len(),
        v1_bytes.len()
    );
}

/// The schema-2 file in `tests/fixtures/schema-v2` was written by the avtal of schema 2
/// (the demo, a second agreement's call-offs and requests imported from the CSV files
/// beside it, penalty claims, a competition and a manual deviation); the JSON files are
/// that avtal's reports of it. Migrated, every report is byte for byte what it was, and
/// everything keyed by a call-off is found under its agreement.
#[test]
fn a_schema_2_file_migrates_with_every_report_unchanged() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v2");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    fs::copy(fixture.join("fixture.redb"), &path).unwrap();
    assert_eq!(schema_version(&path), 2);
    let run = |args: &[&str]| avtal_on(&path, args);
    for agreement in ["UH-2025-014", "UH-2026-099"] {
        let a = ["--agreement", agreement, "--format", "json"];
        let kpi = run(&[
            &["report", "kpi"][..],
            &a,
            &["--from", "2025-01-01", "--to", "2026-12-31"],
            &["--as-of", "2026-12-06 12:00"],
        ]
        .concat());
        let deviations = run(&[&["report", "deviations", "--all"][..], &a].concat());
        let penalties = run(&[&["report", "penalties", "--as-of", "2026-12-06"][..], &a].concat());
        for (name, got) in [("kpi", kpi), ("dev", deviations), ("pen", penalties)] {
            let want =
                fs::read_to_string(fixture.join(format!("{name}-{agreement}.json"))).unwrap();
            assert_eq!(got, want, "{name} of {agreement} after the migration");
        }
    }
    assert_eq!(schema_version(&path), SCHEMA_VERSION);
    assert!(with_suffix(&path, ".schema-v2.bak").exists());
    let check = run(&["check"]);
    assert!(check.contains("Allt är i ordning"), "{check}");

    let store = Store::open(&path).unwrap();
    let px = store
        .agreement_by_reference("UH-2026-099")
        .unwrap()
        .unwrap();
    let requests = store.requests_of(px.id, "PX-0002").unwrap();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.agreement == px.id));
    // The one unanswered request of an open call-off is still awaited.
    let awaited = store.awaited().unwrap();
    assert!(
        awaited
            .iter()
            .any(|w| w.agreement == px.id && w.calloff == "PX-0004"),
        "{awaited:?}"
    );
    let it = store
        .agreement_by_reference("UH-2025-014")
        .unwrap()
        .unwrap();
    let competitions = store.competitions(it.id).unwrap();
    assert_eq!(competitions.len(), 1);
    assert!(
        store
            .competition(it.id, &competitions[0].calloff)
            .unwrap()
            .is_some()
    );
    assert_eq!(store.penalty_claims(Some(px.id)).unwrap().len(), 3);
    let actions: Vec<String> = store
        .audit_entries()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.iter().any(|a| a == "schema.migrate"));
    assert!(!actions.iter().any(|a| a == "schema.orphan_requests"));
    // The KPI aggregates built again from the migrated requests give the same figures:
    // the requests moved, none lost.
    store.rebuild_aggregates().unwrap();
    drop(store);
    for agreement in ["UH-2025-014", "UH-2026-099"] {
        let kpi = run(&[
            "report",
            "kpi",
            "--agreement",
            agreement,
            "--format",
            "json",
            "--from",
            "2025-01-01",
            "--to",
            "2026-12-31",
            "--as-of",
            "2026-12-06 12:00",
        ]);
        let want = fs::read_to_string(fixture.join(format!("kpi-{agreement}.json"))).unwrap();
        assert_eq!(kpi, want, "kpi of {agreement} from rebuilt aggregates");
    }
}

/// The schema-6 file in `tests/fixtures/schema-v6` was written by the avtal of schema 6
/// (the demo, with its invoices); the JSON files are that avtal's spend reports of it.
/// Migrated (the spend aggregates dropped and built again by month and year), every
/// report is byte for byte what it was, and no table of schema 6's aggregates is left.
#[test]
fn a_schema_6_file_migrates_with_the_spend_reports_unchanged() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v6");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    fs::copy(fixture.join("fixture.redb"), &path).unwrap();
    assert_eq!(schema_version(&path), 6);
    let run = |args: &[&str]| avtal_on(&path, args);
    let spend = |from: &str, to: &str| {
        run(&[
            "report",
            "spend",
            "--agreement",
            "UH-2025-014",
            "--from",
            from,
            "--to",
            to,
            "--as-of",
            "2026-12-06",
            "--format",
            "json",
        ])
    };
    for (name, got) in [
        ("spend_partial", spend("2026-01-15", "2026-11-20")),
        ("spend_all", spend("2025-01-01", "2026-12-31")),
        (
            "audit",
            run(&[
                "report",
                "price-audit",
                "--agreement",
                "UH-2025-014",
                "--format",
                "json",
            ]),
        ),
    ] {
        let want = fs::read_to_string(fixture.join(format!("{name}.json"))).unwrap();
        assert_eq!(got, want, "{name} after the migration");
    }
    assert_eq!(schema_version(&path), SCHEMA_VERSION);
    assert!(with_suffix(&path, ".schema-v6.bak").exists());
    let check = run(&["check"]);
    assert!(check.contains("Allt är i ordning"), "{check}");
    // A backup refuses a file holding a table it does not know: the old aggregates are
    // gone.
    run(&["backup", dir.path().join("copy.redb").to_str().unwrap()]);
    // And the new aggregates agree with every posting judged alone, for every agreement.
    let store = Store::open(&path).unwrap();
    let agreements = store.agreements().unwrap();
    for a in &agreements {
        let (from, to, as_of) = (
            time::macros::date!(2025 - 03 - 10),
            time::macros::date!(2026 - 10 - 20),
            time::macros::date!(2026 - 12 - 06),
        );
        assert_eq!(
            avtal::app::spend::spend(&store, &agreements, a, from, to, as_of).unwrap(),
            avtal::app::spend::spend_by_scan(&store, &agreements, a, from, to, as_of).unwrap(),
            "{}",
            a.reference
        );
    }
}
