use proptest::prelude::*;

use super::*;
use crate::domain::orgnr::luhn_check_digit;

/// A valid organisation number 55600000N-C for small n.
fn org(n: u32) -> OrgNumber {
    let nine = format!("556{n:06}");
    let check = luhn_check_digit(nine.as_bytes());
    OrgNumber::parse(&format!("{nine}{check}")).unwrap()
}

fn kr(kronor: i64) -> Money {
    Money(kronor * 100)
}

fn criterion(name: &str, weight: u32, max_points: u32) -> Criterion {
    Criterion {
        name: name.to_string(),
        weight,
        max_points,
    }
}

fn weighted(price_weight: u32, criteria: Vec<Criterion>) -> EvaluationModel {
    EvaluationModel {
        name: "Pris och kvalitet".to_string(),
        kind: ModelKind::WeightedScore {
            price_weight,
            criteria,
        },
    }
}

fn deduction(name: &str, max_deduction: Money, max_points: u32) -> DeductionCriterion {
    DeductionCriterion {
        name: name.to_string(),
        max_deduction,
        max_points,
    }
}

fn deductions(criteria: Vec<DeductionCriterion>) -> EvaluationModel {
    EvaluationModel {
        name: "Mervärdesavdrag".to_string(),
        kind: ModelKind::PriceWithDeductions { criteria },
    }
}

fn tender(n: u32, price: Money, points: &[u32]) -> Tender {
    Tender {
        supplier: org(n),
        price,
        points: points.to_vec(),
    }
}

fn weighted_detail(row: &EvaluatedTender) -> &WeightedDetail {
    match &row.detail {
        ScoreDetail::Weighted(d) => d,
        ScoreDetail::Deductions(_) => panic!("expected a weighted row"),
    }
}

fn deduction_detail(row: &EvaluatedTender) -> &DeductionDetail {
    match &row.detail {
        ScoreDetail::Deductions(d) => d,
        ScoreDetail::Weighted(_) => panic!("expected a deduction row"),
    }
}

fn frac(n: i128, d: i128) -> Score {
    Score::new(n, d).unwrap()
}

/// Price 40 %, two criteria of 30 % each scored 0–5. By hand:
///
/// | tender | price     | price score            | kompetens    | metod        | total          |
/// |--------|-----------|------------------------|--------------|--------------|----------------|
/// | A      | 1 000 000 | 800/1000 × 40 = 32     | 3/5×30 = 18  | 4/5×30 = 24  | 74             |
/// | B      |   800 000 | 800/800 × 40 = 40      | 2/5×30 = 12  | 3/5×30 = 18  | 70             |
/// | C      | 1 200 000 | 800/1200 × 40 = 80/3   | 5/5×30 = 30  | 5/5×30 = 30  | 260/3 ≈ 86,67  |
///
/// C wins although it is the most expensive; the cheapest, B, comes last.
#[test]
fn weighted_worked_example_40_30_30() {
    let model = weighted(
        40,
        vec![criterion("Kompetens", 30, 5), criterion("Metod", 30, 5)],
    );
    let tenders = [
        tender(1, kr(1_000_000), &[3, 4]),
        tender(2, kr(800_000), &[2, 3]),
        tender(3, kr(1_200_000), &[5, 5]),
    ];
    let ev = evaluate(&model, &tenders).unwrap();
    let order: Vec<usize> = ev.rows.iter().map(|r| r.tender).collect();
    assert_eq!(order, vec![2, 0, 1]);
    assert_eq!(ev.winner(), Some(&org(3)));
    assert_eq!(
        ev.rows.iter().map(|r| r.rank).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );

    let c = weighted_detail(&ev.rows[0]);
    assert_eq!(c.price.lowest, kr(800_000));
    assert_eq!(c.price.price, kr(1_200_000));
    assert_eq!(c.price.weight, 40);
    assert_eq!(c.price.score, frac(80, 3));
    assert_eq!(c.price.hundredths, 2667);
    assert_eq!(c.criteria[0].score, frac(30, 1));
    assert_eq!(c.total, frac(260, 3));
    assert_eq!(c.total_hundredths, 8667);

    let a = weighted_detail(&ev.rows[1]);
    assert_eq!(a.price.score, frac(32, 1));
    assert_eq!(
        (
            a.criteria[0].points,
            a.criteria[0].max_points,
            a.criteria[0].weight
        ),
        (3, 5, 30)
    );
    assert_eq!(a.criteria[0].score, frac(18, 1));
    assert_eq!(a.criteria[1].score, frac(24, 1));
    assert_eq!(a.total, frac(74, 1));

    let b = weighted_detail(&ev.rows[2]);
    assert_eq!(b.price.score, frac(40, 1));
    assert_eq!(b.total, frac(70, 1));
    // Quality decided this one.
    assert!(!ev.lowest_price_won());
}

