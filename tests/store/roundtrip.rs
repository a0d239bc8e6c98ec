//! Agreements survive the store exactly: every field, across a reopen, through updates,
//! reference changes, delete and undo, and imports. Ends with a model test: random
//! operations on the store and on a `BTreeMap`, compared after reopening the file.

use std::collections::BTreeMap;
use std::path::Path;

use avtal::domain::orgnr::luhn_check_digit;
use avtal::domain::spend::{MoneyTerms, PriceRow};
use avtal::domain::*;
use avtal::store::{Store, StoreError};
use proptest::prelude::*;
use time::macros::date;

fn org(first_nine: &str) -> OrgNumber {
    let check = luhn_check_digit(first_nine.as_bytes());
    OrgNumber::parse(&format!("{first_nine}{check}")).unwrap()
}

/// An agreement with every field filled, and every enum variant used somewhere.
fn full_agreement(reference: &str) -> Agreement {
    let (a, b) = (org("556677889"), org("212000014"));
    let contact = |name: &str, role, level| Contact {
        name: name.into(),
        role,
        email: format!("{}@exempel.se", name.to_lowercase()),
        phone: "+46 8 123 45 67".into(),
        escalation_level: level,
    };
    Agreement {
        id: AgreementId(0),
        reference: reference.into(),
        name: "IT-konsulttjänster 2026 – ÅÄÖ åäö".into(),
        start: date!(2026 - 01 - 01),
        end: date!(2027 - 12 - 31),
        priority: Priority::Class1,
        response_time: ResponseTime::Hours(24),
        goal_picture: "Rätt kompetens i tid,\nmed låg omsättning.".into(),
        keywords: vec!["systemutveckling".into(), "arkitektur".into()],
        calloff_routine: "Avrop enligt rangordning; förnyad konkurrensutsättning över 1 Mkr."
            .into(),
        order_mailbox: "avrop@kommunen.se".into(),
        order_templates: vec![OrderTemplate {
            name: "Avropsförfrågan".into(),
            location: "https://intranät/mallar/avrop.docx".into(),
        }],
        extension_options: vec![
            ExtensionOption {
                extends_to: date!(2028 - 12 - 31),
                notice_date: date!(2027 - 09 - 30),
                status: OptionStatus::Open,
                note: "Första optionen".into(),
            },
            ExtensionOption {
                extends_to: date!(2029 - 12 - 31),
                notice_date: date!(2028 - 09 - 30),
                status: OptionStatus::Declined,
                note: String::new(),
            },
        ],
        suppliers: vec![
            Supplier {
                org_number: a.clone(),
                name: "Konsult AB".into(),
                contacts: vec![
                    contact("Karin", ContactRole::AccountManager, None),
                    contact("Olle", ContactRole::Escalation, Some(2)),
                ],
            },
            Supplier {
                org_number: b.clone(),
                name: "Region Exempel".into(),
                contacts: vec![
                    contact("Sara", ContactRole::CustomerTeam, None),
                    contact("Per", ContactRole::Other, None),
                ],
            },
        ],
        lots: vec![
            Lot {
                name: "Systemutveckling".into(),
                ranking: vec![a.clone(), b.clone()],
            },
            Lot {
                name: "Test".into(),
                ranking: vec![b, a],
            },
        ],
        penalties: vec![
            PenaltyTerm {
                trigger: PenaltyTrigger::LateDelivery,
                basis: PenaltyBasis::PerStartedWeek,
                rate: Rate::Percent(500),
                cap: Some(Rate::Percent(1500)),
            },
            PenaltyTerm {
                trigger: PenaltyTrigger::LateDelivery,
                basis: PenaltyBasis::PerWorkingDay,
                rate: Rate::Fixed(Money(250_000)),
                cap: Some(Rate::Fixed(Money(5_000_000))),
            },
            PenaltyTerm {
                trigger: PenaltyTrigger::LateDelivery,
                basis: PenaltyBasis::PerDay,
                rate: Rate::Fixed(Money(1)),
                cap: None,
            },
        ],
        escalation: vec![EscalationLevel {
            level: 1,
            title: "Avtalsförvaltare".into(),
            buyer_contact: "Anna Andersson".into(),
            description: "Inom fem arbetsdagar".into(),
        }],
        orderers: vec![Orderer {
            name: "Bo Berg".into(),
            unit: "Socialförvaltningen".into(),
            email: "bo.berg@kommunen.se".into(),
        }],
        project_group: vec![ProjectMember {
            name: "Cecilia Ek".into(),
            role: "Upphandlare".into(),
            email: "cecilia.ek@kommunen.se".into(),
        }],
        notes: "Anteckning med \"citat\" och \t tabb.".into(),
        history: History {
            rankings: vec![PastRanking {
                lot: "Systemutveckling".into(),
                ranking: vec![org("212000014")],
                until: date!(2026 - 03 - 01),
            }],
            ended_suppliers: vec![EndedSupplier {
                supplier: Supplier {
                    org_number: org("556074308"),
                    name: "Kod & Co AB".into(),
                    contacts: vec![],
                },
                ended: date!(2026 - 03 - 01),
            }],
        },
        money: Box::new(MoneyTerms {
            max_value: Some(Money(6_000_000_000)),
            estimated_value: Some(Money(4_000_000_000)),
            accounts: vec!["6540".into(), "6550".into()],
            prices: vec![
                PriceRow {
                    supplier: org("556677889"),
                    item: "Systemutvecklare nivå 3".into(),
                    item_id: Some("SU3".into()),
                    unit: "HUR".into(),
                    price: Money(115_000),
                    valid_from: None,
                },
                PriceRow {
                    supplier: org("556677889"),
                    item: "Systemutvecklare nivå 3".into(),
                    item_id: None,
                    unit: "HUR".into(),
                    price: Money(119_050),
                    valid_from: Some(date!(2026 - 07 - 01)),
                },
            ],
        }),
    }
}

