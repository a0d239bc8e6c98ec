//! The Renewed competition tab's state: the followed agreement's call-offs by renewed
//! competition with how far each competition has come, and one competition opened in
//! sections (instruction, model, invited, tenders, result, note). Also the pure helpers
//! the tab needs: the default model, the instruction filled from its template, and the
//! problems of a model or its tenders in words.

pub(crate) mod forms;
pub(crate) mod keys;
pub(crate) mod text;
pub(crate) mod undo;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::domain::calloff::{CallOff, CallOffMethod};
use crate::domain::competition::{
    Competition, Criterion, DeductionCriterion, EvaluationModel, ModelKind, fill_instruction,
};
use crate::domain::organisation::Organisation;
use crate::domain::{Agreement, AgreementId, Money, OrgNumber};
use crate::i18n::{Catalog, Lang};
use crate::store::{CallOffIndex, CallOffRow};
use crate::tr;

use super::form::format_datetime;
use super::keymap::{self, Binding};
use super::list_window::ListWindow;

pub use super::competitions::text::{model_problem, points_text, tender_problem};

/// How far a call-off's competition has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompStatus {
    NotStarted,
    Invited,
    TendersIn,
    WinnerRecorded,
}

impl CompStatus {
    pub fn of(c: Option<&Competition>) -> CompStatus {
        match c {
            None => CompStatus::NotStarted,
            Some(c) if c.winner.is_some() => CompStatus::WinnerRecorded,
            Some(c) if !c.tenders.is_empty() => CompStatus::TendersIn,
            Some(_) => CompStatus::Invited,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CompStatus::NotStarted => "ui.competition.status_none",
            CompStatus::Invited => "ui.competition.status_invited",
            CompStatus::TendersIn => "ui.competition.status_tenders",
            CompStatus::WinnerRecorded => "ui.competition.status_winner",
        }
    }
}

/// The parts of an open competition, in the order a competition is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompSection {
    Instruction,
    Model,
    Invited,
    Tenders,
    Result,
    Note,
}

impl CompSection {
    pub const ALL: [CompSection; 6] = [
        CompSection::Instruction,
        CompSection::Model,
        CompSection::Invited,
        CompSection::Tenders,
        CompSection::Result,
        CompSection::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CompSection::Instruction => "ui.competition.section_instruction",
            CompSection::Model => "ui.competition.section_model",
            CompSection::Invited => "ui.competition.section_invited",
            CompSection::Tenders => "ui.competition.section_tenders",
            CompSection::Result => "ui.competition.section_result",
            CompSection::Note => "ui.competition.section_note",
        }
    }

    pub fn step(self, delta: isize) -> CompSection {
        let n = Self::ALL.len() as isize;
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        Self::ALL[(i + delta).rem_euclid(n) as usize]
    }
}

/// What a form of the open competition changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompetitionPart {
    /// The deadline and the instruction text.
    Instruction,
    /// The model's name, kind and price weight.
    ModelHead,
    /// A new criterion (None) or the `i`-th.
    Criterion(Option<usize>),
    /// A new tender (None) or the `i`-th.
    Tender(Option<usize>),
    Note,
    /// The placeholders still in the instruction, by name, each filled from its field.
    Placeholders(Vec<String>),
    /// The organisation's name and the contract manager's contact (for every instruction).
    Organisation,
    /// The documented reason for an award that deviates (the call-off's `deviation_reason`).
    AwardReason {
        agreement: AgreementId,
        reference: String,
    },
}

/// A call-off by renewed competition, with its competition if one was started: a row of
/// the list as the window holds it.
#[derive(Debug, Clone, Copy)]
pub struct CompRow<'a> {
    pub calloff: &'a CallOff,
    pub competition: Option<&'a Competition>,
}

impl CompRow<'_> {
    pub fn status(&self) -> CompStatus {
        CompStatus::of(self.competition)
    }
}

#[derive(Debug, Clone)]
pub struct OpenCompetition {
    pub competition: Competition,
    pub section: CompSection,
    /// The selected row of a list section, or the scroll of a text section.
    pub selected: usize,
}

/// Which call-off index `visible` was taken from: the agreement, the store's change when
/// the index was read, and its length.
type IndexStamp = (Option<AgreementId>, Option<u64>, usize);

