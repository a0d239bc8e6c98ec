use time::macros::date;

use crate::domain::calloff::tests::org;
use crate::domain::{Agreement, Lot, Supplier};

fn supplier(seed: u32, name: &str) -> Supplier {
    Supplier {
        org_number: org(seed),
        name: name.into(),
        contacts: vec![],
    }
}

/// Three suppliers, one lot ranking them 1, 2, 3.
fn agreement() -> Agreement {
    let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    a.suppliers = vec![
        supplier(1, "Ett AB"),
        supplier(2, "Två AB"),
        supplier(3, "Tre AB"),
    ];
    a.lots = vec![Lot {
        name: "Dev".into(),
        ranking: vec![org(1), org(2), org(3)],
    }];
    a
}

#[test]
fn a_changed_ranking_applies_from_its_day_and_the_old_one_before() {
    let before = agreement();
    let mut after = before.clone();
    after.lots[0].ranking = vec![org(2), org(1), org(3)];
    after.record_changes(&before, date!(2026 - 06 - 01));
    let old = [org(1), org(2), org(3)];
    let new = [org(2), org(1), org(3)];
    assert_eq!(
        after.ranking_at("Dev", date!(2026 - 05 - 31)),
        Some(&old[..])
    );
    assert_eq!(
        after.ranking_at("Dev", date!(2026 - 06 - 01)),
        Some(&new[..])
    );
    // A second change later: each period keeps its own ranking.
    let mut third = after.clone();
    third.lots[0].ranking = vec![org(3)];
    third.record_changes(&after, date!(2026 - 09 - 01));
    assert_eq!(
        third.ranking_at("Dev", date!(2026 - 02 - 01)),
        Some(&old[..])
    );
    assert_eq!(
        third.ranking_at("Dev", date!(2026 - 07 - 01)),
        Some(&new[..])
    );
    assert_eq!(
        third.ranking_at("Dev", date!(2026 - 10 - 01)),
        Some(&[org(3)][..])
    );
}

#[test]
fn changes_on_one_day_keep_the_ranking_in_force_before_that_day() {
    let first = agreement();
    let day = date!(2026 - 06 - 01);
    let mut second = first.clone();
    second.lots[0].move_down(0);
    second.record_changes(&first, day);
    let mut third = second.clone();
    third.lots[0].move_down(1);
    third.record_changes(&second, day);
    assert_eq!(third.history.rankings.len(), 1);
    assert_eq!(
        third.ranking_at("Dev", date!(2026 - 05 - 31)),
        Some(&[org(1), org(2), org(3)][..])
    );
}

#[test]
fn a_supplier_taken_out_is_ended_and_still_named_and_an_unchanged_save_adds_nothing() {
    let before = agreement();
    let mut after = before.clone();
    after.suppliers.remove(1);
    after.lots[0].ranking.retain(|o| *o != org(2));
    after.record_changes(&before, date!(2026 - 06 - 01));
    assert_eq!(after.history.ended_suppliers.len(), 1);
    assert_eq!(after.supplier_name(&org(2)), "Två AB");
    assert!(after.was_supplier(&org(2), date!(2026 - 05 - 31)));
    assert!(!after.was_supplier(&org(2), date!(2026 - 06 - 01)));
    // Saved again unchanged: nothing new in the history.
    let mut again = after.clone();
    again.record_changes(&after, date!(2026 - 07 - 01));
    assert_eq!(again.history, after.history);
    // Taken back in: current again, not ended.
    let mut back = again.clone();
    back.suppliers.push(supplier(2, "Två AB"));
    back.record_changes(&again, date!(2026 - 08 - 01));
    assert!(back.history.ended_suppliers.is_empty());
}

#[test]
fn a_removed_lot_keeps_its_ranking_for_earlier_days() {
    let before = agreement();
    let mut after = before.clone();
    after.lots.clear();
    after.record_changes(&before, date!(2026 - 06 - 01));
    assert_eq!(
        after.ranking_at("Dev", date!(2026 - 05 - 01)),
        Some(&[org(1), org(2), org(3)][..])
    );
    assert_eq!(after.ranking_at("Dev", date!(2026 - 06 - 01)), None);
}
