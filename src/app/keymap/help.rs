//! The `?` help's view of the keymap: every context's list under its heading, each
//! binding written as the keys it is really bound to, and where the user's section starts.

use ratatui::crossterm::event::KeyCode::{
    self, BackTab, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

use super::*;

/// Every context with its heading, for the help overlay: each list `App::bindings` can
/// return, and those of the popups.
pub fn all_groups() -> Vec<(&'static str, &'static [Binding])> {
    let mut groups = vec![
        ("ui.help.global", GLOBAL),
        ("ui.help.agenda", AGENDA),
        ("ui.help.agenda_empty", AGENDA_EMPTY),
        ("ui.help.register", REGISTER),
        ("ui.help.empty_register", EMPTY_REGISTER),
        ("ui.help.detail_overview", DETAIL_OVERVIEW),
        ("ui.help.detail_lots", DETAIL_LOTS),
        ("ui.help.detail_suppliers", DETAIL_SUPPLIERS),
        ("ui.help.detail_items", DETAIL_ITEMS),
        ("ui.help.calloffs", CALLOFFS),
        ("ui.help.calloff_detail", CALLOFF_DETAIL),
        ("ui.help.deviations", DEVIATIONS),
    ];
    groups.extend(views::GROUPS);
    groups.extend(work::GROUPS);
    groups.extend(sanctions::GROUPS);
    groups.extend(spend::GROUPS);
    groups.extend([
        ("ui.help.meetings", MEETINGS),
        ("ui.help.meeting_detail", MEETING_DETAIL),
        ("ui.help.minutes", MINUTES),
        (
            "ui.stats.help.statistics",
            crate::app::statistics::keys::STATISTICS,
        ),
    ]);
    groups.extend([
        ("ui.help.form", FORM),
        ("ui.help.filter", FILTER),
        ("ui.help.confirm", CONFIRM),
        ("ui.help.picker", PICKER),
        ("ui.help.leave", LEAVE),
    ]);
    groups
}

/// How a key is written in the help.
fn key_name(code: KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    }
}

/// What the help shows for a binding: the keys it is bound to, written out, so each key
/// is named once and only by what it does (the footer's "j/k" stands for two bindings).
/// A text editor's keys show their label, which names them with what they share.
pub fn help_label(b: &Binding) -> String {
    if b.keys.is_empty() || b.typing {
        return b.label.to_string();
    }
    let names: Vec<String> = b
        .keys
        .iter()
        .map(|k| {
            if b.ctrl {
                format!("Ctrl-{}", key_name(*k).to_uppercase())
            } else {
                key_name(*k)
            }
        })
        .collect();
    names.join("/")
}

/// The entries of one help section: each binding once (lists share common parts).
pub fn help_entries(bindings: &'static [Binding]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in bindings {
        let entry = (help_label(b), b.desc);
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// The same list of bindings: a constant's address is not guaranteed to be one, so the
/// entries are compared.
pub fn same_list(a: &[Binding], b: &[Binding]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            (x.label, x.desc, x.keys, x.ctrl, x.act) == (y.label, y.desc, y.keys, y.ctrl, y.act)
        })
}

/// The help's first line of the section for `bindings` (the keys where the user is), so
/// `?` opens there; lines as the overlay lays them out: three of introduction, then per
/// section a heading, its entries and a blank line.
pub fn help_line_of(bindings: &[Binding]) -> u16 {
    let mut line = 3;
    for (_, group) in all_groups() {
        if same_list(group, bindings) {
            return line;
        }
        line += help_entries(group).len() as u16 + 2;
    }
    0
}
