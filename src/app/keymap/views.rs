//! The keys of the Renewed competition and Outside purchases tabs: the list, each section
//! of an open competition, the purchase register and its analysis.

use super::{Act, Binding, MOVE, b, hidden};

/// Keys of an open competition beyond the shared ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompAct {
    /// A form for the placeholders still in the instruction.
    FillPlaceholders,
    /// The organisation's name and contact, which every instruction names.
    Organisation,
}
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Left, Right};

/// Keys every section of an open competition shares.
const SECTION: [Binding; 10] = [
    b(
        "←/→",
        "ui.key.section",
        &[Right, Char('l')],
        Act::NextSection,
    ),
    hidden(
        "←/h",
        "ui.key.prev_section",
        &[Left, Char('h')],
        Act::PrevSection,
    ),
    b("Esc", "ui.key.back", &[Esc], Act::Back),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

macro_rules! with_section {
    ($($own:expr),* $(,)?) => {
        &[
            $($own,)*
            SECTION[0], SECTION[1], SECTION[2], SECTION[3], SECTION[4],
            SECTION[5], SECTION[6], SECTION[7], SECTION[8], SECTION[9],
        ]
    };
}

pub const COMPETITIONS: &[Binding] = &[
    b("Enter", "ui.key.open_competition", &[Enter], Act::Open),
    b("d", "ui.key.delete_competition", &[Char('d')], Act::Delete),
    b(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
    ),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

pub const COMP_INSTRUCTION: &[Binding] = with_section![
    b("e", "ui.key.edit_instruction", &[Char('e')], Act::Edit),
    b(
        "r",
        "ui.key.refill_instruction",
        &[Char('r')],
        Act::RefillInstruction
    ),
    b(
        "f",
        "ui.key.fill_placeholders",
        &[Char('f')],
        Act::Comp(CompAct::FillPlaceholders)
    ),
    b(
        "o",
        "ui.key.organisation",
        &[Char('o')],
        Act::Comp(CompAct::Organisation)
    ),
    b("x", "ui.key.export_instruction", &[Char('x')], Act::Export),
];

pub const COMP_MODEL: &[Binding] = with_section![
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("n", "ui.key.new_criterion", &[Char('n')], Act::New),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("M", "ui.key.save_model", &[Char('M')], Act::SaveModel),
    b("m", "ui.key.pick_model", &[Char('m')], Act::PickModel),
];

pub const COMP_INVITED: &[Binding] = with_section![b(
    "Space",
    "ui.key.toggle_invite",
    &[Char(' '), Enter],
    Act::ToggleInvite
),];

pub const COMP_TENDERS: &[Binding] = with_section![
    b("n", "ui.key.new_tender", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
];

pub const COMP_RESULT: &[Binding] = with_section![
    b("w", "ui.key.record_winner", &[Char('w')], Act::RecordWinner),
    b("a", "ui.key.award", &[Char('a')], Act::Award),
];

pub const COMP_NOTE: &[Binding] =
    with_section![b("e", "ui.key.edit_note", &[Char('e')], Act::Edit),];

pub const PURCHASES: &[Binding] = &[
    b("n", "ui.key.new_purchase", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b(
        "→",
        "ui.key.to_analysis",
        &[Right, Char('l')],
        Act::NextSection,
    ),
    b(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
    ),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

pub const PURCHASE_ANALYSIS: &[Binding] = &[
    b("b", "ui.key.decide", &[Char('b'), Enter], Act::Decide),
    b(
        "→",
        "ui.spend.key.to_spend",
        &[Right, Char('l')],
        Act::Companion,
    ),
    b(
        "←",
        "ui.key.to_register",
        &[Left, Char('h'), Esc],
        Act::PrevSection,
    ),
    b(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
    ),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

/// The help overlay's groups for these tabs.
pub const GROUPS: [(&str, &[Binding]); 9] = [
    ("ui.help.competitions", COMPETITIONS),
    ("ui.help.comp_instruction", COMP_INSTRUCTION),
    ("ui.help.comp_model", COMP_MODEL),
    ("ui.help.comp_invited", COMP_INVITED),
    ("ui.help.comp_tenders", COMP_TENDERS),
    ("ui.help.comp_result", COMP_RESULT),
    ("ui.help.comp_note", COMP_NOTE),
    ("ui.help.purchases", PURCHASES),
    ("ui.help.purchase_analysis", PURCHASE_ANALYSIS),
];
