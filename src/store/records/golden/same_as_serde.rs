//! TEMPORARY: the records encode exactly as the domain types' own serde did.

use serde::Serialize;

use super::super::{Logged, Stored};
use super::values;

fn serde_body<T: Serialize>(v: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(v, bincode::config::standard()).unwrap()
}

pub(super) fn same<T: Stored + Serialize>(v: &T) {
    assert_eq!(v.encode()[2..], serde_body(v)[..]);
    let mut out = Vec::new();
    v.log_body(&mut out);
    assert_eq!(out, serde_body(v));
}

#[test]
fn records_are_the_serde_bytes() {
    use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
    use time::macros::{date, datetime};
    same(&values::agreement());
    same(&values::meeting());
    same(&values::action());
    same(&values::model());
    same(&values::competition());
    same(&values::claim());
    same(&values::damages());
    same(&values::termination());
    let mut c = CallOff::new(
        "R",
        crate::domain::AgreementId(3),
        "L",
        "O",
        CallOffMethod::Competition,
        datetime!(2026-04-02 13:45:07),
    );
    c.value = Some(crate::domain::Money(5));
    c.awarded_supplier = Some(super::calloffs::org("5566778899"));
    c.delivery_due = Some(date!(2026 - 04 - 20));
    c.quality = Some(3);
    c.deviation_reason = Some("x".into());
    let mut out = Vec::new();
    c.log_body(&mut out);
    assert_eq!(out, serde_body(&c));
    let r = Request {
        agreement: crate::domain::AgreementId(3),
        calloff: "R".into(),
        supplier: super::calloffs::org("5566778899"),
        sent_at: datetime!(2026-04-02 14:00:30.5),
        answered_at: Some(datetime!(2026-04-03 09:15)),
        answer: Some(Answer::Decline),
    };
    let mut out = Vec::new();
    r.log_body(&mut out);
    assert_eq!(out, serde_body(&r));
    let pair = (
        &values::meeting(),
        &vec![values::action(), values::action()],
    );
    let mut out = Vec::new();
    pair.log_body(&mut out);
    assert_eq!(out, serde_body(&pair));
    let mut out = Vec::new();
    (u64::from(3u32), u64::from(4u32)).log_body(&mut out);
    assert_eq!(out, serde_body(&(3u32, 4u32)));
    let mut out = Vec::new();
    (7u64).log_body(&mut out);
    assert_eq!(out, serde_body(&7usize));
    let mut out = Vec::new();
    let term = &values::agreement().penalties[0];
    out.extend(super::super::agreement::term_bytes(term));
    assert_eq!(out[2..], serde_body(term)[..]);
}
