//! How the Meetings tab's forms are saved (a meeting, a proposed schedule, an action
//! item), and what it deletes and exports.

use crate::app::meetings::MeetingConfirm;
use crate::app::meetings::MeetingUndo;
use crate::domain::meeting::{
    Action, ActionId, ActionStatus, FirstYearInterval, Meeting, MeetingId, ProposedMeeting, Side,
    propose_schedule,
};
use crate::tr;

use crate::app::form::{Form, FormTarget, format_date};
use crate::app::meetings::forms::{ActionKey, MeetingKey, ScheduleKey, meeting_from};
use crate::app::{App, Confirm, Popup, Undo};

impl App {
    pub(in crate::app) fn submit_meeting_action(&mut self, mut form: Form) {
        let FormTarget::MeetingAction(id) = form.target.clone() else {
            return;
        };
        let Some(m) = self.meetings.open_meeting().cloned() else {
            form.message = Some(self.cat.t("ui.form.gone").to_string());
            self.form = Some(form);
            return;
        };
        let before = id.and_then(|id| self.meetings.actions.iter().find(|x| x.id == id).cloned());
        let action = Action {
            id: id.unwrap_or_default(),
            meeting: m.id,
            agreement: m.agreement,
            text: form[ActionKey::Text].trimmed(),
            owner: form[ActionKey::Owner].trimmed(),
            side: if form[ActionKey::Side].choice == 1 {
                Side::Supplier
            } else {
                Side::Buyer
            },
            due: form[ActionKey::Due].date(),
            status: ActionStatus::ALL[form[ActionKey::Status].choice.min(2)],
            created: before.as_ref().map(|b| b.created).unwrap_or(self.today),
        };
        if !self.save_action_with_undo(before, action) {
            self.form = Some(form);
        }
    }

