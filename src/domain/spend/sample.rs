//! An invoice sample for manual review (fakturakontroll, issue 16): a few invoices per
//! supplier drawn at random from an agreement's invoices of a period, each checked by
//! hand with a result and a note. The draw is reproducible: the seed is recorded with the
//! sample, and the candidates are put in key order before drawing, so the same invoices
//! and the same seed give the same sample whatever order the store read them in.

use time::Date;

use crate::domain::{AgreementId, Money, OrgNumber};

/// An invoice that may be drawn: one per supplier and invoice number, with the sum of its
/// postings that belong to the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub supplier: OrgNumber,
    pub supplier_name: String,
    pub invoice: String,
    pub date: Date,
    pub amount: Money,
}

/// What the manual check of one invoice found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SampleResult {
    #[default]
    NotChecked,
    /// Price, quantity and reference agree with the agreement and the order.
    Correct,
    /// Something is wrong (price, quantity, a charge not agreed): to be taken up.
    Incorrect,
    /// Could not be settled from the papers at hand; asked about.
    Unclear,
}

impl SampleResult {
    /// The results a check can give (a checked item is never `NotChecked`).
    pub const CHECKED: [SampleResult; 3] = [
        SampleResult::Correct,
        SampleResult::Incorrect,
        SampleResult::Unclear,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SampleResult::NotChecked => "ui.spend.sample.result.not_checked",
            SampleResult::Correct => "ui.spend.sample.result.correct",
            SampleResult::Incorrect => "ui.spend.sample.result.incorrect",
            SampleResult::Unclear => "ui.spend.sample.result.unclear",
        }
    }
}

/// One drawn invoice and what its check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleItem {
    pub supplier: OrgNumber,
    pub supplier_name: String,
    pub invoice: String,
    pub date: Date,
    pub amount: Money,
    pub result: SampleResult,
    pub note: String,
    pub checked_on: Option<Date>,
}

impl SampleItem {
    /// Checked is having a result: the two cannot disagree.
    pub fn checked(&self) -> bool {
        self.result != SampleResult::NotChecked
    }
}

/// A sample of an agreement's invoices dated `from..=to`, at most `per_supplier` of each
/// supplier, drawn on `drawn_on` with `seed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceSample {
    pub agreement: AgreementId,
    /// The sample's number within the agreement (1, 2, ...); 0 before it is stored.
    pub number: u32,
    pub drawn_on: Date,
    pub from: Date,
    pub to: Date,
    pub per_supplier: u32,
    pub seed: u64,
    pub items: Vec<SampleItem>,
}

/// How a sample came out, for the report before the next procurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SampleOutcome {
    pub drawn: u64,
    pub checked: u64,
    pub correct: u64,
    pub incorrect: u64,
    pub unclear: u64,
}

impl InvoiceSample {
    pub fn outcome(&self) -> SampleOutcome {
        let mut o = SampleOutcome {
            drawn: self.items.len() as u64,
            ..SampleOutcome::default()
        };
        for item in &self.items {
            match item.result {
                SampleResult::NotChecked => continue,
                SampleResult::Correct => o.correct += 1,
                SampleResult::Incorrect => o.incorrect += 1,
                SampleResult::Unclear => o.unclear += 1,
            }
            o.checked += 1;
        }
        o
    }
}

