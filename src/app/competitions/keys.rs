//! The keys of the Renewed competition tab: the list of call-offs by competition, and an
//! open competition section by section. Every change of a competition is one
//! `save_competition` with the competition as it was kept for undo.

use crate::domain::Agreement;
use crate::domain::competition::Competition;
use crate::tr;

use crate::app::competitions::forms::{
    apply, criterion_form, instruction_form, model_form, note_form, organisation_form, tender_form,
};
use crate::app::competitions::undo::ViewsUndo;
use crate::app::competitions::{
    CompSection, CompetitionPart, CompetitionsState, OpenCompetition, ViewsConfirm, ViewsPick,
    current_instruction, default_model, in_lot, instruction, invitable, new_competition,
};
use crate::app::form::{Form, FormTarget};
use crate::app::keymap::{Act, CompAct};
use crate::app::{App, Confirm, Pick, Picker, Popup, Undo};

mod award;
mod instruction;

impl App {
    /// Reads the followed agreement's competitions, saved models, purchases and decisions.
    pub(in crate::app) fn load_views(&mut self) {
        let Some(id) = self.followed else {
            self.competitions = Default::default();
            self.purchases = Default::default();
            return;
        };
        if self.competitions.agreement != Some(id) {
            self.competitions = Default::default();
            self.competitions.agreement = Some(id);
        }
        // The list is built only for the tab itself (or an open competition).
        if self.tab != crate::app::Tab::Competitions && self.competitions.open.is_none() {
            return self.load_purchases(id);
        }
        let change = self.store.last_change().ok();
        let stamp = CompetitionsState::stamp(&self.calloffs.index, self.calloffs.loaded_change);
        if change.is_some()
            && self.competitions.loaded_change == change
            && self.competitions.index_stamp == Some(stamp)
        {
            self.sync_competition_window();
            return self.load_purchases(id);
        }
        let loaded = self
            .store
            .competitions(id)
            .and_then(|c| Ok((c, self.store.models(id)?, self.store.organisation()?)));
        match loaded {
            Ok((list, models, organisation)) => {
                self.competitions.organisation = organisation;
                // The list is the call-off index's entries by renewed competition; full
                // rows are read for the window on screen only.
                self.competitions.rebuild(&self.calloffs.index, list);
                self.competitions.loaded_change = change;
                self.competitions.index_stamp = Some(stamp);
                self.competitions.models = models;
            }
            Err(e) => self.store_failed(&e),
        }
        self.sync_competition_window();
        self.load_purchases(id);
    }

    /// Reads the rows of the competition list around the selection when the window no
    /// longer covers it, so that rendering never reads the store.
    pub(in crate::app) fn sync_competition_window(&mut self) {
        if self.tab != crate::app::Tab::Competitions {
            return;
        }
        let Some(range) = self.competitions.window_wanted() else {
            return;
        };
        let positions = self.competitions.visible[range.clone()]
            .iter()
            .map(|&i| i as usize);
        match self.store.calloff_rows_at(&self.calloffs.index, positions) {
            Ok(rows) => self.competitions.set_window(range.start, rows),
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn competitions_act(&mut self, act: Act) {
        if self.competitions.open.is_some() {
            return self.competition_act(act);
        }
        if let Some(s) = self.moved(self.competitions.selected, self.competitions.len(), act) {
            self.competitions.selected = s;
            return;
        }
        // The reference is the index's: it does not wait for the window's rows.
        let selected = self
            .competitions
            .reference_at(&self.calloffs.index, self.competitions.selected)
            .map(|r| (r.to_string(), self.competitions.stored.contains_key(r)));
        match act {
            Act::ChooseAgreement => self.choose_agreement(),
            Act::Open => match selected {
                Some((reference, _)) => self.open_competition(&reference),
                None if self.followed.is_none() => {
                    self.error(self.cat.t("ui.calloffs.no_agreement").to_string())
                }
                None => {}
            },
            Act::Delete => {
                if let Some((reference, true)) = selected
                    && let Some(agreement) = self
                        .competitions
                        .stored
                        .get(&reference)
                        .map(|c| c.agreement)
                {
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_competition",
                        reference = reference
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::Views(ViewsConfirm::DeleteCompetition(
                            agreement, reference,
                        )),
                    });
                }
            }
            _ => {}
        }
    }

