//! Renewed competition (förnyad konkurrensutsättning, DESIGN §1.5): the lot's suppliers
//! are invited by an instruction (avropsinstruktion) to tender, the tenders are scored by
//! an evaluation model, the winner is computed, and afterwards the contract manager notes
//! how the model worked, to improve it for the next call-off.
//!
//! Two models used in Swedish public procurement:
//! - [`ModelKind::WeightedScore`]: price and quality criteria weighted in percent, total
//!   out of 100 points, highest total wins;
//! - [`ModelKind::PriceWithDeductions`]: quality is credited as a deduction
//!   (mervärdesavdrag) from the price, lowest evaluation price wins.
//!
//! All arithmetic is exact (integers and [`Score`] fractions); rounding to hundredths of a
//! point happens only for display. Money is in öre.

mod instruction;
mod ratio;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use time::PrimitiveDateTime;

use super::agreement::AgreementId;
use super::money::Money;
use super::orgnr::OrgNumber;

pub use instruction::{fill_instruction, placeholders};
pub use ratio::Score;

/// The most points a criterion may be scored out of. Real scales are 0–5, 0–10 or 0–100;
/// the bound keeps the exact fractions small.
pub const MAX_POINTS: u32 = 1_000;

/// A named evaluation model (utvärderingsmodell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationModel {
    pub name: String,
    pub kind: ModelKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelKind {
    /// Weighted score: `price_weight` plus the criteria weights sum to 100 (percent).
    /// Price score = lowest price / price × price_weight (the lowest price gets the full
    /// weight); criterion score = points / max_points × weight; total out of 100.
    WeightedScore {
        price_weight: u32,
        criteria: Vec<Criterion>,
    },
    /// Price with added-value deductions (mervärdesavdrag): each criterion met to
    /// points / max_points deducts that share of its `max_deduction` from the price.
    PriceWithDeductions { criteria: Vec<DeductionCriterion> },
}

/// A quality criterion of a weighted model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub name: String,
    /// Percent of the total.
    pub weight: u32,
    /// Points are given on the scale 0..=max_points.
    pub max_points: u32,
}

/// A criterion of a deduction model. Met/not met is `max_points = 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductionCriterion {
    pub name: String,
    /// Deducted in full at max_points, in proportion below.
    pub max_deduction: Money,
    pub max_points: u32,
}

/// What is wrong with a model. Indexes are positions in the model's criteria list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelProblem {
    EmptyModelName,
    /// Price weight plus criteria weights is not 100 percent.
    WeightsDoNotSumTo100 {
        sum: u64,
    },
    EmptyCriterionName {
        criterion: usize,
    },
    /// Points out of zero cannot be scored (and would divide by zero).
    ZeroMaxPoints {
        criterion: usize,
    },
    /// More than [`MAX_POINTS`].
    MaxPointsTooLarge {
        criterion: usize,
    },
    /// Two criteria with the same name (compared trimmed and case-insensitively); `first`
    /// is the earlier one.
    DuplicateCriterionName {
        first: usize,
        criterion: usize,
    },
    NegativeMaxDeduction {
        criterion: usize,
    },
}

impl EvaluationModel {
    /// Every problem of the model, in criteria order; empty when the model can be used.
    pub fn validate(&self) -> Vec<ModelProblem> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(ModelProblem::EmptyModelName);
        }
        if let ModelKind::WeightedScore {
            price_weight,
            criteria,
        } = &self.kind
        {
            // u64: arbitrary u32 weights must not overflow the sum.
            let sum = u64::from(*price_weight)
                + criteria.iter().map(|c| u64::from(c.weight)).sum::<u64>();
            if sum != 100 {
                problems.push(ModelProblem::WeightsDoNotSumTo100 { sum });
            }
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, (name, max_points)) in self.kind.criteria().enumerate() {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                problems.push(ModelProblem::EmptyCriterionName { criterion: i });
            } else if let Some(&first) = seen.get(&key) {
                problems.push(ModelProblem::DuplicateCriterionName {
                    first,
                    criterion: i,
                });
            } else {
                seen.insert(key, i);
            }
            if max_points == 0 {
                problems.push(ModelProblem::ZeroMaxPoints { criterion: i });
            } else if max_points > MAX_POINTS {
                problems.push(ModelProblem::MaxPointsTooLarge { criterion: i });
            }
        }
        if let ModelKind::PriceWithDeductions { criteria } = &self.kind {
            for (i, c) in criteria.iter().enumerate() {
                if c.max_deduction.0 < 0 {
                    problems.push(ModelProblem::NegativeMaxDeduction { criterion: i });
                }
            }
        }
        problems
    }
}

