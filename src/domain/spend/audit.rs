//! The price audit (DESIGN §4): an invoice line against the agreed price list. The line is
//! matched to the supplier's rows by the seller's item identifier where the row has one,
//! else by item name, and by unit code; of those, the row with the latest `valid_from` on
//! or before the invoice date applies. Overcharge = (unit price − agreed) × quantity,
//! exact, rounded half up to öre once.

use time::Date;
use unicode_normalization::UnicodeNormalization;

use crate::domain::money::Money;
use crate::domain::orgnr::OrgNumber;

use super::decimal::{Decimal, round_half_up};
use super::{InvoiceLine, PriceRow};

/// An item name as compared: trimmed, inner spaces collapsed, case-folded.
pub fn normalise_name(name: &str) -> String {
    let nfc = unicode_normalization::is_nfc_quick(name.chars())
        == unicode_normalization::IsNormalized::Yes;
    let composed: std::borrow::Cow<str> = if nfc {
        name.into()
    } else {
        name.nfc().collect::<String>().into()
    };
    composed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether two item names are the same by [`normalise_name`], word by word without
/// making either (asked for every line of every invoice against the price list). Names
/// not already in NFC, and the one letter whose lower case depends on its place in the
/// word (Σ), are compared by making both.
pub fn same_name(a: &str, b: &str) -> bool {
    let plain = |s: &str| {
        s.is_ascii()
            || (!s.contains('Σ')
                && unicode_normalization::is_nfc_quick(s.chars())
                    == unicode_normalization::IsNormalized::Yes)
    };
    if !(plain(a) && plain(b)) {
        return normalise_name(a) == normalise_name(b);
    }
    let lower = |w: &str| w.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                let same = if p.is_ascii() && q.is_ascii() {
                    p.eq_ignore_ascii_case(q)
                } else {
                    lower(p) == lower(q)
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn same_code(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The price row that applies to `line` of `supplier`'s invoice dated `date`, in an
/// agreement starting `start`.
pub fn agreed_price<'a>(
    prices: &'a [PriceRow],
    supplier: &OrgNumber,
    line: &InvoiceLine,
    date: Date,
    start: Date,
) -> Option<&'a PriceRow> {
    prices
        .iter()
        .filter(|r| &r.supplier == supplier && same_code(&r.unit, &line.unit))
        .filter(|r| match &r.item_id {
            Some(id) => line.item_id.as_deref().is_some_and(|l| same_code(l, id)),
            None => same_name(&r.item, &line.item),
        })
        .filter(|r| r.valid_from.unwrap_or(start) <= date)
        // The latest valid_from wins; of two rows from the same day, the later listed.
        .max_by_key(|r| r.valid_from.unwrap_or(start))
}

/// A line's unit price and what it costs beyond the agreed price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditedLine {
    /// PriceAmount / BaseQuantity in öre, rounded half up.
    pub unit_price: Money,
    pub agreed: Money,
    /// Zero or less when the line keeps to the agreed price.
    pub overcharge: Money,
    pub overcharged: bool,
}

/// `line` against `agreed`; None when the line's base quantity is zero or negative (no
/// unit price can be read from it) or a figure is beyond what öre can hold.
pub fn audit_line(line: &InvoiceLine, agreed: Money) -> Option<AuditedLine> {
    let p = line.price;
    let b = line.base_quantity.unwrap_or(Decimal::ONE);
    let q = line.quantity;
    if b.units <= 0 {
        return None;
    }
    // Unit price in öre = P/B × 100 = p·100·10^sb / (b·10^sp).
    let price_num = p
        .units
        .checked_mul(100)?
        .checked_mul(Decimal::pow10(b.scale))?;
    let price_den = b.units.checked_mul(Decimal::pow10(p.scale))?;
    let unit_price = round_half_up(price_num, price_den);
    // (P/B − a/100)·Q in öre = (p·100·10^sb − a·b·10^sp) · q / (b·10^sp·10^sq).
    let diff_num = price_num.checked_sub(
        i128::from(agreed.0)
            .checked_mul(b.units)?
            .checked_mul(Decimal::pow10(p.scale))?,
    )?;
    let over_num = diff_num.checked_mul(q.units)?;
    let over_den = price_den.checked_mul(Decimal::pow10(q.scale))?;
    let overcharge = round_half_up(over_num, over_den);
    Some(AuditedLine {
        unit_price: Money(i64::try_from(unit_price).ok()?),
        agreed,
        overcharge: Money(i64::try_from(overcharge).ok()?),
        overcharged: diff_num > 0,
    })
}
