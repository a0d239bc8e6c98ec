//! The keys of the Meetings tab and how its forms are saved: meetings with their
//! attendees, agenda and decisions, a proposed schedule, action items, and the minutes.

use crate::app::meetings::MeetingConfirm;
use crate::app::meetings::MeetingUndo;
use crate::domain::Agreement;
use crate::domain::meeting::{
    Action, ActionId, ActionStatus, FirstYearInterval, Meeting, MeetingId, MeetingStatus,
    ProposedMeeting, Side, add_carried, carry_over, earlier_meetings, propose_schedule,
};
use crate::tr;

use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date};
use crate::app::keymap::Act;
use crate::app::meetings::forms::{meeting_form, meeting_from, schedule_form};
use crate::app::{App, Confirm, Popup, Undo};

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
            Act::New => self.form = Some(self.action_form(&a, None)),
            Act::Edit => {
                if let Some(x) = selected {
                    self.form = Some(self.action_form(&a, Some(&x)));
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

    fn action_form(&self, _a: &Agreement, existing: Option<&Action>) -> Form {
        let x = existing;
        let status = x
            .map(|x| {
                ActionStatus::ALL
                    .iter()
                    .position(|s| *s == x.status)
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        let fields = vec![
            Field::new(
                "ui.field.action_text",
                FieldKind::Text { required: true },
                x.map(|x| x.text.as_str()).unwrap_or(""),
            ),
            Field::new(
                "ui.field.owner",
                FieldKind::Text { required: true },
                x.map(|x| x.owner.as_str()).unwrap_or(""),
            ),
            Field::choice(
                "ui.field.side",
                vec!["ui.side.buyer", "ui.side.supplier"],
                usize::from(x.is_some_and(|x| x.side == Side::Supplier)),
            ),
            Field::new(
                "ui.field.due",
                FieldKind::Date { required: false },
                &x.and_then(|x| x.due).map(format_date).unwrap_or_default(),
            ),
            Field::choice(
                "ui.field.action_status",
                vec![
                    "ui.action_status.open",
                    "ui.action_status.done",
                    "ui.action_status.cancelled",
                ],
                status,
            ),
        ];
        Form::new(
            self.cat.t("ui.form.action").to_string(),
            FormTarget::MeetingAction(x.map(|x| x.id)),
            fields,
        )
    }

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
        let f = |label| form.field(label);
        let action = Action {
            id: id.unwrap_or_default(),
            meeting: m.id,
            agreement: m.agreement,
            text: f("ui.field.action_text").trimmed(),
            owner: f("ui.field.owner").trimmed(),
            side: if f("ui.field.side").choice == 1 {
                Side::Supplier
            } else {
                Side::Buyer
            },
            due: f("ui.field.due").date(),
            status: ActionStatus::ALL[f("ui.field.action_status").choice.min(2)],
            created: before.as_ref().map(|b| b.created).unwrap_or(self.today),
        };
        if !self.save_action_with_undo(before, action) {
            self.form = Some(form);
        }
    }

    /// Stores an action (new when `before` is None); false when refused.
    fn save_action_with_undo(&mut self, before: Option<Action>, action: Action) -> bool {
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

    fn save_meeting_with_undo(&mut self, before: Option<Meeting>, m: Meeting) -> bool {
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
                    "ui.form.bad_time" => "ui.field.meeting_time",
                    _ => "ui.field.meeting_date",
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
        let interval = if form.field("ui.field.first_year").choice == 0 {
            FirstYearInterval::Monthly
        } else {
            FirstYearInterval::Quarterly
        };
        let supplier = form
            .field("ui.field.supplier")
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
