//! A call-off belongs to its agreement (DESIGN §6: identified by agreement and
//! reference). Random registers of 2–4 agreements whose call-offs are drawn from one
//! small pool of references (so they collide), imported through the library in a random
//! order, some agreements imported again with changed contents. No import changes
//! another agreement's call-offs or requests; each import counts as new exactly what its
//! own agreement did not have yet; and each agreement ends exactly as a fresh database
//! holding only its own final data holds it.

use std::collections::BTreeMap;

use avtal::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use avtal::domain::*;
use avtal::store::{CallOffRow, ImportCount, Store};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Duration, PrimitiveDateTime};

const POOL: [&str; 8] = [
    "AV-0001", "AV-0002", "AV-0003", "AV-0004", "AV-0005", "AV-0006", "AV-0007", "AV-0008",
];

const ORGS: [&str; 5] = [
    "5566778899",
    "5560743089",
    "2021005448",
    "2120000142",
    "5565594230",
];

fn org(i: usize) -> OrgNumber {
    OrgNumber::parse(ORGS[i]).unwrap()
}

#[derive(Debug, Clone)]
struct AgreementSpec {
    /// Distinct indices into `ORGS`, in ranking order.
    suppliers: Vec<usize>,
    hours: bool,
    n: u32,
    two_lots: bool,
}

fn agreement_spec() -> impl Strategy<Value = AgreementSpec> {
    (
        Just((0..ORGS.len()).collect::<Vec<usize>>()).prop_shuffle(),
        1..=ORGS.len(),
        any::<bool>(),
        1u32..=3,
        any::<bool>(),
    )
        .prop_map(|(orgs, n, hours, rt, two_lots)| AgreementSpec {
            suppliers: orgs[..n].to_vec(),
            hours,
            n: rt,
            two_lots,
        })
}

fn agreement(i: usize, s: &AgreementSpec) -> Agreement {
    let mut a = Agreement::new(
        &format!("UH-P-{i}"),
        &format!("Avtal {i}"),
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.response_time = if s.hours {
        ResponseTime::Hours(24 * s.n)
    } else {
        ResponseTime::WorkingDays(s.n)
    };
    a.suppliers = s
        .suppliers
        .iter()
        .map(|&o| Supplier {
            org_number: org(o),
            name: format!("Leverantör {o}"),
            contacts: vec![],
        })
        .collect();
    let ranking: Vec<OrgNumber> = s.suppliers.iter().map(|&o| org(o)).collect();
    a.lots = vec![Lot {
        name: "L1".into(),
        ranking: ranking.clone(),
    }];
    if s.two_lots {
        let mut other: Vec<OrgNumber> = ranking.into_iter().rev().collect();
        if other.len() > 1 {
            other.pop();
        }
        a.lots.push(Lot {
            name: "L2".into(),
            ranking: other,
        });
    }
    a.penalties = vec![PenaltyTerm {
        trigger: PenaltyTrigger::LateDelivery,
        basis: if i % 2 == 0 {
            PenaltyBasis::PerDay
        } else {
            PenaltyBasis::PerWorkingDay
        },
        rate: Rate::Percent(100),
        cap: Some(Rate::Percent(1000)),
    }];
    a
}

#[derive(Debug, Clone)]
struct CallOffSpec {
    pool: usize,
    day: i64,
    awarded: Option<usize>,
    extra: u8,
}

#[derive(Debug, Clone)]
struct RequestSpec {
    calloff: usize,
    supplier: usize,
    hours: i64,
    answer: u8,
    answer_hours: i64,
}

/// What one import of an agreement holds: call-offs, and requests for them.
#[derive(Debug, Clone)]
struct Contents {
    calloffs: Vec<CallOffSpec>,
    requests: Vec<RequestSpec>,
}

fn contents() -> impl Strategy<Value = Contents> {
    (
        prop::collection::vec(
            (
                0..POOL.len(),
                0i64..28,
                prop::option::weighted(0.8, 0usize..5),
                any::<u8>(),
            )
                .prop_map(|(pool, day, awarded, extra)| CallOffSpec {
                    pool,
                    day,
                    awarded,
                    extra,
                }),
            1..6,
        ),
        prop::collection::vec(
            (0usize..8, 0usize..5, 0i64..6, any::<u8>(), 0i64..100).prop_map(
                |(calloff, supplier, hours, answer, answer_hours)| RequestSpec {
                    calloff,
                    supplier,
                    hours,
                    answer,
                    answer_hours,
                },
            ),
            0..10,
        ),
    )
        .prop_map(|(calloffs, requests)| Contents { calloffs, requests })
}

#[derive(Debug, Clone)]
struct Register {
    agreements: Vec<AgreementSpec>,
    /// Which agreement each import is of (each at least once), and what it holds.
    steps: Vec<(usize, Contents)>,
}

fn register() -> impl Strategy<Value = Register> {
    (2usize..=4)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(agreement_spec(), n),
                prop::collection::vec(0..n, 0..4),
            )
                .prop_flat_map(move |(agreements, again)| {
                    let order: Vec<usize> = (0..n).chain(again).collect();
                    let len = order.len();
                    (
                        Just(agreements),
                        Just(order).prop_shuffle(),
                        prop::collection::vec(contents(), len),
                    )
                })
        })
        .prop_map(|(agreements, order, contents)| Register {
            agreements,
            steps: order.into_iter().zip(contents).collect(),
        })
}

