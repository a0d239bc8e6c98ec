//! The Actions tab: the action items of every meeting, open ones first by due date, with
//! filters (open, ours, the supplier's, overdue) over the followed agreement or every
//! agreement. "Ours" means the buyer's side: owners are free text typed in the minutes,
//! so a name match against the login would miss most of them, while the side is always
//! recorded. Each change is one `save_action` with the action as it was kept for undo.

use time::Date;

use crate::domain::meeting::{
    Action, ActionId, ActionStatus, Meeting, MeetingId, MeetingKind, Side,
};
use crate::tr;

use super::form::format_date;
use super::keymap::Act;
use super::keymap::work::WorkAct;
use super::work::WorkConfirm;
use super::work::forms::{action_form, action_from};
use super::work::undo::WorkUndo;
use super::{App, Confirm, Popup, Undo};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActionFilter {
    #[default]
    All,
    Open,
    /// Open, on the buyer's side.
    Ours,
    /// Open, on the supplier's side.
    Suppliers,
    Overdue,
}

impl ActionFilter {
    pub fn next(self) -> ActionFilter {
        match self {
            ActionFilter::All => ActionFilter::Open,
            ActionFilter::Open => ActionFilter::Ours,
            ActionFilter::Ours => ActionFilter::Suppliers,
            ActionFilter::Suppliers => ActionFilter::Overdue,
            ActionFilter::Overdue => ActionFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionFilter::All => "ui.work.filter.all",
            ActionFilter::Open => "ui.work.filter.open",
            ActionFilter::Ours => "ui.work.filter.ours",
            ActionFilter::Suppliers => "ui.work.filter.suppliers",
            ActionFilter::Overdue => "ui.work.filter.overdue",
        }
    }

    pub fn keeps(self, a: &Action, today: Date) -> bool {
        let open = a.status == ActionStatus::Open;
        match self {
            ActionFilter::All => true,
            ActionFilter::Open => open,
            ActionFilter::Ours => open && a.side == Side::Buyer,
            ActionFilter::Suppliers => open && a.side == Side::Supplier,
            ActionFilter::Overdue => a.is_overdue(today),
        }
    }
}

#[derive(Default)]
pub struct ActionsState {
    /// Open first, each group by due date (none last), then id.
    pub all: Vec<Action>,
    /// The meetings the actions come from, for their date and kind.
    pub meetings: Vec<Meeting>,
    /// Indices into `all` that the filter keeps.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub filter: ActionFilter,
    /// Every agreement's actions rather than the followed agreement's.
    pub every_agreement: bool,
}

impl ActionsState {
    pub fn selected_action(&self) -> Option<&Action> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.all.get(i))
    }

    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    fn refresh(&mut self, today: Date, keep: Option<ActionId>) {
        self.visible = (0..self.all.len())
            .filter(|&i| self.filter.keeps(&self.all[i], today))
            .collect();
        if let Some(pos) =
            keep.and_then(|id| self.visible.iter().position(|&i| self.all[i].id == id))
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }
}

/// Open before done and cancelled; then the earliest due (none last); then as noted.
pub fn sort_actions(list: &mut [Action]) {
    list.sort_by_key(|a| (a.status != ActionStatus::Open, a.due.is_none(), a.due, a.id));
}

/// The catalogue key of an action's status.
pub fn status_label(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "ui.action_status.open",
        ActionStatus::Done => "ui.action_status.done",
        ActionStatus::Cancelled => "ui.action_status.cancelled",
    }
}

pub fn side_label(s: Side) -> &'static str {
    match s {
        Side::Buyer => "ui.work.side.buyer",
        Side::Supplier => "ui.work.side.supplier",
    }
}

pub fn meeting_kind_label(k: MeetingKind) -> &'static str {
    match k {
        MeetingKind::InternalContract => "ui.work.meeting_kind.internal_contract",
        MeetingKind::SupplierStart => "ui.work.meeting_kind.supplier_start",
        MeetingKind::Collaboration => "ui.work.meeting_kind.collaboration",
        MeetingKind::AnnualContract => "ui.work.meeting_kind.annual_contract",
        MeetingKind::ContractDay => "ui.work.meeting_kind.contract_day",
    }
}

