//! A register left by an unclean shutdown opens on a disk with less free space than the
//! file's size (issue 14). redb must repair such a file before it can be read; the repair
//! needs no copy of the file, so the copy kept aside during it is made only where there
//! is room. The lack of room is made with a file size limit (`RLIMIT_FSIZE`) on the child:
//! no copy of the file can be written, while redb's repair inside the file can.

use crate::cli_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use avtal::store::Store;
use cli_support::avtal_limited;

/// Set in a child of this test binary: open the register, change it, and die without
/// closing it, the way kill -9 or a power cut leaves it.
const DIE_OPEN: &str = "AVTAL_TEST_DIE_WITH_THE_FILE_OPEN";

#[test]
fn helper_die_with_the_file_open() {
    let Ok(path) = std::env::var(DIE_OPEN) else {
        return;
    };
    let store = Store::open(Path::new(&path)).unwrap();
    let mut a = store.agreements().unwrap().remove(0);
    a.name.push_str(" (ändrat)");
    store.update_agreement(&a).unwrap();
    std::process::abort();
}

/// Leaves `db` as an unclean shutdown does.
fn die_with_the_file_open(db: &Path) {
    // This test binary again, running only the helper (its name within the binary).
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "little_space::helper_die_with_the_file_open",
            "--nocapture",
        ])
        .env(DIE_OPEN, db)
        .status()
        .unwrap();
    assert!(!status.success(), "the helper was to die");
}

/// A demo register in `dir` left as a crash leaves it, and its size.
fn crashed_register(dir: &Path) -> (PathBuf, u64) {
    let db = dir.join("avtal.redb");
    let run = cli_support::avtal(&db, &["demo", "--calloffs", "3000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    die_with_the_file_open(&db);
    let size = std::fs::metadata(&db).unwrap().len();
    (db, size)
}

/// A copy of `register` on a fresh tmpfs of `bytes` in `dir`, and the guard that unmounts
/// it; None (said why) without the right to mount.
fn on_tmpfs(dir: &Path, register: &Path, bytes: u64) -> Option<(PathBuf, Unmount)> {
    let mount = dir.join("disk");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
        .arg("tmpfs")
        .arg(&mount)
        .output();
    if !mounted.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: a tmpfs could not be mounted here (needs root): {mounted:?}");
        return None;
    }
    let unmount = Unmount(mount.clone());
    let db = mount.join("avtal.redb");
    std::fs::copy(register, &db).unwrap();
    Some((db, unmount))
}

/// Unmounts the test's tmpfs also when an assertion fails.
struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_register_left_open_by_a_crash_opens_without_room_for_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (db, size) = crashed_register(dir.path());
    // Room for no copy: any file may grow to a quarter of the register's size.
    let limit = size / 4;
    let run = avtal_limited(&db, limit, &["list", "agreements", "--format", "csv"]);
    assert_eq!(run.code, 0, "list: {}", run.stderr);
    assert!(run.stdout.contains("(ändrat)"), "{}", run.stdout);
    for args in [
        &[
            "report",
            "deviations",
            "--agreement",
            "UH-2025-014",
            "--format",
            "csv",
        ][..],
        &["check"][..],
    ] {
        let run = avtal_limited(&db, limit, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    // Nothing was left beside it, and the file checks clean in this process too.
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "avtal.redb" && n != "avtal-backups")
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    let store = Store::open(&db).unwrap();
    assert!(store.verify_audit().unwrap().is_intact());
}

/// A small tmpfs holds the register after the crash and a file filling most of the rest:
/// less free space than the register's size, as on a laptop's full disk. Needs the right
/// to mount (root); says so and passes where it has not.
#[test]
fn a_register_left_open_by_a_crash_opens_on_a_nearly_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (made, size) = crashed_register(dir.path());
    let Some((db, unmount)) = on_tmpfs(dir.path(), &made, size * 3 / 2 + 1024 * 1024) else {
        return;
    };
    let mount = unmount.0.clone();
    // Fill the disk until a quarter of the register's size is free.
    let free = fs4::available_space(&mount).unwrap();
    let filler = free.saturating_sub(size / 4);
    std::fs::write(mount.join("filler"), vec![0u8; filler as usize]).unwrap();
    assert!(fs4::available_space(&mount).unwrap() < size);
    let run = cli_support::avtal(&db, &["list", "agreements", "--format", "csv"]);
    assert_eq!(run.code, 0, "list: {}", run.stderr);
    assert!(run.stdout.contains("(ändrat)"), "{}", run.stdout);
    let run = cli_support::avtal(&db, &["check"]);
    assert_eq!(run.code, 0, "check: {}", run.stderr);
    drop(unmount);
}

/// With no free space at all, the repair may not be able to write: then the message says
/// what is wrong (the file must be repaired, the disk is full), not that a change was lost.
#[test]
fn a_register_needing_repair_on_a_full_disk_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (made, size) = crashed_register(dir.path());
    let Some((db, unmount)) = on_tmpfs(dir.path(), &made, size * 2) else {
        return;
    };
    let mount = unmount.0.clone();
    // Not one byte free.
    let mut filler = std::fs::File::create(mount.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    let _ = std::io::Write::write_all(&mut filler, &[0u8]);
    drop(filler);
    let run = cli_support::avtal(&db, &["list", "agreements", "--format", "csv"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    if run.code == 0 {
        assert!(run.stdout.contains("(ändrat)"), "{}", run.stdout);
    } else {
        assert!(run.stderr.contains("måste lagas"), "{}", run.stderr);
        assert!(run.stderr.contains("disken är full"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("Ändringen sparades inte"),
            "{}",
            run.stderr
        );
    }
    eprintln!("on a full disk: exit {}: {}", run.code, run.stderr.trim());
}
