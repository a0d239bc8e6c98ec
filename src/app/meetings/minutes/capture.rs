//! From inside the minutes, one key turns the current line into an action item (a small
//! form over the text) or a decision, or marks it as a lesson for the next agreement.

use crate::domain::meeting::{Action, ActionStatus, Side, captured_text};
use crate::tr;

use crate::app::App;
use crate::app::form::{Field, FieldKind, Form, FormTarget};
use crate::app::meetings::forms::CapturedActionKey;

impl App {
    /// A small form for the current line as an action item; the minutes stay open under it.
    pub(super) fn action_from_line(&mut self) {
        let Some(ed) = self.minutes.as_ref() else {
            return;
        };
        let (_, line) = ed.current_line();
        let text = captured_text(&line);
        if text.is_empty() {
            self.error(self.cat.t("ui.minutes.empty_line").to_string());
            return;
        }
        let fields = vec![
            Field::new(
                CapturedActionKey::Text,
                FieldKind::Text { required: true },
                text,
            ),
            Field::new(
                CapturedActionKey::Owner,
                FieldKind::Text { required: true },
                "",
            ),
            Field::choice(
                CapturedActionKey::Side,
                vec!["ui.side.buyer", "ui.side.supplier"],
                0,
            ),
            Field::new(
                CapturedActionKey::Due,
                FieldKind::Date { required: false },
                "",
            ),
        ];
        let mut form = Form::new(
            self.cat.t("ui.form.action_from_minutes").to_string(),
            FormTarget::ActionFromMinutes(ed.meeting),
            fields,
        );
        // The text is already there: start at the owner.
        form.focus = 1;
        self.form = Some(form);
    }

    pub(in crate::app) fn submit_action_from_minutes(&mut self, mut form: Form) {
        let FormTarget::ActionFromMinutes(meeting) = form.target.clone() else {
            return;
        };
        let Some(m) = self.store.meeting(meeting).ok().flatten() else {
            form.message = Some(self.cat.t("ui.form.gone").to_string());
            self.form = Some(form);
            return;
        };
        let action = Action {
            id: Default::default(),
            meeting,
            agreement: m.agreement,
            text: form[CapturedActionKey::Text].trimmed(),
            owner: form[CapturedActionKey::Owner].trimmed(),
            side: if form[CapturedActionKey::Side].choice == 1 {
                Side::Supplier
            } else {
                Side::Buyer
            },
            due: form[CapturedActionKey::Due].date(),
            status: ActionStatus::Open,
            created: self.today,
        };
        match self.store.insert_action(&action) {
            Ok(stored) => {
                self.info(tr!(
                    self.cat,
                    "ui.minutes.action_created",
                    id = stored.id,
                    owner = stored.owner
                ));
                if let Some(ed) = self.minutes.as_mut()
                    && ed.meeting == meeting
                {
                    ed.actions.push(stored);
                }
                self.refresh_agenda();
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }

    pub(super) fn decision_from_line(&mut self) {
        let Some(ed) = self.minutes.as_ref() else {
            return;
        };
        if ed.addendum.is_some() {
            self.error(self.cat.t("ui.minutes.addendum_no_marks").to_string());
            return;
        }
        let (_, line) = ed.current_line();
        let text = captured_text(&line).to_string();
        if text.is_empty() {
            self.error(self.cat.t("ui.minutes.empty_line").to_string());
            return;
        }
        let id = ed.meeting;
        // The minutes are saved first, so the meeting record written with the decision
        // carries the latest text too.
        self.save_minutes();
        match self.store.meeting(id) {
            Ok(Some(mut m)) => {
                m.decisions.push(text);
                match self.store.save_meeting(&m) {
                    Ok(()) => {
                        self.info(tr!(
                            self.cat,
                            "ui.minutes.decision_added",
                            n = m.decisions.len()
                        ));
                        if let Some(ed) = self.minutes.as_mut() {
                            ed.record = m;
                        }
                    }
                    Err(e) => self.store_failed(&e),
                }
            }
            Ok(None) => self.error(tr!(self.cat, "ui.minutes.no_such_meeting", id = id)),
            Err(e) => self.store_failed(&e),
        }
    }

    pub(super) fn lesson_from_line(&mut self) {
        let Some(ed) = self.minutes.as_ref() else {
            return;
        };
        if ed.addendum.is_some() {
            self.error(self.cat.t("ui.minutes.addendum_no_marks").to_string());
            return;
        }
        let (row, _) = ed.current_line();
        let id = ed.meeting;
        self.save_minutes();
        match self.store.meeting(id) {
            Ok(Some(mut m)) => {
                let marked = m.toggle_lesson(row);
                match self.store.save_meeting(&m) {
                    Ok(()) => {
                        let key = if marked {
                            "ui.minutes.lesson_marked"
                        } else {
                            "ui.minutes.lesson_unmarked"
                        };
                        self.info(self.cat.t(key).to_string());
                        if let Some(ed) = self.minutes.as_mut() {
                            ed.record = m;
                        }
                    }
                    Err(e) => self.store_failed(&e),
                }
            }
            Ok(None) => self.error(tr!(self.cat, "ui.minutes.no_such_meeting", id = id)),
            Err(e) => self.store_failed(&e),
        }
    }
}
