//! The real binary in a pseudo-terminal (util-linux `script`): `avtal minutes M-0001`,
//! minutes typed, then the process killed hard (at most about a second of typing may be
//! lost) or sent SIGTERM (nothing may be lost). Counts what survived.

use crate::cli_support;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use avtal::domain::Agreement;
use avtal::domain::meeting::{Meeting, MeetingKind};
use avtal::store::{Store, StoreError};
use time::macros::date;

fn have_script() -> bool {
    Command::new("script").arg("--version").output().is_ok()
}

fn setup(db: &Path) {
    let store = Store::open(db).unwrap();
    let id = store
        .insert_agreement(&Agreement::new(
            "UH-1",
            "Test",
            date!(2026 - 01 - 01),
            date!(2027 - 12 - 31),
        ))
        .unwrap();
    store
        .insert_meeting(&Meeting::new(
            id,
            MeetingKind::Collaboration,
            date!(2026 - 11 - 25),
        ))
        .unwrap();
}

fn spawn(db: &Path) -> (Child, Receiver<Vec<u8>>) {
    cli_support::spawn_tui(db, 100, 30, "minutes M-0001")
}

fn wait_for(rx: &Receiver<Vec<u8>>, needle: &str) -> bool {
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.extend_from_slice(&chunk);
        }
        if String::from_utf8_lossy(&seen).contains(needle) {
            return true;
        }
    }
    false
}

/// Types like a fast typist: one character every 20 ms.
fn type_text(child: &mut Child, s: &str) {
    let stdin = child.stdin.as_mut().unwrap();
    for c in s.chars() {
        let mut b = [0u8; 4];
        stdin.write_all(c.encode_utf8(&mut b).as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal_and_wait(db: &Path, signal: &str) {
    let _ = Command::new("pkill")
        .args([signal, "-f", &format!("{} minutes", db.display())])
        .status();
}

fn reopen(db: &Path) -> Store {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match Store::open(db) {
            Err(StoreError::AlreadyOpen(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            other => return other.unwrap(),
        }
    }
}

fn minutes(db: &Path) -> String {
    let store = reopen(db);
    let m = store.meetings(None).unwrap();
    m[0].minutes.clone()
}

#[test]
fn a_hard_kill_loses_at_most_the_last_second_of_typing() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.redb");
    setup(&db);
    let (mut child, rx) = spawn(&db);
    assert!(wait_for(&rx, "M-0001"), "the editor never showed");
    let lines = [
        "Punkt ett om statistiken.",
        "Punkt två om svarstider.",
        "Punkt tre om avtalsdagen.",
    ];
    for line in lines {
        type_text(&mut child, line);
        type_text(&mut child, "\r");
        // A breath between points: more than the one-second limit.
        std::thread::sleep(Duration::from_millis(1300));
    }
    type_text(&mut child, "Mitt i en mening som");
    signal_and_wait(&db, "-KILL");
    let _ = child.kill();
    let _ = child.wait();
    let text = minutes(&db);
    let survived = lines.iter().filter(|l| text.contains(*l)).count();
    assert_eq!(
        survived,
        lines.len(),
        "survived {survived} of {}: {text:?}",
        lines.len()
    );
}

#[test]
fn sigterm_saves_everything_typed() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.redb");
    setup(&db);
    let (mut child, rx) = spawn(&db);
    assert!(wait_for(&rx, "M-0001"), "the editor never showed");
    type_text(&mut child, "Allt detta ska finnas kvar");
    std::thread::sleep(Duration::from_millis(100));
    signal_and_wait(&db, "-TERM");
    let _ = child.wait();
    assert_eq!(minutes(&db), "Allt detta ska finnas kvar");
}

#[test]
fn closing_the_terminal_saves_and_ends_the_program() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.redb");
    setup(&db);
    let (mut child, rx) = spawn(&db);
    assert!(wait_for(&rx, "M-0001"), "the editor never showed");
    type_text(&mut child, "Fönstret stängs nu");
    std::thread::sleep(Duration::from_millis(100));
    // Killing `script` closes the terminal under avtal: SIGHUP and end-of-file.
    let _ = child.kill();
    let _ = child.wait();
    let pattern = format!("{} minutes", db.display());
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut alive = true;
    while Instant::now() < deadline {
        alive = Command::new("pgrep")
            .args(["-f", &pattern])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false);
        if !alive {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if alive {
        let _ = Command::new("pkill")
            .args(["-KILL", "-f", &pattern])
            .status();
    }
    assert!(!alive, "avtal kept running after its terminal closed");
    // Closed cleanly: the next open needs no repair (which at a million call-offs copies
    // a gigabyte aside first). Writing to the dead terminal used to panic before the
    // database was closed.
    let mut b = redb::Builder::new();
    b.set_repair_callback(|session| session.abort());
    match b.open(&db) {
        Err(redb::DatabaseError::RepairAborted) => panic!("the database was not closed cleanly"),
        other => drop(other),
    }
    assert_eq!(minutes(&db), "Fönstret stängs nu");
}

/// Waits up to ten seconds for the program to end by itself; kills it if it does not.
fn ended_by_itself(child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}

#[test]
fn ctrl_c_straight_after_typing_keeps_every_word() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.redb");
    setup(&db);
    let (mut child, rx) = spawn(&db);
    assert!(wait_for(&rx, "M-0001"), "the editor never showed");
    // No pause: the last words are inside the autosave's debounce when Ctrl-C comes.
    type_text(&mut child, "Sista orden före Ctrl-C");
    type_text(&mut child, "\u{3}");
    assert!(
        ended_by_itself(&mut child),
        "Ctrl-C did not end the program"
    );
    assert_eq!(minutes(&db), "Sista orden före Ctrl-C");
}

#[test]
fn esc_straight_after_typing_saves_and_closes_the_editor() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.redb");
    setup(&db);
    let (mut child, rx) = spawn(&db);
    assert!(wait_for(&rx, "M-0001"), "the editor never showed");
    type_text(&mut child, "Stängt med Esc");
    type_text(&mut child, "\u{1b}");
    // Then q, which quits from the meeting view; had Esc not closed the editor it would
    // be typed into the minutes and the program would go on.
    std::thread::sleep(Duration::from_millis(300));
    type_text(&mut child, "q");
    assert!(ended_by_itself(&mut child), "q did not end the program");
    assert_eq!(minutes(&db), "Stängt med Esc");
}
