//! The keys of the Spend tab (the Outside purchases tab's companion, reached with → from
//! its analysis). Its parts step with `v`; a supplier outside the agreement becomes a
//! registered purchase outside it with `n`, an overcharged line a deviation and a
//! repayment case; in the invoice review `n` draws a sample and Enter marks the selected
//! invoice checked.

use ratatui::crossterm::event::KeyCode::{Char, Enter, Left, Right};

use super::{Act, Binding, MOVE, b, hidden};
use crate::app::spend::SpendPart;

/// The keys every part shares, after the part's own.
const COMMON: [Binding; 11] = [
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    b("v", "ui.spend.key.part", &[Char('v')], Act::NextSection),
    hidden(
        "V",
        "ui.spend.key.prev_part",
        &[Char('V')],
        Act::PrevSection,
    ),
    b(
        "←",
        "ui.spend.key.to_purchases",
        &[Left, Right],
        Act::Companion,
    ),
    b(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
    ),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

/// `first`, then the shared keys.
const fn with_common<const N: usize>(first: &[Binding]) -> [Binding; N] {
    let mut out = [COMMON[0]; N];
    let mut i = 0;
    while i < first.len() {
        out[i] = first[i];
        i += 1;
    }
    let mut j = 0;
    while j < COMMON.len() {
        out[i + j] = COMMON[j];
        j += 1;
    }
    out
}

const SUPPLIERS: [Binding; 11] = COMMON;
const OUTSIDE: [Binding; 12] = with_common(&[b(
    "n",
    "ui.spend.key.register_purchase",
    &[Char('n')],
    Act::New,
)]);
const AUDIT: [Binding; 12] = with_common(&[b(
    "n",
    "ui.spend.key.register_overcharge",
    &[Char('n')],
    Act::New,
)]);
/// The invoice review: draw, mark checked, then what every part has.
const SAMPLE: [Binding; 13] = with_common(&[
    b("n", "ui.spend.key.draw_sample", &[Char('n')], Act::New),
    b(
        "e",
        "ui.spend.key.check_invoice",
        &[Enter, Char('e')],
        Act::Edit,
    ),
]);

pub fn spend_bindings(part: SpendPart) -> &'static [Binding] {
    match part {
        SpendPart::Suppliers => &SUPPLIERS,
        SpendPart::Outside => &OUTSIDE,
        SpendPart::PriceAudit => &AUDIT,
        SpendPart::Sample => &SAMPLE,
    }
}

/// The help overlay's groups for the tab.
pub const GROUPS: [(&str, &[Binding]); 4] = [
    ("ui.spend.help.spend", &SUPPLIERS),
    ("ui.spend.help.outside", &OUTSIDE),
    ("ui.spend.help.price_audit", &AUDIT),
    ("ui.spend.help.sample", &SAMPLE),
];
