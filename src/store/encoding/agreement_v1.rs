//! Version 1 of the stored agreement: every field of today's but `history`, which version
//! 2 added. Frozen: a change to `Agreement` gets a version of its own, never an edit here
//! (bincode is not self-describing, so this must read exactly what version 1 wrote).

use serde::Deserialize;
use time::Date;

use crate::domain::{
    Agreement, AgreementId, EscalationLevel, ExtensionOption, History, Lot, OrderTemplate, Orderer,
    PenaltyTerm, Priority, ProjectMember, ResponseTime, Supplier,
};

#[derive(Deserialize)]
pub(super) struct AgreementV1 {
    id: AgreementId,
    reference: String,
    name: String,
    start: Date,
    end: Date,
    priority: Priority,
    response_time: ResponseTime,
    goal_picture: String,
    keywords: Vec<String>,
    calloff_routine: String,
    order_mailbox: String,
    order_templates: Vec<OrderTemplate>,
    extension_options: Vec<ExtensionOption>,
    suppliers: Vec<Supplier>,
    lots: Vec<Lot>,
    penalties: Vec<PenaltyTerm>,
    escalation: Vec<EscalationLevel>,
    orderers: Vec<Orderer>,
    project_group: Vec<ProjectMember>,
    notes: String,
}

impl From<AgreementV1> for Agreement {
    fn from(a: AgreementV1) -> Agreement {
        Agreement {
            id: a.id,
            reference: a.reference,
            name: a.name,
            start: a.start,
            end: a.end,
            priority: a.priority,
            response_time: a.response_time,
            goal_picture: a.goal_picture,
            keywords: a.keywords,
            calloff_routine: a.calloff_routine,
            order_mailbox: a.order_mailbox,
            order_templates: a.order_templates,
            extension_options: a.extension_options,
            suppliers: a.suppliers,
            lots: a.lots,
            penalties: a.penalties,
            escalation: a.escalation,
            orderers: a.orderers,
            project_group: a.project_group,
            notes: a.notes,
            history: History::default(),
            money: Default::default(),
        }
    }
}
