//! The follow-up plan (uppföljningsplan, DESIGN §1.11): per agreement, the requirements to
//! verify and the checks that verify them, planned by date or set off by an event, with
//! their result, evidence and what follows.

use std::fmt;
use std::str::FromStr;

use time::{Date, Duration};

use super::agreement::AgreementId;
use super::meeting::{IdParseError, parse_prefixed, printable_id};
use super::orgnr::OrgNumber;

/// Store-assigned identity of a requirement; 0 means "not stored yet". Shown as `K-0003`
/// (krav), since `R-` reads as a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RequirementId(pub u64);

/// Store-assigned identity of a check; 0 means "not stored yet". Shown as `C-0004`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CheckId(pub u64);

printable_id!(RequirementId, 'K');
printable_id!(CheckId, 'C');

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequirementKind {
    /// On the supplier: insurance, tax and registration, staff qualifications.
    OnSupplier,
    /// On the service delivered.
    OnService,
    /// A promise made in the tender that won on award criteria.
    TenderPromise,
    /// Any other term of the contract.
    ContractTerm,
}

impl RequirementKind {
    pub const ALL: [RequirementKind; 4] = [
        RequirementKind::OnSupplier,
        RequirementKind::OnService,
        RequirementKind::TenderPromise,
        RequirementKind::ContractTerm,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RequirementKind::OnSupplier => "on_supplier",
            RequirementKind::OnService => "on_service",
            RequirementKind::TenderPromise => "tender_promise",
            RequirementKind::ContractTerm => "contract_term",
        }
    }

    pub fn from_key(s: &str) -> Option<RequirementKind> {
        RequirementKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub id: RequirementId,
    pub agreement: AgreementId,
    pub kind: RequirementKind,
    pub text: String,
    /// The supplier it binds; None when it binds every supplier of the agreement.
    pub supplier: Option<OrgNumber>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckResult {
    Met,
    NotMet,
    Partly,
}

impl CheckResult {
    pub const ALL: [CheckResult; 3] = [CheckResult::Met, CheckResult::NotMet, CheckResult::Partly];

    pub fn key(self) -> &'static str {
        match self {
            CheckResult::Met => "met",
            CheckResult::NotMet => "not_met",
            CheckResult::Partly => "partly",
        }
    }

    pub fn from_key(s: &str) -> Option<CheckResult> {
        CheckResult::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// What a check's result leads to (DESIGN §1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FollowUp {
    None,
    Deviation,
    /// A sanction: penalty, damages or termination (DESIGN §1.7).
    Sanction,
    /// A point for the next meeting with the supplier.
    NextMeeting,
}

impl FollowUp {
    pub const ALL: [FollowUp; 4] = [
        FollowUp::None,
        FollowUp::Deviation,
        FollowUp::Sanction,
        FollowUp::NextMeeting,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FollowUp::None => "none",
            FollowUp::Deviation => "deviation",
            FollowUp::Sanction => "sanction",
            FollowUp::NextMeeting => "next_meeting",
        }
    }

    pub fn from_key(s: &str) -> Option<FollowUp> {
        FollowUp::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub id: CheckId,
    pub requirement: RequirementId,
    /// The day it is planned for; None for an event-driven check.
    pub planned: Option<Date>,
    /// For an event-driven check, the event, e.g. "after a complaint".
    pub trigger: String,
    pub done: Option<Date>,
    pub result: Option<CheckResult>,
    /// What the result rests on: a document, a sample, a reference.
    pub evidence: String,
    pub follow_up: FollowUp,
}

impl Check {
    /// A check planned for `date`, not done yet.
    pub fn planned(requirement: RequirementId, date: Date) -> Check {
        Check {
            id: CheckId::default(),
            requirement,
            planned: Some(date),
            trigger: String::new(),
            done: None,
            result: None,
            evidence: String::new(),
            follow_up: FollowUp::None,
        }
    }

    /// A check made when `trigger` happens.
    pub fn on_event(requirement: RequirementId, trigger: &str) -> Check {
        Check {
            planned: None,
            trigger: trigger.to_string(),
            ..Check::planned(requirement, Date::MIN)
        }
    }

    /// Planned, not done, and its day has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.done.is_none() && self.planned.is_some_and(|d| d < today)
    }
}

/// The planned checks not done by `today + horizon_days` (overdue ones however old), in
/// planned order, so the overdue come first; a day's checks by id. Event-driven checks
/// have no day to be due on and are never listed.
pub fn checks_due(checks: &[Check], today: Date, horizon_days: i64) -> Vec<&Check> {
    // `Duration::days` panics past about 10^14 days; no date is that far apart anyway, so a
    // larger horizon means "every planned check".
    const FAR: i64 = 20_000 * 366;
    let limit = today
        .checked_add(Duration::days(horizon_days.clamp(-FAR, FAR)))
        .unwrap_or(if horizon_days < 0 {
            Date::MIN
        } else {
            Date::MAX
        });
    let mut out: Vec<&Check> = checks
        .iter()
        .filter(|c| c.done.is_none() && c.planned.is_some_and(|d| d <= limit))
        .collect();
    out.sort_by_key(|c| (c.planned, c.id));
    out
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn check(id: u64, planned: Option<Date>, done: Option<Date>) -> Check {
        let mut c = match planned {
            Some(d) => Check::planned(RequirementId(1), d),
            None => Check::on_event(RequirementId(1), "efter en reklamation"),
        };
        c.id = CheckId(id);
        c.done = done;
        c
    }

    #[test]
    fn due_checks_are_planned_open_and_within_the_horizon_overdue_first() {
        let today = date!(2026 - 06 - 15);
        let checks = [
            check(1, Some(date!(2026 - 07 - 15)), None),
            check(2, Some(date!(2026 - 06 - 01)), None),
            check(3, Some(date!(2026 - 06 - 01)), Some(date!(2026 - 06 - 02))),
            check(4, None, None),
            check(5, Some(date!(2026 - 07 - 16)), None),
            check(6, Some(date!(2025 - 01 - 10)), None),
            check(7, Some(date!(2026 - 06 - 15)), None),
        ];
        let due: Vec<u64> = checks_due(&checks, today, 30)
            .iter()
            .map(|c| c.id.0)
            .collect();
        assert_eq!(due, vec![6, 2, 7, 1]);
        assert!(checks[1].is_overdue(today));
        assert!(!checks[6].is_overdue(today), "due today is not overdue yet");
        assert!(!checks[3].is_overdue(today), "event-driven");
        assert_eq!(
            checks_due(&checks, today, 0)
                .iter()
                .map(|c| c.id.0)
                .collect::<Vec<_>>(),
            vec![6, 2, 7]
        );
        assert!(checks_due(&checks, today, i64::MAX).len() == 5);
    }

    #[test]
    fn ids_and_keys_read_back() {
        assert_eq!(RequirementId(3).to_string(), "K-0003");
        assert_eq!("k-3".parse::<RequirementId>(), Ok(RequirementId(3)));
        assert_eq!("C-0004".parse::<CheckId>(), Ok(CheckId(4)));
        for k in RequirementKind::ALL {
            assert_eq!(RequirementKind::from_key(k.key()), Some(k));
        }
        for r in CheckResult::ALL {
            assert_eq!(CheckResult::from_key(r.key()), Some(r));
        }
        for f in FollowUp::ALL {
            assert_eq!(FollowUp::from_key(f.key()), Some(f));
        }
    }
}
