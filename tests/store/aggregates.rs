//! The KPI aggregates kept on write against the stats module's pure `kpi_table` over the
//! same data: random call-offs, requests, saves, deletes and agreement changes, then
//! whole-month (and odd) periods at random as-of times must give identical tables.

use avtal::app::statistics::kpis;
use avtal::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use avtal::domain::supplier_report::{Hours, SupplierMonth};
use avtal::domain::*;
use avtal::stats::{KpiTable, Period, kpi_table};
use avtal::store::Store;
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration, Month, PrimitiveDateTime};

const ORGS: [&str; 4] = ["5560743089", "2021005448", "2120000142", "5565594230"];

fn org(i: usize) -> OrgNumber {
    OrgNumber::parse(ORGS[i % ORGS.len()]).unwrap()
}

fn agreement() -> Agreement {
    let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    // The fourth organisation is no supplier of the agreement: its requests count nowhere.
    a.suppliers = (0..3)
        .map(|i| Supplier {
            org_number: org(i),
            name: format!("S{i}"),
            contacts: vec![],
        })
        .collect();
    a.lots = vec![Lot {
        name: "Dev".into(),
        ranking: (0..3).map(org).collect(),
    }];
    a.response_time = ResponseTime::WorkingDays(2);
    a
}

fn base() -> PrimitiveDateTime {
    datetime!(2026-01-01 08:00)
}

/// A call-off `n`, requested `day` days into 2026 at `hour`.
fn calloff(a: AgreementId, n: u8, day: i64, awarded: Option<usize>, extra: u8) -> CallOff {
    let mut c = CallOff::new(
        &format!("C-{n}"),
        a,
        if extra % 7 == 0 { "Other" } else { "Dev" },
        "Olle",
        if extra % 5 == 0 {
            CallOffMethod::Competition
        } else {
            CallOffMethod::Ranking
        },
        base() + Duration::days(day) + Duration::hours(i64::from(extra % 9)),
    );
    c.awarded_supplier = awarded.map(org);
    c.delivery_due = Some(c.requested_at.date() + Duration::days(20));
    if extra % 3 != 0 {
        c.delivered_at = Some(c.requested_at.date() + Duration::days(i64::from(extra % 40)));
    }
    c.consultants = u32::from(extra % 4);
    c.replaced_due_to_complaint = u32::from(extra % 11 == 0);
    c.quality = (extra % 2 == 0).then_some(1 + extra % 5);
    c
}

fn request(calloff: u8, day: i64, supplier: usize, hours: i64, answer: u8) -> Request {
    let sent_at = base() + Duration::days(day) + Duration::hours(hours);
    let answered_at = sent_at + Duration::hours(hours * 7 % 100);
    Request {
        // Every test here stores one agreement, the first: #1.
        agreement: AgreementId(1),
        calloff: format!("C-{calloff}"),
        supplier: org(supplier),
        sent_at,
        answered_at: (answer % 3 != 0).then_some(answered_at),
        answer: match answer % 3 {
            1 => Some(Answer::Offer),
            2 => Some(Answer::Decline),
            _ => None,
        },
    }
}

#[derive(Debug, Clone)]
enum Op {
    Calloffs(Vec<(u8, i64, Option<usize>, u8)>),
    Requests(Vec<(u8, i64, usize, i64, u8)>),
    DeleteCalloff(u8),
    DeleteRequest(usize),
    ResponseTime(u32, bool),
    SwapRanking,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec((0u8..12, 0i64..200, prop::option::of(0usize..4), any::<u8>()), 1..8)
            .prop_map(Op::Calloffs),
        4 => prop::collection::vec((0u8..12, 0i64..200, 0usize..4, 0i64..80, any::<u8>()), 1..12)
            .prop_map(Op::Requests),
        1 => (0u8..12).prop_map(Op::DeleteCalloff),
        1 => (0usize..50).prop_map(Op::DeleteRequest),
        1 => (1u32..4, any::<bool>()).prop_map(|(n, h)| Op::ResponseTime(n, h)),
        1 => Just(Op::SwapRanking),
    ]
}

