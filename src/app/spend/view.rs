//! The Spend tab (DESIGN §1.12), the Outside purchases tab's companion: the last twelve
//! months of invoices against the followed agreement — spend per month and supplier, the
//! maximum value and when it will be reached, agreement compliance with the suppliers
//! outside the agreement, and the invoice lines above the agreed price. Computed when the
//! tab is shown or the agreement changes, never per frame.

use crate::domain::purchase::OutsidePurchase;
use crate::stats::spend::{
    CeilingForecast, PriceAuditRow, SpendReport, ceiling_forecast, last_twelve_months,
};
use crate::tr;

use super::super::competitions::undo::ViewsUndo;
use super::super::keymap::{self, Act, Binding};
use super::super::{App, Undo};

/// The parts of the tab, shown one at a time under the gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpendPart {
    #[default]
    Suppliers,
    Outside,
    PriceAudit,
    /// The invoice review (fakturakontroll): the latest sample drawn (`sample.rs`).
    Sample,
}

impl SpendPart {
    pub const ALL: [SpendPart; 4] = [
        SpendPart::Suppliers,
        SpendPart::Outside,
        SpendPart::PriceAudit,
        SpendPart::Sample,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SpendPart::Suppliers => "ui.spend.part.suppliers",
            SpendPart::Outside => "ui.spend.part.outside",
            SpendPart::PriceAudit => "ui.spend.part.price_audit",
            SpendPart::Sample => "ui.spend.part.sample",
        }
    }
}

#[derive(Default)]
pub struct SpendState {
    /// The last twelve months to today.
    pub report: Option<SpendReport>,
    pub forecast: Option<CeilingForecast>,
    /// Overcharged lines of the same twelve months.
    pub audit: Vec<PriceAuditRow>,
    pub part: SpendPart,
    pub selected: usize,
    /// How many invoices the file holds at all (an empty file says how to import).
    pub invoices: u64,
    /// The followed agreement's invoice samples, oldest first.
    pub samples: Vec<crate::domain::spend::sample::InvoiceSample>,
    /// What the figures were read for: the agreement, the day and the store's write count.
    /// Entering the tab again reads nothing while these are the same (the price audit of
    /// a large agreement reads every invoice document of its year).
    read_for: Option<(crate::domain::AgreementId, time::Date, u64)>,
}

impl SpendState {
    pub fn bindings(&self) -> &'static [Binding] {
        keymap::spend_bindings(self.part)
    }

    pub fn rows(&self) -> usize {
        match (self.part, &self.report) {
            (SpendPart::Suppliers, Some(r)) => r.suppliers.len(),
            (SpendPart::Outside, Some(r)) => r.outside.len(),
            (SpendPart::PriceAudit, _) => self.audit.len(),
            (SpendPart::Sample, _) => self.samples.last().map_or(0, |s| s.items.len()),
            (_, None) => 0,
        }
    }
}

impl App {
    pub(in crate::app) fn load_spend(&mut self) {
        let Some(a) = self.followed_agreement().cloned() else {
            self.spend = SpendState::default();
            return;
        };
        let read_for = Some((a.id, self.today, self.store.writes()));
        if self.spend.read_for == read_for {
            return;
        }
        self.load_samples(a.id);
        let (from, to) = last_twelve_months(self.today);
        let loaded = super::spend(&self.store, &self.agreements, &a, from, to, self.today)
            .and_then(|r| {
                let audit =
                    super::price_audit(&self.store, &self.agreements, &a, Some(from), Some(to))?;
                let (ledger, documents) = self.store.invoice_counts()?;
                Ok((r, audit, ledger + documents))
            });
        match loaded {
            Ok((report, audit, invoices)) => {
                let st = &mut self.spend;
                st.forecast = a
                    .money
                    .max_value
                    .map(|max| ceiling_forecast(report.cumulative, max, report.spend, self.today));
                st.report = Some(report);
                st.audit = audit;
                st.invoices = invoices;
                st.read_for = read_for;
                st.selected = st.selected.min(st.rows().saturating_sub(1));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn spend_act(&mut self, act: Act) {
        if act == Act::ChooseAgreement {
            return self.choose_agreement();
        }
        if self.followed.is_none() {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        }
        if let Some(s) = self.moved(self.spend.selected, self.spend.rows(), act) {
            self.spend.selected = s;
            return;
        }
        match act {
            Act::NextSection | Act::PrevSection => {
                let n = SpendPart::ALL.len();
                let i = SpendPart::ALL
                    .iter()
                    .position(|p| *p == self.spend.part)
                    .unwrap_or(0);
                let step = if act == Act::NextSection { 1 } else { n - 1 };
                self.spend.part = SpendPart::ALL[(i + step) % n];
                self.spend.selected = 0;
            }
            Act::New if self.spend.part == SpendPart::Outside => self.register_outside(),
            Act::New if self.spend.part == SpendPart::PriceAudit => self.register_overcharge(),
            Act::New if self.spend.part == SpendPart::Sample => self.open_draw_form(),
            Act::Edit if self.spend.part == SpendPart::Sample => self.open_check_form(),
            _ => {}
        }
    }

    /// The selected supplier outside the agreement becomes a registered purchase outside
    /// it (Outside purchases tab), for its spend on the agreement's accounts in the window.
    fn register_outside(&mut self) {
        let (Some(a), Some(r)) = (
            self.followed_agreement().cloned(),
            self.spend.report.as_ref(),
        ) else {
            return;
        };
        let Some(s) = r.outside.get(self.spend.selected).cloned() else {
            return;
        };
        if s.spend.0 <= 0 {
            return self.error(tr!(
                self.cat,
                "ui.spend.nothing_to_register",
                supplier = s.name
            ));
        }
        let supplier = format!("{} ({})", s.name, s.org_number);
        let description = tr!(
            self.cat,
            "ui.spend.purchase_description",
            from = super::super::form::format_date(r.from),
            to = super::super::form::format_date(r.to),
            accounts = a.money.accounts.join(", ")
        );
        // The same supplier and window registered before: once is enough.
        let existing = self.store.purchases(a.id).map(|list| {
            list.iter()
                .any(|p| p.supplier == supplier && p.description == description)
        });
        match existing {
            Ok(true) => {
                return self.info(tr!(
                    self.cat,
                    "ui.spend.already_registered",
                    supplier = supplier
                ));
            }
            Ok(false) => {}
            Err(e) => return self.store_failed(&e),
        }
        let p = OutsidePurchase {
            id: Default::default(),
            agreement: a.id,
            date: r.to,
            orderer: self.cat.t("ui.spend.orderer_ledger").to_string(),
            supplier: supplier.clone(),
            description,
            amount: s.spend,
            category: tr!(
                self.cat,
                "ui.spend.category_accounts",
                accounts = a.money.accounts.join(", ")
            ),
            reason: String::new(),
        };
        match self.store.insert_purchase(&p) {
            Ok(stored) => {
                self.undo_push(Undo::Views(ViewsUndo::Purchase {
                    before: None,
                    id: stored.id,
                }));
                self.load_purchases(a.id);
                self.info(tr!(
                    self.cat,
                    "ui.spend.registered",
                    supplier = supplier,
                    amount = self.cat.money_kr(s.spend)
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}
