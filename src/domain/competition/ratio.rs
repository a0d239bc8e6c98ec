//! Exact non-negative fractions for scores, so that ranking never depends on rounding.

use std::cmp::Ordering;

/// Numerators and denominators are kept at or below this, so that the display rounding
/// (`200 × remainder + denominator`) can never overflow an `i128`. Real models (points
/// out of 5, 10 or 100, prices below a billion kronor) stay many orders of magnitude below.
const LIMIT: i128 = 1_000_000_000_000_000_000_000_000_000_000; // 10^30

/// An exact score `numerator / denominator`, always reduced, never negative, with a
/// positive denominator. Ordered by value (not by its parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub numerator: i128,
    pub denominator: i128,
}

impl Score {
    pub const ZERO: Score = Score {
        numerator: 0,
        denominator: 1,
    };

    /// `numerator / denominator`, reduced; `None` for a zero or negative denominator, a
    /// negative numerator, or parts beyond what the arithmetic here can handle.
    pub fn new(numerator: i128, denominator: i128) -> Option<Score> {
        if denominator <= 0 || numerator < 0 {
            return None;
        }
        let g = gcd(numerator, denominator);
        let (n, d) = (numerator / g, denominator / g);
        (n <= LIMIT && d <= LIMIT).then_some(Score {
            numerator: n,
            denominator: d,
        })
    }

    /// The exact sum, or `None` if it would leave the range this type handles.
    pub fn checked_add(self, other: Score) -> Option<Score> {
        // Adding over the lcm of the denominators keeps the intermediates small.
        let g = gcd(self.denominator, other.denominator);
        let left = self.denominator / g;
        let right = other.denominator / g;
        let den = left.checked_mul(other.denominator)?;
        let num = self
            .numerator
            .checked_mul(right)?
            .checked_add(other.numerator.checked_mul(left)?)?;
        Score::new(num, den)
    }

    /// The score in hundredths of a point, rounded half up: for display only, never for
    /// ranking (DESIGN §4: round once, at the end, where a person reads it).
    pub fn hundredths(self) -> i128 {
        let whole = self.numerator / self.denominator;
        let rem = self.numerator % self.denominator;
        // rem < denominator ≤ 10^30, so 200 × rem + denominator stays far below i128::MAX.
        whole * 100 + (200 * rem + self.denominator) / (2 * self.denominator)
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        compare(
            self.numerator,
            self.denominator,
            other.numerator,
            other.denominator,
        )
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares a/b with c/d (a, c ≥ 0; b, d > 0) without multiplying, so it cannot overflow:
/// compare the whole parts, then the reciprocals of the remainders (Euclid's algorithm).
fn compare(mut a: i128, mut b: i128, mut c: i128, mut d: i128) -> Ordering {
    // Each round flips the direction, because 1/x reverses the order.
    let mut flipped = false;
    loop {
        let (q1, r1) = (a / b, a % b);
        let (q2, r2) = (c / d, c % d);
        let ord = match q1.cmp(&q2) {
            Ordering::Equal => match (r1 == 0, r2 == 0) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => {
                    // a/b − q = r1/b and c/d − q = r2/d; r1/b < r2/d ⇔ b/r1 > d/r2.
                    (a, b, c, d) = (b, r1, d, r2);
                    flipped = !flipped;
                    continue;
                }
            },
            ord => ord,
        };
        return if flipped { ord.reverse() } else { ord };
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // gcd(0, 0) never happens here (denominators are positive); guard anyway.
    if a == 0 { 1 } else { a.abs() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fractions_are_reduced_and_added_exactly() {
        let third = Score::new(1, 3).unwrap();
        let sixth = Score::new(2, 12).unwrap();
        assert_eq!(
            sixth,
            Score {
                numerator: 1,
                denominator: 6
            }
        );
        assert_eq!(third.checked_add(sixth), Score::new(1, 2));
        assert_eq!(Score::new(1, 0), None);
        assert_eq!(Score::new(-1, 2), None);
    }

    #[test]
    fn hundredths_round_half_up() {
        assert_eq!(Score::new(1, 3).unwrap().hundredths(), 33);
        assert_eq!(Score::new(2, 3).unwrap().hundredths(), 67);
        assert_eq!(Score::new(1, 200).unwrap().hundredths(), 1); // 0,005 → 0,01
        assert_eq!(Score::new(1, 201).unwrap().hundredths(), 0);
        assert_eq!(Score::new(100, 1).unwrap().hundredths(), 10_000);
    }

    proptest! {
        #[test]
        fn order_matches_cross_multiplication(a in 0i128..1_000_000, b in 1i128..1_000_000,
                                              c in 0i128..1_000_000, d in 1i128..1_000_000) {
            let x = Score::new(a, b).unwrap();
            let y = Score::new(c, d).unwrap();
            prop_assert_eq!(x.cmp(&y), (a * d).cmp(&(c * b)));
        }

        #[test]
        fn huge_parts_compare_without_overflow(a in 0i128..LIMIT, b in 1i128..LIMIT,
                                               c in 0i128..LIMIT, d in 1i128..LIMIT) {
            let x = Score::new(a, b).unwrap();
            let y = Score::new(c, d).unwrap();
            prop_assert_eq!(x.cmp(&y), y.cmp(&x).reverse());
            let _ = x.hundredths();
            let _ = x.checked_add(y);
        }
    }
}
