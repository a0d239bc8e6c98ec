//! `avtal import calloffs|requests` and `avtal report deviations` through the binary:
//! a hand-built agreement with one call-off for every case of DESIGN §4.

use crate::cli_support;

use std::path::{Path, PathBuf};

use avtal::domain::OrgNumber;
use avtal::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use avtal::store::Store;
use cli_support::{Run, avtal, write};
use serde_json::{Value, json};
use time::macros::date;

const S1: &str = "556677-8899";
const S2: &str = "556074-3089";
/// A supplier of the agreement ranked only in the other lot.
const S4: &str = "212000-0142";

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
[[suppliers]]
org_number = "2021005448"
name = "Tredje AB"
[[suppliers]]
org_number = "2120000142"
name = "Drift AB"

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "5560743089", "2021005448"]
[[lots]]
name = "Drift"
ranking = ["2120000142"]
"#;

/// Semicolons, a BOM, CRLF, a decimal comma, numbers with and without the hyphen.
/// A-01 compliant, A-02 not_asked, A-03 offer_passed_over, A-04 not_in_lot, A-05 two
/// kinds and motivated, A-06 competition, A-07 not awarded, A-08 rank 1 answered late.
const CALLOFFS: &str = "\u{feff}reference;agreement;lot;orderer;method;requested_at;awarded_supplier;value_sek;delivery_due;delivered_at;consultants;replaced_due_to_complaint;quality;deviation_reason\r\n\
A-01;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;5560743089;125 000,50;2026-05-01;2026-05-04;2;1;4;\r\n\
A-02;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;556074-3089;;;;;;;\r\n\
A-03;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;556074-3089;2500.5;;;;;;\r\n\
A-04;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;212000-0142;;;;;;;\r\n\
A-05;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;202100-5448;;;;;;;\"Brådskande; rang 2 kunde inte starta\"\r\n\
A-06;UH-2026-014;Systemutveckling;Kim;competition;2026-04-02 09:00;202100-5448;;;;;;;\r\n\
A-07;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;;;;;;;;\r\n\
A-08;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;556074-3089;;;;;;;\r\n";

/// Sent Thursday 2026-04-02 14:00 with 2 working days: the deadline is 04-08 23:59:59.
const REQUESTS: &str = "calloff,supplier,sent_at,answered_at,answer\n\
A-01,5566778899,2026-04-02 14:00,2026-04-03 10:00,decline\n\
A-01,5560743089,2026-04-02 14:00,2026-04-03 11:00,offer\n\
A-03,5566778899,2026-04-02 14:00,2026-04-08 23:59,offer\n\
A-05,5560743089,2026-04-02 14:00,2026-04-07 09:00,offer\n\
A-07,5566778899,2026-04-02 14:00,,\n\
A-08,5566778899,2026-04-02 14:00,2026-04-09 08:00,offer\n";

fn expected() -> Value {
    json!([
        {"calloff": "A-02", "kinds": ["not_asked"], "suppliers": [S1], "motivated": false},
        {"calloff": "A-03", "kinds": ["offer_passed_over"], "suppliers": [S1], "motivated": false},
        {"calloff": "A-04", "kinds": ["not_in_lot"], "suppliers": [S4], "motivated": false},
        {"calloff": "A-05", "kinds": ["not_asked", "offer_passed_over"], "suppliers": [S1, S2], "motivated": true},
    ])
}

struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("avtal.redb");
        let file = write(dir.path(), "a.toml", AGREEMENT);
        let run = avtal(&db, &["import", "agreement", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        Setup { dir, db }
    }

    fn import(&self, what: &str, name: &str, text: &str) -> Run {
        let file = write(self.dir.path(), name, text);
        avtal(&self.db, &["import", what, file.to_str().unwrap()])
    }

    fn report(&self, extra: &[&str]) -> Run {
        let mut args = vec!["report", "deviations", "--agreement", "UH-2026-014"];
        args.extend_from_slice(extra);
        avtal(&self.db, &args)
    }

    fn json(&self, extra: &[&str]) -> Value {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let run = self.report(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    }

    fn full(&self) {
        let run = self.import("calloffs", "c.csv", CALLOFFS);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = self.import("requests", "r.csv", REQUESTS);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

#[test]
fn every_kind_motivated_and_what_is_not_listed() {
    let s = Setup::new();
    let run = s.import("calloffs", "c.csv", CALLOFFS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("8 nya avrop och 0 uppdaterade"),
        "{}",
        run.stdout
    );
    let run = s.import("requests", "r.csv", REQUESTS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("6 nya avropsförfrågningar"),
        "{}",
        run.stdout
    );
    assert_eq!(s.json(&[]), expected());
}

#[test]
fn importing_the_same_files_again_adds_nothing() {
    let s = Setup::new();
    s.full();
    let run = s.import("calloffs", "c.csv", CALLOFFS);
    assert!(
        run.stdout.contains("0 nya avrop och 8 uppdaterade"),
        "{}",
        run.stdout
    );
    let run = s.import("requests", "r.csv", REQUESTS);
    assert!(
        run.stdout
            .contains("0 nya avropsförfrågningar och 6 uppdaterade"),
        "{}",
        run.stdout
    );
    assert_eq!(s.json(&[]), expected());
    let store = Store::open(&s.db).unwrap();
    assert_eq!(store.requests_of(it(&store), "A-01").unwrap().len(), 2);
    let c = store.calloff(it(&store), "A-01").unwrap().unwrap();
    assert_eq!(c.value.map(|m| m.ore()), Some(12_500_050));
}

#[test]
fn one_bad_row_among_good_ones_writes_nothing() {
    let s = Setup::new();
    let bad = CALLOFFS.replace(
        "A-03;UH-2026-014;Systemutveckling",
        "A-03;UH-2026-014;Systemutvekling",
    );
    let run = s.import("calloffs", "bad.csv", &bad);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("Inget har sparats"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Rad 4: kolumnen lot: anbudsområdet ”Systemutvekling”"),
        "{}",
        run.stderr
    );
    assert_eq!(s.json(&[]), json!([]));
    let store = Store::open(&s.db).unwrap();
    assert!(store.calloff(it(&store), "A-01").unwrap().is_none());
    drop(store);

    // Requests too: the good ones are not kept when one names an unknown call-off.
    let run = s.import("calloffs", "c.csv", CALLOFFS);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bad = format!("{REQUESTS}A-99,5566778899,2026-04-02 14:00,,\n");
    let run = s.import("requests", "bad.csv", &bad);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Rad 8: kolumnen calloff"),
        "{}",
        run.stderr
    );
    let store = Store::open(&s.db).unwrap();
    assert!(store.requests_of(it(&store), "A-01").unwrap().is_empty());
}

#[test]
fn malformed_and_unreadable_files_are_refused_with_their_line() {
    let s = Setup::new();
    let mut bytes = CALLOFFS.as_bytes().to_vec();
    let at = CALLOFFS.find("Brådskande").unwrap() + 2;
    bytes[at] = 0xE5; // "å" as Windows-1252 writes it
    bytes[at + 1] = b'x';
    let file = s.dir.path().join("latin1.csv");
    std::fs::write(&file, &bytes).unwrap();
    let run = avtal(
        &s.db,
        &["--lang", "en", "import", "calloffs", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Line 6: column deviation_reason"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);

    let run = s.import(
        "requests",
        "q.csv",
        "calloff,supplier,sent_at,answered_at,answer\n\"A-01,x\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Rad 2: ett citattecken"),
        "{}",
        run.stderr
    );

    let missing = s.dir.path().join("none.csv");
    let run = avtal(&s.db, &["import", "calloffs", missing.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("Kan inte läsa"), "{}", run.stderr);
}

fn manual(store: &Store, calloff: Option<&str>, kind: ManualKind, registered: time::Date) {
    let agreement = store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .unwrap();
    store
        .insert_deviation(&ManualDeviation {
            id: DeviationId::default(),
            agreement: agreement.id,
            calloff: calloff.map(str::to_string),
            supplier: Some(OrgNumber::parse(S2).unwrap()),
            kind,
            registered,
            description: "Levererade tre dagar sent".into(),
            status: DeviationStatus::InProgress,
            measures: String::new(),
            lesson: false,
        })
        .unwrap();
}

#[test]
fn all_adds_deviations_registered_by_hand() {
    let s = Setup::new();
    s.full();
    {
        let store = Store::open(&s.db).unwrap();
        manual(&store, None, ManualKind::Other, date!(2026 - 04 - 01));
        manual(
            &store,
            Some("A-01"),
            ManualKind::LateDelivery,
            date!(2026 - 05 - 05),
        );
    }
    // The plain report is unchanged by them.
    assert_eq!(s.json(&[]), expected());
    let all = s.json(&["--all"]);
    let entries = all.as_array().unwrap();
    let calloffs: Vec<&Value> = entries.iter().map(|e| &e["calloff"]).collect();
    assert_eq!(
        calloffs,
        vec![
            &json!("A-01"),
            &json!("A-02"),
            &json!("A-03"),
            &json!("A-04"),
            &json!("A-05"),
            &Value::Null
        ]
    );
    assert_eq!(
        entries[0],
        json!({"calloff": "A-01", "kinds": ["late_delivery"], "suppliers": [S2], "motivated": false,
               "source": "manual", "id": 2, "status": "in_progress", "registered": "2026-05-05",
               "description": "Levererade tre dagar sent"})
    );
    assert_eq!(
        entries[4],
        json!({"calloff": "A-05", "kinds": ["not_asked", "offer_passed_over"], "suppliers": [S1, S2],
               "motivated": true, "source": "ranking", "id": null, "status": null, "registered": null,
               "description": "Brådskande; rang 2 kunde inte starta"})
    );
    assert_eq!(entries[5]["kinds"], json!(["other"]));
    // Every entry keeps the plain report's keys.
    for e in entries {
        for key in ["calloff", "kinds", "suppliers", "motivated"] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
    }

    let csv = s.report(&["--all", "--format", "csv"]).stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "calloff,kinds,suppliers,motivated,source,id,status,registered,description"
    );
    assert_eq!(
        lines[1],
        "A-01,late_delivery,556074-3089,false,manual,2,in_progress,2026-05-05,Levererade tre dagar sent"
    );
    assert_eq!(
        lines[5],
        "A-05,not_asked|offer_passed_over,556677-8899|556074-3089,true,ranking,,,,Brådskande; rang 2 kunde inte starta"
    );
    assert!(
        lines[6].starts_with(",other,556074-3089,false,manual,1,"),
        "{csv}"
    );

    let table = s.report(&["--all"]).stdout;
    // Every heading and word comes from the catalogue, none shows as its key.
    assert!(!table.contains("cli."), "{table}");
    let en = avtal(
        &s.db,
        &[
            "--lang",
            "en",
            "report",
            "deviations",
            "--agreement",
            "UH-2026-014",
            "--all",
        ],
    );
    assert!(
        !en.stdout.contains("cli.") && en.stdout.contains("in progress"),
        "{}",
        en.stdout
    );
    assert!(
        table.contains("försenad leverans") && table.contains("åtgärdas"),
        "{table}"
    );
}

#[test]
fn csv_and_table_formats_in_both_languages() {
    let s = Setup::new();
    s.full();
    let csv = s.report(&["--format", "csv"]);
    assert_eq!(
        csv.stdout,
        "calloff,kinds,suppliers,motivated\n\
         A-02,not_asked,556677-8899,false\n\
         A-03,offer_passed_over,556677-8899,false\n\
         A-04,not_in_lot,212000-0142,false\n\
         A-05,not_asked|offer_passed_over,556677-8899|556074-3089,true\n"
    );
    let table = s.report(&[]).stdout;
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("Avrop") && lines[0].contains("Motiverad"),
        "{table}"
    );
    assert!(
        lines[5].contains("ej tillfrågad, anbud förbigått") && lines[5].ends_with("ja"),
        "{table}"
    );
    let en = avtal(
        &s.db,
        &[
            "--lang",
            "en",
            "report",
            "deviations",
            "--agreement",
            "UH-2026-014",
        ],
    );
    assert!(
        en.stdout.starts_with("Call-off") && en.stdout.contains("not ranked in the lot"),
        "{}",
        en.stdout
    );
}

#[test]
fn an_unknown_agreement_or_an_empty_report_is_said_in_words() {
    let s = Setup::new();
    let run = s.report(&[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("inga avvikelser"), "{}", run.stdout);
    assert_eq!(
        s.report(&["--format", "csv"]).stdout,
        "calloff,kinds,suppliers,motivated\n"
    );

    let run = avtal(
        &s.db,
        &["report", "deviations", "--agreement", "UH-1999-001"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("Avtalet ”UH-1999-001” finns inte i registret"),
        "{}",
        run.stderr
    );
    let nowhere = s.dir.path().join("none.redb");
    let run = avtal(
        &nowhere,
        &["--lang", "en", "report", "deviations", "--agreement", "X"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("There is no database at"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&nowhere).exists());
    assert_eq!(avtal(&s.db, &["report", "deviations"]).code, 2);
}

/// The id of the agreement every file here names, UH-2026-014.
fn it(store: &Store) -> avtal::domain::AgreementId {
    store
        .agreement_by_reference("UH-2026-014")
        .unwrap()
        .expect("the agreement is imported")
        .id
}

/// Bad input, the rest (issue 14): an escape sequence or a NUL in any cell is refused and
/// echoed written out, never sent to the terminal; a 5 MB cell is not echoed whole; a file
/// of thousands of bad rows lists the first 100 problems and counts the rest.
#[test]
fn control_characters_huge_cells_and_thousands_of_bad_rows_are_told_in_words() {
    let s = Setup::new();
    let header = CALLOFFS.lines().next().unwrap();
    let row = |reference: &str, orderer: &str| {
        format!(
            "{reference};UH-2026-014;Systemutveckling;{orderer};ranking;2026-04-02 09:00;;;;;;;;\r\n"
        )
    };
    let text = format!(
        "{header}\r\n{}{}",
        row("A-01", "Kim \u{1b}[2J\u{1b}[31mröd\u{7}"),
        row("A-02", "Nul\u{0}l")
    );
    let run = s.import("calloffs", "esc.csv", &text);
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "an escape reached the terminal"
    );
    assert!(!run.stderr.contains('\u{0}'));
    assert!(
        run.stderr.contains("Rad 2: kolumnen orderer"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\\u{1b}[2J"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Rad 3: kolumnen orderer"),
        "{}",
        run.stderr
    );

    let huge = "x".repeat(5 * 1024 * 1024);
    let run = s.import(
        "calloffs",
        "huge.csv",
        &format!("{header}\r\n{}", row("A-01", &format!("\u{1b}{huge}"))),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.len() < 4096, "{} bytes echoed", run.stderr.len());
    // Without the escape: refused for its length, with the length in words.
    let run = s.import(
        "calloffs",
        "huge.csv",
        &format!("{header}\r\n{}", row("A-01", &huge)),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cellen är 5\u{a0}120 KiB lång"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 4096, "{} bytes echoed", run.stderr.len());

    let many: String = (0..5000)
        .map(|n| row(&format!("B-{n}"), "Kim").replace("ranking", "kaskad"))
        .collect();
    let run = s.import("calloffs", "many.csv", &format!("{header}\r\n{many}"));
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("kolumnen method").count(),
        100,
        "{}",
        &run.stderr[..500]
    );
    assert!(
        run.stderr.contains("… och 4900 fel till"),
        "{}",
        run.stderr.lines().last().unwrap()
    );
    assert!(run.stderr.contains("(antal: 5000)"));
    assert_eq!(s.json(&[]), json!([]), "nothing was saved");
}

/// Impossible dates (issue 14): a year outside 1900–2199 is refused; a call-off before its
/// agreement started, after it ended, or delivered before it was requested is saved as
/// the orderer's list gives it and told in words.
#[test]
fn impossible_dates_are_refused_or_told() {
    let s = Setup::new();
    let header = CALLOFFS.lines().next().unwrap();
    let text = format!(
        "{header}\r\nA-01;UH-2026-014;Systemutveckling;Kim;ranking;0026-04-02 09:00;;;;;;;;\r\n"
    );
    let run = s.import("calloffs", "year.csv", &text);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("ligger utanför åren 1900–2199"),
        "{}",
        run.stderr
    );

    let text = format!(
        "{header}\r\n\
         A-01;UH-2026-014;Systemutveckling;Kim;ranking;2025-06-02 09:00;;;;;;;;\r\n\
         A-02;UH-2026-014;Systemutveckling;Kim;ranking;2028-06-02 09:00;;;;;;;;\r\n\
         A-03;UH-2026-014;Systemutveckling;Kim;ranking;2026-06-02 09:00;556074-3089;;2026-07-01;2026-05-30;;;;\r\n"
    );
    let run = s.import("calloffs", "dates.csv", &text);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("3 nya avrop"), "{}", run.stdout);
    for needle in [
        "avropet A-01 är beställt före avtalet UH-2026-014 började",
        "avropet A-02 är beställt efter att avtalet UH-2026-014 upphörde",
        "avropet A-03 är levererat före den dag det beställdes",
    ] {
        assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
}

/// Counts in words from the catalogue: one call-off is "1 nytt avrop", many "nya avrop".
#[test]
fn one_calloff_is_counted_in_the_singular() {
    let s = Setup::new();
    let header = CALLOFFS.lines().next().unwrap();
    let text = format!(
        "{header}\r\nA-01;UH-2026-014;Systemutveckling;Kim;ranking;2026-04-02 09:00;;;;;;;;\r\n"
    );
    let run = s.import("calloffs", "one.csv", &text);
    assert!(
        run.stdout.contains("1 nytt avrop och 0 uppdaterade"),
        "{}",
        run.stdout
    );
    let run = avtal(
        &s.db,
        &[
            "--lang",
            "en",
            "import",
            "calloffs",
            s.dir.path().join("one.csv").to_str().unwrap(),
        ],
    );
    assert!(
        run.stdout.contains("0 new call-offs and 1 updated"),
        "{}",
        run.stdout
    );
}