#[derive(Default)]
pub struct CompetitionsState {
    /// The agreement whose competitions are loaded.
    pub agreement: Option<AgreementId>,
    /// Positions in the call-off index (`CallOffsState::index`) of the call-offs by
    /// renewed competition, newest request first.
    pub visible: Vec<u32>,
    pub selected: usize,
    /// The call-offs of positions of `visible` around the selection, read from the store
    /// so that rendering never reads the store.
    pub window: ListWindow<CallOff>,
    /// The stored competitions of the listed call-offs, by call-off reference: an
    /// agreement has tens of them, and every one counts in the model review.
    pub stored: HashMap<String, Competition>,
    pub open: Option<OpenCompetition>,
    /// Models saved on the agreement for reuse, by name.
    pub models: Vec<EvaluationModel>,
    /// The store's last change when the list was built: built again only after a change.
    pub loaded_change: Option<u64>,
    /// The call-off index `visible` points into.
    pub index_stamp: Option<IndexStamp>,
    /// The authority's name and contact the instructions name.
    pub organisation: Organisation,
    /// The last scroll position of the text section on screen, as the renderer found it
    /// (the app cannot know how the text wraps).
    pub text_end: Cell<Option<usize>>,
    /// Where instructions are exported; empty: the working directory.
    pub export_dir: PathBuf,
}

impl CompetitionsState {
    /// The stamp of a call-off index read at the store's change `change`.
    pub fn stamp(index: &CallOffIndex, change: Option<u64>) -> IndexStamp {
        (index.agreement, change, index.len())
    }

    /// Rebuilds the list from the agreement's call-off index (newest request first, as
    /// the store keeps it) and its stored competitions; the rows themselves are read
    /// for the window only.
    pub fn rebuild(&mut self, index: &CallOffIndex, competitions: Vec<Competition>) {
        self.visible = (0..index.len() as u32)
            .filter(|&i| index.entries[i as usize].method() == CallOffMethod::Competition)
            .collect();
        let mut by_reference: HashMap<String, Competition> = competitions
            .into_iter()
            .map(|c| (c.calloff.clone(), c))
            .collect();
        // Only the competitions of listed call-offs count, as when each row took its own.
        self.stored = HashMap::with_capacity(by_reference.len());
        for &i in &self.visible {
            if by_reference.is_empty() {
                break;
            }
            let reference = index.reference(i as usize);
            if let Some((k, c)) = by_reference.remove_entry(reference) {
                self.stored.insert(k, c);
            }
        }
        self.window.clear();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        // The open competition follows what is stored; a call-off gone closes it.
        if let Some(open) = self.open.as_mut() {
            match self.stored.get(&open.competition.calloff) {
                Some(c) => open.competition = c.clone(),
                None => self.open = None,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    /// The reference of the call-off at `pos` of the list.
    pub fn reference_at<'a>(&self, index: &'a CallOffIndex, pos: usize) -> Option<&'a str> {
        let i = *self.visible.get(pos)? as usize;
        (i < index.len()).then(|| index.reference(i))
    }

    /// The position in the list of the call-off `reference`.
    pub fn position(&self, index: &CallOffIndex, reference: &str) -> Option<usize> {
        (0..self.visible.len()).find(|&p| self.reference_at(index, p) == Some(reference))
    }

    /// The positions of `visible` whose rows should be read, when the window no longer
    /// covers the selection with half a window to spare.
    pub fn window_wanted(&self) -> Option<std::ops::Range<usize>> {
        self.window
            .wanted(self.selected, self.visible.len(), super::calloffs::REACH)
    }

    /// Takes the rows read for positions of `visible` from `start` on: their call-offs.
    pub fn set_window(&mut self, start: usize, rows: Vec<CallOffRow>) {
        let calloffs = rows.into_iter().map(|r| r.calloff).collect();
        self.window.set(start, calloffs);
    }

    /// The row at `pos` of the list, when the window holds it.
    pub fn row<'a>(&'a self, index: &CallOffIndex, pos: usize) -> Option<CompRow<'a>> {
        let calloff = self.window.get(pos)?;
        (Some(calloff.reference.as_str()) == self.reference_at(index, pos)).then(|| CompRow {
            calloff,
            competition: self.stored.get(&calloff.reference),
        })
    }

    pub fn selected_row<'a>(&'a self, index: &CallOffIndex) -> Option<CompRow<'a>> {
        self.row(index, self.selected)
    }

    /// The keys that work in the list or in the open section.
    pub fn bindings(&self) -> &'static [Binding] {
        match self.open.as_ref().map(|o| o.section) {
            None => keymap::COMPETITIONS,
            Some(CompSection::Instruction) => keymap::COMP_INSTRUCTION,
            Some(CompSection::Model) => keymap::COMP_MODEL,
            Some(CompSection::Invited) => keymap::COMP_INVITED,
            Some(CompSection::Tenders) => keymap::COMP_TENDERS,
            Some(CompSection::Result) => keymap::COMP_RESULT,
            Some(CompSection::Note) => keymap::COMP_NOTE,
        }
    }
}