impl ModelKind {
    /// Number of criteria (price not counted): the number of points each tender gives.
    pub fn criteria_len(&self) -> usize {
        match self {
            ModelKind::WeightedScore { criteria, .. } => criteria.len(),
            ModelKind::PriceWithDeductions { criteria } => criteria.len(),
        }
    }

    /// Name and max points of each criterion, in model order.
    pub fn criteria(&self) -> impl Iterator<Item = (&str, u32)> {
        let (weighted, deductions) = match self {
            ModelKind::WeightedScore { criteria, .. } => (criteria.as_slice(), &[][..]),
            ModelKind::PriceWithDeductions { criteria } => (&[][..], criteria.as_slice()),
        };
        weighted
            .iter()
            .map(|c| (c.name.as_str(), c.max_points))
            .chain(deductions.iter().map(|c| (c.name.as_str(), c.max_points)))
    }
}

/// One supplier's tender (anbud): its price and its points per criterion, in model order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tender {
    pub supplier: OrgNumber,
    pub price: Money,
    pub points: Vec<u32>,
}

/// Why tenders cannot be evaluated. `tender` is a position in the tenders list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenderProblem {
    /// The model itself is invalid (see [`EvaluationModel::validate`]).
    Model(ModelProblem),
    NoTenders,
    WrongNumberOfPoints {
        tender: usize,
        expected: usize,
        given: usize,
    },
    PointsAboveMax {
        tender: usize,
        criterion: usize,
        points: u32,
        max_points: u32,
    },
    /// The same supplier tendered twice; `first` is the earlier tender.
    DuplicateSupplier {
        first: usize,
        tender: usize,
    },
    /// A weighted model divides the lowest price by each price.
    ZeroPrice {
        tender: usize,
    },
    NegativePrice {
        tender: usize,
    },
    /// The exact arithmetic would overflow (absurdly large prices or incompatible point
    /// scales); never seen with real models, but reported rather than panicking.
    TooLargeToCompute {
        tender: usize,
    },
}

/// Tenders ranked best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub rows: Vec<EvaluatedTender>,
}

impl Evaluation {
    /// The supplier ranked first.
    pub fn winner(&self) -> Option<&OrgNumber> {
        self.rows.first().map(|r| &r.supplier)
    }

    /// True when the winner also has the lowest price: the quality criteria did not change
    /// the outcome. Seen over many call-offs, a hint for reviewing the model (are the
    /// criteria weighted enough to matter, or is it a price competition in disguise?).
    pub fn lowest_price_won(&self) -> bool {
        match (self.rows.first(), self.rows.iter().map(|r| r.price).min()) {
            (Some(first), Some(lowest)) => first.price == lowest,
            _ => false,
        }
    }
}

/// One tender with the whole computation, so the result can be shown and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluatedTender {
    /// 1 for the winner. Ranks are unique: ties are broken by price, then org number.
    pub rank: usize,
    /// Position of the tender in the input list.
    pub tender: usize,
    pub supplier: OrgNumber,
    pub price: Money,
    pub detail: ScoreDetail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreDetail {
    Weighted(WeightedDetail),
    Deductions(DeductionDetail),
}

/// How a weighted total came about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedDetail {
    pub price: PriceScore,
    pub criteria: Vec<CriterionScore>,
    /// price.score + Σ criteria scores, out of 100.
    pub total: Score,
    /// `total` in hundredths of a point, rounded half up (display only).
    pub total_hundredths: i128,
}

/// `score = lowest / price × weight`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceScore {
    pub lowest: Money,
    pub price: Money,
    pub weight: u32,
    pub score: Score,
    pub hundredths: i128,
}

/// `score = points / max_points × weight`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    pub points: u32,
    pub max_points: u32,
    pub weight: u32,
    pub score: Score,
    pub hundredths: i128,
}

/// How an evaluation price came about: `max(price − Σ deductions, 0)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductionDetail {
    pub deductions: Vec<Deduction>,
    pub total_deduction: Money,
    pub evaluation_price: Money,
    /// The deductions exceeded the price and the evaluation price was set to zero: a sign
    /// that the model's deductions are too large for the call-off.
    pub floored: bool,
}

/// `amount = max_deduction × points / max_points`, rounded half up to whole öre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deduction {
    pub points: u32,
    pub max_points: u32,
    pub max_deduction: Money,
    pub amount: Money,
}

