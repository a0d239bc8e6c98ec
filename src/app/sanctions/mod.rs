//! The Sanctions tab (DESIGN §1.7), the Deviations tab's companion: penalties to claim
//! with their arithmetic, damages cases with their dialogue, termination cases walking
//! the escalation model. This file holds the state, the loading and the key dispatch;
//! `forms` the forms, `keys` the keys of each part, `undo` how changes are taken back and
//! `window` how the penalty claims are read a window at a time.

pub mod forms;
pub(crate) mod keys;
pub(crate) mod undo;
pub(crate) mod window;

use crate::domain::AgreementId;
use crate::domain::sanction::{
    DamagesCase, DamagesId, LogEntry, PenaltyClaim, Proposal, TerminationCase, TerminationId,
};
use crate::tr;

use super::keymap::sanctions::{self as key_table, SanctionAct};
use super::keymap::{Act, Binding};
use super::list_window::ListWindow;
use super::sanctions::undo::SanctionUndo;
use super::{App, Confirm, Popup, Tab, Undo};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    #[default]
    Penalties,
    Damages,
    Termination,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Penalties, Part::Damages, Part::Termination];

    pub fn label(self) -> &'static str {
        match self {
            Part::Penalties => "ui.sanctions.part.penalties",
            Part::Damages => "ui.sanctions.part.damages",
            Part::Termination => "ui.sanctions.part.termination",
        }
    }

    fn index(self) -> usize {
        Part::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Which case a form or a log entry belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseRef {
    Claim(String),
    Damages(DamagesId),
    Termination(TerminationId),
}

/// Confirmations asked in this tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanctionConfirm {
    DeleteDamages(DamagesId),
    DeleteTermination(TerminationId),
    DeleteEntry(CaseRef, usize),
    Terminate(TerminationId),
}

#[derive(Default)]
pub struct SanctionsState {
    pub part: Part,
    pub agreement: Option<AgreementId>,
    /// The penalty claims around the selection (a window of the list, in reference
    /// order), by line of the list.
    pub claims: ListWindow<PenaltyClaim>,
    /// How many penalty claims the list has, and how many are still to claim (Identified).
    pub claim_count: usize,
    pub to_claim: u64,
    /// Today's arithmetic of the windowed claims' call-offs that are late, by call-off.
    pub proposals: Vec<Proposal>,
    /// The selected claim's call-off: where the window is read from.
    pub(in crate::app) anchor: Option<String>,
    /// The claims' generation the selected line's number was counted in.
    pub(in crate::app) generation: Option<u64>,
    /// What the lists were read as of: agreement, last audit entry and day.
    pub(in crate::app) loaded: Option<(AgreementId, u64, time::Date)>,
    pub damages: Vec<DamagesCase>,
    pub terminations: Vec<TerminationCase>,
    /// The selected line of each part.
    pub selected: [usize; 3],
    /// The open case's log, with its selected entry (Enter opens, Esc closes).
    pub log: Option<usize>,
}

impl SanctionsState {
    pub fn len(&self) -> usize {
        match self.part {
            Part::Penalties => self.claim_count,
            Part::Damages => self.damages.len(),
            Part::Termination => self.terminations.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn selected(&self) -> usize {
        self.selected[self.part.index()]
    }

    fn select(&mut self, i: usize) {
        self.selected[self.part.index()] = i;
    }

    /// The penalty claim on line `i` of the list, when it is in the window.
    pub fn claim_at(&self, i: usize) -> Option<&PenaltyClaim> {
        self.claims.get(i)
    }

    pub fn claim(&self) -> Option<&PenaltyClaim> {
        self.claim_at(self.selected[0])
    }

    pub fn damages_case(&self) -> Option<&DamagesCase> {
        self.damages.get(self.selected[1])
    }

    pub fn termination(&self) -> Option<&TerminationCase> {
        self.terminations.get(self.selected[2])
    }

    pub fn proposal(&self, calloff: &str) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.calloff == calloff)
    }