/// Price 50 %, one criterion 50 % scored 0–10. X: 100/200 × 50 + 10/10 × 50 = 25 + 50 = 75;
/// Y: 100/100 × 50 + 5/10 × 50 = 50 + 25 = 75. Equal totals: the lower price (Y) wins.
#[test]
fn equal_totals_go_to_the_lower_price() {
    let model = weighted(50, vec![criterion("Kvalitet", 50, 10)]);
    let tenders = [tender(1, kr(200), &[10]), tender(2, kr(100), &[5])];
    let ev = evaluate(&model, &tenders).unwrap();
    assert_eq!(weighted_detail(&ev.rows[0]).total, frac(75, 1));
    assert_eq!(weighted_detail(&ev.rows[1]).total, frac(75, 1));
    assert_eq!(ev.winner(), Some(&org(2)));
    assert!(ev.lowest_price_won());
}

#[test]
fn equal_totals_and_prices_go_to_the_lower_org_number() {
    let model = weighted(50, vec![criterion("Kvalitet", 50, 10)]);
    let tenders = [tender(9, kr(100), &[5]), tender(4, kr(100), &[5])];
    let ev = evaluate(&model, &tenders).unwrap();
    assert_eq!(ev.winner(), Some(&org(4)));
    assert_eq!(ev.rows[1].supplier, org(9));
}

/// Totals that differ by less than a hundredth are still ranked by their exact values:
/// 2/3 vs 0,6666 would show as 0,67 both, but the exact order decides, not the price.
#[test]
fn ranking_uses_exact_totals_not_rounded_ones() {
    // Price weight 100: scores are 100 × lowest / price.
    let model = weighted(100, vec![]);
    // 100 × 299_999 / 300_000 = 99,99967 and 100 × 299_999 / 300_001 = 99,99933: both
    // show as 100,00, yet the first is ahead (and is also cheaper, as it must be).
    let tenders = [
        tender(1, Money(300_001), &[]),
        tender(2, Money(299_999), &[]),
        tender(3, Money(300_000), &[]),
    ];
    let ev = evaluate(&model, &tenders).unwrap();
    let order: Vec<usize> = ev.rows.iter().map(|r| r.tender).collect();
    assert_eq!(order, vec![1, 2, 0]);
    let shown: Vec<i128> = ev
        .rows
        .iter()
        .map(|r| weighted_detail(r).total_hundredths)
        .collect();
    assert_eq!(shown, vec![10_000, 10_000, 10_000]);
}

#[test]
fn a_valid_model_has_no_problems() {
    let model = weighted(
        40,
        vec![criterion("Kompetens", 30, 5), criterion("Metod", 30, 5)],
    );
    assert_eq!(model.validate(), vec![]);
    let model = deductions(vec![deduction("Certifiering", kr(50_000), 1)]);
    assert_eq!(model.validate(), vec![]);
}