/// SplitMix64: small, fast and well mixed even from a seed of 0, which matters because
/// the seed comes from the clock and is typed back by hand to repeat a draw.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), by multiplying rather than `%`, whose bias is worse.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// Draws at most `per_supplier` invoices of each supplier among `candidates` with `seed`.
/// Credit notes and invoices of no amount are not drawn: a check looks at what was
/// charged. The same candidates (in any order) and seed give the same items, in the order
/// of supplier, date and invoice number.
pub fn draw(candidates: &[Candidate], per_supplier: u32, seed: u64) -> Vec<SampleItem> {
    let mut pool: Vec<&Candidate> = candidates.iter().filter(|c| c.amount.0 > 0).collect();
    pool.sort_by(|a, b| {
        (a.supplier.digits(), a.invoice.as_str(), a.date, a.amount.0).cmp(&(
            b.supplier.digits(),
            b.invoice.as_str(),
            b.date,
            b.amount.0,
        ))
    });
    // One invoice is one candidate, however it was given.
    pool.dedup_by(|a, b| a.supplier == b.supplier && a.invoice == b.invoice);
    let mut rng = SplitMix(seed);
    let mut items = Vec::new();
    let mut start = 0;
    while start < pool.len() {
        let end = start
            + pool[start..]
                .iter()
                .take_while(|c| c.supplier == pool[start].supplier)
                .count();
        let group = &mut pool[start..end];
        let take = (per_supplier as usize).min(group.len());
        // A partial Fisher–Yates shuffle: the first `take` are a uniform draw.
        for i in 0..take {
            let j = i + rng.below(group.len() - i);
            group.swap(i, j);
        }
        let mut chosen: Vec<&Candidate> = group[..take].to_vec();
        chosen.sort_by(|a, b| (a.date, &a.invoice).cmp(&(b.date, &b.invoice)));
        items.extend(chosen.into_iter().map(|c| SampleItem {
            supplier: c.supplier.clone(),
            supplier_name: c.supplier_name.clone(),
            invoice: c.invoice.clone(),
            date: c.date,
            amount: c.amount,
            result: SampleResult::NotChecked,
            note: String::new(),
            checked_on: None,
        }));
        start = end;
    }
    items
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    const SUPPLIERS: [&str; 3] = ["5566778899", "0123456782", "5560000001"];

    fn org(i: usize) -> OrgNumber {
        // Valid numbers only: the third is made valid by its check digit.
        let digits = match i {
            0 | 1 => SUPPLIERS[i].to_string(),
            _ => valid("556000000"),
        };
        OrgNumber::parse(&digits).unwrap()
    }

    fn valid(nine: &str) -> String {
        (0..10)
            .map(|d| format!("{nine}{d}"))
            .find(|s| OrgNumber::parse(s).is_ok())
            .unwrap()
    }

    fn candidate(supplier: usize, n: u32, amount: i64) -> Candidate {
        Candidate {
            supplier: org(supplier),
            supplier_name: format!("Leverantör {supplier}"),
            invoice: format!("F-{n:03}"),
            date: date!(2026 - 01 - 01) + time::Duration::days(i64::from(n)),
            amount: Money(amount),
        }
    }

    fn invoices(per: &[u32]) -> Vec<Candidate> {
        per.iter()
            .enumerate()
            .flat_map(|(s, &n)| (0..n).map(move |i| candidate(s, i, 100_000 + i64::from(i))))
            .collect()
    }

    #[test]
    fn the_same_seed_draws_the_same_invoices_in_any_input_order() {
        let c = invoices(&[10, 7, 3]);
        let a = draw(&c, 2, 42);
        let mut reversed = c.clone();
        reversed.reverse();
        assert_eq!(draw(&reversed, 2, 42), a);
        assert_eq!(a.len(), 6);
        // Another seed draws another sample (for these data, at least one invoice differs).
        assert_ne!(draw(&c, 2, 43), a);
    }

    #[test]
    fn n_larger_than_available_takes_all_and_credit_notes_are_left_out() {
        let mut c = invoices(&[2, 1]);
        c.push(candidate(0, 50, -5_000));
        c.push(candidate(1, 51, 0));
        let items = draw(&c, 5, 7);
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|i| i.amount.0 > 0 && !i.checked()));
        assert!(draw(&c, 0, 7).is_empty());
        assert!(draw(&[], 3, 7).is_empty());
    }

    #[test]
    fn an_invoice_given_twice_is_one_candidate() {
        let c = vec![candidate(0, 1, 100), candidate(0, 1, 100)];
        assert_eq!(draw(&c, 2, 1).len(), 1);
    }

    #[test]
    fn the_outcome_counts_each_result() {
        let mut s = InvoiceSample {
            agreement: AgreementId(1),
            number: 1,
            drawn_on: date!(2026 - 06 - 01),
            from: date!(2025 - 06 - 01),
            to: date!(2026 - 05 - 31),
            per_supplier: 2,
            seed: 9,
            items: draw(&invoices(&[3, 3]), 2, 9),
        };
        s.items[0].result = SampleResult::Correct;
        s.items[1].result = SampleResult::Incorrect;
        s.items[2].result = SampleResult::Unclear;
        let o = s.outcome();
        assert_eq!(
            o,
            SampleOutcome {
                drawn: 4,
                checked: 3,
                correct: 1,
                incorrect: 1,
                unclear: 1
            }
        );
    }

    proptest! {
        #[test]
        fn each_supplier_gets_at_most_n_and_the_draw_repeats(
            per in proptest::collection::vec(0u32..12, 1..4),
            n in 0u32..6,
            seed in any::<u64>(),
        ) {
            let c = invoices(&per);
            let items = draw(&c, n, seed);
            prop_assert_eq!(&items, &draw(&c, n, seed));
            for (s, &available) in per.iter().enumerate() {
                let got = items.iter().filter(|i| i.supplier == org(s)).count();
                prop_assert_eq!(got, available.min(n) as usize);
            }
            // Every item is a candidate, none twice.
            for (k, i) in items.iter().enumerate() {
                prop_assert!(c.iter().any(|x| x.supplier == i.supplier && x.invoice == i.invoice));
                prop_assert!(!items[..k].iter().any(|x| x.supplier == i.supplier && x.invoice == i.invoice));
            }
        }
    }
}
