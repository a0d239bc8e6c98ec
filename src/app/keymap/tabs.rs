//! The keys of the Call-offs, Deviations and Meetings tabs, lists and open records.

use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Left, PageDown, PageUp, Right};

use super::{Act, Binding, MOVE, b, hidden};

/// The most used first (a cut footer keeps them): open, new, edit, delete, filter.
pub const CALLOFFS: &[Binding] = &[
    b("Enter", "ui.key.open", &[Enter], Act::Open),
    b("n", "ui.key.new", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("/", "ui.key.filter", &[Char('/')], Act::Filter),
    b(
        "f",
        "ui.key.filter_supplier",
        &[Char('f')],
        Act::FilterSupplier,
    ),
    b("o", "ui.key.filter_lot", &[Char('o')], Act::FilterLot),
    b("m", "ui.key.filter_method", &[Char('m')], Act::CycleMethod),
    b(
        "c",
        "ui.key.filter_outcome",
        &[Char('c')],
        Act::CycleOutcome,
    ),
    b("x", "ui.key.clear_filters", &[Char('x')], Act::ClearFilters),
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

pub const CALLOFF_DETAIL: &[Binding] = &[
    b("r", "ui.key.new_request", &[Char('r')], Act::NewRequest),
    b("e", "ui.key.edit_request", &[Char('e')], Act::Edit),
    b("E", "ui.key.edit_calloff", &[Char('E')], Act::EditParent),
    b("d", "ui.key.delete_request", &[Char('d')], Act::Delete),
    b("Esc", "ui.key.back", &[Esc], Act::Back),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
];

/// The way to the Sanctions tab first: it has no digit of its own.
pub const DEVIATIONS: &[Binding] = &[
    b(
        "→",
        "ui.sanctions.key.to_sanctions",
        &[Right, Left],
        Act::Companion,
    ),
    b("Enter", "ui.key.open", &[Enter], Act::Open),
    b("n", "ui.key.new_deviation", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("o", "ui.key.toggle_open", &[Char('o')], Act::ToggleOpen),
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

pub const MEETINGS: &[Binding] = &[
    b("Enter", "ui.key.open", &[Enter], Act::Open),
    b("m", "ui.key.minutes", &[Char('m')], Act::Minutes),
    b("n", "ui.key.new_meeting", &[Char('n')], Act::New),
    b("p", "ui.key.propose", &[Char('p')], Act::Propose),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("x", "ui.key.export", &[Char('x')], Act::Export),
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

pub const MEETING_DETAIL: &[Binding] = &[
    b("m", "ui.key.minutes", &[Char('m')], Act::Minutes),
    b("E", "ui.key.edit_meeting", &[Char('E')], Act::EditParent),
    b("s", "ui.key.meeting_status", &[Char('s')], Act::CycleStatus),
    b("n", "ui.key.new_action", &[Char('n')], Act::New),
    b("Space", "ui.key.toggle_done", &[Char(' ')], Act::ToggleDone),
    b("e", "ui.key.edit_action", &[Char('e'), Enter], Act::Edit),
    b("d", "ui.key.delete_action", &[Char('d')], Act::Delete),
    b("x", "ui.key.export", &[Char('x')], Act::Export),
    b("Esc", "ui.key.back", &[Esc], Act::Back),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    // Page keys scroll the meeting's text here, so long minutes can be read to the end.
    b(
        "PgDn/PgUp",
        "ui.key.scroll_meeting",
        &[PageDown],
        Act::PageDown,
    ),
    hidden("PgUp", "ui.key.scroll_meeting", &[PageUp], Act::PageUp),
    MOVE[0],
    MOVE[1],
    MOVE[4],
    MOVE[5],
];
