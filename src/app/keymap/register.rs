//! The keys of the agenda and of the agreement register: its list and the sections of an
//! open agreement.

use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Left, Right};

use super::{Act, Binding, MOVE, b, hidden};

pub const AGENDA: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
    b("Enter", "ui.key.open_agreement", &[Enter], Act::Open),
];

/// The agenda of an empty register: it says how to begin, and these keys begin.
pub const AGENDA_EMPTY: &[Binding] = &[
    b("n", "ui.key.new_agreement", &[Char('n')], Act::New),
    b("D", "ui.key.load_demo", &[Char('D')], Act::LoadDemo),
];

pub const REGISTER: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
    b("Enter", "ui.key.open", &[Enter], Act::Open),
    b("n", "ui.key.new", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("/", "ui.key.filter", &[Char('/')], Act::Filter),
    b("s", "ui.key.sort", &[Char('s')], Act::Sort),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
];

pub const EMPTY_REGISTER: &[Binding] = &[
    b("n", "ui.key.new", &[Char('n')], Act::New),
    b("D", "ui.key.load_demo", &[Char('D')], Act::LoadDemo),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
];

const DETAIL_COMMON: [Binding; 10] = [
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

pub const DETAIL_OVERVIEW: &[Binding] = &[
    b("e", "ui.key.edit_agreement", &[Char('e')], Act::Edit),
    b("n", "ui.key.new_agreement", &[Char('n')], Act::New),
    DETAIL_COMMON[0],
    DETAIL_COMMON[1],
    DETAIL_COMMON[2],
    DETAIL_COMMON[3],
];

pub const DETAIL_LOTS: &[Binding] = &[
    b("n", "ui.key.new_lot", &[Char('n')], Act::New),
    b("a", "ui.key.add_ranked", &[Char('a')], Act::AddRanked),
    b("K/J", "ui.key.move_rank", &[Char('K')], Act::MoveUp),
    hidden("J", "ui.key.move_rank_down", &[Char('J')], Act::MoveDown),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    DETAIL_COMMON[0],
    DETAIL_COMMON[1],
    DETAIL_COMMON[2],
    DETAIL_COMMON[3],
    DETAIL_COMMON[4],
    DETAIL_COMMON[5],
    DETAIL_COMMON[6],
    DETAIL_COMMON[7],
    DETAIL_COMMON[8],
    DETAIL_COMMON[9],
];

pub const DETAIL_SUPPLIERS: &[Binding] = &[
    b("n", "ui.key.new_supplier", &[Char('n')], Act::New),
    b("c", "ui.key.new_contact", &[Char('c')], Act::NewContact),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    DETAIL_COMMON[0],
    DETAIL_COMMON[1],
    DETAIL_COMMON[2],
    DETAIL_COMMON[3],
    DETAIL_COMMON[4],
    DETAIL_COMMON[5],
    DETAIL_COMMON[6],
    DETAIL_COMMON[7],
    DETAIL_COMMON[8],
    DETAIL_COMMON[9],
];

pub const DETAIL_ITEMS: &[Binding] = &[
    b("n", "ui.key.new", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    DETAIL_COMMON[0],
    DETAIL_COMMON[1],
    DETAIL_COMMON[2],
    DETAIL_COMMON[3],
    DETAIL_COMMON[4],
    DETAIL_COMMON[5],
    DETAIL_COMMON[6],
    DETAIL_COMMON[7],
    DETAIL_COMMON[8],
    DETAIL_COMMON[9],
];
