//! The keys of the Statistics tab: one list for the dispatch, the footer and the help.

use ratatui::crossterm::event::KeyCode::{self, Char, Down, Home, Left, Right, Up};

use crate::app::keymap::{Act, Binding};

/// What a key asks of the Statistics tab beyond the shared keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsAct {
    /// KPI table → trends → own vs reported → before the next procurement.
    NextView,
    /// Month → quarter → year → the whole agreement.
    CyclePeriod,
    /// From and to in a small form.
    CustomPeriod,
    /// All suppliers → each in turn (trends and comparison).
    CycleSupplier,
    /// Back to the period holding today.
    Today,
}

const fn key(
    label: &'static str,
    desc: &'static str,
    keys: &'static [KeyCode],
    act: Act,
    in_footer: bool,
) -> Binding {
    Binding {
        label,
        desc,
        keys,
        ctrl: false,
        act,
        in_footer,
        typing: false,
    }
}

pub const STATISTICS: &[Binding] = &[
    key(
        "←/→",
        "ui.stats.key.step",
        &[Right, Char('l')],
        Act::NextSection,
        true,
    ),
    key(
        "←/h",
        "ui.stats.key.step_back",
        &[Left, Char('h')],
        Act::PrevSection,
        false,
    ),
    key(
        "p",
        "ui.stats.key.period",
        &[Char('p')],
        Act::Stats(StatsAct::CyclePeriod),
        true,
    ),
    key(
        "c",
        "ui.stats.key.custom",
        &[Char('c')],
        Act::Stats(StatsAct::CustomPeriod),
        true,
    ),
    key(
        "v",
        "ui.stats.key.view",
        &[Char('v')],
        Act::Stats(StatsAct::NextView),
        true,
    ),
    key(
        "f",
        "ui.stats.key.supplier",
        &[Char('f')],
        Act::Stats(StatsAct::CycleSupplier),
        true,
    ),
    key(
        "t",
        "ui.stats.key.today",
        &[Char('t')],
        Act::Stats(StatsAct::Today),
        false,
    ),
    key("x", "ui.stats.key.export", &[Char('x')], Act::Export, true),
    key(
        "A",
        "ui.key.choose_agreement",
        &[Char('A')],
        Act::ChooseAgreement,
        false,
    ),
    key(
        "j/k",
        "ui.stats.key.scroll",
        &[Down, Char('j')],
        Act::Down,
        false,
    ),
    key("k/↑", "ui.key.up", &[Up, Char('k')], Act::Up, false),
    key("Home/g", "ui.key.top", &[Home, Char('g')], Act::Top, false),
];
