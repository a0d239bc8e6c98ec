//! The binary against the database file: a second process, a file that is not a
//! database, the demo register, and the help texts.

use crate::cli_support;

use avtal::store::Store;
use cli_support::{GOOD, avtal, list, write};

#[test]
fn a_database_open_elsewhere_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delad.redb");
    let held = Store::open(&db).unwrap();
    let run = avtal(&db, &["list", "agreements"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains(db.to_str().unwrap()), "{}", run.stderr);
    assert!(run.stderr.contains("redan öppen"), "{}", run.stderr);

    let file = write(dir.path(), "a.toml", GOOD);
    let run = avtal(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "agreement",
            file.to_str().unwrap(),
        ],
    );
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("already open"), "{}", run.stderr);
    // Without a subcommand (the terminal interface) the refusal comes before any drawing.
    let run = avtal(&db, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(db.to_str().unwrap()), "{}", run.stderr);
    drop(held);
    assert!(list(&db).is_empty(), "the refused import wrote something");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anteckningar.txt");
    let bytes = b"Mina anteckningar om avtalet, inte en databas.\n".repeat(200);
    std::fs::write(&db, &bytes).unwrap();
    let file = write(dir.path(), "a.toml", GOOD);
    for args in [
        vec!["list", "agreements"],
        vec!["import", "agreement", file.to_str().unwrap()],
        vec!["demo"],
        vec![],
    ] {
        let run = avtal(&db, &args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.contains(db.to_str().unwrap()), "{}", run.stderr);
        assert_eq!(
            std::fs::read(&db).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn demo_fills_the_register_once_however_often_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    let run = avtal(&db, &["demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("nya avtal: 13"), "{}", run.stdout);
    assert_eq!(list(&db).len(), 13);
    let run = avtal(&db, &["--lang", "en", "demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("new agreements: 0, updated: 13"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("without duplicates"), "{}", run.stdout);
    let rows = list(&db);
    assert_eq!(rows.len(), 13);
    let refs: Vec<&str> = rows
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    let mut sorted = refs.clone();
    sorted.sort();
    assert_eq!(refs, sorted);
    assert!(refs.iter().any(|r| r.ends_with("-014")));
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("help.redb");
    for (args, expect) in [
        (vec!["--help"], "import"),
        (vec!["import", "--help"], "agreement"),
        (vec!["import", "agreement", "--help"], "line number"),
        (vec!["list", "--help"], "agreements"),
        (vec!["list", "agreements", "--help"], "--format"),
        (vec!["demo", "--help"], "reference"),
        (vec!["help", "import", "agreement"], "FILE.toml"),
    ] {
        let run = avtal(&db, &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("Usage"), "{args:?}: {}", run.stdout);
        assert!(run.stdout.contains(expect), "{args:?}: {}", run.stdout);
    }
    assert!(!db.exists(), "help touched the database");
}

#[test]
fn a_wrong_command_line_is_explained_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.redb");
    let run = avtal(&db, &["lista", "agreements"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("Kommandot kunde inte tolkas"),
        "{}",
        run.stderr
    );
    let run = avtal(
        &db,
        &["--lang", "en", "list", "agreements", "--format", "xml"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("could not be understood"),
        "{}",
        run.stderr
    );
    let run = avtal(&db, &["--lang", "fi", "list", "agreements"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Okänt språk") && run.stderr.contains("Unknown language"));
    assert!(!db.exists());
}
