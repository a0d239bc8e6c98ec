use time::macros::{date, time};

use super::*;
use crate::domain::agreement::Agreement;

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

#[test]
fn ids_print_short_and_read_back() {
    assert_eq!(MeetingId(7).to_string(), "M-0007");
    assert_eq!(ActionId(12).to_string(), "A-0012");
    assert_eq!(MeetingId(123_456).to_string(), "M-123456");
    for s in ["M-0007", "m-0007", "M7", "7", " M-007 "] {
        assert_eq!(s.parse::<MeetingId>(), Ok(MeetingId(7)), "{s}");
    }
    assert_eq!("A-0012".parse::<ActionId>(), Ok(ActionId(12)));
    for bad in [
        "",
        "M-",
        "M-0",
        "A-0007",
        "M-+7",
        "M--7",
        "M-7x",
        "M-99999999999999999999",
    ] {
        assert_eq!(bad.parse::<MeetingId>(), Err(IdParseError), "{bad:?}");
    }
    // A meeting id is not an action id.
    assert!("M-0012".parse::<ActionId>().is_err());
}

#[test]
fn keys_round_trip() {
    for k in MeetingKind::ALL {
        assert_eq!(MeetingKind::from_key(k.key()), Some(k));
    }
    for s in MeetingStatus::ALL {
        assert_eq!(MeetingStatus::from_key(s.key()), Some(s));
    }
    for s in ActionStatus::ALL {
        assert_eq!(ActionStatus::from_key(s.key()), Some(s));
    }
    for s in Side::ALL {
        assert_eq!(Side::from_key(s.key()), Some(s));
    }
    assert_eq!(MeetingKind::AnnualContract.key(), "annual_contract");
}

#[test]
fn lesson_lines_toggle_and_skip_lines_that_are_gone() {
    let mut m = Meeting::new(
        AgreementId(1),
        MeetingKind::Collaboration,
        date!(2026 - 03 - 10),
    );
    m.minutes = "Inledning\nSvarstiderna hålls inte\nÖvrigt".into();
    assert!(m.toggle_lesson(2));
    assert!(m.toggle_lesson(1));
    assert!(m.toggle_lesson(7));
    assert_eq!(m.lesson_lines, vec![1, 2, 7]);
    assert_eq!(m.lessons(), vec!["Svarstiderna hålls inte", "Övrigt"]);
    assert!(!m.toggle_lesson(2));
    assert_eq!(m.lesson_lines, vec![1, 7]);
}

fn meeting(id: u64, date: Date, supplier: Option<&str>) -> Meeting {
    let mut m = Meeting::new(AgreementId(1), MeetingKind::Collaboration, date);
    m.id = MeetingId(id);
    m.supplier = supplier.map(org);
    m
}

fn action(id: u64, meeting: u64, text: &str, status: ActionStatus) -> Action {
    Action {
        id: ActionId(id),
        meeting: MeetingId(meeting),
        agreement: AgreementId(1),
        text: text.into(),
        owner: "Anna".into(),
        side: Side::Buyer,
        due: None,
        status,
        created: date!(2026 - 01 - 01),
    }
}

const KONSULT: &str = "556677-8899";
const OTHER: &str = "202100-5448";