#[test]
fn model_problems_are_all_listed() {
    let model = EvaluationModel {
        name: "  ".to_string(),
        kind: ModelKind::WeightedScore {
            price_weight: 50,
            criteria: vec![
                criterion("Kompetens", 30, 5),
                criterion(" ", 10, 0),
                criterion("kompetens ", 5, 5),
                criterion("Metod", 1, 1001),
            ],
        },
    };
    assert_eq!(
        model.validate(),
        vec![
            ModelProblem::EmptyModelName,
            ModelProblem::WeightsDoNotSumTo100 { sum: 96 },
            ModelProblem::EmptyCriterionName { criterion: 1 },
            ModelProblem::ZeroMaxPoints { criterion: 1 },
            ModelProblem::DuplicateCriterionName {
                first: 0,
                criterion: 2
            },
            ModelProblem::MaxPointsTooLarge { criterion: 3 },
        ]
    );
    let model = deductions(vec![
        deduction("Erfarenhet", Money(-1), 4),
        deduction("Erfarenhet", kr(1), 0),
    ]);
    assert_eq!(
        model.validate(),
        vec![
            ModelProblem::DuplicateCriterionName {
                first: 0,
                criterion: 1
            },
            ModelProblem::ZeroMaxPoints { criterion: 1 },
            ModelProblem::NegativeMaxDeduction { criterion: 0 },
        ]
    );
}

#[test]
fn huge_weights_do_not_overflow_the_sum() {
    let model = weighted(u32::MAX, vec![criterion("K", u32::MAX, 5)]);
    assert_eq!(
        model.validate(),
        vec![ModelProblem::WeightsDoNotSumTo100 {
            sum: 2 * u64::from(u32::MAX)
        }]
    );
}

#[test]
fn tender_problems_are_all_listed() {
    let model = weighted(40, vec![criterion("K", 30, 5), criterion("M", 30, 5)]);
    assert_eq!(evaluate(&model, &[]), Err(vec![TenderProblem::NoTenders]));
    let tenders = [
        tender(1, kr(100), &[6, 5]),
        tender(2, Money(0), &[1]),
        tender(1, Money(-5), &[1, 2]),
    ];
    assert_eq!(
        evaluate(&model, &tenders),
        Err(vec![
            TenderProblem::PointsAboveMax {
                tender: 0,
                criterion: 0,
                points: 6,
                max_points: 5
            },
            TenderProblem::ZeroPrice { tender: 1 },
            TenderProblem::WrongNumberOfPoints {
                tender: 1,
                expected: 2,
                given: 1
            },
            TenderProblem::DuplicateSupplier {
                first: 0,
                tender: 2
            },
            TenderProblem::NegativePrice { tender: 2 },
        ])
    );
}

#[test]
fn an_invalid_model_is_reported_before_anything_is_computed() {
    let model = weighted(40, vec![criterion("K", 30, 0)]);
    let problems = evaluate(&model, &[tender(1, kr(100), &[0])]).unwrap_err();
    assert_eq!(
        problems,
        vec![
            TenderProblem::Model(ModelProblem::WeightsDoNotSumTo100 { sum: 70 }),
            TenderProblem::Model(ModelProblem::ZeroMaxPoints { criterion: 0 }),
        ]
    );
}

#[test]
fn a_nameless_model_can_still_be_computed() {
    let mut model = weighted(100, vec![]);
    model.name.clear();
    assert!(evaluate(&model, &[tender(1, kr(1), &[])]).is_ok());
}

