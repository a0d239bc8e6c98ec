//! A register that may only be read (a read-only mount, another user's file, a
//! write-protected stick) opens read-only (issue 14): lists, reports, `check`, `backup` and
//! the interface work and say so; every change is refused in words; the file is untouched.
//! As root (who may write any file) the read-only file is made with a read-only tmpfs;
//! as anyone else with a file and folder of mode 0500/0400.

use crate::cli_support;
use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use avtal::app::{App, Tab};
use avtal::i18n::Lang;
use cli_support::{GOOD, avtal, write};
use common::{NOW, press};
use ratatui::crossterm::event::KeyCode;

/// Where the read-only copy lies, and how it is undone when the test ends.
struct ReadOnly {
    db: PathBuf,
    mount: Option<PathBuf>,
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if let Some(m) = &self.mount {
            let _ = Command::new("umount").arg(m).status();
        } else if let Some(dir) = self.db.parent() {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
}

/// A copy of `source` that this process may only read, or None (said why) when none can
/// be made here.
fn read_only_copy(source: &Path, dir: &Path) -> Option<ReadOnly> {
    use std::os::unix::fs::PermissionsExt;
    let place = dir.join("ro");
    std::fs::create_dir(&place).unwrap();
    let db = place.join("avtal.redb");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        std::fs::copy(source, &db).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
        std::fs::set_permissions(&place, std::fs::Permissions::from_mode(0o500)).unwrap();
        return Some(ReadOnly { db, mount: None });
    }
    let ok = |c: &mut Command| c.status().is_ok_and(|s| s.success());
    if !ok(Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64m", "tmpfs"])
        .arg(&place))
    {
        eprintln!("SKIPPED: root, but a tmpfs could not be mounted here");
        return None;
    }
    let guard = ReadOnly {
        db: db.clone(),
        mount: Some(place.clone()),
    };
    std::fs::copy(source, &db).unwrap();
    if !ok(Command::new("mount").args(["-o", "remount,ro"]).arg(&place)) {
        eprintln!("SKIPPED: the tmpfs could not be made read-only");
        return None;
    }
    Some(guard)
}

#[test]
fn a_read_only_register_is_read_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made.redb");
    assert_eq!(avtal(&made, &["demo", "--calloffs", "200"]).code, 0);
    let Some(ro) = read_only_copy(&made, dir.path()) else {
        return;
    };
    let bytes = std::fs::read(&ro.db).unwrap();
    let note = "skrivskyddad och öppnades bara för läsning";

    let run = avtal(&ro.db, &["list", "agreements", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("UH-2025-014"), "{}", run.stdout);
    assert!(run.stderr.contains(note), "{}", run.stderr);
    let run = avtal(
        &ro.db,
        &[
            "report",
            "deviations",
            "--agreement",
            "UH-2025-014",
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = avtal(&ro.db, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("lästes utan fel"), "{}", run.stdout);
    let copy = dir.path().join("kopia.redb");
    let run = avtal(&ro.db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(avtal(&copy, &["check"]).code, 0);

    // A change is refused in words, and nothing of it reaches the file.
    let file = write(
        dir.path(),
        "nytt.toml",
        &GOOD.replace("UH-2026-014", "UH-2026-777"),
    );
    let run = avtal(&ro.db, &["import", "agreement", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("skrivskyddad"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

    // The interface: the register reads; a form that would write does not open.
    let store = avtal::store::Store::open(&ro.db).unwrap();
    assert!(store.is_read_only());
    let mut app = App::new(store, Lang::Sv, NOW);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Agreements);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.form.is_none());
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("skrivskyddad"), "{status}");
    drop(app);
    assert!(std::fs::read(&ro.db).unwrap() == bytes, "the file changed");
}
