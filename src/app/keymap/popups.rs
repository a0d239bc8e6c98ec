//! The keys of what stands over the tabs: a confirmation, the leaving question, a
//! picker, the help overlay and the welcome.

use ratatui::crossterm::event::KeyCode::{Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Up};

use super::{Act, Binding, b, hidden};
use crate::app::leaving::Choice;

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

/// The `?` help overlay scrolls with the moving keys; any other key closes it.
pub const HELP: &[Binding] = &[
    hidden("j/↓", "ui.key.move", &[Down, Char('j')], Act::Down),
    hidden("k/↑", "ui.key.up", &[Up, Char('k')], Act::Up),
    hidden("PgDn", "ui.key.page_down", &[PageDown], Act::PageDown),
    hidden("PgUp", "ui.key.page_up", &[PageUp], Act::PageUp),
    hidden("Home/g", "ui.key.top", &[Home, Char('g')], Act::Top),
    hidden("End/G", "ui.key.bottom", &[End, Char('G')], Act::Bottom),
];

/// The welcome over an empty register: only the choices it names answer it, never a
/// movement key. The popup lists these bindings, in this order.
pub const WELCOME: &[Binding] = &[
    b("n", "ui.welcome.create", &[Char('n')], Act::New),
    b(
        "D",
        "ui.welcome.demo",
        &[Char('D'), Char('d')],
        Act::LoadDemo,
    ),
    b("Esc", "ui.welcome.later", &[Esc], Act::Back),
    b("q", "ui.key.quit", &[Char('q')], Act::Quit),
];

#[cfg(test)]
mod tests {
    //! The help and the welcome do what their tables say, and nothing else answers them.

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use time::macros::datetime;

    use super::{HELP, WELCOME};
    use crate::app::form::FormTarget;
    use crate::app::keymap::{Act, lookup};
    use crate::app::{App, Popup};
    use crate::i18n::Lang;
    use crate::store::Store;

    fn empty_app(dir: &tempfile::TempDir) -> App {
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        App::new(store, Lang::Sv, datetime!(2026-11-25 09:30))
    }

    fn press(app: &mut App, code: KeyCode) {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn each_welcome_key_does_what_the_welcome_offers() {
        for b in WELCOME {
            for code in b.keys {
                assert_eq!(lookup(WELCOME, &KeyEvent::from(*code)), Some(b.act));
                let dir = tempfile::tempdir().unwrap();
                let mut app = empty_app(&dir);
                assert!(matches!(app.popup, Some(Popup::Welcome)));
                press(&mut app, *code);
                match b.act {
                    Act::New => assert_eq!(
                        app.form.as_ref().map(|f| f.target.clone()),
                        Some(FormTarget::Agreement(None))
                    ),
                    Act::LoadDemo => assert!(!app.agreements.is_empty(), "{code:?}"),
                    Act::Quit => assert!(app.quit),
                    Act::Back => assert!(app.popup.is_none() && app.form.is_none()),
                    other => panic!("the welcome does not offer {other:?}"),
                }
            }
        }
        // A movement key out of habit leaves it standing.
        let dir = tempfile::tempdir().unwrap();
        let mut app = empty_app(&dir);
        for code in [KeyCode::Char('j'), KeyCode::Down, KeyCode::Enter] {
            press(&mut app, code);
            assert!(matches!(app.popup, Some(Popup::Welcome)), "{code:?}");
        }
    }

    #[test]
    fn each_help_key_scrolls_as_its_binding_says_and_any_other_closes() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = empty_app(&dir);
        app.help_max_scroll.set(40);
        let scroll = |app: &App| match app.popup {
            Some(Popup::Help { scroll }) => Some(scroll),
            _ => None,
        };
        for b in HELP {
            for code in b.keys {
                app.popup = Some(Popup::Help { scroll: 20 });
                press(&mut app, *code);
                let want = match b.act {
                    Act::Down => 21,
                    Act::Up => 19,
                    Act::PageDown => 30,
                    Act::PageUp => 10,
                    Act::Top => 0,
                    Act::Bottom => 40,
                    other => panic!("the help does not scroll by {other:?}"),
                };
                assert_eq!(scroll(&app), Some(want), "{code:?}");
            }
        }
        for code in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Enter] {
            app.popup = Some(Popup::Help { scroll: 20 });
            press(&mut app, code);
            assert_eq!(scroll(&app), None, "{code:?}");
        }
    }
}
