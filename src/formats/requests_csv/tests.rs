use super::*;
use crate::formats::ProblemKind;
use crate::formats::calloffs_csv::tests::{agreement, places};
use crate::formats::csv_common::CsvProblem;
use crate::i18n::{Catalog, Lang};
use proptest::prelude::*;
use time::macros::datetime;

const HEADER: &str = "calloff,supplier,sent_at,answered_at,answer";

fn stored() -> HashMap<String, Agreement> {
    ["A-1", "A-2"]
        .iter()
        .map(|r| (r.to_string(), agreement()))
        .collect()
}

fn parse_text(text: &str) -> Result<Vec<Request>, Vec<FileProblem>> {
    parse(text.as_bytes(), &stored())
}

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

#[test]
fn answered_and_unanswered_requests_in_both_separators() {
    let text = format!(
        "{HEADER}\nA-1,556677-8899,2026-04-01 10:00,2026-04-02 09:15,offer\nA-1,5560743089,2026-04-01 10:00,,\n"
    );
    let expected = vec![
        Request {
            agreement: agreement().id,
            calloff: "A-1".into(),
            supplier: org("5566778899"),
            sent_at: datetime!(2026-04-01 10:00),
            answered_at: Some(datetime!(2026-04-02 09:15)),
            answer: Some(Answer::Offer),
        },
        Request {
            agreement: agreement().id,
            calloff: "A-1".into(),
            supplier: org("5560743089"),
            sent_at: datetime!(2026-04-01 10:00),
            answered_at: None,
            answer: None,
        },
    ];
    assert_eq!(parse_text(&text).unwrap(), expected);
    let semi = format!("\u{feff}{}", text.replace(',', ";").replace('\n', "\r\n"));
    assert_eq!(parse_text(&semi).unwrap(), expected);
    let reordered = "answer;answered_at;sent_at;supplier;calloff\r\nDecline;2026-04-01 11:00;2026-04-01 10:00;5566778899;A-2\r\n";
    assert_eq!(
        parse_text(reordered).unwrap()[0].answer,
        Some(Answer::Decline)
    );
}

#[test]
fn every_bad_request_is_named_by_line_and_column() {
    let text = [
        HEADER,
        "A-9,556677-8899,2026-04-01 10:00,,",
        "A-1,212000-0142,2026-04-01 10:00,,",
        "A-1,556677-8899,2026-04-01,,",
        "A-1,556677-8899,2026-04-01 10:00,,offer",
        "A-1,556677-8899,2026-04-01 10:01,2026-04-02 10:00,",
        "A-1,556677-8899,2026-04-01 10:02,2026-04-02 10:00,maybe",
        "A-1,556677-8899,2026-04-01 10:03,2026-03-31 10:00,decline",
        "A-2,556677-8899,2026-04-01 10:00,,",
        "A-2,5566778899,2026-04-01 10:00,2026-04-01 12:00,offer",
        ",,,,",
    ]
    .join("\n");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(
        places(&problems),
        vec![
            (2, "calloff"),
            (3, "supplier"),
            (4, "sent_at"),
            (5, "answered_at"),
            (6, "answer"),
            (7, "answer"),
            (8, "answered_at"),
            (10, "sent_at"),
        ]
    );
    let sv = Catalog::get(Lang::Sv);
    let all: Vec<String> = problems.iter().map(|p| p.message(sv)).collect();
    assert!(
        all[0].starts_with("Rad 2: kolumnen calloff: avropet ”A-9” finns inte"),
        "{all:?}"
    );
    assert!(all[1].contains("212000-0142 är inte leverantör"), "{all:?}");
    assert!(all[4].contains("offer eller decline"), "{all:?}");
    assert!(all[6].contains("före"), "{all:?}");
    assert!(all[7].contains("rad 9"), "{all:?}");
}

/// Lines of `bytes` as the reader counts them: LF, CRLF and a lone CR each end one.
fn lines_of(bytes: &[u8]) -> usize {
    crate::formats::problem::line_count(bytes)
}

/// Found by the fuzz test: three Windows-1252 bytes read as `‹?›`, the catalogue's own mark
/// of a missing key, quoted back in the refusal; it is the file's text, not a missing key.
#[test]
fn a_header_that_reads_as_the_missing_key_mark_is_refused_in_words() {
    let bytes = [139, 63, 155];
    let problems = parse(&bytes, &stored()).unwrap_err();
    assert_eq!(
        crate::formats::problem::not_in_words(&problems, lines_of(&bytes)),
        None
    );
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Err(problems) = parse(&bytes, &stored()) {
            let wrong = crate::formats::problem::not_in_words(&problems, lines_of(&bytes));
            prop_assert!(wrong.is_none(), "{:?}", wrong);
        }
    }

    #[test]
    fn random_rows_under_a_good_header_never_panic(body in "[A-Z0-9 ,;\"\r\n:.-]{0,200}") {
        let text = format!("{HEADER}\n{body}");
        if let Err(problems) = parse_text(&text) {
            let wrong = crate::formats::problem::not_in_words(&problems, lines_of(text.as_bytes()));
            prop_assert!(wrong.is_none(), "{:?}", wrong);
        }
    }
}

