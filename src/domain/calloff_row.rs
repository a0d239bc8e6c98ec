//! The read model of a call-off that lists and reports show: the call-off with its ranking
//! outcome, kept current by the store on write.

use super::calloff::CallOff;
use super::ranking::RankingOutcome;

/// A call-off as lists show it: the record, how many requests were sent, and the
/// outcome of the ranking rule (DESIGN §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOffRow {
    pub calloff: CallOff,
    pub requests: u32,
    pub outcome: RankingOutcome,
}
