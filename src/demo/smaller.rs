//! Twelve smaller agreements of other kinds, across the three priority classes, with
//! ends spread out: some ending soon, one already past its notice date.

use time::Date;

use super::{contact, day, org};
use crate::domain::*;

/// One smaller agreement, described by offsets from today.
struct Spec {
    seq: u16,
    name: &'static str,
    priority: Priority,
    /// Days from today to the start (negative: started already).
    start: i64,
    /// Days from today to the end.
    end: i64,
    response: ResponseTime,
    keywords: &'static [&'static str],
    /// Nine first digits of the org number and the name of each supplier, rank 1 first.
    suppliers: &'static [(&'static str, &'static str)],
    /// Days from today to the notice date of an extension option, and its status.
    option: Option<(i64, OptionStatus)>,
}

const SPECS: [Spec; 12] = [
    Spec {
        seq: 3,
        name: "Lokalvård",
        priority: Priority::Class2,
        start: -1050,
        end: 45,
        response: ResponseTime::Hours(24),
        keywords: &["städ", "lokalvård", "fastighet"],
        suppliers: &[
            ("556321457", "Rena Rum Lokalvård AB"),
            ("556908712", "Städmästarna i Sverige AB"),
        ],
        // The notice date has passed without a decision: the agenda shows it as overdue.
        option: Some((-20, OptionStatus::Open)),
    },
    Spec {
        seq: 7,
        name: "Kontorsmaterial",
        priority: Priority::Class3,
        start: -200,
        end: 900,
        response: ResponseTime::WorkingDays(3),
        keywords: &["kontor", "förbrukning", "papper"],
        suppliers: &[("556178904", "Kontorsvaruhuset AB")],
        option: Some((720, OptionStatus::Open)),
    },
    Spec {
        seq: 11,
        name: "Drivmedel",
        priority: Priority::Class3,
        start: -1370,
        end: 90,
        response: ResponseTime::Hours(48),
        keywords: &["drivmedel", "fordon", "tankkort"],
        suppliers: &[
            ("556023478", "Nordisk Bränslehandel AB"),
            ("556654329", "Tanka Lätt Sverige AB"),
        ],
        option: None,
    },
    Spec {
        seq: 19,
        name: "Översättning och tolkning",
        priority: Priority::Class2,
        start: -400,
        end: 330,
        response: ResponseTime::Hours(24),
        keywords: &["översättning", "tolk", "språk"],
        suppliers: &[
            ("556445672", "Språkbron Översättningar AB"),
            ("559223456", "Tolkcentralen Syd AB"),
            ("556789013", "Lingua Nova AB"),
        ],
        option: Some((150, OptionStatus::Open)),
    },
    Spec {
        seq: 22,
        name: "Personaluthyrning",
        priority: Priority::Class1,
        start: -300,
        end: 430,
        response: ResponseTime::Hours(4),
        keywords: &["bemanning", "personaluthyrning", "vikarier"],
        suppliers: &[
            ("556567891", "Bemanningsbolaget Norden AB"),
            ("556876543", "Vikariepoolen AB"),
            ("559345671", "Snabbt Folk AB"),
        ],
        option: Some((250, OptionStatus::Open)),
    },
    Spec {
        seq: 25,
        name: "Kontorsmöbler",
        priority: Priority::Class3,
        start: -600,
        end: 500,
        response: ResponseTime::WorkingDays(5),
        keywords: &["möbler", "inredning", "kontor"],
        suppliers: &[
            ("556290345", "Möbelform Interiör AB"),
            ("556712389", "Sitta Bra AB"),
        ],
        option: None,
    },
    Spec {
        seq: 28,
        name: "Resetjänster",
        priority: Priority::Class2,
        start: -1400,
        end: 60,
        response: ResponseTime::Hours(24),
        keywords: &["resor", "resebyrå", "hotell"],
        suppliers: &[("556398217", "Affärsresor Sverige AB")],
        // Already extended once; the current end is the extension's.
        option: Some((-400, OptionStatus::Exercised)),
    },
    Spec {
        seq: 31,
        name: "Trycksaker",
        priority: Priority::Class3,
        start: -100,
        end: 1000,
        response: ResponseTime::WorkingDays(3),
        keywords: &["tryck", "trycksaker", "grafisk produktion"],
        suppliers: &[
            ("556111238", "Tryckeriet i Mellansverige AB"),
            ("556543218", "Printa Mera AB"),
        ],
        option: None,
    },
    Spec {
        seq: 34,
        name: "Avfallshantering",
        priority: Priority::Class2,
        start: -800,
        end: 300,
        response: ResponseTime::WorkingDays(2),
        keywords: &["avfall", "återvinning", "miljö"],
        suppliers: &[("556234569", "Kretslopp Återvinning AB")],
        option: Some((120, OptionStatus::Open)),
    },
    Spec {
        seq: 38,
        name: "IT-hårdvara och kringutrustning",
        priority: Priority::Class1,
        start: -500,
        end: 600,
        response: ResponseTime::WorkingDays(1),
        keywords: &["datorer", "skärmar", "IT-hårdvara"],
        suppliers: &[
            ("556987654", "Datorgrossisten AB"),
            ("556345677", "Teknikpartner Norr AB"),
        ],
        option: Some((400, OptionStatus::Open)),
    },
    Spec {
        seq: 41,
        name: "Företagshälsovård",
        priority: Priority::Class2,
        start: -700,
        end: 30,
        response: ResponseTime::WorkingDays(2),
        keywords: &["hälsa", "arbetsmiljö", "rehabilitering"],
        suppliers: &[("556456781", "Friskvårdsgruppen Företagshälsa AB")],
        option: Some((-200, OptionStatus::Declined)),
    },
    Spec {
        seq: 45,
        name: "Mobiltelefoni",
        priority: Priority::Class3,
        start: -250,
        end: 850,
        response: ResponseTime::WorkingDays(2),
        keywords: &["telefoni", "mobil", "abonnemang"],
        suppliers: &[("556567802", "Mobilnätet Sverige AB")],
        option: None,
    },
];

