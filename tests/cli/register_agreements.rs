//! One register, many agreements (DESIGN §6: a call-off is identified by its agreement
//! and its reference). Three agreements whose call-off files share references
//! (`AV-0001`…), with different suppliers, lots, response times and penalty terms, are
//! imported through the binary into one database in every order. Each agreement's
//! `report kpi`, `report deviations --all` and `report penalties` must then be byte for
//! byte those of a database holding that agreement alone, and its figures those of an
//! independent reading of DESIGN §4–5 written at the end of this file.
//!
//! Every date lies in 2026, whose Swedish holidays are listed here by hand.

use crate::cli_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cli_support::{Run, avtal, write};
use serde_json::Value;
use time::macros::format_description;
use time::{Date, Duration, PrimitiveDateTime, Time, Weekday};

const S1: &str = "556677-8899";
const S2: &str = "556074-3089";
const S3: &str = "202100-5448";
const S4: &str = "212000-0142";
const S5: &str = "556559-4230";

const A: &str = "UH-2026-101";
const B: &str = "UH-2026-102";
const C: &str = "UH-2026-103";

/// The KPI period and as-of time, and the as-of date of the penalties.
const FROM: &str = "2026-03-09";
const TO: &str = "2026-06-15";
const AS_OF: &str = "2026-06-15 12:00";
const PENALTY_AS_OF: &str = "2026-06-30";

// ---------------------------------------------------------------------------------
// The register, as data: files are written from it and the figures computed from it.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Method {
    Ranking,
    Competition,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    Offer,
    Decline,
}

#[derive(Debug, Clone, Copy)]
enum Response {
    Hours(i64),
    WorkingDays(u32),
}

/// What a penalty is counted in (`per_day`, `per_started_week`, `per_working_day`).
#[derive(Debug, Clone, Copy)]
enum Basis {
    Days,
    StartedWeeks,
    WorkingDays,
}

#[derive(Debug, Clone, Copy)]
enum Rate {
    /// A fixed amount in öre.
    Kronor(i64),
    /// Hundredths of a percent of the call-off value: 2,5 % is 250.
    Percent(i64),
}

struct Penalty {
    basis: Basis,
    rate: Rate,
    cap: Option<Rate>,
}

struct Agreement {
    reference: &'static str,
    name: &'static str,
    response: Response,
    suppliers: Vec<(&'static str, &'static str)>,
    lots: Vec<(&'static str, Vec<&'static str>)>,
    penalty: Penalty,
    calloffs: Vec<CallOff>,
    requests: Vec<Request>,
    /// The separator of its call-offs file (both are detected).
    separator: char,
}

struct CallOff {
    reference: &'static str,
    lot: &'static str,
    method: Method,
    requested_at: &'static str,
    awarded: Option<&'static str>,
    value_ore: Option<i64>,
    due: Option<&'static str>,
    delivered: Option<&'static str>,
    consultants: u32,
    replaced: u32,
    quality: Option<u8>,
    reason: Option<&'static str>,
}

