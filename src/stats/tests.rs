use super::*;
use crate::domain::calloff::tests::org;
use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::supplier_report::{Hours, SupplierMonth};
use crate::domain::{Agreement, AgreementId, Lot, OrgNumber, ResponseTime, Supplier};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration, PrimitiveDateTime};

const ID: AgreementId = AgreementId(7);
const APRIL: Period = Period {
    from: date!(2026 - 04 - 01),
    to: date!(2026 - 04 - 30),
};
/// Sent Thursday 04-02 14:00 with 2 working days: deadline 04-08 23:59:59.
const SENT: PrimitiveDateTime = datetime!(2026-04-02 14:00);
const BEFORE_DEADLINE: PrimitiveDateTime = datetime!(2026-04-08 12:00);
const AFTER_DEADLINE: PrimitiveDateTime = datetime!(2026-04-09 00:00);

fn agreement() -> Agreement {
    let mut a = Agreement::new("UH-1", "IT", date!(2026 - 01 - 01), date!(2027 - 12 - 31));
    a.id = ID;
    a.response_time = ResponseTime::WorkingDays(2);
    a.suppliers = (1..=3)
        .map(|i| Supplier {
            org_number: org(i),
            name: format!("S{i}"),
            contacts: Vec::new(),
        })
        .collect();
    a.lots = vec![Lot {
        name: "IT".into(),
        ranking: vec![org(1), org(2)],
    }];
    a
}

fn calloff(reference: &str, requested: PrimitiveDateTime, awarded: Option<u32>) -> CallOff {
    let mut c = CallOff::new(
        reference,
        ID,
        "IT",
        "Kim",
        CallOffMethod::Ranking,
        requested,
    );
    c.awarded_supplier = awarded.map(org);
    c
}

fn request(calloff: &str, supplier: u32, answer: Option<(Answer, PrimitiveDateTime)>) -> Request {
    Request {
        agreement: AgreementId(1),
        calloff: calloff.into(),
        supplier: org(supplier),
        sent_at: SENT,
        answered_at: answer.map(|(_, t)| t),
        answer: answer.map(|(a, _)| a),
    }
}

fn month(supplier: u32, first: Date, sick: u64, scheduled: u64) -> SupplierMonth {
    SupplierMonth {
        agreement: ID,
        supplier: org(supplier),
        month: first,
        requests: 0,
        answered_in_time: 0,
        consultants: 0,
        replaced_due_to_complaint: 0,
        sick_hours: Hours(sick),
        scheduled_hours: Hours(scheduled),
    }
}

fn table(c: &[CallOff], r: &[Request], m: &[SupplierMonth], as_of: PrimitiveDateTime) -> KpiTable {
    kpi_table(&agreement(), c, r, m, APRIL, as_of)
}

fn of(t: &KpiTable, supplier: u32) -> &SupplierKpis {
    let o: OrgNumber = org(supplier);
    t.suppliers.iter().find(|s| s.org_number == o).unwrap()
}

#[test]
fn requests_by_state_and_the_as_of_time() {
    let c = [calloff("A-1", SENT, None)];
    let r = [
        request(
            "A-1",
            1,
            Some((Answer::Decline, datetime!(2026-04-03 09:00))),
        ),
        request("A-1", 2, None),
        // Answered late: pending before the deadline, not in time after it.
        request("A-1", 3, Some((Answer::Offer, datetime!(2026-04-10 09:00)))),
    ];
    let early = table(&c, &r, &[], BEFORE_DEADLINE);
    assert_eq!(of(&early, 1).answered_in_time, 1);
    assert_eq!(of(&early, 1).answered_in_time_share, Some(1.0));
    assert_eq!((of(&early, 2).requests, of(&early, 2).pending), (1, 1));
    assert_eq!(of(&early, 2).answered_in_time_share, None);
    assert_eq!(of(&early, 3).pending, 1);
    let late = table(&c, &r, &[], AFTER_DEADLINE);
    assert_eq!(of(&late, 2).not_answered_in_time, 1);
    assert_eq!(of(&late, 2).answered_in_time_share, Some(0.0));
    assert_eq!(of(&late, 3).not_answered_in_time, 1);
}