fn calloff(a: &Agreement, s: &CallOffSpec) -> CallOff {
    let lot = if a.lots.len() > 1 && s.extra % 3 == 0 {
        "L2"
    } else {
        "L1"
    };
    let method = if s.extra % 5 == 0 {
        CallOffMethod::Competition
    } else {
        CallOffMethod::Ranking
    };
    let requested_at = datetime!(2026-03-02 08:00)
        + Duration::days(s.day)
        + Duration::hours(i64::from(s.extra % 9));
    let mut c = CallOff::new(POOL[s.pool], a.id, lot, "Olle", method, requested_at);
    c.awarded_supplier = s
        .awarded
        .map(|i| a.suppliers[i % a.suppliers.len()].org_number.clone());
    c.value = (s.extra % 4 != 0).then_some(Money(i64::from(s.extra) * 100_000));
    c.delivery_due = Some(requested_at.date() + Duration::days(20));
    c.delivered_at =
        (s.extra % 3 != 1).then(|| requested_at.date() + Duration::days(i64::from(s.extra % 40)));
    c.consultants = u32::from(s.extra % 4);
    c.replaced_due_to_complaint = u32::from(s.extra % 11 == 0);
    c.quality = (s.extra % 2 == 0).then_some(1 + s.extra % 5);
    c.deviation_reason = (s.extra % 7 == 0).then(|| "Brådskande".to_string());
    c
}

/// Every request is sent within a few hours of one morning, so that two agreements'
/// requests for their own `AV-0003` often share supplier and minute too.
fn request(a: &Agreement, calloffs: &[CallOff], s: &RequestSpec) -> Request {
    let c = &calloffs[s.calloff % calloffs.len()];
    let sent_at = datetime!(2026-04-01 09:00) + Duration::hours(s.hours);
    let (answered_at, answer) = match s.answer % 3 {
        0 => (None, None),
        1 => (
            Some(sent_at + Duration::hours(s.answer_hours)),
            Some(Answer::Offer),
        ),
        _ => (
            Some(sent_at + Duration::hours(s.answer_hours)),
            Some(Answer::Decline),
        ),
    };
    Request {
        agreement: a.id,
        calloff: c.reference.clone(),
        supplier: a.suppliers[s.supplier % a.suppliers.len()]
            .org_number
            .clone(),
        sent_at,
        answered_at,
        answer,
    }
}

type RequestKey = (String, OrgNumber, PrimitiveDateTime);

fn key(r: &Request) -> RequestKey {
    (r.calloff.clone(), r.supplier.clone(), r.sent_at)
}

/// What an agreement should hold: every import's records, a later one replacing an
/// earlier one of the same key (imports replace, never delete).
#[derive(Debug, Clone, Default)]
struct Model {
    calloffs: BTreeMap<String, CallOff>,
    requests: BTreeMap<RequestKey, Request>,
}

