//! The keys of the Call-offs and Deviations tabs, and how their forms are saved.

use crate::app::calloffs::CallOffConfirm;
use crate::app::calloffs::CallOffPick;
use crate::app::calloffs::CallOffUndo;
use crate::app::deviations::DeviationConfirm;
use crate::app::deviations::DeviationUndo;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::calloff::{CallOffMethod, Request};
use crate::domain::deviation::DeviationId;
use crate::domain::{Agreement, AgreementId};
use crate::store::OUTCOME_DEVIATION;
use crate::tr;

use crate::app::agreements::step;
use crate::app::calloffs::CallOffDetail;
use crate::app::calloffs::forms::{
    calloff_form, calloff_from, deviation_form, deviation_from, request_form, request_from,
};
use crate::app::deviations::DeviationEntry;
use crate::app::form::{Form, FormTarget};
use crate::app::keymap::Act;
use crate::app::{App, Confirm, Pick, Picker, Popup, Tab, Undo};

impl App {
    /// Follow `id` in the call-off and deviation tabs.
    pub fn follow(&mut self, id: AgreementId) {
        if self.current != Some(id) {
            self.current = Some(id);
            // A preference, not a record: failing to remember it loses nothing.
            let _ = self.store.set_followed(id);
            self.calloffs.detail = None;
            self.calloffs.supplier = None;
            self.calloffs.lot = None;
            self.calloffs.selected = 0;
        }
    }

    /// The followed agreement: the one chosen, else the one selected in the register.
    pub fn current_agreement(&self) -> Option<&Agreement> {
        self.current.and_then(|id| self.agreement(id))
    }

    /// The followed agreement: the one chosen or remembered, else a likely one.
    pub(in crate::app) fn resolve_current(&mut self) {
        if self.current_agreement().is_none() {
            self.current = self.store.followed().ok().flatten();
        }
        if self.current_agreement().is_none() {
            // Nothing chosen yet: the first business-critical agreement is the likeliest
            // to have call-offs to follow.
            let critical = self
                .agreements
                .iter()
                .find(|a| a.priority == crate::domain::Priority::Class1);
            self.current = critical.or(self.agreements.first()).map(|a| a.id);
        }
    }

    /// On showing a tab that follows the agreement: the call-offs are read again only when
    /// another agreement is followed or something that may change them was written since
    /// they were read (a line of minutes or an action item does not: reading a million
    /// call-offs again takes ~250 ms).
    pub(in crate::app) fn ensure_calloffs(&mut self) {
        self.resolve_current();
        let change = self.store.last_change().ok();
        let followed = self
            .current
            .filter(|id| self.calloffs.agreement == Some(*id));
        let held = followed.is_some()
            && match (self.calloffs.loaded_change, change) {
                (Some(loaded), Some(now)) if loaded == now => true,
                (Some(loaded), Some(_)) => {
                    let reference = followed
                        .and_then(|id| self.agreement(id))
                        .map(|a| a.reference.clone())
                        .unwrap_or_default();
                    self.preload.is_none()
                        && matches!(
                            self.store.calloff_index_changed_since(loaded, &reference),
                            Ok(false)
                        )
                }
                _ => false,
            };
        if !held {
            return self.load_calloffs();
        }
        if let Some(id) = followed
            && self.calloffs.loaded_change != change
        {
            // The index holds; deviations registered by hand may have come or gone.
            self.calloffs.loaded_change = change;
            self.rebuild_deviations(id);
        }
        self.load_views();
        self.load_meetings();
    }

    /// The Deviations list made again from the index held and the deviations registered
    /// by hand, read again.
    fn rebuild_deviations(&mut self, id: AgreementId) {
        match self.store.deviations(Some(id)) {
            Ok(manual) => self.deviations.rebuild(&self.calloffs.index, manual),
            Err(e) => self.store_failed(&e),
        }
        self.sync_deviation_window();
    }

    /// Starts reading the followed agreement's call-offs in the background.
    pub(in crate::app) fn preload_calloffs(&mut self) {
        self.resolve_current();
        if let Some(id) = self.current {
            self.preload = crate::app::calloffs::load::Preload::start(&self.store, id);
        }
    }

