//! Saving the register's forms and changes: an agreement, or a part of one (a lot, a
//! supplier, a contact, an option), checked whole before it is stored, with how to undo it.

use crate::app::form::{self, Form, FormTarget};
use crate::app::undo::Undo;
use crate::app::{App, Tab};
use crate::domain::Agreement;
use crate::tr;

use super::forms::OptionKey;
use super::undo::AgreementUndo;
use super::{Detail, Row, Section, forms, rows};

impl App {
    /// Saves a valid form of the register in one transaction; a refused save keeps the
    /// form open as typed.
    pub(in crate::app) fn submit_agreement_form(&mut self, mut form: Form) {
        let (before, mut after) = match form.target {
            FormTarget::Agreement(None) => {
                let today = self.today;
                (None, Agreement::new("", "", today, today))
            }
            _ => match self
                .register
                .detail
                .as_ref()
                .map(|d| d.id)
                .or(match form.target {
                    FormTarget::Agreement(id) => id,
                    _ => None,
                })
                .and_then(|id| self.agreement(id))
            {
                Some(a) => (Some(a.clone()), a.clone()),
                None => {
                    form.message = Some(self.cat.t("ui.form.gone").to_string());
                    self.form = Some(form);
                    return;
                }
            },
        };
        // An extension option extends the agreement: it ends after the agreement does.
        if let (FormTarget::ExtensionOption(_), Some(b)) = (&form.target, &before)
            && let Some(to) = form[OptionKey::ExtendsTo].date()
            && to <= b.end
        {
            let text = tr!(
                self.cat,
                "ui.form.option_before_end",
                end = form::format_date(b.end)
            );
            form.fail_at(OptionKey::ExtendsTo, text);
            self.form = Some(form);
            return;
        }
        forms::apply(&form, &mut after);
        if let Some(b) = &before {
            after.record_changes(b, self.today);
        }
        let problems = after.problems();
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(|p| p.message(self.cat)).collect();
            form.message = Some(text.join(" "));
            self.form = Some(form);
            return;
        }
        let result = match &before {
            None => self
                .store
                .insert_agreement(&after)
                .inspect(|id| self.undo_push(Undo::Agreement(AgreementUndo::Remove(*id)))),
            Some(b) => self.store.update_agreement(&after).map(|_| {
                self.undo_push(Undo::Agreement(AgreementUndo::Revert(b.clone())));
                b.id
            }),
        };
        match result {
            Ok(id) => {
                self.reload(Some(id));
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = after.reference
                ));
                if before.is_none() {
                    // A new agreement is the one the user is about to work on.
                    self.follow(id);
                    self.tab = Tab::Agreements;
                    self.register.detail = Some(Detail {
                        id,
                        section: Section::Overview,
                        selected: 0,
                    });
                } else if let Some(det) = &mut self.register.detail
                    && let Some(a) = self.agreements.iter().find(|a| a.id == det.id)
                {
                    // Keep the selection on the edited item, or move it to the one just added.
                    let list = rows(a, det.section);
                    let added = match &form.target {
                        &FormTarget::Contact {
                            supplier,
                            index: None,
                        } => list.iter().rposition(
                            |r| matches!(r, Row::Contact { supplier: s, .. } if *s == supplier),
                        ),
                        t if t.is_new() => list.len().checked_sub(1),
                        _ => None,
                    };
                    det.selected = added
                        .unwrap_or(det.selected)
                        .min(list.len().saturating_sub(1));
                }
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }
    /// Stores a changed agreement, remembering how to undo it; false when refused. What
    /// the change ends (a ranking, a supplier) is kept in the agreement's history as of
    /// today.
    pub(in crate::app) fn save(&mut self, before: &Agreement, mut after: Agreement) -> bool {
        after.record_changes(before, self.today);
        let problems = after.problems();
        if let Some(p) = problems.first() {
            self.error(p.message(self.cat));
            return false;
        }
        match self.store.update_agreement(&after) {
            Ok(()) => {
                self.undo_push(Undo::Agreement(AgreementUndo::Revert(before.clone())));
                self.reload(Some(after.id));
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = after.reference
                ));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }
}
