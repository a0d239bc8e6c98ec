//! The suppliers, lots and options of a stored agreement, each the shape its domain type had when it was first
//! stored: field for field, variant for variant.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::{
    Contact, ContactRole, ExtensionOption, Lot, OptionStatus, OrderTemplate, Priority, Supplier,
};

use super::super::common::{all_digits, digits, each, org, orgs, shapes};

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
