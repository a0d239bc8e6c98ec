//! An overcharged invoice line made into what follows from it (issue 16): a deviation of
//! its own kind, documented like the others, and a damages case demanding the amount
//! back, in the Sanctions tab, where the claim and the supplier's answer are logged. One
//! key makes both; one undo takes both back; the same line twice is refused.

use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::sanction::{DamagesCase, DamagesId, LogEntry};
use crate::store::StoreError;
use crate::tr;

use super::super::{App, Undo};
use super::sample::SpendUndo;

impl App {
    /// Takes back a deviation and its repayment case made from an overcharged line.
    pub(in crate::app) fn undo_overcharge(
        &mut self,
        deviation: DeviationId,
        damages: DamagesId,
    ) -> (Result<(), StoreError>, String) {
        let r = self
            .store
            .delete_damages(damages)
            .and_then(|_| self.store.delete_deviation(deviation))
            .map(|_| ());
        (r, format!("#{} · {damages}", deviation.0))
    }

    /// The selected overcharged line becomes a deviation and a repayment case.
    pub(in crate::app) fn register_overcharge(&mut self) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let Some(line) = self.spend.audit.get(self.spend.selected).cloned() else {
            return;
        };
        let description = tr!(
            self.cat,
            "ui.spend.overcharge_description",
            invoice = line.invoice,
            line = line.line,
            date = super::super::form::format_date(line.date),
            item = line.item.split_whitespace().collect::<Vec<_>>().join(" "),
            invoiced = self.cat.money_kr(line.unit_price),
            agreed = self.cat.money_kr(line.agreed),
            amount = self.cat.money_kr(line.overcharge)
        );
        // The line is named first in the description: a second deviation of it is refused.
        let key = tr!(
            self.cat,
            "ui.spend.overcharge_key",
            invoice = line.invoice,
            line = line.line
        );
        let existing = self.store.deviations(Some(a.id)).map(|list| {
            list.iter().any(|d| {
                d.kind == ManualKind::Overcharge
                    && d.supplier.as_ref() == Some(&line.supplier)
                    && d.description.starts_with(&key)
            })
        });
        match existing {
            Ok(true) => {
                return self.info(tr!(self.cat, "ui.spend.overcharge_exists", line = key));
            }
            Ok(false) => {}
            Err(e) => return self.store_failed(&e),
        }
        let deviation = ManualDeviation {
            id: DeviationId::default(),
            agreement: a.id,
            calloff: None,
            supplier: Some(line.supplier.clone()),
            kind: ManualKind::Overcharge,
            registered: self.today,
            description: format!("{key}: {description}"),
            status: DeviationStatus::Open,
            measures: String::new(),
            lesson: false,
        };
        let deviation = match self.store.insert_deviation(&deviation) {
            Ok(d) => d,
            Err(e) => return self.store_failed(&e),
        };
        let mut case = DamagesCase::new(
            a.id,
            line.supplier.clone(),
            self.today,
            &format!("{key}: {description}"),
        );
        case.improvement_demanded = tr!(
            self.cat,
            "ui.spend.repayment_demanded",
            amount = self.cat.money_kr(line.overcharge)
        );
        case.dialogue.push(LogEntry::new(
            self.today,
            &tr!(
                self.cat,
                "ui.spend.repayment_log",
                deviation = format!("#{}", deviation.id.0)
            ),
        ));
        match self.store.insert_damages(&case) {
            Ok(case) => {
                self.undo_push(Undo::Spend(SpendUndo::Overcharge {
                    deviation: deviation.id,
                    damages: case.id,
                }));
                self.info(tr!(
                    self.cat,
                    "ui.spend.overcharge_registered",
                    deviation = format!("#{}", deviation.id.0),
                    case = case.id.to_string(),
                    amount = self.cat.money_kr(line.overcharge)
                ));
                self.refresh_agenda();
            }
            Err(e) => {
                // Nothing half-made: the deviation goes again if the case cannot be stored.
                let _ = self.store.delete_deviation(deviation.id);
                self.store_failed(&e);
            }
        }
    }
}
