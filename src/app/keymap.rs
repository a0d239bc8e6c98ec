//! One list of key bindings per context. The same lists drive the key dispatch, the
//! footer and the `?` help overlay, so the hints never drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::leaving::Choice;

mod help;
pub use help::*;
mod typing;
pub use typing::*;
mod views;
pub use views::*;
pub mod sanctions;
mod spend;
pub use spend::spend_bindings;
pub mod work;

/// What a key asks the application to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Quit,
    Help,
    NextTab,
    PrevTab,
    GotoTab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    New,
    Edit,
    Delete,
    Filter,
    Sort,
    Undo,
    NextSection,
    PrevSection,
    MoveUp,
    MoveDown,
    AddRanked,
    NewContact,
    LoadDemo,
    /// Ctrl-B: a copy of the database into the backup folder, now.
    BackupNow,
    FilterSupplier,
    FilterLot,
    CycleMethod,
    CycleOutcome,
    ClearFilters,
    ChooseAgreement,
    NewRequest,
    EditParent,
    ToggleOpen,
    Propose,
    Minutes,
    Export,
    CycleStatus,
    ToggleDone,
    /// Between a tab and the one sharing its place in the tab bar (the implementation
    /// checklist and the follow-up plan).
    Companion,
    ToggleInvite,
    RecordWinner,
    Award,
    SaveModel,
    PickModel,
    RefillInstruction,
    Decide,
    /// Keys of an open renewed competition.
    Comp(views::CompAct),
    /// Keys of the Actions, Implementation and Follow-up plan tabs.
    Work(work::WorkAct),
    /// Keys of the Sanctions tab.
    Sanction(sanctions::SanctionAct),
    /// Keys of the Statistics tab.
    Stats(super::statistics::StatsAct),
    /// Keys of an open form.
    Form(typing::FormAct),
    /// Keys of the minutes editor.
    Editor(typing::EditorAct),
    /// An answer to leaving a form with unsaved changes.
    Leave(super::leaving::Choice),
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// How the keys are shown (`j/↓`).
    pub label: &'static str,
    /// Catalogue key of what it does.
    pub desc: &'static str,
    pub keys: &'static [KeyCode],
    /// Needs Ctrl held (only Ctrl-C here).
    pub ctrl: bool,
    pub act: Act,
    /// Shown in the footer (the help overlay shows every binding).
    pub in_footer: bool,
    /// A command key of a text editor (a form, the minutes, a filter), where the other
    /// keys are typed text: it works with Ctrl held too, as the editors always took it
    /// (unless it needs Ctrl), and the help writes its label (`Ctrl-T/F2`), one entry for
    /// the keys that do the same.
    pub typing: bool,
}

const fn b(label: &'static str, desc: &'static str, keys: &'static [KeyCode], act: Act) -> Binding {
    Binding {
        label,
        desc,
        keys,
        ctrl: false,
        act,
        in_footer: true,
        typing: false,
    }
}

const fn hidden(
    label: &'static str,
    desc: &'static str,
    keys: &'static [KeyCode],
    act: Act,
) -> Binding {
    Binding {
        label,
        desc,
        keys,
        ctrl: false,
        act,
        in_footer: false,
        typing: false,
    }
}

use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

pub const GLOBAL: &[Binding] = &[
    b("?", "ui.key.help", &[Char('?')], Act::Help),
    hidden("q", "ui.key.quit", &[Char('q')], Act::Quit),
    Binding {
        label: "Ctrl-C",
        desc: "ui.key.quit",
        keys: &[Char('c')],
        ctrl: true,
        act: Act::Quit,
        in_footer: false,
        typing: false,
    },
    Binding {
        label: "Ctrl-B",
        desc: "store.backup_key",
        keys: &[Char('b')],
        ctrl: true,
        act: Act::BackupNow,
        in_footer: false,
        typing: false,
    },
    hidden("Tab", "ui.key.next_tab", &[Tab], Act::NextTab),
    hidden("Shift-Tab", "ui.key.prev_tab", &[BackTab], Act::PrevTab),
    hidden("1", "ui.key.tab_agenda", &[Char('1')], Act::GotoTab(0)),
    hidden("2", "ui.key.tab_agreements", &[Char('2')], Act::GotoTab(1)),
    hidden("3", "ui.key.tab_calloffs", &[Char('3')], Act::GotoTab(2)),
    hidden("4", "ui.key.tab_deviations", &[Char('4')], Act::GotoTab(3)),
    hidden(
        "5",
        "ui.key.tab_competitions",
        &[Char('5')],
        Act::GotoTab(4),
    ),
    hidden("6", "ui.key.tab_purchases", &[Char('6')], Act::GotoTab(5)),
    hidden("7", "ui.key.tab_meetings", &[Char('7')], Act::GotoTab(6)),
    hidden(
        "8",
        "ui.work.key.tab_actions",
        &[Char('8')],
        Act::GotoTab(7),
    ),
    hidden(
        "9",
        "ui.work.key.tab_checklist",
        &[Char('9')],
        Act::GotoTab(8),
    ),
    hidden(
        "0",
        "ui.stats.key.tab_statistics",
        &[Char('0')],
        Act::GotoTab(9),
    ),
];

