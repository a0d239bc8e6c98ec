//! Demo call-offs with their requests for one agreement: mostly by the ranking, with the
//! deviations a real agreement shows (a supplier skipped, an offer passed over, some with
//! a documented reason), renewed competitions, late deliveries and answers still awaited.
//! Deterministic for a given agreement, day and count, and quick enough for a million.

use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::domain::calendar::is_working_day;
use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::{Agreement, Money, OrgNumber};

/// A small, fast generator (xorshift64*): the demo needs variety, not cryptography.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when n is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const ORDERERS: [&str; 8] = [
    "Anna Lind, IT-enheten",
    "Per Ek, Socialförvaltningen",
    "Lena Sund, Utbildningsförvaltningen",
    "Omar Haddad, Stadsbyggnad",
    "Karin Berg, Kultur och fritid",
    "Jonas Holm, Ekonomiavdelningen",
    "Sara Nyström, HR-avdelningen",
    "Mikael Ahl, Digitaliseringsenheten",
];

const REASONS: [&str; 3] = [
    "Konsulten hade unik kompetens i verksamhetssystemet",
    "Rang 1 kunde inte starta förrän efter verksamhetens deadline",
    "Fortsättning på pågående uppdrag med samma konsult",
];

/// `n` call-offs of `a` requested between its start and `now`, and their requests.
/// Call-off references are `AV-<year the agreement started>-<number>`.
pub fn calloffs(a: &Agreement, now: PrimitiveDateTime, n: usize) -> (Vec<CallOff>, Vec<Request>) {
    let lots: Vec<_> = a.lots.iter().filter(|l| !l.ranking.is_empty()).collect();
    if lots.is_empty() || n == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (a.reference.len() as u64) ^ ((n as u64) << 20));
    let first = a.start;
    let last = now.date().min(a.current_end());
    let span = (last - first).whole_days().max(1) as u64;
    // Numbers as wide as the largest, so references sort as they were made.
    let digits = n.to_string().len().max(5);
    let mut calloffs = Vec::with_capacity(n);
    let mut requests = Vec::with_capacity(n * 2);
    for i in 0..n {
        // Spread evenly over the period, so the newest are close to now.
        let offset = (i as u64 * span) / n as u64;
        let mut day = first + Duration::days(offset as i64);
        while !is_working_day(day) && day > first {
            day = day.previous_day().unwrap_or(day);
        }
        let requested_at = at(day, 8 + rng.below(8) as u8, (rng.below(4) * 15) as u8);
        if requested_at > now {
            break;
        }
        let lot = lots[(rng.below(10) as usize * lots.len()) / 10 % lots.len()];
        let method = if rng.chance(10) {
            CallOffMethod::Competition
        } else {
            CallOffMethod::Ranking
        };
        let reference = format!("AV-{}-{:0w$}", a.start.year(), i + 1, w = digits);
        let mut c = CallOff::new(
            &reference,
            a.id,
            &lot.name,
            ORDERERS[rng.below(8) as usize],
            method,
            requested_at,
        );
        c.value = Some(Money(((50 + rng.below(1950)) * 1000) as i64 * 100));
        // Requested in the last three days: answers may still be on their way.
        let recent = (now - requested_at).whole_hours() < 72;
        let awarded = match method {
            CallOffMethod::Competition => competition(
                &mut rng,
                a,
                lot.ranking.as_slice(),
                &c,
                recent,
                &mut requests,
            ),
            CallOffMethod::Ranking => cascade(
                &mut rng,
                a,
                lot.ranking.as_slice(),
                &mut c,
                recent,
                &mut requests,
            ),
        };
        c.awarded_supplier = awarded;
        if c.awarded_supplier.is_none() && !recent {
            // An old call-off nobody took was closed long ago: its silent suppliers are
            // recorded as having declined late, so nothing is awaited from them now.
            for r in requests
                .iter_mut()
                .rev()
                .take_while(|r| r.calloff == c.reference)
            {
                if r.answer.is_none() {
                    r.answer = Some(Answer::Decline);
                    r.answered_at = Some(r.sent_at + Duration::hours(96));
                }
            }
        }
        if c.awarded_supplier.is_some() {
            let due = day + Duration::days(14 + rng.below(21) as i64);
            c.delivery_due = Some(due);
            c.consultants = 1 + rng.below(3) as u32;
            if rng.chance(4) {
                c.replaced_due_to_complaint = 1;
            }
            let late_by = if rng.chance(12) {
                1 + rng.below(20) as i64
            } else {
                -(rng.below(5) as i64)
            };
            let delivered = due + Duration::days(late_by);
            // A call-off is rarely still undelivered long after its due date: those that
            // are, in the demo, are recent (a month), as in a register that is kept up.
            let recent_due = (now.date() - due).whole_days() < 30;
            if delivered <= now.date() && !(recent_due && rng.chance(30)) {
                c.delivered_at = Some(delivered);
                c.quality = Some(match rng.below(20) {
                    0 => 2,
                    1..=4 => 3,
                    5..=12 => 4,
                    _ => 5,
                });
            }
        }
        calloffs.push(c);
    }
    (calloffs, requests)
}

fn at(day: Date, hour: u8, minute: u8) -> PrimitiveDateTime {
    PrimitiveDateTime::new(
        day,
        Time::from_hms(hour.min(23), minute.min(59), 0).unwrap_or(Time::MIDNIGHT),
    )
}