/// Scores and ranks the tenders under the model, or lists every problem found.
///
/// Ranking:
/// - weighted: highest exact total first; equal totals → lower price first;
/// - deductions: lowest evaluation price first; equal → lower price first;
/// - then, in both, the lower organisation number (a neutral, reproducible last resort;
///   the contracting authority may decide otherwise, e.g. by lot, and record that as the
///   competition's `winner`).
pub fn evaluate(
    model: &EvaluationModel,
    tenders: &[Tender],
) -> Result<Evaluation, Vec<TenderProblem>> {
    let mut problems: Vec<TenderProblem> = model
        .validate()
        .into_iter()
        // The name is for people; a nameless model can still be computed.
        .filter(|p| *p != ModelProblem::EmptyModelName)
        .map(TenderProblem::Model)
        .collect();
    problems.extend(tender_problems(&model.kind, tenders));
    if !problems.is_empty() {
        return Err(problems);
    }
    let rows = match &model.kind {
        ModelKind::WeightedScore {
            price_weight,
            criteria,
        } => evaluate_weighted(*price_weight, criteria, tenders)?,
        ModelKind::PriceWithDeductions { criteria } => evaluate_deductions(criteria, tenders),
    };
    Ok(Evaluation { rows })
}

fn tender_problems(kind: &ModelKind, tenders: &[Tender]) -> Vec<TenderProblem> {
    let mut problems = Vec::new();
    if tenders.is_empty() {
        problems.push(TenderProblem::NoTenders);
    }
    let maxima: Vec<u32> = kind.criteria().map(|(_, max)| max).collect();
    let mut seen: BTreeMap<&OrgNumber, usize> = BTreeMap::new();
    for (t, tender) in tenders.iter().enumerate() {
        if let Some(&first) = seen.get(&tender.supplier) {
            problems.push(TenderProblem::DuplicateSupplier { first, tender: t });
        } else {
            seen.insert(&tender.supplier, t);
        }
        if tender.price.0 < 0 {
            problems.push(TenderProblem::NegativePrice { tender: t });
        } else if tender.price.0 == 0 && matches!(kind, ModelKind::WeightedScore { .. }) {
            problems.push(TenderProblem::ZeroPrice { tender: t });
        }
        if tender.points.len() != maxima.len() {
            problems.push(TenderProblem::WrongNumberOfPoints {
                tender: t,
                expected: maxima.len(),
                given: tender.points.len(),
            });
        }
        for (c, (&points, &max_points)) in tender.points.iter().zip(&maxima).enumerate() {
            if points > max_points {
                problems.push(TenderProblem::PointsAboveMax {
                    tender: t,
                    criterion: c,
                    points,
                    max_points,
                });
            }
        }
    }
    problems
}

/// Assumes validated input: weights sum to 100, max points 1..=MAX_POINTS, prices > 0,
/// points ≤ max points, one tender at least.
fn evaluate_weighted(
    price_weight: u32,
    criteria: &[Criterion],
    tenders: &[Tender],
) -> Result<Vec<EvaluatedTender>, Vec<TenderProblem>> {
    let lowest = tenders.iter().map(|t| t.price).min().unwrap_or(Money(1));
    let mut rows = Vec::with_capacity(tenders.len());
    let mut problems = Vec::new();
    for (t, tender) in tenders.iter().enumerate() {
        match weighted_detail(price_weight, criteria, lowest, tender) {
            Some(detail) => rows.push((detail, t)),
            None => problems.push(TenderProblem::TooLargeToCompute { tender: t }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    rows.sort_by(|(a, ta), (b, tb)| {
        b.total
            .cmp(&a.total)
            .then_with(|| cmp_price_then_supplier(&tenders[*ta], &tenders[*tb]))
    });
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, (detail, t))| EvaluatedTender {
            rank: i + 1,
            tender: t,
            supplier: tenders[t].supplier.clone(),
            price: tenders[t].price,
            detail: ScoreDetail::Weighted(detail),
        })
        .collect())
}

fn weighted_detail(
    price_weight: u32,
    criteria: &[Criterion],
    lowest: Money,
    tender: &Tender,
) -> Option<WeightedDetail> {
    let price_score = Score::new(
        i128::from(lowest.0).checked_mul(i128::from(price_weight))?,
        i128::from(tender.price.0),
    )?;
    let mut total = price_score;
    let mut scores = Vec::with_capacity(criteria.len());
    for (c, &points) in criteria.iter().zip(&tender.points) {
        let score = Score::new(
            i128::from(points) * i128::from(c.weight),
            i128::from(c.max_points),
        )?;
        total = total.checked_add(score)?;
        scores.push(CriterionScore {
            points,
            max_points: c.max_points,
            weight: c.weight,
            score,
            hundredths: score.hundredths(),
        });
    }
    Some(WeightedDetail {
        price: PriceScore {
            lowest,
            price: tender.price,
            weight: price_weight,
            score: price_score,
            hundredths: price_score.hundredths(),
        },
        criteria: scores,
        total,
        total_hundredths: total.hundredths(),
    })
}

