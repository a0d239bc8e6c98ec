//! Plain types and rules of contract management, with no I/O. Most tests live here.

pub mod agenda;
pub mod agreement;
pub mod calendar;
pub mod calloff;
pub mod calloff_row;
pub mod checklist;
pub mod competition;
pub mod counts;
pub mod deviation;
pub mod due;
pub mod followup;
pub mod meeting;
mod messages;
pub mod money;
pub mod organisation;
pub mod orgnr;
pub mod penalty;
pub mod purchase;
pub mod ranking;
pub mod response_time;
pub mod sanction;
pub mod spend;
pub mod supplier_report;

pub use agreement::*;
pub use money::{Money, Rate};
pub use orgnr::OrgNumber;
pub use response_time::ResponseTime;
