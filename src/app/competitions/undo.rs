//! What the Renewed competition and Outside purchases tabs do after a confirmation or a
//! choice in a picker, and how their changes are undone.

use crate::domain::AgreementId;
use crate::domain::competition::{Competition, EvaluationModel, ModelKind};
use crate::domain::organisation::Organisation;
use crate::domain::purchase::{CategoryDecision, OutsidePurchase, PurchaseId};
use crate::store::StoreError;
use crate::tr;

use crate::app::competitions::{ViewsConfirm, ViewsPick, fit_points};
use crate::app::{App, Undo};

/// How to take back a change made in these tabs.
#[derive(Debug, Clone)]
pub(in crate::app) enum ViewsUndo {
    /// Set a competition back (None: it was new, remove it).
    Competition {
        before: Option<Competition>,
        agreement: AgreementId,
        calloff: String,
    },
    /// Set a saved model back (None: it was new, remove it).
    Model {
        agreement: AgreementId,
        name: String,
        before: Option<EvaluationModel>,
    },
    /// Set a purchase back (None: it was new, remove it).
    Purchase {
        before: Option<OutsidePurchase>,
        id: PurchaseId,
    },
    PurchaseRestore(OutsidePurchase),
    /// Set the organisation's details back.
    Organisation(Organisation),
    Decision {
        agreement: AgreementId,
        category: String,
        before: CategoryDecision,
    },
}

impl App {
    /// A choice made in a picker of these tabs.
    pub(in crate::app) fn views_picked(&mut self, pick: ViewsPick, i: usize) {
        match pick {
            ViewsPick::Model(models) => {
                let (Some(m), Some(open)) = (models.get(i), self.competitions.open.clone()) else {
                    return;
                };
                let mut after = open.competition.clone();
                after.model = m.clone();
                let refit = fit_points(&mut after);
                if self.store_competition(Some(open.competition), &after) && refit {
                    self.info(self.cat.t("ui.competition.points_refit").to_string());
                }
            }
            ViewsPick::Decision(category) => {
                if let Some(d) = CategoryDecision::ALL.get(i) {
                    self.decide(&category, *d);
                }
            }
        }
    }

    /// A confirmed question of these tabs.
    pub(in crate::app) fn views_confirmed(&mut self, action: ViewsConfirm) {
        let open = self.competitions.open.clone().map(|o| o.competition);
        match (action, open) {
            (ViewsConfirm::DeleteCompetition(agreement, reference), _) => {
                match self.store.delete_competition(agreement, &reference) {
                    Ok(old) => {
                        self.undo_push(Undo::Views(ViewsUndo::Competition {
                            before: Some(old),
                            agreement,
                            calloff: reference.clone(),
                        }));
                        self.competitions.open = None;
                        self.load_views();
                        self.info(tr!(self.cat, "ui.status.deleted", reference = reference));
                    }
                    Err(e) => self.store_failed(&e),
                }
            }
            (ViewsConfirm::DeleteCriterion(i), Some(c)) => {
                let mut after = c.clone();
                let removed = match &mut after.model.kind {
                    ModelKind::WeightedScore { criteria, .. } => {
                        (i < criteria.len()).then(|| criteria.remove(i)).is_some()
                    }
                    ModelKind::PriceWithDeductions { criteria } => {
                        (i < criteria.len()).then(|| criteria.remove(i)).is_some()
                    }
                };
                if removed {
                    // The points given for that criterion go with it.
                    for t in &mut after.tenders {
                        if i < t.points.len() {
                            t.points.remove(i);
                        }
                    }
                    if self.store_competition(Some(c), &after)
                        && let Some(o) = self.competitions.open.as_mut()
                    {
                        o.selected = o.selected.saturating_sub(1);
                    }
                }
            }
            (ViewsConfirm::DeleteTender(i), Some(c)) if i < c.tenders.len() => {
                let mut after = c.clone();
                after.tenders.remove(i);
                // A recorded winner whose tender is gone is no longer a decision.
                if after.winner.as_ref() == Some(&c.tenders[i].supplier) {
                    after.winner = None;
                }
                if self.store_competition(Some(c), &after)
                    && let Some(o) = self.competitions.open.as_mut()
                {
                    o.selected = o.selected.min(after.tenders.len().saturating_sub(1));
                }
            }
            (ViewsConfirm::DeletePurchase(id), _) => self.delete_purchase(id),
            (ViewsConfirm::Award(agreement, reference, winner), _) => {
                self.award_to(agreement, &reference, &winner)
            }
            _ => {}
        }
    }

    /// Takes back a change made in these tabs; returns the store's answer and what the
    /// status line names.
    pub(in crate::app) fn undo_views(&mut self, u: &ViewsUndo) -> (Result<(), StoreError>, String) {
        match u {
            ViewsUndo::Competition {
                before: Some(c),
                calloff,
                ..
            } => (self.store.save_competition(c), calloff.clone()),
            ViewsUndo::Competition {
                before: None,
                agreement,
                calloff,
            } => {
                if self
                    .competitions
                    .open
                    .as_ref()
                    .is_some_and(|o| &o.competition.calloff == calloff)
                {
                    self.competitions.open = None;
                }
                (
                    self.store
                        .delete_competition(*agreement, calloff)
                        .map(|_| ()),
                    calloff.clone(),
                )
            }
            ViewsUndo::Model {
                agreement,
                name,
                before,
            } => {
                let r = match before {
                    Some(m) => self.store.save_model(*agreement, m),
                    None => self.store.delete_model(*agreement, name).map(|_| ()),
                };
                (r, name.clone())
            }
            ViewsUndo::Purchase { before, id } => {
                let r = match before {
                    Some(p) => self.store.save_purchase(p),
                    None => self.store.delete_purchase(*id).map(|_| ()),
                };
                (r, format!("#{}", id.0))
            }
            ViewsUndo::PurchaseRestore(p) => (self.store.save_purchase(p), format!("#{}", p.id.0)),
            ViewsUndo::Organisation(o) => (self.store.save_organisation(o), o.name.clone()),
            ViewsUndo::Decision {
                agreement,
                category,
                before,
            } => (
                self.store.set_decision(*agreement, category, *before),
                category.clone(),
            ),
        }
    }
}