#[test]
fn requests_outside_the_period_or_the_agreement_do_not_count() {
    let c = [calloff("A-1", SENT, None)];
    let mut outside = request("A-1", 1, None);
    outside.sent_at = datetime!(2026-05-01 00:00);
    let mut last_day = request("A-1", 1, None);
    last_day.sent_at = datetime!(2026-04-30 23:59);
    let stranger = request("A-1", 99, None);
    let other_calloff = request("B-1", 1, None);
    let t = table(
        &c,
        &[outside, last_day, stranger, other_calloff],
        &[],
        AFTER_DEADLINE,
    );
    assert_eq!(of(&t, 1).requests, 1);
}

#[test]
fn awards_deliveries_and_on_time() {
    let mut on_time = calloff("A-1", SENT, Some(1));
    on_time.delivery_due = Some(date!(2026 - 05 - 01));
    on_time.delivered_at = Some(date!(2026 - 05 - 01));
    let mut late = calloff("A-2", SENT, Some(1));
    late.delivery_due = Some(date!(2026 - 05 - 01));
    late.delivered_at = Some(date!(2026 - 05 - 02));
    let mut no_due = calloff("A-3", SENT, Some(1));
    no_due.delivered_at = Some(date!(2026 - 05 - 02));
    let undelivered = calloff("A-4", SENT, Some(1));
    let next_month = calloff("A-5", datetime!(2026-05-01 08:00), Some(1));
    let t = table(
        &[on_time, late, no_due, undelivered, next_month],
        &[],
        &[],
        // Deliveries recorded after the as-of time still count.
        datetime!(2026-04-05 00:00),
    );
    let s = of(&t, 1);
    assert_eq!((s.awarded, s.delivered, s.on_time), (4, 3, 1));
}

#[test]
fn consultants_replacements_and_quality() {
    let mut a = calloff("A-1", SENT, Some(1));
    (a.consultants, a.replaced_due_to_complaint, a.quality) = (3, 1, Some(4));
    let mut b = calloff("A-2", SENT, Some(1));
    (b.consultants, b.replaced_due_to_complaint, b.quality) = (1, 0, Some(5));
    let mut c = calloff("A-3", SENT, Some(2));
    (c.consultants, c.replaced_due_to_complaint) = (1, 3);
    let t = table(&[a, b, c], &[], &[], AFTER_DEADLINE);
    let s1 = of(&t, 1);
    assert_eq!((s1.consultants, s1.replaced_due_to_complaint), (4, 1));
    assert_eq!(s1.replaced_share, Some(0.25));
    assert_eq!(s1.quality_mean, Some(4.5));
    // More replaced than started: the share stops at 1.
    assert_eq!(of(&t, 2).replaced_share, Some(1.0));
    assert_eq!(of(&t, 2).quality_mean, None);
}

#[test]
fn sick_leave_from_months_starting_in_the_period() {
    let m = [
        month(1, date!(2026 - 04 - 01), 800, 16_000),
        month(1, date!(2026 - 03 - 01), 16_000, 16_000),
        month(1, date!(2026 - 05 - 01), 16_000, 16_000),
        month(2, date!(2026 - 04 - 01), 0, 0),
    ];
    let t = table(&[], &[], &m, AFTER_DEADLINE);
    assert_eq!(of(&t, 1).sick_leave_share, Some(0.05));
    // Reported, but 0 of 0 hours.
    assert_eq!(of(&t, 2).sick_leave_share, None);
    assert_eq!(of(&t, 3).sick_leave_share, None);
    // A period starting mid-month leaves that month out.
    let mid = Period {
        from: date!(2026 - 04 - 02),
        to: date!(2026 - 05 - 31),
    };
    let t = kpi_table(&agreement(), &[], &[], &m, mid, AFTER_DEADLINE);
    assert_eq!(of(&t, 1).sick_leave_share, Some(1.0));
}