fn apply(store: &Store, a: &mut Agreement, op: &Op) {
    match op {
        Op::Calloffs(list) => {
            let cs: Vec<CallOff> = list
                .iter()
                .map(|&(n, d, s, e)| calloff(a.id, n, d, s, e))
                .collect();
            store.import_calloffs(&cs).unwrap();
        }
        Op::Requests(list) => {
            let (stored, _) = store.calloffs_and_requests(a.id).unwrap();
            let rs: Vec<Request> = list
                .iter()
                .filter(|(n, ..)| stored.iter().any(|c| c.reference == format!("C-{n}")))
                .map(|&(n, d, s, h, ans)| request(n, d, s, h, ans))
                .collect();
            if !rs.is_empty() {
                store.import_requests(&rs).unwrap();
            }
        }
        Op::DeleteCalloff(n) => {
            let _ = store.delete_calloff(a.id, &format!("C-{n}"));
        }
        Op::DeleteRequest(i) => {
            let (_, rs) = store.calloffs_and_requests(a.id).unwrap();
            if !rs.is_empty() {
                store.delete_request(&rs[i % rs.len()]).unwrap();
            }
        }
        Op::ResponseTime(n, hours) => {
            a.response_time = if *hours {
                ResponseTime::Hours(n * 24)
            } else {
                ResponseTime::WorkingDays(*n)
            };
            store.update_agreement(a).unwrap();
        }
        Op::SwapRanking => {
            a.lots[0].ranking.swap(0, 1);
            store.update_agreement(a).unwrap();
        }
    }
}

fn month(y: i32, m: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), 1).unwrap()
}

fn last_day(first: Date) -> Date {
    let next = if first.month() == Month::December {
        month(first.year() + 1, 1)
    } else {
        month(first.year(), u8::from(first.month()) + 1)
    };
    next - Duration::days(1)
}

fn reference(store: &Store, a: &Agreement, p: Period, as_of: PrimitiveDateTime) -> KpiTable {
    let (cs, rs) = store.calloffs_and_requests(a.id).unwrap();
    let reported = store.supplier_stats(a.id).unwrap();
    kpi_table(a, &cs, &rs, &reported, p, as_of)
}

fn setup() -> (tempfile::TempDir, Store, Agreement) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let mut a = agreement();
    a.id = store.insert_agreement(&a).unwrap();
    let months: Vec<SupplierMonth> = (1..=4)
        .map(|m| SupplierMonth {
            agreement: a.id,
            supplier: org(m as usize % 3),
            month: month(2026, m),
            requests: 3,
            answered_in_time: 2,
            consultants: 1,
            replaced_due_to_complaint: 0,
            sick_hours: Hours(800 * u64::from(m)),
            scheduled_hours: Hours(16_000),
        })
        .collect();
    store.import_supplier_stats(&months).unwrap();
    (dir, store, a)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn aggregates_give_the_stats_modules_table(
        ops in prop::collection::vec(op(), 1..10),
        periods in prop::collection::vec((1u8..=7, 0u8..4, 0i64..240, 0i64..24), 1..5),
    ) {
        let (_dir, store, mut a) = setup();
        for op in &ops {
            apply(&store, &mut a, op);
        }
        for (m, len, as_of_day, as_of_hour) in periods {
            let from = month(2026, m);
            let to = last_day(month(2026, (m + len).min(12)));
            let p = Period { from, to };
            let as_of = base() + Duration::days(as_of_day) + Duration::hours(as_of_hour);
            let fast = kpis(&store, &a, p, as_of).unwrap();
            prop_assert_eq!(fast, reference(&store, &a, p, as_of), "{:?} at {}", p, as_of);
        }
        // A period that is not whole months is exact too (aggregates are by day).
        let p = Period { from: date!(2026 - 02 - 10), to: date!(2026 - 05 - 03) };
        let as_of = datetime!(2026-04-01 12:00);
        prop_assert_eq!(
            kpis(&store, &a, p, as_of).unwrap(),
            reference(&store, &a, p, as_of)
        );
        // And a full rebuild lands where the incremental path did.
        let before = kpis(&store, &a, Period { from: month(2026, 1), to: date!(2026 - 12 - 31) }, as_of).unwrap();
        store.rebuild_aggregates().unwrap();
        let after = kpis(&store, &a, Period { from: month(2026, 1), to: date!(2026 - 12 - 31) }, as_of).unwrap();
        prop_assert_eq!(before, after);
    }
}

fn year() -> Period {
    Period {
        from: date!(2026 - 01 - 01),
        to: date!(2026 - 12 - 31),
    }
}

