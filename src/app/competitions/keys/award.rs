//! Awarding a call-off to its competition's recorded winner. An award that replaces
//! another asks first and names what it replaces; an award outside the lot (LOU allows
//! call-offs only from the lot's framework suppliers) or against the evaluation is a
//! deviation raised at once, and the reason is asked for then: a documented reason makes
//! it motivated (the call-off's `deviation_reason`).

use crate::app::calloffs::CallOffUndo;
use crate::domain::calloff::{CallOff, CallOffMethod};
use crate::domain::competition::Competition;
use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::{Agreement, AgreementId, OrgNumber};
use crate::tr;

use crate::app::competitions::forms::AwardReasonKey;
use crate::app::competitions::{CompetitionPart, ViewsConfirm};
use crate::app::form::{Field, FieldKind, Form, FormTarget};
use crate::app::{App, Undo};

impl App {
    /// `a` on the Result section: awards the call-off to the recorded winner, asking
    /// first when the call-off already has another award.
    pub(in crate::app) fn award(&mut self, a: &Agreement, c: &Competition) {
        let Some(winner) = c.winner.clone() else {
            return self.error(self.cat.t("ui.competition.no_winner").to_string());
        };
        let calloff = match self.store.calloff(c.agreement, &c.calloff) {
            Ok(Some(calloff)) => calloff,
            Ok(None) => return self.error(self.cat.t("ui.form.gone").to_string()),
            Err(e) => return self.store_failed(&e),
        };
        match &calloff.awarded_supplier {
            Some(current) if *current == winner => self.info(tr!(
                self.cat,
                "ui.award.already",
                reference = c.calloff,
                name = a.supplier_name(&winner)
            )),
            Some(current) => {
                let message = tr!(
                    self.cat,
                    "ui.award.confirm_replace",
                    reference = c.calloff,
                    current = a.supplier_name(current),
                    name = a.supplier_name(&winner)
                );
                self.ask(
                    message,
                    ViewsConfirm::Award(c.agreement, c.calloff.clone(), winner),
                );
            }
            None => self.award_to(c.agreement, &c.calloff, &winner),
        }
    }

    /// Sets `winner` as the call-off's awarded supplier (one `save_calloff`, undoable);
    /// when the award deviates, the reason form opens with the deviation in words.
    pub(in crate::app) fn award_to(
        &mut self,
        agreement: AgreementId,
        reference: &str,
        winner: &OrgNumber,
    ) {
        let Some(a) = self
            .followed_agreement()
            .filter(|a| a.id == agreement)
            .cloned()
        else {
            return self.error(self.cat.t("ui.form.gone").to_string());
        };
        let before = match self.store.calloff(agreement, reference) {
            Ok(Some(before)) => before,
            Ok(None) => return self.error(self.cat.t("ui.form.gone").to_string()),
            Err(e) => return self.store_failed(&e),
        };
        let mut after = before.clone();
        after.awarded_supplier = Some(winner.clone());
        if let Err(e) = self.store.save_calloff(&after) {
            return self.store_failed(&e);
        }
        self.undo_push(Undo::CallOff(CallOffUndo::Revert {
            before: Some(before),
            agreement,
            reference: reference.to_string(),
        }));
        self.calloffs_after_write(Some(reference), 1);
        self.refresh_agenda();
        let name = a.supplier_name(winner);
        let competition = self
            .competitions
            .open
            .as_ref()
            .map(|o| &o.competition)
            .filter(|c| c.calloff == reference)
            .or_else(|| self.competitions.stored.get(reference));
        let deviation = if a.lot(&after.lot).and_then(|l| l.rank_of(winner)).is_none() {
            Some(tr!(
                self.cat,
                "ui.award.deviation_not_in_lot",
                name = name,
                lot = after.lot
            ))
        } else if competition.is_some_and(|c| {
            c.winner.as_ref() == Some(winner) && c.winner_differs_from_evaluation()
        }) {
            Some(tr!(self.cat, "ui.award.deviation_not_first", name = name))
        } else {
            None
        };
        // DESIGN §4 leaves call-offs by renewed competition outside the ranking rule, so
        // an award outside the lot is no ranking outcome: it is registered as a deviation
        // of its own, at once, naming the call-off and the supplier.
        if after.method == CallOffMethod::Competition
            && a.lot(&after.lot).and_then(|l| l.rank_of(winner)).is_none()
            && let Some(why) = &deviation
        {
            let d = ManualDeviation {
                id: DeviationId(0),
                agreement,
                calloff: Some(reference.to_string()),
                supplier: Some(winner.clone()),
                kind: ManualKind::Other,
                registered: self.today,
                description: why.clone(),
                status: DeviationStatus::Open,
                measures: String::new(),
                lesson: false,
            };
            if let Err(e) = self.store.insert_deviation(&d) {
                return self.store_failed(&e);
            }
        }
        match deviation {
            None => self.info(tr!(
                self.cat,
                "ui.competition.awarded",
                reference = reference,
                name = name
            )),
            Some(why) => {
                // The form says why in full; the status line keeps to what was done.
                self.form = Some(reason_form(self.cat, &after, why));
                self.error(tr!(
                    self.cat,
                    "ui.competition.awarded",
                    reference = reference,
                    name = name
                ));
            }
        }
    }

    /// Records the documented reason of a deviating award: the deviation is motivated.
    pub(in crate::app) fn submit_award_reason(
        &mut self,
        mut form: Form,
        agreement: AgreementId,
        reference: &str,
    ) {
        let before = match self.store.calloff(agreement, reference) {
            Ok(Some(before)) => before,
            Ok(None) => {
                form.message = Some(self.cat.t("ui.form.gone").to_string());
                self.form = Some(form);
                return;
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
                return;
            }
        };
        let reason = form[AwardReasonKey::Reason].trimmed();
        let mut after = before.clone();
        after.deviation_reason = (!reason.is_empty()).then_some(reason);
        match self.store.save_calloff(&after) {
            Ok(()) => {
                self.undo_push(Undo::CallOff(CallOffUndo::Revert {
                    before: Some(before),
                    agreement,
                    reference: reference.to_string(),
                }));
                self.calloffs_after_write(Some(reference), 1);
                self.refresh_agenda();
                self.info(tr!(
                    self.cat,
                    "ui.award.reason_saved",
                    reference = reference
                ));
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }
}

/// The documented reason for a deviating award, with the deviation in words below.
fn reason_form(cat: &crate::i18n::Catalog, c: &CallOff, why: String) -> Form {
    let fields = vec![Field::new(
        AwardReasonKey::Reason,
        FieldKind::Text { required: true },
        c.deviation_reason.as_deref().unwrap_or(""),
    )];
    let mut form = Form::new(
        tr!(cat, "ui.award.reason_title", reference = c.reference),
        FormTarget::Competition(CompetitionPart::AwardReason {
            agreement: c.agreement,
            reference: c.reference.clone(),
        }),
        fields,
    );
    form.message = Some(why);
    form
}