    /// Reads the followed agreement's call-offs and deviations again.
    pub(in crate::app) fn load_calloffs(&mut self) {
        self.resolve_current();
        let Some(id) = self.current else {
            self.calloffs.set_index(Default::default());
            self.deviations.ranking.clear();
            self.calloffs.detail_row = None;
            self.calloffs.refresh();
            self.deviations.entries.clear();
            self.load_views();
            return;
        };
        let change = self.store.last_change().ok();
        let preloaded = match (self.preload.take(), change) {
            (Some(p), Some(change)) => p.take(id, change),
            _ => None,
        };
        let loaded = match preloaded {
            Some(loaded) => Ok(loaded),
            None => crate::app::calloffs::load::read(&self.store, id),
        };
        match loaded {
            Ok(loaded) => self.set_loaded(loaded, change),
            Err(e) => {
                self.calloffs.loaded_change = None;
                self.store_failed(&e);
            }
        }
        self.after_calloffs_loaded(id);
    }

    fn set_loaded(&mut self, loaded: crate::app::calloffs::load::Loaded, change: Option<u64>) {
        self.calloffs.set_index(loaded.index);
        self.calloffs.unfiltered = Some(loaded.all);
        self.deviations.ranking = loaded.deviations;
        self.calloffs.loaded_change = change;
    }

    /// After this application made `writes` audit entries, all about call-off `reference`
    /// (None: about nothing the index holds, such as a deviation registered by hand).
    /// When the index was current just before, only that call-off's entry is read and put
    /// in its place, and the deviation positions are moved along — reading every entry
    /// again takes ~250 ms at a million call-offs; otherwise (another write came between,
    /// another agreement) everything is read.
    pub(in crate::app) fn calloffs_after_write(&mut self, reference: Option<&str>, writes: u64) {
        self.resolve_current();
        let change = self.store.last_change().ok();
        let current = self
            .current
            .filter(|id| self.calloffs.agreement == Some(*id) && self.preload.is_none());
        let only_ours = matches!(
            (self.calloffs.loaded_change, change),
            (Some(loaded), Some(now)) if loaded.checked_add(writes) == Some(now)
        );
        let Some(id) = current.filter(|_| only_ours) else {
            return self.load_calloffs();
        };
        if let Some(reference) = reference {
            let entry = match self.store.calloff_index_entry(id, reference) {
                Ok(entry) => entry,
                Err(_) => return self.load_calloffs(),
            };
            let mut index = std::mem::take(&mut self.calloffs.index);
            let placed = index.put(reference, entry.as_ref().map(|(at, v)| (*at, v.as_slice())));
            let deviation = placed
                .inserted
                .is_some_and(|i| index.entries[i].outcome == OUTCOME_DEVIATION);
            crate::app::calloffs::load::moved(&mut self.deviations.ranking, placed, deviation);
            // The window's rows are by position: read again around the selection.
            self.calloffs.set_index(index);
            self.calloffs.unfiltered = None;
            self.calloffs.loaded_change = change;
        } else {
            self.calloffs.loaded_change = change;
        }
        self.after_calloffs_loaded(id);
    }

    /// What showing the call-offs of `id` needs once the index is in place: the filtered
    /// list, the open call-off, the windows, the deviations and the views built on them.
    fn after_calloffs_loaded(&mut self, id: AgreementId) {
        self.calloffs.agreement = Some(id);
        self.calloffs.refresh();
        if let Some(d) = self.calloffs.detail.as_mut() {
            match self.store.requests_of(id, &d.reference) {
                Ok(r) => {
                    d.requests = r;
                    d.selected = d.selected.min(d.requests.len().saturating_sub(1));
                }
                Err(e) => {
                    let text = e.message(self.cat);
                    self.error(text);
                }
            }
            let reference = self
                .calloffs
                .detail
                .as_ref()
                .map(|d| d.reference.clone())
                .unwrap_or_default();
            match self.store.calloff_row(id, &reference) {
                Ok(Some(row)) => self.calloffs.detail_row = Some(row),
                Ok(None) => self.calloffs.detail = None,
                Err(e) => self.store_failed(&e),
            }
        }
        self.sync_calloff_window();
        match self.store.deviations(Some(id)) {
            Ok(manual) => self.deviations.rebuild(&self.calloffs.index, manual),
            Err(e) => self.store_failed(&e),
        }
        self.sync_deviation_window();
        self.load_views();
        self.load_meetings();
    }

