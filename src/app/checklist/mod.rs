//! The Implementation tab: the followed agreement's checklist, made from the template in
//! the user's language with one key, worked item by item. Every change stores the whole
//! checklist (tens of items) with the list as it was kept for undo.

use crate::domain::AgreementId;
use crate::domain::checklist::{Checklist, ItemStatus, TEMPLATE_EN, TEMPLATE_SV, from_template};
use crate::i18n::Lang;
use crate::tr;

use super::form::Form;
use super::keymap::Act;
use super::keymap::work::WorkAct;
use super::work::WorkConfirm;
use super::work::forms::{item_form, item_from};
use super::work::undo::WorkUndo;
use super::{App, Confirm, Popup, Undo};

#[derive(Default)]
pub struct ChecklistState {
    /// The followed agreement's checklist; None when it has none yet.
    pub list: Option<Checklist>,
    pub selected: usize,
}

/// The catalogue key of an item's status.
pub fn item_status_label(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Todo => "ui.work.item_status.todo",
        ItemStatus::InProgress => "ui.work.item_status.in_progress",
        ItemStatus::Done => "ui.work.item_status.done",
        ItemStatus::NotApplicable => "ui.work.item_status.not_applicable",
    }
}

/// To do → in progress → done → not applicable → to do.
pub fn next_status(s: ItemStatus) -> ItemStatus {
    match s {
        ItemStatus::Todo => ItemStatus::InProgress,
        ItemStatus::InProgress => ItemStatus::Done,
        ItemStatus::Done => ItemStatus::NotApplicable,
        ItemStatus::NotApplicable => ItemStatus::Todo,
    }
}

impl App {
    pub(in crate::app) fn load_checklist(&mut self) {
        let Some(id) = self.followed else {
            self.work.checklist = ChecklistState::default();
            return;
        };
        match self.store.checklist(id) {
            Ok(list) => {
                let st = &mut self.work.checklist;
                let len = list.as_ref().map_or(0, |c| c.items.len());
                st.list = list;
                st.selected = st.selected.min(len.saturating_sub(1));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn checklist_act(&mut self, act: Act) {
        let Some(agreement) = self.followed else {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        };
        let Some(list) = self.work.checklist.list.clone() else {
            if act == Act::Work(WorkAct::ApplyTemplate) {
                self.apply_template(agreement);
            }
            return;
        };
        let sel = self.work.checklist.selected;
        if let Some(s) = self.moved(sel, list.items.len(), act) {
            self.work.checklist.selected = s;
            return;
        }
        let item = list.items.get(sel).cloned();
        match (act, item) {
            (Act::Work(WorkAct::CycleStatus), Some(it)) => {
                let mut after = list.clone();
                after.items[sel].status = next_status(it.status);
                self.store_checklist(agreement, Some(list), &after, sel);
            }
            (Act::Work(WorkAct::MarkDone), Some(it)) if it.status != ItemStatus::Done => {
                let mut after = list.clone();
                after.items[sel].status = ItemStatus::Done;
                self.store_checklist(agreement, Some(list), &after, sel);
            }
            (Act::New, it) => {
                let section = it.map(|i| i.section).unwrap_or_default();
                self.form = Some(item_form(self.cat, &section, None));
            }
            (Act::Edit, Some(it)) => {
                self.form = Some(item_form(self.cat, &it.section, Some((sel, &it))))
            }
            (Act::MoveUp, Some(_)) => {
                let mut after = list.clone();
                if after.move_up(sel) {
                    self.store_checklist(agreement, Some(list), &after, sel - 1);
                }
            }
            (Act::MoveDown, Some(_)) => {
                let mut after = list.clone();
                if after.move_down(sel) {
                    self.store_checklist(agreement, Some(list), &after, sel + 1);
                }
            }
            (Act::Delete, Some(it)) => {
                self.popup = Some(Popup::Confirm {
                    message: tr!(self.cat, "ui.work.confirm.delete_item", text = it.text),
                    action: Confirm::Work(WorkConfirm::DeleteItem(sel)),
                })
            }
            _ => {}
        }
    }

    fn apply_template(&mut self, agreement: AgreementId) {
        let template = match self.cat.lang() {
            Lang::Sv => TEMPLATE_SV,
            Lang::En => TEMPLATE_EN,
        };
        match from_template(template, agreement) {
            Ok(list) => {
                if self.store_checklist(agreement, None, &list, 0) {
                    self.info(tr!(
                        self.cat,
                        "ui.work.checklist.applied",
                        n = list.items.len()
                    ));
                }
            }
            // The templates are compiled in and tested; this reports a broken build.
            Err(e) => self.error(e),
        }
    }

    /// Stores the checklist, keeping `before` for undo and selecting `select`.
    fn store_checklist(
        &mut self,
        agreement: AgreementId,
        before: Option<Checklist>,
        after: &Checklist,
        select: usize,
    ) -> bool {
        match self.store.save_checklist(after) {
            Ok(()) => {
                self.undo_push(Undo::Work(WorkUndo::Checklist { agreement, before }));
                self.work.checklist.selected = select;
                self.load_checklist();
                let (done, of) = after.total();
                self.info(tr!(
                    self.cat,
                    "ui.work.checklist.saved",
                    done = done,
                    of = of
                ));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    pub(in crate::app) fn submit_item(&mut self, mut form: Form, index: Option<usize>) {
        let (Some(agreement), Some(list)) = (self.followed, self.work.checklist.list.clone())
        else {
            form.message = Some(self.cat.t("ui.work.gone").to_string());
            self.form = Some(form);
            return;
        };
        let item = item_from(&form);
        let mut after = list.clone();
        let at = match index {
            // Same section: in place. Another section: to the end of that one, so each
            // section stays in one piece.
            Some(i)
                if after
                    .items
                    .get(i)
                    .is_some_and(|o| o.section == item.section) =>
            {
                after.items[i] = item;
                i
            }
            Some(i) if i < after.items.len() => {
                after.items.remove(i);
                let at = after.add_item(&item.section, &item.text);
                after.items[at] = item;
                at
            }
            _ => {
                let at = after.add_item(&item.section, &item.text);
                after.items[at] = item;
                at
            }
        };
        if !self.store_checklist(agreement, Some(list), &after, at) {
            form.message = self.status.as_ref().map(|s| s.text.clone());
            self.form = Some(form);
        }
    }

    pub(in crate::app) fn delete_item(&mut self, index: usize) {
        let (Some(agreement), Some(list)) = (self.followed, self.work.checklist.list.clone())
        else {
            return;
        };
        if index >= list.items.len() {
            return;
        }
        let mut after = list.clone();
        let removed = after.items.remove(index);
        if self.store_checklist(agreement, Some(list), &after, index.saturating_sub(1)) {
            self.info(tr!(self.cat, "ui.status.removed", reference = removed.text));
        }
    }
}
