//! Golden bytes of the invoice sample (schema 6): every field filled, a checked item and
//! one not yet checked.

use time::macros::date;

use crate::domain::spend::sample::{InvoiceSample, SampleItem, SampleResult};
use crate::domain::{AgreementId, Money};

use super::calloffs::org;
use super::current;

#[test]
fn invoice_sample_v1() {
    let s = InvoiceSample {
        agreement: AgreementId(3),
        number: 2,
        drawn_on: date!(2026 - 12 - 07),
        from: date!(2025 - 12 - 08),
        to: date!(2026 - 12 - 07),
        per_supplier: 2,
        seed: 0x0123_4567_89ab_cdef,
        items: vec![
            SampleItem {
                supplier: org("5566778899"),
                supplier_name: "Konsult AB".into(),
                invoice: "F-2026-0412".into(),
                date: date!(2026 - 04 - 30),
                amount: Money(1_250_050),
                result: SampleResult::Incorrect,
                note: "Timpris 1 250 kr, avtalat 1 190 kr".into(),
                checked_on: Some(date!(2026 - 12 - 08)),
            },
            SampleItem {
                supplier: org("5566778899"),
                supplier_name: "Konsult AB".into(),
                invoice: "F-2026-0500".into(),
                date: date!(2026 - 05 - 31),
                amount: Money(99_900),
                result: SampleResult::NotChecked,
                note: String::new(),
                checked_on: None,
            },
        ],
    };
    current("invoice_sample_v1.bin", &s);
}
