//! The tables the footer and help show are the keys' behaviour: every binding resolves
//! through `lookup` to its act, and nothing resolves that a table does not list.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::{CONFIRM, LEAVE, PICKER, help_entries, lookup};
use super::*;

/// The tables of the places where keys are handled outside `App::act`: the text
/// editors and the popups.
const TABLES: &[(&str, &[Binding])] = &[
    ("form", FORM),
    ("minutes", MINUTES),
    ("filter", FILTER),
    ("confirm", CONFIRM),
    ("picker", PICKER),
    ("leave", LEAVE),
];

fn key(code: KeyCode, ctrl: bool) -> KeyEvent {
    let mods = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(code, mods)
}

/// Every key a user might press, with and without Ctrl.
fn every_key() -> Vec<KeyEvent> {
    use KeyCode::*;
    let mut codes: Vec<KeyCode> = (' '..='~').map(Char).collect();
    codes.extend(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö'].map(Char));
    codes.extend((1..=12).map(F));
    codes.extend([
        Backspace, Enter, Left, Right, Up, Down, Home, End, PageUp, PageDown, Tab, BackTab, Delete,
        Insert, Esc,
    ]);
    codes
        .into_iter()
        .flat_map(|c| [key(c, false), key(c, true)])
        .collect()
}

#[test]
fn every_binding_shown_resolves_to_its_act() {
    for (name, table) in TABLES {
        for b in *table {
            assert!(!b.keys.is_empty(), "{name}: {} has no keys", b.label);
            for code in b.keys {
                let got = lookup(table, &key(*code, b.ctrl));
                assert_eq!(got, Some(b.act), "{name}: {} ({code:?})", b.label);
                // A text editor's command key works with Ctrl held too, unless the table
                // gives that Ctrl key its own binding.
                if b.typing && !b.ctrl {
                    let own = table.iter().find(|o| o.ctrl && o.keys.contains(code));
                    let want = own.map_or(b.act, |o| o.act);
                    assert_eq!(
                        lookup(table, &key(*code, true)),
                        Some(want),
                        "{name}: Ctrl-{code:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_key_no_table_lists_does_nothing() {
    for (name, table) in TABLES {
        for k in every_key() {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let Some(act) = lookup(table, &k) else {
                continue;
            };
            let listed = table.iter().any(|b| {
                b.act == act
                    && b.keys.contains(&k.code)
                    && (b.ctrl == ctrl || (b.typing && !b.ctrl))
            });
            assert!(
                listed,
                "{name}: {k:?} does {act:?}, which the table does not list"
            );
        }
    }
}

#[test]
fn the_letters_typed_in_an_editor_are_text() {
    // Only a choice field takes letters (l, h and space choose); Ctrl-letters are
    // commands in the form and the minutes, and no letter is one in a filter.
    for c in ('a'..='z')
        .chain('A'..='Z')
        .chain(['å', 'ä', 'ö', '?', '/'])
    {
        let plain = key(KeyCode::Char(c), false);
        assert_eq!(lookup(MINUTES, &plain), None, "minutes: {c}");
        assert_eq!(lookup(FILTER, &plain), None, "filter: {c}");
        if !matches!(c, 'l' | 'h') {
            assert_eq!(lookup(FORM, &plain), None, "form: {c}");
        }
    }
}

#[test]
fn footer_and_help_show_the_editors_keys_as_they_did() {
    let footer = |t: &[Binding]| -> Vec<&str> {
        t.iter().filter(|b| b.in_footer).map(|b| b.label).collect()
    };
    assert_eq!(
        footer(FORM),
        ["Ctrl-S", "Esc", "Tab/↓", "Shift-Tab/↑", "←/→"]
    );
    assert_eq!(
        footer(MINUTES),
        ["Ctrl-S", "Esc", "Ctrl-T/F2", "Ctrl-G/F3", "Ctrl-L/F4"]
    );
    assert_eq!(footer(FILTER), ["Enter", "Esc"]);
    let help = |t: &'static [Binding]| -> Vec<String> {
        help_entries(t)
            .into_iter()
            .map(|(label, desc)| format!("{label} {desc}"))
            .collect()
    };
    assert_eq!(
        help(FORM),
        [
            "Ctrl-S ui.key.save",
            "Esc ui.key.cancel",
            "Tab/↓ ui.key.next_field",
            "Shift-Tab/↑ ui.key.prev_field",
            "←/→ ui.key.choose",
            "Ctrl-U ui.key.clear_field",
        ]
    );
    assert_eq!(
        help(MINUTES),
        [
            "Ctrl-S ui.key.save",
            "Esc ui.key.close_minutes",
            "Ctrl-T/F2 ui.key.line_to_action",
            "Ctrl-G/F3 ui.key.line_to_decision",
            "Ctrl-L/F4 ui.key.line_to_lesson",
        ]
    );
    // The arrows moved the selection while filtering before the help said so.
    assert_eq!(
        help(FILTER),
        [
            "Enter ui.key.filter_keep",
            "Esc ui.key.filter_clear",
            "↓ ui.key.move",
            "↑ ui.key.up",
        ]
    );
}
