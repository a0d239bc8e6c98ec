use time::macros::date;

use super::parse;
use crate::domain::money::MoneyError;
use crate::domain::orgnr::OrgNumberError;
use crate::domain::*;
use crate::formats::{FileProblem, ProblemKind};
use crate::i18n::{Catalog, Lang};

const GOOD: &str = r#"reference = "UH-2026-014"
name = "IT-konsulttjänster 2026"
start = 2026-01-01
end = 2027-12-31
response_time = "2 working days"
priority = 1

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"

[[suppliers]]
org_number = "5560743089"
name = "Kod & Co AB"

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "556074-3089"]

[[penalties]]
trigger = "late_delivery"
basis = "per_started_week"
rate = "5%"
cap = "15%"

[[penalties]]
trigger = "late_delivery"
basis = "per_working_day"
rate = "2500 kr"
"#;

fn problems(text: &str) -> Vec<FileProblem> {
    match parse(text) {
        Ok(a) => panic!("expected problems, got {a:?}"),
        Err(p) => p,
    }
}

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

#[test]
fn the_design_example_parses_exactly() {
    let a = parse(GOOD).unwrap();
    assert_eq!(a.reference, "UH-2026-014");
    assert_eq!(a.name, "IT-konsulttjänster 2026");
    assert_eq!(
        (a.start, a.end),
        (date!(2026 - 01 - 01), date!(2027 - 12 - 31))
    );
    assert_eq!(a.response_time, ResponseTime::WorkingDays(2));
    assert_eq!(a.priority, Priority::Class1);
    assert_eq!(a.suppliers.len(), 2);
    assert_eq!(a.suppliers[1].org_number, org("556074-3089"));
    assert_eq!(
        a.lots[0].ranking,
        vec![org("556677-8899"), org("556074-3089")]
    );
    assert_eq!(a.penalties[0].basis, PenaltyBasis::PerStartedWeek);
    assert_eq!(a.penalties[0].rate, Rate::Percent(500));
    assert_eq!(a.penalties[0].cap, Some(Rate::Percent(1500)));
    assert_eq!(a.penalties[1].rate, Rate::Fixed(Money(250_000)));
    assert_eq!(a.penalties[1].cap, None);
}

#[test]
fn priority_defaults_to_two_and_dates_may_be_strings() {
    let text = GOOD
        .replace("priority = 1\n", "")
        .replace("start = 2026-01-01", "start = \"2026-01-01\"")
        .replace(
            "response_time = \"2 working days\"",
            "response_time = \"24 hours\"",
        );
    let a = parse(&text).unwrap();
    assert_eq!(a.priority, Priority::Class2);
    assert_eq!(a.start, date!(2026 - 01 - 01));
    assert_eq!(a.response_time, ResponseTime::Hours(24));
}

#[test]
fn the_register_fields_are_read() {
    let text = format!(
        "{GOOD}{}",
        r#"
goal_picture = "Rätt kompetens i tid"
"#
    );
    // Top-level keys must come before the first table, so build the file in order.
    let text = text.replace("goal_picture = \"Rätt kompetens i tid\"\n", "");
    let text = text.replacen(
        "priority = 1\n",
        "priority = 1\ngoal_picture = \"Rätt kompetens i tid\"\nkeywords = [\"IT\", \"konsult\"]\ncalloff_routine = \"Avropa via e-post\"\norder_mailbox = \"avrop@example.se\"\nnotes = \"Anteckning\"\n",
        1,
    );
    let extra = r#"
[[suppliers.contacts]]
name = "Kim Kund"
role = "account_manager"
email = "kim@kod.se"
phone = "070-000 00 00"

[[suppliers.contacts]]
name = "Vera Vd"
role = "escalation"
escalation_level = 3

[[extension_options]]
extends_to = 2028-12-31
notice_date = 2027-09-30
note = "Ett år"

[[order_templates]]
name = "Avropsformulär"
location = "https://intranät/avrop.docx"

[[escalation]]
level = 1
title = "Avtalsförvaltare"
buyer_contact = "Anna A"
description = "Inom fem arbetsdagar"

[[orderers]]
name = "IT-avdelningen"
unit = "Digitalisering"
email = "it@example.se"

[[project_group]]
name = "Per P"
role = "Projektledare"
"#;
    // The contacts belong to the last supplier, so add them right after it.
    let text = text.replacen(
        "name = \"Kod & Co AB\"\n",
        &format!(
            "name = \"Kod & Co AB\"\n{}",
            &extra[..extra.find("[[extension_options]]").unwrap()]
        ),
        1,
    );
    let text = format!(
        "{text}{}",
        &extra[extra.find("[[extension_options]]").unwrap()..]
    );
    let a = parse(&text).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(a.goal_picture, "Rätt kompetens i tid");
    assert_eq!(a.keywords, vec!["IT", "konsult"]);
    assert_eq!(a.order_mailbox, "avrop@example.se");
    assert_eq!(a.suppliers[1].contacts.len(), 2);
    assert_eq!(a.suppliers[1].contacts[0].role, ContactRole::AccountManager);
    assert_eq!(a.suppliers[1].contacts[1].escalation_level, Some(3));
    assert_eq!(a.extension_options[0].status, OptionStatus::Open);
    assert_eq!(a.extension_options[0].notice_date, date!(2027 - 09 - 30));
    assert_eq!(a.order_templates[0].name, "Avropsformulär");
    assert_eq!(a.escalation[0].level, 1);
    assert_eq!(a.orderers[0].unit, "Digitalisering");
    assert_eq!(a.project_group[0].role, "Projektledare");
}

