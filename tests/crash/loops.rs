//! Kill -9 at random moments, 100 times in all: 50 times during `avtal import calloffs`
//! of a 2 000-row CSV, 50 times while the TUI (the real binary in a pseudo-terminal,
//! util-linux `script`) saves agreements typed as keys, new ones and renamed ones. After
//! every kill the database opens, the audit chain and the records verify, an import is all
//! or nothing, an edit is whole or absent, and everything that was confirmed on stdout or
//! on screen before the kill is there.
//!
//! What is on screen is read through a small terminal emulator (`vt`): ratatui redraws only
//! the cells that change, so the raw bytes seldom spell out a confirmation.
//!
//! The moments come from a seeded generator; the seed is printed and can be replayed with
//! `AVTAL_CRASH_SEED=...`.

use crate::cli_support;
use crate::vt;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use avtal::domain::Agreement;
use avtal::store::{Store, StoreError};
use time::macros::date;

const ROUNDS: u64 = 50;
const ROWS: usize = 2000;

/// xorshift64*: enough randomness for kill moments, no dependency.
struct Rng(u64);

impl Rng {
    fn seeded(salt: u64) -> Rng {
        let seed = std::env::var("AVTAL_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("AVTAL_CRASH_SEED={seed}");
        Rng((seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// Opens the file, waiting while a killed process's lock is still being released.
fn reopen(db: &Path, round: u64) -> Store {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match Store::open(db) {
            Err(StoreError::AlreadyOpen(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(s) => return s,
            Err(e) => panic!("round {round}: the database does not open: {e:?}"),
        }
    }
}

fn check_audit(store: &Store, round: u64) {
    let verdict = store.verify_audit().unwrap();
    assert!(
        verdict.is_intact(),
        "round {round}: audit chain broken: {verdict:?}"
    );
}

const AGREEMENT: &str = r#"reference = "UH-2026-014"
name = "IT-konsulttjänster 2026"
start = 2026-01-01
end = 2027-12-31
response_time = "2 working days"

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"
[[suppliers]]
org_number = "5560743089"
name = "Kod & Co AB"

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "5560743089"]
"#;

fn calloffs_csv(prefix: &str) -> String {
    let mut s = String::from(
        "reference;agreement;lot;orderer;method;requested_at;awarded_supplier;value_sek;\
         delivery_due;delivered_at;consultants;replaced_due_to_complaint;quality;deviation_reason\n",
    );
    for i in 0..ROWS {
        let (supplier, method) = if i % 7 == 0 {
            ("5560743089", "competition")
        } else {
            ("556677-8899", "ranking")
        };
        s.push_str(&format!(
            "{prefix}{i:05};UH-2026-014;Systemutveckling;Kim Beställare;{method};\
             2026-04-02 09:00;{supplier};{} 000,50;2026-05-01;;1;0;4;\n",
            i % 900 + 1
        ));
    }
    s
}

/// The two loops each keep both cores busy; run one at a time so neither starves.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn fifty_kills_during_a_calloff_import_leave_all_or_nothing() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut rng = Rng::seeded(1);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.redb");
    let toml = cli_support::write(dir.path(), "ag.toml", AGREEMENT);
    let run = cli_support::avtal(&db, &["import", "agreement", toml.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let agreement = Store::open(&db)
        .unwrap()
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap()
        .id;
    // How long one whole import takes here, so the kills spread over all of it.
    let warm = cli_support::write(dir.path(), "warm.csv", &calloffs_csv("W-"));
    let t = Instant::now();
    let run = cli_support::avtal(&db, &["import", "calloffs", warm.to_str().unwrap()]);
    let full = t.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut present: Vec<String> = vec!["W-".into()];
    let window = full.as_micros() as u64 * 2;
    let (mut whole, mut none) = (0, 0);
    for round in 0..ROUNDS {
        let prefix = format!("R{round:02}-");
        let file = cli_support::write(dir.path(), "c.csv", &calloffs_csv(&prefix));
        let mut child = cli_support::command(&db)
            .args(["import", "calloffs", file.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Half the kills anywhere in the run, half near the end where it writes and commits.
        let delay = if rng.below(2) == 0 {
            rng.below(window)
        } else {
            window * 2 / 5 + rng.below(window * 3 / 5)
        };
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL; an error only means it had finished
        let out = child.wait_with_output().unwrap();
        let said_done = String::from_utf8_lossy(&out.stdout).contains("nya avrop");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "round {round}: {stderr}");

        let store = reopen(&db, round);
        check_audit(&store, round);
        let mut by_prefix: BTreeMap<String, usize> = BTreeMap::new();
        for row in store.calloff_rows(agreement).unwrap() {
            let r = &row.calloff.reference;
            *by_prefix
                .entry(r[..r.find('-').unwrap() + 1].to_string())
                .or_default() += 1;
        }
        let this = by_prefix.get(&prefix).copied().unwrap_or(0);
        assert!(
            this == 0 || this == ROWS,
            "round {round}: a half import: {this} of {ROWS}"
        );
        if said_done {
            assert_eq!(
                this, ROWS,
                "round {round}: confirmed on stdout but not there"
            );
        }
        if this == ROWS {
            present.push(prefix.clone());
            whole += 1;
        } else {
            none += 1;
        }
        // Every import that made it earlier is still whole, and nothing else is there.
        for p in &present {
            assert_eq!(by_prefix.get(p), Some(&ROWS), "round {round}: {p} lost");
        }
        assert_eq!(
            by_prefix.len(),
            present.len(),
            "round {round}: {by_prefix:?}"
        );
    }
    eprintln!(
        "import kills: {ROUNDS} (one import takes {:.0} ms): whole {whole}, nothing {none}",
        full.as_secs_f64() * 1e3
    );
}

fn have_script() -> bool {
    Command::new("script").arg("--version").output().is_ok()
}

const COLS: usize = 100;
const ROWS_ON_SCREEN: usize = 30;

/// The binary in a pseudo-terminal, and everything it writes to the screen.
fn spawn_tui(db: &Path) -> (Child, Receiver<Vec<u8>>) {
    cli_support::spawn_tui(db, COLS, ROWS_ON_SCREEN, "--lang sv")
}

/// Feeds the screen until it shows `needle`. Generous: a debug build on a busy 2-core
/// machine can take seconds to start or to answer a key.
fn wait_for(rx: &Receiver<Vec<u8>>, screen: &mut vt::Screen, needle: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(chunk) => screen.feed(&chunk),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return screen.contains(needle),
        }
        if screen.contains(needle) {
            return true;
        }
    }
    false
}

/// The process `script` runs (its only child, the `exec`ed avtal), by id.
fn app_pid(script: &Child) -> Option<libc::pid_t> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let out = Command::new("pgrep")
            .args(["-P", &script.id().to_string()])
            .output()
            .ok()?;
        if let Ok(pid) = String::from_utf8_lossy(&out.stdout).trim().parse() {
            return Some(pid);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// One change made through the TUI's agreement form.
#[derive(Clone, Debug)]
enum Edit {
    /// `n` and the four fields: a new agreement.
    Create { reference: String },
    /// `e` on the open agreement, its reference emptied (Ctrl-U) and typed anew.
    Rename { from: String, to: String },
}

impl Edit {
    fn keys(&self) -> String {
        match self {
            Edit::Create { reference } => {
                format!("n{reference}\tKrasch {reference}\t2026-01-01\t2027-12-31\x13")
            }
            Edit::Rename { to, .. } => format!("e\x15{to}\x13"),
        }
    }

    /// The reference the agreement has once the edit is saved.
    fn result(&self) -> &str {
        match self {
            Edit::Create { reference } => reference,
            Edit::Rename { to, .. } => to,
        }
    }
}

/// The register as it must be: reference -> name.
type Model = BTreeMap<String, String>;

fn apply(model: &mut Model, edit: &Edit) {
    match edit {
        Edit::Create { reference } => {
            model.insert(reference.clone(), format!("Krasch {reference}"));
        }
        Edit::Rename { from, to } => {
            let name = model
                .remove(from)
                .expect("renames an agreement in the model");
            model.insert(to.clone(), name);
        }
    }
}

/// Every agreement in the file, reference -> name; the file opens and verifies.
fn register(db: &Path, round: u64) -> Model {
    let store = reopen(db, round);
    check_audit(&store, round);
    assert_eq!(
        store.verify_records().unwrap(),
        vec![],
        "round {round}: records do not match the audit log"
    );
    store
        .agreements()
        .unwrap()
        .into_iter()
        .map(|a| {
            assert_eq!(a.end, date!(2027 - 12 - 31), "round {round}: {a:?}");
            (a.reference, a.name)
        })
        .collect()
}

/// After a kill: the register is the model, with the edit being killed either whole or
/// not there at all, and surely there when it was confirmed on screen.
fn check_after_kill(model: &mut Model, found: &Model, edit: &Edit, confirmed: bool, round: u64) {
    let mut with = model.clone();
    apply(&mut with, edit);
    if found == &with {
        *model = with;
    } else {
        assert!(
            !confirmed,
            "round {round}: {edit:?} was confirmed on screen and is not in the file"
        );
        assert_eq!(
            found, model,
            "round {round}: the register is neither before nor after {edit:?}"
        );
    }
}

// The kill moment is drawn against how long a confirmed save took in this run (from its
// keys to its confirmation on screen), so the kills fall before, during and after the
// commit whatever the machine's speed.
#[test]
fn fifty_kills_while_saving_agreements_in_the_tui_keep_what_was_confirmed() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !have_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let mut rng = Rng::seeded(2);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tui.redb");
    // One agreement already, so the register (not the welcome) is what starts.
    Store::open(&db)
        .unwrap()
        .insert_agreement(&Agreement::new(
            "SEED-0",
            "Krasch SEED-0",
            date!(2026 - 01 - 01),
            date!(2027 - 12 - 31),
        ))
        .unwrap();
    // Today's daily copy made beforehand: the first start would make it, and its message
    // could take the place of a confirmation on the status line.
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    Store::open(&db).unwrap().daily_backup(now.date()).unwrap();
    let mut model: Model = register(&db, 0);
    // Microseconds from a save's keys to its confirmation, as a running average.
    let mut latency: u64 = 100_000;
    let (mut confirmed_saves, mut killed_made_it, mut killed_lost) = (0, 0, 0);
    let mut killed_renames = 0;
    for round in 0..ROUNDS {
        let (mut child, rx) = spawn_tui(&db);
        let mut screen = vt::Screen::new(COLS, ROWS_ON_SCREEN);
        assert!(
            wait_for(&rx, &mut screen, "Avtal"),
            "round {round}: the app never showed:\n{}",
            screen.text()
        );
        let pid = app_pid(&child).expect("the app process");
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(b"2").unwrap();
        stdin.flush().unwrap();
        // A few edits waited for on screen, then one more with the kill somewhere in it.
        // The first is always a new agreement: it opens, and so can be renamed next.
        let mut open: Option<String> = None;
        let edit_for = |i: u64, open: &Option<String>, rng: &mut Rng| match open {
            Some(from) if rng.below(2) == 0 => Edit::Rename {
                from: from.clone(),
                to: format!("{from}r"),
            },
            _ => Edit::Create {
                reference: format!("T{round:02}-{i}"),
            },
        };
        for i in 0..rng.below(3) {
            let edit = edit_for(i, &open, &mut rng);
            let sent = Instant::now();
            stdin.write_all(edit.keys().as_bytes()).unwrap();
            stdin.flush().unwrap();
            let confirmation = format!("Sparat: {}.", edit.result());
            assert!(
                wait_for(&rx, &mut screen, &confirmation),
                "round {round}: {edit:?} was never confirmed:\n{}",
                screen.text()
            );
            latency = (latency * 3 + sent.elapsed().as_micros() as u64) / 4;
            apply(&mut model, &edit);
            open = Some(edit.result().to_string());
            confirmed_saves += 1;
        }
        let last = edit_for(9, &open, &mut rng);
        stdin.write_all(last.keys().as_bytes()).unwrap();
        stdin.flush().unwrap();
        // Half the kills early, where the keys are read and the commit is made (most of a
        // save's time is drawing the answer), half anywhere up to the confirmation and past.
        let window = if rng.below(2) == 0 {
            latency / 3
        } else {
            latency * 3 / 2
        };
        std::thread::sleep(Duration::from_micros(rng.below(window + 1)));
        // SAFETY: a signal to a process this test started and has not reaped.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        // What reached the screen before the kill: `script` ends once avtal is gone.
        let confirmation = format!("Sparat: {}.", last.result());
        let mut confirmed = screen.contains(&confirmation);
        while let Ok(chunk) = rx.recv_timeout(Duration::from_secs(30)) {
            screen.feed(&chunk);
            confirmed |= screen.contains(&confirmation);
        }
        let _ = child.kill();
        let _ = child.wait();

        let found = register(&db, round);
        check_after_kill(&mut model, &found, &last, confirmed, round);
        if matches!(last, Edit::Rename { .. }) {
            killed_renames += 1;
        }
        if model.contains_key(last.result()) {
            killed_made_it += 1;
        } else {
            killed_lost += 1;
        }
    }
    eprintln!(
        "tui kills: {ROUNDS} ({killed_renames} of them in a rename); confirmed saves before \
         the kill: {confirmed_saves}; the save being killed: made it {killed_made_it}, lost \
         {killed_lost}; a save took {:.0} ms",
        latency as f64 / 1e3
    );
}
