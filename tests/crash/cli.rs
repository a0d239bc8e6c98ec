//! Killing `avtal import agreement` hard at varied moments: the database must always
//! open afterwards and hold each agreement either whole or not at all.

use crate::cli_support;

use std::process::Stdio;
use std::time::Duration;

use avtal::domain::AgreementId;
use avtal::formats::agreement_toml;
use avtal::store::Store;
use cli_support::{GOOD, write};

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // One database for every round, so later rounds write into a file with history;
    // the first round may even kill the process while it creates the file.
    let db = dir.path().join("crash.redb");
    let mut confirmed: Vec<String> = Vec::new();
    let mut outcomes = (0, 0);
    for round in 0..20u64 {
        let reference = format!("CRASH-{round:02}");
        let text = GOOD.replace("UH-2026-014", &reference);
        let expected = agreement_toml::parse(&text).unwrap();
        let file = write(dir.path(), &format!("{reference}.toml"), &text);

        let mut child = cli_support::command(&db)
            .args(["import", "agreement", file.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // From at once to a few milliseconds: around the time the process opens the file,
        // writes and commits (a debug build on a slow disk takes longer; some rounds finish).
        std::thread::sleep(Duration::from_micros(round * round * 30));
        // SIGKILL on Unix; an error only means the process had already finished.
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let said_done = String::from_utf8_lossy(&out.stdout).contains("lagts in");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "round {round}: {stderr}");

        let store = Store::open(&db)
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e:?}"));
        match store.agreement_by_reference(&reference).unwrap() {
            Some(mut stored) => {
                stored.id = AgreementId::default();
                assert_eq!(stored, expected, "round {round}: a half-written agreement");
                confirmed.push(reference.clone());
                outcomes.0 += 1;
            }
            None => {
                assert!(!said_done, "round {round}: reported saved but is not there");
                outcomes.1 += 1;
            }
        }
        // What earlier rounds saved is still there, whole.
        for r in &confirmed {
            let stored = store.agreement_by_reference(r).unwrap();
            assert!(
                stored.is_some_and(|a| a.suppliers.len() == 2),
                "round {round}: {r} lost"
            );
        }
        assert_eq!(store.agreements().unwrap().len(), confirmed.len());
    }
    eprintln!(
        "saved: {}, killed before saving: {}",
        outcomes.0, outcomes.1
    );
}
