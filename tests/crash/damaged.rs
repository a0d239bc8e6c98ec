//! Bit flips in copies of a register, run through `check`, `backup`, `list`, `report`
//! and the interface (issue 14): never a panic or a backtrace, always words; `check`
//! names the table it could not read; `backup` saves what can be read and says what it
//! could not.

use crate::cli_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cli_support::{Run, avtal};

/// A small deterministic generator: the same flips on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// A copy of `source` with `flips` single-bit flips past redb's header page.
fn flipped(source: &Path, dir: &Path, seed: u64, flips: usize) -> PathBuf {
    let mut bytes = std::fs::read(source).unwrap();
    let mut rng = Lcg(seed);
    for _ in 0..flips {
        let at = 4096 + (rng.next() as usize) % (bytes.len() - 4096);
        bytes[at] ^= 1 << (rng.next() % 8);
    }
    let path = dir.join(format!("flip-{seed}.redb"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn no_panic(run: &Run, what: &str) {
    assert!(
        run.code == 0 || run.code == 1,
        "{what}: exit {}: {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
    assert!(
        !run.stderr.contains("RUST_BACKTRACE"),
        "{what}: {}",
        run.stderr
    );
}

#[test]
fn flipped_bits_are_reported_in_words_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    assert_eq!(avtal(&db, &["demo", "--calloffs", "400"]).code, 0);
    let mut unreadable = None;
    // Copies with a table redb could not read: the interface is tried on a few of them.
    let mut damaged = Vec::new();
    for seed in 0..40u64 {
        let copy = flipped(&db, dir.path(), seed, [1, 4, 32][seed as usize % 3]);
        let check = avtal(&copy, &["check"]);
        no_panic(&check, &format!("check {seed}"));
        for args in [
            &["list", "agreements"][..],
            &["report", "deviations", "--agreement", "UH-2025-014"][..],
            &[
                "report",
                "penalties",
                "--agreement",
                "UH-2025-014",
                "--as-of",
                "2026-12-01",
            ][..],
        ] {
            no_panic(&avtal(&copy, args), &format!("{args:?} {seed}"));
        }
        let dest = dir.path().join(format!("backup-{seed}.redb"));
        let backup = avtal(&copy, &["backup", dest.to_str().unwrap()]);
        no_panic(&backup, &format!("backup {seed}"));
        if check.stdout.contains("gick inte att läsa hela") {
            damaged.push(copy.clone());
            if unreadable.is_none() {
                unreadable = Some((copy.clone(), check, backup, dest));
            }
        }
    }
    // At least one copy had a table redb could not read: check named it, the backup kept
    // what it could read and said what it lacks, and the copy opens and checks.
    let (copy, check, backup, dest) = unreadable.expect("some flip damaged a table's pages");
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("Tabellen "), "{}", check.stdout);
    assert_eq!(backup.code, 1, "{}", backup.stderr);
    assert!(
        backup.stderr.contains("innehåller allt som gick att läsa"),
        "{}",
        backup.stderr
    );
    assert!(
        backup.stderr.contains("gick inte att läsa hela"),
        "{}",
        backup.stderr
    );
    // The copy is a whole redb file holding what was read (a flip that changed a record
    // without breaking a page is carried over, and its check says so).
    let recheck = avtal(&dest, &["check"]);
    assert!(
        recheck.stdout.contains("Filen är hel"),
        "{}",
        recheck.stdout
    );
    assert!(
        !recheck.stdout.contains("gick inte att läsa"),
        "{}",
        recheck.stdout
    );
    // It opens; a record whose bits flipped without breaking a page may still be refused
    // in words when read, as in the original.
    no_panic(
        &avtal(&dest, &["list", "agreements"]),
        "list of the partial copy",
    );
    for other in damaged.iter().rev().take(3) {
        tui_on(other);
    }
    refused_until_replaced(&copy, &db);
}

/// After `check` found damage, a change is refused with what to do, naming the latest
/// daily copy; once a good copy replaces the file, changes are taken again.
fn refused_until_replaced(damaged: &Path, good: &Path) {
    let dir = damaged.parent().unwrap();
    let stem = damaged.file_stem().unwrap().to_string_lossy().into_owned();
    let backups = dir.join("avtal-backups");
    std::fs::create_dir_all(&backups).unwrap();
    let older = backups.join(format!("{stem}-2026-11-30.redb"));
    let latest = backups.join(format!("{stem}-2026-12-01.redb"));
    std::fs::copy(good, &older).unwrap();
    std::fs::copy(good, &latest).unwrap();
    assert_eq!(avtal(damaged, &["check"]).code, 1);
    let file = cli_support::write(
        dir,
        "nytt.toml",
        &cli_support::GOOD.replace("UH-2026-014", "UH-2026-778"),
    );
    let import = avtal(damaged, &["import", "agreement", file.to_str().unwrap()]);
    no_panic(&import, "import into a damaged file");
    assert_eq!(import.code, 1, "{}", import.stdout);
    assert!(
        import.stderr.contains("avtal check hittade fel"),
        "{}",
        import.stderr
    );
    assert!(
        import.stderr.contains(&latest.display().to_string()),
        "the latest daily copy is named: {}",
        import.stderr
    );
    // Restored from the copy, as the message says, and checked: the import is taken.
    std::fs::copy(&latest, damaged).unwrap();
    assert_eq!(avtal(damaged, &["check"]).code, 0);
    let import = avtal(damaged, &["import", "agreement", file.to_str().unwrap()]);
    assert_eq!(import.code, 0, "{}", import.stderr);
}

/// The interface on the damaged copy: it opens or says why in words, each tab is visited,
/// and no backtrace ever reaches the screen.
fn tui_on(db: &Path) {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let (mut child, rx) = cli_support::spawn_tui(db, 100, 30, "--lang sv");
    let mut screen = Vec::new();
    let read_for = |ms: u64, screen: &mut Vec<u8>| {
        let deadline = Instant::now() + Duration::from_millis(ms);
        while Instant::now() < deadline {
            if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(50)) {
                screen.extend_from_slice(&chunk);
            }
        }
    };
    read_for(1500, &mut screen);
    for key in ["\x1b", "2", "3", "4", "5", "7", "0", "1", "q"] {
        if let Some(stdin) = child.stdin.as_mut() {
            let _ = stdin.write_all(key.as_bytes());
            let _ = stdin.flush();
        }
        read_for(300, &mut screen);
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = String::from_utf8_lossy(&screen);
    assert!(!text.contains("panicked"), "{text}");
    assert!(!text.contains("stack backtrace"), "{text}");
}
