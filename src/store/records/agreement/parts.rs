//! The parts of a stored agreement, each the shape its domain type had when it was first
//! stored: field for field, variant for variant.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::{
    Contact, ContactRole, EndedSupplier, EscalationLevel, ExtensionOption, History, Lot,
    OptionStatus, OrderTemplate, Orderer, PastRanking, PenaltyBasis, PenaltyTerm, PenaltyTrigger,
    Priority, ProjectMember, Supplier,
};

use super::super::common::{RateV1, all_digits, digits, each, org, orgs, shapes};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PriorityV1 {
    Class1,
    Class2,
    Class3,
}

impl From<&Priority> for PriorityV1 {
    fn from(p: &Priority) -> Self {
        match p {
            Priority::Class1 => PriorityV1::Class1,
            Priority::Class2 => PriorityV1::Class2,
            Priority::Class3 => PriorityV1::Class3,
        }
    }
}

impl From<PriorityV1> for Priority {
    fn from(p: PriorityV1) -> Self {
        match p {
            PriorityV1::Class1 => Priority::Class1,
            PriorityV1::Class2 => Priority::Class2,
            PriorityV1::Class3 => Priority::Class3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderTemplateV1 {
    pub name: String,
    pub location: String,
}

impl From<&OrderTemplate> for OrderTemplateV1 {
    fn from(t: &OrderTemplate) -> Self {
        OrderTemplateV1 {
            name: t.name.clone(),
            location: t.location.clone(),
        }
    }
}

impl TryFrom<OrderTemplateV1> for OrderTemplate {
    type Error = String;
    fn try_from(t: OrderTemplateV1) -> Result<Self, String> {
        Ok(OrderTemplate {
            name: t.name,
            location: t.location,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum OptionStatusV1 {
    Open,
    Exercised,
    Declined,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionOptionV1 {
    pub extends_to: Date,
    pub notice_date: Date,
    pub status: OptionStatusV1,
    pub note: String,
}

impl From<&ExtensionOption> for ExtensionOptionV1 {
    fn from(o: &ExtensionOption) -> Self {
        ExtensionOptionV1 {
            extends_to: o.extends_to,
            notice_date: o.notice_date,
            status: match o.status {
                OptionStatus::Open => OptionStatusV1::Open,
                OptionStatus::Exercised => OptionStatusV1::Exercised,
                OptionStatus::Declined => OptionStatusV1::Declined,
            },
            note: o.note.clone(),
        }
    }
}

impl TryFrom<ExtensionOptionV1> for ExtensionOption {
    type Error = String;
    fn try_from(o: ExtensionOptionV1) -> Result<Self, String> {
        Ok(ExtensionOption {
            extends_to: o.extends_to,
            notice_date: o.notice_date,
            status: match o.status {
                OptionStatusV1::Open => OptionStatus::Open,
                OptionStatusV1::Exercised => OptionStatus::Exercised,
                OptionStatusV1::Declined => OptionStatus::Declined,
            },
            note: o.note,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ContactRoleV1 {
    AccountManager,
    CustomerTeam,
    Escalation,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactV1 {
    pub name: String,
    pub role: ContactRoleV1,
    pub email: String,
    pub phone: String,
    pub escalation_level: Option<u8>,
}

impl From<&Contact> for ContactV1 {
    fn from(c: &Contact) -> Self {
        ContactV1 {
            name: c.name.clone(),
            role: match c.role {
                ContactRole::AccountManager => ContactRoleV1::AccountManager,
                ContactRole::CustomerTeam => ContactRoleV1::CustomerTeam,
                ContactRole::Escalation => ContactRoleV1::Escalation,
                ContactRole::Other => ContactRoleV1::Other,
            },
            email: c.email.clone(),
            phone: c.phone.clone(),
            escalation_level: c.escalation_level,
        }
    }
}

impl TryFrom<ContactV1> for Contact {
    type Error = String;
    fn try_from(c: ContactV1) -> Result<Self, String> {
        Ok(Contact {
            name: c.name,
            role: match c.role {
                ContactRoleV1::AccountManager => ContactRole::AccountManager,
                ContactRoleV1::CustomerTeam => ContactRole::CustomerTeam,
                ContactRoleV1::Escalation => ContactRole::Escalation,
                ContactRoleV1::Other => ContactRole::Other,
            },
            email: c.email,
            phone: c.phone,
            escalation_level: c.escalation_level,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierV1 {
    pub org_number: String,
    pub name: String,
    pub contacts: Vec<ContactV1>,
}

impl From<&Supplier> for SupplierV1 {
    fn from(s: &Supplier) -> Self {
        SupplierV1 {
            org_number: digits(&s.org_number),
            name: s.name.clone(),
            contacts: shapes(&s.contacts),
        }
    }
}

impl TryFrom<SupplierV1> for Supplier {
    type Error = String;
    fn try_from(s: SupplierV1) -> Result<Self, String> {
        Ok(Supplier {
            org_number: org(s.org_number)?,
            name: s.name,
            contacts: each(s.contacts)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotV1 {
    pub name: String,
    pub ranking: Vec<String>,
}

impl From<&Lot> for LotV1 {
    fn from(l: &Lot) -> Self {
        LotV1 {
            name: l.name.clone(),
            ranking: all_digits(&l.ranking),
        }
    }
}

impl TryFrom<LotV1> for Lot {
    type Error = String;
    fn try_from(l: LotV1) -> Result<Self, String> {
        Ok(Lot {
            name: l.name,
            ranking: orgs(l.ranking)?,
        })
    }
}

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