impl App {
    pub(in crate::app) fn load_actions(&mut self) {
        let scope = if self.work.actions.every_agreement {
            None
        } else {
            self.followed
        };
        let keep = self.work.actions.selected_action().map(|a| a.id);
        let loaded = self
            .store
            .actions(scope)
            .and_then(|a| Ok((a, self.store.meetings(scope)?)));
        match loaded {
            Ok((mut list, meetings)) => {
                if scope.is_none() && !self.work.actions.every_agreement {
                    // No agreement followed yet: nothing is "the followed agreement's".
                    list.clear();
                }
                sort_actions(&mut list);
                let st = &mut self.work.actions;
                st.all = list;
                st.meetings = meetings;
                st.refresh(self.today, keep);
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn actions_act(&mut self, act: Act) {
        let st = &self.work.actions;
        if let Some(s) = self.moved(st.selected, st.visible.len(), act) {
            self.work.actions.selected = s;
            return;
        }
        match act {
            Act::Work(WorkAct::CycleFilter) => {
                let st = &mut self.work.actions;
                st.filter = st.filter.next();
                let keep = st.selected_action().map(|a| a.id);
                st.refresh(self.today, keep);
                return;
            }
            Act::Work(WorkAct::ToggleScope) => {
                self.work.actions.every_agreement = !self.work.actions.every_agreement;
                return self.load_actions();
            }
            _ => {}
        }
        let Some(a) = self.work.actions.selected_action().cloned() else {
            return;
        };
        match act {
            Act::Open => self.show_origin(&a),
            Act::Edit => self.form = Some(action_form(self.cat, &a)),
            Act::Work(WorkAct::MarkDone) => self.set_action_status(&a, ActionStatus::Done),
            Act::Work(WorkAct::Reopen) => self.set_action_status(&a, ActionStatus::Open),
            Act::Work(WorkAct::Cancel) => self.set_action_status(&a, ActionStatus::Cancelled),
            Act::Delete => {
                self.popup = Some(Popup::Confirm {
                    message: tr!(
                        self.cat,
                        "ui.work.confirm.delete_action",
                        id = a.id,
                        text = a.text
                    ),
                    action: Confirm::Work(WorkConfirm::DeleteAction(a.id)),
                })
            }
            _ => {}
        }
    }

    /// The meeting an action was noted at, in a popup (the Meetings tab shows it whole).
    fn show_origin(&mut self, a: &Action) {
        let cat = self.cat;
        let mut lines = vec![tr!(cat, "ui.work.origin.action", id = a.id, text = a.text)];
        match self.work.actions.meeting(a.meeting) {
            Some(m) => {
                let agreement = self
                    .agreement(m.agreement)
                    .map(|g| format!("{}  {}", g.reference, g.name))
                    .unwrap_or_default();
                let supplier = m
                    .supplier
                    .as_ref()
                    .and_then(|o| self.agreement(m.agreement).map(|g| g.supplier_name(o)))
                    .unwrap_or_else(|| cat.t("ui.work.every_supplier").to_string());
                lines.push(tr!(cat, "ui.work.origin.date", date = format_date(m.date)));
                lines.push(tr!(
                    cat,
                    "ui.work.origin.kind",
                    kind = cat.t(meeting_kind_label(m.kind))
                ));
                lines.push(tr!(cat, "ui.work.origin.agreement", agreement = agreement));
                lines.push(tr!(cat, "ui.work.origin.supplier", supplier = supplier));
                if !m.place.is_empty() {
                    lines.push(tr!(cat, "ui.work.origin.place", place = m.place));
                }
            }
            None => lines.push(cat.t("ui.work.origin.gone").to_string()),
        }
        self.popup = Some(Popup::Info {
            title: a.meeting.to_string(),
            lines,
        });
    }

    fn set_action_status(&mut self, a: &Action, status: ActionStatus) {
        if a.status == status {
            return;
        }
        let after = Action {
            status,
            ..a.clone()
        };
        self.store_action(a, &after);
    }

    /// Saves a changed action, keeping how it was for undo; true when stored.
    fn store_action(&mut self, before: &Action, after: &Action) -> bool {
        match self.store.save_action(after) {
            Ok(_) => {
                self.undo_push(Undo::Work(WorkUndo::Action(before.clone())));
                self.load_actions();
                let st = &mut self.work.actions;
                st.refresh(self.today, Some(after.id));
                let status = self.cat.t(status_label(after.status));
                self.info(tr!(
                    self.cat,
                    "ui.work.actions.saved",
                    id = after.id,
                    status = status
                ));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    pub(in crate::app) fn submit_action(&mut self, mut form: super::form::Form, id: ActionId) {
        let Some(before) = self.work.actions.all.iter().find(|a| a.id == id).cloned() else {
            form.message = Some(self.cat.t("ui.work.gone").to_string());
            self.form = Some(form);
            return;
        };
        let after = action_from(&form, &before);
        if !self.store_action(&before, &after) {
            form.message = self.status.as_ref().map(|s| s.text.clone());
            self.form = Some(form);
        }
    }

    pub(in crate::app) fn delete_action(&mut self, id: ActionId) {
        match self.store.delete_action(id) {
            Ok(old) => {
                self.undo_push(Undo::Work(WorkUndo::Action(old)));
                self.load_actions();
                self.info(tr!(
                    self.cat,
                    "ui.status.deleted",
                    reference = id.to_string()
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}
