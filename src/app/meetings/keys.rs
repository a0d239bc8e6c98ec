//! The keys of the Meetings tab and how its forms are saved: meetings with their
//! attendees, agenda and decisions, a proposed schedule, action items, and the minutes.

use crate::app::meetings::MeetingConfirm;
use crate::domain::meeting::{
    Action, ActionStatus, MeetingId, MeetingStatus, add_carried, carry_over, earlier_meetings,
};
use crate::tr;

use crate::app::form::format_date;
use crate::app::keymap::Act;
use crate::app::meetings::forms::{action_form, meeting_form, schedule_form};
use crate::app::{App, Confirm, Popup};

mod save;
mod status;

impl App {
    /// Reads the followed agreement's meetings and actions again.
    pub(in crate::app) fn load_meetings(&mut self) {
        let Some(id) = self.followed_agreement().map(|a| a.id) else {
            self.meetings.rows.clear();
            self.meetings.actions.clear();
            return;
        };
        let first_load = self.meetings.rows.first().is_none_or(|m| m.agreement != id);
        match (self.store.meetings(Some(id)), self.store.actions(Some(id))) {
            (Ok(mut rows), Ok(actions)) => {
                rows.sort_by_key(|m| (m.date, m.time, m.id));
                self.meetings.rows = rows;
                self.meetings.actions = actions;
            }
            (Err(e), _) | (_, Err(e)) => self.store_failed(&e),
        }
        if first_load {
            self.meetings.select_upcoming(self.today);
            self.meetings.open = None;
        }
        self.meetings.selected = self
            .meetings
            .selected
            .min(self.meetings.rows.len().saturating_sub(1));
        if self.meetings.open_meeting().is_none() {
            self.meetings.open = None;
        }
    }

    /// Carries the open actions of earlier meetings onto a planned meeting's agenda;
    /// saved only when something was added.
    fn carry_onto(&mut self, id: MeetingId) {
        let Some(m) = self.meetings.rows.iter().find(|m| m.id == id).cloned() else {
            return;
        };
        if m.status != MeetingStatus::Planned {
            return;
        }
        let earlier = earlier_meetings(&self.meetings.rows, &m, m.supplier.is_some());
        let points = carry_over(&self.meetings.actions, &earlier);
        let mut changed = m.clone();
        if add_carried(&mut changed.agenda, points) > 0 {
            match self.store.save_meeting(&changed) {
                Ok(()) => self.load_meetings(),
                Err(e) => self.store_failed(&e),
            }
        }
    }

    pub(in crate::app) fn open_meeting_detail(&mut self, id: MeetingId) {
        self.meetings.open = Some(id);
        self.meetings.action_selected = 0;
        self.meetings.scroll = 0;
        self.carry_onto(id);
    }

    pub(in crate::app) fn meetings_act(&mut self, act: Act) {
        if let Some(s) = self.moved(self.meetings.selected, self.meetings.rows.len(), act) {
            self.meetings.selected = s;
            return;
        }
        let Some(a) = self.followed_agreement().cloned() else {
            if act == Act::ChooseAgreement {
                self.choose_agreement();
            } else {
                self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
            }
            return;
        };
        let selected = self.meetings.selected_meeting().cloned();
        match act {
            Act::Open => {
                if let Some(m) = selected {
                    self.open_meeting_detail(m.id);
                }
            }
            Act::New => self.form = Some(meeting_form(self.cat, &a, None, self.today)),
            Act::Edit => {
                if let Some(m) = selected {
                    self.form = Some(meeting_form(self.cat, &a, Some(&m), self.today));
                }
            }
            Act::Delete => {
                if let Some(m) = selected {
                    let n = self.meetings.actions_of(m.id).len();
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_meeting",
                        id = m.id,
                        date = format_date(m.date),
                        actions = self.cat.plural("common.count.actions", n as u64)
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::Meeting(MeetingConfirm::Delete(m.id)),
                    });
                }
            }
            Act::Propose => self.form = Some(schedule_form(self.cat, &a)),
            Act::Minutes => {
                if let Some(m) = selected {
                    self.open_minutes(m.id);
                }
            }
            Act::Export => {
                if let Some(m) = selected {
                    self.export_minutes(m.id);
                }
            }
            Act::ChooseAgreement => self.choose_agreement(),
            _ => {}
        }
    }

    pub(in crate::app) fn meeting_detail_act(&mut self, act: Act) {
        let Some(m) = self.meetings.open_meeting().cloned() else {
            self.meetings.open = None;
            return;
        };
        let actions: Vec<Action> = self
            .meetings
            .actions_of(m.id)
            .into_iter()
            .cloned()
            .collect();
        // Page keys scroll the meeting's text (long minutes); j/k move in the actions.
        let st = &mut self.meetings;
        let page = st.scroll_page.get().max(1);
        match act {
            Act::PageDown => {
                st.scroll = (st.scroll + page).min(st.scroll_max.get());
                return;
            }
            Act::PageUp => {
                st.scroll = st.scroll.saturating_sub(page);
                return;
            }
            _ => {}
        }
        if let Some(s) = self.moved(self.meetings.action_selected, actions.len(), act) {
            self.meetings.action_selected = s;
            return;
        }
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let selected = actions.get(self.meetings.action_selected).cloned();
        match act {
            Act::Back => self.meetings.open = None,
            Act::Minutes => self.open_minutes(m.id),
            Act::Export => self.export_minutes(m.id),
            Act::EditParent => self.form = Some(meeting_form(self.cat, &a, Some(&m), self.today)),
            Act::CycleStatus => self.next_meeting_status(m),
            Act::New => self.form = Some(action_form(self.cat, None)),
            Act::Edit => {
                if let Some(x) = selected {
                    self.form = Some(action_form(self.cat, Some(&x)));
                }
            }
            Act::ToggleDone => {
                if let Some(x) = selected {
                    let mut changed = x.clone();
                    changed.status = if x.status == ActionStatus::Open {
                        ActionStatus::Done
                    } else {
                        ActionStatus::Open
                    };
                    self.save_action_with_undo(Some(x), changed);
                }
            }
            Act::Delete => {
                if let Some(x) = selected {
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_action",
                        id = x.id,
                        text = x.text
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::Meeting(MeetingConfirm::DeleteAction(x.id)),
                    });
                }
            }
            _ => {}
        }
    }
}
