//! What the Sanctions tab's keys and forms do: a penalty claimed, paid, disputed or waived
//! (each recorded in its log, so the history survives the next status), damages claimed
//! only after dialogue, termination steps up the escalation model, and the Markdown export.

use crate::domain::sanction::{
    DamagesCase, SanctionLabels, StepRefusal, TerminationCase, TerminationId, add_entry,
    claim_markdown, damages_markdown, termination_markdown,
};
use crate::tr;

use crate::app::form::Form;
use crate::app::keymap::Act;
use crate::app::keymap::sanctions::SanctionAct;
use crate::app::sanctions::forms::{
    DamagesClaimKey, SanctionForm, StatusKey, damages_claim_form, damages_form, damages_from,
    entry_from, log_form, status_form, step_form, step_from, termination_form, termination_from,
};
use crate::app::sanctions::{CaseRef, SanctionConfirm};
use crate::app::{App, Confirm, Popup};

/// A damages or termination case of the list, or "gone" when it no longer is there.
fn case_of<T: Clone>(
    list: &[T],
    is: impl Fn(&T) -> bool,
    gone: impl Fn() -> String,
) -> Result<T, String> {
    list.iter().find(|c| is(c)).cloned().ok_or_else(gone)
}

impl App {
    pub(in crate::app) fn open_log_form(&mut self, index: Option<usize>) {
        let Some(case) = self.sanctions.case() else {
            return;
        };
        let entry = index.and_then(|i| self.sanctions.case_log().get(i).map(|e| (i, e)));
        self.form = Some(log_form(self.cat, case, entry, self.today));
    }

    pub(in crate::app) fn penalty_act(&mut self, act: Act) {
        let Some(c) = self.sanctions.claim().cloned() else {
            return;
        };
        let r = c.calloff.clone();
        let (target, check) = match act {
            Act::Sanction(SanctionAct::Claim) => {
                (SanctionForm::Claim(r), c.clone().claim(self.today, "-"))
            }
            Act::Sanction(SanctionAct::Paid) => (SanctionForm::Paid(r), c.clone().paid(self.today)),
            Act::Sanction(SanctionAct::Dispute) => {
                (SanctionForm::Dispute(r), c.clone().dispute(self.today, "-"))
            }
            Act::Sanction(SanctionAct::Waive) => {
                (SanctionForm::Waive(r), c.clone().waive(self.today, "-"))
            }
            _ => return,
        };
        // Refused before anything is typed when the status does not allow it.
        match check {
            Ok(()) => self.form = Some(status_form(self.cat, target, self.today)),
            Err(refusal) => self.error(self.cat.t(refusal.key()).to_string()),
        }
    }

