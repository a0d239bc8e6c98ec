//! The keys of the Spend tab (the Outside purchases tab's companion, reached with → from
//! its analysis). Its parts step with `v`; a supplier outside the agreement becomes a
//! registered purchase outside it with `n`; in the invoice review `n` draws a sample and
//! Enter marks the selected invoice checked.

use ratatui::crossterm::event::KeyCode::{Char, Enter, Left, Right};

use super::{Act, Binding, MOVE, b, hidden};
use crate::app::spend::SpendPart;

const fn with_common(first: Binding) -> [Binding; 11] {
    let c = common();
    [
        first, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9],
    ]
}

/// What every part has: stepping parts, back to the purchases, the agreement, moving.
const fn common() -> [Binding; 10] {
    [
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
    ]
}

const SUPPLIERS: [Binding; 11] = with_common(b("u", "ui.key.undo", &[Char('u')], Act::Undo));
const OUTSIDE: [Binding; 11] = with_common(b(
    "n",
    "ui.spend.key.register_purchase",
    &[Char('n')],
    Act::New,
));
const AUDIT: [Binding; 11] = SUPPLIERS;
/// The invoice review: draw, mark checked, undo, then what every part has.
const SAMPLE: [Binding; 13] = {
    let c = common();
    [
        b("n", "ui.spend.key.draw_sample", &[Char('n')], Act::New),
        b(
            "e",
            "ui.spend.key.check_invoice",
            &[Enter, Char('e')],
            Act::Edit,
        ),
        b("u", "ui.key.undo", &[Char('u')], Act::Undo),
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        c[5],
        c[6],
        c[7],
        c[8],
        c[9],
    ]
};

pub fn spend_bindings(part: SpendPart) -> &'static [Binding] {
    match part {
        SpendPart::Suppliers => &SUPPLIERS,
        SpendPart::Outside => &OUTSIDE,
        SpendPart::PriceAudit => &AUDIT,
        SpendPart::Sample => &SAMPLE,
    }
}

/// The help overlay's groups for the tab.
pub const GROUPS: [(&str, &[Binding]); 3] = [
    ("ui.spend.help.spend", &SUPPLIERS),
    ("ui.spend.help.outside", &OUTSIDE),
    ("ui.spend.help.sample", &SAMPLE),
];
