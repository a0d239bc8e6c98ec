//! `avtal report kpi`, `report penalties` and `import supplier-stats` through the
//! binary, on a hand-built agreement whose every figure is worked out below.

use crate::cli_support;

use std::path::PathBuf;

use cli_support::{Run, avtal, write};
use serde_json::{Value, json};

const S1: &str = "556677-8899";
const S2: &str = "556074-3089";
const S3: &str = "202100-5448";

const AGREEMENT: &str = r#"reference = "UH-2026-020"
name = "IT-konsulter"
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

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "5560743089", "2021005448"]

[[penalties]]
trigger = "late_delivery"
basis = "per_started_week"
rate = "5%"
cap = "15%"
"#;

/// K-01 compliant, delivered on its due date; K-02 not_asked, delivered 5 days late;
/// K-03 not awarded; K-04 a competition, never delivered; K-05 in May, compliant.
const CALLOFFS: &str = "reference;agreement;lot;orderer;method;requested_at;awarded_supplier;value_sek;delivery_due;delivered_at;consultants;replaced_due_to_complaint;quality;deviation_reason\n\
K-01;UH-2026-020;Systemutveckling;Kim;ranking;2026-04-02 09:00;5560743089;100000;2026-04-30;2026-04-30;2;1;4;\n\
K-02;UH-2026-020;Systemutveckling;Kim;ranking;2026-04-02 09:00;5560743089;200000;2026-05-15;2026-05-20;1;0;2;\n\
K-03;UH-2026-020;Systemutveckling;Kim;ranking;2026-04-02 10:00;;;;;;;;\n\
K-04;UH-2026-020;Systemutveckling;Kim;competition;2026-04-20 09:00;5566778899;120000,50;2026-05-01;;3;0;;\n\
K-05;UH-2026-020;Systemutveckling;Kim;ranking;2026-05-04 09:00;5566778899;;;;;;;\n";

/// Sent Thursday 04-02 14:00 with 2 working days: deadline 04-08 23:59:59 (Easter).
/// K-04's request, sent Monday 04-20, had until 04-22 23:59:59 and was answered late.
const REQUESTS: &str = "calloff,supplier,sent_at,answered_at,answer\n\
K-01,5566778899,2026-04-02 14:00,2026-04-03 10:00,decline\n\
K-01,5560743089,2026-04-02 14:00,2026-04-03 11:00,offer\n\
K-02,5560743089,2026-04-02 14:00,2026-04-03 11:00,offer\n\
K-03,5566778899,2026-04-02 14:00,,\n\
K-04,5566778899,2026-04-20 09:00,2026-04-23 09:00,offer\n\
K-05,5566778899,2026-05-04 09:00,2026-05-04 12:00,offer\n";

const STATS_HEADER: &str = "agreement;supplier;month;requests;answered_in_time;consultants;replaced_due_to_complaint;sick_hours;scheduled_hours\n";

fn stats(s1_april_sick: &str) -> String {
    format!(
        "{STATS_HEADER}UH-2026-020;5566778899;2026-04;3;1;3;0;{s1_april_sick};480\n\
         UH-2026-020;5566778899;2026-05;1;1;0;0;0;160\n\
         UH-2026-020;2021005448;2026-04;0;0;0;0;8;160\n"
    )
}

struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("avtal.redb");
        let s = Setup { dir, db };
        s.agreement(AGREEMENT);
        s
    }

    fn agreement(&self, text: &str) {
        let run = self.import("agreement", "a.toml", text);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    fn import(&self, what: &str, name: &str, text: &str) -> Run {
        let file = write(self.dir.path(), name, text);
        avtal(&self.db, &["import", what, file.to_str().unwrap()])
    }

    fn ok(&self, what: &str, text: &str) {
        let run = self.import(what, &format!("{what}.csv"), text);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    fn full(&self) {
        self.ok("calloffs", CALLOFFS);
        self.ok("requests", REQUESTS);
        self.ok("supplier-stats", &stats("12,5"));
    }

    fn run(&self, args: &[&str]) -> Run {
        avtal(&self.db, args)
    }

    fn kpi(&self, from: &str, to: &str, as_of: &str) -> Value {
        let run = self.run(&[
            "report",
            "kpi",
            "--agreement",
            "UH-2026-020",
            "--from",
            from,
            "--to",
            to,
            "--as-of",
            as_of,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    }
}

fn nothing(org: &str, name: &str) -> Value {
    json!({"org_number": org, "name": name, "requests": 0, "answered_in_time": 0,
        "not_answered_in_time": 0, "pending": 0, "answered_in_time_share": null,
        "awarded": 0, "delivered": 0, "on_time": 0, "consultants": 0,
        "replaced_due_to_complaint": 0, "replaced_share": null, "sick_leave_share": null,
        "quality_mean": null})
}

fn with(mut base: Value, changes: Value) -> Value {
    for (k, v) in changes.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

#[test]
fn kpi_for_april_before_and_after_a_deadline() {
    let s = Setup::new();
    s.full();
    // Before K-03's deadline: its request is pending, and so is K-04's (answered late,
    // but its deadline lies after the as-of time).
    let s2 = with(
        nothing(S2, "Kod & Co AB"),
        json!({"requests": 2, "answered_in_time": 2, "answered_in_time_share": 1.0,
            "awarded": 2, "delivered": 2, "on_time": 1, "consultants": 3,
            "replaced_due_to_complaint": 1, "replaced_share": 1.0 / 3.0, "quality_mean": 3.0}),
    );
    let s3 = with(nothing(S3, "Tredje AB"), json!({"sick_leave_share": 0.05}));
    let s1_base = json!({"awarded": 1, "consultants": 3, "replaced_share": 0.0,
        "sick_leave_share": 12.5 / 480.0, "requests": 3, "answered_in_time": 1});
    let early = s.kpi("2026-04-01", "2026-04-30", "2026-04-08 12:00");
    let s1 = with(
        with(nothing(S1, "Konsult AB"), s1_base.clone()),
        json!({"pending": 2, "answered_in_time_share": 1.0}),
    );
    assert_eq!(
        early,
        json!({"agreement": "UH-2026-020", "from": "2026-04-01", "to": "2026-04-30",
            "as_of": "2026-04-08 12:00",
            "ranking": {"ranking_calloffs": 2, "compliant": 1, "deviations": 1, "compliance_share": 0.5},
            "suppliers": [s1, s2, s3]})
    );
    // Once both deadlines have passed, the two pending requests are not answered in time.
    let late = s.kpi("2026-04-01", "2026-04-30", "2026-04-30 17:00");
    let s1 = with(
        with(nothing(S1, "Konsult AB"), s1_base),
        json!({"not_answered_in_time": 2, "answered_in_time_share": 1.0 / 3.0}),
    );
    assert_eq!(late["suppliers"][0], s1);
    assert_eq!(late["suppliers"][1], s2);
    assert_eq!(late["as_of"], "2026-04-30 17:00");
}

#[test]
fn kpi_for_may_and_csv() {
    let s = Setup::new();
    s.full();
    let may = s.kpi("2026-05-01", "2026-05-31", "2026-06-01 08:00");
    assert_eq!(
        may["ranking"],
        json!({"ranking_calloffs": 1, "compliant": 1, "deviations": 0, "compliance_share": 1.0})
    );
    let s1 = with(
        nothing(S1, "Konsult AB"),
        json!({"requests": 1, "answered_in_time": 1, "answered_in_time_share": 1.0,
            "awarded": 1, "sick_leave_share": 0.0}),
    );
    assert_eq!(
        may["suppliers"],
        json!([s1, nothing(S2, "Kod & Co AB"), nothing(S3, "Tredje AB")])
    );

    let run = s.run(&[
        "report",
        "kpi",
        "--agreement",
        "UH-2026-020",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-04-30 17:00",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "org_number,name,requests,answered_in_time,not_answered_in_time,pending,answered_in_time_share,awarded,delivered,on_time,consultants,replaced_due_to_complaint,replaced_share,sick_leave_share,quality_mean"
    );
    assert_eq!(
        lines[2],
        "556074-3089,Kod & Co AB,2,2,0,0,1,2,2,1,3,1,0.3333333333333333,,3"
    );
    assert_eq!(lines.len(), 4);
}

#[test]
fn kpi_refuses_bad_options() {
    let s = Setup::new();
    let kpi = |from: &str, to: &str, as_of: &str, extra: &[&str]| {
        let mut args = vec![
            "report",
            "kpi",
            "--agreement",
            "UH-2026-020",
            "--from",
            from,
            "--to",
            to,
            "--as-of",
            as_of,
        ];
        args.extend_from_slice(extra);
        s.run(&args)
    };
    let run = kpi("2026-04-31", "2026-05-01", "2026-05-01 10:00", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("--from: ”2026-04-31”"),
        "{}",
        run.stderr
    );
    let run = kpi("2026-05-01", "2026-04-01", "2026-05-01 10:00", &[]);
    assert!(run.stderr.contains("ligger efter"), "{}", run.stderr);
    let run = kpi("2026-04-01", "2026-05-01", "2026-05-01", &[]);
    assert!(run.stderr.contains("--as-of"), "{}", run.stderr);
    let run = kpi(
        "2026-04-01",
        "2026-05-01",
        "2026-05-01 10:00",
        &["--format", "xlsx"],
    );
    assert!(run.stderr.contains("--out"), "{}", run.stderr);
    let run = s.run(&[
        "report",
        "kpi",
        "--agreement",
        "UH-0",
        "--from",
        "2026-04-01",
        "--to",
        "2026-05-01",
        "--as-of",
        "2026-05-01 10:00",
    ]);
    assert!(run.stderr.contains("UH-0"), "{}", run.stderr);
}

#[test]
fn kpi_as_a_spreadsheet_reads_back() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let s = Setup::new();
    s.full();
    let out = s.dir.path().join("kpi.xlsx");
    let run = s.run(&[
        "report",
        "kpi",
        "--agreement",
        "UH-2026-020",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-04-30 17:00",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let kpi = book.worksheet_range("KPI").unwrap();
    assert_eq!(kpi.get_size(), (4, 15));
    let at = |r: usize, c: usize| kpi.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("org_number".into()));
    assert_eq!(at(0, 14), Data::String("quality_mean".into()));
    assert_eq!(at(2, 0), Data::String(S2.into()));
    assert_eq!(at(2, 2), Data::Float(2.0));
    assert_eq!(at(2, 12), Data::Float(1.0 / 3.0));
    assert_eq!(at(2, 13), Data::Empty);
    assert_eq!(at(1, 6), Data::Float(1.0 / 3.0));
    assert_eq!(at(3, 13), Data::Float(0.05));
    let ranking = book.worksheet_range("Ranking").unwrap();
    let at = |r: usize, c: usize| ranking.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 1), Data::String("UH-2026-020".into()));
    assert_eq!(at(4, 0), Data::String("ranking_calloffs".into()));
    assert_eq!(at(4, 1), Data::Float(2.0));
    assert_eq!(at(7, 1), Data::Float(0.5));
}

#[test]
fn supplier_stats_errors_and_reimport() {
    let s = Setup::new();
    let bad = format!(
        "{STATS_HEADER}UH-9;5566778899;2026-04;1;1;0;0;0;1\n\
         UH-2026-020;556677-8899;2026-04;3;1;3;0;12,5;480\n\
         UH-2026-020;212000-0142;2026-4;-1;0;0;0;0;1\n\
         UH-2026-020;5566778899;2026-05;2;3;0;0;9;8\n"
    );
    let run = s.import("supplier-stats", "bad.csv", &bad);
    assert_eq!(run.code, 1);
    for needle in [
        "Rad 2: kolumnen agreement",
        "Rad 4: kolumnen supplier",
        "Rad 4: kolumnen month",
        "Rad 4: kolumnen requests",
        "Rad 5: kolumnen answered_in_time",
        "Rad 5: kolumnen sick_hours",
        "Inget har sparats",
    ] {
        assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("Rad 3"), "{}", run.stderr);
    // Nothing was saved: no sick leave yet.
    let kpi = s.kpi("2026-04-01", "2026-04-30", "2026-04-30 17:00");
    assert_eq!(kpi["suppliers"][0]["sick_leave_share"], Value::Null);

    s.ok("supplier-stats", &stats("48"));
    let kpi = s.kpi("2026-04-01", "2026-04-30", "2026-04-30 17:00");
    assert_eq!(kpi["suppliers"][0]["sick_leave_share"], json!(0.1));
    // A corrected report replaces the month.
    let run = s.import("supplier-stats", "again.csv", &stats("12.5"));
    assert!(
        run.stdout
            .contains("0 nya rapporterade månader och 3 uppdaterade"),
        "{}",
        run.stdout
    );
    let kpi = s.kpi("2026-04-01", "2026-04-30", "2026-04-30 17:00");
    assert_eq!(kpi["suppliers"][0]["sick_leave_share"], json!(12.5 / 480.0));
}

fn penalties(s: &Setup, reference: &str, as_of: &str) -> Value {
    let run = s.run(&[
        "report",
        "penalties",
        "--agreement",
        reference,
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

const SMALL: &str = r#"name = "Drift"
start = 2026-01-01
end = 2027-12-31
response_time = "24 hours"

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"

[[lots]]
name = "Drift"
ranking = ["5566778899"]
"#;

#[test]
fn penalties_on_each_basis() {
    let s = Setup::new();
    s.full();
    // Per started week, 5 % capped at 15 %: K-02 is 5 days late (1 week of 200 000 kr);
    // K-04 is undelivered, 60 days late at 06-30: 9 weeks, capped at 15 % of 120 000,50 kr
    // = 18 000,075 kr, rounded half up once.
    assert_eq!(
        penalties(&s, "UH-2026-020", "2026-06-30"),
        json!([
            {"calloff": "K-02", "supplier": S2, "delay_days": 5, "units": 1, "amount_ore": 1_000_000},
            {"calloff": "K-04", "supplier": S1, "delay_days": 60, "units": 9, "amount_ore": 1_800_008},
        ])
    );
    // At 05-10 K-02 is not due yet (its later delivery had not happened), and K-04 is
    // 9 days late: 2 started weeks, 10 % of 120 000,50 kr.
    assert_eq!(
        penalties(&s, "UH-2026-020", "2026-05-10"),
        json!([{"calloff": "K-04", "supplier": S1, "delay_days": 9, "units": 2, "amount_ore": 1_200_005}])
    );

    // Per day, 1 000 kr capped at 2 500 kr; a second term is not applied.
    s.agreement(&format!(
        "reference = \"UH-2026-021\"\n{SMALL}\n[[penalties]]\ntrigger = \"late_delivery\"\nbasis = \"per_day\"\nrate = \"1000 kr\"\ncap = \"2500 kr\"\n\n[[penalties]]\ntrigger = \"late_delivery\"\nbasis = \"per_started_week\"\nrate = \"50%\"\n"
    ));
    // Per working day, 500 kr: over Easter and over Midsummer.
    s.agreement(&format!(
        "reference = \"UH-2026-022\"\n{SMALL}\n[[penalties]]\ntrigger = \"late_delivery\"\nbasis = \"per_working_day\"\nrate = \"500 kr\"\n"
    ));
    s.ok(
        "calloffs",
        "reference,agreement,lot,orderer,method,requested_at,awarded_supplier,value_sek,delivery_due,delivered_at,consultants,replaced_due_to_complaint,quality,deviation_reason\n\
         P-01,UH-2026-021,Drift,,competition,2026-03-01 09:00,5566778899,,2026-04-01,2026-04-03,,,,\n\
         P-02,UH-2026-021,Drift,,competition,2026-03-01 09:00,5566778899,,2026-04-01,2026-04-10,,,,\n\
         P-03,UH-2026-021,Drift,,competition,2026-03-01 09:00,5566778899,,2026-04-01,2026-04-01,,,,\n\
         W-01,UH-2026-022,Drift,,competition,2026-03-01 09:00,5566778899,,2026-04-02,2026-04-08,,,,\n\
         W-02,UH-2026-022,Drift,,competition,2026-03-01 09:00,5566778899,,2026-06-18,,,,,\n\
         W-03,UH-2026-022,Drift,,competition,2026-03-01 09:00,5566778899,,2026-06-18,2026-06-21,,,,\n",
    );
    assert_eq!(
        penalties(&s, "UH-2026-021", "2026-06-22"),
        json!([
            {"calloff": "P-01", "supplier": S1, "delay_days": 2, "units": 2, "amount_ore": 200_000},
            {"calloff": "P-02", "supplier": S1, "delay_days": 9, "units": 9, "amount_ore": 250_000},
        ])
    );
    // W-01: Good Friday, the weekend and Easter Monday leave 2 working days of 6.
    // W-02: Midsummer Eve, Midsummer Day and Sunday leave Monday 06-22 alone.
    // W-03: delivered on the Sunday after: late, but no working day, so nothing owed.
    assert_eq!(
        penalties(&s, "UH-2026-022", "2026-06-22"),
        json!([
            {"calloff": "W-01", "supplier": S1, "delay_days": 6, "units": 2, "amount_ore": 100_000},
            {"calloff": "W-02", "supplier": S1, "delay_days": 4, "units": 1, "amount_ore": 50_000},
        ])
    );
    let run = s.run(&[
        "report",
        "penalties",
        "--agreement",
        "UH-2026-022",
        "--as-of",
        "2026-06-22",
        "--format",
        "csv",
    ]);
    assert_eq!(
        run.stdout,
        "calloff,supplier,delay_days,units,amount_ore\nW-01,556677-8899,6,2,100000\nW-02,556677-8899,4,1,50000\n"
    );
}

#[test]
fn tables_in_english_and_swedish() {
    let s = Setup::new();
    s.full();
    let run = s.run(&[
        "--lang",
        "en",
        "report",
        "penalties",
        "--agreement",
        "UH-2026-020",
        "--as-of",
        "2026-06-30",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Amount (SEK)"), "{}", run.stdout);
    // English writes amounts with a decimal point and comma groups, like the English screens.
    assert!(run.stdout.contains("18,000.08"), "{}", run.stdout);
    let run = s.run(&[
        "--lang",
        "en",
        "report",
        "kpi",
        "--agreement",
        "UH-2026-020",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-04-30 17:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Share answered in time"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("33.3 %"), "{}", run.stdout);
    assert!(
        run.stdout.contains("compliance share: 50.0 %"),
        "{}",
        run.stdout
    );
    let run = s.run(&[
        "report",
        "kpi",
        "--agreement",
        "UH-2026-020",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-04-30 17:00",
    ]);
    assert!(
        run.stdout.contains("Andel besvarade i tid"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("33,3 %"), "{}", run.stdout);
    let run = s.run(&[
        "report",
        "penalties",
        "--agreement",
        "UH-2026-020",
        "--as-of",
        "2026-04-01",
    ]);
    assert!(run.stdout.contains("inga viten"), "{}", run.stdout);
}