/// A file large enough to be checked on two threads: the same request in both halves
/// names its first line, told last on its row, after the row's other problems.
#[test]
fn a_request_repeated_across_a_large_file_names_its_first_line() {
    let mut text = format!("{HEADER}\n");
    for i in 0..12_000 {
        let minute = i % 60;
        let hour = 8 + (i / 60) % 10;
        let day = 1 + i / 600;
        let (sent, answered, answer) = match i {
            9000 => ("2026-04-01 08:00".to_string(), "", "maybe"),
            _ => (format!("2026-04-{day:02} {hour:02}:{minute:02}"), "", ""),
        };
        let answered = if answer.is_empty() {
            answered
        } else {
            "2026-04-02 09:00"
        };
        text.push_str(&format!("A-1,556677-8899,{sent},{answered},{answer}\n"));
    }
    assert!(text.len() > csv_common::SPLIT_FROM, "the file is split");
    let problems = parse_text(&text).unwrap_err();
    assert_eq!(places(&problems), vec![(9002, "answer"), (9002, "sent_at")]);
    assert_eq!(
        problems[1].kind,
        ProblemKind::Csv(CsvProblem::Cell {
            column: "sent_at",
            problem: CellProblem::DuplicateRequest { first_line: 2 }
        })
    );
}

/// Call-offs `AV-1` under two agreements and `AV-2` under the first only.
struct TwoAgreements(Agreement, Agreement);

impl CallOffLookup for TwoAgreements {
    fn agreements_of(&self, reference: &str) -> Vec<&Agreement> {
        match reference {
            "AV-1" => vec![&self.0, &self.1],
            "AV-2" => vec![&self.0],
            _ => vec![],
        }
    }
}

fn two_agreements() -> TwoAgreements {
    let mut other = agreement();
    other.id = AgreementId(8);
    other.reference = "UH-2026-020".into();
    TwoAgreements(agreement(), other)
}

#[test]
fn a_reference_under_two_agreements_needs_the_agreement_column() {
    let lookup = two_agreements();
    // Without the column: AV-2 is found, AV-1 is refused naming both agreements.
    let text = "calloff;supplier;sent_at;answered_at;answer\n\
                AV-2;5566778899;2026-04-01 10:00;;\n\
                AV-1;5566778899;2026-04-01 10:00;;\n";
    let problems = parse(text.as_bytes(), &lookup).unwrap_err();
    assert_eq!(places(&problems), [(3, "calloff")]);
    let message = problems[0].message(Catalog::get(Lang::En));
    assert!(message.contains("UH-2026-014, UH-2026-020"), "{message}");
    assert!(message.contains("agreement column"), "{message}");

    // With it: each row goes to the agreement it names; an empty cell is fine where the
    // reference is unambiguous; an agreement without that call-off is refused.
    let text = "calloff;supplier;sent_at;answered_at;answer;agreement\n\
                AV-1;5566778899;2026-04-01 10:00;;;UH-2026-020\n\
                AV-1;5566778899;2026-04-01 10:00;;;UH-2026-014\n\
                AV-2;5566778899;2026-04-01 10:00;;;\n";
    let got = parse(text.as_bytes(), &lookup).unwrap();
    let agreements: Vec<AgreementId> = got.iter().map(|r| r.agreement).collect();
    assert_eq!(agreements, [AgreementId(8), AgreementId(7), AgreementId(7)]);
    let text = "calloff;supplier;sent_at;answered_at;answer;agreement\n\
                AV-2;5566778899;2026-04-01 10:00;;;UH-2026-020\n";
    let problems = parse(text.as_bytes(), &lookup).unwrap_err();
    assert_eq!(places(&problems), [(2, "agreement")]);
    let message = problems[0].message(Catalog::get(Lang::Sv));
    assert!(
        message.contains("avtalet ”UH-2026-020” har inget avrop ”AV-2”"),
        "{message}"
    );
}

/// The same request of two agreements' `AV-1` is two requests, not a repeat.
#[test]
fn the_same_request_under_two_agreements_is_no_repeat() {
    let text = "calloff,supplier,sent_at,answered_at,answer,agreement\n\
                AV-1,5566778899,2026-04-01 10:00,,,UH-2026-014\n\
                AV-1,5566778899,2026-04-01 10:00,,,UH-2026-020\n\
                AV-1,5566778899,2026-04-01 10:00,,,UH-2026-020\n";
    let problems = parse(text.as_bytes(), &two_agreements()).unwrap_err();
    assert_eq!(places(&problems), [(4, "sent_at")]);
}
