//! Sanctions (DESIGN §1.7): penalties (viten) claimed consistently from the agreement's
//! terms, damages (skadestånd) only after dialogue and a demanded improvement, and
//! termination (hävning) walking the agreement's escalation model. Each carries a dated
//! documentation log that can be shared with the supplier.
//!
//! Rules kept here, so that every way in (keys, tests, a future command line) obeys them:
//! - A breach is claimed once: a penalty claim is keyed by (agreement, call-off) — the
//!   only trigger is late delivery — and a new identification of the same call-off only
//!   updates the amount while the claim is still `Identified`; once claimed, the amount is
//!   what was claimed.
//! - Damages: no claim before at least one dialogue entry and a demanded improvement, and
//!   not before the improvement deadline has passed.
//! - Termination: the steps follow the escalation levels in order; a level is skipped only
//!   with a recorded reason, and the agreement is terminated only at its last level.

mod markdown;
#[cfg(test)]
mod tests;

use std::fmt;

use time::Date;

use super::agreement::{Agreement, AgreementId, EscalationLevel, PenaltyTerm};
use super::calloff::CallOff;
use super::money::Money;
use super::orgnr::OrgNumber;
use super::penalty::{self, Penalty};

pub use markdown::{SanctionLabels, claim_markdown, damages_markdown, termination_markdown};

macro_rules! sanction_id {
    ($t:ident, $prefix:literal) => {
        /// Store-assigned identity; 0 means "not stored yet".
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $t(pub u64);

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}-{:04}", $prefix, self.0)
            }
        }
    };
}

// The prefixes are the Swedish initials (Vite, Skadestånd, Hävning), as meeting ids are
// `M-`: ids are names people say aloud, the same in both languages.
sanction_id!(ClaimId, "V");
sanction_id!(DamagesId, "S");
sanction_id!(TerminationId, "H");

/// One dated entry of a sanction's documentation log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub date: Date,
    pub text: String,
    /// Paths (or addresses) of letters, e-mails and other evidence.
    pub attachments: Vec<String>,
    pub shared_with_supplier: bool,
    /// A lesson for the next agreement (DESIGN §1.9).
    pub lesson: bool,
}

impl LogEntry {
    pub fn new(date: Date, text: &str) -> LogEntry {
        LogEntry {
            date,
            text: text.to_string(),
            attachments: Vec::new(),
            shared_with_supplier: false,
            lesson: false,
        }
    }
}

/// Keeps a log in date order; entries of one day stay in the order they were written.
pub fn add_entry(log: &mut Vec<LogEntry>, entry: LogEntry) {
    let at = log.partition_point(|e| e.date <= entry.date);
    log.insert(at, entry);
}

/// How the penalty of one late call-off was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyBreakdown {
    pub term: PenaltyTerm,
    pub due: Date,
    /// The delivery, or the as-of date while undelivered.
    pub end: Date,
    pub value: Option<Money>,
    pub penalty: Penalty,
}

/// A late or overdue call-off with a penalty above zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub calloff: String,
    pub supplier: OrgNumber,
    pub breakdown: PenaltyBreakdown,
}

/// Every call-off of `agreement` among `calloffs` whose late-delivery penalty at `as_of`
/// is above zero, by reference (DESIGN §4, the same arithmetic as `report penalties`).
pub fn proposals<'a>(
    agreement: &Agreement,
    calloffs: impl IntoIterator<Item = &'a CallOff>,
    as_of: Date,
) -> Vec<Proposal> {
    let Some(term) = penalty::late_delivery_term(&agreement.penalties) else {
        return Vec::new();
    };
    let mut out: Vec<Proposal> = calloffs
        .into_iter()
        .filter(|c| c.agreement == agreement.id)
        .filter_map(|c| {
            let p = penalty::late_delivery(c, term, as_of)?;
            Some(Proposal {
                calloff: c.reference.clone(),
                supplier: c.awarded_supplier.clone()?,
                breakdown: PenaltyBreakdown {
                    term: term.clone(),
                    due: c.delivery_due?,
                    end: penalty::delay_end(c, as_of),
                    value: c.value,
                    penalty: p,
                },
            })
        })
        .collect();
    out.sort_by(|a, b| a.calloff.cmp(&b.calloff));
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimStatus {
    /// Computed and recorded, not yet claimed from the supplier.
    Identified,
    Claimed {
        date: Date,
        letter: String,
    },
    Paid {
        date: Date,
    },
    Disputed {
        date: Date,
        reason: String,
    },
    Waived {
        date: Date,
        reason: String,
    },
}

impl ClaimStatus {
    pub fn key(&self) -> &'static str {
        match self {
            ClaimStatus::Identified => "identified",
            ClaimStatus::Claimed { .. } => "claimed",
            ClaimStatus::Paid { .. } => "paid",
            ClaimStatus::Disputed { .. } => "disputed",
            ClaimStatus::Waived { .. } => "waived",
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self {
            ClaimStatus::Identified => None,
            ClaimStatus::Claimed { date, .. }
            | ClaimStatus::Paid { date }
            | ClaimStatus::Disputed { date, .. }
            | ClaimStatus::Waived { date, .. } => Some(*date),
        }
    }
}

/// Why a penalty claim cannot change as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefusal {
    /// Only an identified penalty is claimed (a claimed one is never claimed twice).
    NotIdentified,
    /// Paid or disputed only after it was claimed.
    NotClaimed,
    /// Paid or waived: nothing more happens to it.
    Settled,
    LetterRequired,
    ReasonRequired,
}

