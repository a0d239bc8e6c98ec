//! `avtal import agreement` and `avtal list agreements` through the binary.

use crate::cli_support;

use cli_support::{GOOD, avtal, list, write};
use serde_json::json;

#[test]
fn a_good_file_is_imported_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let file = write(dir.path(), "a.toml", GOOD);
    let run = avtal(&db, &["import", "agreement", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("UH-2026-014") && run.stdout.contains("lagts in"),
        "{}",
        run.stdout
    );
    assert_eq!(
        list(&db),
        vec![
            json!({"reference": "UH-2026-014", "name": "IT-konsulttjänster 2026",
                    "start": "2026-01-01", "end": "2027-12-31"})
        ]
    );

    // Importing the same reference again updates it in place.
    let renamed = write(
        dir.path(),
        "b.toml",
        &GOOD.replace("tjänster 2026\"", "tjänster\""),
    );
    let run = avtal(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "agreement",
            renamed.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("updated"), "{}", run.stdout);
    let rows = list(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], "IT-konsulttjänster");
}

#[test]
fn csv_and_table_are_sorted_by_reference() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    for (i, reference) in ["UH-2026-020", "UH-2025-003"].iter().enumerate() {
        let text = GOOD.replace("UH-2026-014", reference);
        let file = write(dir.path(), &format!("{i}.toml"), &text);
        assert_eq!(
            avtal(&db, &["import", "agreement", file.to_str().unwrap()]).code,
            0
        );
    }
    let csv = avtal(&db, &["list", "agreements", "--format", "csv"]);
    assert_eq!(
        csv.stdout,
        "reference,name,start,end\n\
         UH-2025-003,IT-konsulttjänster 2026,2026-01-01,2027-12-31\n\
         UH-2026-020,IT-konsulttjänster 2026,2026-01-01,2027-12-31\n"
    );
    let table = avtal(&db, &["list", "agreements"]);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(
        lines[0].starts_with("Diarienummer") && lines[0].contains("Slut"),
        "{}",
        table.stdout
    );
    assert!(lines[2].starts_with("UH-2025-003") && lines[3].starts_with("UH-2026-020"));
    let table = avtal(
        &db,
        &["--lang", "en", "list", "agreements", "--format", "table"],
    );
    assert!(table.stdout.starts_with("Reference"), "{}", table.stdout);
}

/// Each bad file: what to change in GOOD, and the line the message must name.
const BAD: &[(&str, &str, &str, usize)] = &[
    ("bad org number", "\"556677-8899\"", "\"556677-8898\"", 9),
    (
        "unknown supplier in ranking",
        "\"556074-3089\"]",
        "\"202100-5448\"]",
        18,
    ),
    ("bad date", "end = 2027-12-31", "end = \"2026-13-01\"", 4),
    (
        "impossible TOML date",
        "end = 2027-12-31",
        "end = 2026-02-30",
        4,
    ),
    (
        "syntax error",
        "name = \"Konsult AB\"",
        "name = \"Konsult AB",
        10,
    ),
    ("unknown key", "cap = \"15%\"", "cpa = \"15%\"", 24),
    ("missing reference", "reference = \"UH-2026-014\"\n", "", 1),
    (
        "end before start",
        "end = 2027-12-31",
        "end = 2025-12-31",
        4,
    ),
    ("bad rate", "rate = \"5%\"", "rate = \"fem procent\"", 23),
];

#[test]
fn bad_files_are_refused_with_their_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (what, from, to, line) in BAD {
        assert!(GOOD.contains(from), "{what}: fixture out of date");
        let db = dir.path().join(format!("{what}.redb"));
        let file = write(
            dir.path(),
            &format!("{what}.toml"),
            &GOOD.replacen(from, to, 1),
        );
        let run = avtal(&db, &["import", "agreement", file.to_str().unwrap()]);
        assert_ne!(run.code, 0, "{what}: accepted");
        assert!(
            run.stderr.contains(&format!("Rad {line}:")),
            "{what}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("Inget har sparats"),
            "{what}: {}",
            run.stderr
        );
        assert!(!db.exists(), "{what}: a database was created");
    }
}

#[test]
fn a_bad_file_leaves_an_existing_agreement_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let good = write(dir.path(), "good.toml", GOOD);
    assert_eq!(
        avtal(&db, &["import", "agreement", good.to_str().unwrap()]).code,
        0
    );
    let before = list(&db);
    // A new name (would be an update) together with an invalid org number.
    let bad = GOOD
        .replace("tjänster 2026\"", "tjänster, ändrat\"")
        .replace("\"5560743089\"", "\"5560743088\"");
    let bad = write(dir.path(), "bad.toml", &bad);
    let run = avtal(
        &db,
        &["--lang", "en", "import", "agreement", bad.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Line 13:") && run.stderr.contains("Nothing has been saved"),
        "{}",
        run.stderr
    );
    assert_eq!(list(&db), before);
}

#[test]
fn every_problem_of_a_file_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let text = GOOD
        .replace("priority = 1", "priority = 7")
        .replace("\"556677-8899\"", "\"556677-889\"")
        .replace("basis = \"per_started_week\"", "basis = \"weekly\"");
    let file = write(dir.path(), "many.toml", &text);
    let run = avtal(&db, &["import", "agreement", file.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    for line in [6, 9, 22] {
        assert!(
            run.stderr.contains(&format!("Rad {line}:")),
            "{line}: {}",
            run.stderr
        );
    }
}

#[test]
fn english_comes_from_the_flag_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("avtal.redb");
    let file = write(
        dir.path(),
        "bad.toml",
        &GOOD.replace("\"556677-8899\"", "\"556677-8898\""),
    );
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
    assert!(
        run.stderr.contains("Line 9:") && run.stderr.contains("invalid"),
        "{}",
        run.stderr
    );
    let out = cli_support::command(&db)
        .env("AVTAL_LANG", "en")
        .args(["import", "agreement", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Line 9:"));
    let run = avtal(&db, &["import", "agreement", "no-such-file.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Kan inte läsa no-such-file.toml"),
        "{}",
        run.stderr
    );
}