#[test]
fn a_bad_org_number_is_reported_on_its_line() {
    let text = GOOD.replace("\"556677-8899\"", "\"556677-8898\"");
    let p = problems(&text);
    assert_eq!(
        p[0],
        FileProblem {
            line: 9,
            kind: ProblemKind::BadOrgNumber {
                error: OrgNumberError::CheckDigit,
                input: "556677-8898".into()
            }
        }
    );
}

#[test]
fn an_unknown_supplier_in_a_ranking_is_reported_on_its_line() {
    let text = GOOD.replace(
        "ranking = [\"5566778899\", \"556074-3089\"]",
        "ranking = [\n  \"5566778899\",\n  \"202100-5448\",\n]",
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].line, 20);
    assert!(matches!(
        &p[0].kind,
        ProblemKind::Agreement(AgreementProblem::UnknownSupplierInRanking { lot, .. }) if lot == "Systemutveckling"
    ));
}

#[test]
fn bad_dates_are_reported_on_their_lines() {
    let p = problems(&GOOD.replace("end = 2027-12-31", "end = \"2026-13-01\""));
    assert_eq!(p[0].line, 4);
    assert!(matches!(&p[0].kind, ProblemKind::BadDate { input, .. } if input == "2026-13-01"));

    // TOML itself refuses a date that does not exist; it is still told as a bad date.
    let p = problems(&GOOD.replace("end = 2027-12-31", "end = 2026-02-30 # skottår?"));
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0],
        FileProblem {
            line: 4,
            kind: ProblemKind::BadDate {
                key: "end".into(),
                input: "2026-02-30".into()
            }
        }
    );

    let p = problems(&GOOD.replace("end = 2027-12-31", "end = 2025-12-31"));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 4);
    assert_eq!(
        p[0].kind,
        ProblemKind::Agreement(AgreementProblem::EndBeforeStart)
    );
}

#[test]
fn syntax_errors_unknown_and_missing_keys_have_lines() {
    let p = problems(&GOOD.replace("name = \"Konsult AB\"", "name = \"Konsult AB"));
    assert_eq!(p[0].line, 10);
    assert!(matches!(p[0].kind, ProblemKind::Syntax { .. }));

    let p = problems(&GOOD.replace("cap = \"15%\"", "cpa = \"15%\""));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 24);
    assert!(matches!(&p[0].kind, ProblemKind::UnknownKey { key, .. } if key == "penalties.cpa"));

    let p = problems(&GOOD.replace("reference = \"UH-2026-014\"\n", ""));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 1);
    assert_eq!(
        p[0].kind,
        ProblemKind::MissingKey {
            key: "reference".into()
        }
    );
}

