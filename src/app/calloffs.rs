//! The Call-offs tab's state: the call-offs of the agreement being followed, filtered by
//! supplier, lot, method and outcome, and one call-off opened with its request cascade.

use crate::domain::calloff::{CallOffMethod, Request};
use crate::domain::ranking::RankingOutcome;
use crate::domain::{AgreementId, OrgNumber};
use crate::store::CallOffRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutcomeFilter {
    #[default]
    All,
    Compliant,
    Deviation,
    NotAssessed,
}

impl OutcomeFilter {
    pub fn next(self) -> OutcomeFilter {
        match self {
            OutcomeFilter::All => OutcomeFilter::Compliant,
            OutcomeFilter::Compliant => OutcomeFilter::Deviation,
            OutcomeFilter::Deviation => OutcomeFilter::NotAssessed,
            OutcomeFilter::NotAssessed => OutcomeFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutcomeFilter::All => "ui.calloffs.outcome_all",
            OutcomeFilter::Compliant => "ui.calloffs.outcome_compliant",
            OutcomeFilter::Deviation => "ui.calloffs.outcome_deviation",
            OutcomeFilter::NotAssessed => "ui.calloffs.outcome_not_assessed",
        }
    }

    fn keeps(self, o: &RankingOutcome) -> bool {
        match self {
            OutcomeFilter::All => true,
            OutcomeFilter::Compliant => *o == RankingOutcome::Compliant,
            OutcomeFilter::Deviation => o.is_deviation(),
            OutcomeFilter::NotAssessed => *o == RankingOutcome::NotAssessed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOffDetail {
    pub reference: String,
    pub requests: Vec<Request>,
    pub selected: usize,
}

#[derive(Default)]
pub struct CallOffsState {
    /// The agreement whose call-offs are loaded.
    pub agreement: Option<AgreementId>,
    pub rows: Vec<CallOffRow>,
    /// Indices into `rows` that pass the filters, newest request first.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub supplier: Option<OrgNumber>,
    pub lot: Option<String>,
    pub method: Option<CallOffMethod>,
    pub outcome: OutcomeFilter,
    pub text: String,
    pub filtering: bool,
    pub detail: Option<CallOffDetail>,
}

impl CallOffsState {
    /// Takes freshly read rows, newest request first: sorted once here, so that
    /// filtering keeps the order without sorting again.
    pub fn set_rows(&mut self, mut rows: Vec<CallOffRow>) {
        rows.sort_by(|x, y| {
            let (x, y) = (&x.calloff, &y.calloff);
            (y.requested_at, &y.reference).cmp(&(x.requested_at, &x.reference))
        });
        self.rows = rows;
    }

    /// Applies the filters; keeps the selection on the same call-off when it is still shown.
    pub fn refresh(&mut self) {
        let keep = self.selected_row().map(|r| r.calloff.reference.clone());
        let needle = self.text.to_lowercase();
        let visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                let c = &r.calloff;
                self.supplier
                    .as_ref()
                    .is_none_or(|s| c.awarded_supplier.as_ref() == Some(s))
                    && self.lot.as_ref().is_none_or(|l| &c.lot == l)
                    && self.method.is_none_or(|m| c.method == m)
                    && self.outcome.keeps(&r.outcome)
                    && (needle.is_empty()
                        || c.reference.to_lowercase().contains(&needle)
                        || c.orderer.to_lowercase().contains(&needle))
            })
            .collect();
        self.visible = visible;
        if let Some(reference) = keep
            && let Some(pos) = self
                .visible
                .iter()
                .position(|&i| self.rows[i].calloff.reference == reference)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&CallOffRow> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
    }

    pub fn row(&self, reference: &str) -> Option<&CallOffRow> {
        self.rows.iter().find(|r| r.calloff.reference == reference)
    }

    pub fn filtered(&self) -> bool {
        self.supplier.is_some()
            || self.lot.is_some()
            || self.method.is_some()
            || self.outcome != OutcomeFilter::All
            || !self.text.is_empty()
    }
}