/// Two criteria: experience in the public sector (0–4 points, up to 100 000 kr off) and a
/// certified project manager (met or not: 0–1, 50 000 kr). By hand:
///
/// | tender | price   | erfarenhet            | certifiering | deducted | evaluation price |
/// |--------|---------|-----------------------|--------------|----------|------------------|
/// | A      | 900 000 | 3/4 × 100 000 = 75 000| 50 000       | 125 000  | 775 000          |
/// | B      | 850 000 | 1/4 × 100 000 = 25 000| 0            |  25 000  | 825 000          |
/// | C      | 950 000 | 100 000               | 50 000       | 150 000  | 800 000          |
///
/// A wins, C second; B, the cheapest, comes last.
#[test]
fn deduction_worked_example() {
    let model = deductions(vec![
        deduction("Erfarenhet av offentlig sektor", kr(100_000), 4),
        deduction("Certifierad projektledare", kr(50_000), 1),
    ]);
    let tenders = [
        tender(1, kr(900_000), &[3, 1]),
        tender(2, kr(850_000), &[1, 0]),
        tender(3, kr(950_000), &[4, 1]),
    ];
    let ev = evaluate(&model, &tenders).unwrap();
    let order: Vec<usize> = ev.rows.iter().map(|r| r.tender).collect();
    assert_eq!(order, vec![0, 2, 1]);

    let a = deduction_detail(&ev.rows[0]);
    assert_eq!(
        a.deductions.iter().map(|d| d.amount).collect::<Vec<_>>(),
        vec![kr(75_000), kr(50_000)]
    );
    assert_eq!(
        (
            a.deductions[0].points,
            a.deductions[0].max_points,
            a.deductions[0].max_deduction
        ),
        (3, 4, kr(100_000))
    );
    assert_eq!(a.total_deduction, kr(125_000));
    assert_eq!(a.evaluation_price, kr(775_000));
    assert!(!a.floored);
    assert_eq!(deduction_detail(&ev.rows[1]).evaluation_price, kr(800_000));
    assert_eq!(deduction_detail(&ev.rows[2]).evaluation_price, kr(825_000));
}

/// Deductions are rounded half up to whole öre each: 100 öre × 1/3 = 33,3 → 33;
/// 100 öre × 2/3 = 66,7 → 67; 1 öre × 1/2 = 0,5 → 1. The total is the sum of the rounded
/// amounts, so what is shown adds up.
#[test]
fn deductions_round_half_up_to_whole_ore() {
    let model = deductions(vec![
        deduction("A", Money(100), 3),
        deduction("B", Money(100), 3),
        deduction("C", Money(1), 2),
    ]);
    let ev = evaluate(&model, &[tender(1, Money(1_000), &[1, 2, 1])]).unwrap();
    let d = deduction_detail(&ev.rows[0]);
    assert_eq!(
        d.deductions.iter().map(|d| d.amount).collect::<Vec<_>>(),
        vec![Money(33), Money(67), Money(1)]
    );
    assert_eq!(d.total_deduction, Money(101));
    assert_eq!(d.evaluation_price, Money(899));
}

/// Deductions larger than the price floor the evaluation price at zero (it is a figure for
/// comparison, and a negative price means the model is out of proportion: `floored` tells).
/// Two tenders at zero are then ranked by price.
#[test]
fn evaluation_price_is_floored_at_zero() {
    let model = deductions(vec![deduction("Erfarenhet", kr(50_000), 1)]);
    let tenders = [tender(1, kr(20_000), &[1]), tender(2, kr(10_000), &[1])];
    let ev = evaluate(&model, &tenders).unwrap();
    assert_eq!(ev.winner(), Some(&org(2)));
    for row in &ev.rows {
        let d = deduction_detail(row);
        assert_eq!(d.evaluation_price, Money(0));
        assert_eq!(d.total_deduction, kr(50_000));
        assert!(d.floored);
    }
}

#[test]
fn a_zero_price_is_fine_in_a_deduction_model() {
    let model = deductions(vec![]);
    let ev = evaluate(&model, &[tender(1, Money(0), &[])]).unwrap();
    assert_eq!(deduction_detail(&ev.rows[0]).evaluation_price, Money(0));
}

#[test]
fn competition_knows_uninvited_tenders_and_a_deviating_decision() {
    let model = weighted(100, vec![]);
    let mut c = Competition::new("FKU-2026-003", AgreementId(7), "Systemutveckling", model);
    c.invited = vec![org(1), org(2)];
    c.tenders = vec![tender(1, kr(100), &[]), tender(3, kr(90), &[])];
    assert_eq!(c.uninvited_tenders(), vec![1]);
    assert!(!c.winner_differs_from_evaluation());
    c.winner = Some(org(3));
    assert!(!c.winner_differs_from_evaluation());
    c.winner = Some(org(1));
    assert!(c.winner_differs_from_evaluation());
}

