//! A form's command keys come from the keymap's `FORM`: each does what its binding says,
//! with Ctrl held as without, and every other key is typed into the field (or, in a
//! choice field, does nothing).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Field, FieldKind, Form, FormOutcome, FormTarget};
use crate::app::agreements::forms::AgreementKey;
use crate::i18n::{Catalog, Lang};

fn form() -> Form {
    Form::new(
        "test".into(),
        FormTarget::Agreement(None),
        vec![
            Field::new(AgreementKey::Name, FieldKind::Text { required: false }, ""),
            Field::choice(AgreementKey::Priority, vec!["a", "b", "c"], 0),
            Field::new(AgreementKey::Notes, FieldKind::MultiLine, ""),
            Field::new(
                AgreementKey::Reference,
                FieldKind::Text { required: false },
                "",
            ),
        ],
    )
}

fn key(f: &mut Form, code: KeyCode, mods: KeyModifiers) -> FormOutcome {
    f.handle_key(KeyEvent::new(code, mods), Catalog::get(Lang::Sv))
}

fn plain(f: &mut Form, code: KeyCode) -> FormOutcome {
    key(f, code, KeyModifiers::NONE)
}

fn ctrl(f: &mut Form, code: KeyCode) -> FormOutcome {
    key(f, code, KeyModifiers::CONTROL)
}

fn text(f: &Form, i: usize) -> String {
    f.fields[i].input.lines().join("\n")
}

#[test]
fn the_field_keys_move_between_fields_and_enter_saves_from_the_last() {
    let mut f = form();
    plain(&mut f, KeyCode::Tab);
    assert_eq!(f.focus, 1);
    plain(&mut f, KeyCode::Down);
    assert_eq!(f.focus, 2);
    // In the multi-line field the arrows and Enter are the text's.
    plain(&mut f, KeyCode::Char('x'));
    plain(&mut f, KeyCode::Enter);
    plain(&mut f, KeyCode::Char('y'));
    plain(&mut f, KeyCode::Up);
    plain(&mut f, KeyCode::Down);
    assert_eq!((f.focus, text(&f, 2)), (2, "x\ny".to_string()));
    ctrl(&mut f, KeyCode::Tab);
    assert_eq!(f.focus, 3);
    assert!(matches!(plain(&mut f, KeyCode::Enter), FormOutcome::Submit));
    plain(&mut f, KeyCode::Up);
    plain(&mut f, KeyCode::BackTab);
    assert_eq!(f.focus, 1);
    assert!(matches!(
        ctrl(&mut f, KeyCode::Enter),
        FormOutcome::Continue
    ));
    assert_eq!(f.focus, 2);
}

#[test]
fn a_choice_field_chooses_with_its_keys_and_ignores_the_rest() {
    let mut f = form();
    f.focus = 1;
    for code in [KeyCode::Right, KeyCode::Char(' '), KeyCode::Char('l')] {
        plain(&mut f, code);
    }
    assert_eq!(f.fields[1].choice, 0, "three forward of three options");
    ctrl(&mut f, KeyCode::Char('l'));
    assert_eq!(f.fields[1].choice, 1);
    plain(&mut f, KeyCode::Left);
    plain(&mut f, KeyCode::Char('h'));
    assert_eq!(f.fields[1].choice, 2);
    let changed = f.fields[1].choice;
    for code in [
        KeyCode::Char('x'),
        KeyCode::F(5),
        KeyCode::Backspace,
        KeyCode::Home,
    ] {
        assert!(matches!(plain(&mut f, code), FormOutcome::Continue));
    }
    assert_eq!((f.focus, f.fields[1].choice), (1, changed));
}

#[test]
fn a_text_field_takes_letters_and_ctrl_u_empties_it() {
    let mut f = form();
    // The choice keys are letters here, and s without Ctrl is text.
    for c in "hl s".chars() {
        plain(&mut f, KeyCode::Char(c));
    }
    assert_eq!(text(&f, 0), "hl s");
    assert!(f.changed);
    plain(&mut f, KeyCode::Left);
    ctrl(&mut f, KeyCode::Char('c'));
    assert_eq!(text(&f, 0), "hl s", "Ctrl-C is never text");
    ctrl(&mut f, KeyCode::Char('u'));
    assert_eq!(text(&f, 0), "s");
    assert!(matches!(
        ctrl(&mut f, KeyCode::Char('s')),
        FormOutcome::Submit
    ));
    assert!(matches!(plain(&mut f, KeyCode::Esc), FormOutcome::Cancel));
    assert!(matches!(ctrl(&mut f, KeyCode::Esc), FormOutcome::Cancel));
}
