use time::macros::date;

use super::*;

fn structure(c: &Checklist) -> Vec<(String, usize)> {
    progress(c).into_iter().map(|(s, _, n)| (s, n)).collect()
}

#[test]
fn both_templates_load_with_the_same_shape() {
    let sv = from_template(TEMPLATE_SV, AgreementId(1)).unwrap();
    let en = from_template(TEMPLATE_EN, AgreementId(1)).unwrap();
    let (sv_s, en_s) = (structure(&sv), structure(&en));
    assert_eq!(sv_s.len(), en_s.len());
    assert_eq!(sv.items.len(), en.items.len());
    let counts = |s: &[(String, usize)]| s.iter().map(|(_, n)| *n).collect::<Vec<_>>();
    assert_eq!(counts(&sv_s), counts(&en_s));
    assert!(
        sv.items
            .iter()
            .all(|i| i.status == ItemStatus::Todo && i.due.is_none())
    );
    // What DESIGN §1.2 and the user's list name.
    let names: Vec<&str> = sv_s.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        names[..4],
        [
            "Interna avtalsmöten",
            "Avtalsdatabas",
            "Samtal med leverantörerna",
            "Avtalsdagar"
        ]
    );
    let all = sv
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for word in [
        "avtalstrohet",
        "sökord",
        "Direktupphandling",
        "väsentlig ändring",
        "Eskalering",
    ] {
        assert!(all.to_lowercase().contains(&word.to_lowercase()), "{word}");
    }
}

#[test]
fn bad_templates_are_refused_with_a_reason() {
    let cases = [
        ("", "no sections"),
        ("sections = []", "no sections"),
        ("[[sections]]\nname = \"\"\nitems = [\"x\"]", "no name"),
        ("[[sections]]\nname = \"A\"\nitems = []", "no items"),
        ("[[sections]]\nname = \"A\"\nitems = [\" \"]", "empty"),
        (
            "[[sections]]\nname = \"A\"\nitems = [\"x\"]\n[[sections]]\nname = \"A\"\nitems = [\"y\"]",
            "twice",
        ),
        (
            "[[sections]]\nname = \"A\"\nitems = [\"x\"]\nowner = \"B\"",
            "owner",
        ),
        ("[[sections]\n", "TOML"),
    ];
    for (text, why) in cases {
        let err = from_template(text, AgreementId(1)).unwrap_err();
        assert!(err.contains(why) || why == "TOML", "{text:?}: {err}");
    }
}

fn small() -> Checklist {
    Checklist {
        agreement: AgreementId(1),
        items: vec![
            ChecklistItem::new("A", "a1"),
            ChecklistItem::new("A", "a2"),
            ChecklistItem::new("A", "a3"),
            ChecklistItem::new("B", "b1"),
            ChecklistItem::new("B", "b2"),
        ],
    }
}

#[test]
fn progress_counts_done_of_applicable_per_section() {
    let mut c = small();
    c.items[0].status = ItemStatus::Done;
    c.items[1].status = ItemStatus::NotApplicable;
    c.items[2].status = ItemStatus::InProgress;
    c.items[3].status = ItemStatus::NotApplicable;
    c.items[4].status = ItemStatus::NotApplicable;
    assert_eq!(
        progress(&c),
        vec![("A".to_string(), 1, 2), ("B".to_string(), 0, 0)]
    );
    assert_eq!(c.total(), (1, 2));
}

#[test]
fn items_move_within_their_section_only() {
    let mut c = small();
    let texts = |c: &Checklist| c.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    assert!(c.move_down(0));
    assert_eq!(texts(&c), ["a2", "a1", "a3", "b1", "b2"]);
    assert!(c.move_up(1));
    assert_eq!(texts(&c), ["a1", "a2", "a3", "b1", "b2"]);
    assert!(!c.move_up(0));
    assert!(!c.move_down(2), "a3 is last in A");
    assert!(!c.move_up(3), "b1 is first in B");
    assert!(!c.move_down(4));
    assert!(!c.move_down(9));
    assert!(!c.move_up(9));
    assert_eq!(texts(&c), ["a1", "a2", "a3", "b1", "b2"]);
    assert_eq!(c.add_item("A", "a4"), 3);
    assert_eq!(c.add_item("C", "c1"), 6);
    assert_eq!(texts(&c), ["a1", "a2", "a3", "a4", "b1", "b2", "c1"]);
}

#[test]
fn an_open_item_past_its_due_date_is_overdue() {
    let mut i = ChecklistItem::new("A", "a");
    i.due = Some(date!(2026 - 03 - 01));
    assert!(i.is_overdue(date!(2026 - 03 - 02)));
    assert!(!i.is_overdue(date!(2026 - 03 - 01)));
    i.status = ItemStatus::NotApplicable;
    assert!(!i.is_overdue(date!(2026 - 03 - 02)));
}

#[test]
fn status_keys_round_trip() {
    for s in ItemStatus::ALL {
        assert_eq!(ItemStatus::from_key(s.key()), Some(s));
    }
}