    /// Stores an action (new when `before` is None); false when refused.
    pub(super) fn save_action_with_undo(&mut self, before: Option<Action>, action: Action) -> bool {
        let result = match &before {
            None => self.store.insert_action(&action),
            Some(_) => self.store.save_action(&action),
        };
        match result {
            Ok(stored) => {
                self.undo_push(Undo::Meeting(MeetingUndo::ActionRevert {
                    before,
                    id: stored.id,
                }));
                self.load_meetings();
                self.refresh_agenda();
                self.info(tr!(self.cat, "ui.status.saved", reference = stored.id));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    pub(super) fn save_meeting_with_undo(&mut self, before: Option<Meeting>, m: Meeting) -> bool {
        let result = match &before {
            None => self.store.insert_meeting(&m),
            Some(_) => self.store.save_meeting(&m).map(|_| m.clone()),
        };
        match result {
            Ok(stored) => {
                self.undo_push(Undo::Meeting(MeetingUndo::Revert {
                    before,
                    id: stored.id,
                }));
                self.load_meetings();
                self.refresh_agenda();
                self.info(tr!(self.cat, "ui.status.saved", reference = stored.id));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    pub(in crate::app) fn submit_meeting(&mut self, mut form: Form) {
        let FormTarget::Meeting(id) = form.target.clone() else {
            return;
        };
        let Some(a) = self.followed_agreement().cloned() else {
            form.message = Some(self.cat.t("ui.form.gone").to_string());
            self.form = Some(form);
            return;
        };
        let before = id.and_then(|id| self.meetings.rows.iter().find(|m| m.id == id).cloned());
        let base = before.clone().unwrap_or_else(|| {
            Meeting::new(
                a.id,
                crate::domain::meeting::MeetingKind::Collaboration,
                self.today,
            )
        });
        let m = match meeting_from(&form, &a, base) {
            Ok(m) => m,
            Err(key) => {
                // Said at the field it is about, with the cursor there.
                let field = match key {
                    "ui.form.bad_time" => MeetingKey::Time,
                    _ => MeetingKey::Date,
                };
                form.fail_at(field, self.cat.t(key).to_string());
                self.form = Some(form);
                return;
            }
        };
        if let Some(message) = self.meeting_refused(before.as_ref(), &m) {
            form.message = Some(message);
            self.form = Some(form);
            return;
        }
        let new = before.is_none();
        if self.save_meeting_with_undo(before, m) {
            if new && let Some(last) = self.meetings.rows.iter().max_by_key(|m| m.id).map(|m| m.id)
            {
                if let Some(pos) = self.meetings.rows.iter().position(|m| m.id == last) {
                    self.meetings.selected = pos;
                }
                self.carry_onto(last);
            }
        } else {
            self.form = Some(form);
        }
    }

    pub(in crate::app) fn submit_schedule(&mut self, form: Form) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let interval = if form[ScheduleKey::FirstYear].choice == 0 {
            FirstYearInterval::Monthly
        } else {
            FirstYearInterval::Quarterly
        };
        let supplier = form[ScheduleKey::Supplier]
            .choice
            .checked_sub(1)
            .and_then(|i| a.suppliers.get(i))
            .map(|s| s.org_number.clone());
        let proposed = propose_schedule(
            a.start,
            a.current_end(),
            a.priority,
            interval,
            supplier.clone(),
            self.today,
        );
        if proposed.is_empty() {
            self.error(self.cat.t("ui.meetings.nothing_to_propose").to_string());
            return;
        }
        let dates: Vec<String> = proposed
            .iter()
            .take(12)
            .map(|p| format_date(p.date))
            .collect();
        let more = if proposed.len() > 12 { " …" } else { "" };
        let message = tr!(
            self.cat,
            "ui.confirm.schedule",
            n = proposed.len(),
            dates = format!("{}{more}", dates.join(", "))
        );
        self.popup = Some(Popup::Confirm {
            message,
            action: Confirm::Meeting(MeetingConfirm::AddSchedule(proposed, supplier)),
        });
    }

    /// Stores the confirmed proposal, one meeting per write, and remembers them for undo.
    pub(in crate::app) fn add_schedule(
        &mut self,
        proposed: Vec<ProposedMeeting>,
        supplier: Option<crate::domain::OrgNumber>,
    ) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let mut ids = Vec::new();
        for p in proposed {
            let mut m = Meeting::new(a.id, p.kind, p.date);
            m.supplier = supplier.clone();
            match self.store.insert_meeting(&m) {
                Ok(stored) => ids.push(stored.id),
                Err(e) => {
                    self.store_failed(&e);
                    break;
                }
            }
        }
        let n = ids.len();
        self.undo_push(Undo::Meeting(MeetingUndo::RemoveAdded(ids)));
        self.load_meetings();
        self.refresh_agenda();
        self.info(tr!(self.cat, "ui.meetings.scheduled", n = n));
    }

    pub(in crate::app) fn delete_meeting(&mut self, id: MeetingId) {
        match self.store.delete_meeting(id) {
            Ok((m, actions)) => {
                self.undo_push(Undo::Meeting(MeetingUndo::Restore(m, actions)));
                self.meetings.open = None;
                self.load_meetings();
                self.refresh_agenda();
                self.info(tr!(self.cat, "ui.status.deleted", reference = id));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn delete_meeting_action(&mut self, id: ActionId) {
        match self.store.delete_action(id) {
            Ok(x) => {
                self.undo_push(Undo::Meeting(MeetingUndo::ActionRestore(x)));
                self.load_meetings();
                self.refresh_agenda();
                self.info(tr!(self.cat, "ui.status.deleted", reference = id));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    /// Writes the minutes as Markdown to `protokoll-M-0007.md` in the working directory,
    /// or `protokoll-M-0007-2.md` (then `-3`, ...) when an earlier export is there: an
    /// earlier copy, perhaps already sent, is never overwritten. The status line names
    /// the whole path.
    pub(in crate::app) fn export_minutes(&mut self, id: MeetingId) {
        let path = std::path::PathBuf::from(format!(
            "{}-{id}.md",
            self.cat.t("ui.meetings.export_prefix")
        ));
        let text = match crate::app::export::minutes_markdown_for(&self.store, self.cat, id) {
            Ok(t) => t,
            Err(e) => return self.store_failed(&e),
        };
        match crate::app::export::write_new(&path, &text) {
            Ok(written) => {
                let shown = std::path::absolute(&written).unwrap_or(written);
                self.info(tr!(
                    self.cat,
                    "ui.meetings.exported",
                    path = shown.display()
                ));
            }
            Err(e) => self.error(tr!(
                self.cat,
                "ui.meetings.export_failed",
                path = path.display(),
                detail = e
            )),
        }
    }
}
