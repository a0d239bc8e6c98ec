//! Competitions and saved evaluation models in the store: round trips, one agreement's
//! records kept apart from another's, delete returning the record, every change audited.

use avtal::domain::competition::*;
use avtal::domain::*;
use avtal::store::Store;
use time::macros::datetime;

fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    (dir, store)
}

fn model(name: &str) -> EvaluationModel {
    EvaluationModel {
        name: name.into(),
        kind: ModelKind::WeightedScore {
            price_weight: 60,
            criteria: vec![Criterion {
                name: "Kompetens".into(),
                weight: 40,
                max_points: 5,
            }],
        },
    }
}

fn competition(calloff: &str, agreement: u64) -> Competition {
    let mut c = Competition::new(calloff, AgreementId(agreement), "Dev", model("Standard"));
    c.invited = vec![org("5560743089"), org("2021005448")];
    c.tenders = vec![Tender {
        supplier: org("5560743089"),
        price: Money(10_000_000),
        points: vec![4],
    }];
    c.deadline = Some(datetime!(2026-05-04 12:00));
    c.instruction = "Avrop {calloff}\nrad två".into();
    c
}

#[test]
fn competitions_round_trip_and_stay_with_their_agreement() {
    let (_d, store) = setup();
    assert_eq!(store.competition(AgreementId(1), "FKU-1").unwrap(), None);
    let a = competition("FKU-1", 1);
    let b = competition("FKU-2", 2);
    store.save_competition(&a).unwrap();
    store.save_competition(&b).unwrap();
    assert_eq!(
        store.competition(AgreementId(1), "FKU-1").unwrap(),
        Some(a.clone())
    );
    assert_eq!(store.competitions(AgreementId(1)).unwrap(), vec![a.clone()]);
    assert_eq!(store.competitions(AgreementId(2)).unwrap(), vec![b]);

    let mut changed = a.clone();
    changed.winner = Some(org("5560743089"));
    changed.note = "Priset avgjorde.".into();
    store.save_competition(&changed).unwrap();
    assert_eq!(
        store.competition(AgreementId(1), "FKU-1").unwrap(),
        Some(changed.clone())
    );

    assert_eq!(
        store.delete_competition(AgreementId(1), "FKU-1").unwrap(),
        changed
    );
    assert_eq!(store.competition(AgreementId(1), "FKU-1").unwrap(), None);
    assert!(store.delete_competition(AgreementId(1), "FKU-1").is_err());
}

#[test]
fn models_are_saved_per_agreement_by_name() {
    let (_d, store) = setup();
    store
        .save_model(AgreementId(1), &model("B-modell"))
        .unwrap();
    store
        .save_model(AgreementId(1), &model("A-modell"))
        .unwrap();
    store.save_model(AgreementId(2), &model("Annan")).unwrap();
    let names: Vec<String> = store
        .models(AgreementId(1))
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["A-modell", "B-modell"]);

    // Same name replaces.
    let mut m = model("A-modell");
    m.kind = ModelKind::PriceWithDeductions {
        criteria: vec![DeductionCriterion {
            name: "Certifiering".into(),
            max_deduction: Money(500_000),
            max_points: 1,
        }],
    };
    store.save_model(AgreementId(1), &m).unwrap();
    assert_eq!(store.models(AgreementId(1)).unwrap()[0], m);
    assert_eq!(store.models(AgreementId(1)).unwrap().len(), 2);

    assert_eq!(store.delete_model(AgreementId(1), "A-modell").unwrap(), m);
    assert_eq!(store.models(AgreementId(1)).unwrap().len(), 1);
    assert!(store.delete_model(AgreementId(1), "A-modell").is_err());
    assert_eq!(store.models(AgreementId(2)).unwrap().len(), 1);
    assert!(store.models(AgreementId(3)).unwrap().is_empty());
}

#[test]
fn every_change_is_in_the_audit_log_and_the_chain_holds() {
    let (_d, store) = setup();
    let before = store.audit_entries().unwrap().len();
    store.save_competition(&competition("FKU-1", 1)).unwrap();
    store.save_model(AgreementId(1), &model("M")).unwrap();
    store.delete_model(AgreementId(1), "M").unwrap();
    store.delete_competition(AgreementId(1), "FKU-1").unwrap();
    let entries = store.audit_entries().unwrap();
    let actions: Vec<&str> = entries[before..]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "competition.save",
            "model.save",
            "model.delete",
            "competition.delete"
        ]
    );
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn a_competition_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.redb");
    let c = competition("FKU-9", 1);
    {
        let store = Store::open(&path).unwrap();
        store.save_competition(&c).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.competition(AgreementId(1), "FKU-9").unwrap(), Some(c));
}

#[test]
fn two_agreements_may_each_have_a_competition_for_their_own_av_1() {
    let (_d, store) = setup();
    let mut first = competition("AV-1", 1);
    first.note = "Första avtalets".into();
    let mut second = competition("AV-1", 2);
    second.note = "Andra avtalets".into();
    store.save_competition(&first).unwrap();
    store.save_competition(&second).unwrap();
    assert_eq!(
        store.competition(AgreementId(1), "AV-1").unwrap(),
        Some(first.clone())
    );
    assert_eq!(
        store.competition(AgreementId(2), "AV-1").unwrap(),
        Some(second.clone())
    );
    assert_eq!(
        store.competitions(AgreementId(1)).unwrap(),
        vec![first.clone()]
    );
    // Deleting one leaves the other.
    store.delete_competition(AgreementId(2), "AV-1").unwrap();
    assert_eq!(
        store.competition(AgreementId(1), "AV-1").unwrap(),
        Some(first)
    );
    assert!(store.competitions(AgreementId(2)).unwrap().is_empty());
}

#[test]
fn many_competitions_are_imported_at_once_replacing_and_audited_once() {
    let (_d, store) = setup();
    let old = competition("FKU-1", 1);
    store.save_competition(&old).unwrap();
    let before = store.audit_entries().unwrap().len();
    let mut replaced = competition("FKU-1", 1);
    replaced.winner = Some(org("5560743089"));
    let list = vec![
        replaced.clone(),
        competition("FKU-2", 1),
        competition("FKU-3", 2),
    ];
    store.import_competitions(&list).unwrap();
    assert_eq!(
        store.competitions(AgreementId(1)).unwrap(),
        vec![replaced, list[1].clone()]
    );
    assert_eq!(
        store.competitions(AgreementId(2)).unwrap(),
        vec![list[2].clone()]
    );
    let entries = store.audit_entries().unwrap();
    assert_eq!(entries.len(), before + 1, "one audit entry");
    assert_eq!(entries[before].action, "competitions.import");
    assert!(store.verify_audit().unwrap().is_intact());
    // The organisation named in instructions: empty until set, then as saved.
    assert_eq!(store.organisation().unwrap(), Default::default());
    let o = avtal::domain::organisation::Organisation {
        name: "Exempelby kommun".into(),
        contact: "Karin Köpare, karin@kommun.se".into(),
    };
    store.save_organisation(&o).unwrap();
    assert_eq!(store.organisation().unwrap(), o);
}
