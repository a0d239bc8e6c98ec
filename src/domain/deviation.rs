//! Deviations registered by hand: late delivery, quality and other breaches that the
//! ranking rule does not see (DESIGN §1.4). Ranking deviations are computed, not stored.

use time::Date;

use super::agreement::AgreementId;
use super::orgnr::OrgNumber;

/// Store-assigned identity of a deviation registered by hand; 0 means "not stored yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DeviationId(pub u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ManualKind {
    LateDelivery,
    Quality,
    Other,
    /// An invoice line above the agreed price (the price audit, DESIGN §4).
    Overcharge,
}

impl ManualKind {
    pub const ALL: [ManualKind; 4] = [
        ManualKind::LateDelivery,
        ManualKind::Quality,
        ManualKind::Other,
        ManualKind::Overcharge,
    ];

    /// The name used in files and reports.
    pub fn key(self) -> &'static str {
        match self {
            ManualKind::LateDelivery => "late_delivery",
            ManualKind::Quality => "quality",
            ManualKind::Other => "other",
            ManualKind::Overcharge => "overcharge",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviationStatus {
    Open,
    /// Measures are being taken.
    InProgress,
    Closed,
}

impl DeviationStatus {
    pub const ALL: [DeviationStatus; 3] = [
        DeviationStatus::Open,
        DeviationStatus::InProgress,
        DeviationStatus::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DeviationStatus::Open => "open",
            DeviationStatus::InProgress => "in_progress",
            DeviationStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualDeviation {
    pub id: DeviationId,
    pub agreement: AgreementId,
    /// The call-off it concerns, by reference, if any.
    pub calloff: Option<String>,
    pub supplier: Option<OrgNumber>,
    pub kind: ManualKind,
    pub registered: Date,
    pub description: String,
    pub status: DeviationStatus,
    /// What was done about it, and by whom.
    pub measures: String,
    /// Marked as a lesson for the next agreement (DESIGN §1.9).
    pub lesson: bool,
}