/// Everything the store tells of one agreement's call-offs, reference by reference.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    rows: Vec<CallOffRow>,
    calloffs: Vec<Option<CallOff>>,
    requests: Vec<Vec<Request>>,
}

fn snapshot(store: &Store, id: AgreementId) -> Snapshot {
    Snapshot {
        rows: store.calloff_rows(id).unwrap(),
        calloffs: POOL.iter().map(|r| store.calloff(id, r).unwrap()).collect(),
        requests: POOL
            .iter()
            .map(|r| store.requests_of(id, r).unwrap())
            .collect(),
    }
}

impl Snapshot {
    /// With the agreement's id, which differs from database to database, left out.
    fn without_id(mut self) -> Snapshot {
        let none = AgreementId(0);
        for row in &mut self.rows {
            row.calloff.agreement = none;
        }
        for c in self.calloffs.iter_mut().flatten() {
            c.agreement = none;
        }
        for r in self.requests.iter_mut().flatten() {
            r.agreement = none;
        }
        self
    }
}

fn sorted(mut requests: Vec<Request>) -> Vec<Request> {
    requests.sort_by_key(key);
    requests
}

/// The agreement `id` as the store holds it against the model.
fn check_model(store: &Store, id: AgreementId, model: &Model, what: &str) {
    let rows = store.calloff_rows(id).unwrap();
    let mut held: Vec<&CallOff> = rows.iter().map(|r| &r.calloff).collect();
    held.sort_by_key(|c| c.reference.clone());
    let want: Vec<&CallOff> = model.calloffs.values().collect();
    assert_eq!(held, want, "{what}: the call-offs of agreement {id:?}");
    for row in &rows {
        let n = model
            .requests
            .keys()
            .filter(|(c, ..)| *c == row.calloff.reference)
            .count();
        assert_eq!(
            row.requests as usize, n,
            "{what}: requests of {} counted in its row",
            row.calloff.reference
        );
    }
    for reference in POOL {
        assert_eq!(
            store.calloff(id, reference).unwrap().as_ref(),
            model.calloffs.get(reference),
            "{what}: call-off {reference} of agreement {id:?}"
        );
        let want: Vec<Request> = model
            .requests
            .values()
            .filter(|r| r.calloff == reference)
            .cloned()
            .collect();
        assert_eq!(
            sorted(store.requests_of(id, reference).unwrap()),
            sorted(want),
            "{what}: requests of {reference} of agreement {id:?}"
        );
    }
}

/// The other stored agreements' snapshots, to compare after a write.
fn others(store: &Store, ids: &[Option<AgreementId>], this: usize) -> Vec<(usize, Snapshot)> {
    ids.iter()
        .enumerate()
        .filter(|(i, _)| *i != this)
        .filter_map(|(i, id)| id.map(|id| (i, snapshot(store, id))))
        .collect()
}

fn check_others(
    store: &Store,
    ids: &[Option<AgreementId>],
    before: &[(usize, Snapshot)],
    what: &str,
) {
    for (i, snap) in before {
        let id = ids[*i].unwrap();
        assert_eq!(
            &snapshot(store, id),
            snap,
            "{what} changed agreement UH-P-{i}'s call-offs or requests"
        );
    }
}

/// The step's call-offs, one per reference (the last given), and its requests, one per
/// key (the last given), all of agreement `a`.
fn records(a: &Agreement, contents: &Contents) -> (Vec<CallOff>, Vec<Request>) {
    let mut calloffs: BTreeMap<String, CallOff> = BTreeMap::new();
    for s in &contents.calloffs {
        let c = calloff(a, s);
        calloffs.insert(c.reference.clone(), c);
    }
    let calloffs: Vec<CallOff> = calloffs.into_values().collect();
    let mut requests: BTreeMap<RequestKey, Request> = BTreeMap::new();
    for s in &contents.requests {
        let r = request(a, &calloffs, s);
        requests.insert(key(&r), r);
    }
    (calloffs, requests.into_values().collect())
}