#[test]
fn deletes_take_their_counts_out() {
    let (_dir, store, a) = setup();
    store
        .import_calloffs(&[
            calloff(a.id, 1, 10, Some(1), 1),
            calloff(a.id, 2, 12, Some(0), 2),
        ])
        .unwrap();
    store
        .import_requests(&[
            request(1, 10, 0, 2, 2),
            request(1, 10, 1, 3, 1),
            request(2, 12, 0, 1, 0),
        ])
        .unwrap();
    let as_of = datetime!(2026-12-01 00:00);
    let k = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!(k.suppliers[0].requests, 2);
    assert_eq!(k.suppliers[0].not_answered_in_time, 1);
    assert_eq!(k.ranking.ranking_calloffs, 2);
    store.delete_calloff(a.id, "C-2").unwrap();
    let k = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!(k.suppliers[0].requests, 1);
    assert_eq!(k.suppliers[0].not_answered_in_time, 0);
    assert_eq!(k.suppliers[0].awarded, 0);
    assert_eq!(k.ranking.ranking_calloffs, 1);
    let (_, rs) = store.calloffs_and_requests(a.id).unwrap();
    store.delete_request(&rs[0]).unwrap();
    let k = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!(k, reference(&store, &a, year(), as_of));
    // Undo of the call-off delete puts everything back.
    let (c, rs) = store.delete_calloff(a.id, "C-1").unwrap();
    store.restore_calloff(&c, &rs).unwrap();
    assert_eq!(
        kpis(&store, &a, year(), as_of).unwrap(),
        reference(&store, &a, year(), as_of)
    );
}

#[test]
fn a_ranking_change_moves_compliance() {
    let (_dir, store, mut a) = setup();
    // Awarded rank 2 after rank 1 declined: compliant.
    store
        .import_calloffs(&[calloff(a.id, 1, 10, Some(1), 1)])
        .unwrap();
    store
        .import_requests(&[request(1, 10, 0, 1, 2), request(1, 10, 1, 2, 1)])
        .unwrap();
    let as_of = datetime!(2026-12-01 00:00);
    let k = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!((k.ranking.compliant, k.ranking.deviations), (1, 0));
    // The awarded supplier moves out of the lot: a deviation now.
    a.lots[0].ranking.retain(|o| *o != org(1));
    store.update_agreement(&a).unwrap();
    let k = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!((k.ranking.compliant, k.ranking.deviations), (0, 1));
    assert_eq!(k, reference(&store, &a, year(), as_of));
}

#[test]
fn pending_turns_late_as_the_as_of_time_passes() {
    let (_dir, store, a) = setup();
    store
        .import_calloffs(&[calloff(a.id, 1, 91, None, 1)])
        .unwrap();
    // Sent Thursday 2026-04-02 with 2 working days: deadline 2026-04-08 23:59:59.
    let mut r = request(1, 91, 0, 6, 0);
    r.sent_at = datetime!(2026-04-02 14:00);
    store.import_requests(&[r]).unwrap();
    let k = |t| kpis(&store, &a, year(), t).unwrap().suppliers[0].clone();
    assert_eq!(
        (
            k(datetime!(2026-04-08 23:59:59)).pending,
            k(datetime!(2026-04-08 23:59:59)).not_answered_in_time
        ),
        (1, 0)
    );
    assert_eq!(
        (
            k(datetime!(2026-04-09 00:00)).pending,
            k(datetime!(2026-04-09 00:00)).not_answered_in_time
        ),
        (0, 1)
    );
}

#[test]
fn a_file_without_aggregates_gets_them_on_open() {
    use redb::{ReadableDatabase as _, TableDefinition};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.redb");
    let as_of = datetime!(2026-05-01 00:00);
    let (a, want) = {
        let store = Store::open(&path).unwrap();
        let mut a = agreement();
        a.id = store.insert_agreement(&a).unwrap();
        store
            .import_calloffs(&[
                calloff(a.id, 1, 10, Some(1), 1),
                calloff(a.id, 2, 40, Some(2), 4),
            ])
            .unwrap();
        store
            .import_requests(&[request(1, 10, 0, 2, 2), request(2, 40, 1, 3, 0)])
            .unwrap();
        let want = kpis(&store, &a, year(), as_of).unwrap();
        (a, want)
    };
    {
        // As an older avtal left it: no flag, no aggregate tables.
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        let meta: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
        txn.open_table(meta)
            .unwrap()
            .remove("aggregates_v1")
            .unwrap();
        for t in ["agg_supplier_days", "agg_ranking_days", "agg_not_in_time"] {
            txn.delete_table(redb::TableDefinition::<(), ()>::new(t))
                .ok();
        }
        txn.commit().unwrap();
        let _ = db.begin_read().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let got = kpis(&store, &a, year(), as_of).unwrap();
    assert_eq!(got, want);
    assert_eq!(got.suppliers[1].requests, 1);
}
