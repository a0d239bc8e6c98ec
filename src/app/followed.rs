//! The agreement the per-agreement tabs follow (call-offs, deviations, competitions,
//! purchases, meetings, the work tabs, sanctions, statistics): chosen with `A`, by
//! opening an agreement, or remembered in the database.

use crate::domain::{Agreement, AgreementId};

use crate::app::{App, Pick, Picker, Popup};

impl App {
    /// Follow `id` in the call-off and deviation tabs.
    pub fn follow(&mut self, id: AgreementId) {
        if self.followed != Some(id) {
            self.followed = Some(id);
            // A preference, not a record: failing to remember it loses nothing.
            let _ = self.store.set_followed(id);
            self.calloffs.detail = None;
            self.calloffs.supplier = None;
            self.calloffs.lot = None;
            self.calloffs.selected = 0;
        }
    }

    /// The followed agreement: the one chosen, else the one selected in the register.
    pub fn followed_agreement(&self) -> Option<&Agreement> {
        self.followed.and_then(|id| self.agreement(id))
    }

    /// The followed agreement: the one chosen or remembered, else a likely one.
    pub(in crate::app) fn resolve_followed(&mut self) {
        if self.followed_agreement().is_none() {
            self.followed = self.store.followed().ok().flatten();
        }
        if self.followed_agreement().is_none() {
            // Nothing chosen yet: the first business-critical agreement is the likeliest
            // to have call-offs to follow.
            let critical = self
                .agreements
                .iter()
                .find(|a| a.priority == crate::domain::Priority::Class1);
            self.followed = critical.or(self.agreements.first()).map(|a| a.id);
        }
    }

    pub(in crate::app) fn choose_agreement(&mut self) {
        let mut list: Vec<&Agreement> = self.agreements.iter().collect();
        list.sort_by(|a, b| a.reference.cmp(&b.reference));
        let selected = list
            .iter()
            .position(|a| Some(a.id) == self.followed)
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
}