impl ClaimRefusal {
    pub fn key(self) -> &'static str {
        match self {
            ClaimRefusal::NotIdentified => "domain.sanction.not_identified",
            ClaimRefusal::NotClaimed => "domain.sanction.not_claimed",
            ClaimRefusal::Settled => "domain.sanction.settled",
            ClaimRefusal::LetterRequired => "domain.sanction.letter_required",
            ClaimRefusal::ReasonRequired => "domain.sanction.reason_required",
        }
    }
}

/// A penalty for one late call-off, from identification to payment (or waiver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyClaim {
    pub id: ClaimId,
    pub agreement: AgreementId,
    /// The call-off's reference: with the agreement, the claim's key.
    pub calloff: String,
    pub supplier: OrgNumber,
    /// The day it was first identified.
    pub identified: Date,
    /// As computed when last identified (while `Identified`), else as claimed.
    pub amount: Money,
    pub delay_days: i64,
    pub units: i64,
    pub status: ClaimStatus,
    pub log: Vec<LogEntry>,
}

impl PenaltyClaim {
    pub fn identified(agreement: AgreementId, p: &Proposal, today: Date) -> PenaltyClaim {
        PenaltyClaim {
            id: ClaimId::default(),
            agreement,
            calloff: p.calloff.clone(),
            supplier: p.supplier.clone(),
            identified: today,
            amount: p.breakdown.penalty.amount,
            delay_days: p.breakdown.penalty.delay_days,
            units: p.breakdown.penalty.units,
            status: ClaimStatus::Identified,
            log: Vec::new(),
        }
    }

    /// The same breach identified again: the amount follows the computation only while
    /// nothing has been claimed. True when the claim changed.
    pub fn reidentify(&mut self, p: &Proposal) -> bool {
        let pen = p.breakdown.penalty;
        let same = self.amount == pen.amount
            && self.delay_days == pen.delay_days
            && self.units == pen.units
            && self.supplier == p.supplier;
        if self.status != ClaimStatus::Identified || same {
            return false;
        }
        self.amount = pen.amount;
        self.delay_days = pen.delay_days;
        self.units = pen.units;
        self.supplier = p.supplier.clone();
        true
    }

    pub fn claim(&mut self, date: Date, letter: &str) -> Result<(), ClaimRefusal> {
        if self.status != ClaimStatus::Identified {
            return Err(ClaimRefusal::NotIdentified);
        }
        if letter.trim().is_empty() {
            return Err(ClaimRefusal::LetterRequired);
        }
        self.status = ClaimStatus::Claimed {
            date,
            letter: letter.trim().to_string(),
        };
        Ok(())
    }

    /// Paid after a claim, or after a dispute settled in the buyer's favour.
    pub fn paid(&mut self, date: Date) -> Result<(), ClaimRefusal> {
        match self.status {
            ClaimStatus::Claimed { .. } | ClaimStatus::Disputed { .. } => {
                self.status = ClaimStatus::Paid { date };
                Ok(())
            }
            ClaimStatus::Identified => Err(ClaimRefusal::NotClaimed),
            _ => Err(ClaimRefusal::Settled),
        }
    }

    pub fn dispute(&mut self, date: Date, reason: &str) -> Result<(), ClaimRefusal> {
        if !matches!(self.status, ClaimStatus::Claimed { .. }) {
            return Err(match self.status {
                ClaimStatus::Identified => ClaimRefusal::NotClaimed,
                _ => ClaimRefusal::Settled,
            });
        }
        let reason = required(reason)?;
        self.status = ClaimStatus::Disputed { date, reason };
        Ok(())
    }