#[test]
fn ranking_figures() {
    // A-1 compliant (rank 1 declined in time), A-2 not_asked, A-3 competition,
    // A-4 not awarded, A-5 outside the period, A-6 awarded outside the lot.
    let calloffs = [
        calloff("A-1", SENT, Some(2)),
        calloff("A-2", SENT, Some(2)),
        CallOff {
            method: CallOffMethod::Competition,
            ..calloff("A-3", SENT, Some(2))
        },
        calloff("A-4", SENT, None),
        calloff("A-5", datetime!(2026-03-31 23:59), Some(2)),
        calloff("A-6", SENT, Some(3)),
    ];
    let r = [request(
        "A-1",
        1,
        Some((Answer::Decline, datetime!(2026-04-03 09:00))),
    )];
    let t = table(&calloffs, &r, &[], AFTER_DEADLINE);
    assert_eq!(
        t.ranking,
        RankingKpis {
            ranking_calloffs: 3,
            compliant: 1,
            deviations: 2,
            compliance_share: Some(1.0 / 3.0),
        }
    );
    let empty = table(&[], &[], &[], AFTER_DEADLINE);
    assert_eq!(empty.ranking.compliance_share, None);
}

#[test]
fn every_supplier_gets_a_row_even_without_activity() {
    let t = table(&[], &[], &[], AFTER_DEADLINE);
    assert_eq!(t.suppliers.len(), 3);
    assert_eq!(t.suppliers[2], SupplierKpis::nothing_yet(&org(3), "S3"));
}

#[test]
fn the_suppliers_report_beside_the_register() {
    let mut c = calloff("A-1", SENT, Some(1));
    (c.consultants, c.replaced_due_to_complaint) = (2, 1);
    let r = [
        request("A-1", 1, Some((Answer::Offer, datetime!(2026-04-03 09:00)))),
        request("A-1", 2, None),
    ];
    let mut april = month(1, date!(2026 - 04 - 01), 0, 0);
    (april.requests, april.answered_in_time, april.consultants) = (3, 1, 2);
    let may = month(1, date!(2026 - 05 - 01), 0, 0);
    let out = compare_reported(&agreement(), &[c], &r, &[may, april]);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].month, date!(2026 - 04 - 01));
    assert_eq!(
        out[0].register,
        Figures {
            requests: 1,
            answered_in_time: 1,
            consultants: 2,
            replaced_due_to_complaint: 1
        }
    );
    let d = out[0].differences();
    assert_eq!(
        (
            d.requests,
            d.answered_in_time,
            d.consultants,
            d.replaced_due_to_complaint
        ),
        (2, 0, 0, -1)
    );
    assert!(out[1].differences().is_zero());
}

fn arbitrary_request() -> impl Strategy<Value = Request> {
    (
        1u32..=4,
        0i64..90 * 24,
        proptest::option::of((any::<bool>(), 0i64..200)),
    )
        .prop_map(|(s, sent, answer)| {
            let sent_at = datetime!(2026-03-15 00:00) + Duration::hours(sent);
            Request {
                agreement: AgreementId(1),
                calloff: format!("A-{}", sent % 7),
                supplier: org(s),
                sent_at,
                answered_at: answer.map(|(_, h)| sent_at + Duration::hours(h)),
                answer: answer.map(|(o, _)| if o { Answer::Offer } else { Answer::Decline }),
            }
        })
}

fn arbitrary_calloff() -> impl Strategy<Value = CallOff> {
    (
        0usize..7,
        0i64..90,
        proptest::option::of(1u32..=4),
        any::<bool>(),
        0u32..5,
        0u32..5,
    )
        .prop_map(|(n, day, awarded, ranking, consultants, replaced)| {
            let mut c = calloff(
                &format!("A-{n}"),
                datetime!(2026-03-15 09:00) + Duration::days(day),
                awarded,
            );
            if !ranking {
                c.method = CallOffMethod::Competition;
            }
            (c.consultants, c.replaced_due_to_complaint) = (consultants, replaced);
            c
        })
}

