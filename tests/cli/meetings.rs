//! `avtal list meetings|actions` and `avtal export minutes` through the binary: the shapes
//! of DESIGN §6 on the demo register, the minutes of a hand-built meeting as a snapshot,
//! and the errors a user meets.

use crate::cli_support;

use std::path::Path;

use avtal::domain::meeting::*;
use avtal::domain::*;
use avtal::store::Store;
use cli_support::{GOOD, avtal, write};
use serde_json::Value;
use time::macros::{date, time};

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("a.redb");
    let run = avtal(&db, &["demo", "--calloffs", "20"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    db
}

fn json(db: &Path, args: &[&str]) -> Vec<Value> {
    let run = avtal(db, args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not text in {v}"))
}

/// `M-0007`: the letter, a hyphen and at least four digits.
fn is_id(s: &str, letter: char) -> bool {
    let Some(digits) = s.strip_prefix(letter).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_date(s: &str) -> bool {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

#[test]
fn list_meetings_has_the_shape_of_design_6_sorted_by_date_then_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let rows = json(&db, &["list", "meetings", "--format", "json"]);
    assert!(rows.len() >= 10, "{}", rows.len());
    let mut keys_seen = Vec::new();
    for r in &rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = vec!["agreement", "date", "id", "kind", "status", "supplier"];
        expected.sort();
        let mut got = keys.clone();
        got.sort();
        assert_eq!(got, expected);
        assert!(is_id(s(r, "id"), 'M'), "{r}");
        assert!(MeetingKind::from_key(s(r, "kind")).is_some(), "{r}");
        assert!(MeetingStatus::from_key(s(r, "status")).is_some(), "{r}");
        assert!(is_date(s(r, "date")), "{r}");
        match &r["supplier"] {
            Value::Null => {}
            Value::String(org) => {
                assert_eq!(OrgNumber::parse(org).unwrap().to_string(), *org, "{r}")
            }
            other => panic!("supplier {other}"),
        }
        keys_seen.push((s(r, "date").to_string(), s(r, "id").to_string()));
    }
    let mut sorted = keys_seen.clone();
    sorted.sort();
    assert_eq!(keys_seen, sorted);
    let kinds: Vec<&str> = rows.iter().map(|r| s(r, "kind")).collect();
    for k in MeetingKind::ALL {
        assert!(kinds.contains(&k.key()), "no {}", k.key());
    }
    assert!(rows.iter().any(|r| s(r, "status") == "planned"));

    // --agreement narrows to one agreement; running the demo again adds no meetings.
    let it = s(&rows[0], "agreement").to_string();
    let only = json(
        &db,
        &["list", "meetings", "--agreement", &it, "--format", "json"],
    );
    assert!(only.iter().all(|r| s(r, "agreement") == it));
    assert!(only.len() < rows.len());
    assert_eq!(avtal(&db, &["demo", "--calloffs", "20"]).code, 0);
    assert_eq!(json(&db, &["list", "meetings", "--format", "json"]), rows);
}

#[test]
fn list_actions_has_the_shape_of_design_6_sorted_by_due_then_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let it = s(
        &json(&db, &["list", "agreements", "--format", "json"])[0],
        "reference",
    )
    .to_string();
    let it = if it.ends_with("-014") {
        it
    } else {
        let all = json(&db, &["list", "agreements", "--format", "json"]);
        let found = all.iter().find(|a| s(a, "reference").ends_with("-014"));
        s(found.unwrap(), "reference").to_string()
    };
    let csv = avtal(
        &db,
        &["list", "actions", "--agreement", &it, "--format", "csv"],
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_eq!(
        csv.stdout.lines().next(),
        Some("id,meeting,text,owner,side,due,status")
    );
    assert!(csv.stdout.lines().count() > 10);

    let rows = json(
        &db,
        &["list", "actions", "--agreement", &it, "--format", "json"],
    );
    let mut order = Vec::new();
    for r in &rows {
        assert_eq!(r.as_object().unwrap().len(), 7, "{r}");
        assert!(is_id(s(r, "id"), 'A') && is_id(s(r, "meeting"), 'M'), "{r}");
        assert!(Side::from_key(s(r, "side")).is_some(), "{r}");
        assert!(ActionStatus::from_key(s(r, "status")).is_some(), "{r}");
        assert!(!s(r, "text").is_empty() && !s(r, "owner").is_empty());
        let due = r["due"].as_str();
        assert!(due.is_none_or(is_date), "{r}");
        order.push((
            due.is_none(),
            due.map(str::to_string),
            s(r, "id").to_string(),
        ));
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert!(
        order.last().is_some_and(|(none, _, _)| *none),
        "no due date last"
    );
    for side in ["buyer", "supplier"] {
        assert!(rows.iter().any(|r| s(r, "side") == side));
    }
}

#[test]
fn export_minutes_of_a_demo_meeting_has_its_decisions_and_actions() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let meetings = json(&db, &["list", "meetings", "--format", "json"]);
    let held = meetings
        .iter()
        .rev()
        .find(|m| s(m, "status") == "held")
        .expect("a held meeting");
    let id = s(held, "id");
    let run = avtal(&db, &["export", "minutes", id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(
        md.starts_with(&format!("# Protokoll {id} · Samverkansmöte · ")),
        "{md}"
    );
    assert!(md.contains(&format!("**Möte:** {id}")));
    assert!(
        md.contains("## Beslut\n\n- Leverantören lämnar en åtgärdsplan"),
        "{md}"
    );
    let actions = json(&db, &["list", "actions", "--format", "json"]);
    let own: Vec<&Value> = actions.iter().filter(|a| s(a, "meeting") == id).collect();
    assert!(!own.is_empty());
    for a in &own {
        assert!(md.contains(s(a, "id")) && md.contains(s(a, "text")), "{a}");
    }
    assert!(
        !actions
            .iter()
            .filter(|a| s(a, "meeting") != id)
            .any(|a| md.contains(&format!("| {} |", s(a, "id"))))
    );

    // The short forms name the same meeting; --format md is the default.
    let n: u64 = id[2..].parse().unwrap();
    for short in [format!("m-{n}"), n.to_string()] {
        let again = avtal(&db, &["export", "minutes", &short, "--format", "md"]);
        assert_eq!(again.stdout, md, "{short}");
    }

    // In English, and to a file.
    let en = avtal(&db, &["--lang", "en", "export", "minutes", id]);
    assert!(
        en.stdout
            .starts_with(&format!("# Minutes {id} · Collaboration meeting · ")),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("## Decisions") && en.stdout.contains("| Open |"));
    assert!(
        en.stdout.contains("## Minutes\n") && en.stdout.contains("**Buyer:**"),
        "the screen's words: {}",
        en.stdout
    );
    let file = dir.path().join("minutes.md");
    let to_file = avtal(
        &db,
        &["export", "minutes", id, "--out", file.to_str().unwrap()],
    );
    assert_eq!(to_file.code, 0, "{}", to_file.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md);
    assert!(to_file.stdout.contains(id));
    // Again: the first file stays as it was, the second goes beside it, and the
    // message names the file written.
    std::fs::write(&file, "sent to the supplier").unwrap();
    let again = avtal(
        &db,
        &["export", "minutes", id, "--out", file.to_str().unwrap()],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "sent to the supplier"
    );
    let second = dir.path().join("minutes-2.md");
    assert_eq!(std::fs::read_to_string(&second).unwrap(), md);
    assert!(
        again.stdout.contains(&second.display().to_string()),
        "{}",
        again.stdout
    );

    // The next meeting carries the open actions on its agenda.
    let next = meetings
        .iter()
        .find(|m| s(m, "status") == "planned")
        .unwrap();
    let planned = avtal(&db, &["export", "minutes", s(next, "id")]).stdout;
    assert!(planned.contains(&format!("*(från {id} ")), "{planned}");
}

#[test]
fn tables_speak_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let sv = avtal(&db, &["list", "meetings"]);
    assert!(sv.stdout.starts_with("Nr ") && sv.stdout.contains("Samverkansmöte"));
    let en = avtal(&db, &["--lang", "en", "list", "actions"]);
    assert!(
        en.stdout.starts_with("No. ") && en.stdout.contains("Supplier"),
        "{}",
        en.stdout
    );
    assert!(!en.stdout.contains("export."), "a missing catalogue key");
}

#[test]
fn errors_say_what_is_wrong_and_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.redb");
    // A mistyped --db: every command that reads says there is no database there, and
    // none of them creates one.
    for args in [
        // The interface without a terminal to ask on.
        &[][..],
        &["list", "meetings", "--agreement", "UH-0000-000"],
        &["list", "actions", "--format", "csv"],
        &["list", "agreements"],
        &["export", "minutes", "M-0001"],
        &[
            "report",
            "penalties",
            "--agreement",
            "X",
            "--as-of",
            "2026-11-25",
        ],
        &["backup"],
        &["check"],
        &["audit", "verify"],
    ] {
        let run = avtal(&missing, args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr
                .contains(&format!("Det finns ingen databas på {}", missing.display())),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    assert!(!missing.exists(), "reading commands create no database");
    assert!(
        !dir.path().join("avtal-backups").exists(),
        "no backup of an empty new file"
    );

    let db = demo(dir.path());
    for cmd in ["meetings", "actions"] {
        let run = avtal(&db, &["--lang", "en", "list", cmd, "--agreement", "NOPE"]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("“NOPE” is not in the register"),
            "{}",
            run.stderr
        );
    }
    let run = avtal(&db, &["export", "minutes", "M-9999"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Mötet M-9999 finns inte"),
        "{}",
        run.stderr
    );
    for bad in ["xyz", "M-", "0", "A-0001", "-3"] {
        let run = avtal(&db, &["export", "minutes", "--", bad]);
        assert_eq!(run.code, 1, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("inget mötesnummer"),
            "{bad}: {}",
            run.stderr
        );
    }
    let run = avtal(&db, &["export", "minutes", "1", "--format", "pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// A held meeting with both sides present, a point carried over, minutes, decisions and
/// actions, in a store built by hand so that the document is the same every day.
#[test]
fn exported_minutes_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.redb");
    let file = write(dir.path(), "a.toml", GOOD);
    assert_eq!(
        avtal(&db, &["import", "agreement", file.to_str().unwrap()]).code,
        0
    );
    let held = {
        let store = Store::open(&db).unwrap();
        let a = store
            .agreement_by_reference("UH-2026-014")
            .unwrap()
            .unwrap();
        let supplier = OrgNumber::parse("556677-8899").unwrap();
        let mut first = Meeting::new(a.id, MeetingKind::SupplierStart, date!(2026 - 01 - 15));
        first.supplier = Some(supplier.clone());
        first.status = MeetingStatus::MinutesApproved;
        let first = store.insert_meeting(&first).unwrap();
        let action = |meeting, text: &str, owner: &str, side, due, status| Action {
            id: ActionId(0),
            meeting,
            agreement: a.id,
            text: text.into(),
            owner: owner.into(),
            side,
            due,
            status,
            created: date!(2026 - 01 - 15),
        };
        let open = store
            .insert_action(&action(
                first.id,
                "Skicka kontaktlista för eskalering",
                "Kim Berg",
                Side::Supplier,
                Some(date!(2026 - 02 - 01)),
                ActionStatus::Open,
            ))
            .unwrap();

        let mut m = Meeting::new(a.id, MeetingKind::Collaboration, date!(2026 - 04 - 14));
        m.supplier = Some(supplier);
        m.time = Some(time!(09:30));
        m.place = "Stadshuset, sal Rådmannen".into();
        let person = |name: &str, side, role: &str| Attendee {
            name: name.into(),
            side,
            role: role.into(),
        };
        m.attendees = vec![
            person("Kim Berg", Side::Supplier, "kundansvarig"),
            person("Maria Lindqvist", Side::Buyer, "avtalsförvaltare"),
            person("Per Ek", Side::Buyer, ""),
        ];
        m.agenda = vec![
            AgendaPoint::new("Status för avrop"),
            AgendaPoint::new("Reklamation: utbytt konsult"),
        ];
        let earlier = earlier_meetings(std::slice::from_ref(&first), &m, true);
        add_carried(
            &mut m.agenda,
            carry_over(std::slice::from_ref(&open), &earlier),
        );
        m.minutes = "Tolv avrop sedan förra mötet, alla enligt rangordning.\n\n\
            En konsult byttes ut efter reklamation inom åtta arbetsdagar.\n\
            Svarstiden hölls i alla förfrågningar utom en."
            .into();
        m.decisions = vec![
            "Reklamationen är avslutad".into(),
            "Nästa möte hålls | i augusti".into(),
        ];
        m.status = MeetingStatus::Held;
        let m = store.insert_meeting(&m).unwrap();
        for (text, owner, side, due, status) in [
            (
                "Lämna åtgärdsplan för svarstider",
                "Kim Berg",
                Side::Supplier,
                Some(date!(2026 - 05 - 05)),
                ActionStatus::Open,
            ),
            (
                "Boka avtalsdag",
                "Maria Lindqvist",
                Side::Buyer,
                None,
                ActionStatus::Done,
            ),
        ] {
            store
                .insert_action(&action(m.id, text, owner, side, due, status))
                .unwrap();
        }
        m.id
    };
    let sv = avtal(&db, &["export", "minutes", &held.to_string()]);
    assert_eq!(sv.code, 0, "{}", sv.stderr);
    insta::assert_snapshot!("minutes_held_sv", sv.stdout);
    let en = avtal(
        &db,
        &["--lang", "en", "export", "minutes", &held.to_string()],
    );
    insta::assert_snapshot!("minutes_held_en", en.stdout);
}
