//! The agreement's money terms (DESIGN §6): `max_value_sek`, `estimated_value_sek`,
//! `accounts` and the agreed price list `[[prices]]`.

use std::ops::Range;

use toml::de::DeValue;

use crate::domain::money::Money;
use crate::domain::spend::{MoneyTerms, PriceRow};
use crate::domain::{Agreement, OrgNumber};
use crate::formats::problem::ProblemKind;
use crate::formats::toml_reader::{Sink, TableReader};

pub(super) const PRICE_KEYS: &[&str] = &[
    "supplier",
    "item",
    "item_id",
    "unit",
    "price_sek",
    "valid_from",
];

/// Kronor written as a text (`"60000000"`, `"1150,00"`) or a plain TOML number.
fn kronor(
    sink: &mut Sink<'_>,
    t: &TableReader<'_, '_>,
    key: &str,
    required: bool,
) -> Option<Money> {
    let Some(v) = t.value(key) else {
        if required {
            t.string(sink, key, true);
        }
        return None;
    };
    let input = match v.get_ref() {
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        _ => t.string(sink, key, false)?.0,
    };
    match Money::parse_kronor(&input) {
        Ok(m) => Some(m),
        Err(error) => {
            sink.push(
                &v.span(),
                ProblemKind::BadKronor {
                    key: t.key(key),
                    input,
                    error,
                },
            );
            None
        }
    }
}

/// Reads the money terms of the top-level table and its `[[prices]]` into `agreement`,
/// with the span of each price row's supplier for the cross-check against the suppliers.
pub(super) fn read(
    sink: &mut Sink<'_>,
    top: &TableReader<'_, '_>,
    agreement: &mut Agreement,
) -> Vec<Range<usize>> {
    let mut terms = MoneyTerms {
        max_value: kronor(sink, top, "max_value_sek", false),
        estimated_value: kronor(sink, top, "estimated_value_sek", false),
        accounts: crate::domain::spend::unique(
            top.strings(sink, "accounts")
                .into_iter()
                .map(|(a, _)| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
        ),
        prices: Vec::new(),
    };
    let mut spans = Vec::new();
    for (table, span) in top.tables(sink, "prices") {
        let t = TableReader::new(sink, table, span, "prices", PRICE_KEYS);
        let supplier = t.string(sink, "supplier", true).and_then(|(input, span)| {
            match OrgNumber::parse(&input) {
                Ok(org) => Some((org, span)),
                Err(error) => {
                    sink.push(&span, ProblemKind::BadOrgNumber { error, input });
                    None
                }
            }
        });
        let item = t
            .string(sink, "item", true)
            .map(|(s, _)| s.trim().to_string());
        let item_id = t
            .string(sink, "item_id", false)
            .map(|(s, _)| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let unit = t
            .string(sink, "unit", true)
            .map(|(s, _)| s.trim().to_string());
        let price = kronor(sink, &t, "price_sek", true);
        let valid_from = t.date(sink, "valid_from", false);
        if let (Some((supplier, span)), Some(item), Some(unit), Some(price)) =
            (supplier, item, unit, price)
        {
            spans.push(span);
            terms.prices.push(PriceRow {
                supplier,
                item,
                item_id,
                unit,
                price,
                valid_from,
            });
        }
    }
    *agreement.money = terms;
    spans
}

/// A price row must name a supplier of the agreement.
pub(super) fn check(sink: &mut Sink<'_>, agreement: &Agreement, spans: &[Range<usize>]) {
    for (row, span) in agreement.money.prices.iter().zip(spans) {
        if agreement.supplier(&row.supplier).is_none() {
            sink.push(
                span,
                ProblemKind::PriceNotASupplier {
                    org: row.supplier.to_string(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use crate::domain::Money;
    use crate::formats::agreement_toml::parse;
    use crate::formats::problem::ProblemKind;

    const BASE: &str = r#"
reference = "UH-2026-014"
name = "IT-konsulttjänster 2026"
start = 2026-01-01
end = 2027-12-31
response_time = "2 working days"
max_value_sek = "60000000"
estimated_value_sek = 40000000
accounts = ["6540", " 6550 ", "6540"]

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"

[[prices]]
supplier = "556677-8899"
item = "Systemutvecklare nivå 3"
item_id = "SU3"
unit = "HUR"
price_sek = "1150,00"

[[prices]]
supplier = "5566778899"
item = "Systemutvecklare nivå 3"
item_id = "SU3"
unit = "HUR"
price_sek = "1190.50"
valid_from = 2026-07-01
"#;

    #[test]
    fn the_money_terms_are_read() {
        let a = parse(BASE).unwrap();
        assert_eq!(a.money.max_value, Some(Money(6_000_000_000)));
        assert_eq!(a.money.estimated_value, Some(Money(4_000_000_000)));
        assert_eq!(a.money.accounts, vec!["6540", "6550"]);
        assert_eq!(a.money.prices.len(), 2);
        assert_eq!(a.money.prices[0].price, Money(115_000));
        assert_eq!(a.money.prices[0].valid_from, None);
        assert_eq!(a.money.prices[1].price, Money(119_050));
        assert_eq!(a.money.prices[1].valid_from, Some(date!(2026 - 07 - 01)));
        assert_eq!(a.money.prices[1].item_id.as_deref(), Some("SU3"));
    }

    #[test]
    fn a_bad_amount_and_a_stranger_in_the_price_list_are_refused_on_their_lines() {
        let text = BASE
            .replace("\"60000000\"", "\"sextio miljoner\"")
            .replace("supplier = \"5566778899\"", "supplier = \"0123456782\"");
        let problems = parse(&text).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 7);
        assert!(
            matches!(&problems[0].kind, ProblemKind::BadKronor { key, .. } if key == "max_value_sek")
        );
        assert!(
            matches!(&problems[1].kind, ProblemKind::PriceNotASupplier { org } if org == "012345-6782")
        );
        assert!(crate::formats::problem::not_in_words(&problems, 40).is_none());
    }
}
