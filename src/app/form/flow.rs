//! The open form over the tabs: its keys, leaving it (asking first when something was
//! typed), and a submitted form routed to the tab that saves it.

use ratatui::crossterm::event::KeyEvent;

use crate::app::form::{FormOutcome, FormTarget};
use crate::app::{App, Confirm, Popup};
use crate::domain::AgreementId;

impl App {
    pub(in crate::app) fn open_form(&mut self, target: FormTarget, id: Option<AgreementId>) {
        let a = id.and_then(|id| self.agreement(id));
        self.form = Some(crate::app::agreements::forms::build(self.cat, target, a));
    }

    pub(in crate::app) fn form_key(&mut self, key: KeyEvent) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        match form.handle_key(key, self.cat) {
            FormOutcome::Continue => {}
            FormOutcome::Cancel => {
                if form.changed {
                    self.popup = Some(Popup::Confirm {
                        message: self.cat.t("ui.confirm.discard").to_string(),
                        action: Confirm::DiscardForm,
                    });
                } else {
                    self.form = None;
                }
            }
            FormOutcome::Submit => self.submit_form(),
        }
    }

    /// Saves a valid form in one transaction; a refused save keeps the form open as typed.
    pub(in crate::app) fn submit_form(&mut self) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        if !form.validate_all(self.cat) {
            form.message = Some(self.cat.t("ui.form.fix_errors").to_string());
            self.form = Some(form);
            return;
        }
        match form.target {
            FormTarget::CallOff(_) => self.submit_calloff(form),
            FormTarget::Request { .. } => self.submit_request(form),
            FormTarget::Deviation(_) => self.submit_deviation(form),
            FormTarget::Competition(_) => self.submit_competition(form),
            FormTarget::Purchase(_) => self.submit_purchase(form),
            FormTarget::Meeting(_) => self.submit_meeting(form),
            FormTarget::Schedule => self.submit_schedule(form),
            FormTarget::ActionFromMinutes(_) => self.submit_action_from_minutes(form),
            FormTarget::MeetingAction(_) => self.submit_meeting_action(form),
            FormTarget::Work(_) => self.submit_work(form),
            FormTarget::Sanction(ref t) => {
                let t = t.clone();
                self.submit_sanction(form, t)
            }
            FormTarget::StatsPeriod => self.submit_stats_period(form),
            FormTarget::Spend(_) => self.submit_spend(form),
            // The agreement and its parts.
            _ => self.submit_agreement_form(form),
        }
    }
}