proptest! {
    #[test]
    fn the_counts_add_up_and_shares_stay_in_range(
        calloffs in proptest::collection::vec(arbitrary_calloff(), 0..7),
        requests in proptest::collection::vec(arbitrary_request(), 0..30),
        as_of_hours in 0i64..2_000,
    ) {
        let as_of = datetime!(2026-03-15 00:00) + Duration::hours(as_of_hours);
        let t = table(&calloffs, &requests, &[], as_of);
        let k = &t.ranking;
        prop_assert_eq!(k.compliant + k.deviations, k.ranking_calloffs);
        let in_range = |s: Option<f64>| s.is_none_or(|v| (0.0..=1.0).contains(&v));
        prop_assert!(in_range(k.compliance_share));
        for s in &t.suppliers {
            prop_assert_eq!(s.answered_in_time + s.not_answered_in_time + s.pending, s.requests);
            prop_assert!(s.on_time <= s.delivered && s.delivered <= s.awarded);
            prop_assert!(in_range(s.answered_in_time_share));
            prop_assert!(in_range(s.replaced_share));
            prop_assert!(in_range(s.sick_leave_share));
        }
        // A later as-of only moves requests from pending to not answered in time.
        let later = table(&calloffs, &requests, &[], as_of + Duration::hours(100));
        for (a, b) in t.suppliers.iter().zip(&later.suppliers) {
            prop_assert_eq!(a.answered_in_time, b.answered_in_time);
            prop_assert!(b.pending <= a.pending);
        }
    }
}

#[test]
fn a_share_is_one_whole_percentage_everywhere() {
    use crate::stats::{share, whole_percent};
    assert_eq!(share(2, 3).map(whole_percent), Some(67));
    assert_eq!(share(1, 3).map(whole_percent), Some(33));
    assert_eq!(
        share(1, 8).map(whole_percent),
        Some(12),
        "a tie to the even one"
    );
    assert_eq!(share(3, 8).map(whole_percent), Some(38));
    assert_eq!(share(0, 0), None);
    // The table's words and the chart's number agree.
    assert_eq!(
        format!("{:.0}", 2.0 / 3.0 * 100.0),
        whole_percent(2.0 / 3.0).to_string()
    );
}

/// The trend chart's share and the table's are one figure from the same counters: 2 of 3
/// in time is 67 % in both (the chart used to cut it to 66 where the table rounded).
#[test]
fn the_trend_and_the_table_show_the_same_percentage() {
    use crate::domain::counts::{
        AggregateMonths, Counts, MonthFigures, PeriodCounts, RankingCounts, SupplierPeriod,
    };
    let a = agreement();
    for (n, d) in [(2, 3), (1, 3), (1, 8), (5, 7), (199, 200), (0, 4), (4, 4)] {
        let counts = Counts {
            requests: d + 1,
            answered_in_time: n,
            // One of those without an in-time answer is still pending.
            not_in_time: d - n + 1,
            ..Counts::default()
        };
        let ranking = RankingCounts {
            ranking_calloffs: d,
            compliant: n,
            deviations: d - n,
        };
        let month = APRIL.from;
        let months = AggregateMonths {
            suppliers: vec![MonthFigures {
                supplier: 0,
                month,
                counts,
                pending: 1,
            }],
            ranking: [(month, ranking)].into(),
        };
        let trend = trends(&months, &[month], None)[0];
        let period = PeriodCounts {
            suppliers: vec![SupplierPeriod {
                counts,
                pending: 1,
                ..SupplierPeriod::default()
            }],
            ranking,
        };
        let table = kpi_from_counts(&a, &period);
        let in_time = table.suppliers[0].answered_in_time_share.map(whole_percent);
        assert_eq!(trend.answered_in_time_percent, in_time, "{n}/{d}");
        let compliance = table.ranking.compliance_share.map(whole_percent);
        assert_eq!(trend.compliance_percent, compliance, "{n}/{d}");
    }
    let two_of_three = AggregateMonths {
        suppliers: vec![MonthFigures {
            supplier: 0,
            month: APRIL.from,
            counts: Counts {
                requests: 3,
                answered_in_time: 2,
                not_in_time: 1,
                ..Counts::default()
            },
            pending: 0,
        }],
        ranking: Default::default(),
    };
    let trend = trends(&two_of_three, &[APRIL.from], None)[0];
    assert_eq!(trend.answered_in_time_percent, Some(67));
    assert_eq!(trend.compliance_percent, None);
}