fn assert_clean(store: &Store) {
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_records().unwrap(), vec![]);
}

#[test]
fn a_full_agreement_survives_a_reopen_and_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    let mut a = full_agreement("UH-2026-014");
    assert_eq!(a.problems(), vec![], "the fixture itself must be valid");
    let id = Store::open(&path).unwrap().insert_agreement(&a).unwrap();
    a.id = id;

    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreement(id).unwrap().as_ref(), Some(&a));
    assert_eq!(
        store.agreement_by_reference("UH-2026-014").unwrap(),
        Some(a.clone())
    );

    a.priority = Priority::Class3;
    a.response_time = ResponseTime::WorkingDays(2);
    a.extension_options[0].status = OptionStatus::Exercised;
    a.lots[0].move_down(0);
    a.penalties.pop();
    store.update_agreement(&a).unwrap();
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreements().unwrap(), vec![a]);
    assert_clean(&store);
}

#[test]
fn a_reference_change_moves_the_index_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    let id1 = store.insert_agreement(&full_agreement("UH-1")).unwrap();
    store.insert_agreement(&full_agreement("UH-2")).unwrap();

    let mut a = store.agreement(id1).unwrap().unwrap();
    a.reference = "UH-1b".into();
    store.update_agreement(&a).unwrap();
    assert_eq!(store.agreement_by_reference("UH-1").unwrap(), None);
    assert_eq!(
        store.agreement_by_reference("UH-1b").unwrap(),
        Some(a.clone())
    );
    // The old reference is free again.
    store.insert_agreement(&full_agreement("UH-1")).unwrap();

    // Taking a reference in use is refused and changes nothing.
    let mut clash = a.clone();
    clash.reference = "UH-2".into();
    clash.name = "ska inte sparas".into();
    assert!(matches!(
        store.update_agreement(&clash),
        Err(StoreError::DuplicateReference(r)) if r == "UH-2"
    ));
    assert_eq!(store.agreement(id1).unwrap(), Some(a));
    assert_clean(&store);
}

#[test]
fn delete_then_restore_puts_it_back_under_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("avtal.redb");
    let store = Store::open(&path).unwrap();
    store.insert_agreement(&full_agreement("UH-1")).unwrap();
    let id2 = store.insert_agreement(&full_agreement("UH-2")).unwrap();
    let deleted = store.delete_agreement(id2).unwrap();
    assert_eq!(store.agreement_by_reference("UH-2").unwrap(), None);
    assert!(matches!(
        store.delete_agreement(id2),
        Err(StoreError::NotFound(_))
    ));

    // A new agreement meanwhile does not take the deleted one's id.
    let id3 = store.insert_agreement(&full_agreement("UH-3")).unwrap();
    assert_ne!(id3, id2);

    store.restore_agreement(&deleted).unwrap();
    assert!(matches!(
        store.restore_agreement(&deleted),
        Err(StoreError::DuplicateReference(_))
    ));
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreement(id2).unwrap(), Some(deleted.clone()));
    assert_eq!(store.agreement_by_reference("UH-2").unwrap(), Some(deleted));
    assert_eq!(store.agreements().unwrap().len(), 3);
    assert_clean(&store);
}

#[test]
fn import_updates_by_reference_and_keeps_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    let first = store
        .import_agreements(&[full_agreement("UH-1"), full_agreement("UH-2")])
        .unwrap();
    assert!(first.iter().all(|(_, new)| *new));

    let mut changed = full_agreement("UH-2");
    changed.name = "Ny benämning".into();
    let second = store
        .import_agreements(&[changed.clone(), full_agreement("UH-3")])
        .unwrap();
    assert_eq!(second[0], (first[1].0, false));
    assert!(second[1].1);
    let all = store.agreements().unwrap();
    assert_eq!(all.len(), 3, "re-import duplicated: {all:?}");
    changed.id = first[1].0;
    assert_eq!(store.agreement_by_reference("UH-2").unwrap(), Some(changed));
    assert_clean(&store);
}