fn run(register: &Register) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("register.redb")).unwrap();
    let n = register.agreements.len();
    let mut agreements: Vec<Agreement> = register
        .agreements
        .iter()
        .enumerate()
        .map(|(i, s)| agreement(i, s))
        .collect();
    let mut ids: Vec<Option<AgreementId>> = vec![None; n];
    let mut models: Vec<Model> = vec![Model::default(); n];

    for (step, (i, contents)) in register.steps.iter().enumerate() {
        let i = *i;
        if ids[i].is_none() {
            let before = others(&store, &ids, i);
            let out = store.import_agreements(&[agreements[i].clone()]).unwrap();
            assert!(out[0].1, "UH-P-{i} is a new agreement");
            ids[i] = Some(out[0].0);
            agreements[i].id = out[0].0;
            check_others(
                &store,
                &ids,
                &before,
                &format!("step {step}: adding UH-P-{i}"),
            );
        }
        let a = &agreements[i];
        let (calloffs, requests) = records(a, contents);

        let what = format!("step {step}: the call-offs of UH-P-{i}");
        let before = others(&store, &ids, i);
        let count = store.import_calloffs(&calloffs).unwrap();
        let known = calloffs
            .iter()
            .filter(|c| models[i].calloffs.contains_key(&c.reference))
            .count();
        assert_eq!(
            count,
            ImportCount {
                new: calloffs.len() - known,
                updated: known
            },
            "{what}: new are those this agreement did not have"
        );
        for c in calloffs {
            models[i].calloffs.insert(c.reference.clone(), c);
        }
        check_others(&store, &ids, &before, &what);
        check_model(&store, a.id, &models[i], &what);

        if requests.is_empty() {
            continue;
        }
        let what = format!("step {step}: the requests of UH-P-{i}");
        let before = others(&store, &ids, i);
        let count = store.import_requests(&requests).unwrap();
        let known = requests
            .iter()
            .filter(|r| models[i].requests.contains_key(&key(r)))
            .count();
        assert_eq!(
            count,
            ImportCount {
                new: requests.len() - known,
                updated: known
            },
            "{what}: new are those this agreement did not have"
        );
        for r in requests {
            models[i].requests.insert(key(&r), r);
        }
        check_others(&store, &ids, &before, &what);
        check_model(&store, a.id, &models[i], &what);
    }

    // Each agreement as a database holding only its own final data holds it.
    for (i, model) in models.iter().enumerate() {
        let alone_dir = tempfile::tempdir().unwrap();
        let alone = Store::open(&alone_dir.path().join("alone.redb")).unwrap();
        let mut a = agreements[i].clone();
        a.id = alone.import_agreements(&[a.clone()]).unwrap()[0].0;
        let calloffs: Vec<CallOff> = model
            .calloffs
            .values()
            .map(|c| CallOff {
                agreement: a.id,
                ..c.clone()
            })
            .collect();
        alone.import_calloffs(&calloffs).unwrap();
        let requests: Vec<Request> = model
            .requests
            .values()
            .map(|r| Request {
                agreement: a.id,
                ..r.clone()
            })
            .collect();
        if !requests.is_empty() {
            alone.import_requests(&requests).unwrap();
        }
        assert_eq!(
            snapshot(&store, agreements[i].id).without_id(),
            snapshot(&alone, a.id).without_id(),
            "UH-P-{i} in the shared register and alone"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, max_shrink_iters: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_import_touches_another_agreements_calloffs(register in register()) {
        run(&register);
    }
}

/// The case the issue reported, spelled out: the second agreement's AV-0001 is new and
/// the first agreement keeps its own.
#[test]
fn the_second_agreements_av_0001_is_its_own() {
    let spec = AgreementSpec {
        suppliers: vec![0, 1],
        hours: false,
        n: 2,
        two_lots: false,
    };
    let contents = |awarded: usize, answer: u8| Contents {
        calloffs: vec![CallOffSpec {
            pool: 0,
            day: 10,
            awarded: Some(awarded),
            extra: 1,
        }],
        requests: vec![RequestSpec {
            calloff: 0,
            supplier: 0,
            hours: 1,
            answer,
            answer_hours: 2,
        }],
    };
    run(&Register {
        agreements: vec![spec.clone(), spec],
        steps: vec![
            (0, contents(1, 1)),
            (1, contents(0, 2)),
            (0, contents(0, 0)),
        ],
    });
}
