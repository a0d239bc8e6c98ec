//! Stored records that are few: the organisation (`META`), the form draft (`DRAFTS`) and
//! the audit log's entries (`AUDIT`), each version 1.

use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::domain::organisation::Organisation;

use super::super::audit::AuditEntry;
use super::super::drafts::{DraftField, FormDraft};

pub const V1: u16 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct OrganisationV1 {
    pub name: String,
    pub contact: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DraftFieldV1 {
    pub label: String,
    pub shown_label: String,
    pub text: String,
    /// `usize` in the form, which bincode writes as a `u64`.
    pub choice: u64,
    pub shown_value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct DraftV1 {
    pub key: String,
    pub title: String,
    pub fields: Vec<DraftFieldV1>,
    pub saved_at: PrimitiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct AuditEntryV1 {
    pub seq: u64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub record_digest: [u8; 32],
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

super::shapes!(OrganisationV1, DraftV1, AuditEntryV1);
super::stored!(Organisation, OrganisationV1, V1);
super::stored!(FormDraft, DraftV1, V1);
super::stored!(AuditEntry, AuditEntryV1, V1);

impl From<&Organisation> for OrganisationV1 {
    fn from(o: &Organisation) -> Self {
        OrganisationV1 {
            name: o.name.clone(),
            contact: o.contact.clone(),
        }
    }
}

impl TryFrom<OrganisationV1> for Organisation {
    type Error = String;
    fn try_from(o: OrganisationV1) -> Result<Self, String> {
        Ok(Organisation {
            name: o.name,
            contact: o.contact,
        })
    }
}

impl From<&FormDraft> for DraftV1 {
    fn from(d: &FormDraft) -> Self {
        DraftV1 {
            key: d.key.clone(),
            title: d.title.clone(),
            fields: d
                .fields
                .iter()
                .map(|f| DraftFieldV1 {
                    label: f.label.clone(),
                    shown_label: f.shown_label.clone(),
                    text: f.text.clone(),
                    choice: f.choice as u64,
                    shown_value: f.shown_value.clone(),
                })
                .collect(),
            saved_at: d.saved_at,
        }
    }
}

impl TryFrom<DraftV1> for FormDraft {
    type Error = String;
    fn try_from(d: DraftV1) -> Result<Self, String> {
        Ok(FormDraft {
            key: d.key,
            title: d.title,
            fields: d
                .fields
                .into_iter()
                .map(|f| {
                    Ok(DraftField {
                        label: f.label,
                        shown_label: f.shown_label,
                        text: f.text,
                        choice: usize::try_from(f.choice)
                            .map_err(|_| format!("choice {}", f.choice))?,
                        shown_value: f.shown_value,
                    })
                })
                .collect::<Result<_, String>>()?,
            saved_at: d.saved_at,
        })
    }
}

impl From<&AuditEntry> for AuditEntryV1 {
    fn from(e: &AuditEntry) -> Self {
        AuditEntryV1 {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone(),
            action: e.action.clone(),
            subject: e.subject.clone(),
            record_digest: e.record_digest,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

impl TryFrom<AuditEntryV1> for AuditEntry {
    type Error = String;
    fn try_from(e: AuditEntryV1) -> Result<Self, String> {
        Ok(AuditEntry {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            record_digest: e.record_digest,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
    }
}
