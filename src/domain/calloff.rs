//! Call-offs (avrop), the requests sent to suppliers, and the request states of DESIGN §4.
//!
//! Pure data and rules: the ranking rule lives in `super::ranking`.

use time::{Date, PrimitiveDateTime};

use super::agreement::AgreementId;
use super::money::Money;
use super::orgnr::OrgNumber;
use super::response_time::ResponseTime;

/// How a call-off is placed: by ranking (cascade) or by renewed competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallOffMethod {
    /// Kaskadavrop: ask rank 1 first, then 2, …; subject to the ranking rule.
    Ranking,
    /// Förnyad konkurrensutsättning: not subject to the ranking rule.
    Competition,
}

impl CallOffMethod {
    pub const ALL: [CallOffMethod; 2] = [CallOffMethod::Ranking, CallOffMethod::Competition];

    /// The file form.
    pub fn key(self) -> &'static str {
        match self {
            CallOffMethod::Ranking => "ranking",
            CallOffMethod::Competition => "competition",
        }
    }

    pub fn from_key(s: &str) -> Option<CallOffMethod> {
        CallOffMethod::ALL.into_iter().find(|m| m.key() == s)
    }
}

/// An order under the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOff {
    /// The call-off's own reference; requests point at it through `Request::calloff`.
    pub reference: String,
    pub agreement: AgreementId,
    /// Name of the lot (anbudsområde) the call-off is placed in.
    pub lot: String,
    pub orderer: String,
    pub method: CallOffMethod,
    pub requested_at: PrimitiveDateTime,
    pub value: Option<Money>,
    /// None until the call-off is awarded (tilldelning).
    pub awarded_supplier: Option<OrgNumber>,
    pub delivery_due: Option<Date>,
    pub delivered_at: Option<Date>,
    pub consultants: u32,
    /// Consultants replaced after a complaint (reklamation).
    pub replaced_due_to_complaint: u32,
    /// Delivery quality 1–5; see `quality_is_valid`.
    pub quality: Option<u8>,
    /// The documented reason that makes a ranking deviation motivated.
    pub deviation_reason: Option<String>,
}

impl CallOff {
    /// A call-off as first registered: nothing awarded, delivered or rated yet.
    pub fn new(
        reference: &str,
        agreement: AgreementId,
        lot: &str,
        orderer: &str,
        method: CallOffMethod,
        requested_at: PrimitiveDateTime,
    ) -> CallOff {
        CallOff {
            reference: reference.to_string(),
            agreement,
            lot: lot.to_string(),
            orderer: orderer.to_string(),
            method,
            requested_at,
            value: None,
            awarded_supplier: None,
            delivery_due: None,
            delivered_at: None,
            consultants: 0,
            replaced_due_to_complaint: 0,
            quality: None,
            deviation_reason: None,
        }
    }

    /// Quality is rated 1–5 (GLOSSARY: leveranskvalitet); no rating is also valid.
    pub fn quality_is_valid(&self) -> bool {
        self.quality.is_none_or(|q| (1..=5).contains(&q))
    }

    /// A deviation is motivated when a reason is documented; blank text documents nothing.
    pub fn has_deviation_reason(&self) -> bool {
        self.deviation_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
    }
}

/// The two answers to a request (anbud, avböjande).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Offer,
    Decline,
}

impl Answer {
    pub const ALL: [Answer; 2] = [Answer::Offer, Answer::Decline];

    /// The file form.
    pub fn key(self) -> &'static str {
        match self {
            Answer::Offer => "offer",
            Answer::Decline => "decline",
        }
    }

    pub fn from_key(s: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.key() == s)
    }
}

/// Avropsförfrågan: a call-off request to one supplier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The agreement of the call-off: with `calloff`, which call-off this is (two
    /// agreements may both have an `AV-0001`, DESIGN §6).
    pub agreement: AgreementId,
    /// Reference of the call-off this request belongs to.
    pub calloff: String,
    pub supplier: OrgNumber,
    pub sent_at: PrimitiveDateTime,
    pub answered_at: Option<PrimitiveDateTime>,
    pub answer: Option<Answer>,
}

impl Request {
    /// The deadline of DESIGN §4, from the agreement's response time.
    pub fn deadline(&self, response_time: ResponseTime) -> PrimitiveDateTime {
        response_time.deadline(self.sent_at)
    }

