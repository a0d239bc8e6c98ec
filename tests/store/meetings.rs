//! Meetings, actions, checklists and follow-up plans in the store: round trips (also
//! after reopening the file), ids never reused, indexes kept in step, undo of deletes.

use avtal::domain::checklist::{self, ItemStatus};
use avtal::domain::followup::{
    Check, CheckResult, FollowUp, Requirement, RequirementId, RequirementKind,
};
use avtal::domain::meeting::*;
use avtal::domain::*;
use avtal::store::{Store, StoreError};
use time::macros::{date, time};

fn setup() -> (tempfile::TempDir, Store, AgreementId, AgreementId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    let b = Agreement::new("UH-2", "Bygg", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    let a = store.insert_agreement(&a).unwrap();
    let b = store.insert_agreement(&b).unwrap();
    (dir, store, a, b)
}

fn meeting(agreement: AgreementId, date: time::Date) -> Meeting {
    let mut m = Meeting::new(agreement, MeetingKind::Collaboration, date);
    m.supplier = Some(OrgNumber::parse("556677-8899").unwrap());
    m.time = Some(time!(13:00));
    m.place = "Stadshuset".into();
    m.attendees = vec![Attendee {
        name: "Anna".into(),
        side: Side::Buyer,
        role: "avtalsförvaltare".into(),
    }];
    m.agenda = vec![AgendaPoint::new("Statistik")];
    m
}

fn action(meeting: MeetingId, text: &str) -> Action {
    Action {
        id: ActionId(0),
        meeting,
        agreement: AgreementId(0),
        text: text.into(),
        owner: "Kim".into(),
        side: Side::Supplier,
        due: Some(date!(2026 - 04 - 30)),
        status: ActionStatus::Open,
        created: date!(2026 - 03 - 10),
    }
}

#[test]
fn meetings_and_actions_survive_reopening() {
    let (dir, store, a, b) = setup();
    let later = store
        .insert_meeting(&meeting(a, date!(2026 - 05 - 12)))
        .unwrap();
    let earlier = store
        .insert_meeting(&meeting(a, date!(2026 - 03 - 10)))
        .unwrap();
    let other = store
        .insert_meeting(&meeting(b, date!(2026 - 01 - 20)))
        .unwrap();
    assert_eq!(
        (later.id, earlier.id, other.id),
        (MeetingId(1), MeetingId(2), MeetingId(3))
    );
    let x = store
        .insert_action(&action(earlier.id, "Skicka statistik"))
        .unwrap();
    let y = store
        .insert_action(&action(later.id, "Boka avtalsdag"))
        .unwrap();
    // The action takes its meeting's agreement, whatever it said.
    assert_eq!(x.agreement, a);
    assert_eq!(x.id, ActionId(1));
    let mut done = y.clone();
    done.status = ActionStatus::Done;
    store.save_action(&done).unwrap();
    let mut held = earlier.clone();
    held.status = MeetingStatus::Held;
    held.decisions.push("Kvartalsvis statistik".into());
    held.toggle_lesson(0);
    store.save_meeting(&held).unwrap();
    drop(store);

    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    assert_eq!(store.meeting(earlier.id).unwrap(), Some(held.clone()));
    let of_a = store.meetings(Some(a)).unwrap();
    assert_eq!(
        of_a.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![earlier.id, later.id]
    );
    assert_eq!(store.meetings(None).unwrap().len(), 3);
    assert_eq!(store.meetings(None).unwrap()[0].id, other.id, "by date");
    assert_eq!(
        store.actions_of_meeting(earlier.id).unwrap(),
        vec![x.clone()]
    );
    assert_eq!(
        store.actions(Some(a)).unwrap(),
        vec![x.clone(), done.clone()]
    );
    assert_eq!(store.actions(Some(b)).unwrap(), vec![]);
    assert_eq!(store.actions(None).unwrap().len(), 2);

    // A next meeting's agenda gets the still open action, with its origin.
    let next = meeting(a, date!(2026 - 06 - 09));
    let all = store.meetings(Some(a)).unwrap();
    let points = carry_over(
        &store.actions(Some(a)).unwrap(),
        &earlier_meetings(&all, &next, true),
    );
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].carried_from.map(|c| c.action), Some(x.id));
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn deleting_a_meeting_takes_its_actions_and_undo_puts_both_back() {
    let (_d, store, a, _b) = setup();
    let m = store
        .insert_meeting(&meeting(a, date!(2026 - 03 - 10)))
        .unwrap();
    let x = store.insert_action(&action(m.id, "Ett")).unwrap();
    let y = store.insert_action(&action(m.id, "Två")).unwrap();
    let (gone, actions) = store.delete_meeting(m.id).unwrap();
    assert_eq!(gone, m);
    assert_eq!(actions, vec![x.clone(), y.clone()]);
    assert_eq!(store.meeting(m.id).unwrap(), None);
    assert!(store.actions(None).unwrap().is_empty());
    assert!(matches!(
        store.delete_meeting(m.id),
        Err(StoreError::NotFound(_))
    ));

    // A new meeting does not take the deleted one's id.
    let n = store
        .insert_meeting(&meeting(a, date!(2026 - 04 - 10)))
        .unwrap();
    assert_eq!(n.id, MeetingId(2));
    let z = store.insert_action(&action(n.id, "Tre")).unwrap();
    assert_eq!(z.id, ActionId(3));

    store.restore_meeting(&gone, &actions).unwrap();
    assert_eq!(store.meeting(m.id).unwrap(), Some(m.clone()));
    assert_eq!(store.actions_of_meeting(m.id).unwrap(), vec![x, y]);
    assert!(matches!(
        store.restore_meeting(&gone, &actions),
        Err(StoreError::IdInUse(1))
    ));
}