#[test]
fn the_templates_have_the_same_placeholders_in_both_languages() {
    let sv = include_str!("../../../assets/instructions/sv.md");
    let en = include_str!("../../../assets/instructions/en.md");
    let mut sv_names = placeholders(sv);
    let mut en_names = placeholders(en);
    sv_names.sort_unstable();
    en_names.sort_unstable();
    assert_eq!(sv_names, en_names);
    for name in [
        "agreement",
        "reference",
        "lot",
        "calloff",
        "deadline",
        "criteria",
        "contact",
    ] {
        assert!(sv_names.contains(&name), "{name} missing");
    }
    let fields: Vec<(&str, String)> = sv_names.iter().map(|n| (*n, "X".to_string())).collect();
    assert!(placeholders(&fill_instruction(sv, &fields)).is_empty());
    assert!(placeholders(&fill_instruction(en, &fields)).is_empty());
}

// ---- properties ----

/// A valid weighted model: up to four criteria, weights a random split of 100.
fn weighted_model() -> impl Strategy<Value = EvaluationModel> {
    (0usize..=4)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(0u32..=100, n),
                proptest::collection::vec(1u32..=10, n),
            )
        })
        .prop_map(|(mut cuts, maxima)| {
            cuts.sort_unstable();
            let mut prev = 0;
            let mut criteria = Vec::new();
            for (i, (cut, max_points)) in cuts.iter().zip(maxima).enumerate() {
                criteria.push(criterion(&format!("K{i}"), cut - prev, max_points));
                prev = *cut;
            }
            weighted(100 - prev, criteria)
        })
}

fn deduction_model() -> impl Strategy<Value = EvaluationModel> {
    proptest::collection::vec((0i64..10_000_000, 1u32..=10), 0..=4).prop_map(|cs| {
        deductions(
            cs.into_iter()
                .enumerate()
                .map(|(i, (d, m))| deduction(&format!("K{i}"), Money(d), m))
                .collect(),
        )
    })
}

/// 1..=6 tenders from distinct suppliers with valid points for the model.
fn tenders_for(model: &EvaluationModel) -> impl Strategy<Value = Vec<Tender>> + use<> {
    let maxima: Vec<u32> = model.kind.criteria().map(|(_, m)| m).collect();
    let n = maxima.len();
    proptest::collection::vec(
        (
            1i64..100_000_000,
            proptest::collection::vec(any::<u32>(), n),
            0u32..3,
        ),
        1..=6,
    )
    .prop_map(move |raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (price, pts, _))| Tender {
                // Suppliers in shuffled-ish order so the org-number tie-break is exercised.
                supplier: org((i as u32 * 7) % 11),
                price: Money(price),
                points: pts.iter().zip(&maxima).map(|(p, m)| p % (m + 1)).collect(),
            })
            .collect()
    })
}

fn rank_of(ev: &Evaluation, tender: usize) -> usize {
    ev.rows
        .iter()
        .find(|r| r.tender == tender)
        .map(|r| r.rank)
        .unwrap()
}

fn weighted_case() -> impl Strategy<Value = (EvaluationModel, Vec<Tender>)> {
    weighted_model().prop_flat_map(|m| {
        let t = tenders_for(&m);
        (Just(m), t)
    })
}

fn deduction_case() -> impl Strategy<Value = (EvaluationModel, Vec<Tender>)> {
    deduction_model().prop_flat_map(|m| {
        let t = tenders_for(&m);
        (Just(m), t)
    })
}

