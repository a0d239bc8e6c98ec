//! The keys of the Sanctions tab (the Deviations tab's companion, reached with ←/→). Its
//! three parts — penalties, damages, termination — are switched with `v`, since ←/→
//! already lead back to the deviations.

use super::{Act, Binding, MOVE, b, hidden};
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Esc, Left, Right};

/// What a key asks of the Sanctions tab beyond the shared list keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SanctionAct {
    /// Claim the penalty (date, letter), or record the damages claim.
    Claim,
    Paid,
    Dispute,
    Waive,
    /// A dated entry in the selected case's documentation log.
    NewLogEntry,
    /// Mark the selected log entry as a lesson for the next agreement (or not).
    ToggleLesson,
    ToggleShared,
    /// The next step up the escalation model.
    Step,
    Terminate,
}

const fn s(
    label: &'static str,
    desc: &'static str,
    keys: &'static [KeyCode],
    act: SanctionAct,
) -> Binding {
    b(label, desc, keys, Act::Sanction(act))
}

/// Keys every part of the tab shares, after its own.
const COMMON: [Binding; 14] = [
    b("v", "ui.sanctions.key.part", &[Char('v')], Act::NextSection),
    hidden(
        "V",
        "ui.sanctions.key.prev_part",
        &[Char('V')],
        Act::PrevSection,
    ),
    b(
        "←/→",
        "ui.sanctions.key.to_deviations",
        &[Left, Right],
        Act::Companion,
    ),
    b("Enter", "ui.sanctions.key.open_log", &[Enter], Act::Open),
    s(
        "l",
        "ui.sanctions.key.log",
        &[Char('l')],
        SanctionAct::NewLogEntry,
    ),
    b("x", "ui.sanctions.key.export", &[Char('x')], Act::Export),
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

macro_rules! with_common {
    ($($own:expr),* $(,)?) => {
        &[
            $($own,)*
            COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], COMMON[6],
            COMMON[7], COMMON[8], COMMON[9], COMMON[10], COMMON[11], COMMON[12], COMMON[13],
        ]
    };
}

pub const PENALTIES: &[Binding] = with_common![
    s(
        "c",
        "ui.sanctions.key.claim",
        &[Char('c')],
        SanctionAct::Claim
    ),
    s(
        "p",
        "ui.sanctions.key.paid",
        &[Char('p')],
        SanctionAct::Paid
    ),
    s(
        "b",
        "ui.sanctions.key.dispute",
        &[Char('b')],
        SanctionAct::Dispute
    ),
    s(
        "w",
        "ui.sanctions.key.waive",
        &[Char('w')],
        SanctionAct::Waive
    ),
];

pub const DAMAGES: &[Binding] = with_common![
    b("n", "ui.sanctions.key.new_damages", &[Char('n')], Act::New),
    s(
        "c",
        "ui.sanctions.key.claim_damages",
        &[Char('c')],
        SanctionAct::Claim
    ),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
];

pub const TERMINATION: &[Binding] = with_common![
    b(
        "n",
        "ui.sanctions.key.new_termination",
        &[Char('n')],
        Act::New
    ),
    s(
        "s",
        "ui.sanctions.key.step",
        &[Char('s')],
        SanctionAct::Step
    ),
    s(
        "t",
        "ui.sanctions.key.terminate",
        &[Char('t')],
        SanctionAct::Terminate
    ),
    b("e", "ui.key.edit", &[Char('e')], Act::Edit),
    b("d", "ui.key.delete", &[Char('d')], Act::Delete),
];

/// The open case's documentation log.
pub const LOG: &[Binding] = &[
    s(
        "n/l",
        "ui.sanctions.key.log",
        &[Char('n'), Char('l')],
        SanctionAct::NewLogEntry,
    ),
    b(
        "e",
        "ui.sanctions.key.edit_entry",
        &[Char('e'), Enter],
        Act::Edit,
    ),
    s(
        "L",
        "ui.sanctions.key.lesson",
        &[Char('L')],
        SanctionAct::ToggleLesson,
    ),
    s(
        "S",
        "ui.sanctions.key.shared",
        &[Char('S')],
        SanctionAct::ToggleShared,
    ),
    b(
        "d",
        "ui.sanctions.key.delete_entry",
        &[Char('d')],
        Act::Delete,
    ),
    b("x", "ui.sanctions.key.export", &[Char('x')], Act::Export),
    b("Esc", "ui.key.back", &[Esc], Act::Back),
    b("u", "ui.key.undo", &[Char('u')], Act::Undo),
    MOVE[0],
    MOVE[1],
];

/// The help overlay's groups for this tab.
pub const GROUPS: [(&str, &[Binding]); 4] = [
    ("ui.sanctions.help.penalties", PENALTIES),
    ("ui.sanctions.help.damages", DAMAGES),
    ("ui.sanctions.help.termination", TERMINATION),
    ("ui.sanctions.help.log", LOG),
];
