//! Ranking compliance (avrop enligt rangordning), DESIGN §4.
//!
//! Decisions where DESIGN leaves room, fixed here so that every caller (report,
//! UI, stats) and an independent implementation can agree call-off by call-off:
//! - Only requests whose `calloff` equals the call-off's `reference` count; the
//!   caller may pass all requests of the agreement.
//! - A supplier with several requests *was asked* when it has at least one, and
//!   *made an in-time offer* when ANY of its requests was answered `offer` at or
//!   before that request's own deadline. A later decline does not withdraw an
//!   in-time offer: the cascade had to stop at that supplier.
//! - `kinds` is a set, listed in the fixed order `not_asked`, `offer_passed_over`,
//!   `not_in_lot` (the order of DESIGN §4 and of `DeviationKind`), each at most once.
//! - `suppliers` lists each supplier a kind is about once, by rank in the lot
//!   (rank 1 first); for `not_in_lot` it is just the awarded supplier.
//! - Requests to the awarded supplier itself and to suppliers ranked below it
//!   never change the outcome; neither does the as-of time.

use super::agreement::{Agreement, Lot};
use super::calloff::{CallOff, CallOffMethod, Request};
use super::orgnr::OrgNumber;
use super::response_time::ResponseTime;

/// What a ranking deviation consists of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviationKind {
    /// A higher-ranked supplier was never asked.
    NotAsked,
    /// A higher-ranked supplier made an in-time offer but was not awarded.
    OfferPassedOver,
    /// The awarded supplier is not ranked in the call-off's lot.
    NotInLot,
}

impl DeviationKind {
    pub const ALL: [DeviationKind; 3] = [
        DeviationKind::NotAsked,
        DeviationKind::OfferPassedOver,
        DeviationKind::NotInLot,
    ];

    /// The file form (and the suffix of its message key).
    pub fn key(self) -> &'static str {
        match self {
            DeviationKind::NotAsked => "not_asked",
            DeviationKind::OfferPassedOver => "offer_passed_over",
            DeviationKind::NotInLot => "not_in_lot",
        }
    }

    pub fn from_key(s: &str) -> Option<DeviationKind> {
        DeviationKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// The ranking verdict on one call-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankingOutcome {
    /// Renewed competition, or nothing awarded yet: neither compliant nor a deviation.
    NotAssessed,
    Compliant,
    Deviation {
        /// Distinct kinds, in `DeviationKind` order.
        kinds: Vec<DeviationKind>,
        /// The suppliers the kinds are about, distinct, in rank order.
        suppliers: Vec<OrgNumber>,
        /// A reason is documented; a motivated deviation is still a deviation.
        motivated: bool,
    },
}

impl RankingOutcome {
    pub fn is_deviation(&self) -> bool {
        matches!(self, RankingOutcome::Deviation { .. })
    }
}

/// Assesses `calloff` against the ranking of `lot` (the call-off's lot, chosen by
/// the caller), with `requests` and the agreement's `response_time`.
pub fn assess_ranking<'r>(
    calloff: &CallOff,
    lot: &Lot,
    requests: impl IntoIterator<Item = &'r Request>,
    response_time: ResponseTime,
) -> RankingOutcome {
    assess_against(calloff, &lot.ranking, requests, response_time)
}

/// As [`assess_ranking`], against `ranking` (rank 1 first).
fn assess_against<'r>(
    calloff: &CallOff,
    ranking: &[OrgNumber],
    requests: impl IntoIterator<Item = &'r Request>,
    response_time: ResponseTime,
) -> RankingOutcome {
    if calloff.method == CallOffMethod::Competition {
        return RankingOutcome::NotAssessed;
    }
    let Some(awarded) = &calloff.awarded_supplier else {
        return RankingOutcome::NotAssessed;
    };
    let motivated = calloff.has_deviation_reason();
    let Some(rank) = ranking.iter().position(|o| o == awarded).map(|i| i + 1) else {
        // The other kinds are not assessed: there is no rank to cascade down to.
        return RankingOutcome::Deviation {
            kinds: vec![DeviationKind::NotInLot],
            suppliers: vec![awarded.clone()],
            motivated,
        };
    };

    let own: Vec<&Request> = requests
        .into_iter()
        .filter(|r| r.calloff == calloff.reference)
        .collect();
    let mut kinds = Vec::new();
    let mut suppliers: Vec<OrgNumber> = Vec::new();
    // `rank` is 1-based, so the first `rank - 1` entries are the higher-ranked ones.
    for higher in ranking.iter().take(rank - 1) {
        let theirs = || own.iter().filter(|r| &r.supplier == higher);
        let kind = if theirs().next().is_none() {
            DeviationKind::NotAsked
        } else if theirs().any(|r| r.is_in_time_offer(response_time)) {
            DeviationKind::OfferPassedOver
        } else {
            continue;
        };
        kinds.push(kind);
        // A lot that lists a supplier twice must not name it twice.
        if !suppliers.contains(higher) {
            suppliers.push(higher.clone());
        }
    }
    if kinds.is_empty() {
        return RankingOutcome::Compliant;
    }
    kinds.sort();
    kinds.dedup();
    RankingOutcome::Deviation {
        kinds,
        suppliers,
        motivated,
    }
}

