//! Demo renewed competitions: for each call-off by competition, the lot's suppliers
//! invited, a tender from each supplier that offered (the call-off's requests), scored so
//! that the evaluation ranks the awarded supplier first, and that supplier recorded as the
//! winner; so the Renewed competition tab and the Call-offs tab tell the same story.

use time::Duration;

use crate::domain::Money;
use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::competition::{Competition, Tender};

/// The demo organisation, named in every instruction.
pub const ORGANISATION: &str = "Exempelby kommun";

/// Fills `c` (a new competition for `calloff`, with its invitations and instruction) with
/// the tenders of the suppliers that offered in `requests` and the awarded supplier as
/// the recorded winner. The awarded supplier gives the best quality at a price close to
/// the lowest, the others less, so that the weighted model (two criteria, 0–5 points)
/// ranks it first.
pub fn run(c: &mut Competition, calloff: &CallOff, requests: &[Request]) {
    if calloff.method != CallOffMethod::Competition {
        return;
    }
    c.deadline = Some(calloff.requested_at + Duration::days(7));
    let base = calloff.value.map_or(1_000_000, |m| m.0.max(100_000));
    let mut seed = calloff.reference.bytes().fold(0x811C_9DC5_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0193)
    });
    let mut next = |n: i64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as i64
    };
    let criteria = c.model.kind.criteria_len();
    for r in requests
        .iter()
        .filter(|r| r.calloff == calloff.reference && r.answer == Some(Answer::Offer))
    {
        if !c.invited.contains(&r.supplier) || c.tenders.iter().any(|t| t.supplier == r.supplier) {
            continue;
        }
        let awarded = calloff.awarded_supplier.as_ref() == Some(&r.supplier);
        // Percent of the call-off's value: the awarded within 8 % above it, the others
        // from 3 % below to 20 % above; whole kronor.
        let percent = if awarded {
            100 + next(9)
        } else {
            97 + next(24)
        };
        let price = base * percent / 100 / 100 * 100;
        let points = (0..criteria)
            .map(|i| {
                if awarded {
                    5 - u32::from(i > 0 && next(2) == 0)
                } else {
                    1 + next(3) as u32
                }
            })
            .collect();
        c.tenders.push(Tender {
            supplier: r.supplier.clone(),
            price: Money(price),
            points,
        });
    }
    c.winner = calloff.awarded_supplier.clone();
}