    /// The answer given at or before the deadline, if any.
    ///
    /// An answer counts only with both its kind and its time: an answer with no
    /// recorded time cannot be shown to be in time, and a time with no answer
    /// kind is not an answer. `answered_at == deadline` is in time ("at or before").
    pub fn answer_in_time(&self, response_time: ResponseTime) -> Option<Answer> {
        self.answer_by(self.deadline(response_time))
    }

    /// The answer given at or before `deadline` (already computed by the caller).
    pub fn answer_by(&self, deadline: PrimitiveDateTime) -> Option<Answer> {
        match (self.answer, self.answered_at) {
            (Some(answer), Some(at)) if at <= deadline => Some(answer),
            _ => None,
        }
    }

    /// An in-time offer (DESIGN §4 ranking): answered `offer` at or before the deadline.
    pub fn is_in_time_offer(&self, response_time: ResponseTime) -> bool {
        self.answer_in_time(response_time) == Some(Answer::Offer)
    }
}

/// The state of a request at a report's as-of time (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestState {
    /// An answer (offer or decline) at or before the deadline.
    AnsweredInTime,
    /// The deadline has passed at as-of with no answer at or before it (late answers included).
    NotAnsweredInTime,
    /// Neither: the deadline has not passed and no in-time answer is recorded.
    Pending,
}

impl RequestState {
    /// Stable name for files and message keys.
    pub fn key(self) -> &'static str {
        match self {
            RequestState::AnsweredInTime => "answered_in_time",
            RequestState::NotAnsweredInTime => "not_answered_in_time",
            RequestState::Pending => "pending",
        }
    }
}