#[test]
fn ids_never_handed_out_are_refused() {
    let (_d, store, a, _b) = setup();
    let mut m = meeting(a, date!(2026 - 03 - 10));
    m.id = MeetingId(5);
    assert!(matches!(
        store.save_meeting(&m),
        Err(StoreError::NotFound(_))
    ));
    m.id = MeetingId(0);
    assert!(store.save_meeting(&m).is_err());
    // An action needs a stored meeting.
    assert!(matches!(
        store.insert_action(&action(MeetingId(9), "x")),
        Err(StoreError::NotFound(_))
    ));
    assert!(store.meetings(None).unwrap().is_empty());
}

#[test]
fn moving_a_meeting_or_an_action_keeps_the_lists_right() {
    let (_d, store, a, b) = setup();
    let m1 = store
        .insert_meeting(&meeting(a, date!(2026 - 03 - 10)))
        .unwrap();
    let m2 = store
        .insert_meeting(&meeting(a, date!(2026 - 04 - 10)))
        .unwrap();
    let x = store.insert_action(&action(m1.id, "Ett")).unwrap();
    let mut moved = x.clone();
    moved.meeting = m2.id;
    store.save_action(&moved).unwrap();
    assert!(store.actions_of_meeting(m1.id).unwrap().is_empty());
    assert_eq!(store.actions_of_meeting(m2.id).unwrap().len(), 1);

    let mut to_b = m2.clone();
    to_b.agreement = b;
    store.save_meeting(&to_b).unwrap();
    assert_eq!(store.meetings(Some(a)).unwrap(), vec![m1]);
    assert_eq!(store.meetings(Some(b)).unwrap(), vec![to_b]);
    // Its action went along.
    assert_eq!(store.actions(Some(b)).unwrap()[0].agreement, b);
    assert!(store.actions(Some(a)).unwrap().is_empty());
}

#[test]
fn minutes_autosave_writes_only_a_change() {
    let (dir, store, a, _b) = setup();
    let m = store
        .insert_meeting(&meeting(a, date!(2026 - 03 - 10)))
        .unwrap();
    let entries = store.audit_entries().unwrap().len();
    assert!(
        store
            .save_minutes(m.id, "Statistiken gicks igenom.")
            .unwrap()
    );
    assert!(
        !store
            .save_minutes(m.id, "Statistiken gicks igenom.")
            .unwrap()
    );
    assert!(
        store
            .save_minutes(m.id, "Statistiken gicks igenom.\nSvarstider")
            .unwrap()
    );
    let log = store.audit_entries().unwrap();
    assert_eq!(log.len(), entries + 2);
    assert_eq!(log.last().unwrap().action, "meeting.minutes");
    assert_eq!(log.last().unwrap().subject, "M-0001");
    assert!(matches!(
        store.save_minutes(MeetingId(9), "x"),
        Err(StoreError::NotFound(_))
    ));
    drop(store);
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let back = store.meeting(m.id).unwrap().unwrap();
    assert_eq!(back.minutes, "Statistiken gicks igenom.\nSvarstider");
    assert_eq!(back.agenda, m.agenda, "the rest is untouched");
}

#[test]
fn checklists_are_kept_per_agreement() {
    let (dir, store, a, b) = setup();
    assert_eq!(store.checklist(a).unwrap(), None);
    let mut c = checklist::from_template(checklist::TEMPLATE_SV, a).unwrap();
    c.items[0].status = ItemStatus::Done;
    c.items[0].owner = "Anna".into();
    c.items[1].due = Some(date!(2026 - 02 - 01));
    c.move_down(0);
    store.save_checklist(&c).unwrap();
    let other = checklist::from_template(checklist::TEMPLATE_EN, b).unwrap();
    store.save_checklist(&other).unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    assert_eq!(store.checklist(a).unwrap(), Some(c.clone()));
    assert_eq!(store.checklist(b).unwrap(), Some(other));
    assert_eq!(store.delete_checklist(a).unwrap(), Some(c));
    assert_eq!(store.delete_checklist(a).unwrap(), None);
    assert_eq!(store.checklist(a).unwrap(), None);
}