/// The suppliers an open competition lists under "invited": the lot's ranking (LOU: every
/// framework supplier able to perform the call-off is invited), then any supplier invited
/// earlier that is no longer in the lot, so that it can be taken off.
pub fn invitable(a: &Agreement, c: &Competition) -> Vec<OrgNumber> {
    let mut list: Vec<OrgNumber> = a.lot(&c.lot).map(|l| l.ranking.clone()).unwrap_or_default();
    for o in &c.invited {
        if !list.contains(o) {
            list.push(o.clone());
        }
    }
    list
}

/// Whether `org` is ranked in the competition's lot.
pub fn in_lot(a: &Agreement, c: &Competition, org: &OrgNumber) -> bool {
    a.lot(&c.lot).is_some_and(|l| l.rank_of(org).is_some())
}

/// Price 60 %, competence 25 %, delivery approach 15 %, each criterion scored 0–5: a
/// common starting point for consultant call-offs, to be adjusted per agreement.
pub fn default_model(cat: &Catalog) -> EvaluationModel {
    let c = |name: &str, weight| Criterion {
        name: cat.t(name).to_string(),
        weight,
        max_points: 5,
    };
    EvaluationModel {
        name: cat.t("ui.competition.default_model").to_string(),
        kind: ModelKind::WeightedScore {
            price_weight: 60,
            criteria: vec![
                c("ui.competition.default_competence", 25),
                c("ui.competition.default_approach", 15),
            ],
        },
    }
}

/// A new competition for call-off `c`: the given model, the lot's ranked suppliers
/// invited, the instruction filled from the template in the user's language.
pub fn new_competition(
    cat: &Catalog,
    a: &Agreement,
    org: &Organisation,
    c: &CallOff,
    model: EvaluationModel,
) -> Competition {
    let mut comp = Competition::new(&c.reference, a.id, &c.lot, model);
    comp.invited = a.lot(&c.lot).map(|l| l.ranking.clone()).unwrap_or_default();
    comp.instruction = instruction(cat, a, org, &comp);
    comp
}

fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => include_str!("../../../assets/instructions/sv.md"),
        Lang::En => include_str!("../../../assets/instructions/en.md"),
    }
}

/// The instruction template filled with what the register knows; placeholders it does
/// not know (the assignment, its period) stay visible for the user to write.
pub fn instruction(cat: &Catalog, a: &Agreement, org: &Organisation, comp: &Competition) -> String {
    fill_instruction(template(cat.lang()), &register_fields(cat, a, org, comp))
}

/// The competition's instruction with what the register knows now filled in: details
/// added to the register after the text was made (the organisation, a deadline) reach it
/// without touching what the user wrote.
pub fn current_instruction(
    cat: &Catalog,
    a: &Agreement,
    org: &Organisation,
    comp: &Competition,
) -> String {
    fill_instruction(&comp.instruction, &register_fields(cat, a, org, comp))
}

