//! Shapes shared by several records: rates, response times, and the conversions of
//! organisation numbers, which are stored as their ten digits.

use serde::{Deserialize, Serialize};

use crate::domain::{Money, OrgNumber, Rate, ResponseTime};

/// An organisation number from its stored digits; a damaged one is refused, not kept.
pub fn org(digits: String) -> Result<OrgNumber, String> {
    OrgNumber::parse(&digits).map_err(|_| format!("organisation number {digits:?}"))
}

pub fn org_opt(digits: Option<String>) -> Result<Option<OrgNumber>, String> {
    digits.map(org).transpose()
}

pub fn orgs(list: Vec<String>) -> Result<Vec<OrgNumber>, String> {
    list.into_iter().map(org).collect()
}

pub fn digits(o: &OrgNumber) -> String {
    o.digits().to_string()
}

pub fn all_digits(list: &[OrgNumber]) -> Vec<String> {
    list.iter().map(digits).collect()
}

/// Converts every element of a stored list, stopping at the first refused.
pub fn each<R, T>(list: Vec<R>) -> Result<Vec<T>, String>
where
    R: TryInto<T, Error = String>,
{
    list.into_iter().map(TryInto::try_into).collect()
}

/// Every element of a list in its stored shape.
pub fn shapes<'a, T: 'a, R: From<&'a T>>(list: &'a [T]) -> Vec<R> {
    list.iter().map(R::from).collect()
}

/// `Rate`, variant for variant; amounts in öre.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum RateV1 {
    Fixed(i64),
    Percent(u32),
}

impl From<&Rate> for RateV1 {
    fn from(r: &Rate) -> Self {
        match *r {
            Rate::Fixed(m) => RateV1::Fixed(m.0),
            Rate::Percent(p) => RateV1::Percent(p),
        }
    }
}

impl From<RateV1> for Rate {
    fn from(r: RateV1) -> Self {
        match r {
            RateV1::Fixed(m) => Rate::Fixed(Money(m)),
            RateV1::Percent(p) => Rate::Percent(p),
        }
    }
}

/// `ResponseTime`, variant for variant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ResponseTimeV1 {
    Hours(u32),
    WorkingDays(u32),
}

impl From<&ResponseTime> for ResponseTimeV1 {
    fn from(r: &ResponseTime) -> Self {
        match *r {
            ResponseTime::Hours(h) => ResponseTimeV1::Hours(h),
            ResponseTime::WorkingDays(d) => ResponseTimeV1::WorkingDays(d),
        }
    }
}

impl From<ResponseTimeV1> for ResponseTime {
    fn from(r: ResponseTimeV1) -> Self {
        match r {
            ResponseTimeV1::Hours(h) => ResponseTime::Hours(h),
            ResponseTimeV1::WorkingDays(d) => ResponseTime::WorkingDays(d),
        }
    }
}