/// The state of `req` at `as_of`, exactly as DESIGN §4 words it.
///
/// Boundaries, chosen so that this and an independent implementation agree:
/// - an answer exactly at the deadline is in time (`answered_at <= deadline`);
/// - the deadline has *passed* only when `deadline < as_of`, so at
///   `as_of == deadline` an unanswered request is still pending (the supplier has
///   until and including that second);
/// - an in-time answer is in time whatever `as_of` is, even an `as_of` before the
///   answer was recorded: the rule asks whether the answer came by the deadline,
///   not whether it was known at as-of. This keeps `AnsweredInTime` independent of
///   `as_of`, and makes the state monotone in `as_of`
///   (pending → not answered in time, never back).
pub fn request_state(
    req: &Request,
    response_time: ResponseTime,
    as_of: PrimitiveDateTime,
) -> RequestState {
    if req.answer_in_time(response_time).is_some() {
        RequestState::AnsweredInTime
    } else if req.deadline(response_time) < as_of {
        RequestState::NotAnsweredInTime
    } else {
        RequestState::Pending
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;

    pub(crate) fn org(seed: u32) -> OrgNumber {
        let nine = format!("55{:07}", seed % 10_000_000);
        let check = crate::domain::orgnr::luhn_check_digit(nine.as_bytes());
        OrgNumber::parse(&format!("{nine}{check}")).unwrap()
    }

    fn req(sent_at: PrimitiveDateTime, answer: Option<(Answer, PrimitiveDateTime)>) -> Request {
        Request {
            agreement: crate::domain::AgreementId(1),
            calloff: "A-1".into(),
            supplier: org(1),
            sent_at,
            answered_at: answer.map(|(_, at)| at),
            answer: answer.map(|(a, _)| a),
        }
    }

    const TWO_DAYS: ResponseTime = ResponseTime::WorkingDays(2);

    #[test]
    fn design_example_deadline_through_the_request() {
        let r = req(datetime!(2026-04-02 14:00), None);
        assert_eq!(r.deadline(TWO_DAYS), datetime!(2026-04-08 23:59:59));
    }

    #[test]
    fn answer_exactly_at_the_working_day_deadline_is_in_time() {
        let sent = datetime!(2026-04-02 14:00);
        for answer in Answer::ALL {
            let r = req(sent, Some((answer, datetime!(2026-04-08 23:59:59))));
            assert_eq!(
                request_state(&r, TWO_DAYS, datetime!(2026-05-01 00:00)),
                RequestState::AnsweredInTime
            );
        }
        let late = req(sent, Some((Answer::Offer, datetime!(2026-04-09 00:00))));
        assert_eq!(
            request_state(&late, TWO_DAYS, datetime!(2026-05-01 00:00)),
            RequestState::NotAnsweredInTime
        );
        assert!(!late.is_in_time_offer(TWO_DAYS));
    }

    #[test]
    fn answer_exactly_at_an_hours_deadline_is_in_time() {
        let sent = datetime!(2026-04-03 10:30);
        let r = req(sent, Some((Answer::Offer, datetime!(2026-04-04 10:30))));
        assert!(r.is_in_time_offer(ResponseTime::Hours(24)));
        let r = req(sent, Some((Answer::Offer, datetime!(2026-04-04 10:30:01))));
        assert!(!r.is_in_time_offer(ResponseTime::Hours(24)));
    }

    #[test]
    fn as_of_equal_to_the_deadline_is_still_pending() {
        let r = req(datetime!(2026-04-02 14:00), None);
        assert_eq!(
            request_state(&r, TWO_DAYS, datetime!(2026-04-08 23:59:59)),
            RequestState::Pending
        );
        assert_eq!(
            request_state(&r, TWO_DAYS, datetime!(2026-04-09 00:00)),
            RequestState::NotAnsweredInTime
        );
    }

    #[test]
    fn a_late_answer_is_pending_before_the_deadline_passes_and_not_in_time_after() {
        // Recorded late, but the report is as of a moment before the deadline.
        let r = req(
            datetime!(2026-04-02 14:00),
            Some((Answer::Decline, datetime!(2026-04-10 09:00))),
        );
        assert_eq!(
            request_state(&r, TWO_DAYS, datetime!(2026-04-07 12:00)),
            RequestState::Pending
        );
        assert_eq!(
            request_state(&r, TWO_DAYS, datetime!(2026-04-09 00:00)),
            RequestState::NotAnsweredInTime
        );
    }

    #[test]
    fn an_answer_without_a_time_or_a_time_without_an_answer_is_no_answer() {
        let mut r = req(datetime!(2026-04-02 14:00), None);
        r.answer = Some(Answer::Offer);
        assert_eq!(r.answer_in_time(TWO_DAYS), None);
        let mut r = req(datetime!(2026-04-02 14:00), None);
        r.answered_at = Some(datetime!(2026-04-03 09:00));
        assert_eq!(
            request_state(&r, TWO_DAYS, datetime!(2026-04-03 10:00)),
            RequestState::Pending
        );
    }

    #[test]
    fn keys_round_trip_and_quality_range() {
        for m in CallOffMethod::ALL {
            assert_eq!(CallOffMethod::from_key(m.key()), Some(m));
        }
        for a in Answer::ALL {
            assert_eq!(Answer::from_key(a.key()), Some(a));
        }
        let mut c = CallOff::new(
            "A-1",
            AgreementId(1),
            "IT",
            "Kim",
            CallOffMethod::Ranking,
            datetime!(2026-04-01 09:00),
        );
        assert!(c.quality_is_valid());
        c.quality = Some(5);
        assert!(c.quality_is_valid());
        c.quality = Some(0);
        assert!(!c.quality_is_valid());
        c.quality = Some(6);
        assert!(!c.quality_is_valid());
        assert!(!c.has_deviation_reason());
        c.deviation_reason = Some("  ".into());
        assert!(!c.has_deviation_reason());
        c.deviation_reason = Some("Rank 1 lacked the skill".into());
        assert!(c.has_deviation_reason());
    }

    fn response_time() -> impl Strategy<Value = ResponseTime> {
        prop_oneof![
            (1u32..100).prop_map(ResponseTime::Hours),
            (1u32..10).prop_map(ResponseTime::WorkingDays),
        ]
    }

    proptest! {
        #[test]
        fn request_state_is_monotone_in_as_of(
            rt in response_time(),
            sent_min in 0i64..525_600,
            answer in proptest::option::of((prop_oneof![Just(Answer::Offer), Just(Answer::Decline)], 0i64..30_000)),
            a in 0i64..600_000,
            b in 0i64..600_000,
        ) {
            let base = datetime!(2026-01-01 00:00);
            let sent = base + Duration::minutes(sent_min);
            let r = req(sent, answer.map(|(k, after)| (k, sent + Duration::minutes(after))));
            let (early, late) = (base + Duration::minutes(a.min(b)), base + Duration::minutes(a.max(b)));
            let s1 = request_state(&r, rt, early);
            let s2 = request_state(&r, rt, late);
            // Answered in time never changes with as-of.
            prop_assert_eq!(s1 == RequestState::AnsweredInTime, s2 == RequestState::AnsweredInTime);
            // Not answered in time never goes back to pending.
            if s1 == RequestState::NotAnsweredInTime {
                prop_assert_eq!(s2, RequestState::NotAnsweredInTime);
            }
        }
    }
}
