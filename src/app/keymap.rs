//! One list of key bindings per context. The same lists drive the key dispatch, the
//! footer and the `?` help overlay, so the hints never drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod help;
pub use help::*;
mod popups;
pub use popups::*;
mod register;
pub use register::*;
mod tabs;
pub use tabs::*;
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

use KeyCode::{BackTab, Char, Down, End, Home, PageDown, PageUp, Tab, Up};

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
