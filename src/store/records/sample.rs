//! The stored invoice sample (schema 6, `INVOICE_SAMPLES`, keyed by agreement and sample
//! number): version 1. Dates are Julian day numbers and the supplier its digits, as in the
//! other money records, so no domain type is the format.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::spend::sample::{InvoiceSample, SampleItem, SampleResult};
use crate::domain::{AgreementId, Money, OrgNumber};

pub const V1: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(in crate::store) enum ResultV1 {
    NotChecked,
    Correct,
    Incorrect,
    Unclear,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct SampleItemV1 {
    pub supplier: String,
    pub supplier_name: String,
    pub invoice: String,
    pub date: i32,
    pub amount_ore: i64,
    pub result: ResultV1,
    pub note: String,
    pub checked_on: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(in crate::store) struct SampleV1 {
    pub agreement: u64,
    pub number: u32,
    pub drawn_on: i32,
    pub from: i32,
    pub to: i32,
    pub per_supplier: u32,
    pub seed: u64,
    pub items: Vec<SampleItemV1>,
}

super::shapes!(SampleV1);
super::stored!(InvoiceSample, SampleV1, V1);

fn day(d: Date) -> i32 {
    d.to_julian_day()
}

fn date(n: i32) -> Result<Date, String> {
    Date::from_julian_day(n).map_err(|_| format!("day number {n}"))
}

impl From<&InvoiceSample> for SampleV1 {
    fn from(s: &InvoiceSample) -> Self {
        SampleV1 {
            agreement: s.agreement.0,
            number: s.number,
            drawn_on: day(s.drawn_on),
            from: day(s.from),
            to: day(s.to),
            per_supplier: s.per_supplier,
            seed: s.seed,
            items: s
                .items
                .iter()
                .map(|i| SampleItemV1 {
                    supplier: i.supplier.digits().to_string(),
                    supplier_name: i.supplier_name.clone(),
                    invoice: i.invoice.clone(),
                    date: day(i.date),
                    amount_ore: i.amount.0,
                    result: match i.result {
                        SampleResult::NotChecked => ResultV1::NotChecked,
                        SampleResult::Correct => ResultV1::Correct,
                        SampleResult::Incorrect => ResultV1::Incorrect,
                        SampleResult::Unclear => ResultV1::Unclear,
                    },
                    note: i.note.clone(),
                    checked_on: i.checked_on.map(day),
                })
                .collect(),
        }
    }
}

impl TryFrom<SampleV1> for InvoiceSample {
    type Error = String;
    fn try_from(s: SampleV1) -> Result<Self, String> {
        let items = s
            .items
            .into_iter()
            .map(|i| {
                Ok(SampleItem {
                    supplier: OrgNumber::parse(&i.supplier)
                        .map_err(|_| format!("organisation number {}", i.supplier))?,
                    supplier_name: i.supplier_name,
                    invoice: i.invoice,
                    date: date(i.date)?,
                    amount: Money(i.amount_ore),
                    result: match i.result {
                        ResultV1::NotChecked => SampleResult::NotChecked,
                        ResultV1::Correct => SampleResult::Correct,
                        ResultV1::Incorrect => SampleResult::Incorrect,
                        ResultV1::Unclear => SampleResult::Unclear,
                    },
                    note: i.note,
                    checked_on: i.checked_on.map(date).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(InvoiceSample {
            agreement: AgreementId(s.agreement),
            number: s.number,
            drawn_on: date(s.drawn_on)?,
            from: date(s.from)?,
            to: date(s.to)?,
            per_supplier: s.per_supplier,
            seed: s.seed,
            items,
        })
    }
}
