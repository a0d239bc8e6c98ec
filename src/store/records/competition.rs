//! Stored renewed competitions (`COMPETITIONS`, keyed by agreement and call-off) and
//! evaluation models (`MODELS`, keyed by agreement and name), each version 1.

use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::domain::competition::{
    Competition, Criterion, DeductionCriterion, EvaluationModel, ModelKind, Tender,
};
use crate::domain::{AgreementId, Money};

use super::common::{all_digits, digits, each, org, org_opt, orgs, shapes};

pub const V1: u16 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct CriterionV1 {
    pub name: String,
    pub weight: u32,
    pub max_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DeductionCriterionV1 {
    pub name: String,
    /// Öre.
    pub max_deduction: i64,
    pub max_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ModelKindV1 {
    WeightedScore {
        price_weight: u32,
        criteria: Vec<CriterionV1>,
    },
    PriceWithDeductions {
        criteria: Vec<DeductionCriterionV1>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct ModelV1 {
    pub name: String,
    pub kind: ModelKindV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct TenderV1 {
    pub supplier: String,
    pub price: i64,
    pub points: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct CompetitionV1 {
    pub calloff: String,
    pub agreement: u64,
    pub lot: String,
    pub instruction: String,
    pub model: ModelV1,
    pub invited: Vec<String>,
    pub tenders: Vec<TenderV1>,
    pub deadline: Option<PrimitiveDateTime>,
    pub winner: Option<String>,
    pub note: String,
}

super::shapes!(ModelV1, CompetitionV1);
super::stored!(EvaluationModel, ModelV1, V1);
super::stored!(Competition, CompetitionV1, V1);

impl From<&Criterion> for CriterionV1 {
    fn from(c: &Criterion) -> Self {
        CriterionV1 {
            name: c.name.clone(),
            weight: c.weight,
            max_points: c.max_points,
        }
    }
}

impl TryFrom<CriterionV1> for Criterion {
    type Error = String;
    fn try_from(c: CriterionV1) -> Result<Self, String> {
        Ok(Criterion {
            name: c.name,
            weight: c.weight,
            max_points: c.max_points,
        })
    }
}

impl From<&DeductionCriterion> for DeductionCriterionV1 {
    fn from(c: &DeductionCriterion) -> Self {
        DeductionCriterionV1 {
            name: c.name.clone(),
            max_deduction: c.max_deduction.0,
            max_points: c.max_points,
        }
    }
}

impl TryFrom<DeductionCriterionV1> for DeductionCriterion {
    type Error = String;
    fn try_from(c: DeductionCriterionV1) -> Result<Self, String> {
        Ok(DeductionCriterion {
            name: c.name,
            max_deduction: Money(c.max_deduction),
            max_points: c.max_points,
        })
    }
}

impl From<&EvaluationModel> for ModelV1 {
    fn from(m: &EvaluationModel) -> Self {
        ModelV1 {
            name: m.name.clone(),
            kind: match &m.kind {
                ModelKind::WeightedScore {
                    price_weight,
                    criteria,
                } => ModelKindV1::WeightedScore {
                    price_weight: *price_weight,
                    criteria: shapes(criteria),
                },
                ModelKind::PriceWithDeductions { criteria } => ModelKindV1::PriceWithDeductions {
                    criteria: shapes(criteria),
                },
            },
        }
    }
}

impl TryFrom<ModelV1> for EvaluationModel {
    type Error = String;
    fn try_from(m: ModelV1) -> Result<Self, String> {
        Ok(EvaluationModel {
            name: m.name,
            kind: match m.kind {
                ModelKindV1::WeightedScore {
                    price_weight,
                    criteria,
                } => ModelKind::WeightedScore {
                    price_weight,
                    criteria: each(criteria)?,
                },
                ModelKindV1::PriceWithDeductions { criteria } => ModelKind::PriceWithDeductions {
                    criteria: each(criteria)?,
                },
            },
        })
    }
}

impl From<&Tender> for TenderV1 {
    fn from(t: &Tender) -> Self {
        TenderV1 {
            supplier: digits(&t.supplier),
            price: t.price.0,
            points: t.points.clone(),
        }
    }
}

impl TryFrom<TenderV1> for Tender {
    type Error = String;
    fn try_from(t: TenderV1) -> Result<Self, String> {
        Ok(Tender {
            supplier: org(t.supplier)?,
            price: Money(t.price),
            points: t.points,
        })
    }
}

impl From<&Competition> for CompetitionV1 {
    fn from(c: &Competition) -> Self {
        CompetitionV1 {
            calloff: c.calloff.clone(),
            agreement: c.agreement.0,
            lot: c.lot.clone(),
            instruction: c.instruction.clone(),
            model: ModelV1::from(&c.model),
            invited: all_digits(&c.invited),
            tenders: shapes(&c.tenders),
            deadline: c.deadline,
            winner: c.winner.as_ref().map(digits),
            note: c.note.clone(),
        }
    }
}

impl TryFrom<CompetitionV1> for Competition {
    type Error = String;
    fn try_from(c: CompetitionV1) -> Result<Self, String> {
        Ok(Competition {
            calloff: c.calloff,
            agreement: AgreementId(c.agreement),
            lot: c.lot,
            instruction: c.instruction,
            model: c.model.try_into()?,
            invited: orgs(c.invited)?,
            tenders: each(c.tenders)?,
            deadline: c.deadline,
            winner: org_opt(c.winner)?,
            note: c.note,
        })
    }
}