    /// Opens the competition of a call-off, starting it on first open from the
    /// agreement's first saved model (or the default one).
    pub fn open_competition(&mut self, reference: &str) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let Some(pos) = self.competitions.position(&self.calloffs.index, reference) else {
            return;
        };
        self.competitions.selected = pos;
        self.sync_competition_window();
        let stored = self.competitions.stored.get(reference).cloned();
        let competition = match stored {
            Some(c) => c,
            None => {
                // The window holds the selected row; the store is asked only if it failed.
                let calloff = match self.competitions.row(&self.calloffs.index, pos) {
                    Some(r) => r.calloff.clone(),
                    None => match self.store.calloff_row(a.id, reference) {
                        Ok(Some(r)) => r.calloff,
                        Ok(None) => return,
                        Err(e) => return self.store_failed(&e),
                    },
                };
                let model = self
                    .competitions
                    .models
                    .first()
                    .cloned()
                    .unwrap_or_else(|| default_model(self.cat));
                let org = &self.competitions.organisation;
                let c = new_competition(self.cat, &a, org, &calloff, model);
                if !self.store_competition(None, &c) {
                    return;
                }
                c
            }
        };
        self.competitions.open = Some(OpenCompetition {
            competition,
            section: CompSection::Instruction,
            selected: 0,
        });
        self.competitions.text_end.set(None);
    }

    /// Saves a competition in one transaction, remembering how to undo it; false when
    /// the store refused (the message is on the status line).
    pub(in crate::app) fn store_competition(
        &mut self,
        before: Option<Competition>,
        after: &Competition,
    ) -> bool {
        match self.store.save_competition(after) {
            Ok(()) => {
                self.undo_push(Undo::Views(ViewsUndo::Competition {
                    before,
                    agreement: after.agreement,
                    calloff: after.calloff.clone(),
                }));
                self.load_views();
                self.info(tr!(self.cat, "ui.status.saved", reference = after.calloff));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    fn competition_act(&mut self, act: Act) {
        let (Some(open), Some(a)) = (
            self.competitions.open.clone(),
            self.followed_agreement().cloned(),
        ) else {
            self.competitions.open = None;
            return;
        };
        let c = &open.competition;
        let len = match open.section {
            CompSection::Model => c.model.kind.criteria_len() + 1,
            CompSection::Invited => invitable(&a, c).len(),
            CompSection::Tenders => c.tenders.len(),
            // Text sections scroll to where the renderer found the end of the text.
            _ => self
                .competitions
                .text_end
                .get()
                .map_or(usize::from(u16::MAX), |end| end + 1),
        };
        if let Some(s) = self.moved(open.selected, len, act) {
            if let Some(o) = self.competitions.open.as_mut() {
                o.selected = s;
            }
            return;
        }
        let selected = open.selected;
        let form = match (open.section, act) {
            (_, Act::Back) => {
                self.competitions.open = None;
                return;
            }
            (_, Act::NextSection | Act::PrevSection) => {
                let delta = if act == Act::NextSection { 1 } else { -1 };
                if let Some(o) = self.competitions.open.as_mut() {
                    o.section = o.section.step(delta);
                    o.selected = 0;
                }
                self.competitions.text_end.set(None);
                return;
            }
            (CompSection::Instruction, Act::Edit) => {
                let text = current_instruction(self.cat, &a, &self.competitions.organisation, c);
                instruction_form(self.cat, c, &text)
            }
            (CompSection::Instruction, Act::RefillInstruction) => {
                let mut after = c.clone();
                after.instruction = instruction(self.cat, &a, &self.competitions.organisation, c);
                self.store_competition(Some(c.clone()), &after);
                return;
            }
            (CompSection::Instruction, Act::Comp(CompAct::FillPlaceholders)) => {
                match self.placeholders_form(&a, c) {
                    Some(form) => form,
                    None => return,
                }
            }
            (CompSection::Instruction, Act::Comp(CompAct::Organisation)) => {
                organisation_form(self.cat, &self.competitions.organisation)
            }
            (CompSection::Instruction, Act::Export) => return self.export_instruction(&a, c),
            (CompSection::Note, Act::Edit) => note_form(self.cat, c),
            (CompSection::Model, Act::Edit) if selected == 0 => model_form(self.cat, c),
            (CompSection::Model, Act::Edit) => criterion_form(self.cat, c, Some(selected - 1)),
            (CompSection::Model, Act::New) => criterion_form(self.cat, c, None),
            (CompSection::Model, Act::Delete) if selected > 0 => {
                let name = c
                    .model
                    .kind
                    .criteria()
                    .nth(selected - 1)
                    .map(|(n, _)| n.to_string())
                    .unwrap_or_default();
                let message = tr!(self.cat, "ui.confirm.delete_criterion", name = name);
                return self.ask(message, ViewsConfirm::DeleteCriterion(selected - 1));
            }
            (CompSection::Model, Act::SaveModel) => return self.save_model(&a, c),
            (CompSection::Model, Act::PickModel) => return self.pick_model(),
            (CompSection::Invited, Act::ToggleInvite) => {
                let Some(org) = invitable(&a, c).get(selected).cloned() else {
                    return;
                };
                let mut after = c.clone();
                match after.invited.iter().position(|o| *o == org) {
                    Some(i) => {
                        after.invited.remove(i);
                    }
                    // Only the lot's framework suppliers may be invited (LOU).
                    None if !in_lot(&a, c, &org) => {
                        return self.error(tr!(
                            self.cat,
                            "ui.award.cannot_invite",
                            name = a.supplier_name(&org),
                            lot = c.lot
                        ));
                    }
                    None => after.invited.push(org),
                }
                self.store_competition(Some(c.clone()), &after);
                return;
            }
            (CompSection::Tenders, Act::New) => {
                if a.suppliers.is_empty() {
                    return self.error(self.cat.t("ui.detail.no_suppliers").to_string());
                }
                tender_form(self.cat, &a, c, None)
            }
            (CompSection::Tenders, Act::Edit) if selected < c.tenders.len() => {
                tender_form(self.cat, &a, c, Some(selected))
            }
            (CompSection::Tenders, Act::Delete) => {
                let Some(t) = c.tenders.get(selected) else {
                    return;
                };
                let message = tr!(
                    self.cat,
                    "ui.confirm.delete_tender",
                    supplier = a.supplier_name(&t.supplier)
                );
                return self.ask(message, ViewsConfirm::DeleteTender(selected));
            }
            (CompSection::Result, Act::RecordWinner) => return self.record_winner(&a, c),
            (CompSection::Result, Act::Award) => return self.award(&a, c),
            _ => return,
        };
        self.form = Some(form);
    }

    pub(in crate::app) fn ask(&mut self, message: String, action: ViewsConfirm) {
        self.popup = Some(Popup::Confirm {
            message,
            action: Confirm::Views(action),
        });
    }

    fn record_winner(&mut self, a: &Agreement, c: &Competition) {
        match c.evaluate() {
            Ok(ev) => {
                let mut after = c.clone();
                after.winner = ev.winner().cloned();
                if self.store_competition(Some(c.clone()), &after) {
                    let name = after
                        .winner
                        .as_ref()
                        .map(|o| a.supplier_name(o))
                        .unwrap_or_default();
                    self.info(tr!(self.cat, "ui.competition.winner_recorded", name = name));
                }
            }
            Err(_) => self.error(self.cat.t("ui.competition.cannot_evaluate").to_string()),
        }
    }

    fn save_model(&mut self, a: &Agreement, c: &Competition) {
        let problems = c.model.validate();
        if !problems.is_empty() {
            let text: Vec<String> = problems
                .iter()
                .map(|p| crate::app::competitions::model_problem(self.cat, &c.model, p))
                .collect();
            return self.error(text.join(" "));
        }
        let before = self
            .competitions
            .models
            .iter()
            .find(|m| m.name == c.model.name)
            .cloned();
        match self.store.save_model(a.id, &c.model) {
            Ok(()) => {
                self.undo_push(Undo::Views(ViewsUndo::Model {
                    agreement: a.id,
                    name: c.model.name.clone(),
                    before,
                }));
                self.load_views();
                self.info(tr!(
                    self.cat,
                    "ui.competition.model_saved",
                    name = c.model.name
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    fn pick_model(&mut self) {
        let models = self.competitions.models.clone();
        if models.is_empty() {
            return self.error(self.cat.t("ui.competition.no_models").to_string());
        }
        self.popup = Some(Popup::Picker(Picker::new(
            self.cat.t("ui.picker.model").to_string(),
            models.iter().map(|m| m.name.clone()).collect(),
            0,
            Pick::Views(ViewsPick::Model(models)),
        )));
    }

    /// Saves a form of the open competition; a refused form stays open as typed.
    pub(in crate::app) fn submit_competition(&mut self, mut form: Form) {
        let FormTarget::Competition(part) = form.target.clone() else {
            return;
        };
        match part {
            CompetitionPart::Organisation => return self.submit_organisation(form),
            CompetitionPart::AwardReason {
                agreement,
                reference,
            } => return self.submit_award_reason(form, agreement, &reference),
            _ => {}
        }
        let (Some(open), Some(a)) = (
            self.competitions.open.clone(),
            self.followed_agreement().cloned(),
        ) else {
            form.message = Some(self.cat.t("ui.form.gone").to_string());
            self.form = Some(form);
            return;
        };
        match apply(self.cat, &form, &part, &a, &open.competition) {
            Ok(after) => {
                if !self.store_competition(Some(open.competition), &after) {
                    form.message = self.status.as_ref().map(|s| s.text.clone());
                    self.form = Some(form);
                    return;
                }
                if let (Some(o), CompetitionPart::Tender(None) | CompetitionPart::Criterion(None)) =
                    (self.competitions.open.as_mut(), &part)
                {
                    o.selected = match part {
                        CompetitionPart::Tender(_) => after.tenders.len().saturating_sub(1),
                        _ => after.model.kind.criteria_len(),
                    };
                }
            }
            Err(message) => {
                form.message = Some(message);
                self.form = Some(form);
            }
        }
    }
}