pub(super) fn agreements(today: Date) -> Vec<Agreement> {
    SPECS.iter().map(|spec| agreement(today, spec)).collect()
}

fn agreement(today: Date, spec: &Spec) -> Agreement {
    let start = day(today, spec.start);
    let end = day(today, spec.end);
    let mut a = Agreement::new(
        &format!("UH-{}-{:03}", start.year(), spec.seq),
        &format!("{} {}", spec.name, start.year()),
        start,
        end,
    );
    a.priority = spec.priority;
    a.response_time = spec.response;
    a.keywords = spec.keywords.iter().map(|k| k.to_string()).collect();
    a.goal_picture = format!(
        "Ett samlat avtal för {} som verksamheterna känner till och använder.",
        spec.name.to_lowercase()
    );
    a.calloff_routine =
        "Beställ via e-handelssystemet från rang 1; vid förhinder gå vidare i rangordningen."
            .into();
    a.order_mailbox = format!("inkop+{}@kommunen.example.se", spec.seq);
    a.suppliers = spec
        .suppliers
        .iter()
        .map(|(nine, name)| Supplier {
            org_number: org(nine),
            name: (*name).into(),
            contacts: vec![contact(
                "Kundansvarig",
                ContactRole::AccountManager,
                &format!("kundansvarig@{}.example.se", nine),
                "",
            )],
        })
        .collect();
    a.lots = vec![Lot {
        name: spec.name.into(),
        ranking: a.suppliers.iter().map(|s| s.org_number.clone()).collect(),
    }];
    if let Some((notice, status)) = spec.option {
        let notice_date = day(today, notice);
        // An exercised option is what the agreement now runs to; the original end lies
        // a year before it.
        if status == OptionStatus::Exercised {
            a.end = day(end, -365);
        }
        a.extension_options.push(ExtensionOption {
            extends_to: if status == OptionStatus::Exercised {
                end
            } else {
                day(end, 365)
            },
            notice_date,
            status,
            note: "Option om tolv månaders förlängning.".into(),
        });
    }
    a
}