struct Request {
    calloff: &'static str,
    supplier: &'static str,
    sent_at: &'static str,
    answer: Option<(&'static str, Answer)>,
}

fn co(
    reference: &'static str,
    lot: &'static str,
    method: Method,
    requested_at: &'static str,
    awarded: Option<&'static str>,
) -> CallOff {
    CallOff {
        reference,
        lot,
        method,
        requested_at,
        awarded,
        value_ore: None,
        due: None,
        delivered: None,
        consultants: 0,
        replaced: 0,
        quality: None,
        reason: None,
    }
}

impl CallOff {
    fn value(mut self, ore: i64) -> CallOff {
        self.value_ore = Some(ore);
        self
    }
    fn due(mut self, day: &'static str) -> CallOff {
        self.due = Some(day);
        self
    }
    fn delivered(mut self, day: &'static str) -> CallOff {
        self.delivered = Some(day);
        self
    }
    fn staff(mut self, consultants: u32, replaced: u32) -> CallOff {
        self.consultants = consultants;
        self.replaced = replaced;
        self
    }
    fn quality(mut self, q: u8) -> CallOff {
        self.quality = Some(q);
        self
    }
    fn reason(mut self, reason: &'static str) -> CallOff {
        self.reason = Some(reason);
        self
    }
}

fn rq(
    calloff: &'static str,
    supplier: &'static str,
    sent_at: &'static str,
    answer: Option<(&'static str, Answer)>,
) -> Request {
    Request {
        calloff,
        supplier,
        sent_at,
        answer,
    }
}

fn offer(at: &'static str) -> Option<(&'static str, Answer)> {
    Some((at, Answer::Offer))
}

fn decline(at: &'static str) -> Option<(&'static str, Answer)> {
    Some((at, Answer::Decline))
}

use Method::{Competition as COMP, Ranking as RANK};

/// UH-2026-101's main lot.
const DEV: &str = "Systemutveckling";

/// IT consultants: 2 working days, penalty per started week, 5 % capped at 15 %.
fn agreement_a() -> Agreement {
    Agreement {
        reference: A,
        name: "IT-konsulter 2026",
        response: Response::WorkingDays(2),
        suppliers: vec![(S1, "Konsult AB"), (S2, "Kod & Co AB"), (S3, "Tredje AB")],
        lots: vec![(DEV, vec![S1, S2, S3]), ("Test", vec![S2, S3])],
        penalty: Penalty {
            basis: Basis::StartedWeeks,
            rate: Rate::Percent(500),
            cap: Some(Rate::Percent(1500)),
        },
        calloffs: vec![
            // Compliant, delivered on its due date.
            co("AV-0001", DEV, RANK, "2026-03-30 09:00", Some(S2))
                .value(25_000_000)
                .due("2026-04-30")
                .delivered("2026-04-30")
                .staff(2, 0)
                .quality(4),
            // Rank 1 answered late, rank 2 never asked: not_asked. 12 days late.
            co("AV-0002", DEV, RANK, "2026-04-02 09:00", Some(S3))
                .value(18_000_005)
                .due("2026-05-15")
                .delivered("2026-05-27")
                .staff(1, 1)
                .quality(2),
            // Rank 1 offered at the last minute and was passed over, with a reason.
            co("AV-0003", DEV, RANK, "2026-04-20 09:00", Some(S2))
                .value(9_500_000)
                .due("2026-05-29")
                .reason("Rang 1 kunde inte starta förrän i augusti")
                .staff(1, 0),
            // Awarded to a supplier not ranked in the lot; no value.
            co("AV-0004", "Test", RANK, "2026-05-04 09:00", Some(S1))
                .due("2026-05-20")
                .delivered("2026-05-19")
                .staff(1, 0)
                .quality(5),
            // Renewed competition, two days late.
            co("AV-0005", DEV, COMP, "2026-05-11 09:00", Some(S3))
                .value(40_000_000)
                .due("2026-06-01")
                .delivered("2026-06-03")
                .staff(3, 0)
                .quality(3),
            // Not awarded: its request is pending at the as-of time.
            co("AV-0006", DEV, RANK, "2026-06-12 09:00", None),
            // Before the period: compliant, 10 days late.
            co("AV-0007", DEV, RANK, "2026-03-02 09:00", Some(S3))
                .value(12_000_000)
                .due("2026-03-31")
                .delivered("2026-04-10")
                .staff(1, 0),
            // Rank 1 of the lot declined late: the cascade passes; undelivered past due.
            co("AV-0008", "Test", RANK, "2026-05-25 09:00", Some(S3))
                .value(6_000_000)
                .due("2026-06-10"),
            // A reference of this agreement alone.
            co("IT-0009", DEV, RANK, "2026-06-01 09:00", Some(S1))
                .value(7_500_000)
                .due("2026-06-26")
                .delivered("2026-06-26")
                .staff(1, 0),
        ],
        requests: vec![
            rq(
                "AV-0001",
                S1,
                "2026-03-30 10:00",
                decline("2026-03-31 09:00"),
            ),
            rq("AV-0001", S2, "2026-03-31 10:00", offer("2026-04-01 16:00")),
            // Sent Thursday before Easter: the deadline is 04-08 23:59:59.
            rq("AV-0002", S1, "2026-04-02 14:00", offer("2026-04-09 08:00")),
            rq("AV-0003", S1, "2026-04-20 10:00", offer("2026-04-22 23:59")),
            rq("AV-0003", S2, "2026-04-20 10:00", offer("2026-04-21 09:00")),
            rq("AV-0004", S2, "2026-05-04 10:00", None),
            rq(
                "AV-0005",
                S1,
                "2026-05-11 10:00",
                decline("2026-05-12 09:00"),
            ),
            rq("AV-0005", S2, "2026-05-11 10:00", offer("2026-05-12 15:00")),
            rq("AV-0005", S3, "2026-05-11 10:00", offer("2026-05-13 10:00")),
            rq("AV-0006", S1, "2026-06-12 10:00", None),
            rq(
                "AV-0007",
                S1,
                "2026-03-02 10:00",
                decline("2026-03-02 11:00"),
            ),
            rq(
                "AV-0007",
                S2,
                "2026-03-02 12:00",
                decline("2026-03-03 09:00"),
            ),
            rq(
                "AV-0008",
                S2,
                "2026-05-25 10:00",
                decline("2026-05-28 08:00"),
            ),
            rq("IT-0009", S1, "2026-06-01 10:00", offer("2026-06-02 09:00")),
        ],
        separator: ';',
    }
}

/// Management consultants: 24 hours, penalty per day, 1 500 kr capped at 10 000 kr.
fn agreement_b() -> Agreement {
    Agreement {
        reference: B,
        name: "Managementkonsulter",
        response: Response::Hours(24),
        suppliers: vec![(S3, "Tredje AB"), (S2, "Kod & Co AB"), (S4, "Drift AB")],
        lots: vec![("Strategi", vec![S3, S4, S2])],
        penalty: Penalty {
            basis: Basis::Days,
            rate: Rate::Kronor(150_000),
            cap: Some(Rate::Kronor(1_000_000)),
        },
        calloffs: vec![
            // Rank 1 offered exactly at its deadline and was passed over. 3 days late.
            co("AV-0001", "Strategi", RANK, "2026-03-16 09:00", Some(S4))
                .value(30_000_000)
                .due("2026-04-15")
                .delivered("2026-04-18")
                .staff(2, 1)
                .quality(3),
            // Compliant and early.
            co("AV-0002", "Strategi", RANK, "2026-04-07 09:00", Some(S3))
                .value(15_000_000)
                .due("2026-05-05")
                .delivered("2026-05-04")
                .staff(1, 0)
                .quality(5),
            // Rank 2 never asked, motivated; 10 days late, capped.
            co("AV-0003", "Strategi", RANK, "2026-04-14 09:00", Some(S2))
                .value(22_000_000)
                .due("2026-05-12")
                .delivered("2026-05-22")
                .reason("Rang 2 saknade kompetens inom upphandlingsrätt")
                .staff(1, 0)
                .quality(4),
            co("AV-0004", "Strategi", COMP, "2026-04-28 09:00", Some(S4))
                .value(50_000_000)
                .due("2026-05-29")
                .delivered("2026-05-27")
                .staff(4, 0)
                .quality(4),
            // Both kinds: rank 1 passed over, rank 2 not asked. Undelivered past due.
            co("AV-0005", "Strategi", RANK, "2026-05-18 09:00", Some(S2))
                .value(8_000_000)
                .due("2026-06-05"),
            co("AV-0006", "Strategi", RANK, "2026-06-15 08:00", None),
            co("AV-0007", "Strategi", RANK, "2026-06-01 09:00", Some(S3))
                .value(4_000_000)
                .due("2026-06-20")
                .delivered("2026-06-22")
                .staff(1, 0),
            // Before the period: rank 1 never asked.
            co("AV-0008", "Strategi", RANK, "2026-03-03 09:00", Some(S4))
                .value(1_000_000)
                .due("2026-03-20")
                .delivered("2026-03-23"),
        ],
        requests: vec![
            rq("AV-0001", S3, "2026-03-16 10:00", offer("2026-03-17 10:00")),
            // The same call-off reference, supplier and minute as a request of UH-2026-101.
            rq(
                "AV-0001",
                S2,
                "2026-03-31 10:00",
                decline("2026-04-02 09:00"),
            ),
            rq("AV-0002", S3, "2026-04-07 10:00", offer("2026-04-07 15:00")),
            // Ranked below the award here; UH-2026-101 never asked this supplier for
            // its own AV-0002.
            rq("AV-0002", S2, "2026-04-07 10:00", offer("2026-04-07 11:00")),
            rq(
                "AV-0003",
                S3,
                "2026-04-14 09:30",
                decline("2026-04-14 12:00"),
            ),
            rq("AV-0004", S3, "2026-04-28 10:00", offer("2026-04-29 11:00")),
            rq("AV-0004", S4, "2026-04-28 10:00", offer("2026-04-28 16:00")),
            rq("AV-0005", S3, "2026-05-18 10:00", offer("2026-05-19 09:00")),
            rq("AV-0006", S3, "2026-06-15 09:00", None),
            rq("AV-0007", S3, "2026-06-01 10:00", offer("2026-06-01 11:00")),
            rq("AV-0008", S4, "2026-03-03 10:00", offer("2026-03-03 12:00")),
        ],
        separator: ',',
    }
}

/// Operations: 3 working days, penalty per working day, 2,5 % capped at 10 %.
fn agreement_c() -> Agreement {
    Agreement {
        reference: C,
        name: "Drift och support",
        response: Response::WorkingDays(3),
        suppliers: vec![(S4, "Drift AB"), (S5, "Femte AB"), (S1, "Konsult AB")],
        lots: vec![("Drift", vec![S4, S5, S1]), ("Support", vec![S5, S1])],
        penalty: Penalty {
            basis: Basis::WorkingDays,
            rate: Rate::Percent(250),
            cap: Some(Rate::Percent(1000)),
        },
        calloffs: vec![
            // Rank 1 offered in time over Easter and was passed over, motivated.
            co("AV-0001", "Drift", RANK, "2026-03-31 09:00", Some(S5))
                .value(20_000_000)
                .due("2026-04-30")
                .delivered("2026-05-05")
                .reason("Brådskande driftstörning")
                .staff(2, 0)
                .quality(4),
            // Compliant; late over Ascension Day; a half öre rounded up.
            co("AV-0002", "Drift", RANK, "2026-04-13 09:00", Some(S4))
                .value(9_999_970)
                .due("2026-05-13")
                .delivered("2026-05-18")
                .staff(1, 0)
                .quality(3),
            // Compliant; undelivered past due, capped.
            co("AV-0003", "Support", RANK, "2026-04-20 09:00", Some(S1))
                .value(30_000_000)
                .due("2026-05-29")
                .staff(2, 1),
            // Rank 1 never answered, rank 2 never asked.
            co("AV-0004", "Drift", RANK, "2026-05-05 09:00", Some(S1)),
            // Competition, late over Midsummer Eve.
            co("AV-0005", "Support", COMP, "2026-05-20 09:00", Some(S5))
                .value(12_000_000)
                .due("2026-06-17")
                .delivered("2026-06-22")
                .staff(1, 0)
                .quality(5),
            co("AV-0006", "Drift", RANK, "2026-06-11 09:00", None),
            co("DR-0010", "Drift", RANK, "2026-06-08 09:00", Some(S4))
                .value(5_000_000)
                .due("2026-06-18")
                .delivered("2026-06-18")
                .staff(1, 0),
        ],
        requests: vec![
            rq("AV-0001", S4, "2026-03-31 10:00", offer("2026-04-07 09:00")),
            rq("AV-0002", S4, "2026-04-13 10:00", offer("2026-04-14 10:00")),
            rq(
                "AV-0003",
                S5,
                "2026-04-20 10:00",
                decline("2026-04-21 09:00"),
            ),
            // The same call-off reference, supplier and minute as a request of UH-2026-101.
            rq("AV-0003", S1, "2026-04-20 10:00", offer("2026-04-21 12:00")),
            rq("AV-0004", S4, "2026-05-05 10:00", None),
            rq("AV-0005", S5, "2026-05-20 10:00", offer("2026-05-22 10:00")),
            rq(
                "AV-0005",
                S1,
                "2026-05-20 10:00",
                decline("2026-05-26 08:00"),
            ),
            rq("AV-0006", S4, "2026-06-11 10:00", None),
            rq(
                "AV-0006",
                S5,
                "2026-06-11 10:00",
                decline("2026-06-12 09:00"),
            ),
            rq("DR-0010", S4, "2026-06-08 10:00", offer("2026-06-09 09:00")),
        ],
        separator: ';',
    }
}

fn register() -> [Agreement; 3] {
    [agreement_a(), agreement_b(), agreement_c()]
}

// ---------------------------------------------------------------------------------
// The files.

fn rate_text(rate: Rate) -> String {
    match rate {
        Rate::Kronor(ore) if ore % 100 == 0 => format!("{} kr", ore / 100),
        Rate::Kronor(ore) => format!("{},{:02} kr", ore / 100, ore % 100),
        Rate::Percent(h) if h % 100 == 0 => format!("{}%", h / 100),
        Rate::Percent(h) => {
            let decimals = format!("{:02}", h % 100);
            format!("{},{}%", h / 100, decimals.trim_end_matches('0'))
        }
    }
}

fn toml(a: &Agreement) -> String {
    let response = match a.response {
        Response::Hours(n) => format!("{n} hours"),
        Response::WorkingDays(n) => format!("{n} working days"),
    };
    let mut out = format!(
        "reference = \"{}\"\nname = \"{}\"\nstart = 2026-01-01\nend = 2027-12-31\n\
         response_time = \"{response}\"\npriority = 1\n",
        a.reference, a.name
    );
    for (i, (org, name)) in a.suppliers.iter().enumerate() {
        // With and without the hyphen.
        let org = if i % 2 == 0 {
            org.to_string()
        } else {
            org.replace('-', "")
        };
        out.push_str(&format!(
            "\n[[suppliers]]\norg_number = \"{org}\"\nname = \"{name}\"\n"
        ));
    }
    for (name, ranking) in &a.lots {
        let ranking: Vec<String> = ranking.iter().map(|o| format!("\"{o}\"")).collect();
        out.push_str(&format!(
            "\n[[lots]]\nname = \"{name}\"\nranking = [{}]\n",
            ranking.join(", ")
        ));
    }
    let basis = match a.penalty.basis {
        Basis::Days => "per_day",
        Basis::StartedWeeks => "per_started_week",
        Basis::WorkingDays => "per_working_day",
    };
    out.push_str(&format!(
        "\n[[penalties]]\ntrigger = \"late_delivery\"\nbasis = \"{basis}\"\nrate = \"{}\"\n",
        rate_text(a.penalty.rate)
    ));
    if let Some(cap) = a.penalty.cap {
        out.push_str(&format!("cap = \"{}\"\n", rate_text(cap)));
    }
    out
}

fn calloffs_csv(a: &Agreement) -> String {
    let sep = a.separator;
    let header = [
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
    let mut out = header.join(&sep.to_string());
    out.push('\n');
    for c in &a.calloffs {
        // A decimal comma where commas do not separate, a point where they do.
        let point = if sep == ',' { '.' } else { ',' };
        let cells = [
            c.reference.to_string(),
            a.reference.to_string(),
            c.lot.to_string(),
            "Olle Beställare".to_string(),
            match c.method {
                Method::Ranking => "ranking".into(),
                Method::Competition => "competition".into(),
            },
            c.requested_at.to_string(),
            c.awarded.map(|o| o.replace('-', "")).unwrap_or_default(),
            c.value_ore
                .map(|v| format!("{}{point}{:02}", v / 100, v % 100))
                .unwrap_or_default(),
            c.due.unwrap_or_default().to_string(),
            c.delivered.unwrap_or_default().to_string(),
            c.consultants.to_string(),
            c.replaced.to_string(),
            c.quality.map(|q| q.to_string()).unwrap_or_default(),
            c.reason.unwrap_or_default().to_string(),
        ];
        out.push_str(&cells.join(&sep.to_string()));
        out.push('\n');
    }
    out
}

/// The requests file; with `agreement`, the optional last column naming the agreement.
fn requests_csv(a: &Agreement, with_agreement: bool) -> String {
    let mut out = String::from("calloff,supplier,sent_at,answered_at,answer");
    if with_agreement {
        out.push_str(",agreement");
    }
    out.push('\n');
    for r in &a.requests {
        let (at, answer) = match r.answer {
            Some((at, Answer::Offer)) => (at, "offer"),
            Some((at, Answer::Decline)) => (at, "decline"),
            None => ("", ""),
        };
        out.push_str(&format!(
            "{},{},{},{at},{answer}",
            r.calloff, r.supplier, r.sent_at
        ));
        if with_agreement {
            out.push(',');
            out.push_str(a.reference);
        }
        out.push('\n');
    }
    out
}

struct Files {
    agreement: PathBuf,
    calloffs: PathBuf,
    requests: PathBuf,
}

fn files(dir: &Path, a: &Agreement) -> Files {
    Files {
        agreement: write(dir, &format!("{}.toml", a.reference), &toml(a)),
        calloffs: write(dir, &format!("{}-avrop.csv", a.reference), &calloffs_csv(a)),
        requests: write(
            dir,
            &format!("{}-forfragningar.csv", a.reference),
            &requests_csv(a, true),
        ),
    }
}

// ---------------------------------------------------------------------------------
// Running the binary.

fn import(db: &Path, what: &str, file: &Path) -> Run {
    avtal(db, &["import", what, file.to_str().unwrap()])
}

fn import_ok(db: &Path, what: &str, file: &Path) -> String {
    let run = import(db, what, file);
    assert_eq!(
        run.code,
        0,
        "import {what} {}: {}",
        file.display(),
        run.stderr
    );
    run.stdout
}

/// The agreement, its call-offs and its requests; the two import summaries.
fn load(db: &Path, f: &Files) -> (String, String) {
    import_ok(db, "agreement", &f.agreement);
    let calloffs = import_ok(db, "calloffs", &f.calloffs);
    let requests = import_ok(db, "requests", &f.requests);
    (calloffs, requests)
}

/// The three reports of one agreement, exactly as printed.
#[derive(Debug, Clone, PartialEq)]
struct Reports {
    kpi: String,
    deviations: String,
    penalties: String,
}

fn report(db: &Path, args: &[&str]) -> String {
    let run = avtal(db, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn reports(db: &Path, reference: &str) -> Reports {
    Reports {
        kpi: report(
            db,
            &[
                "report",
                "kpi",
                "--agreement",
                reference,
                "--from",
                FROM,
                "--to",
                TO,
                "--as-of",
                AS_OF,
                "--format",
                "json",
            ],
        ),
        deviations: report(
            db,
            &[
                "report",
                "deviations",
                "--agreement",
                reference,
                "--all",
                "--format",
                "json",
            ],
        ),
        penalties: report(
            db,
            &[
                "report",
                "penalties",
                "--agreement",
                reference,
                "--as-of",
                PENALTY_AS_OF,
                "--format",
                "json",
            ],
        ),
    }
}

fn summaries_say_new(a: &Agreement, (calloffs, requests): &(String, String), order: &str) {
    let want = format!("{} nya avrop och 0 uppdaterade", a.calloffs.len());
    assert!(
        calloffs.contains(&want),
        "{order}: {}'s call-offs are new, not moved from another agreement: {calloffs}",
        a.reference
    );
    let want = format!(
        "{} nya avropsförfrågningar och 0 uppdaterade",
        a.requests.len()
    );
    assert!(
        requests.contains(&want),
        "{order}: {}'s requests are new: {requests}",
        a.reference
    );
}

/// Runs `f` on every item in threads of its own (a debug binary is slow to start, and
/// most of the time goes to waiting for it), results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    std::thread::scope(|s| {
        let handles: Vec<_> = items.iter().map(|item| s.spawn(|| f(item))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

const ORDERS: [[usize; 3]; 6] = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
];

#[test]
fn each_agreement_reports_alike_alone_and_in_a_shared_register_in_every_order() {
    let register = register();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<Files> = register.iter().map(|a| files(dir.path(), a)).collect();

    // Each agreement alone, checked against DESIGN §4–5 read independently.
    let alone: Vec<Reports> = in_parallel(&[0, 1, 2], |&i| {
        let db = dir.path().join(format!("alone-{i}.redb"));
        let summaries = load(&db, &files[i]);
        summaries_say_new(&register[i], &summaries, "alone");
        let r = reports(&db, register[i].reference);
        check_against_design(&register[i], &r);
        r
    });

    // All three in one database, in every order.
    in_parallel(&ORDERS, |order| {
        let name: Vec<&str> = order.iter().map(|&i| register[i].reference).collect();
        let name = name.join(" → ");
        let db = dir
            .path()
            .join(format!("shared-{}{}{}.redb", order[0], order[1], order[2]));
        for &i in order {
            let summaries = load(&db, &files[i]);
            summaries_say_new(&register[i], &summaries, &name);
        }
        for (i, a) in register.iter().enumerate() {
            assert_eq!(
                reports(&db, a.reference),
                alone[i],
                "{}'s reports in a register imported in the order {name}",
                a.reference
            );
        }
        if *order == ORDERS[0] {
            // Imported again, every call-off and request of each agreement is its own,
            // updated in place, and no report moves.
            for (i, a) in register.iter().enumerate() {
                let calloffs = import_ok(&db, "calloffs", &files[i].calloffs);
                let want = format!("0 nya avrop och {} uppdaterade", a.calloffs.len());
                assert!(calloffs.contains(&want), "{}: {calloffs}", a.reference);
                let requests = import_ok(&db, "requests", &files[i].requests);
                let want = format!(
                    "0 nya avropsförfrågningar och {} uppdaterade",
                    a.requests.len()
                );
                assert!(requests.contains(&want), "{}: {requests}", a.reference);
            }
            for (i, a) in register.iter().enumerate() {
                assert_eq!(reports(&db, a.reference), alone[i], "{} again", a.reference);
            }
        }
    });
}

/// A database holding the whole register, imported in the register's order.
fn whole_register(dir: &Path) -> (PathBuf, [Agreement; 3]) {
    let register = register();
    let db = dir.join("register.redb");
    for a in &register {
        load(&db, &files(dir, a));
    }
    (db, register)
}

fn all_reports(db: &Path) -> Vec<Reports> {
    [A, B, C].iter().map(|r| reports(db, r)).collect()
}

#[test]
fn a_reference_under_two_agreements_needs_the_agreement_column() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = whole_register(dir.path());
    let before = all_reports(&db);

    // IT-0009 is UH-2026-101's alone; AV-0007 is both UH-2026-101's and UH-2026-102's
    // (not UH-2026-103's). Without the column the file is refused, every row of it.
    let without = "calloff,supplier,sent_at,answered_at,answer\n\
                   IT-0009,5566778899,2026-06-03 10:00,,\n\
                   AV-0007,556074-3089,2026-06-03 10:00,,\n";
    let with_empty_cell = "calloff,supplier,sent_at,answered_at,answer,agreement\n\
                           IT-0009,5566778899,2026-06-03 10:00,,,UH-2026-101\n\
                           AV-0007,556074-3089,2026-06-03 10:00,,,\n";
    for (name, text) in [("utan.csv", without), ("tom.csv", with_empty_cell)] {
        let run = import(&db, "requests", &write(dir.path(), name, text));
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "{name}: {}", run.stdout);
        assert!(run.stderr.contains("Inget har sparats"), "{}", run.stderr);
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains("Rad 3"))
            .unwrap_or_else(|| panic!("{name}: no problem on line 3: {}", run.stderr));
        assert!(line.contains("kolumnen calloff"), "{name}: {line}");
        assert!(line.contains("AV-0007"), "{name}: {line}");
        assert!(line.contains(A) && line.contains(B), "{name}: {line}");
        assert!(!line.contains(C), "{name}: {C} has no AV-0007: {line}");
        assert!(
            !run.stderr.contains("Rad 2"),
            "{name}: line 2 is fine: {}",
            run.stderr
        );
        assert_eq!(all_reports(&db), before, "{name} wrote nothing");
    }

    // Named under an agreement that has no such call-off: refused too.
    let wrong = "calloff,supplier,sent_at,answered_at,answer,agreement\n\
                 AV-0007,5566778899,2026-06-03 10:00,,,UH-2026-103\n";
    let run = import(&db, "requests", &write(dir.path(), "fel.csv", wrong));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Rad 2"), "{}", run.stderr);
    assert_eq!(all_reports(&db), before, "fel.csv wrote nothing");

    // With the column, each row finds its call-off.
    let with = "calloff,supplier,sent_at,answered_at,answer,agreement\n\
                IT-0009,5566778899,2026-06-03 10:00,,,UH-2026-101\n\
                AV-0007,556074-3089,2026-06-03 10:00,,,UH-2026-102\n";
    let out = import_ok(&db, "requests", &write(dir.path(), "med.csv", with));
    assert!(
        out.contains("2 nya avropsförfrågningar och 0 uppdaterade"),
        "{out}"
    );
    let after = all_reports(&db);
    assert_eq!(
        requests_by_supplier(&before[0].kpi, S1) + 1,
        requests_by_supplier(&after[0].kpi, S1)
    );
    assert_eq!(
        requests_by_supplier(&before[0].kpi, S2),
        requests_by_supplier(&after[0].kpi, S2)
    );
    assert_eq!(
        requests_by_supplier(&before[1].kpi, S2) + 1,
        requests_by_supplier(&after[1].kpi, S2)
    );
    assert_eq!(after[2], before[2], "{C} is not touched");
    assert_eq!(after[0].deviations, before[0].deviations);
    assert_eq!(after[1].deviations, before[1].deviations);
}

fn requests_by_supplier(kpi: &str, org: &str) -> u64 {
    let kpi: Value = serde_json::from_str(kpi).unwrap();
    kpi["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["org_number"] == org)
        .unwrap_or_else(|| panic!("{org} is in the KPI table: {kpi}"))["requests"]
        .as_u64()
        .unwrap()
}

#[test]
fn a_reference_under_one_agreement_needs_no_agreement_column() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = whole_register(dir.path());
    let before = all_reports(&db);
    let text = "calloff,supplier,sent_at,answered_at,answer\n\
                IT-0009,556677-8899,2026-06-03 10:00,2026-06-03 11:00,decline\n\
                DR-0010,2120000142,2026-06-10 10:00,,\n";
    let out = import_ok(&db, "requests", &write(dir.path(), "r.csv", text));
    assert!(
        out.contains("2 nya avropsförfrågningar och 0 uppdaterade"),
        "{out}"
    );
    let after = all_reports(&db);
    assert_eq!(
        requests_by_supplier(&before[0].kpi, S1) + 1,
        requests_by_supplier(&after[0].kpi, S1)
    );
    assert_eq!(
        requests_by_supplier(&before[2].kpi, S4) + 1,
        requests_by_supplier(&after[2].kpi, S4)
    );
    assert_eq!(
        requests_by_supplier(&before[2].kpi, S1),
        requests_by_supplier(&after[2].kpi, S1)
    );
    assert_eq!(after[1], before[1], "{B} is not touched");

    // A register of one agreement: its own old files, without the column, still import.
    let a = agreement_a();
    let alone = dir.path().join("alone.redb");
    let f = files(dir.path(), &a);
    import_ok(&alone, "agreement", &f.agreement);
    import_ok(&alone, "calloffs", &f.calloffs);
    let plain = write(dir.path(), "plain.csv", &requests_csv(&a, false));
    let out = import_ok(&alone, "requests", &plain);
    assert!(
        out.contains(&format!("{} nya avropsförfrågningar", a.requests.len())),
        "{out}"
    );
    assert_eq!(reports(&alone, A), before[0]);
}

// ---------------------------------------------------------------------------------
// DESIGN §4–5, read independently: working days, deadlines, request states, the
// ranking rule, the KPIs and the penalties.

fn day(s: &str) -> Date {
    Date::parse(s, format_description!("[year]-[month]-[day]")).unwrap()
}

fn at(s: &str) -> PrimitiveDateTime {
    PrimitiveDateTime::parse(
        s,
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
    )
    .unwrap()
}

/// Swedish public holidays of 2026 and the days treated as such (DESIGN §4).
const HOLIDAYS_2026: [&str; 15] = [
    "2026-01-01", // nyårsdagen
    "2026-01-06", // trettondedag jul
    "2026-04-03", // långfredagen
    "2026-04-05", // påskdagen
    "2026-04-06", // annandag påsk
    "2026-05-01", // första maj
    "2026-05-14", // Kristi himmelsfärds dag
    "2026-06-06", // nationaldagen
    "2026-06-19", // midsommarafton
    "2026-06-20", // midsommardagen
    "2026-10-31", // alla helgons dag
    "2026-12-24", // julafton
    "2026-12-25", // juldagen
    "2026-12-26", // annandag jul
    "2026-12-31", // nyårsafton
];

fn is_working_day(d: Date) -> bool {
    assert_eq!(d.year(), 2026, "holidays are listed for 2026 only: {d}");
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
        && !HOLIDAYS_2026.iter().any(|h| day(h) == d)
}

fn deadline(response: Response, sent: PrimitiveDateTime) -> PrimitiveDateTime {
    match response {
        Response::Hours(n) => sent + Duration::hours(n),
        Response::WorkingDays(n) => {
            let mut d = sent.date();
            let mut counted = 0;
            while counted < n {
                d = d.next_day().unwrap();
                if is_working_day(d) {
                    counted += 1;
                }
            }
            PrimitiveDateTime::new(d, Time::from_hms(23, 59, 59).unwrap())
        }
    }
}

/// The answer given at or before the deadline.
fn answer_in_time(r: &Request, response: Response) -> Option<Answer> {
    let (answered, answer) = r.answer?;
    (at(answered) <= deadline(response, at(r.sent_at))).then_some(answer)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    AnsweredInTime,
    NotAnsweredInTime,
    Pending,
}

fn state(r: &Request, response: Response, as_of: PrimitiveDateTime) -> State {
    if answer_in_time(r, response).is_some() {
        State::AnsweredInTime
    } else if deadline(response, at(r.sent_at)) < as_of {
        State::NotAnsweredInTime
    } else {
        State::Pending
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// Competition, or nothing awarded.
    NotAssessed,
    Compliant,
    Deviation {
        kinds: BTreeSet<String>,
        suppliers: BTreeSet<String>,
        motivated: bool,
    },
}

fn verdict(a: &Agreement, c: &CallOff) -> Verdict {
    let Some(awarded) = c.awarded else {
        return Verdict::NotAssessed;
    };
    if c.method == Method::Competition {
        return Verdict::NotAssessed;
    }
    let motivated = c.reason.is_some_and(|r| !r.trim().is_empty());
    let ranking = &a.lots.iter().find(|(name, _)| *name == c.lot).unwrap().1;
    let Some(k) = ranking.iter().position(|o| *o == awarded) else {
        return Verdict::Deviation {
            kinds: BTreeSet::from(["not_in_lot".to_string()]),
            suppliers: BTreeSet::from([awarded.to_string()]),
            motivated,
        };
    };
    let mut kinds = BTreeSet::new();
    let mut suppliers = BTreeSet::new();
    for higher in &ranking[..k] {
        let asked: Vec<&Request> = a
            .requests
            .iter()
            .filter(|r| r.calloff == c.reference && r.supplier == *higher)
            .collect();
        if asked.is_empty() {
            kinds.insert("not_asked".to_string());
            suppliers.insert(higher.to_string());
        } else if asked
            .iter()
            .any(|r| answer_in_time(r, a.response) == Some(Answer::Offer))
        {
            kinds.insert("offer_passed_over".to_string());
            suppliers.insert(higher.to_string());
        }
    }
    if kinds.is_empty() {
        Verdict::Compliant
    } else {
        Verdict::Deviation {
            kinds,
            suppliers,
            motivated,
        }
    }
}

/// `ranking_calloffs, compliant, deviations` and, per supplier, `requests,
/// answered_in_time, not_answered_in_time, pending, awarded, delivered, on_time`.
#[derive(Debug, PartialEq)]
struct Figures {
    ranking: [u64; 3],
    suppliers: BTreeMap<String, [u64; 7]>,
}

fn figures(a: &Agreement, from: Date, to: Date, as_of: PrimitiveDateTime) -> Figures {
    let in_period = |d: Date| from <= d && d <= to;
    let mut suppliers: BTreeMap<String, [u64; 7]> = a
        .suppliers
        .iter()
        .map(|(o, _)| (o.to_string(), [0; 7]))
        .collect();
    for r in &a.requests {
        if !in_period(at(r.sent_at).date()) {
            continue;
        }
        let f = suppliers.get_mut(r.supplier).unwrap();
        f[0] += 1;
        match state(r, a.response, as_of) {
            State::AnsweredInTime => f[1] += 1,
            State::NotAnsweredInTime => f[2] += 1,
            State::Pending => f[3] += 1,
        }
    }
    let mut ranking = [0; 3];
    for c in &a.calloffs {
        if !in_period(at(c.requested_at).date()) {
            continue;
        }
        match verdict(a, c) {
            Verdict::NotAssessed => {}
            Verdict::Compliant => {
                ranking[0] += 1;
                ranking[1] += 1;
            }
            Verdict::Deviation { .. } => {
                ranking[0] += 1;
                ranking[2] += 1;
            }
        }
        if let Some(awarded) = c.awarded {
            let f = suppliers.get_mut(awarded).unwrap();
            f[4] += 1;
            if let Some(delivered) = c.delivered {
                f[5] += 1;
                if c.due.is_some_and(|due| day(delivered) <= day(due)) {
                    f[6] += 1;
                }
            }
        }
    }
    Figures { ranking, suppliers }
}

/// The rate in ten-thousandths of an öre, of a call-off worth `value` öre.
fn exact(rate: Rate, value: i64) -> i128 {
    match rate {
        Rate::Kronor(ore) => i128::from(ore) * 10_000,
        Rate::Percent(h) => i128::from(value) * i128::from(h),
    }
}

/// `(supplier, delay_days, units, amount_ore)` of a call-off with a penalty above zero.
fn penalty(a: &Agreement, c: &CallOff, as_of: Date) -> Option<(String, i64, i64, i64)> {
    let supplier = c.awarded?;
    let due = day(c.due?);
    let end = c.delivered.map_or(as_of, |d| day(d).min(as_of));
    let delay = (end - due).whole_days();
    if delay <= 0 {
        return None;
    }
    let units = match a.penalty.basis {
        Basis::Days => delay,
        Basis::StartedWeeks => (delay + 6) / 7,
        Basis::WorkingDays => (1..=delay)
            .filter(|&n| is_working_day(due + Duration::days(n)))
            .count() as i64,
    };
    let value = c.value_ore.unwrap_or(0);
    let mut amount = i128::from(units) * exact(a.penalty.rate, value);
    if let Some(cap) = a.penalty.cap {
        amount = amount.min(exact(cap, value));
    }
    // Half up, once.
    let ore = i64::try_from((amount + 5_000) / 10_000).unwrap();
    (ore > 0).then(|| (supplier.to_string(), delay, units, ore))
}

fn penalties(a: &Agreement, as_of: Date) -> BTreeMap<String, (String, i64, i64, i64)> {
    a.calloffs
        .iter()
        .filter_map(|c| penalty(a, c, as_of).map(|p| (c.reference.to_string(), p)))
        .collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The binary's figures for `a` against the ones worked out above.
fn check_against_design(a: &Agreement, r: &Reports) {
    let name = a.reference;
    let kpi: Value = serde_json::from_str(&r.kpi).unwrap();
    let ranking = &kpi["ranking"];
    let shown = Figures {
        ranking: ["ranking_calloffs", "compliant", "deviations"].map(|k| {
            ranking[k]
                .as_u64()
                .unwrap_or_else(|| panic!("{k}: {ranking}"))
        }),
        suppliers: kpi["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let keys = [
                    "requests",
                    "answered_in_time",
                    "not_answered_in_time",
                    "pending",
                    "awarded",
                    "delivered",
                    "on_time",
                ];
                let f = keys.map(|k| s[k].as_u64().unwrap_or_else(|| panic!("{k}: {s}")));
                (s["org_number"].as_str().unwrap().to_string(), f)
            })
            .collect(),
    };
    assert_eq!(
        shown,
        figures(a, day(FROM), day(TO), at(AS_OF)),
        "{name}: KPIs (ranking; per supplier requests, answered_in_time, \
         not_answered_in_time, pending, awarded, delivered, on_time)"
    );

    let deviations: Value = serde_json::from_str(&r.deviations).unwrap();
    let mut shown = BTreeMap::new();
    for e in deviations.as_array().unwrap() {
        assert_eq!(
            e["source"], "ranking",
            "{name}: only ranking deviations: {e}"
        );
        let calloff = e["calloff"].as_str().unwrap().to_string();
        let verdict = Verdict::Deviation {
            kinds: strings(&e["kinds"]),
            suppliers: strings(&e["suppliers"]),
            motivated: e["motivated"].as_bool().unwrap(),
        };
        assert!(
            shown.insert(calloff, verdict).is_none(),
            "{name}: one entry per call-off: {deviations}"
        );
    }
    let expected: BTreeMap<String, Verdict> = a
        .calloffs
        .iter()
        .map(|c| (c.reference.to_string(), verdict(a, c)))
        .filter(|(_, v)| matches!(v, Verdict::Deviation { .. }))
        .collect();
    assert_eq!(shown, expected, "{name}: ranking deviations");

    let listed: Value = serde_json::from_str(&r.penalties).unwrap();
    let shown: BTreeMap<String, (String, i64, i64, i64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_i64().unwrap_or_else(|| panic!("{k}: {p}"));
            (
                p["calloff"].as_str().unwrap().to_string(),
                (
                    p["supplier"].as_str().unwrap().to_string(),
                    n("delay_days"),
                    n("units"),
                    n("amount_ore"),
                ),
            )
        })
        .collect();
    assert_eq!(
        shown.len(),
        listed.as_array().unwrap().len(),
        "{name}: one penalty per call-off"
    );
    assert_eq!(
        shown,
        penalties(a, day(PENALTY_AS_OF)),
        "{name}: penalties (supplier, delay_days, units, amount_ore)"
    );
}

/// The independent reading above against DESIGN's own example and figures worked out
/// by hand, so that a mistake in it is not taken for one in the product.
#[test]
fn the_independent_reading_agrees_with_hand_figures() {
    // DESIGN §4: sent Thursday 2026-04-02 14:00 with 2 working days.
    assert_eq!(
        deadline(Response::WorkingDays(2), at("2026-04-02 14:00")),
        PrimitiveDateTime::new(day("2026-04-08"), Time::from_hms(23, 59, 59).unwrap())
    );
    // 3 working days from Tuesday before Easter; 24 hours.
    assert_eq!(
        deadline(Response::WorkingDays(3), at("2026-03-31 10:00")).date(),
        day("2026-04-07")
    );
    assert_eq!(
        deadline(Response::Hours(24), at("2026-03-16 10:00")),
        at("2026-03-17 10:00")
    );

    let [a, b, c] = register();
    let hand = |list: &[(&str, &str, i64, i64, i64)]| -> BTreeMap<String, (String, i64, i64, i64)> {
        list.iter()
            .map(|&(c, s, d, u, o)| (c.to_string(), (s.to_string(), d, u, o)))
            .collect()
    };
    let as_of = day(PENALTY_AS_OF);
    assert_eq!(
        penalties(&a, as_of),
        hand(&[
            // 12 days: 2 started weeks, 10 % of 180 000,05 kr = 18 000,005 kr.
            ("AV-0002", S3, 12, 2, 1_800_001),
            // 32 days: 5 weeks, 25 % capped at 15 % of 95 000 kr.
            ("AV-0003", S2, 32, 5, 1_425_000),
            ("AV-0005", S3, 2, 1, 2_000_000),
            ("AV-0007", S3, 10, 2, 1_200_000),
            ("AV-0008", S3, 20, 3, 900_000),
        ])
    );
    assert_eq!(
        penalties(&b, as_of),
        hand(&[
            ("AV-0001", S4, 3, 3, 450_000),
            ("AV-0003", S2, 10, 10, 1_000_000),
            ("AV-0005", S2, 25, 25, 1_000_000),
            ("AV-0007", S3, 2, 2, 300_000),
            ("AV-0008", S4, 3, 3, 450_000),
        ])
    );
    assert_eq!(
        penalties(&c, as_of),
        hand(&[
            // First of May and the weekend: Monday and Tuesday.
            ("AV-0001", S5, 5, 2, 1_000_000),
            // Ascension Day and the weekend: Friday and Monday; 5 % of 99 999,70 kr is
            // 4 999,985 kr, half up to 4 999,99.
            ("AV-0002", S4, 5, 2, 499_999),
            // 21 working days in June (Midsummer Eve is not one), capped at 10 %.
            ("AV-0003", S1, 32, 21, 3_000_000),
            // Midsummer Eve and the weekend: Thursday and Monday.
            ("AV-0005", S5, 5, 2, 600_000),
        ])
    );

    let dev = |kinds: &[&str], suppliers: &[&str], motivated: bool| Verdict::Deviation {
        kinds: kinds.iter().map(|s| s.to_string()).collect(),
        suppliers: suppliers.iter().map(|s| s.to_string()).collect(),
        motivated,
    };
    let verdicts =
        |x: &Agreement| -> Vec<Verdict> { x.calloffs.iter().map(|c| verdict(x, c)).collect() };
    use Verdict::{Compliant as OK, NotAssessed as NA};
    assert_eq!(
        verdicts(&a),
        vec![
            OK,
            dev(&["not_asked"], &[S2], false),
            dev(&["offer_passed_over"], &[S1], true),
            dev(&["not_in_lot"], &[S1], false),
            NA,
            NA,
            OK,
            OK,
            OK,
        ]
    );
    assert_eq!(
        verdicts(&b),
        vec![
            dev(&["offer_passed_over"], &[S3], false),
            OK,
            dev(&["not_asked"], &[S4], true),
            NA,
            dev(&["not_asked", "offer_passed_over"], &[S3, S4], false),
            NA,
            OK,
            dev(&["not_asked"], &[S3], false),
        ]
    );
    assert_eq!(
        verdicts(&c),
        vec![
            dev(&["offer_passed_over"], &[S4], true),
            OK,
            OK,
            dev(&["not_asked"], &[S5], false),
            NA,
            NA,
            OK,
        ]
    );

    // UH-2026-102 in the period: AV-0001 to AV-0007 requested in it, five awarded by
    // ranking; the pending request is AV-0006's, sent the morning of the as-of day.
    let f = figures(&b, day(FROM), day(TO), at(AS_OF));
    assert_eq!(f.ranking, [5, 2, 3]);
    // Tredje AB: 7 requests, one late (AV-0004), one pending; awarded AV-0002 and
    // AV-0007, both delivered, AV-0002 on time.
    assert_eq!(f.suppliers[S3], [7, 5, 1, 1, 2, 2, 1]);
}
