//! The real binary in a pseudo-terminal (util-linux `script`), driven by keys, killed
//! hard right after a save: the agreement must be there on reopening.

use crate::cli_support;
use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use avtal::store::Store;

fn have_script() -> bool {
    Command::new("script").arg("--version").output().is_ok()
}

#[test]
fn kill_9_right_after_a_save_in_the_tui_keeps_the_agreement() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash-tui.redb");
    let (mut child, rx) = cli_support::spawn_tui(&db, 100, 30, "--lang sv");
    let mut screen = Vec::new();
    let wait_for = |needle: &str, screen: &mut Vec<u8>| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
                screen.extend_from_slice(&chunk);
            }
            if String::from_utf8_lossy(screen).contains(needle) {
                return true;
            }
        }
        false
    };
    // A database named with --db that is not there yet: asked first, then made.
    assert!(
        wait_for("Skapa en ny, tom databas där? [j/N]", &mut screen),
        "the question never showed"
    );
    {
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(b"j\n").unwrap();
        stdin.flush().unwrap();
    }
    assert!(
        wait_for("Välkommen", &mut screen),
        "the welcome never showed"
    );
    let stdin = child.stdin.as_mut().unwrap();
    let mut send = |s: &str| {
        stdin.write_all(s.as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    };
    send("n");
    for part in [
        "UH-CRASH-1",
        "\t",
        "Kraschtest",
        "\t",
        "2026-01-01",
        "\t",
        "2027-12-31",
    ] {
        send(part);
    }
    screen.clear();
    send("\x13"); // Ctrl-S
    let saved = wait_for("Sparat", &mut screen);
    // Hard kill of the application (and the terminal around it), no chance to clean up.
    let _ = Command::new("pkill")
        .args(["-KILL", "-f", &db.display().to_string()])
        .status();
    let _ = child.kill();
    let _ = child.wait();
    // The signal is delivered asynchronously: wait until no process holds the file.
    let gone = Instant::now() + Duration::from_secs(10);
    while Instant::now() < gone {
        let alive = Command::new("pgrep")
            .args(["-f", &db.display().to_string()])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false);
        if !alive {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(saved, "the save was never confirmed on screen");
    // The lock dies with the process; the file opens (repairing if it must) and has it.
    // A killed process's lock is released by the kernel as it goes; on a busy machine
    // that can take a moment after the process is no longer listed.
    let deadline = Instant::now() + Duration::from_secs(10);
    let store = loop {
        match Store::open(&db) {
            Err(avtal::store::StoreError::AlreadyOpen(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            other => break other.unwrap(),
        }
    };
    let a = store
        .agreement_by_reference("UH-CRASH-1")
        .unwrap()
        .expect("agreement lost");
    assert_eq!(a.name, "Kraschtest");
}

/// SIGTERM (a shutdown) or SIGHUP (the window closed) while a form holds unsaved typing:
/// the program ends, and the form's values are kept as a draft that the next start offers.
#[test]
fn sigterm_in_a_form_keeps_what_was_typed_as_a_draft() {
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("draft-tui.redb");
    // An empty database already there: the start goes straight to the welcome.
    drop(avtal::store::Store::open(&db).unwrap());
    let (mut child, rx) = cli_support::spawn_tui(&db, 100, 30, "--lang sv");
    let mut screen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline && !String::from_utf8_lossy(&screen).contains("Välkommen") {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            screen.extend_from_slice(&chunk);
        }
    }
    assert!(
        String::from_utf8_lossy(&screen).contains("Välkommen"),
        "the welcome never showed"
    );
    let stdin = child.stdin.as_mut().unwrap();
    for part in ["n", "UH-DRAFT-1", "\t", "Utkast som överlever"] {
        stdin.write_all(part.as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(400));
    let _ = Command::new("pkill")
        .args(["-TERM", "-f", &db.display().to_string()])
        .status();
    // The program ends by itself on SIGTERM, after keeping the draft.
    let gone = Instant::now() + Duration::from_secs(10);
    let mut alive = true;
    while Instant::now() < gone {
        alive = Command::new("pgrep")
            .args(["-f", &db.display().to_string()])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false);
        if !alive {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if alive {
        let _ = Command::new("pkill")
            .args(["-KILL", "-f", &db.display().to_string()])
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(!alive, "avtal kept running after SIGTERM");
    let store = Store::open(&db).unwrap();
    let draft = store.draft().unwrap().expect("the form's values were lost");
    assert_eq!(draft.fields[0].text, "UH-DRAFT-1");
    assert_eq!(draft.fields[1].text, "Utkast som överlever");
    assert!(store.agreements().unwrap().is_empty());
}
