//! The command keys of the places where every other key is typed text: a form, the
//! minutes editor and a list's filter. The handlers ask these tables (`lookup`) and give
//! the text widget what they do not list, so footer and help are the keys' behaviour.

use ratatui::crossterm::event::KeyCode;
use ratatui::crossterm::event::KeyCode::{
    BackTab, Char, Down, Enter, Esc, F, Left, Right, Tab, Up,
};

use super::{Act, Binding};

/// What a command key does in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAct {
    Save,
    Cancel,
    NextField,
    PrevField,
    /// The next field, or a line down in a multi-line field.
    Down,
    /// The previous field, or a line up in a multi-line field.
    Up,
    /// The next field, saving from the last; a new line in a multi-line field.
    Enter,
    /// A choice field's next option; typed text in any other field.
    NextChoice,
    PrevChoice,
    /// Empties the field before the cursor, as Ctrl-U does in a shell.
    ClearField,
}

/// What a command key does in the minutes editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorAct {
    Save,
    Close,
    LineToAction,
    LineToDecision,
    LineToLesson,
}

/// A command key of a text editor, shown in the footer.
const fn typing(
    label: &'static str,
    desc: &'static str,
    keys: &'static [KeyCode],
    ctrl: bool,
    act: Act,
) -> Binding {
    Binding {
        label,
        desc,
        keys,
        ctrl,
        act,
        in_footer: true,
        typing: true,
    }
}

/// The same, left out of the footer: with the label of the shown binding that does the
/// same, the help names it there (`F2` under `Ctrl-T/F2`).
const fn also(
    label: &'static str,
    desc: &'static str,
    keys: &'static [KeyCode],
    ctrl: bool,
    act: Act,
) -> Binding {
    Binding {
        in_footer: false,
        ..typing(label, desc, keys, ctrl, act)
    }
}

const fn form(act: FormAct) -> Act {
    Act::Form(act)
}

const fn editor(act: EditorAct) -> Act {
    Act::Editor(act)
}

/// Keys in the minutes editor; every other key is the minutes' text.
/// Saving and closing first: they are what a cut footer must keep.
pub const MINUTES: &[Binding] = &[
    typing(
        "Ctrl-S",
        "ui.key.save",
        &[Char('s')],
        true,
        editor(EditorAct::Save),
    ),
    typing(
        "Esc",
        "ui.key.close_minutes",
        &[Esc],
        false,
        editor(EditorAct::Close),
    ),
    also(
        "Esc",
        "ui.key.close_minutes",
        &[Char('q')],
        true,
        editor(EditorAct::Close),
    ),
    typing(
        "Ctrl-T/F2",
        "ui.key.line_to_action",
        &[Char('t')],
        true,
        editor(EditorAct::LineToAction),
    ),
    also(
        "Ctrl-T/F2",
        "ui.key.line_to_action",
        &[F(2)],
        false,
        editor(EditorAct::LineToAction),
    ),
    typing(
        "Ctrl-G/F3",
        "ui.key.line_to_decision",
        &[Char('g')],
        true,
        editor(EditorAct::LineToDecision),
    ),
    also(
        "Ctrl-G/F3",
        "ui.key.line_to_decision",
        &[F(3)],
        false,
        editor(EditorAct::LineToDecision),
    ),
    typing(
        "Ctrl-L/F4",
        "ui.key.line_to_lesson",
        &[Char('l')],
        true,
        editor(EditorAct::LineToLesson),
    ),
    also(
        "Ctrl-L/F4",
        "ui.key.line_to_lesson",
        &[F(4)],
        false,
        editor(EditorAct::LineToLesson),
    ),
];

/// Keys inside a form; every other key is typed into the field.
/// Saving and cancelling first: they are what a cut footer must keep.
pub const FORM: &[Binding] = &[
    typing(
        "Ctrl-S",
        "ui.key.save",
        &[Char('s')],
        true,
        form(FormAct::Save),
    ),
    typing("Esc", "ui.key.cancel", &[Esc], false, form(FormAct::Cancel)),
    typing(
        "Tab/↓",
        "ui.key.next_field",
        &[Tab],
        false,
        form(FormAct::NextField),
    ),
    also(
        "Tab/↓",
        "ui.key.next_field",
        &[Down],
        false,
        form(FormAct::Down),
    ),
    also(
        "Tab/↓",
        "ui.key.next_field",
        &[Enter],
        false,
        form(FormAct::Enter),
    ),
    typing(
        "Shift-Tab/↑",
        "ui.key.prev_field",
        &[BackTab],
        false,
        form(FormAct::PrevField),
    ),
    also(
        "Shift-Tab/↑",
        "ui.key.prev_field",
        &[Up],
        false,
        form(FormAct::Up),
    ),
    typing(
        "←/→",
        "ui.key.choose",
        &[Right, Char(' '), Char('l')],
        false,
        form(FormAct::NextChoice),
    ),
    also(
        "←/→",
        "ui.key.choose",
        &[Left, Char('h')],
        false,
        form(FormAct::PrevChoice),
    ),
    also(
        "Ctrl-U",
        "ui.key.clear_field",
        &[Char('u')],
        true,
        form(FormAct::ClearField),
    ),
];

/// Keys while typing a list's filter; every other key is the filter's text.
pub const FILTER: &[Binding] = &[
    typing("Enter", "ui.key.filter_keep", &[Enter], false, Act::Open),
    typing("Esc", "ui.key.filter_clear", &[Esc], false, Act::Back),
    // The selection moves while typing, so the match wanted can be chosen.
    also("↓", "ui.key.move", &[Down], false, Act::Down),
    also("↑", "ui.key.up", &[Up], false, Act::Up),
];

#[cfg(test)]
mod app_tests;
#[cfg(test)]
mod tests;
