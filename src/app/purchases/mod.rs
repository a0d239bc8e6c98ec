//! The Outside purchases tab: the register of purchases outside the followed agreement,
//! newest first, and its analysis by category (each with the decision taken) and by
//! orderer. Each save is one store call with undo.

pub(crate) mod forms;

use std::collections::BTreeMap;

use crate::domain::AgreementId;
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseAnalysis, analyse};
use crate::tr;

use super::competitions::undo::ViewsUndo;
use super::competitions::{ViewsConfirm, ViewsPick};
use super::form::{Form, FormTarget};
use super::keymap::{self, Act, Binding};
use super::{App, Confirm, Pick, Picker, Popup, Undo};
use forms::{purchase_form, purchase_from};

#[derive(Default)]
pub struct PurchasesState {
    /// Newest first.
    pub list: Vec<OutsidePurchase>,
    pub selected: usize,
    pub analysis: PurchaseAnalysis,
    /// Decisions by category (trimmed, as the analysis groups them).
    pub decisions: BTreeMap<String, CategoryDecision>,
    /// The analysis pane has the keys (else the register).
    pub in_analysis: bool,
    /// Selected category in the analysis.
    pub category: usize,
}

impl PurchasesState {
    pub fn bindings(&self) -> &'static [Binding] {
        if self.in_analysis {
            keymap::PURCHASE_ANALYSIS
        } else {
            keymap::PURCHASES
        }
    }

    pub fn decision(&self, category: &str) -> CategoryDecision {
        self.decisions
            .get(category)
            .copied()
            .unwrap_or(CategoryDecision::Undecided)
    }
}

/// The catalogue key naming a decision.
pub fn decision_label(d: CategoryDecision) -> &'static str {
    match d {
        CategoryDecision::Undecided => "ui.decision.undecided",
        CategoryDecision::NextProcurement => "ui.decision.next_procurement",
        CategoryDecision::ComplementaryProcurement => "ui.decision.complementary",
        CategoryDecision::NoAction => "ui.decision.none",
    }
}

impl App {
    pub(in crate::app) fn load_purchases(&mut self, id: AgreementId) {
        let loaded = self
            .store
            .purchases(id)
            .and_then(|p| Ok((p, self.store.decisions(id)?)));
        match loaded {
            Ok((mut list, decisions)) => {
                list.sort_by_key(|p| std::cmp::Reverse((p.date, p.id)));
                let st = &mut self.purchases;
                st.analysis = analyse(&list);
                st.list = list;
                st.decisions = decisions.into_iter().collect();
                st.selected = st.selected.min(st.list.len().saturating_sub(1));
                st.category = st
                    .category
                    .min(st.analysis.by_category.len().saturating_sub(1));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn purchases_act(&mut self, act: Act) {
        if act == Act::ChooseAgreement {
            return self.choose_agreement();
        }
        if self.followed.is_none() {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        }
        if self.purchases.in_analysis {
            let len = self.purchases.analysis.by_category.len();
            if let Some(s) = self.moved(self.purchases.category, len, act) {
                self.purchases.category = s;
                return;
            }
            match act {
                Act::PrevSection | Act::Back => self.purchases.in_analysis = false,
                Act::Decide => self.choose_decision(),
                _ => {}
            }
            return;
        }
        if let Some(s) = self.moved(self.purchases.selected, self.purchases.list.len(), act) {
            self.purchases.selected = s;
            return;
        }
        let selected = self.purchases.list.get(self.purchases.selected).cloned();
        match (act, selected) {
            (Act::NextSection, _) => self.purchases.in_analysis = true,
            (Act::New, _) => self.form = Some(purchase_form(self.cat, None, self.today)),
            (Act::Edit | Act::Open, Some(p)) => {
                self.form = Some(purchase_form(self.cat, Some(&p), self.today))
            }
            (Act::Delete, Some(p)) => {
                let message = tr!(
                    self.cat,
                    "ui.confirm.delete_purchase",
                    supplier = p.supplier,
                    amount = self.cat.money_kr(p.amount)
                );
                self.popup = Some(Popup::Confirm {
                    message,
                    action: Confirm::Views(ViewsConfirm::DeletePurchase(p.id)),
                });
            }
            _ => {}
        }
    }

    fn choose_decision(&mut self) {
        let Some((category, _)) = self
            .purchases
            .analysis
            .by_category
            .get(self.purchases.category)
            .cloned()
        else {
            return;
        };
        let now = self.purchases.decision(&category);
        self.popup = Some(Popup::Picker(Picker::new(
            tr!(self.cat, "ui.picker.decision", category = category),
            CategoryDecision::ALL
                .iter()
                .map(|d| self.cat.t(decision_label(*d)).to_string())
                .collect(),
            CategoryDecision::ALL
                .iter()
                .position(|d| *d == now)
                .unwrap_or(0),
            Pick::Views(ViewsPick::Decision(category)),
        )));
    }

    /// Records the decision about a category (one `set_decision`).
    pub(in crate::app) fn decide(&mut self, category: &str, decision: CategoryDecision) {
        let Some(id) = self.followed else {
            return;
        };
        let before = self.purchases.decision(category);
        match self.store.set_decision(id, category, decision) {
            Ok(()) => {
                self.undo_push(Undo::Views(ViewsUndo::Decision {
                    agreement: id,
                    category: category.to_string(),
                    before,
                }));
                self.load_purchases(id);
                self.info(tr!(
                    self.cat,
                    "ui.purchases.decided",
                    category = category,
                    decision = self.cat.t(decision_label(decision))
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn submit_purchase(&mut self, mut form: Form) {
        let FormTarget::Purchase(id) = form.target.clone() else {
            return;
        };
        let (Some(agreement), Some(p)) = (
            self.followed,
            self.followed.and_then(|a| purchase_from(&form, a, id)),
        ) else {
            form.message = Some(self.cat.t("ui.form.fix_errors").to_string());
            self.form = Some(form);
            return;
        };
        let result = match id {
            None => self.store.insert_purchase(&p).map(|s| (None, s.id)),
            Some(id) => {
                let before = self.purchases.list.iter().find(|x| x.id == id).cloned();
                self.store.save_purchase(&p).map(|_| (before, id))
            }
        };
        match result {
            Ok((before, id)) => {
                self.undo_push(Undo::Views(ViewsUndo::Purchase { before, id }));
                self.load_purchases(agreement);
                if let Some(pos) = self.purchases.list.iter().position(|x| x.id == id) {
                    self.purchases.selected = pos;
                }
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = format!("#{}", id.0)
                ));
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }

    pub(in crate::app) fn delete_purchase(&mut self, id: crate::domain::purchase::PurchaseId) {
        match self.store.delete_purchase(id) {
            Ok(p) => {
                self.undo_push(Undo::Views(ViewsUndo::PurchaseRestore(p)));
                if let Some(a) = self.followed {
                    self.load_purchases(a);
                }
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
