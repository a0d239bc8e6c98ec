//! Golden bytes of the call-off rows, requests, awaited requests and index entries.

use time::macros::{date, datetime};

use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::calloff_row::CallOffRow;
use crate::domain::ranking::{DeviationKind, RankingOutcome};
use crate::domain::{AgreementId, Money, OrgNumber};

use super::super::super::encoding;
use super::super::calloff_row::{self, CallOffV1, KindV1, MethodV1, OutcomeV1, RowV1, RowV2};
use super::super::names::NameMap;
use super::super::request::{self, AnswerV2, RequestV2};
use super::golden;

pub(super) fn org(digits: &str) -> OrgNumber {
    OrgNumber::parse(digits).unwrap()
}

const REFERENCE: &str = "AV-2026-000042";
const REQUEST_KEY: &str = "AV-2026-000042\u{1f}5566778899\u{1f}202604021400";

fn row() -> CallOffRow {
    let mut c = CallOff::new(
        REFERENCE,
        AgreementId(3),
        "Systemutveckling",
        "Lena Sund, Utbildningsförvaltningen",
        CallOffMethod::Ranking,
        datetime!(2026-04-02 13:45:07),
    );
    c.value = Some(Money(12_500_000));
    c.awarded_supplier = Some(org("0123456782"));
    c.delivery_due = Some(date!(2026 - 04 - 20));
    c.delivered_at = Some(date!(1999 - 12 - 31));
    c.consultants = 2;
    c.replaced_due_to_complaint = 1;
    c.quality = Some(4);
    c.deviation_reason = Some("Unik kompetens".into());
    CallOffRow {
        calloff: c,
        requests: 3,
        outcome: RankingOutcome::Deviation {
            kinds: vec![DeviationKind::NotAsked, DeviationKind::NotInLot],
            suppliers: vec![org("5566778899")],
            motivated: true,
        },
    }
}

fn request() -> Request {
    Request {
        agreement: AgreementId(3),
        calloff: REFERENCE.into(),
        supplier: org("5566778899"),
        sent_at: datetime!(2026-04-02 14:00:30.5),
        answered_at: Some(datetime!(2026-04-03 09:15)),
        answer: Some(Answer::Offer),
    }
}

/// The names the golden row refers to, numbered as a file would number them.
fn names() -> NameMap {
    NameMap::of(&[
        "Systemutveckling",
        "Lena Sund, Utbildningsförvaltningen",
        "0123456782",
        "5566778899",
    ])
}

#[test]
fn calloff_row_v1_reads() {
    let r = row();
    let c = &r.calloff;
    let old = RowV1 {
        calloff: CallOffV1 {
            reference: c.reference.clone(),
            agreement: 3,
            lot: c.lot.clone(),
            orderer: c.orderer.clone(),
            method: MethodV1::Ranking,
            requested_at: c.requested_at,
            value: Some(12_500_000),
            awarded_supplier: Some("0123456782".into()),
            delivery_due: c.delivery_due,
            delivered_at: c.delivered_at,
            consultants: 2,
            replaced_due_to_complaint: 1,
            quality: Some(4),
            deviation_reason: c.deviation_reason.clone(),
        },
        requests: 3,
        outcome: OutcomeV1::Deviation {
            kinds: vec![KindV1::NotAsked, KindV1::NotInLot],
            suppliers: vec!["5566778899".into()],
            motivated: true,
        },
    };
    let bytes = golden(
        "calloff_row_v1.bin",
        &encoding::encode(calloff_row::V1, &old),
    );
    assert_eq!(
        calloff_row::decode(3, REFERENCE, &bytes, &names()).unwrap(),
        r
    );
}

#[test]
fn calloff_row_v2_reads_and_is_written() {
    let r = row();
    let bytes = golden(
        "calloff_row_v2.bin",
        &calloff_row::encode(&r, &names()).unwrap(),
    );
    assert_eq!(
        calloff_row::decode(3, REFERENCE, &bytes, &names()).unwrap(),
        r
    );
    assert_eq!(calloff_row::encode(&r, &names()).unwrap(), bytes);
}

#[test]
fn request_v2_reads() {
    let r = request();
    let old = RequestV2 {
        agreement: 3,
        calloff: REFERENCE.into(),
        supplier: "5566778899".into(),
        sent_at: r.sent_at,
        answered_at: r.answered_at,
        answer: Some(AnswerV2::Offer),
    };
    let bytes = golden("request_v2.bin", &encoding::encode(request::V2, &old));
    assert_eq!(request::decode(3, REQUEST_KEY, &bytes).unwrap(), r);
}