const MOVE: [Binding; 6] = [
    b("j/k", "ui.key.move", &[Down, Char('j')], Act::Down),
    hidden("k/↑", "ui.key.up", &[Up, Char('k')], Act::Up),
    hidden("PgDn", "ui.key.page_down", &[PageDown], Act::PageDown),
    hidden("PgUp", "ui.key.page_up", &[PageUp], Act::PageUp),
    hidden("Home/g", "ui.key.top", &[Home, Char('g')], Act::Top),
    hidden("End/G", "ui.key.bottom", &[End, Char('G')], Act::Bottom),
];

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

/// A question before a destructive step. Only an explicit yes answers it: j and k move
/// everywhere, so they must never confirm (a `d` then a `j` out of habit deleted a row).
pub const CONFIRM: &[Binding] = &[
    b(
        "y/Enter",
        "ui.key.confirm_yes",
        &[Char('y'), Char('Y'), Enter],
        Act::Open,
    ),
    b(
        "n/Esc",
        "ui.key.confirm_no",
        &[Char('n'), Char('N'), Esc],
        Act::Back,
    ),
];

/// Leaving a form with unsaved changes (Ctrl-C): each answer has its own letter, and
/// j/k with Enter choose from the list as in a picker.
pub const LEAVE: &[Binding] = &[
    b("s", "ui.leave.save", &[Char('s')], Act::Leave(Choice::Save)),
    b(
        "d",
        "ui.leave.discard",
        &[Char('d')],
        Act::Leave(Choice::Discard),
    ),
    b(
        "Esc",
        "ui.leave.keep_typing",
        &[Esc],
        Act::Leave(Choice::KeepTyping),
    ),
    Binding {
        label: "Ctrl-C",
        desc: "ui.leave.draft",
        keys: &[Char('c')],
        ctrl: true,
        act: Act::Leave(Choice::Draft),
        // Said in the question itself, where there is room for it.
        in_footer: false,
        typing: false,
    },
    hidden("j/k", "ui.key.move", &[Down, Char('j')], Act::Down),
    hidden("k/↑", "ui.key.up", &[Up, Char('k')], Act::Up),
    hidden("Enter", "ui.key.choose_this", &[Enter], Act::Open),
];

/// A picker's keys; a letter typed after the first filters instead (`app::picker`).
pub const PICKER: &[Binding] = &[
    b("j/k", "ui.key.move", &[Down, Char('j')], Act::Down),
    hidden("k/↑", "ui.key.up", &[Up, Char('k')], Act::Up),
    b("Enter", "ui.key.choose_this", &[Enter], Act::Open),
    b("Esc", "ui.key.cancel", &[Esc], Act::Back),
    hidden("PgUp", "ui.key.page_up", &[PageUp], Act::PageUp),
    hidden("PgDn", "ui.key.page_down", &[PageDown], Act::PageDown),
    hidden("Home/g", "ui.key.top", &[Home, Char('g')], Act::Top),
    hidden("End/G", "ui.key.bottom", &[End, Char('G')], Act::Bottom),
];

/// The binding of `bindings` that `key` triggers, if any: one for exactly the Ctrl the
/// key holds, else (Ctrl held) a text editor's command key without Ctrl.
pub fn lookup(bindings: &[Binding], key: &KeyEvent) -> Option<Act> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let with = |held: bool| {
        bindings
            .iter()
            .find(|bd| {
                bd.ctrl == held && (held == ctrl || bd.typing) && bd.keys.contains(&key.code)
            })
            .map(|bd| bd.act)
    };
    with(ctrl).or_else(|| if ctrl { with(false) } else { None })
}
