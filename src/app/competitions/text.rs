//! A renewed competition's problems in words, naming the suppliers and criteria they are
//! about, and points as people read them.

use crate::domain::Agreement;
use crate::domain::competition::{Competition, EvaluationModel, ModelProblem, TenderProblem};
use crate::i18n::Catalog;
use crate::tr;

fn criterion_name(m: &EvaluationModel, i: usize) -> String {
    m.kind
        .criteria()
        .nth(i)
        .map(|(n, _)| n.to_string())
        .unwrap_or_else(|| format!("#{}", i + 1))
}

/// A model problem in words.
pub fn model_problem(cat: &Catalog, m: &EvaluationModel, p: &ModelProblem) -> String {
    match p {
        ModelProblem::EmptyModelName => cat.t("ui.problem.empty_model_name").to_string(),
        ModelProblem::WeightsDoNotSumTo100 { sum } => {
            tr!(cat, "ui.problem.weights_sum", sum = sum)
        }
        ModelProblem::EmptyCriterionName { criterion } => {
            tr!(cat, "ui.problem.empty_criterion_name", n = criterion + 1)
        }
        ModelProblem::ZeroMaxPoints { criterion } => tr!(
            cat,
            "ui.problem.zero_max_points",
            name = criterion_name(m, *criterion)
        ),
        ModelProblem::MaxPointsTooLarge { criterion } => tr!(
            cat,
            "ui.problem.max_points_too_large",
            name = criterion_name(m, *criterion),
            max = crate::domain::competition::MAX_POINTS
        ),
        ModelProblem::DuplicateCriterionName { criterion, .. } => tr!(
            cat,
            "ui.problem.duplicate_criterion",
            name = criterion_name(m, *criterion)
        ),
        ModelProblem::NegativeMaxDeduction { criterion } => tr!(
            cat,
            "ui.problem.negative_deduction",
            name = criterion_name(m, *criterion)
        ),
    }
}

/// Why the tenders cannot be evaluated, in words, naming suppliers and criteria.
pub fn tender_problem(cat: &Catalog, a: &Agreement, c: &Competition, p: &TenderProblem) -> String {
    let who = |t: &usize| {
        c.tenders
            .get(*t)
            .map(|t| a.supplier_name(&t.supplier))
            .unwrap_or_default()
    };
    match p {
        TenderProblem::Model(m) => model_problem(cat, &c.model, m),
        TenderProblem::NoTenders => cat.t("ui.problem.no_tenders").to_string(),
        TenderProblem::WrongNumberOfPoints {
            tender,
            expected,
            given,
        } => tr!(
            cat,
            "ui.problem.wrong_points",
            supplier = who(tender),
            expected = expected,
            given = given
        ),
        TenderProblem::PointsAboveMax {
            tender,
            criterion,
            points,
            max_points,
        } => tr!(
            cat,
            "ui.problem.points_above_max",
            supplier = who(tender),
            name = criterion_name(&c.model, *criterion),
            points = points,
            max = max_points
        ),
        TenderProblem::DuplicateSupplier { tender, .. } => {
            tr!(cat, "ui.problem.duplicate_supplier", supplier = who(tender))
        }
        TenderProblem::ZeroPrice { tender } => {
            tr!(cat, "ui.problem.zero_price", supplier = who(tender))
        }
        TenderProblem::NegativePrice { tender } => {
            tr!(cat, "ui.problem.negative_price", supplier = who(tender))
        }
        TenderProblem::TooLargeToCompute { tender } => {
            tr!(cat, "ui.problem.too_large", supplier = who(tender))
        }
    }
}

/// `87,16` from hundredths of a point.
pub fn points_text(hundredths: i128) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.unsigned_abs();
    format!("{sign}{},{:02}", h / 100, h % 100)
}
