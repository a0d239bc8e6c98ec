//! The Call-offs tab's keys: the list and its filter, one call-off opened with its
//! requests, and how their forms are saved or a call-off or request deleted.

use crate::app::calloffs::CallOffConfirm;
use crate::app::calloffs::CallOffPick;
use crate::app::calloffs::CallOffUndo;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::AgreementId;
use crate::domain::calloff::{CallOffMethod, Request};
use crate::tr;

use crate::app::agreements::step;
use crate::app::calloffs::CallOffDetail;
use crate::app::calloffs::forms::{
    RequestKey, calloff_form, calloff_from, request_form, request_from,
};
use crate::app::form::{Form, FormTarget};
use crate::app::keymap::{self, Act};
use crate::app::{App, Confirm, Pick, Picker, Popup, Undo};

impl App {
    /// Opens a call-off of the followed agreement with its requests.
    pub(in crate::app) fn open_calloff(&mut self, reference: &str) {
        let Some(id) = self.calloffs.agreement else {
            return;
        };
        let row = match self.store.calloff_row(id, reference) {
            Ok(Some(row)) => row,
            Ok(None) => return,
            Err(e) => return self.store_failed(&e),
        };
        match self.store.requests_of(id, reference) {
            Ok(requests) => {
                self.calloffs.detail_row = Some(row);
                self.calloffs.detail = Some(CallOffDetail {
                    reference: reference.to_string(),
                    requests,
                    selected: 0,
                });
                let st = &self.calloffs;
                if st.selected_reference() != Some(reference)
                    && let Some(pos) =
                        (0..st.visible.len()).find(|&p| st.reference_at(p) == Some(reference))
                {
                    self.calloffs.selected = pos;
                }
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn calloffs_act(&mut self, act: Act) {
        if let Some(s) = self.moved(self.calloffs.selected, self.calloffs.visible.len(), act) {
            self.calloffs.selected = s;
            return;
        }
        let Some(a) = self.followed_agreement().cloned() else {
            if act != Act::ChooseAgreement {
                self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
            }
            return;
        };
        let selected = self.calloffs.selected_row().map(|r| r.calloff.clone());
        match act {
            Act::Open => {
                if let Some(c) = selected {
                    self.open_calloff(&c.reference);
                }
            }
            Act::New => {
                if a.lots.is_empty() {
                    self.error(self.cat.t("ui.calloffs.no_lots").to_string());
                } else {
                    self.form = Some(calloff_form(self.cat, &a, None, self.now));
                }
            }
            Act::Edit => {
                if let Some(c) = selected {
                    self.form = Some(calloff_form(self.cat, &a, Some(&c), self.now));
                }
            }
            Act::Delete => {
                if let Some(c) = selected {
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_calloff",
                        reference = c.reference
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::CallOff(CallOffConfirm::Delete(c.agreement, c.reference)),
                    });
                }
            }
            Act::Filter => self.calloffs.filtering = true,
            Act::FilterSupplier => {
                let mut values = vec![None];
                values.extend(a.suppliers.iter().map(|s| Some(s.org_number.clone())));
                let options = std::iter::once(self.cat.t("ui.calloffs.all_suppliers").to_string())
                    .chain(
                        a.suppliers
                            .iter()
                            .map(|s| format!("{}  {}", s.name, s.org_number)),
                    )
                    .collect();
                let selected = values
                    .iter()
                    .position(|v| *v == self.calloffs.supplier)
                    .unwrap_or(0);
                self.popup = Some(Popup::Picker(Picker::new(
                    self.cat.t("ui.picker.filter_supplier").to_string(),
                    options,
                    selected,
                    Pick::CallOff(CallOffPick::Supplier(values)),
                )));
            }
            Act::FilterLot => {
                let mut values = vec![None];
                values.extend(a.lots.iter().map(|l| Some(l.name.clone())));
                let options = std::iter::once(self.cat.t("ui.calloffs.all_lots").to_string())
                    .chain(a.lots.iter().map(|l| l.name.clone()))
                    .collect();
                let selected = values
                    .iter()
                    .position(|v| *v == self.calloffs.lot)
                    .unwrap_or(0);
                self.popup = Some(Popup::Picker(Picker::new(
                    self.cat.t("ui.picker.filter_lot").to_string(),
                    options,
                    selected,
                    Pick::CallOff(CallOffPick::Lot(values)),
                )));
            }
            Act::CycleMethod => {
                self.calloffs.method = match self.calloffs.method {
                    None => Some(CallOffMethod::Ranking),
                    Some(CallOffMethod::Ranking) => Some(CallOffMethod::Competition),
                    Some(CallOffMethod::Competition) => None,
                };
                self.calloffs.refresh();
            }
            Act::CycleOutcome => {
                self.calloffs.outcome = self.calloffs.outcome.next();
                self.calloffs.refresh();
            }
            Act::ClearFilters => {
                self.calloffs.supplier = None;
                self.calloffs.lot = None;
                self.calloffs.method = None;
                self.calloffs.outcome = Default::default();
                self.calloffs.text.clear();
                self.calloffs.refresh();
            }
            Act::ChooseAgreement => self.choose_agreement(),
            _ => {}
        }
    }

    /// A key while typing the call-offs' filter: the command keys are the keymap's
    /// `FILTER`, the rest is the filter's text.
    pub(in crate::app) fn calloff_filter_key(&mut self, key: KeyEvent) {
        let len = self.calloffs.visible.len();
        match keymap::lookup(keymap::FILTER, &key) {
            Some(Act::Open) => self.calloffs.filtering = false,
            Some(Act::Back) => {
                self.calloffs.filtering = false;
                self.calloffs.text.clear();
            }
            Some(Act::Down) => {
                self.calloffs.selected = step(self.calloffs.selected, len, 1);
                return;
            }
            Some(Act::Up) => {
                self.calloffs.selected = step(self.calloffs.selected, len, -1);
                return;
            }
            _ => match key.code {
                KeyCode::Backspace => {
                    self.calloffs.text.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.calloffs.text.push(c)
                }
                _ => return,
            },
        }
        self.calloffs.refresh();
    }

    pub(in crate::app) fn calloff_detail_act(&mut self, act: Act) {
        let Some(d) = self.calloffs.detail.clone() else {
            return;
        };
        if let Some(s) = self.moved(d.selected, d.requests.len(), act) {
            if let Some(det) = self.calloffs.detail.as_mut() {
                det.selected = s;
            }
            return;
        }
        let (Some(a), Some(row)) = (
            self.followed_agreement().cloned(),
            self.calloffs.row(&d.reference).cloned(),
        ) else {
            self.calloffs.detail = None;
            return;
        };
        match act {
            Act::Back => self.calloffs.detail = None,
            Act::NewRequest => {
                if a.suppliers.is_empty() {
                    self.error(self.cat.t("ui.detail.no_suppliers").to_string());
                } else {
                    self.form = Some(request_form(
                        self.cat,
                        &a,
                        &row.calloff,
                        &d.requests,
                        None,
                        self.now,
                    ));
                }
            }
            Act::Edit => {
                if let Some(r) = d.requests.get(d.selected) {
                    self.form = Some(request_form(
                        self.cat,
                        &a,
                        &row.calloff,
                        &d.requests,
                        Some((d.selected, r)),
                        self.now,
                    ));
                }
            }
            Act::EditParent => {
                self.form = Some(calloff_form(self.cat, &a, Some(&row.calloff), self.now))
            }
            Act::Delete => {
                if let Some(r) = d.requests.get(d.selected) {
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_request",
                        supplier = a.supplier_name(&r.supplier),
                        calloff = r.calloff
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::CallOff(CallOffConfirm::DeleteRequest(r.clone())),
                    });
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn refused(&mut self, mut form: Form, message: String) {
        form.message = Some(message);
        self.form = Some(form);
    }

    pub(in crate::app) fn submit_calloff(&mut self, form: Form) {
        let FormTarget::CallOff(editing) = form.target.clone() else {
            return;
        };
        let Some(a) = self.followed_agreement().cloned() else {
            return self.refused(form, self.cat.t("ui.form.gone").to_string());
        };
        let Some(c) = calloff_from(&form, &a) else {
            return self.refused(form, self.cat.t("ui.form.fix_errors").to_string());
        };
        if c.replaced_due_to_complaint > c.consultants {
            return self.refused(
                form,
                self.cat.t("ui.form.replaced_above_consultants").to_string(),
            );
        }
        let before = match &editing {
            Some(reference) if *reference != c.reference => {
                return self.refused(form, self.cat.t("ui.form.reference_fixed").to_string());
            }
            Some(reference) => self.calloffs.row(reference).map(|r| r.calloff.clone()),
            None => match self.store.calloff(c.agreement, &c.reference) {
                Ok(Some(_)) => {
                    let text = tr!(self.cat, "ui.form.calloff_exists", reference = c.reference);
                    return self.refused(form, text);
                }
                Ok(None) => None,
                Err(e) => return self.refused(form, e.message(self.cat)),
            },
        };
        match self.store.save_calloff(&c) {
            Ok(()) => {
                self.undo_push(Undo::CallOff(CallOffUndo::Revert {
                    before,
                    agreement: c.agreement,
                    reference: c.reference.clone(),
                }));
                self.calloffs_after_write(Some(&c.reference), 1);
                self.refresh_agenda();
                if editing.is_none() {
                    self.open_calloff(&c.reference);
                }
                self.info(tr!(self.cat, "ui.status.saved", reference = c.reference));
            }
            Err(e) => self.refused(form, e.message(self.cat)),
        }
    }

    pub(in crate::app) fn submit_request(&mut self, mut form: Form) {
        let FormTarget::Request { calloff, index } = form.target.clone() else {
            return;
        };
        let Some(a) = self.followed_agreement().cloned() else {
            return self.refused(form, self.cat.t("ui.form.gone").to_string());
        };
        let r = match request_from(&form, &a, &calloff) {
            Ok(r) => r,
            Err(key) => return self.refused(form, self.cat.t(key).to_string()),
        };
        // A request cannot be sent before there was a call-off to ask about.
        if let Some(row) = &self.calloffs.detail_row
            && row.calloff.reference == r.calloff
            && r.sent_at < row.calloff.requested_at
        {
            let text = tr!(
                self.cat,
                "ui.form.request_before_calloff",
                requested = crate::app::form::format_datetime(row.calloff.requested_at)
            );
            form.fail_at(RequestKey::SentAt, text);
            self.form = Some(form);
            return;
        }
        let before = index.and_then(|i| self.calloffs.detail.as_ref()?.requests.get(i).cloned());
        // An edit that moves the request to another supplier or minute replaces the old one.
        let (result, writes) = match &before {
            Some(b) if crate::store::request_key(b) != crate::store::request_key(&r) => (
                self.store
                    .delete_request(b)
                    .and_then(|_| self.store.save_request(&r)),
                2,
            ),
            _ => (self.store.save_request(&r), 1),
        };
        match result {
            Ok(()) => {
                self.undo_push(Undo::CallOff(CallOffUndo::RequestRevert {
                    before,
                    after: r.clone(),
                }));
                self.calloffs_after_write(Some(&r.calloff), writes);
                self.refresh_agenda();
                if let Some(d) = self.calloffs.detail.as_mut()
                    && let Some(pos) = d
                        .requests
                        .iter()
                        .position(|q| crate::store::request_key(q) == crate::store::request_key(&r))
                {
                    d.selected = pos;
                }
                self.info(tr!(self.cat, "ui.status.saved", reference = r.calloff));
            }
            Err(e) => self.refused(form, e.message(self.cat)),
        }
    }

    pub(in crate::app) fn delete_calloff(&mut self, agreement: AgreementId, reference: &str) {
        match self.store.delete_calloff(agreement, reference) {
            Ok((c, requests)) => {
                self.undo_push(Undo::CallOff(CallOffUndo::Restore(c, requests)));
                self.calloffs.detail = None;
                self.calloffs_after_write(Some(reference), 1);
                self.refresh_agenda();
                self.info(tr!(self.cat, "ui.status.deleted", reference = reference));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn delete_request(&mut self, r: Request) {
        match self.store.delete_request(&r) {
            Ok(()) => {
                self.info(tr!(self.cat, "ui.status.removed", reference = r.calloff));
                self.calloffs_after_write(Some(&r.calloff), 1);
                self.undo_push(Undo::CallOff(CallOffUndo::RequestRestore(r)));
                self.refresh_agenda();
            }
            Err(e) => self.store_failed(&e),
        }
    }
}