/// A request sent at `sent`, answered `answer` after `hours` (None: no answer).
fn request(
    c: &CallOff,
    supplier: &OrgNumber,
    sent: PrimitiveDateTime,
    answer: Option<(Answer, i64)>,
) -> Request {
    Request {
        agreement: c.agreement,
        calloff: c.reference.clone(),
        supplier: supplier.clone(),
        sent_at: sent,
        answered_at: answer.map(|(_, h)| sent + Duration::hours(h)),
        answer: answer.map(|(a, _)| a),
    }
}

/// Asks down the ranking until an in-time offer, with the deviations of real life.
fn cascade(
    rng: &mut Rng,
    a: &Agreement,
    ranking: &[OrgNumber],
    c: &mut CallOff,
    recent: bool,
    out: &mut Vec<Request>,
) -> Option<OrgNumber> {
    let mut sent = c.requested_at + Duration::minutes(30);
    // Now and then rank 1 is skipped altogether.
    let skip_first = ranking.len() > 1 && rng.chance(5);
    let pass_over = rng.chance(4);
    let mut passed_over = false;
    for (rank, org) in ranking.iter().enumerate() {
        if skip_first && rank == 0 {
            continue;
        }
        if recent {
            // Sent today: the supplier has not answered yet.
            out.push(request(c, org, sent, None));
            return None;
        }
        let in_time_hours = 2 + rng.below(30) as i64;
        let roll = rng.below(100);
        let answer = match roll {
            0..=29 => Some((Answer::Decline, in_time_hours)),
            30..=37 => None,
            38..=42 => Some((Answer::Offer, 80 + rng.below(40) as i64)),
            _ => Some((Answer::Offer, in_time_hours)),
        };
        let r = request(c, org, sent, answer);
        let in_time_offer = r.is_in_time_offer(a.response_time);
        out.push(r);
        if in_time_offer {
            // Sometimes the orderer goes past this offer to a lower-ranked supplier.
            if pass_over && !passed_over && rank + 1 < ranking.len() {
                passed_over = true;
                if rng.chance(50) {
                    c.deviation_reason = Some(REASONS[rng.below(3) as usize].to_string());
                }
                sent += Duration::hours(3);
                continue;
            }
            return Some(org.clone());
        }
        sent += Duration::hours(if answer.is_none() {
            50
        } else {
            in_time_hours + 1
        });
    }
    if skip_first {
        c.deviation_reason = (rng.chance(40)).then(|| REASONS[rng.below(3) as usize].to_string());
    }
    // Nobody offered in time: the last one asked is often taken anyway.
    ranking.last().cloned().filter(|_| rng.chance(60))
}

/// Invites every ranked supplier; the best of those who offered wins.
fn competition(
    rng: &mut Rng,
    _a: &Agreement,
    ranking: &[OrgNumber],
    c: &CallOff,
    recent: bool,
    out: &mut Vec<Request>,
) -> Option<OrgNumber> {
    let sent = c.requested_at + Duration::hours(1);
    let mut offers = Vec::new();
    for org in ranking {
        let answer = if recent {
            None
        } else if rng.chance(75) {
            Some((Answer::Offer, 24 + rng.below(48) as i64))
        } else {
            Some((Answer::Decline, 4 + rng.below(20) as i64))
        };
        if matches!(answer, Some((Answer::Offer, _))) {
            offers.push(org.clone());
        }
        out.push(request(c, org, sent, answer));
    }
    let n = offers.len() as u64;
    (n > 0).then(|| offers[rng.below(n) as usize].clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ranking::{RankingOutcome, assess_in_agreement};
    use time::macros::datetime;

    #[test]
    fn a_realistic_mix_of_outcomes() {
        let now = datetime!(2026-11-25 09:30);
        let register = crate::demo::register(now.date());
        let a = &register[0];
        let (calloffs, requests) = calloffs(a, now, 600);
        assert!(calloffs.len() > 500, "{}", calloffs.len());
        let mut by_ref: std::collections::HashMap<&str, Vec<Request>> = Default::default();
        for r in &requests {
            by_ref
                .entry(r.calloff.as_str())
                .or_default()
                .push(r.clone());
        }
        let (mut compliant, mut deviations, mut motivated, mut not_assessed) = (0, 0, 0, 0);
        for c in &calloffs {
            match assess_in_agreement(
                c,
                a,
                by_ref
                    .get(c.reference.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]),
            ) {
                RankingOutcome::Compliant => compliant += 1,
                RankingOutcome::Deviation { motivated: m, .. } => {
                    deviations += 1;
                    motivated += usize::from(m);
                }
                RankingOutcome::NotAssessed => not_assessed += 1,
            }
        }
        assert!(compliant > calloffs.len() / 2, "{compliant}");
        assert!(
            deviations > 10 && deviations < calloffs.len() / 4,
            "{deviations}"
        );
        assert!(motivated > 0 && motivated < deviations, "{motivated}");
        assert!(not_assessed > 10, "{not_assessed}");
        // Deterministic.
        assert_eq!(super::calloffs(a, now, 600).0, calloffs);
        // References are unique.
        let mut refs: Vec<_> = calloffs.iter().map(|c| &c.reference).collect();
        refs.dedup();
        assert_eq!(refs.len(), calloffs.len());
    }
}
