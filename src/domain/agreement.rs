//! The agreement register: agreements, their suppliers, lots, terms and people.

use time::Date;

use super::money::Rate;
use super::orgnr::OrgNumber;
use super::response_time::ResponseTime;

mod history;
pub use history::{EndedSupplier, History, PastRanking};

/// Store-assigned identity of an agreement; 0 means "not stored yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AgreementId(pub u64);

/// How closely an agreement is followed up (DESIGN §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Priority {
    /// Business-critical or large: statistics and a development meeting three times a year.
    Class1,
    /// Followed up once a year.
    #[default]
    Class2,
    /// Every other year, and when needed.
    Class3,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Class1, Priority::Class2, Priority::Class3];

    pub fn number(self) -> u8 {
        match self {
            Priority::Class1 => 1,
            Priority::Class2 => 2,
            Priority::Class3 => 3,
        }
    }

    pub fn from_number(n: i64) -> Option<Priority> {
        match n {
            1 => Some(Priority::Class1),
            2 => Some(Priority::Class2),
            3 => Some(Priority::Class3),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub id: AgreementId,
    /// Diarienummer; unique in the register.
    pub reference: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
    pub priority: Priority,
    pub response_time: ResponseTime,
    /// Målbild: what the agreement is meant to achieve.
    pub goal_picture: String,
    pub keywords: Vec<String>,
    /// Avropsrutin: how orderers must place call-offs.
    pub calloff_routine: String,
    pub order_mailbox: String,
    pub order_templates: Vec<OrderTemplate>,
    pub extension_options: Vec<ExtensionOption>,
    pub suppliers: Vec<Supplier>,
    pub lots: Vec<Lot>,
    pub penalties: Vec<PenaltyTerm>,
    pub escalation: Vec<EscalationLevel>,
    pub orderers: Vec<Orderer>,
    pub project_group: Vec<ProjectMember>,
    pub notes: String,
    /// What the agreement was: earlier rankings and the suppliers and lots it no longer
    /// has, so that a change never rewrites an earlier call-off's outcome (DESIGN §4).
    pub history: History,
    /// Maximum value, accounts and agreed prices (DESIGN §1.12). Stored in a table of its
    /// own (`store::spend`), so a long price list is read only where money is; boxed, as
    /// agreements travel in undo entries.
    pub money: Box<super::spend::MoneyTerms>,
}

impl Agreement {
    /// A new, unstored agreement with the required fields and everything else empty.
    pub fn new(reference: &str, name: &str, start: Date, end: Date) -> Agreement {
        Agreement {
            id: AgreementId::default(),
            reference: reference.to_string(),
            name: name.to_string(),
            start,
            end,
            priority: Priority::default(),
            response_time: ResponseTime::WorkingDays(2),
            goal_picture: String::new(),
            keywords: Vec::new(),
            calloff_routine: String::new(),
            order_mailbox: String::new(),
            order_templates: Vec::new(),
            extension_options: Vec::new(),
            suppliers: Vec::new(),
            lots: Vec::new(),
            penalties: Vec::new(),
            escalation: Vec::new(),
            orderers: Vec::new(),
            project_group: Vec::new(),
            notes: String::new(),
            history: History::default(),
            money: Box::default(),
        }
    }

    /// The last day of the agreement, counting extension options already exercised.
    pub fn current_end(&self) -> Date {
        self.extension_options
            .iter()
            .filter(|o| o.status == OptionStatus::Exercised)
            .map(|o| o.extends_to)
            .fold(self.end, Date::max)
    }

    pub fn supplier(&self, org: &OrgNumber) -> Option<&Supplier> {
        self.suppliers.iter().find(|s| &s.org_number == org)
    }

    pub fn supplier_name(&self, org: &OrgNumber) -> String {
        self.supplier_ever(org)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| org.to_string())
    }

    pub fn lot(&self, name: &str) -> Option<&Lot> {
        self.lots.iter().find(|l| l.name == name)
    }

    /// Problems that make the agreement unfit to store, in the order a reader meets them.
    pub fn problems(&self) -> Vec<AgreementProblem> {
        let mut out = Vec::new();
        if self.reference.trim().is_empty() {
            out.push(AgreementProblem::EmptyReference);
        }
        if self.name.trim().is_empty() {
            out.push(AgreementProblem::EmptyName);
        }
        if self.end < self.start {
            out.push(AgreementProblem::EndBeforeStart);
        }
        let mut seen: Vec<&OrgNumber> = Vec::new();
        for s in &self.suppliers {
            if seen.contains(&&s.org_number) {
                out.push(AgreementProblem::DuplicateSupplier(s.org_number.clone()));
            }
            seen.push(&s.org_number);
        }
        let mut lot_names: Vec<&str> = Vec::new();
        for lot in &self.lots {
            if lot.name.trim().is_empty() {
                out.push(AgreementProblem::EmptyLotName);
            }
            if lot_names.contains(&lot.name.as_str()) {
                out.push(AgreementProblem::DuplicateLot(lot.name.clone()));
            }
            lot_names.push(&lot.name);
            let mut ranked: Vec<&OrgNumber> = Vec::new();
            for org in &lot.ranking {
                if self.supplier(org).is_none() {
                    out.push(AgreementProblem::UnknownSupplierInRanking {
                        lot: lot.name.clone(),
                        org_number: org.clone(),
                    });
                }
                if ranked.contains(&org) {
                    out.push(AgreementProblem::RankedTwice {
                        lot: lot.name.clone(),
                        org_number: org.clone(),
                    });
                }
                ranked.push(org);
            }
        }
        for o in &self.extension_options {
            if o.notice_date > o.extends_to {
                out.push(AgreementProblem::NoticeAfterExtension);
            }
        }
        out
    }
}

