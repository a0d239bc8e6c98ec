use time::macros::date;

use super::*;

const TODAY: Date = date!(2026 - 03 - 16);

#[test]
fn the_register_has_thirteen_sound_agreements_with_distinct_references() {
    let register = register(TODAY);
    assert_eq!(register.len(), 13);
    let mut refs: Vec<&str> = register.iter().map(|a| a.reference.as_str()).collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), 13, "references repeat: {refs:?}");
    for a in &register {
        assert!(
            a.problems().is_empty(),
            "{}: {:?}",
            a.reference,
            a.problems()
        );
        assert!(!a.suppliers.is_empty(), "{}", a.reference);
        for s in &a.suppliers {
            // Every number survives a round trip through the parser, hyphen and all.
            assert_eq!(
                OrgNumber::parse(&s.org_number.to_string()),
                Ok(s.org_number.clone())
            );
        }
    }
}

#[test]
fn the_it_agreement_is_fully_worked() {
    let a = &register(TODAY)[0];
    assert_eq!(a.reference, "UH-2024-014");
    assert!(a.name.starts_with("IT-konsulttjänster"));
    assert_eq!(a.priority, Priority::Class1);
    assert_eq!(a.suppliers.len(), 5);
    assert_eq!(
        a.lots.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["Systemutveckling", "Projektledning"]
    );
    assert!(a.suppliers.iter().all(|s| s.contacts.len() >= 3));
    assert_eq!(a.penalties.len(), 2);
    assert_eq!(a.penalties[0].basis, PenaltyBasis::PerStartedWeek);
    assert_eq!(a.penalties[0].rate, Rate::Percent(500));
    assert_eq!(a.penalties[0].cap, Some(Rate::Percent(1500)));
    assert!(matches!(a.penalties[1].rate, Rate::Fixed(_)));
    assert_eq!(
        a.escalation.iter().map(|e| e.level).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(!a.goal_picture.is_empty() && !a.calloff_routine.is_empty());
    assert!(!a.keywords.is_empty() && !a.order_templates.is_empty());
    assert!(!a.order_mailbox.is_empty() && !a.orderers.is_empty() && !a.project_group.is_empty());
    let notice = a.extension_options[0].notice_date;
    assert!(
        notice > TODAY && notice <= TODAY + Duration::weeks(6),
        "{notice}"
    );
}

#[test]
fn the_register_spans_the_priority_classes_and_the_calendar() {
    let register = register(TODAY);
    for p in Priority::ALL {
        assert!(register.iter().any(|a| a.priority == p), "no {p:?}");
    }
    let soon = TODAY + Duration::days(120);
    assert!(register.iter().filter(|a| a.current_end() <= soon).count() >= 2);
    assert!(register.iter().any(|a| {
        a.extension_options
            .iter()
            .any(|o| o.status == OptionStatus::Open && o.notice_date < TODAY)
    }));
}

#[test]
fn the_register_depends_only_on_the_day_given() {
    assert_eq!(register(TODAY), register(TODAY));
    let later = register(date!(2027 - 01 - 10));
    assert_eq!(later[0].reference, "UH-2025-014");
}
