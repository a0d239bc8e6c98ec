use super::*;
use crate::domain::calloff::CallOffMethod;
use crate::domain::{AgreementId, Lot, Money, OrgNumber, Supplier};
use crate::formats::ProblemKind;
use crate::formats::csv_common::CsvProblem;
use crate::i18n::{Catalog, Lang};
use proptest::prelude::*;
use time::macros::{date, datetime};

pub(crate) const HEADER: &str = "reference,agreement,lot,orderer,method,requested_at,awarded_supplier,value_sek,delivery_due,delivered_at,consultants,replaced_due_to_complaint,quality,deviation_reason";

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

/// One agreement, two lots; 202100-5448 is a supplier ranked only in "Drift".
pub(crate) fn agreement() -> Agreement {
    let mut a = Agreement::new(
        "UH-2026-014",
        "IT",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.id = AgreementId(7);
    a.suppliers = ["5566778899", "5560743089", "2021005448"]
        .iter()
        .map(|o| Supplier {
            org_number: org(o),
            name: o.to_string(),
            contacts: vec![],
        })
        .collect();
    a.lots = vec![
        Lot {
            name: "Systemutveckling".into(),
            ranking: vec![org("5566778899"), org("5560743089")],
        },
        Lot {
            name: "Drift".into(),
            ranking: vec![org("2021005448")],
        },
    ];
    a
}

fn register() -> Register {
    Register::new([agreement()])
}

fn parse_text(text: &str) -> Result<Vec<CallOff>, Vec<FileProblem>> {
    parse(text.as_bytes(), &register())
}

/// (line, column or "") of every problem, for compact assertions.
pub(crate) fn places(problems: &[FileProblem]) -> Vec<(usize, &'static str)> {
    problems
        .iter()
        .map(|p| match &p.kind {
            ProblemKind::Csv(CsvProblem::Cell { column, .. }) => (p.line, *column),
            _ => (p.line, ""),
        })
        .collect()
}

#[test]
fn a_full_row_is_read_into_a_calloff() {
    let text = format!(
        "{HEADER}\nA-1,UH-2026-014,Systemutveckling,Kim Berg,ranking,2026-04-01 09:30,556074-3089,\"125000,50\",2026-05-01,2026-05-03,2,1,4,Rank 1 saknade kompetens\n"
    );
    let calloffs = parse_text(&text).unwrap();
    assert_eq!(
        calloffs,
        vec![CallOff {
            reference: "A-1".into(),
            agreement: AgreementId(7),
            lot: "Systemutveckling".into(),
            orderer: "Kim Berg".into(),
            method: CallOffMethod::Ranking,
            requested_at: datetime!(2026-04-01 09:30),
            value: Some(Money(12_500_050)),
            awarded_supplier: Some(org("5560743089")),
            delivery_due: Some(date!(2026 - 05 - 01)),
            delivered_at: Some(date!(2026 - 05 - 03)),
            consultants: 2,
            replaced_due_to_complaint: 1,
            quality: Some(4),
            deviation_reason: Some("Rank 1 saknade kompetens".into()),
        }]
    );
}

#[test]
fn semicolons_bom_crlf_decimal_comma_and_no_hyphen() {
    let header = HEADER.replace(',', ";");
    let text = format!(
        "\u{feff}{header}\r\nA-1;UH-2026-014;Drift;;Competition;2026-04-01 09:30;2021005448;2 500,5;;;;;;\r\n"
    );
    let c = &parse_text(&text).unwrap()[0];
    assert_eq!(c.method, CallOffMethod::Competition);
    assert_eq!(c.value, Some(Money(250_050)));
    assert_eq!(c.awarded_supplier, Some(org("202100-5448")));
    assert_eq!(c.orderer, "");
    assert_eq!((c.consultants, c.replaced_due_to_complaint), (0, 0));
    assert_eq!(
        (c.quality, c.delivery_due, c.deviation_reason.clone()),
        (None, None, None)
    );
}

#[test]
fn decimal_point_any_column_order_and_empty_cells() {
    let text = "deviation_reason,quality,replaced_due_to_complaint,consultants,delivered_at,delivery_due,value_sek,awarded_supplier,requested_at,method,orderer,lot,agreement,reference\n\
                ,,,,,,2500.25,,2026-04-01 09:30,ranking,Kim,Systemutveckling,UH-2026-014,A-2\n";
    let c = &parse_text(text).unwrap()[0];
    assert_eq!(c.reference, "A-2");
    assert_eq!(c.value, Some(Money(250_025)));
    assert_eq!(c.awarded_supplier, None);
}

#[test]
fn an_award_outside_the_lot_is_kept_for_the_ranking_rule() {
    // 202100-5448 is a supplier of the agreement but not ranked in Systemutveckling.
    let text = format!(
        "{HEADER}\nA-3,UH-2026-014,Systemutveckling,Kim,ranking,2026-04-01 09:30,202100-5448,,,,,,,\n"
    );
    assert!(parse_text(&text).is_ok());
}

#[test]
fn every_bad_row_is_named_by_line_and_column() {
    let good = "UH-2026-014,Systemutveckling,Kim,ranking,2026-04-01 09:30";
    let text = [
        HEADER.to_string(),
        "A-1,UH-9,Systemutveckling,Kim,ranking,2026-04-01 09:30,,,,,,,,".to_string(),
        "A-2,UH-2026-014,Okänt,Kim,ranking,2026-04-01 09:30,,,,,,,,".to_string(),
        format!("A-3,{good},5560743080,,,,,,,"),
        format!("A-4,{good},212000-0142,,,,,,,"),
        "A-5,UH-2026-014,Systemutveckling,Kim,cascade,2026-04-01,,,,,,,,".to_string(),
        format!("A-6,{good},,-5,2026-02-30,,x,-1,6,"),
        String::new(),
        // A-3 of the same agreement again (A-1 above names another agreement: no repeat).
        format!("A-3,{good},,,,,,,,"),
        format!(",{good},,,,,,,,"),
        format!("A-9,{good},,2500,50,,,,,,"),
        format!("A-10,{good},,\"1\"x,,,,,,"),
    ]
    .join("\n");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(
        places(&problems),
        vec![
            (2, "agreement"),
            (3, "lot"),
            (4, "awarded_supplier"),
            (5, "awarded_supplier"),
            (6, "method"),
            (6, "requested_at"),
            (7, "value_sek"),
            (7, "delivery_due"),
            (7, "consultants"),
            (7, "replaced_due_to_complaint"),
            (7, "quality"),
            (9, "reference"),
            (10, "reference"),
            (11, ""),
            (12, ""),
        ]
    );
    let sv = Catalog::get(Lang::Sv);
    let en = Catalog::get(Lang::En);
    let says = |i: usize, words: &[&str]| {
        let text = format!("{} | {}", problems[i].message(sv), problems[i].message(en));
        for w in words {
            assert!(text.contains(w), "{w} not in {text}");
        }
    };
    says(
        0,
        &[
            "Rad 2: kolumnen agreement",
            "UH-9",
            "Line 2: column agreement",
        ],
    );
    says(1, &["Okänt", "Systemutveckling, Drift"]);
    says(2, &["kontrollsiffran", "5560743080"]);
    says(3, &["212000-0142 är inte leverantör i avtalet UH-2026-014"]);
    says(4, &["cascade", "ranking, competition"]);
    says(6, &["negativt"]);
    says(10, &["1 till 5"]);
    says(11, &["A-3", "rad 4"]);
    says(13, &["15 fält", "rubrikraden har 14", "citattecken"]);
}

#[test]
fn header_problems_stop_the_file_and_are_all_told() {
    let text = HEADER
        .replace("value_sek", "value")
        .replace("quality", "lot")
        + "\nA-1,UH-2026-014\n";
    let problems = parse_text(&text).unwrap_err();
    let messages: Vec<String> = problems
        .iter()
        .map(|p| p.message(Catalog::get(Lang::En)))
        .collect();
    assert_eq!(problems.len(), 4, "{messages:?}");
    assert!(problems.iter().all(|p| p.line == 1));
    assert!(
        messages[0].contains("Unknown column “value”"),
        "{messages:?}"
    );
    assert!(messages[1].contains("“lot” appears twice"), "{messages:?}");
    assert!(
        messages[2].contains("“value_sek” is missing"),
        "{messages:?}"
    );
    assert!(messages[3].contains("“quality” is missing"), "{messages:?}");
    assert_eq!(places(&parse_text("").unwrap_err()), vec![(1, "")]);
    assert_eq!(places(&parse_text("\u{feff}").unwrap_err()), vec![(1, "")]);
}

#[test]
fn malformed_csv_and_bad_encoding_are_told_by_line() {
    let row = "UH-2026-014,Systemutveckling,Kim,ranking,2026-04-01 09:30,,,,,,,,";
    let mut bytes = format!("{HEADER}\nA-1,{row}\nA-2,{row}\nA-3,{row}").into_bytes();
    // "Kim" on line 3 becomes "Kiå" as Windows-1252 writes it: not UTF-8, so the file
    // is read as Windows-1252 (issue 16; it used to be refused).
    let at = bytes.windows(8).position(|w| w == b"A-2,UH-2").unwrap() + 35;
    bytes[at] = 0xE5;
    let calloffs = parse(&bytes, &register()).unwrap();
    assert_eq!(calloffs[1].orderer, "Kiå");
    // Behind a UTF-8 BOM the file says it is UTF-8: the byte is told by line and column.
    let bytes = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
    let problems = parse(&bytes, &register()).unwrap_err();
    assert_eq!(places(&problems), vec![(3, "orderer")]);
    assert!(
        problems[0]
            .message(Catalog::get(Lang::Sv))
            .contains("UTF-8")
    );

    let text = format!("{HEADER}\nA-1,{row}\n\"A-2\nA-3,{row}\n");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(places(&problems), vec![(3, "")]);
    assert!(
        problems[0]
            .message(Catalog::get(Lang::En))
            .contains("never closed")
    );
}

#[test]
fn blank_rows_are_skipped_and_lines_stay_physical() {
    let row = "UH-2026-014,Systemutveckling,Kim,ranking,2026-04-01 09:30,,,,,,,";
    let text = format!("{HEADER}\n\nA-1,{row},\"två\nrader\"\n,,,,,,,,,,,,,\nA-2,{row},x,\n");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(places(&problems), vec![(6, "")]);
    let text = format!("{HEADER}\n\nA-1,{row},\"två\nrader\"\n,,,,,,,,,,,,,\n\n");
    let c = parse_text(&text).unwrap();
    assert_eq!(c[0].deviation_reason.as_deref(), Some("två\nrader"));
}

#[test]
fn a_hundred_thousand_rows_parse_in_one_pass() {
    let mut text = String::from(HEADER);
    for i in 0..100_000 {
        text.push_str(&format!(
            "\nA-{i},UH-2026-014,Systemutveckling,Kim,ranking,2026-04-01 09:30,5566778899,2500,2026-05-01,,1,0,3,"
        ));
    }
    let started = std::time::Instant::now();
    assert_eq!(parse_text(&text).unwrap().len(), 100_000);
    // Generous for an unoptimised build on a slow machine; quadratic work would take minutes.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// Lines of `bytes` as the reader counts them: LF, CRLF and a lone CR each end one.
fn lines_of(bytes: &[u8]) -> usize {
    crate::formats::problem::line_count(bytes)
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(problems) = parse(&bytes, &register()) {
            let wrong = crate::formats::problem::not_in_words(&problems, lines_of(&bytes));
            prop_assert!(wrong.is_none(), "{:?}", wrong);
        }
    }

    #[test]
    fn random_rows_under_a_good_header_never_panic(body in "[A-Za-z0-9 ,;\"\r\n:.-]{0,300}") {
        let text = format!("{HEADER}\n{body}");
        if let Err(problems) = parse_text(&text) {
            let wrong = crate::formats::problem::not_in_words(&problems, lines_of(text.as_bytes()));
            prop_assert!(wrong.is_none(), "{:?}", wrong);
            for p in &problems {
                prop_assert!(p.line >= 1);
                let _ = p.message(Catalog::get(Lang::Sv));
            }
        }
    }
}

#[test]
fn a_reference_with_a_control_character_is_refused() {
    let row = "UH-2026-014,Systemutveckling,Kim,ranking,2026-04-02T09:30,,,,,,,,";
    let text = format!("{HEADER}\n\"A-1\nB\",{row}\n\"A\u{1f}2\",{row}\nA-3,{row}\n");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(places(&problems), vec![(2, "reference"), (4, "reference")]);
    let message = problems[0].message(Catalog::get(Lang::En));
    assert!(
        message.contains("A-1\\nB") && message.contains("control character"),
        "{message}"
    );
}

/// A file large enough to be checked on two threads: a reference repeated across the
/// halves names its first line, a repeat on a row with other problems is told first on
/// that row, and a third giving names the first line too.
#[test]
fn repeats_across_a_large_file_name_the_first_line_in_file_order() {
    let row = |r: &str, lot: &str| {
        format!("{r},UH-2026-014,{lot},Kim Berg,ranking,2026-04-01 09:30,,,,,,,,\n")
    };
    let file = |repeats: bool| {
        let mut text = format!("{HEADER}\n");
        for i in 0..6000 {
            let reference = match i {
                4000 | 5000 if repeats => "A-3".to_string(),
                _ => format!("A-{i}"),
            };
            let lot = if i == 4000 && repeats {
                "Ingen"
            } else {
                "Drift"
            };
            text.push_str(&row(&reference, lot));
        }
        text
    };
    let text = file(true);
    assert!(text.len() > csv_common::SPLIT_FROM, "the file is split");
    let problems = parse_text(&text).unwrap_err();
    let dup = |line| CellProblem::DuplicateReference {
        reference: "A-3".into(),
        first_line: line,
    };
    let kinds: Vec<(usize, ProblemKind)> = problems.into_iter().map(|p| (p.line, p.kind)).collect();
    let cell = |column, problem| ProblemKind::Csv(CsvProblem::Cell { column, problem });
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert_eq!(kinds[0], (4002, cell("reference", dup(5))));
    assert_eq!(kinds[1].0, 4002);
    assert!(matches!(
        &kinds[1].1,
        ProblemKind::Csv(CsvProblem::Cell { column: "lot", .. })
    ));
    assert_eq!(kinds[2], (5002, cell("reference", dup(5))));
    // Without the repeats the same large file is read whole, in file order.
    let calloffs = parse_text(&file(false)).unwrap();
    assert_eq!(calloffs.len(), 6000);
    assert_eq!(calloffs[5999].reference, "A-5999");
}

/// Two agreements numbering their call-offs alike: `AV-1` under each is two call-offs, and
/// only the same agreement's `AV-1` twice is a repeat.
#[test]
fn the_same_reference_under_two_agreements_is_two_calloffs() {
    let mut other = agreement();
    other.id = AgreementId(8);
    other.reference = "UH-2026-020".into();
    let register = Register::new([agreement(), other]);
    let row = |agreement: &str| {
        format!("AV-1,{agreement},Systemutveckling,,ranking,2026-04-01 09:30,,,,,,,,\n")
    };
    let text = format!("{HEADER}\n{}{}", row("UH-2026-014"), row("UH-2026-020"));
    let calloffs = parse(text.as_bytes(), &register).unwrap();
    let keys: Vec<(AgreementId, &str)> = calloffs
        .iter()
        .map(|c| (c.agreement, c.reference.as_str()))
        .collect();
    assert_eq!(keys, [(AgreementId(7), "AV-1"), (AgreementId(8), "AV-1")]);

    let text = format!(
        "{HEADER}\n{}{}{}",
        row("UH-2026-014"),
        row("UH-2026-020"),
        row("UH-2026-020")
    );
    let problems = parse(text.as_bytes(), &register).unwrap_err();
    assert_eq!(places(&problems), [(4, "reference")]);
    assert!(matches!(
        &problems[0].kind,
        ProblemKind::Csv(CsvProblem::Cell {
            problem: CellProblem::DuplicateReference { first_line: 3, .. },
            ..
        })
    ));
}

/// References compared in Unicode NFC: an agreement "UH-Ö-1" typed on Windows (one letter)
/// is found from a file written on a Mac (O + combining diaeresis), and the call-off's own
/// reference is stored composed.
#[test]
fn references_typed_decomposed_are_the_same_reference() {
    let mut a = agreement();
    a.reference = "UH-\u{d6}-1".into();
    let register = Register::new([a]);
    let text = format!(
        "{HEADER}\nAV-\u{4f}\u{308}1,UH-\u{4f}\u{308}-1,Systemutveckling,,ranking,2026-04-01 09:30,,,,,,,,\n"
    );
    let calloffs = parse(text.as_bytes(), &register).unwrap();
    assert_eq!(calloffs[0].reference, "AV-\u{d6}1");
    assert_eq!(calloffs[0].agreement, AgreementId(7));
}