#[test]
fn open_actions_of_earlier_meetings_are_carried_with_their_origin() {
    let m1 = meeting(1, date!(2026 - 02 - 10), Some(KONSULT));
    let m2 = meeting(2, date!(2026 - 03 - 10), Some(KONSULT));
    let other = meeting(3, date!(2026 - 03 - 12), Some(OTHER));
    let next = meeting(4, date!(2026 - 04 - 14), Some(KONSULT));
    let later = meeting(5, date!(2026 - 05 - 12), Some(KONSULT));
    let mut other_agreement = meeting(6, date!(2026 - 01 - 12), Some(KONSULT));
    other_agreement.agreement = AgreementId(2);
    let all = [
        later.clone(),
        m2.clone(),
        next.clone(),
        other,
        m1.clone(),
        other_agreement,
    ];
    let earlier = earlier_meetings(&all, &next, true);
    assert_eq!(
        earlier.iter().map(|m| m.id.0).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(earlier_meetings(&all, &next, false).len(), 3);

    let actions = [
        action(10, 2, "Skicka statistik", ActionStatus::Open),
        action(11, 1, "Uppdatera avropsrutinen", ActionStatus::Open),
        action(12, 1, "Boka avtalsdag", ActionStatus::Done),
        action(13, 2, "Byt kontaktperson", ActionStatus::Cancelled),
        action(14, 3, "Den andra leverantörens", ActionStatus::Open),
        action(15, 5, "Från ett senare möte", ActionStatus::Open),
        // Listed twice (say, once per query): carried once.
        action(10, 2, "Skicka statistik", ActionStatus::Open),
    ];
    let points = carry_over(&actions, &earlier);
    assert_eq!(
        points,
        vec![
            AgendaPoint {
                text: "Uppdatera avropsrutinen".into(),
                carried_from: Some(CarriedFrom {
                    meeting: MeetingId(1),
                    date: date!(2026 - 02 - 10),
                    action: ActionId(11),
                }),
            },
            AgendaPoint {
                text: "Skicka statistik".into(),
                carried_from: Some(CarriedFrom {
                    meeting: MeetingId(2),
                    date: date!(2026 - 03 - 10),
                    action: ActionId(10),
                }),
            },
        ]
    );
}

#[test]
fn carrying_twice_adds_nothing_the_second_time() {
    let m1 = meeting(1, date!(2026 - 02 - 10), None);
    let actions = [
        action(1, 1, "Ett", ActionStatus::Open),
        action(2, 1, "Två", ActionStatus::Open),
    ];
    let mut agenda = vec![AgendaPoint::new("Föregående protokoll")];
    let points = carry_over(&actions, std::slice::from_ref(&m1));
    assert_eq!(add_carried(&mut agenda, points.clone()), 2);
    assert_eq!(add_carried(&mut agenda, points), 0);
    assert_eq!(agenda.len(), 3);
    // A new open action since is still added.
    let more = [action(3, 1, "Tre", ActionStatus::Open)];
    assert_eq!(add_carried(&mut agenda, carry_over(&more, &[m1])), 1);
    assert_eq!(agenda[3].text, "Tre");
}

fn english() -> MinutesLabels {
    let s = |x: &str| x.to_string();
    MinutesLabels {
        title: s("Minutes {id} · {kind} · {date}"),
        meeting_id: s("Meeting"),
        agreement: s("Agreement"),
        supplier: s("Supplier"),
        kind: s("Kind"),
        date: s("Date"),
        place: s("Place"),
        status: s("State"),
        attendees: s("Attendees"),
        agenda: s("Agenda"),
        carried_from: s("(from {meeting} {date}, {action})"),
        minutes: s("Minutes"),
        addendum: s("Addendum after approval {date}"),
        decisions: s("Decisions"),
        actions: s("Action items"),
        action_text: s("Action item"),
        owner: s("Owner"),
        side: s("Side"),
        due: s("Due"),
        none: s("–"),
        kinds: [
            "Internal contract meeting",
            "Start meeting",
            "Collaboration meeting",
            "Annual contract meeting",
            "Contract day",
        ]
        .map(s),
        side_headings: ["Buyer:", "Supplier:"].map(s),
        sides: ["buyer", "supplier"].map(s),
        meeting_statuses: ["Planned", "Held", "Minutes approved"].map(s),
        action_statuses: ["Open", "Done", "Cancelled"].map(s),
    }
}

#[test]
fn a_point_the_user_numbered_is_not_numbered_again() {
    assert_eq!(
        agenda_label(1, "1. Föregående protokoll"),
        "1. Föregående protokoll"
    );
    assert_eq!(agenda_label(2, "2) Statistik"), "2) Statistik");
    assert_eq!(agenda_label(3, "§ 3 Övrigt"), "§ 3 Övrigt");
    assert_eq!(agenda_label(4, "4.1 Svarstider"), "4.1 Svarstider");
    assert_eq!(
        agenda_label(1, "Föregående protokoll"),
        "1. Föregående protokoll"
    );
    // A count is not a number the user gave the point.
    assert_eq!(agenda_label(2, "3 leverantörer"), "2. 3 leverantörer");
    assert_eq!(
        agenda_label(2, "2026 års avtalsdag"),
        "2. 2026 års avtalsdag"
    );
}

#[test]
fn paragraphs_numbers_and_addenda_in_the_export() {
    let a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    let mut m = meeting(1, date!(2026 - 03 - 10), None);
    m.agenda = vec![
        AgendaPoint::new("1. Föregående protokoll"),
        AgendaPoint::new("2. Statistik"),
    ];
    m.minutes = "Rad ett.\nRad två.\n\n\nNytt stycke.".into();
    m.status = MeetingStatus::MinutesApproved;
    m.addenda = vec![Addendum {
        date: date!(2026 - 03 - 20),
        text: "Leverantören har rättat siffran.".into(),
    }];
    let md = minutes_markdown(&m, &a, None, &[], &english());
    assert!(
        md.contains("\n1. Föregående protokoll  \n2. Statistik  \n"),
        "{md}"
    );
    assert!(!md.contains("1. 1."), "{md}");
    assert!(
        md.contains("## Minutes\n\nRad ett.  \nRad två.\n\n\nNytt stycke.\n"),
        "{md}"
    );
    assert!(
        md.contains("### Addendum after approval 2026-03-20\n\nLeverantören har rättat siffran.\n"),
        "{md}"
    );
    assert!(md.starts_with("# Minutes M-0001 · Collaboration meeting · 2026-03-10\n"));
}

#[test]
fn minutes_export_for_the_supplier() {
    let mut a = Agreement::new(
        "UH-2026-014",
        "IT-konsulttjänster 2026",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.id = AgreementId(1);
    let mut m = meeting(7, date!(2026 - 03 - 10), Some(KONSULT));
    m.time = Some(time!(13:30));
    m.place = "Stadshuset, sal 3".into();
    m.status = MeetingStatus::Held;
    m.attendees = vec![
        Attendee {
            name: "Kim Lind".into(),
            side: Side::Supplier,
            role: "kundansvarig".into(),
        },
        Attendee {
            name: "Anna Berg".into(),
            side: Side::Buyer,
            role: "avtalsförvaltare".into(),
        },
        Attendee {
            name: "Olle Ek".into(),
            side: Side::Buyer,
            role: String::new(),
        },
    ];
    m.agenda = vec![
        AgendaPoint::new("Föregående protokoll"),
        AgendaPoint {
            text: "Skicka statistik för kvartal 1".into(),
            carried_from: Some(CarriedFrom {
                meeting: MeetingId(3),
                date: date!(2026 - 02 - 10),
                action: ActionId(11),
            }),
        },
        AgendaPoint::new("Svarstider"),
    ];
    m.minutes = "Statistiken gicks igenom.\n\nSvarstiderna hålls i 9 fall av 10.\n".into();
    m.toggle_lesson(2);
    m.decisions = vec!["Leverantören rapporterar sjukfrånvaro\nmånadsvis".into()];
    let actions = [
        Action {
            due: Some(date!(2026 - 04 - 30)),
            side: Side::Supplier,
            owner: "Kim Lind".into(),
            ..action(
                13,
                7,
                "Rapportera sjukfrånvaro | per månad",
                ActionStatus::Open,
            )
        },
        action(12, 7, "Uppdatera avropsrutinen", ActionStatus::Done),
    ];
    let md = minutes_markdown(&m, &a, Some("Konsult AB"), &actions, &english());
    insta::assert_snapshot!(md);
}

#[test]
fn an_empty_meeting_says_so_in_every_section() {
    let a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    let m = meeting(1, date!(2026 - 03 - 10), None);
    let md = minutes_markdown(&m, &a, None, &[], &english());
    assert!(!md.contains("Supplier:"));
    assert_eq!(md.matches("\n–\n").count(), 5, "{md}");
    assert!(md.contains("- **Place:** –"));
}