    /// Waiving breaks "consistently claimed", so it always says why.
    pub fn waive(&mut self, date: Date, reason: &str) -> Result<(), ClaimRefusal> {
        if matches!(
            self.status,
            ClaimStatus::Paid { .. } | ClaimStatus::Waived { .. }
        ) {
            return Err(ClaimRefusal::Settled);
        }
        let reason = required(reason)?;
        self.status = ClaimStatus::Waived { date, reason };
        Ok(())
    }
}

fn required(reason: &str) -> Result<String, ClaimRefusal> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(ClaimRefusal::ReasonRequired);
    }
    Ok(r.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    /// Dialogue or escalation under way.
    Open,
    /// Damages claimed (damages), or the agreement terminated (termination).
    Acted,
    /// Ended without (further) action: improved, settled, withdrawn.
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 3] = [CaseStatus::Open, CaseStatus::Acted, CaseStatus::Closed];

    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Acted => "acted",
            CaseStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub date: Date,
    pub amount: Money,
}

/// Why damages cannot be claimed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamagesRefusal {
    NoDialogue,
    NoImprovementDemanded,
    /// The supplier still has until this day to improve.
    BeforeDeadline(Date),
    AlreadyClaimed,
    Closed,
}

impl DamagesRefusal {
    pub fn key(self) -> &'static str {
        match self {
            DamagesRefusal::NoDialogue => "domain.sanction.no_dialogue",
            DamagesRefusal::NoImprovementDemanded => "domain.sanction.no_improvement",
            DamagesRefusal::BeforeDeadline(_) => "domain.sanction.before_deadline",
            DamagesRefusal::AlreadyClaimed => "domain.sanction.already_claimed",
            DamagesRefusal::Closed => "domain.sanction.case_closed",
        }
    }
}

/// Damages: dialogue with the supplier and a demanded improvement come before a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagesCase {
    pub id: DamagesId,
    pub agreement: AgreementId,
    pub supplier: OrgNumber,
    pub opened: Date,
    /// What the supplier did or failed to do.
    pub breach: String,
    /// The dated dialogue with the supplier; it is also the case's documentation log.
    pub dialogue: Vec<LogEntry>,
    pub improvement_demanded: String,
    pub improvement_deadline: Option<Date>,
    pub claim: Option<ClaimRecord>,
    pub outcome: String,
    pub status: CaseStatus,
}

impl DamagesCase {
    pub fn new(agreement: AgreementId, supplier: OrgNumber, opened: Date, breach: &str) -> Self {
        DamagesCase {
            id: DamagesId::default(),
            agreement,
            supplier,
            opened,
            breach: breach.to_string(),
            dialogue: Vec::new(),
            improvement_demanded: String::new(),
            improvement_deadline: None,
            claim: None,
            outcome: String::new(),
            status: CaseStatus::Open,
        }
    }

    /// What stands between the case and a claim on `date`, if anything.
    pub fn claim_refusal(&self, date: Date) -> Option<DamagesRefusal> {
        if self.status == CaseStatus::Closed {
            return Some(DamagesRefusal::Closed);
        }
        if self.claim.is_some() {
            return Some(DamagesRefusal::AlreadyClaimed);
        }
        if self.dialogue.is_empty() {
            return Some(DamagesRefusal::NoDialogue);
        }
        if self.improvement_demanded.trim().is_empty() {
            return Some(DamagesRefusal::NoImprovementDemanded);
        }
        match self.improvement_deadline {
            Some(d) if date <= d => Some(DamagesRefusal::BeforeDeadline(d)),
            _ => None,
        }
    }

    pub fn record_claim(&mut self, date: Date, amount: Money) -> Result<(), DamagesRefusal> {
        if let Some(r) = self.claim_refusal(date) {
            return Err(r);
        }
        self.claim = Some(ClaimRecord { date, amount });
        self.status = CaseStatus::Acted;
        Ok(())
    }
}

/// One step up the escalation model: what was sent to whom, when, and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationStep {
    /// A level of the agreement's escalation model.
    pub level: u8,
    pub sent_to: String,
    pub sent_on: Date,
    pub what: String,
    pub response: String,
    /// Why lower levels were passed over (empty when none were).
    pub skip_reason: String,
}

/// Why a step (or the termination itself) is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefusal {
    NoEscalationModel,
    UnknownLevel(u8),
    /// A step below the level already reached.
    Backwards {
        reached: u8,
    },
    /// Passing over `expected` needs a recorded reason.
    SkipsLevel {
        expected: u8,
    },
    NothingSent,
    NoRecipient,
    BeforePrevious,
    /// Terminated only once the last level has been reached.
    NotAtLastLevel {
        last: u8,
    },
    Closed,
}