    pub(in crate::app) fn damages_act(&mut self, act: Act) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let case = self.sanctions.damages_case().cloned();
        match (act, case) {
            (Act::New, _) if a.suppliers.is_empty() => {
                self.error(self.cat.t("ui.sanctions.no_suppliers").to_string())
            }
            (Act::New, _) => self.form = Some(damages_form(self.cat, &a, None)),
            (Act::Edit, Some(c)) => self.form = Some(damages_form(self.cat, &a, Some(&c))),
            (Act::Delete, Some(c)) => {
                self.popup = Some(Popup::Confirm {
                    message: tr!(self.cat, "ui.sanctions.confirm.delete_case", id = c.id),
                    action: Confirm::Sanction(SanctionConfirm::DeleteDamages(c.id)),
                })
            }
            (Act::Sanction(SanctionAct::Claim), Some(c)) => {
                // Everything but the deadline can be judged before the form opens.
                match c.claim_refusal(time::Date::MAX) {
                    Some(r) => self.error(self.refusal(r.key(), None, 0)),
                    None => self.form = Some(damages_claim_form(self.cat, &c, self.today)),
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn termination_act(&mut self, act: Act) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let case = self.sanctions.termination().cloned();
        match (act, case) {
            (Act::New, _) if a.suppliers.is_empty() => {
                self.error(self.cat.t("ui.sanctions.no_suppliers").to_string())
            }
            (Act::New, _) => self.form = Some(termination_form(self.cat, &a, None)),
            (Act::Edit, Some(c)) => self.form = Some(termination_form(self.cat, &a, Some(&c))),
            (Act::Delete, Some(c)) => {
                self.popup = Some(Popup::Confirm {
                    message: tr!(self.cat, "ui.sanctions.confirm.delete_case", id = c.id),
                    action: Confirm::Sanction(SanctionConfirm::DeleteTermination(c.id)),
                })
            }
            (Act::Sanction(SanctionAct::Step), Some(c)) => {
                if a.escalation.is_empty() {
                    return self.error(self.cat.t(StepRefusal::NoEscalationModel.key()).into());
                }
                self.form = Some(step_form(self.cat, &a, &c, self.today))
            }
            (Act::Sanction(SanctionAct::Terminate), Some(c)) => {
                match c.clone().terminate(&a.escalation) {
                    Err(StepRefusal::NotAtLastLevel { last }) => self.error(self.refusal(
                        StepRefusal::NotAtLastLevel { last }.key(),
                        None,
                        last,
                    )),
                    Err(r) => self.error(self.refusal(r.key(), None, 0)),
                    Ok(()) => {
                        self.popup = Some(Popup::Confirm {
                            message: tr!(self.cat, "ui.sanctions.confirm.terminate", id = c.id),
                            action: Confirm::Sanction(SanctionConfirm::Terminate(c.id)),
                        })
                    }
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn terminate(&mut self, id: TerminationId) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let Some(before) = self
            .sanctions
            .terminations
            .iter()
            .find(|c| c.id == id)
            .cloned()
        else {
            return;
        };
        let mut after = before.clone();
        if let Err(r) = after.terminate(&a.escalation) {
            return self.error(self.refusal(r.key(), None, 0));
        }
        let text = self.cat.t("ui.sanctions.logged.terminated").to_string();
        self.note(&mut after.log, self.today, text, true);
        if let Err(e) = self.save_termination_change(Some(&before), &after) {
            self.store_failed(&e);
        }
    }

    /// Applies a valid form of this tab; a refusal keeps the form open as typed.
    pub(in crate::app) fn submit_sanction(&mut self, mut form: Form, target: SanctionForm) {
        match self.apply_sanction(&form, target) {
            Ok(()) => {}
            Err(message) => {
                form.message = Some(message);
                self.form = Some(form);
            }
        }
    }

    fn apply_sanction(&mut self, form: &Form, target: SanctionForm) -> Result<(), String> {
        let cat = self.cat;
        let gone = || cat.t("ui.sanctions.gone").to_string();
        let a = self.followed_agreement().cloned().ok_or_else(gone)?;
        // One handler for the claim's status forms: not every one has a letter or a reason.
        let text_of = |key| form.get(key).map(|f| f.trimmed()).unwrap_or_default();
        let claim_of = |c: &str| self.claim_named(c);
        let st = &self.sanctions;
        match target {
            SanctionForm::Claim(c)
            | SanctionForm::Paid(c)
            | SanctionForm::Dispute(c)
            | SanctionForm::Waive(c) => {
                let before = claim_of(&c).ok_or_else(gone)?;
                let mut after = before.clone();
                let date = form[StatusKey::Date].date().unwrap_or(self.today);
                let letter = text_of(StatusKey::Letter);
                let reason = text_of(StatusKey::Reason);
                let (r, text, shared) = match form.target {
                    crate::app::form::FormTarget::Sanction(SanctionForm::Claim(_)) => {
                        let t = tr!(cat, "ui.sanctions.logged.claimed", letter = letter);
                        (after.claim(date, &letter), t, true)
                    }
                    crate::app::form::FormTarget::Sanction(SanctionForm::Paid(_)) => {
                        let t = cat.t("ui.sanctions.logged.paid").to_string();
                        (after.paid(date), t, false)
                    }
                    crate::app::form::FormTarget::Sanction(SanctionForm::Dispute(_)) => {
                        let t = tr!(cat, "ui.sanctions.logged.disputed", reason = reason);
                        (after.dispute(date, &reason), t, false)
                    }
                    _ => {
                        let t = tr!(cat, "ui.sanctions.logged.waived", reason = reason);
                        (after.waive(date, &reason), t, false)
                    }
                };
                r.map_err(|e| cat.t(e.key()).to_string())?;
                self.note(&mut after.log, date, text, shared);
                if let Some(e) = after.log.iter_mut().rev().find(|e| e.date == date) {
                    if !letter.is_empty() {
                        e.attachments = vec![letter];
                    }
                }
                self.save_claim_change(&before, &after);
                Ok(())
            }
            SanctionForm::Log { case, index } => {
                let entry = entry_from(form).ok_or_else(gone)?;
                let stored = self.change_case(&case, |log| {
                    match index {
                        Some(i) if i < log.len() => {
                            log.remove(i);
                        }
                        Some(_) => return None,
                        None => {}
                    }
                    add_entry(log, entry);
                    Some(())
                });
                if stored { Ok(()) } else { Err(gone()) }
            }
            SanctionForm::Damages(id) => {
                let before = id
                    .map(|id| case_of(&st.damages, |c| c.id == id, gone))
                    .transpose()?;
                let first = a.suppliers.first().map(|s| s.org_number.clone());
                let base = match (before.clone(), first) {
                    (Some(b), _) => b,
                    (None, Some(org)) => DamagesCase::new(a.id, org, self.today, ""),
                    (None, None) => return Err(cat.t("ui.sanctions.no_suppliers").to_string()),
                };
                let after = damages_from(form, &a, base);
                let stored = self
                    .save_damages_change(before.as_ref(), &after)
                    .map_err(|e| e.message(cat))?;
                self.select_damages(stored.id);
                Ok(())
            }
            SanctionForm::DamagesClaim(id) => {
                let before = case_of(&st.damages, |c| c.id == id, gone)?;
                let date = form[DamagesClaimKey::Date].date().unwrap_or(self.today);
                let amount = form[DamagesClaimKey::Amount].money().unwrap_or_default();
                let mut after = before.clone();
                after
                    .record_claim(date, amount)
                    .map_err(|r| self.refusal(r.key(), deadline(r), 0))?;
                let text = tr!(cat, "ui.sanctions.logged.damages_claimed", amount = amount);
                self.note(&mut after.dialogue, date, text, true);
                self.save_damages_change(Some(&before), &after)
                    .map_err(|e| e.message(cat))?;
                Ok(())
            }
            SanctionForm::Termination(id) => {
                let before = id
                    .map(|id| case_of(&st.terminations, |c| c.id == id, gone))
                    .transpose()?;
                let first = a.suppliers.first().map(|s| s.org_number.clone());
                let base = match (before.clone(), first) {
                    (Some(b), _) => b,
                    (None, Some(org)) => TerminationCase::new(a.id, org, self.today, ""),
                    (None, None) => return Err(cat.t("ui.sanctions.no_suppliers").to_string()),
                };
                let after = termination_from(form, &a, base);
                let stored = self
                    .save_termination_change(before.as_ref(), &after)
                    .map_err(|e| e.message(cat))?;
                self.select_termination(stored.id);
                Ok(())
            }
            SanctionForm::Step(id) => {
                let before = case_of(&st.terminations, |c| c.id == id, gone)?;
                let step = step_from(form, &a).ok_or_else(gone)?;
                let mut after = before.clone();
                let title = a
                    .escalation
                    .iter()
                    .find(|l| l.level == step.level)
                    .map(|l| l.title.clone())
                    .unwrap_or_default();
                let text = tr!(
                    cat,
                    "ui.sanctions.logged.step",
                    level = step.level,
                    title = title,
                    what = step.what,
                    to = step.sent_to
                );
                let on = step.sent_on;
                after.add_step(&a.escalation, step).map_err(|r| {
                    let level = match r {
                        StepRefusal::UnknownLevel(l)
                        | StepRefusal::Backwards { reached: l }
                        | StepRefusal::SkipsLevel { expected: l }
                        | StepRefusal::NotAtLastLevel { last: l } => l,
                        _ => 0,
                    };
                    self.refusal(r.key(), None, level)
                })?;
                // The supplier is kept informed: the step is what was sent to them.
                self.note(&mut after.log, on, text, true);
                self.save_termination_change(Some(&before), &after)
                    .map_err(|e| e.message(cat))?;
                Ok(())
            }
        }
    }

    fn select_damages(&mut self, id: crate::domain::sanction::DamagesId) {
        if let Some(i) = self.sanctions.damages.iter().position(|c| c.id == id) {
            self.sanctions.selected[1] = i;
        }
    }

    fn select_termination(&mut self, id: TerminationId) {
        if let Some(i) = self.sanctions.terminations.iter().position(|c| c.id == id) {
            self.sanctions.selected[2] = i;
        }
    }

    /// Writes the selected case as Markdown to the working directory and says where.
    pub(in crate::app) fn export_case(&mut self) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let labels =
            SanctionLabels::from_lookup(|key| self.cat.t(&format!("export.{key}")).to_string());
        let st = &self.sanctions;
        let (name, text) = match st.case() {
            Some(CaseRef::Claim(_)) => match st.claim() {
                Some(c) => (
                    c.id.to_string(),
                    claim_markdown(c, &a, &a.supplier_name(&c.supplier), &labels),
                ),
                None => return,
            },
            Some(CaseRef::Damages(_)) => match st.damages_case() {
                Some(c) => (
                    c.id.to_string(),
                    damages_markdown(c, &a, &a.supplier_name(&c.supplier), &labels),
                ),
                None => return,
            },
            Some(CaseRef::Termination(_)) => match st.termination() {
                Some(c) => (
                    c.id.to_string(),
                    termination_markdown(c, &a, &a.supplier_name(&c.supplier), &labels),
                ),
                None => return,
            },
            None => return,
        };
        let path = std::path::PathBuf::from(format!(
            "{}-{name}.md",
            self.cat.t("ui.sanctions.export_prefix")
        ));
        match std::fs::write(&path, text) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                self.info(tr!(
                    self.cat,
                    "ui.sanctions.exported",
                    path = shown.display()
                ));
            }
            Err(e) => self.error(tr!(
                self.cat,
                "ui.sanctions.export_failed",
                path = path.display(),
                detail = e
            )),
        }
    }
}

fn deadline(r: crate::domain::sanction::DamagesRefusal) -> Option<time::Date> {
    match r {
        crate::domain::sanction::DamagesRefusal::BeforeDeadline(d) => Some(d),
        _ => None,
    }
}