#[test]
fn an_import_that_fails_takes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("avtal.redb")).unwrap();
    store.import_agreements(&[full_agreement("UH-1")]).unwrap();
    let before = store.agreements().unwrap();
    let log_before = store.audit_entries().unwrap();

    let mut changed = full_agreement("UH-1");
    changed.name = "ändrad".into();
    // A new one, a change to an existing one, then a reference named twice in one file.
    let batch = [
        full_agreement("UH-2"),
        changed,
        full_agreement("UH-3"),
        full_agreement("UH-2"),
    ];
    assert!(matches!(
        store.import_agreements(&batch),
        Err(StoreError::DuplicateReference(r)) if r == "UH-2"
    ));
    assert_eq!(store.agreements().unwrap(), before);
    assert_eq!(store.agreement_by_reference("UH-3").unwrap(), None);
    assert_eq!(store.audit_entries().unwrap(), log_before);
    // And the ids an aborted import would have used are still free to take.
    let id = store.insert_agreement(&full_agreement("UH-2")).unwrap();
    assert_eq!(id, AgreementId(2));
}

#[derive(Debug, Clone)]
enum Op {
    Insert {
        reference: u8,
        name: String,
    },
    Update {
        slot: u8,
        reference: u8,
        name: String,
    },
    Delete {
        slot: u8,
    },
    /// Puts back the most recently deleted agreement, if any.
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    // Few references, so clashes are common.
    let name = "[a-zåäö ]{0,12}";
    prop_oneof![
        3 => (0u8..6, name).prop_map(|(reference, name)| Op::Insert { reference, name }),
        3 => (any::<u8>(), 0u8..6, name)
            .prop_map(|(slot, reference, name)| Op::Update { slot, reference, name }),
        2 => any::<u8>().prop_map(|slot| Op::Delete { slot }),
        1 => Just(Op::Undo),
    ]
}

fn reference(n: u8) -> String {
    format!("UH-{n}")
}

fn compare(store: &Store, model: &BTreeMap<AgreementId, Agreement>) {
    let stored = store.agreements().unwrap();
    let expected: Vec<_> = model.values().cloned().collect();
    assert_eq!(stored, expected);
    for n in 0..6 {
        let by_ref = store.agreement_by_reference(&reference(n)).unwrap();
        let in_model = model.values().find(|a| a.reference == reference(n));
        assert_eq!(by_ref.as_ref(), in_model);
    }
}

fn run(path: &Path, ops: &[Op]) {
    let store = Store::open(path).unwrap();
    let mut model: BTreeMap<AgreementId, Agreement> = BTreeMap::new();
    let mut deleted: Vec<Agreement> = Vec::new();
    let taken = |model: &BTreeMap<AgreementId, Agreement>, r: &str, except: Option<AgreementId>| {
        model
            .values()
            .any(|a| a.reference == r && Some(a.id) != except)
    };
    for op in ops {
        match op {
            Op::Insert { reference: r, name } => {
                let mut a = Agreement::new(
                    &reference(*r),
                    name,
                    date!(2026 - 01 - 01),
                    date!(2026 - 12 - 31),
                );
                let result = store.insert_agreement(&a);
                if taken(&model, &a.reference, None) {
                    assert!(matches!(result, Err(StoreError::DuplicateReference(_))));
                } else {
                    a.id = result.unwrap();
                    assert!(!model.contains_key(&a.id), "id {:?} reused", a.id);
                    model.insert(a.id, a);
                }
            }
            Op::Update {
                slot,
                reference: r,
                name,
            } => {
                let Some(mut a) = model
                    .values()
                    .nth(*slot as usize % model.len().max(1))
                    .cloned()
                else {
                    continue;
                };
                a.reference = reference(*r);
                a.name = name.clone();
                let result = store.update_agreement(&a);
                if taken(&model, &a.reference, Some(a.id)) {
                    assert!(matches!(result, Err(StoreError::DuplicateReference(_))));
                } else {
                    result.unwrap();
                    model.insert(a.id, a);
                }
            }
            Op::Delete { slot } => {
                let Some(id) = model
                    .keys()
                    .nth(*slot as usize % model.len().max(1))
                    .copied()
                else {
                    assert!(store.delete_agreement(AgreementId(999)).is_err());
                    continue;
                };
                let gone = store.delete_agreement(id).unwrap();
                assert_eq!(model.remove(&id).as_ref(), Some(&gone));
                deleted.push(gone);
            }
            Op::Undo => {
                let Some(a) = deleted.pop() else { continue };
                let result = store.restore_agreement(&a);
                if taken(&model, &a.reference, None) {
                    assert!(matches!(result, Err(StoreError::DuplicateReference(_))));
                } else {
                    result.unwrap();
                    model.insert(a.id, a);
                }
            }
        }
    }
    compare(&store, &model);
    drop(store);
    let store = Store::open(path).unwrap();
    compare(&store, &model);
    assert_clean(&store);
}

proptest! {
    // Every operation is a durable commit (an fsync): few cases keep the suite quick.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_store_behaves_like_a_map(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        run(&dir.path().join("avtal.redb"), &ops);
    }
}
