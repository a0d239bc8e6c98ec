//! The terms and people of a stored agreement, and its history: each the shape its domain
//! type had when it was first stored, field for field, variant for variant.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::{
    EndedSupplier, EscalationLevel, History, Orderer, PastRanking, PenaltyBasis, PenaltyTerm,
    PenaltyTrigger, ProjectMember,
};

use super::super::common::{RateV1, all_digits, orgs};
use super::parts::SupplierV1;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PenaltyTriggerV1 {
    LateDelivery,
}

/// The names are the domain's (serde writes only the variant's index, but kept alike).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PenaltyBasisV1 {
    PerDay,
    PerStartedWeek,
    PerWorkingDay,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PenaltyTermV1 {
    pub trigger: PenaltyTriggerV1,
    pub basis: PenaltyBasisV1,
    pub rate: RateV1,
    pub cap: Option<RateV1>,
}

impl From<&PenaltyTerm> for PenaltyTermV1 {
    fn from(p: &PenaltyTerm) -> Self {
        PenaltyTermV1 {
            trigger: match p.trigger {
                PenaltyTrigger::LateDelivery => PenaltyTriggerV1::LateDelivery,
            },
            basis: match p.basis {
                PenaltyBasis::PerDay => PenaltyBasisV1::PerDay,
                PenaltyBasis::PerStartedWeek => PenaltyBasisV1::PerStartedWeek,
                PenaltyBasis::PerWorkingDay => PenaltyBasisV1::PerWorkingDay,
            },
            rate: RateV1::from(&p.rate),
            cap: p.cap.as_ref().map(RateV1::from),
        }
    }
}

impl TryFrom<PenaltyTermV1> for PenaltyTerm {
    type Error = String;
    fn try_from(p: PenaltyTermV1) -> Result<Self, String> {
        Ok(PenaltyTerm {
            trigger: match p.trigger {
                PenaltyTriggerV1::LateDelivery => PenaltyTrigger::LateDelivery,
            },
            basis: match p.basis {
                PenaltyBasisV1::PerDay => PenaltyBasis::PerDay,
                PenaltyBasisV1::PerStartedWeek => PenaltyBasis::PerStartedWeek,
                PenaltyBasisV1::PerWorkingDay => PenaltyBasis::PerWorkingDay,
            },
            rate: p.rate.into(),
            cap: p.cap.map(Into::into),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationLevelV1 {
    pub level: u8,
    pub title: String,
    pub buyer_contact: String,
    pub description: String,
}

impl From<&EscalationLevel> for EscalationLevelV1 {
    fn from(e: &EscalationLevel) -> Self {
        EscalationLevelV1 {
            level: e.level,
            title: e.title.clone(),
            buyer_contact: e.buyer_contact.clone(),
            description: e.description.clone(),
        }
    }
}

impl TryFrom<EscalationLevelV1> for EscalationLevel {
    type Error = String;
    fn try_from(e: EscalationLevelV1) -> Result<Self, String> {
        Ok(EscalationLevel {
            level: e.level,
            title: e.title,
            buyer_contact: e.buyer_contact,
            description: e.description,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrdererV1 {
    pub name: String,
    pub unit: String,
    pub email: String,
}

impl From<&Orderer> for OrdererV1 {
    fn from(o: &Orderer) -> Self {
        OrdererV1 {
            name: o.name.clone(),
            unit: o.unit.clone(),
            email: o.email.clone(),
        }
    }
}

impl TryFrom<OrdererV1> for Orderer {
    type Error = String;
    fn try_from(o: OrdererV1) -> Result<Self, String> {
        Ok(Orderer {
            name: o.name,
            unit: o.unit,
            email: o.email,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectMemberV1 {
    pub name: String,
    pub role: String,
    pub email: String,
}

impl From<&ProjectMember> for ProjectMemberV1 {
    fn from(m: &ProjectMember) -> Self {
        ProjectMemberV1 {
            name: m.name.clone(),
            role: m.role.clone(),
            email: m.email.clone(),
        }
    }
}

impl TryFrom<ProjectMemberV1> for ProjectMember {
    type Error = String;
    fn try_from(m: ProjectMemberV1) -> Result<Self, String> {
        Ok(ProjectMember {
            name: m.name,
            role: m.role,
            email: m.email,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastRankingV1 {
    pub lot: String,
    pub ranking: Vec<String>,
    pub until: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndedSupplierV1 {
    pub supplier: SupplierV1,
    pub ended: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryV1 {
    pub rankings: Vec<PastRankingV1>,
    pub ended_suppliers: Vec<EndedSupplierV1>,
}

impl From<&History> for HistoryV1 {
    fn from(h: &History) -> Self {
        HistoryV1 {
            rankings: h
                .rankings
                .iter()
                .map(|r| PastRankingV1 {
                    lot: r.lot.clone(),
                    ranking: all_digits(&r.ranking),
                    until: r.until,
                })
                .collect(),
            ended_suppliers: h
                .ended_suppliers
                .iter()
                .map(|e| EndedSupplierV1 {
                    supplier: SupplierV1::from(&e.supplier),
                    ended: e.ended,
                })
                .collect(),
        }
    }
}

impl TryFrom<HistoryV1> for History {
    type Error = String;
    fn try_from(h: HistoryV1) -> Result<Self, String> {
        Ok(History {
            rankings: h
                .rankings
                .into_iter()
                .map(|r| {
                    Ok(PastRanking {
                        lot: r.lot,
                        ranking: orgs(r.ranking)?,
                        until: r.until,
                    })
                })
                .collect::<Result<_, String>>()?,
            ended_suppliers: h
                .ended_suppliers
                .into_iter()
                .map(|e| {
                    Ok(EndedSupplier {
                        supplier: e.supplier.try_into()?,
                        ended: e.ended,
                    })
                })
                .collect::<Result<_, String>>()?,
        })
    }
}