impl StepRefusal {
    pub fn key(self) -> &'static str {
        match self {
            StepRefusal::NoEscalationModel => "domain.sanction.no_model",
            StepRefusal::UnknownLevel(_) => "domain.sanction.unknown_level",
            StepRefusal::Backwards { .. } => "domain.sanction.backwards",
            StepRefusal::SkipsLevel { .. } => "domain.sanction.skips_level",
            StepRefusal::NothingSent => "domain.sanction.nothing_sent",
            StepRefusal::NoRecipient => "domain.sanction.no_recipient",
            StepRefusal::BeforePrevious => "domain.sanction.before_previous",
            StepRefusal::NotAtLastLevel { .. } => "domain.sanction.not_at_last_level",
            StepRefusal::Closed => "domain.sanction.case_closed",
        }
    }
}

/// Termination for breach, walked up the agreement's escalation model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminationCase {
    pub id: TerminationId,
    pub agreement: AgreementId,
    pub supplier: OrgNumber,
    pub opened: Date,
    pub grounds: String,
    pub steps: Vec<EscalationStep>,
    pub status: CaseStatus,
    pub log: Vec<LogEntry>,
}

/// The model's levels in ascending order (the register keeps them as typed).
pub fn ordered_levels(model: &[EscalationLevel]) -> Vec<&EscalationLevel> {
    let mut levels: Vec<&EscalationLevel> = model.iter().collect();
    levels.sort_by_key(|l| l.level);
    levels
}

impl TerminationCase {
    pub fn new(agreement: AgreementId, supplier: OrgNumber, opened: Date, grounds: &str) -> Self {
        TerminationCase {
            id: TerminationId::default(),
            agreement,
            supplier,
            opened,
            grounds: grounds.to_string(),
            steps: Vec::new(),
            status: CaseStatus::Open,
            log: Vec::new(),
        }
    }

    pub fn reached(&self) -> Option<u8> {
        self.steps.last().map(|s| s.level)
    }

    /// The level the next step goes to: the one above the level reached (the first level
    /// when nothing was sent yet); None at the top of the model or when the case is over.
    pub fn next_level<'a>(&self, model: &'a [EscalationLevel]) -> Option<&'a EscalationLevel> {
        if self.status != CaseStatus::Open {
            return None;
        }
        ordered_levels(model)
            .into_iter()
            .find(|l| self.reached().is_none_or(|r| l.level > r))
    }

    /// Records a step. The same level again (a reminder) is fine; a higher level than the
    /// next one needs `skip_reason`; a lower one is refused.
    pub fn add_step(
        &mut self,
        model: &[EscalationLevel],
        step: EscalationStep,
    ) -> Result<(), StepRefusal> {
        if self.status != CaseStatus::Open {
            return Err(StepRefusal::Closed);
        }
        if model.is_empty() {
            return Err(StepRefusal::NoEscalationModel);
        }
        if !model.iter().any(|l| l.level == step.level) {
            return Err(StepRefusal::UnknownLevel(step.level));
        }
        if step.sent_to.trim().is_empty() {
            return Err(StepRefusal::NoRecipient);
        }
        if step.what.trim().is_empty() {
            return Err(StepRefusal::NothingSent);
        }
        if let Some(last) = self.steps.last() {
            if step.level < last.level {
                return Err(StepRefusal::Backwards {
                    reached: last.level,
                });
            }
            if step.sent_on < last.sent_on {
                return Err(StepRefusal::BeforePrevious);
            }
        }
        let same_again = self.reached() == Some(step.level);
        if let Some(next) = self.next_level(model)
            && !same_again
            && step.level > next.level
            && step.skip_reason.trim().is_empty()
        {
            return Err(StepRefusal::SkipsLevel {
                expected: next.level,
            });
        }
        self.steps.push(step);
        Ok(())
    }

    /// The agreement terminated: only from the model's last level.
    pub fn terminate(&mut self, model: &[EscalationLevel]) -> Result<(), StepRefusal> {
        if self.status != CaseStatus::Open {
            return Err(StepRefusal::Closed);
        }
        let Some(last) = ordered_levels(model).last().map(|l| l.level) else {
            return Err(StepRefusal::NoEscalationModel);
        };
        if self.reached() != Some(last) {
            return Err(StepRefusal::NotAtLastLevel { last });
        }
        self.status = CaseStatus::Acted;
        Ok(())
    }
}
