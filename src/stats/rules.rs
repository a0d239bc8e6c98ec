//! Each §5 share and mean, written once: the table from the registers, the table from
//! the aggregates, the trend charts and the reports all call these.

use super::share;

/// Answered in time of those whose outcome is known (pending requests left out).
pub fn answered_in_time_share(answered_in_time: u64, not_answered_in_time: u64) -> Option<f64> {
    share(answered_in_time, answered_in_time + not_answered_in_time)
}

/// Capped at 1: a replacement can be replaced, so there may be more replacements than
/// consultants, but DESIGN's shares are in 0..=1.
pub fn replaced_share(replaced: u64, consultants: u64) -> Option<f64> {
    share(replaced, consultants).map(|s| s.min(1.0))
}

/// Null when no month was reported, and when the months found report 0 scheduled hours.
pub fn sick_leave_share(months: u64, sick: u64, scheduled: u64) -> Option<f64> {
    if months == 0 {
        None
    } else {
        share(sick, scheduled)
    }
}

pub fn quality_mean(sum: u64, count: u64) -> Option<f64> {
    share(sum, count)
}

/// Ranking call-offs that kept the ranking, of those assessed.
pub fn compliance_share(compliant: u64, ranking_calloffs: u64) -> Option<f64> {
    share(compliant, ranking_calloffs)
}