    /// Opens a call-off of the followed agreement with its requests.
    /// Reads the rows around the selection when the window no longer covers it, so
    /// that rendering never reads the store.
    pub(in crate::app) fn sync_calloff_window(&mut self) {
        let Some(range) = self.calloffs.window_wanted() else {
            return;
        };
        let positions = self.calloffs.visible[range.clone()]
            .iter()
            .map(|&i| i as usize);
        match self.store.calloff_rows_at(&self.calloffs.index, positions) {
            Ok(rows) => self.calloffs.set_window(range.start, rows),
            Err(e) => self.store_failed(&e),
        }
    }

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
                let mut found = Vec::with_capacity(positions.len());
                for p in positions {
                    if p as usize >= index.len() {
                        continue;
                    }
                    if rows
                        .peek()
                        .is_some_and(|r| r.calloff.reference == index.reference(p as usize))
                        && let Some(r) = rows.next()
                    {
                        found.push((p, r));
                    }
                }
                self.deviations.set_window(range, found);
            }
            Err(e) => self.store_failed(&e),
        }
    }

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

    pub(in crate::app) fn choose_agreement(&mut self) {
        let mut list: Vec<&Agreement> = self.agreements.iter().collect();
        list.sort_by(|a, b| a.reference.cmp(&b.reference));
        let selected = list
            .iter()
            .position(|a| Some(a.id) == self.current)
            .unwrap_or(0);
        self.popup = Some(Popup::Picker(Picker::new(
            self.cat.t("ui.picker.choose_agreement").to_string(),
            list.iter()
                .map(|a| format!("{}  {}", a.reference, a.name))
                .collect(),
            selected,
            Pick::ChooseAgreement(list.iter().map(|a| a.id).collect()),
        )));
    }

    pub(in crate::app) fn calloffs_act(&mut self, act: Act) {
        if let Some(s) = self.moved(self.calloffs.selected, self.calloffs.visible.len(), act) {
            self.calloffs.selected = s;
            return;
        }
        let Some(a) = self.current_agreement().cloned() else {
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

    pub(in crate::app) fn calloff_filter_key(&mut self, key: KeyEvent) {
        let len = self.calloffs.visible.len();
        match key.code {
            KeyCode::Enter => self.calloffs.filtering = false,
            KeyCode::Esc => {
                self.calloffs.filtering = false;
                self.calloffs.text.clear();
            }
            KeyCode::Backspace => {
                self.calloffs.text.pop();
            }
            KeyCode::Down => {
                self.calloffs.selected = step(self.calloffs.selected, len, 1);
                return;
            }
            KeyCode::Up => {
                self.calloffs.selected = step(self.calloffs.selected, len, -1);
                return;
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.calloffs.text.push(c)
            }
            _ => return,
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
            self.current_agreement().cloned(),
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

    pub(in crate::app) fn deviations_act(&mut self, act: Act) {
        if let Some(s) = self.moved(self.deviations.selected, self.deviations.entries.len(), act) {
            self.deviations.selected = s;
            self.sync_deviation_window();
            return;
        }
        let Some(a) = self.current_agreement().cloned() else {
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
                    Some(id) if self.current == Some(id) => self.rebuild_deviations(id),
                    _ => self.load_calloffs(),
                }
            }
            (Act::ChooseAgreement, _) => self.choose_agreement(),
            _ => {}
        }
    }

    fn refused(&mut self, mut form: Form, message: String) {
        form.message = Some(message);
        self.form = Some(form);
    }

    pub(in crate::app) fn submit_calloff(&mut self, form: Form) {
        let FormTarget::CallOff(editing) = form.target.clone() else {
            return;
        };
        let Some(a) = self.current_agreement().cloned() else {
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
        let Some(a) = self.current_agreement().cloned() else {
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
            form.fail_at("ui.field.sent_at", text);
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

    pub(in crate::app) fn submit_deviation(&mut self, form: Form) {
        let FormTarget::Deviation(id) = form.target.clone() else {
            return;
        };
        let Some(a) = self.current_agreement().cloned() else {
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