/// `assess_ranking` with the call-off's lot and response time taken from its
/// agreement. A lot the agreement does not have ranks nobody, so an award there
/// is `not_in_lot`.
pub fn assess_in_agreement<'r>(
    calloff: &CallOff,
    agreement: &Agreement,
    requests: impl IntoIterator<Item = &'r Request>,
) -> RankingOutcome {
    // The ranking in force when the call-off was requested: a later change never
    // rewrites its outcome. A lot that did not exist then ranks no one.
    let ranking = agreement
        .ranking_at(&calloff.lot, calloff.requested_at.date())
        .unwrap_or_default();
    assess_against(calloff, ranking, requests, agreement.response_time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AgreementId;
    use crate::domain::calloff::Answer;
    use crate::domain::calloff::tests::org;
    use proptest::prelude::*;
    use time::macros::datetime;
    use time::{Duration, PrimitiveDateTime};

    const RT: ResponseTime = ResponseTime::WorkingDays(2);
    const SENT: PrimitiveDateTime = datetime!(2026-04-02 14:00);
    const DEADLINE: PrimitiveDateTime = datetime!(2026-04-08 23:59:59);
    const LATE: PrimitiveDateTime = datetime!(2026-04-09 00:00);

    fn lot(n: u32) -> Lot {
        Lot {
            name: "IT".into(),
            ranking: (1..=n).map(org).collect(),
        }
    }

    fn calloff(awarded: Option<u32>) -> CallOff {
        let mut c = CallOff::new(
            "A-1",
            AgreementId(1),
            "IT",
            "Kim",
            CallOffMethod::Ranking,
            SENT,
        );
        c.awarded_supplier = awarded.map(org);
        c
    }

    fn ask(supplier: u32, answer: Option<(Answer, PrimitiveDateTime)>) -> Request {
        Request {
            agreement: crate::domain::AgreementId(1),
            calloff: "A-1".into(),
            supplier: org(supplier),
            sent_at: SENT,
            answered_at: answer.map(|(_, at)| at),
            answer: answer.map(|(a, _)| a),
        }
    }

    fn deviation(kinds: &[DeviationKind], suppliers: &[u32], motivated: bool) -> RankingOutcome {
        RankingOutcome::Deviation {
            kinds: kinds.to_vec(),
            suppliers: suppliers.iter().copied().map(org).collect(),
            motivated,
        }
    }

    use DeviationKind::*;

    #[test]
    fn competition_and_unawarded_call_offs_are_not_assessed() {
        let mut c = calloff(Some(3));
        c.method = CallOffMethod::Competition;
        assert_eq!(
            assess_ranking(&c, &lot(3), &[], RT),
            RankingOutcome::NotAssessed
        );
        assert_eq!(
            assess_ranking(&calloff(None), &lot(3), &[], RT),
            RankingOutcome::NotAssessed
        );
    }

    #[test]
    fn rank_one_awarded_is_compliant_even_unasked() {
        assert_eq!(
            assess_ranking(&calloff(Some(1)), &lot(3), &[], RT),
            RankingOutcome::Compliant
        );
    }

    #[test]
    fn cascade_past_decline_late_offer_and_silence_is_compliant() {
        let reqs = [
            ask(1, Some((Answer::Decline, datetime!(2026-04-03 09:00)))),
            ask(2, Some((Answer::Offer, LATE))),
            ask(3, None),
            ask(4, Some((Answer::Offer, DEADLINE))),
        ];
        assert_eq!(
            assess_ranking(&calloff(Some(4)), &lot(5), &reqs, RT),
            RankingOutcome::Compliant
        );
    }

    #[test]
    fn not_asked_names_the_supplier_skipped() {
        let reqs = [ask(1, Some((Answer::Decline, DEADLINE)))];
        assert_eq!(
            assess_ranking(&calloff(Some(3)), &lot(3), &reqs, RT),
            deviation(&[NotAsked], &[2], false)
        );
    }

    #[test]
    fn offer_exactly_at_the_deadline_is_passed_over_one_second_later_is_not() {
        let reqs = [ask(1, Some((Answer::Offer, DEADLINE)))];
        assert_eq!(
            assess_ranking(&calloff(Some(2)), &lot(2), &reqs, RT),
            deviation(&[OfferPassedOver], &[1], false)
        );
        let reqs = [ask(1, Some((Answer::Offer, LATE)))];
        assert_eq!(
            assess_ranking(&calloff(Some(2)), &lot(2), &reqs, RT),
            RankingOutcome::Compliant
        );
    }

    #[test]
    fn design_example_deadline_decides_the_offer() {
        // Sent Thursday before Easter, 2 working days: an offer on Tuesday 04-07
        // (only the first working day) and on Wednesday 23:59:59 are both in time.
        for at in [datetime!(2026-04-07 08:00), datetime!(2026-04-08 23:59:59)] {
            let reqs = [ask(1, Some((Answer::Offer, at)))];
            assert!(assess_ranking(&calloff(Some(2)), &lot(2), &reqs, RT).is_deviation());
        }
    }

    #[test]
    fn not_in_lot_is_the_only_kind_and_names_the_awarded_supplier() {
        // Rank 1 was not asked and rank 2 offered in time: not assessed once not in lot.
        let reqs = [ask(2, Some((Answer::Offer, DEADLINE)))];
        assert_eq!(
            assess_ranking(&calloff(Some(9)), &lot(3), &reqs, RT),
            deviation(&[NotInLot], &[9], false)
        );
    }

    #[test]
    fn several_kinds_are_listed_once_in_kind_order_suppliers_in_rank_order() {
        let reqs = [
            ask(1, Some((Answer::Offer, datetime!(2026-04-03 09:00)))),
            ask(3, Some((Answer::Offer, DEADLINE))),
        ];
        assert_eq!(
            assess_ranking(&calloff(Some(5)), &lot(5), &reqs, RT),
            deviation(&[NotAsked, OfferPassedOver], &[1, 2, 3, 4], false)
        );
    }

    #[test]
    fn several_requests_to_one_supplier() {
        // Any request counts as asked; any in-time offer counts, a later decline
        // or a late repeat does not take it back.
        let reqs = [
            ask(1, Some((Answer::Offer, datetime!(2026-04-03 09:00)))),
            ask(1, Some((Answer::Decline, datetime!(2026-04-03 10:00)))),
        ];
        assert_eq!(
            assess_ranking(&calloff(Some(2)), &lot(2), &reqs, RT),
            deviation(&[OfferPassedOver], &[1], false)
        );
        let reqs = [ask(1, None), ask(1, Some((Answer::Decline, DEADLINE)))];
        assert_eq!(
            assess_ranking(&calloff(Some(2)), &lot(2), &reqs, RT),
            RankingOutcome::Compliant
        );
    }

    #[test]
    fn requests_of_other_call_offs_do_not_count() {
        let mut other = ask(1, Some((Answer::Decline, DEADLINE)));
        other.calloff = "A-2".into();
        assert_eq!(
            assess_ranking(&calloff(Some(2)), &lot(2), &[other], RT),
            deviation(&[NotAsked], &[1], false)
        );
    }

    #[test]
    fn a_motivated_deviation_is_still_a_deviation_and_blank_is_no_reason() {
        let mut c = calloff(Some(2));
        c.deviation_reason = Some("Rank 1 had no consultant with the clearance".into());
        assert_eq!(
            assess_ranking(&c, &lot(2), &[], RT),
            deviation(&[NotAsked], &[1], true)
        );
        c.deviation_reason = Some(" \t".into());
        assert_eq!(
            assess_ranking(&c, &lot(2), &[], RT),
            deviation(&[NotAsked], &[1], false)
        );
        c.awarded_supplier = Some(org(7));
        c.deviation_reason = Some("Framework lacked the role".into());
        assert_eq!(
            assess_ranking(&c, &lot(2), &[], RT),
            deviation(&[NotInLot], &[7], true)
        );
    }

    #[test]
    fn in_agreement_uses_its_lot_and_response_time_and_a_missing_lot_ranks_nobody() {
        let mut a = Agreement::new(
            "2025-001",
            "IT-konsulter",
            time::macros::date!(2025 - 01 - 01),
            time::macros::date!(2028 - 12 - 31),
        );
        a.response_time = ResponseTime::Hours(1);
        a.lots = vec![lot(2)];
        // In time under 2 working days, late under the agreement's 1 hour.
        let reqs = [ask(1, Some((Answer::Offer, datetime!(2026-04-03 09:00))))];
        assert_eq!(
            assess_in_agreement(&calloff(Some(2)), &a, &reqs),
            RankingOutcome::Compliant
        );
        let mut c = calloff(Some(1));
        c.lot = "Missing".into();
        assert_eq!(
            assess_in_agreement(&c, &a, &reqs),
            deviation(&[NotInLot], &[1], false)
        );
    }

    #[test]
    fn kind_keys_round_trip() {
        for k in DeviationKind::ALL {
            assert_eq!(DeviationKind::from_key(k.key()), Some(k));
        }
        assert_eq!(
            DeviationKind::ALL.map(DeviationKind::key),
            ["not_asked", "offer_passed_over", "not_in_lot"]
        );
    }

    /// How one higher-ranked supplier may let the cascade pass.
    fn passing() -> impl Strategy<Value = Option<(Answer, PrimitiveDateTime)>> {
        prop_oneof![
            Just(None),
            Just(Some((Answer::Decline, datetime!(2026-04-03 09:00)))),
            Just(Some((Answer::Decline, LATE))),
            Just(Some((Answer::Offer, LATE))),
            Just(Some((Answer::Offer, datetime!(2026-05-01 12:00)))),
        ]
    }

    /// Any answer at all, in time or not.
    fn any_answer() -> impl Strategy<Value = Option<(Answer, PrimitiveDateTime)>> {
        prop_oneof![
            passing(),
            Just(Some((Answer::Offer, DEADLINE))),
            Just(Some((Answer::Offer, datetime!(2026-04-03 09:00)))),
        ]
    }

    proptest! {
        #[test]
        fn first_in_time_offer_after_a_passed_cascade_is_compliant(
            before in proptest::collection::vec(passing(), 0..6),
            extra in 0u32..4,
            winner_answer in any_answer(),
        ) {
            let k = before.len() as u32 + 1;
            let mut reqs: Vec<Request> = before
                .iter()
                .enumerate()
                .map(|(i, a)| ask(i as u32 + 1, *a))
                .collect();
            reqs.push(ask(k, winner_answer));
            let c = calloff(Some(k));
            prop_assert_eq!(assess_ranking(&c, &lot(k + extra), &reqs, RT), RankingOutcome::Compliant);
        }

        #[test]
        fn awarding_below_an_in_time_offer_names_that_offer(
            answers in proptest::collection::vec(any_answer(), 1..6),
            j in 0usize..6,
            below in 1u32..4,
        ) {
            let mut answers = answers;
            let j = j % answers.len();
            answers[j] = Some((Answer::Offer, DEADLINE));
            let reqs: Vec<Request> = answers
                .iter()
                .enumerate()
                .map(|(i, a)| ask(i as u32 + 1, *a))
                .collect();
            let k = answers.len() as u32 + below;
            let outcome = assess_ranking(&calloff(Some(k)), &lot(k), &reqs, RT);
            match outcome {
                RankingOutcome::Deviation { kinds, suppliers, motivated } => {
                    prop_assert!(kinds.contains(&OfferPassedOver));
                    prop_assert!(suppliers.contains(&org(j as u32 + 1)));
                    prop_assert!(!motivated);
                }
                other => prop_assert!(false, "expected a deviation, got {:?}", other),
            }
        }

        #[test]
        fn requests_to_lower_ranked_or_the_awarded_supplier_change_nothing(
            answers in proptest::collection::vec(proptest::option::of(any_answer()), 0..6),
            k in 1u32..7,
            extra in proptest::collection::vec((0u32..4, any_answer()), 0..6),
        ) {
            let n = 10;
            let reqs: Vec<Request> = answers
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.map(|a| ask(i as u32 + 1, a)))
                .collect();
            let c = calloff(Some(k));
            let base = assess_ranking(&c, &lot(n), &reqs, RT);
            let mut more = reqs.clone();
            more.extend(extra.iter().map(|(offset, a)| ask(k + offset, *a)));
            prop_assert_eq!(assess_ranking(&c, &lot(n), &more, RT), base);
        }

        #[test]
        fn outcome_is_shaped_as_documented(
            answers in proptest::collection::vec(proptest::option::of(any_answer()), 0..6),
            k in 1u32..9,
            n in 1u32..8,
            shift in 0i64..100,
        ) {
            // Shifting the sending time moves answers across the deadline at
            // random; whatever the verdict, its shape must be as documented.
            let reqs: Vec<Request> = answers
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.map(|a| {
                    let mut r = ask(i as u32 + 1, a);
                    r.sent_at += Duration::hours(shift);
                    r
                }))
                .collect();
            let l = lot(n);
            if let RankingOutcome::Deviation { kinds, suppliers, .. } =
                assess_ranking(&calloff(Some(k)), &l, &reqs, RT)
            {
                prop_assert!(!kinds.is_empty());
                prop_assert!(kinds.windows(2).all(|w| w[0] < w[1]));
                let ranks: Vec<Option<usize>> = suppliers.iter().map(|s| l.rank_of(s)).collect();
                if kinds == [NotInLot] {
                    prop_assert_eq!(suppliers, vec![org(k)]);
                } else {
                    prop_assert!(!kinds.contains(&NotInLot));
                    prop_assert!(ranks.iter().all(|r| r.is_some_and(|r| r < k as usize)));
                    prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]));
                }
            }
        }
    }
}