/// The placeholders of `text` still to fill before the instruction is ready to send.
pub fn still_to_fill(text: &str) -> Vec<String> {
    crate::domain::competition::placeholders(text)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// A placeholder as the user reads it: its catalogue name, or `{name}` for one the
/// catalogue does not know (a template edited by hand).
pub fn placeholder_name(cat: &Catalog, name: &str) -> String {
    let key = format!("ui.placeholder.{name}");
    if cat.has(&key) {
        cat.t(&key).to_string()
    } else {
        format!("{{{name}}}")
    }
}

/// What the register gives the template: the call-off, the agreement, the model, the
/// deadline once set, the organisation's name and the contract manager's contact (one
/// place for both, set with `o`, so every instruction names the same).
fn register_fields(
    cat: &Catalog,
    a: &Agreement,
    org: &Organisation,
    comp: &Competition,
) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&str, String)> = vec![
        ("calloff", comp.calloff.clone()),
        ("agreement", a.name.clone()),
        ("reference", a.reference.clone()),
        ("lot", comp.lot.clone()),
        ("model", comp.model.name.clone()),
        ("criteria", criteria_text(cat, &comp.model)),
    ];
    if let Some(d) = comp.deadline {
        fields.push(("deadline", format_datetime(d)));
    }
    if !org.name.trim().is_empty() {
        fields.push(("authority", org.name.trim().to_string()));
    }
    if !org.contact.trim().is_empty() {
        fields.push(("contact", org.contact.trim().to_string()));
    }
    fields
}

/// The model's criteria as the instruction lists them, one line each.
pub fn criteria_text(cat: &Catalog, m: &EvaluationModel) -> String {
    let mut lines = Vec::new();
    match &m.kind {
        ModelKind::WeightedScore {
            price_weight,
            criteria,
        } => {
            lines.push(tr!(cat, "ui.competition.line_price", weight = price_weight));
            for c in criteria {
                lines.push(tr!(
                    cat,
                    "ui.competition.line_criterion",
                    name = c.name,
                    weight = c.weight,
                    max = c.max_points
                ));
            }
        }
        ModelKind::PriceWithDeductions { criteria } => {
            lines.push(cat.t("ui.competition.line_evaluation_price").to_string());
            for c in criteria {
                lines.push(tr!(
                    cat,
                    "ui.competition.line_deduction",
                    name = c.name,
                    amount = cat.money_kr(c.max_deduction),
                    max = c.max_points
                ));
            }
        }
    }
    lines.join("\n")
}

/// The same criteria under the other kind of model: names and scales are kept, weights
/// and deductions start at zero for the user to set.
pub fn switch_kind(kind: &ModelKind, weighted: bool, price_weight: u32) -> ModelKind {
    let named: Vec<(String, u32)> = kind
        .criteria()
        .map(|(n, max)| (n.to_string(), max))
        .collect();
    match (kind, weighted) {
        (ModelKind::WeightedScore { criteria, .. }, true) => ModelKind::WeightedScore {
            price_weight,
            criteria: criteria.clone(),
        },
        (ModelKind::PriceWithDeductions { .. }, false) => kind.clone(),
        (_, true) => ModelKind::WeightedScore {
            price_weight,
            criteria: named
                .into_iter()
                .map(|(name, max_points)| Criterion {
                    name,
                    weight: 0,
                    max_points,
                })
                .collect(),
        },
        (_, false) => ModelKind::PriceWithDeductions {
            criteria: named
                .into_iter()
                .map(|(name, max_points)| DeductionCriterion {
                    name,
                    max_deduction: Money(0),
                    max_points,
                })
                .collect(),
        },
    }
}

/// Makes every tender give one number of points per criterion of the model (new
/// criteria score 0 until edited); true when any tender changed.
pub fn fit_points(comp: &mut Competition) -> bool {
    let n = comp.model.kind.criteria_len();
    let mut changed = false;
    for t in &mut comp.tenders {
        if t.points.len() != n {
            t.points.resize(n, 0);
            changed = true;
        }
    }
    changed
}

/// Confirmations asked in these tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewsConfirm {
    /// Start a call-off's competition over: its tenders, model and instruction go.
    /// The competition of call-off (agreement, reference).
    DeleteCompetition(AgreementId, String),
    DeleteCriterion(usize),
    DeleteTender(usize),
    DeletePurchase(crate::domain::purchase::PurchaseId),
    /// Award the call-off (agreement, reference) to the supplier, replacing its award.
    Award(AgreementId, String, OrgNumber),
}

/// Choices offered in these tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewsPick {
    /// Use one of the agreement's saved models in the open competition.
    Model(Vec<EvaluationModel>),
    /// What to do about purchases outside the agreement in this category.
    Decision(String),
}