    /// The selected case of the shown part.
    pub fn case(&self) -> Option<CaseRef> {
        match self.part {
            Part::Penalties => self.claim().map(|c| CaseRef::Claim(c.calloff.clone())),
            Part::Damages => self.damages_case().map(|c| CaseRef::Damages(c.id)),
            Part::Termination => self.termination().map(|c| CaseRef::Termination(c.id)),
        }
    }

    /// The documentation log of the selected case.
    pub fn case_log(&self) -> &[LogEntry] {
        match self.part {
            Part::Penalties => self.claim().map_or(&[], |c| &c.log),
            Part::Damages => self.damages_case().map_or(&[], |c| &c.dialogue),
            Part::Termination => self.termination().map_or(&[], |c| &c.log),
        }
    }

    /// Keeps every selection inside its list.
    pub(in crate::app) fn clamp(&mut self) {
        let lens = [
            self.claim_count,
            self.damages.len(),
            self.terminations.len(),
        ];
        for (s, n) in self.selected.iter_mut().zip(lens) {
            *s = (*s).min(n.saturating_sub(1));
        }
        let n = self.case_log().len();
        if let Some(i) = self.log.as_mut() {
            *i = (*i).min(n.saturating_sub(1));
        }
    }
}

impl App {
    pub(in crate::app) fn sanction_bindings(&self) -> &'static [Binding] {
        if self.sanctions.log.is_some() {
            return key_table::LOG;
        }
        match self.sanctions.part {
            Part::Penalties => key_table::PENALTIES,
            Part::Damages => key_table::DAMAGES,
            Part::Termination => key_table::TERMINATION,
        }
    }

    /// Records the followed agreement's newly late call-offs as penalty claims (never a
    /// breach twice), then reads the tab's lists again when anything changed since they
    /// were read (the last audit entry tells): the damages and termination cases (few) in
    /// full, the penalty claims as a window around the selection.
    pub(in crate::app) fn load_sanctions(&mut self) {
        let st = &mut self.sanctions;
        if st.agreement != self.followed {
            st.agreement = self.followed;
            st.log = None;
            st.selected = [0; 3];
            st.anchor = None;
            st.generation = None;
            st.loaded = None;
        }
        let Some(a) = self.followed_agreement().cloned() else {
            let st = &mut self.sanctions;
            st.claims.clear();
            st.claim_count = 0;
            st.to_claim = 0;
            st.damages.clear();
            st.terminations.clear();
            st.proposals.clear();
            st.loaded = None;
            return;
        };
        if let Err(e) = self.store.sync_penalty_claims(a.id, self.today) {
            self.store_failed(&e);
        }
        let change = self.store.last_change().ok();
        let now = change.map(|c| (a.id, c, self.today));
        if now.is_some() && self.sanctions.loaded == now {
            return;
        }
        self.sanctions.loaded = None;
        let loaded = self.store.damages_cases(Some(a.id)).and_then(|d| {
            let to_claim = self
                .store
                .claims_to_make()?
                .iter()
                .filter(|t| t.agreement == a.id)
                .map(|t| t.count)
                .sum();
            Ok((d, self.store.termination_cases(Some(a.id))?, to_claim))
        });
        match loaded {
            Ok((damages, terminations, to_claim)) => {
                let st = &mut self.sanctions;
                st.damages = damages;
                st.terminations = terminations;
                st.to_claim = to_claim;
            }
            Err(e) => return self.store_failed(&e),
        }
        if let Err(e) = self.read_claims(&a) {
            return self.store_failed(&e);
        }
        self.sanctions.clamp();
        self.sanctions.loaded = now;
    }

    pub(in crate::app) fn sanctions_act(&mut self, act: Act) {
        if act == Act::ChooseAgreement {
            return self.choose_agreement();
        }
        if self.followed_agreement().is_none() {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        }
        if let Some(i) = self.sanctions.log {
            return self.log_act(act, i);
        }
        let st = &self.sanctions;
        if let Some(s) = self.moved(st.selected(), st.len(), act) {
            if st.part == Part::Penalties {
                return self.move_claim(s);
            }
            self.sanctions.select(s);
            return;
        }
        let n = Part::ALL.len();
        match act {
            Act::NextSection | Act::PrevSection => {
                let step = if act == Act::NextSection { 1 } else { n - 1 };
                self.sanctions.part = Part::ALL[(self.sanctions.part.index() + step) % n];
            }
            Act::Open if !self.sanctions.is_empty() => self.sanctions.log = Some(0),
            Act::Export => self.export_case(),
            Act::Sanction(SanctionAct::NewLogEntry) => self.open_log_form(None),
            _ => match self.sanctions.part {
                Part::Penalties => self.penalty_act(act),
                Part::Damages => self.damages_act(act),
                Part::Termination => self.termination_act(act),
            },
        }
    }

    fn log_act(&mut self, act: Act, i: usize) {
        let n = self.sanctions.case_log().len();
        if let Some(s) = self.moved(i, n, act) {
            self.sanctions.log = Some(s);
            return;
        }
        let Some(case) = self.sanctions.case() else {
            self.sanctions.log = None;
            return;
        };
        match act {
            Act::Back => self.sanctions.log = None,
            Act::Export => self.export_case(),
            Act::Sanction(SanctionAct::NewLogEntry) => self.open_log_form(None),
            Act::Edit if n > 0 => self.open_log_form(Some(i)),
            Act::Sanction(SanctionAct::ToggleLesson) if n > 0 => {
                self.change_entry(case, i, |e| e.lesson = !e.lesson)
            }
            Act::Sanction(SanctionAct::ToggleShared) if n > 0 => self.change_entry(case, i, |e| {
                e.shared_with_supplier = !e.shared_with_supplier
            }),
            Act::Delete if n > 0 => {
                self.popup = Some(Popup::Confirm {
                    message: self.cat.t("ui.sanctions.confirm.delete_entry").to_string(),
                    action: Confirm::Sanction(SanctionConfirm::DeleteEntry(case, i)),
                })
            }
            _ => {}
        }
    }

    pub(in crate::app) fn sanction_confirmed(&mut self, c: SanctionConfirm) {
        match c {
            SanctionConfirm::DeleteDamages(id) => {
                let r = self.store.delete_damages(id);
                self.deleted(r.map(SanctionUndo::DamagesRestore), id.to_string());
            }
            SanctionConfirm::DeleteTermination(id) => {
                let r = self.store.delete_termination(id);
                self.deleted(r.map(SanctionUndo::TerminationRestore), id.to_string());
            }
            SanctionConfirm::DeleteEntry(case, i) => {
                let shown = self.case_name(&case);
                self.change_case(&case, |log| {
                    (i < log.len()).then(|| {
                        log.remove(i);
                    })
                });
                self.info(tr!(self.cat, "ui.sanctions.entry_deleted", case = shown));
            }
            SanctionConfirm::Terminate(id) => self.terminate(id),
        }
    }

    fn deleted(&mut self, r: Result<SanctionUndo, crate::store::StoreError>, shown: String) {
        match r {
            Ok(u) => {
                self.undo_push(Undo::Sanction(u));
                self.load_sanctions();
                self.info(tr!(self.cat, "ui.status.deleted", reference = shown));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    /// What the status line calls a case.
    pub(in crate::app) fn case_name(&self, case: &CaseRef) -> String {
        match case {
            CaseRef::Claim(calloff) => self
                .claim_named(calloff)
                .map_or(calloff.clone(), |c| c.id.to_string()),
            CaseRef::Damages(id) => id.to_string(),
            CaseRef::Termination(id) => id.to_string(),
        }
    }

    /// Shows the Sanctions tab at `part` for the followed agreement (from the agenda).
    pub(in crate::app) fn open_sanctions(&mut self, part: Part) {
        self.sanctions.part = part;
        self.sanctions.log = None;
        self.show_tab(Tab::Sanctions);
    }
}

impl Part {
    /// The part an agenda item of `kind` opens.
    pub fn for_agenda(kind: crate::domain::agenda::AgendaKind) -> Part {
        use crate::domain::agenda::AgendaKind;
        match kind {
            AgendaKind::ImprovementDeadline => Part::Damages,
            AgendaKind::TerminationStep => Part::Termination,
            _ => Part::Penalties,
        }
    }
}
