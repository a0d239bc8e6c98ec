//! Every way out of a form behaves alike: nothing typed is discarded without the user
//! saying so. Esc asks (a confirmation), Ctrl-C asks "save / discard / keep typing", and
//! an end the user did not choose (the window closing, a shutdown, Ctrl-C twice) keeps
//! the form's values as a draft in the database, offered back on the next start and
//! filled in when the same form is opened again.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

use super::agreements::step;
use super::form::{FieldKind, Form};
use super::keymap::{self, Act};
use super::{App, Popup};
use crate::store::{DraftField, FormDraft};
use crate::tr;

/// An answer to leaving a form with unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Save,
    Discard,
    KeepTyping,
    /// Keep the values as a draft and quit (Ctrl-C again).
    Draft,
}

/// The choices listed in the question, in order; the cursor starts on keeping typing, so
/// an Enter by reflex loses nothing.
pub const CHOICES: [Choice; 3] = [Choice::Save, Choice::Discard, Choice::KeepTyping];
pub const FIRST_SELECTED: usize = 2;

impl App {
    /// Ctrl-C quits, unless a form holds unsaved typing: then it asks first. Pressed again
    /// while asking, it keeps the form as a draft and quits.
    pub(super) fn ctrl_c(&mut self) {
        if matches!(self.popup, Some(Popup::Leave { .. })) {
            self.popup = None;
            self.leave(Choice::Draft);
        } else if self.form.as_ref().is_some_and(|f| f.changed) {
            self.popup = Some(Popup::Leave {
                selected: FIRST_SELECTED,
            });
        } else {
            self.quit = true;
        }
    }

    /// A key in the "leave the form?" question; the keys are the keymap's `LEAVE`.
    pub(super) fn leave_key(&mut self, selected: usize, key: KeyEvent) {
        match keymap::lookup(keymap::LEAVE, &key) {
            Some(Act::Down) => {
                self.popup = Some(Popup::Leave {
                    selected: step(selected, CHOICES.len(), 1),
                })
            }
            Some(Act::Up) => {
                self.popup = Some(Popup::Leave {
                    selected: step(selected, CHOICES.len(), -1),
                })
            }
            Some(Act::Open) => self.leave(CHOICES[selected.min(CHOICES.len() - 1)]),
            Some(Act::Leave(choice)) => self.leave(choice),
            _ => self.popup = Some(Popup::Leave { selected }),
        }
    }

    fn leave(&mut self, choice: Choice) {
        match choice {
            Choice::KeepTyping => {}
            Choice::Discard => {
                self.form = None;
                self.quit = true;
            }
            // A refused save keeps the form open, saying why; the program stays.
            Choice::Save => {
                self.submit_form();
                if self.form.is_none() {
                    self.quit = true;
                }
            }
            Choice::Draft => self.quit = self.keep_draft(),
        }
    }

    /// Before the process ends: a form with unsaved typing is kept as a draft. False (with
    /// the reason in the status line) when it could not be written.
    pub fn keep_draft(&mut self) -> bool {
        let Some(form) = self.form.as_ref().filter(|f| f.changed) else {
            return true;
        };
        let draft = FormDraft {
            key: self.draft_key(form),
            title: form.title.clone(),
            fields: form
                .fields
                .iter()
                .map(|f| DraftField {
                    label: f.label.to_string(),
                    shown_label: f
                        .title
                        .clone()
                        .unwrap_or_else(|| self.cat.t(f.label).to_string()),
                    text: f.text(),
                    choice: f.choice,
                    shown_value: f.shown_value(self.cat),
                })
                .collect(),
            saved_at: self.now,
        };
        match self.store.save_draft(&draft) {
            Ok(()) => {
                self.form = None;
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    /// Which form, and where: the same form opened in the same place is the draft's. The
    /// place is the agreement open in the register for the register's own forms (a lot, a
    /// supplier, a new agreement), else the followed agreement.
    fn draft_key(&self, form: &Form) -> String {
        use super::form::FormTarget as T;
        let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
        let register_form = matches!(
            form.target,
            T::Agreement(_)
                | T::Lot(_)
                | T::Supplier(_)
                | T::Contact { .. }
                | T::Penalty(_)
                | T::Escalation(_)
                | T::ExtensionOption(_)
                | T::Template(_)
                | T::Orderer(_)
                | T::ProjectMember(_)
        );
        let place = if register_form {
            self.register.detail.as_ref().map(|d| d.id)
        } else {
            self.followed
        };
        format!(
            "{:?}|{}|{place:?}|{}",
            form.target,
            form.title,
            labels.join(",")
        )
    }

    /// At start: a draft kept by an earlier run is shown with every value it holds, and
    /// how to get it back.
    pub(super) fn offer_draft(&mut self) {
        let draft = match self.store.draft() {
            Ok(Some(d)) => d,
            Ok(None) => return,
            Err(e) => return self.store_failed(&e),
        };
        let when = super::form::format_datetime(draft.saved_at);
        let mut lines = vec![
            tr!(self.cat, "ui.draft.intro", title = draft.title, time = when),
            self.cat.t("ui.draft.how").to_string(),
            String::new(),
        ];
        for f in &draft.fields {
            let value = f.shown_value.replace('\n', " / ");
            if !value.trim().is_empty() {
                lines.push(format!("{}: {value}", f.shown_label));
            }
        }
        self.popup = Some(Popup::Info {
            title: self.cat.t("ui.draft.title").to_string(),
            lines,
        });
        self.draft = Some(draft);
    }

    /// A form was just opened: when it is the one a draft was kept of, the draft's values
    /// go back into it (and the draft is forgotten: the open form now holds them, and any
    /// way out of it asks or keeps a draft again).
    pub(super) fn fill_from_draft(&mut self) {
        let (Some(form), Some(draft)) = (self.form.as_ref(), self.draft.as_ref()) else {
            return;
        };
        if self.draft_key(form) != draft.key {
            return;
        }
        let Some(draft) = self.draft.take() else {
            return;
        };
        if let Some(form) = self.form.as_mut() {
            for (field, kept) in form.fields.iter_mut().zip(&draft.fields) {
                if let FieldKind::Choice { .. } = field.kind {
                    field.choice = kept.choice;
                } else {
                    let lines: Vec<String> = kept.text.split('\n').map(str::to_string).collect();
                    let mut input = TextArea::new(lines);
                    input.set_cursor_line_style(field.input.cursor_line_style());
                    input.move_cursor(CursorMove::Bottom);
                    input.move_cursor(CursorMove::End);
                    field.input = input;
                }
                // As when it was typed: a field left empty is not yet wrong.
                if !kept.text.trim().is_empty() {
                    field.validate(self.cat);
                }
            }
            form.changed = true;
        }
        let when = super::form::format_datetime(draft.saved_at);
        self.info(tr!(self.cat, "ui.draft.filled", time = when));
        if let Err(e) = self.store.delete_draft() {
            self.store_failed(&e);
        }
    }
}