/// Assumes validated input: max points 1..=MAX_POINTS, deductions and prices ≥ 0,
/// points ≤ max points.
fn evaluate_deductions(
    criteria: &[DeductionCriterion],
    tenders: &[Tender],
) -> Vec<EvaluatedTender> {
    let mut rows: Vec<(DeductionDetail, usize)> = tenders
        .iter()
        .enumerate()
        .map(|(t, tender)| (deduction_detail(criteria, tender), t))
        .collect();
    rows.sort_by(|(a, ta), (b, tb)| {
        a.evaluation_price
            .cmp(&b.evaluation_price)
            .then_with(|| cmp_price_then_supplier(&tenders[*ta], &tenders[*tb]))
    });
    rows.into_iter()
        .enumerate()
        .map(|(i, (detail, t))| EvaluatedTender {
            rank: i + 1,
            tender: t,
            supplier: tenders[t].supplier.clone(),
            price: tenders[t].price,
            detail: ScoreDetail::Deductions(detail),
        })
        .collect()
}

fn deduction_detail(criteria: &[DeductionCriterion], tender: &Tender) -> DeductionDetail {
    let mut deductions = Vec::with_capacity(criteria.len());
    // i128: the sum of many i64 deductions cannot overflow it.
    let mut total: i128 = 0;
    for (c, &points) in criteria.iter().zip(&tender.points) {
        let max_points = i128::from(c.max_points.max(1));
        // Each deduction is rounded half up to whole öre, so that the amounts shown add
        // up exactly to the total deduction the ranking uses.
        let exact_num = i128::from(c.max_deduction.0) * i128::from(points);
        let amount = (2 * exact_num + max_points) / (2 * max_points);
        total += amount;
        deductions.push(Deduction {
            points,
            max_points: c.max_points,
            max_deduction: c.max_deduction,
            amount: Money(to_i64(amount)),
        });
    }
    let price = i128::from(tender.price.0);
    let floored = total > price;
    DeductionDetail {
        deductions,
        total_deduction: Money(to_i64(total)),
        evaluation_price: Money(to_i64((price - total).max(0))),
        floored,
    }
}

/// Amounts are at most the largest max_deduction (≤ i64::MAX) and sums are clamped: a
/// total deduction beyond i64::MAX öre only ever floors the evaluation price at zero.
fn to_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

fn cmp_price_then_supplier(a: &Tender, b: &Tender) -> Ordering {
    a.price
        .cmp(&b.price)
        .then_with(|| a.supplier.cmp(&b.supplier))
}

/// A renewed competition under a lot of a framework agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competition {
    /// The call-off reference this competition awards.
    pub calloff: String,
    pub agreement: AgreementId,
    pub lot: String,
    /// The invitation (avropsinstruktion) as sent, usually filled from a template.
    pub instruction: String,
    pub model: EvaluationModel,
    /// The suppliers of the lot invited to tender.
    pub invited: Vec<OrgNumber>,
    pub tenders: Vec<Tender>,
    /// Last time for tenders, local Swedish time.
    pub deadline: Option<PrimitiveDateTime>,
    /// The recorded award decision; normally the evaluation's winner.
    pub winner: Option<OrgNumber>,
    /// Afterwards: how the model worked and what to change next time.
    pub note: String,
}

impl Competition {
    pub fn new(calloff: &str, agreement: AgreementId, lot: &str, model: EvaluationModel) -> Self {
        Competition {
            calloff: calloff.to_string(),
            agreement,
            lot: lot.to_string(),
            instruction: String::new(),
            model,
            invited: Vec::new(),
            tenders: Vec::new(),
            deadline: None,
            winner: None,
            note: String::new(),
        }
    }

    /// [`evaluate`] on this competition's model and tenders.
    pub fn evaluate(&self) -> Result<Evaluation, Vec<TenderProblem>> {
        evaluate(&self.model, &self.tenders)
    }

    /// Tenders (their positions) from suppliers that were not invited.
    pub fn uninvited_tenders(&self) -> Vec<usize> {
        self.tenders
            .iter()
            .enumerate()
            .filter(|(_, t)| !self.invited.contains(&t.supplier))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when a winner is recorded and it is not the one the evaluation ranks first
    /// (or the tenders cannot be evaluated): a decision that needs its reasons documented.
    pub fn winner_differs_from_evaluation(&self) -> bool {
        match &self.winner {
            None => false,
            Some(w) => self.evaluate().ok().as_ref().and_then(Evaluation::winner) != Some(w),
        }
    }
}

#[cfg(test)]
mod tests;