#[test]
fn every_problem_is_collected_in_line_order() {
    let text = GOOD
        .replace("priority = 1", "priority = 4")
        .replace("\"2 working days\"", "\"2 days\"")
        .replace("rate = \"2500 kr\"", "rate = \"2500\"")
        .replace("basis = \"per_started_week\"", "basis = \"weekly\"")
        .replace("name = \"Kod & Co AB\"\n", "");
    let p = problems(&text);
    let lines: Vec<usize> = p.iter().map(|p| p.line).collect();
    // The supplier without a name is reported at its table header; later lines moved up by one.
    assert_eq!(lines, vec![5, 6, 12, 21, 28], "{p:?}");
    assert!(matches!(
        &p[4].kind,
        ProblemKind::BadRate {
            error: MoneyError::Format,
            ..
        }
    ));
    assert_eq!(
        p[2].kind,
        ProblemKind::MissingKey {
            key: "suppliers.name".into()
        }
    );
}

#[test]
fn duplicates_point_at_the_second_occurrence() {
    let text = GOOD.replace("\"5560743089\"", "\"5566778899\"");
    let p = problems(&text);
    assert!(p.iter().any(|p| p.line == 13
        && matches!(
            p.kind,
            ProblemKind::Agreement(AgreementProblem::DuplicateSupplier(_))
        )));
}

#[test]
fn messages_name_the_line_in_both_languages() {
    let p = problems(&GOOD.replace("\"556677-8899\"", "\"556677-8898\""));
    let sv = p[0].message(Catalog::get(Lang::Sv));
    let en = p[0].message(Catalog::get(Lang::En));
    assert!(
        sv.starts_with("Rad 9:") && sv.contains("556677-8898"),
        "{sv}"
    );
    assert!(en.starts_with("Line 9:") && en.contains("invalid"), "{en}");
}

#[test]
fn a_byte_order_mark_is_ignored_and_odd_priorities_are_quoted() {
    assert!(parse(&format!("\u{feff}{GOOD}")).is_ok());
    let p = problems(&GOOD.replace("priority = 1", "priority = 1.0"));
    assert_eq!(
        p[0].kind,
        ProblemKind::BadPriority {
            input: "1.0".into()
        }
    );
}

#[test]
fn an_impossible_date_does_not_hide_the_other_problems() {
    let text = GOOD
        .replace("start = 2026-01-01", "start = 2026-02-30")
        .replace("org_number = \"5560743089\"", "org_number = \"5560743088\"");
    let lines: Vec<usize> = problems(&text).iter().map(|p| p.line).collect();
    // The date (line 3), the bad org number (line 13) and the ranking that names it (line 18).
    assert_eq!(lines, vec![3, 13, 18], "{:?}", problems(&text));
    assert!(matches!(
        &problems(&text)[0].kind,
        ProblemKind::BadDate { input, .. } if input == "2026-02-30"
    ));
}

mod fuzz {
    use super::{GOOD, parse};
    use proptest::prelude::*;

    proptest! {
        // 400 cases in the test suite; PROPTEST_CASES=… runs it for as long as wanted.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(400),
            ..ProptestConfig::default()
        })]

        /// Arbitrary text is refused in words with lines inside the file, never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            if let Err(problems) = parse(&text) {
                prop_assert!(!problems.is_empty());
                let lines = text.lines().count().max(1);
                for p in &problems {
                    prop_assert!(p.line >= 1 && p.line <= lines + 1, "line {} of {}", p.line, lines);
                }
                let wrong = crate::formats::problem::not_in_words(&problems, lines);
                prop_assert!(wrong.is_none(), "{:?}", wrong);
            }
        }

        /// A good file with one line changed or removed either still parses or names a line.
        #[test]
        fn a_damaged_good_file_names_its_lines(victim in 0usize..40, replacement in "[ -~]{0,30}", remove in any::<bool>()) {
            let mut lines: Vec<String> = GOOD.lines().map(str::to_string).collect();
            let i = victim % lines.len();
            if remove {
                lines.remove(i);
            } else {
                lines[i] = replacement;
            }
            let text = lines.join("\n");
            if let Err(problems) = parse(&text) {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(p.line >= 1 && p.line <= lines.len() + 1);
                }
            }
        }
    }
}

/// A reference written with decomposed letters (as macOS may save it) is stored composed,
/// so it is the same agreement as one typed on Windows.
#[test]
fn a_decomposed_reference_is_stored_in_nfc() {
    let text = "reference = \"UH-\u{41}\u{30a}-1\"\nname = \"M\u{61}\u{308}klare\"\nstart = 2026-01-01\nend = 2027-12-31\nresponse_time = \"2 working days\"\n";
    let a = parse(text).unwrap();
    assert_eq!(a.reference, "UH-\u{c5}-1");
    assert_eq!(a.name, "M\u{e4}klare");
}