#[test]
fn requirements_and_checks_round_trip_and_go_together() {
    let (dir, store, a, b) = setup();
    let r = store
        .insert_requirement(&Requirement {
            id: RequirementId(0),
            agreement: a,
            kind: RequirementKind::TenderPromise,
            text: "Ersättare inom fem arbetsdagar".into(),
            supplier: None,
        })
        .unwrap();
    let s = store
        .insert_requirement(&Requirement {
            agreement: b,
            kind: RequirementKind::OnSupplier,
            text: "Ansvarsförsäkring".into(),
            ..r.clone()
        })
        .unwrap();
    assert_eq!((r.id, s.id), (RequirementId(1), RequirementId(2)));
    let planned = store
        .insert_check(&Check::planned(r.id, date!(2026 - 06 - 01)))
        .unwrap();
    let event = store
        .insert_check(&Check::on_event(r.id, "efter en reklamation"))
        .unwrap();
    let of_s = store
        .insert_check(&Check::planned(s.id, date!(2026 - 09 - 01)))
        .unwrap();
    assert!(
        store
            .insert_check(&Check::planned(RequirementId(7), date!(2026 - 06 - 01)))
            .is_err()
    );
    let mut done = planned.clone();
    done.done = Some(date!(2026 - 06 - 03));
    done.result = Some(CheckResult::Partly);
    done.evidence = "Stickprov av tre avrop".into();
    done.follow_up = FollowUp::NextMeeting;
    store.save_check(&done).unwrap();
    drop(store);

    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    assert_eq!(store.requirements(Some(a)).unwrap(), vec![r.clone()]);
    assert_eq!(store.requirements(None).unwrap().len(), 2);
    assert_eq!(
        store.checks(Some(r.id)).unwrap(),
        vec![done.clone(), event.clone()]
    );
    assert_eq!(store.checks_of_agreement(b).unwrap(), vec![of_s.clone()]);

    let (gone, checks) = store.delete_requirement(r.id).unwrap();
    assert_eq!(gone, r);
    assert_eq!(checks, vec![done.clone(), event.clone()]);
    assert_eq!(store.checks(None).unwrap(), vec![of_s.clone()]);
    // Undo: the requirement first, then its checks, under their ids.
    store.save_requirement(&gone).unwrap();
    for c in &checks {
        store.save_check(c).unwrap();
    }
    assert_eq!(store.checks(Some(r.id)).unwrap(), checks);
    assert_eq!(store.delete_check(of_s.id).unwrap(), of_s);
    assert!(store.delete_check(of_s.id).is_err());
    let fresh = store
        .insert_check(&Check::planned(s.id, date!(2026 - 10 - 01)))
        .unwrap();
    assert_eq!(fresh.id.0, 4, "ids are not reused");
    assert!(store.verify_audit().unwrap().is_intact());
}

/// Records that cannot be read back are never written (issue 14): minutes of 10 000 lines
/// are saved and read again whole, while 17 MiB of pasted text is refused in words and the
/// meeting stays as it was, readable, after a reopen.
#[test]
fn the_largest_minutes_read_back_and_larger_are_refused_in_words() {
    let (dir, store, a, _) = setup();
    let m = store
        .insert_meeting(&meeting(a, date!(2026 - 11 - 10)))
        .unwrap();
    let line = "Punkt: leverantören redovisade svarstider, leveranser och utbytta konsulter.";
    let minutes: String = (0..10_000).map(|n| format!("{n} {line}\n")).collect();
    assert!(store.save_minutes(m.id, &minutes).unwrap());
    assert_eq!(store.meeting(m.id).unwrap().unwrap().minutes, minutes);

    let huge = "x".repeat(17 * 1024 * 1024);
    let err = store.save_minutes(m.id, &huge).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let words = err.message(avtal::i18n::Catalog::get(avtal::i18n::Lang::Sv));
    assert!(words.contains("är för stort att spara"), "{words}");
    assert!(words.contains("Inget har sparats"), "{words}");
    drop(store);
    let mut store = Store::open(&dir.path().join("a.redb")).unwrap();
    assert_eq!(store.meeting(m.id).unwrap().unwrap().minutes, minutes);
    assert!(store.check().unwrap().is_ok());
}