proptest! {
    #[test]
    fn weighted_winner_never_has_a_lower_total((model, tenders) in weighted_case()) {
        let ev = evaluate(&model, &tenders).unwrap();
        prop_assert_eq!(ev.rows.len(), tenders.len());
        let totals: Vec<Score> = ev.rows.iter().map(|r| weighted_detail(r).total).collect();
        for t in &totals {
            prop_assert!(totals[0] >= *t);
            prop_assert!(*t <= Score::new(100, 1).unwrap());
        }
        for pair in totals.windows(2) {
            prop_assert!(pair[0] >= pair[1]);
        }
    }

    #[test]
    fn weighted_lower_price_never_lowers_rank(
        (model, tenders) in weighted_case(), pick in any::<prop::sample::Index>(), cut in 0.0f64..1.0
    ) {
        let i = pick.index(tenders.len());
        let before = evaluate(&model, &tenders).unwrap();
        let mut cheaper = tenders.clone();
        let old = cheaper[i].price.0;
        cheaper[i].price = Money((1 + ((old - 1) as f64 * cut) as i64).min(old));
        let after = evaluate(&model, &cheaper).unwrap();
        prop_assert!(rank_of(&after, i) <= rank_of(&before, i));
    }

    #[test]
    fn deduction_lower_price_never_lowers_rank(
        (model, tenders) in deduction_case(), pick in any::<prop::sample::Index>(), cut in 0.0f64..1.0
    ) {
        let i = pick.index(tenders.len());
        let before = evaluate(&model, &tenders).unwrap();
        let mut cheaper = tenders.clone();
        let old = cheaper[i].price.0;
        cheaper[i].price = Money(((old as f64) * cut) as i64);
        let after = evaluate(&model, &cheaper).unwrap();
        prop_assert!(rank_of(&after, i) <= rank_of(&before, i));
    }

    #[test]
    fn deduction_winner_has_the_minimum_evaluation_price((model, tenders) in deduction_case()) {
        let ev = evaluate(&model, &tenders).unwrap();
        let prices: Vec<Money> =
            ev.rows.iter().map(|r| deduction_detail(r).evaluation_price).collect();
        prop_assert_eq!(prices[0], *prices.iter().min().unwrap());
        for (row, p) in ev.rows.iter().zip(&prices) {
            let d = deduction_detail(row);
            let sum: i64 = d.deductions.iter().map(|x| x.amount.0).sum();
            prop_assert_eq!(d.total_deduction.0, sum);
            prop_assert_eq!(p.0, (row.price.0 - sum).max(0));
        }
    }

    #[test]
    fn evaluate_never_panics(
        name in ".{0,3}",
        kind in 0u8..2,
        price_weight in any::<u32>(),
        criteria in proptest::collection::vec((".{0,2}", any::<u32>(), any::<u32>(), any::<i64>()), 0..4),
        tenders in proptest::collection::vec(
            (0u32..4, any::<i64>(), proptest::collection::vec(any::<u32>(), 0..5)), 0..5),
    ) {
        let kind = if kind == 0 {
            ModelKind::WeightedScore {
                price_weight,
                criteria: criteria.iter().map(|(n, w, m, _)| criterion(n, *w, *m)).collect(),
            }
        } else {
            ModelKind::PriceWithDeductions {
                criteria: criteria.iter().map(|(n, _, m, d)| deduction(n, Money(*d), *m)).collect(),
            }
        };
        let model = EvaluationModel { name, kind };
        let tenders: Vec<Tender> = tenders
            .into_iter()
            .map(|(s, p, pts)| tender(s, Money(p), &pts))
            .collect();
        match evaluate(&model, &tenders) {
            Ok(ev) => prop_assert_eq!(ev.rows.len(), tenders.len()),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    /// Small max points make valid models often, so the computing path runs with extreme
    /// prices and deductions too.
    #[test]
    fn extreme_amounts_never_panic(
        prices in proptest::collection::vec(any::<i64>(), 1..4),
        max_deduction in any::<i64>(),
    ) {
        let tenders: Vec<Tender> = prices
            .iter()
            .enumerate()
            .map(|(i, p)| tender(i as u32, Money(*p), &[1]))
            .collect();
        let _ = evaluate(&weighted(50, vec![criterion("K", 50, 3)]), &tenders);
        let _ = evaluate(&deductions(vec![deduction("K", Money(max_deduction), 1)]), &tenders);
    }
}