#[test]
fn request_v3_reads_and_is_written() {
    let r = request();
    let bytes = golden("request_v3.bin", &request::encode(&r));
    assert_eq!(request::decode(3, REQUEST_KEY, &bytes).unwrap(), r);
    assert_eq!(request::encode(&r), bytes);
}

/// Damaged records are refused in words, never a panic: every truncation and a flipped
/// version of each golden record.
#[test]
fn damaged_records_are_refused() {
    let names = names();
    let row = calloff_row::encode(&row(), &names).unwrap();
    let req = request::encode(&request());
    for n in 0..row.len() {
        assert!(
            calloff_row::decode(3, REFERENCE, &row[..n], &names).is_err(),
            "{n}"
        );
    }
    for n in 0..req.len() {
        assert!(request::decode(3, REQUEST_KEY, &req[..n]).is_err(), "{n}");
    }
    let mut wrong = row.clone();
    wrong[0] = 9;
    assert!(calloff_row::decode(3, REFERENCE, &wrong, &names).is_err());
    assert!(request::decode(3, "no separators", &req).is_err());
    // A supplier number that is not an organisation number.
    let mut r = RowV2::new(&self::row(), &names).unwrap();
    r.awarded_supplier = Some(12);
    let bytes = encoding::encode(calloff_row::V2, &r);
    assert!(calloff_row::decode(3, REFERENCE, &bytes, &names).is_err());
    // A name number that names nothing.
    let mut r = RowV2::new(&self::row(), &names).unwrap();
    r.orderer = 99;
    let bytes = encoding::encode(calloff_row::V2, &r);
    assert!(calloff_row::decode(3, REFERENCE, &bytes, &names).is_err());
}

/// The call-off index's entries (not bincode: a fixed layout, see `calloff_index`):
/// version 1 holds the orderer's name and is what the in-memory index takes; version 2,
/// stored from schema 4 on, holds the orderer's number.
#[test]
fn calloff_index_entries_v1_and_v2() {
    use super::super::super::calloff_index;
    let r = row();
    let names = names();
    let v1 = golden("calloff_index_v1.bin", &calloff_index::encode(&r));
    let v2 = golden(
        "calloff_index_v2.bin",
        &calloff_index::encode_stored(&r, &names).unwrap(),
    );
    assert_eq!(calloff_index::encode(&r), v1);
    assert_eq!(calloff_index::encode_stored(&r, &names).unwrap(), v2);
    assert_eq!(
        calloff_index::stored_from_v1(&v1, &names).unwrap(),
        Some(v2.clone())
    );
    let mut cache = calloff_index::NameCache::new(&names);
    let mut buf = Vec::new();
    assert_eq!(
        calloff_index::for_memory(&v2, &mut cache, &mut buf).unwrap(),
        v1.as_slice()
    );
}

#[test]
fn awaited_v1_reads_and_is_written() {
    use super::super::super::calloffs::Awaited;
    use super::super::awaited;
    let a = Awaited {
        agreement: AgreementId(3),
        calloff: REFERENCE.into(),
        supplier: org("5566778899"),
        sent_at: datetime!(2026-04-02 14:00:30.5),
        deadline: datetime!(2026-04-06 14:00:30.5),
    };
    let bytes = golden("awaited_v1.bin", &awaited::encode(&a));
    assert_eq!(awaited::decode(&bytes).unwrap(), a);
    assert_eq!(awaited::encode(&a), bytes);
    for n in 0..bytes.len() {
        assert!(awaited::decode(&bytes[..n]).is_err(), "{n}");
    }
}

/// Schema 2's requests named their call-off only; the migration to schema 3 finds its
/// agreement, and drops a request of no stored call-off.
#[test]
fn request_v1_reads_in_the_migration() {
    use super::super::request::RequestV1;
    let r = request();
    let old = RequestV1 {
        calloff: REFERENCE.into(),
        supplier: "5566778899".into(),
        sent_at: r.sent_at,
        answered_at: r.answered_at,
        answer: Some(AnswerV2::Offer),
    };
    let bytes = golden("request_v1.bin", &encoding::encode(request::V1, &old));
    let found = request::decode_v1(&bytes, |c| (c == REFERENCE).then_some(3)).unwrap();
    assert_eq!(found, Some(r));
    assert_eq!(request::decode_v1(&bytes, |_| None).unwrap(), None);
}
