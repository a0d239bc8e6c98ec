//! The keys of the Actions, Implementation checklist and Follow-up plan tabs.

use super::{Act, Binding, MOVE, b, hidden};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Left, Right};

/// What a key asks of these tabs beyond the shared list keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkAct {
    MarkDone,
    Reopen,
    Cancel,
    /// Next filter of the action list (all, open, ours, the supplier's, overdue).
    CycleFilter,
    /// The followed agreement's actions, or every agreement's.
    ToggleScope,
    /// Next status of a checklist item.
    CycleStatus,
    ApplyTemplate,
    /// A new check of the selected requirement.
    NewCheck,
}

const fn w(
    label: &'static str,
    desc: &'static str,
    keys: &'static [ratatui::crossterm::event::KeyCode],
    act: WorkAct,
) -> Binding {
    b(label, desc, keys, Act::Work(act))
}

pub const ACTIONS: &[Binding] = &[
    b("Enter", "ui.work.key.show_meeting", &[Enter], Act::Open),
    w(
        "x",
        "ui.work.key.mark_done",
        &[Char('x')],
        WorkAct::MarkDone,
    ),
    w("r", "ui.work.key.reopen", &[Char('r')], WorkAct::Reopen),
    w("c", "ui.work.key.cancel", &[Char('c')], WorkAct::Cancel),
    w(
        "f",
        "ui.work.key.filter",
        &[Char('f')],
        WorkAct::CycleFilter,
    ),
    w("a", "ui.work.key.scope", &[Char('a')], WorkAct::ToggleScope),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
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

/// An agreement with no checklist yet.
pub const CHECKLIST_EMPTY: &[Binding] = &[
    b("→", "ui.key.to_followup", &[Right, Left], Act::Companion),
    w(
        "t",
        "ui.work.key.apply_template",
        &[Char('t'), Enter],
        WorkAct::ApplyTemplate,
    ),
    b(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
    ),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
];

pub const CHECKLIST: &[Binding] = &[
    b("→", "ui.key.to_followup", &[Right, Left], Act::Companion),
    w(
        "Space",
        "ui.work.key.cycle_status",
        &[Char(' ')],
        WorkAct::CycleStatus,
    ),
    hidden(
        "x",
        "ui.work.key.mark_done",
        &[Char('x')],
        Act::Work(WorkAct::MarkDone),
    ),
    b("n", "ui.work.key.new_item", &[Char('n')], Act::New),
    b("e", "ui.key.edit", &[Enter, Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
    b("K/J", "ui.work.key.move_item", &[Char('K')], Act::MoveUp),
    hidden(
        "J",
        "ui.work.key.move_item_down",
        &[Char('J')],
        Act::MoveDown,
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

pub const FOLLOWUP: &[Binding] = &[
    b("←", "ui.key.to_checklist", &[Left, Right], Act::Companion),
    b("n", "ui.work.key.new_requirement", &[Char('n')], Act::New),
    w(
        "c",
        "ui.work.key.new_check",
        &[Char('c')],
        WorkAct::NewCheck,
    ),
    b(
        "e",
        "ui.work.key.edit_or_record",
        &[Enter, Char('e')],
        Act::Edit,
    ),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
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
pub const GROUPS: [(&str, &[Binding]); 4] = [
    ("ui.work.help.actions", ACTIONS),
    ("ui.work.help.checklist_empty", CHECKLIST_EMPTY),
    ("ui.work.help.checklist", CHECKLIST),
    ("ui.work.help.followup", FOLLOWUP),
];