/// Why an agreement cannot be stored as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementProblem {
    EmptyReference,
    EmptyName,
    EndBeforeStart,
    DuplicateSupplier(OrgNumber),
    EmptyLotName,
    DuplicateLot(String),
    UnknownSupplierInRanking { lot: String, org_number: OrgNumber },
    RankedTwice { lot: String, org_number: OrgNumber },
    NoticeAfterExtension,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplier {
    pub org_number: OrgNumber,
    pub name: String,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactRole {
    /// Kundansvarig.
    AccountManager,
    /// A member of the supplier's customer team.
    CustomerTeam,
    /// Someone to contact at a level of the escalation model.
    Escalation,
    Other,
}

impl ContactRole {
    pub const ALL: [ContactRole; 4] = [
        ContactRole::AccountManager,
        ContactRole::CustomerTeam,
        ContactRole::Escalation,
        ContactRole::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub role: ContactRole,
    pub email: String,
    pub phone: String,
    /// The escalation level this person answers at, if any.
    pub escalation_level: Option<u8>,
}

/// Anbudsområde: a part of the agreement with its own ranked suppliers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lot {
    pub name: String,
    /// Rank 1 first.
    pub ranking: Vec<OrgNumber>,
}

impl Lot {
    /// 1-based rank of a supplier in this lot.
    pub fn rank_of(&self, org: &OrgNumber) -> Option<usize> {
        self.ranking.iter().position(|o| o == org).map(|i| i + 1)
    }

    /// Moves the supplier at `index` one place towards rank 1; false when it cannot move.
    pub fn move_up(&mut self, index: usize) -> bool {
        if index == 0 || index >= self.ranking.len() {
            return false;
        }
        self.ranking.swap(index - 1, index);
        true
    }

    /// Moves the supplier at `index` one place away from rank 1; false when it cannot move.
    pub fn move_down(&mut self, index: usize) -> bool {
        if index + 1 >= self.ranking.len() {
            return false;
        }
        self.ranking.swap(index, index + 1);
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptionStatus {
    Open,
    Exercised,
    Declined,
}

/// An option to extend the agreement, and the last day to decide on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionOption {
    pub extends_to: Date,
    pub notice_date: Date,
    pub status: OptionStatus,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTemplate {
    pub name: String,
    /// A path or address where the template is kept.
    pub location: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PenaltyTrigger {
    LateDelivery,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PenaltyBasis {
    PerDay,
    PerStartedWeek,
    PerWorkingDay,
}

impl PenaltyBasis {
    pub const ALL: [PenaltyBasis; 3] = [
        PenaltyBasis::PerDay,
        PenaltyBasis::PerStartedWeek,
        PenaltyBasis::PerWorkingDay,
    ];

    /// The name used in files (`per_day`, `per_started_week`, `per_working_day`).
    pub fn key(self) -> &'static str {
        match self {
            PenaltyBasis::PerDay => "per_day",
            PenaltyBasis::PerStartedWeek => "per_started_week",
            PenaltyBasis::PerWorkingDay => "per_working_day",
        }
    }

    pub fn from_key(s: &str) -> Option<PenaltyBasis> {
        PenaltyBasis::ALL.into_iter().find(|b| b.key() == s)
    }
}

/// Vite terms: what triggers a penalty, how it is counted, and its cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyTerm {
    pub trigger: PenaltyTrigger,
    pub basis: PenaltyBasis,
    pub rate: Rate,
    pub cap: Option<Rate>,
}

/// One level of the escalation model: who talks to whom when a dispute rises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationLevel {
    pub level: u8,
    pub title: String,
    /// The buyer's person at this level.
    pub buyer_contact: String,
    /// What happens at this level and within what time.
    pub description: String,
}

/// Beställare: a person or unit that places call-offs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orderer {
    pub name: String,
    pub unit: String,
    pub email: String,
}

/// A member of the buyer's project group that meets the suppliers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectMember {
    pub name: String,
    pub role: String,
    pub email: String,
}
