//! What the audit log digests of values that are not stored whole under a shape of
//! their own: a call-off and a request (in the shapes they had before rows and requests
//! were made compact, so the log's digests go on as before), a record with its
//! dependents (a tuple, a list), and the few numbers the migrations log.

use crate::domain::calloff::{CallOff, CallOffMethod, Request};

use super::calloff_row::{CallOffV1, MethodV1};
use super::common::digits;
use super::request::{AnswerV2, RequestV2};
use super::{Logged, Shape, log_shape};

impl Shape for u64 {}

impl Logged for CallOff {
    fn log_body(&self, out: &mut Vec<u8>) {
        log_shape(&CallOffV1::from(self), out);
    }
}

impl Logged for Request {
    fn log_body(&self, out: &mut Vec<u8>) {
        log_shape(&RequestV2::from(self), out);
    }
}

impl Logged for u64 {
    fn log_body(&self, out: &mut Vec<u8>) {
        log_shape(self, out);
    }
}

impl<T: Logged + ?Sized> Logged for &T {
    fn log_body(&self, out: &mut Vec<u8>) {
        (**self).log_body(out);
    }
}

/// The two one after the other, as bincode writes a pair.
impl<A: Logged, B: Logged> Logged for (A, B) {
    fn log_body(&self, out: &mut Vec<u8>) {
        self.0.log_body(out);
        self.1.log_body(out);
    }
}

/// The length, then each element, as bincode writes a list.
impl<T: Logged> Logged for [T] {
    fn log_body(&self, out: &mut Vec<u8>) {
        (self.len() as u64).log_body(out);
        for item in self {
            item.log_body(out);
        }
    }
}

impl<T: Logged> Logged for Vec<T> {
    fn log_body(&self, out: &mut Vec<u8>) {
        self.as_slice().log_body(out);
    }
}

impl From<&CallOff> for CallOffV1 {
    fn from(c: &CallOff) -> Self {
        CallOffV1 {
            reference: c.reference.clone(),
            agreement: c.agreement.0,
            lot: c.lot.clone(),
            orderer: c.orderer.clone(),
            method: match c.method {
                CallOffMethod::Ranking => MethodV1::Ranking,
                CallOffMethod::Competition => MethodV1::Competition,
            },
            requested_at: c.requested_at,
            value: c.value.map(|m| m.0),
            awarded_supplier: c.awarded_supplier.as_ref().map(digits),
            delivery_due: c.delivery_due,
            delivered_at: c.delivered_at,
            consultants: c.consultants,
            replaced_due_to_complaint: c.replaced_due_to_complaint,
            quality: c.quality,
            deviation_reason: c.deviation_reason.clone(),
        }
    }
}

impl From<&Request> for RequestV2 {
    fn from(r: &Request) -> Self {
        RequestV2 {
            agreement: r.agreement.0,
            calloff: r.calloff.clone(),
            supplier: digits(&r.supplier),
            sent_at: r.sent_at,
            answered_at: r.answered_at,
            answer: r.answer.map(|a| match a {
                crate::domain::calloff::Answer::Offer => AnswerV2::Offer,
                crate::domain::calloff::Answer::Decline => AnswerV2::Decline,
            }),
        }
    }
}
