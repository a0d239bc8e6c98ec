//! The files an office hands over (issue 16): the same call-offs and requests as UTF-8
//! CSV, as Windows-1252 CSV (Excel's "CSV" on Windows), as UTF-16LE tab-separated text
//! (Excel's "Unicode text") and as an `.xlsx` workbook give the same KPIs and deviations;
//! the import says how it read the file, and a refusal names the sheet, row and column.

use crate::cli_support;

use std::path::PathBuf;

use cli_support::{Run, avtal, write};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

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

[[penalties]]
trigger = "late_delivery"
basis = "per_started_week"
rate = "5%"

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "5560743089", "2021005448"]
[[lots]]
name = "Drift"
ranking = ["2120000142"]
"#;

/// A cell as an office would type it: text, an organisation number (a number in a
/// workbook when typed without the hyphen), a moment, a day, or an amount (a number in
/// a workbook, with a decimal comma in CSV).
#[derive(Clone, Copy)]
enum C {
    T(&'static str),
    Org(&'static str),
    At(u16, u8, u8, u16, u8),
    Day(u16, u8, u8),
    N(f64),
    E,
}

use C::*;

const CALLOFF_COLUMNS: &[&str] = &[
    "reference",
    "agreement",
    "lot",
    "orderer",
    "method",
    "requested_at",
    "awarded_supplier",
    "value_sek",
    "delivery_due",
    "delivered_at",
    "consultants",
    "replaced_due_to_complaint",
    "quality",
    "deviation_reason",
];

const AT: C = At(2026, 4, 2, 9, 0);

fn calloffs() -> Vec<Vec<C>> {
    let row = |r, method, supplier, value, due, delivered, quality, reason| {
        vec![
            T(r),
            T("UH-2026-014"),
            T("Systemutveckling"),
            T("Åsa Öberg"),
            T(method),
            AT,
            supplier,
            value,
            due,
            delivered,
            N(2.0),
            N(1.0),
            quality,
            reason,
        ]
    };
    vec![
        row(
            "A-01",
            "ranking",
            Org("5560743089"),
            N(125000.5),
            Day(2026, 5, 1),
            Day(2026, 5, 20),
            N(4.0),
            E,
        ),
        row("A-02", "ranking", Org("5560743089"), E, E, E, E, E),
        row(
            "A-03",
            "ranking",
            Org("5560743089"),
            N(2500.5),
            E,
            E,
            N(2.0),
            E,
        ),
        row("A-04", "ranking", Org("2120000142"), E, E, E, E, E),
        row(
            "A-05",
            "Ranking",
            Org("2021005448"),
            N(80000.0),
            Day(2026, 5, 4),
            Day(2026, 5, 4),
            N(5.0),
            T("Brådskande; rang 2 kunde inte starta, kostnad ≈ 80 000 € – \"akut\""),
        ),
        row("A-06", "competition", Org("2021005448"), E, E, E, E, E),
        row("A-07", "ranking", E, E, E, E, E, E),
    ]
}

const REQUEST_COLUMNS: &[&str] = &["calloff", "supplier", "sent_at", "answered_at", "answer"];

fn requests() -> Vec<Vec<C>> {
    let sent = At(2026, 4, 2, 14, 0);
    vec![
        vec![
            T("A-01"),
            Org("5566778899"),
            sent,
            At(2026, 4, 3, 10, 0),
            T("decline"),
        ],
        vec![
            T("A-01"),
            Org("5560743089"),
            sent,
            At(2026, 4, 3, 11, 30),
            T("offer"),
        ],
        vec![
            T("A-03"),
            Org("5566778899"),
            sent,
            At(2026, 4, 8, 23, 59),
            T("offer"),
        ],
        vec![
            T("A-05"),
            Org("5560743089"),
            sent,
            At(2026, 4, 7, 9, 0),
            T("offer"),
        ],
        vec![T("A-07"), Org("5566778899"), sent, E, E],
    ]
}

/// CSV text with `sep`, cells quoted where they must be, CRLF line ends as Excel writes.
fn csv(columns: &[&str], rows: &[Vec<C>], sep: char) -> String {
    let cell = |c: &C| -> String {
        let text = match *c {
            T(s) => s.to_string(),
            Org(s) => format!("{}-{}", &s[..6], &s[6..]),
            At(y, m, d, h, mi) => format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}"),
            Day(y, m, d) => format!("{y}-{m:02}-{d:02}"),
            N(f) => f.to_string().replace('.', ","),
            E => String::new(),
        };
        if text.contains([sep, '"', ',', '\n']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    };
    let mut out = columns.join(&sep.to_string());
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(cell).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A workbook with a notes sheet first and the table on the sheet named `sheet`,
/// starting one row down: dates as date cells, numbers and org numbers as numbers.
fn xlsx(sheet: &str, columns: &[&str], rows: &[Vec<C>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Anteckningar").unwrap();
    notes
        .write_string(0, 0, "Exporterat från ekonomisystemet")
        .unwrap();
    let moment = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet().set_name(sheet).unwrap();
    for (col, name) in (0u16..).zip(columns) {
        ws.write_string(1, col, *name).unwrap();
    }
    for (r, row) in (2u32..).zip(rows) {
        for (col, c) in (0u16..).zip(row) {
            match *c {
                T(s) => {
                    ws.write_string(r, col, s).unwrap();
                }
                Org(s) => {
                    ws.write_number(r, col, s.parse::<f64>().unwrap()).unwrap();
                }
                At(y, m, d, h, mi) => {
                    let at = ExcelDateTime::from_ymd(y, m, d)
                        .unwrap()
                        .and_hms(h, mi, 0)
                        .unwrap();
                    ws.write_datetime_with_format(r, col, &at, &moment).unwrap();
                }
                Day(y, m, d) => {
                    let at = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    ws.write_datetime_with_format(r, col, &at, &day).unwrap();
                }
                N(f) => {
                    ws.write_number(r, col, f).unwrap();
                }
                E => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    // "≈" has no place in Windows-1252: Excel writes "?" (encoding_rs an HTML entity,
    // so it is put as Excel would first).
    let text = text.replace('≈', "?");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
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

    fn import(&self, what: &str, name: &str, bytes: &[u8]) -> Run {
        let file = self.dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        avtal(
            &self.db,
            &["--lang", "en", "import", what, file.to_str().unwrap()],
        )
    }

    fn imported(&self, what: &str, name: &str, bytes: &[u8]) -> String {
        let run = self.import(what, name, bytes);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        run.stdout
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--agreement", "UH-2026-014", "--format", "json"]);
        let run = avtal(&self.db, &all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    }

    /// What the reports say of the register: KPIs, deviations (with the documented
    /// reasons) and penalties.
    fn reports(&self) -> Vec<Value> {
        vec![
            self.json(&[
                "kpi",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--as-of",
                "2026-06-01 12:00",
            ]),
            self.json(&["deviations", "--all"]),
            self.json(&["penalties", "--as-of", "2026-06-01"]),
        ]
    }
}

/// The call-offs' deviation reason with the one character Windows-1252 cannot hold as
/// Excel writes it, so that the reports compare equal.
fn as_1252(rows: &[Vec<C>]) -> Vec<Vec<C>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    T(s) if s.contains('≈') => {
                        T("Brådskande; rang 2 kunde inte starta, kostnad ? 80 000 € – \"akut\"")
                    }
                    other => *other,
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_same_calloffs_in_every_form_give_the_same_reports() {
    let (calloffs, requests) = (calloffs(), requests());
    let original = Setup::new();
    let out = original.imported(
        "calloffs",
        "avrop.csv",
        csv(CALLOFF_COLUMNS, &calloffs, ';').as_bytes(),
    );
    assert!(
        out.contains("Read as CSV in UTF-8, semicolon-separated."),
        "{out}"
    );
    let out = original.imported(
        "requests",
        "frågor.csv",
        csv(REQUEST_COLUMNS, &requests, ',').as_bytes(),
    );
    assert!(
        out.contains("Read as CSV in UTF-8, comma-separated."),
        "{out}"
    );
    let expected = original.reports();
    // The register is not empty: the comparison means something.
    assert_eq!(expected[1].as_array().unwrap().len(), 4, "{}", expected[1]);
    assert_eq!(expected[2].as_array().unwrap().len(), 1, "{}", expected[2]);

    // Windows-1252, as Excel on Windows saves "CSV": the reason's ≈ becomes "?".
    let s = Setup::new();
    let cp = as_1252(&calloffs);
    let out = s.imported(
        "calloffs",
        "avrop-1252.csv",
        &windows_1252(&csv(CALLOFF_COLUMNS, &calloffs, ';')),
    );
    assert!(
        out.contains(
            "Read as CSV in Windows-1252 (the file's bytes are not UTF-8), semicolon-separated."
        ),
        "{out}"
    );
    s.imported(
        "requests",
        "frågor-1252.csv",
        &windows_1252(&csv(REQUEST_COLUMNS, &requests, ';')),
    );
    let reference = Setup::new();
    reference.imported(
        "calloffs",
        "avrop.csv",
        csv(CALLOFF_COLUMNS, &cp, ';').as_bytes(),
    );
    reference.imported(
        "requests",
        "frågor.csv",
        csv(REQUEST_COLUMNS, &requests, ';').as_bytes(),
    );
    assert_eq!(s.reports(), reference.reports());
    // Apart from the reason's text the figures are the original's.
    let (got, want) = (s.reports(), &expected);
    assert_eq!(got[0], want[0]);
    assert_eq!(got[2], want[2]);

    // UTF-16LE with a BOM, tab-separated: Excel's "Unicode text".
    let s = Setup::new();
    let out = s.imported(
        "calloffs",
        "avrop.txt",
        &utf16le(&csv(CALLOFF_COLUMNS, &calloffs, '\t')),
    );
    assert!(
        out.contains("Read as CSV in UTF-16LE (with a BOM), tab-separated."),
        "{out}"
    );
    s.imported(
        "requests",
        "frågor.txt",
        &utf16le(&csv(REQUEST_COLUMNS, &requests, '\t')),
    );
    assert_eq!(s.reports(), expected);

    // A workbook: the table on its own sheet, date and number cells as Excel keeps them.
    let s = Setup::new();
    let out = s.imported(
        "calloffs",
        "avrop.xlsx",
        &xlsx("calloffs", CALLOFF_COLUMNS, &calloffs),
    );
    assert!(
        out.contains("Read from the sheet calloffs of the workbook."),
        "{out}"
    );
    s.imported(
        "requests",
        "frågor.xlsx",
        &xlsx("Requests", REQUEST_COLUMNS, &requests),
    );
    assert_eq!(s.reports(), expected);
}

#[test]
fn a_refused_sheet_names_the_sheet_row_and_column() {
    let s = Setup::new();
    let mut rows = calloffs();
    rows[2][7] = T("mycket");
    // An organisation number typed as a number, one digit wrong.
    rows[4][6] = N(5560743088.0);
    let run = s.import(
        "calloffs",
        "avrop.xlsx",
        &xlsx("calloffs", CALLOFF_COLUMNS, &rows),
    );
    assert_eq!(run.code, 1);
    let err = &run.stderr;
    assert!(
        err.contains("avrop.xlsx, sheet calloffs, has errors (2). Nothing has been saved."),
        "{err}"
    );
    // The header is on row 2, so the third call-off is on row 5.
    assert!(
        err.contains("Sheet calloffs, line 5: column value_sek: "),
        "{err}"
    );
    assert!(
        err.contains("Sheet calloffs, line 7: column awarded_supplier: ")
            && err.contains("5560743088"),
        "{err}"
    );
    // Nothing was saved.
    let run = avtal(
        &s.db,
        &[
            "report",
            "deviations",
            "--agreement",
            "UH-2026-014",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.stdout.trim(), "[]");

    // In Swedish too.
    let file = s.dir.path().join("avrop.xlsx");
    let run = avtal(&s.db, &["import", "calloffs", file.to_str().unwrap()]);
    assert!(
        run.stderr
            .contains("avrop.xlsx, bladet calloffs, innehåller fel (antal: 2)")
            && run
                .stderr
                .contains("Blad calloffs, rad 5: kolumnen value_sek: "),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_cannot_be_read_are_refused_in_words() {
    let s = Setup::new();
    let good = utf16le(&csv(CALLOFF_COLUMNS, &calloffs(), '\t'));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.txt",
            good[..good.len() - 1].to_vec(),
            "the UTF-16LE text breaks off here",
        ),
        (
            "zip.xlsx",
            b"PK\x03\x04 and then nothing a workbook holds".to_vec(),
            "cannot be read as one",
        ),
        (
            "empty.xlsx",
            {
                let mut book = Workbook::new();
                book.add_worksheet().set_name("calloffs").unwrap();
                book.save_to_buffer().unwrap()
            },
            "The sheet calloffs is empty",
        ),
    ];
    for (name, bytes, says) in cases {
        let run = s.import("calloffs", name, &bytes);
        assert_eq!(run.code, 1, "{name}");
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains("Nothing has been saved"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn supplier_stats_from_a_workbook_with_months_as_dates() {
    let s = Setup::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("supplier_stats").unwrap();
    let month = Format::new().set_num_format("mmm yyyy");
    let columns = [
        "agreement",
        "supplier",
        "month",
        "requests",
        "answered_in_time",
        "consultants",
        "replaced_due_to_complaint",
        "sick_hours",
        "scheduled_hours",
    ];
    for (col, name) in (0u16..).zip(columns) {
        ws.write_string(0, col, name).unwrap();
    }
    ws.write_string(1, 0, "UH-2026-014").unwrap();
    ws.write_number(1, 1, 5566778899.0).unwrap();
    let april = ExcelDateTime::from_ymd(2026, 4, 1).unwrap();
    ws.write_datetime_with_format(1, 2, &april, &month).unwrap();
    for (col, n) in (3u16..).zip([4.0, 3.0, 2.0, 0.0, 7.5, 160.0]) {
        ws.write_number(1, col, n).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let out = s.imported("supplier-stats", "stats.xlsx", &bytes);
    assert!(
        out.contains("Read from the sheet supplier_stats of the workbook."),
        "{out}"
    );
    let kpi = s.json(&[
        "kpi",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-05-01 00:00",
    ]);
    let share = &kpi["suppliers"][0]["sick_leave_share"];
    assert!(
        (share.as_f64().unwrap() - 7.5 / 160.0).abs() < 1e-9,
        "{kpi}"
    );
}

/// A sheet read back as the JSON report's values would be written as text: numbers as
/// Rust writes an f64, dates as `YYYY-MM-DD`, booleans as true/false, empty as "".
fn sheet_text(path: &std::path::Path, sheet: &str) -> (Vec<String>, Vec<Vec<String>>) {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => (*i as f64).to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            let (y, m, d, h, mi, s, _) = d.to_ymd_hms_milli();
            assert_eq!((h, mi, s), (0, 0, 0));
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => panic!("{other:?}"),
    };
    let mut rows = range.rows().map(|r| r.iter().map(text).collect::<Vec<_>>());
    let header = rows.next().unwrap_or_default();
    (header, rows.collect())
}

/// The JSON report's entries as the same text, lists joined with ", ".
fn json_text(value: &Value, keys: &[String]) -> Vec<Vec<String>> {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().unwrap().to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => panic!("{v}"),
    };
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| keys.iter().map(|k| text(&entry[k])).collect())
        .collect()
}

#[test]
fn reports_and_lists_as_workbooks_hold_what_the_json_holds() {
    let s = Setup::new();
    s.imported(
        "calloffs",
        "avrop.csv",
        csv(CALLOFF_COLUMNS, &calloffs(), ';').as_bytes(),
    );
    s.imported(
        "requests",
        "frågor.csv",
        csv(REQUEST_COLUMNS, &requests(), ';').as_bytes(),
    );
    // The demo adds meetings and actions (and an agreement of its own).
    let run = avtal(&s.db, &["demo", "--calloffs", "20"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reference = "UH-2026-014";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["report", "deviations", "--agreement", reference, "--all"],
            "Deviations",
        ),
        (
            vec![
                "report",
                "penalties",
                "--agreement",
                reference,
                "--as-of",
                "2026-06-01",
            ],
            "Penalties",
        ),
        (vec!["list", "agreements"], "Agreements"),
        (vec!["list", "meetings"], "Meetings"),
        (vec!["list", "actions"], "Actions"),
    ];
    for (args, sheet) in cases {
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let run = avtal(&s.db, &json_args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(!json.as_array().unwrap().is_empty(), "{args:?}");

        let out = s.dir.path().join(format!("{sheet}.xlsx"));
        let mut xlsx_args = args.clone();
        xlsx_args.extend(["--format", "xlsx", "--out", out.to_str().unwrap()]);
        let run = avtal(&s.db, &xlsx_args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains(&out.display().to_string()),
            "{}",
            run.stdout
        );

        let (mut header, mut rows) = sheet_text(&out, sheet);
        if sheet == "Penalties" {
            // amount_sek: the amount again in kronor.
            assert_eq!(header.pop().as_deref(), Some("amount_sek"));
            for row in &mut rows {
                let sek: f64 = row.pop().unwrap().parse().unwrap();
                let ore: f64 = row.last().unwrap().parse().unwrap();
                assert_eq!(sek, ore / 100.0);
            }
        }
        assert_eq!(rows, json_text(&json, &header), "{args:?}");
    }

    // A workbook needs a file to go to.
    let run = avtal(
        &s.db,
        &["--lang", "en", "list", "agreements", "--format", "xlsx"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--out"), "{}", run.stderr);
    // Any format may go to --out.
    let out = s.dir.path().join("agreements.csv");
    let run = avtal(
        &s.db,
        &[
            "list",
            "agreements",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("reference,name,start,end")
    );
}
