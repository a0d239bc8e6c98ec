//! The Deviations tab's keys: the ranking deviations and those registered by hand, the
//! window of rows around the selection, and a manual deviation's form saved or deleted.

use crate::app::deviations::DeviationConfirm;
use crate::app::deviations::DeviationUndo;

use crate::domain::deviation::DeviationId;
use crate::tr;

use crate::app::deviations::DeviationEntry;
use crate::app::deviations::forms::{deviation_form, deviation_from};
use crate::app::form::{Form, FormTarget};
use crate::app::keymap::Act;
use crate::app::{App, Confirm, Popup, Tab, Undo};

impl App {
    /// Reads the rows of the ranking deviations around the selection when the window no
    /// longer covers it.
    pub(in crate::app) fn sync_deviation_window(&mut self) {
        let Some(range) = self.deviations.window_wanted() else {
            return;
        };
        let positions = self.deviations.positions(range.clone());
        let index = &self.calloffs.index;
        match self
            .store
            .calloff_rows_at(index, positions.iter().map(|&p| p as usize))
        {
            Ok(rows) => {
                // Rows no longer stored are left out: pair them by reference.
                let mut rows = rows.into_iter().peekable();
                let held = self.deviations.entries[range.clone()]
                    .iter()
                    .map(|e| match e {
                        DeviationEntry::Ranking(p) if (*p as usize) < index.len() => {
                            let reference = index.reference(*p as usize);
                            rows.next_if(|r| r.calloff.reference == reference)
                        }
                        _ => None,
                    })
                    .collect();
                self.deviations.rows.set(range.start, held);
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn deviations_act(&mut self, act: Act) {
        if let Some(s) = self.moved(self.deviations.selected, self.deviations.entries.len(), act) {
            self.deviations.selected = s;
            self.sync_deviation_window();
            return;
        }
        let Some(a) = self.followed_agreement().cloned() else {
            if act == Act::ChooseAgreement {
                self.choose_agreement();
            }
            return;
        };
        let entry = self
            .deviations
            .entries
            .get(self.deviations.selected)
            .cloned();
        match (act, entry) {
            (Act::New, _) => self.form = Some(deviation_form(self.cat, &a, None, self.today)),
            (Act::Open, Some(DeviationEntry::Ranking(i))) => {
                let index = &self.calloffs.index;
                if let Some(reference) =
                    ((i as usize) < index.len()).then(|| index.reference(i as usize).to_string())
                {
                    self.show_tab(Tab::CallOffs);
                    self.open_calloff(&reference);
                }
            }
            (Act::Open | Act::Edit, Some(DeviationEntry::Manual(d))) => {
                self.form = Some(deviation_form(self.cat, &a, Some(&d), self.today));
            }
            (Act::Edit | Act::Delete, Some(DeviationEntry::Ranking(_))) => {
                self.error(self.cat.t("ui.deviations.computed").to_string());
            }
            (Act::Delete, Some(DeviationEntry::Manual(d))) => {
                let message = tr!(self.cat, "ui.confirm.delete_deviation", id = d.id.0);
                self.popup = Some(Popup::Confirm {
                    message,
                    action: Confirm::Deviation(DeviationConfirm::Delete(d.id)),
                });
            }
            (Act::ToggleOpen, _) => {
                self.deviations.open_only = !self.deviations.open_only;
                // Only the list changes: the call-offs need not be read again.
                match self.calloffs.agreement {
                    Some(id) if self.followed == Some(id) => self.rebuild_deviations(id),
                    _ => self.load_calloffs(),
                }
            }
            (Act::ChooseAgreement, _) => self.choose_agreement(),
            _ => {}
        }
    }

    pub(in crate::app) fn submit_deviation(&mut self, form: Form) {
        let FormTarget::Deviation(id) = form.target.clone() else {
            return;
        };
        let Some(a) = self.followed_agreement().cloned() else {
            return self.refused(form, self.cat.t("ui.form.gone").to_string());
        };
        let Some(d) = deviation_from(&form, &a, id) else {
            return self.refused(form, self.cat.t("ui.form.fix_errors").to_string());
        };
        if let Some(reference) = &d.calloff {
            match self.store.calloff(a.id, reference) {
                Ok(Some(_)) => {}
                Ok(_) => {
                    let text = tr!(self.cat, "ui.form.unknown_calloff", reference = reference);
                    return self.refused(form, text);
                }
                Err(e) => return self.refused(form, e.message(self.cat)),
            }
        }
        let result = match id {
            None => self
                .store
                .insert_deviation(&d)
                .map(|stored| (None, stored.id)),
            Some(id) => {
                let before = self
                    .store
                    .deviations(Some(a.id))
                    .ok()
                    .and_then(|l| l.into_iter().find(|x| x.id == id));
                self.store.save_deviation(&d).map(|_| (before, id))
            }
        };
        match result {
            Ok((before, id)) => {
                self.undo_push(Undo::Deviation(DeviationUndo::Revert { before, id }));
                self.calloffs_after_write(None, 1);
                self.refresh_agenda();
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = format!("#{}", id.0)
                ));
            }
            Err(e) => self.refused(form, e.message(self.cat)),
        }
    }

    pub(in crate::app) fn delete_deviation(&mut self, id: DeviationId) {
        match self.store.delete_deviation(id) {
            Ok(d) => {
                self.undo_push(Undo::Deviation(DeviationUndo::Restore(d)));
                self.calloffs_after_write(None, 1);
                self.refresh_agenda();
                self.info(tr!(
                    self.cat,
                    "ui.status.deleted",
                    reference = format!("#{}", id.0)
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}
