//! The Agreement tab's state: a filtered, sorted window over the register, and the detail
//! view of one agreement with its sections.

pub(crate) mod confirm;
pub mod forms;
pub(crate) mod keys;
pub(crate) mod save;
pub(crate) mod undo;

pub use confirm::{AgreementConfirm, AgreementPick};
pub(in crate::app) use undo::AgreementUndo;

use crate::domain::{Agreement, AgreementId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    End,
    Priority,
    Name,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::End => SortKey::Priority,
            SortKey::Priority => SortKey::Name,
            SortKey::Name => SortKey::End,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::End => "ui.register.sort_end",
            SortKey::Priority => "ui.register.sort_priority",
            SortKey::Name => "ui.register.sort_name",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Lots,
    Suppliers,
    Penalties,
    Escalation,
    Options,
    Templates,
    Orderers,
    ProjectGroup,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Overview,
        Section::Lots,
        Section::Suppliers,
        Section::Penalties,
        Section::Escalation,
        Section::Options,
        Section::Templates,
        Section::Orderers,
        Section::ProjectGroup,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Overview => "ui.section.overview",
            Section::Lots => "ui.section.lots",
            Section::Suppliers => "ui.section.suppliers",
            Section::Penalties => "ui.section.penalties",
            Section::Escalation => "ui.section.escalation",
            Section::Options => "ui.section.options",
            Section::Templates => "ui.section.templates",
            Section::Orderers => "ui.section.orderers",
            Section::ProjectGroup => "ui.section.project_group",
        }
    }

    fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Section {
        Section::ALL[(self.index() + 1) % Section::ALL.len()]
    }

    pub fn prev(self) -> Section {
        Section::ALL[(self.index() + Section::ALL.len() - 1) % Section::ALL.len()]
    }
}

/// One selectable line of a detail section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Lot(usize),
    /// A supplier at position `rank` (0-based) in lot `lot`.
    Ranked {
        lot: usize,
        rank: usize,
    },
    Supplier(usize),
    Contact {
        supplier: usize,
        index: usize,
    },
    Penalty(usize),
    Escalation(usize),
    Option(usize),
    Template(usize),
    Orderer(usize),
    Member(usize),
}

/// The selectable rows of a section, in display order.
pub fn rows(a: &Agreement, section: Section) -> Vec<Row> {
    match section {
        Section::Overview => Vec::new(),
        Section::Lots => a
            .lots
            .iter()
            .enumerate()
            .flat_map(|(i, lot)| {
                std::iter::once(Row::Lot(i))
                    .chain((0..lot.ranking.len()).map(move |r| Row::Ranked { lot: i, rank: r }))
            })
            .collect(),
        Section::Suppliers => a
            .suppliers
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                std::iter::once(Row::Supplier(i)).chain((0..s.contacts.len()).map(move |c| {
                    Row::Contact {
                        supplier: i,
                        index: c,
                    }
                }))
            })
            .collect(),
        Section::Penalties => (0..a.penalties.len()).map(Row::Penalty).collect(),
        Section::Escalation => (0..a.escalation.len()).map(Row::Escalation).collect(),
        Section::Options => (0..a.extension_options.len()).map(Row::Option).collect(),
        Section::Templates => (0..a.order_templates.len()).map(Row::Template).collect(),
        Section::Orderers => (0..a.orderers.len()).map(Row::Orderer).collect(),
        Section::ProjectGroup => (0..a.project_group.len()).map(Row::Member).collect(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub id: AgreementId,
    pub section: Section,
    pub selected: usize,
}

pub struct RegisterState {
    pub filter: String,
    pub filtering: bool,
    pub sort: SortKey,
    /// Indices into the app's agreement cache, filtered and sorted.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub detail: Option<Detail>,
    /// Lower-cased reference, name and keywords per cached agreement, for a quick filter.
    haystacks: Vec<String>,
}

impl Default for RegisterState {
    fn default() -> Self {
        RegisterState {
            filter: String::new(),
            filtering: false,
            sort: SortKey::End,
            visible: Vec::new(),
            selected: 0,
            detail: None,
            haystacks: Vec::new(),
        }
    }
}

impl RegisterState {
    /// Recomputes what is visible after the register, the filter or the sort changed,
    /// keeping the selection on the same agreement when it is still shown.
    pub fn refresh(&mut self, agreements: &[Agreement], keep: Option<AgreementId>) {
        if self.haystacks.len() != agreements.len() {
            self.haystacks.clear();
        }
        if self.haystacks.is_empty() {
            self.haystacks = agreements
                .iter()
                .map(|a| {
                    format!("{} {} {}", a.reference, a.name, a.keywords.join(" ")).to_lowercase()
                })
                .collect();
        }
        let needle = self.filter.to_lowercase();
        let words: Vec<&str> = needle.split_whitespace().collect();
        let mut visible: Vec<usize> = (0..agreements.len())
            .filter(|&i| words.iter().all(|w| self.haystacks[i].contains(w)))
            .collect();
        match self.sort {
            SortKey::End => visible.sort_by(|&x, &y| {
                let (a, b) = (&agreements[x], &agreements[y]);
                (a.current_end(), &a.reference).cmp(&(b.current_end(), &b.reference))
            }),
            SortKey::Priority => visible.sort_by(|&x, &y| {
                let (a, b) = (&agreements[x], &agreements[y]);
                (a.priority, a.current_end(), &a.reference).cmp(&(
                    b.priority,
                    b.current_end(),
                    &b.reference,
                ))
            }),
            SortKey::Name => visible.sort_by(|&x, &y| {
                let (a, b) = (&agreements[x], &agreements[y]);
                (a.name.to_lowercase(), &a.reference).cmp(&(b.name.to_lowercase(), &b.reference))
            }),
        }
        self.visible = visible;
        if let Some(id) = keep
            && let Some(pos) = self.visible.iter().position(|&i| agreements[i].id == id)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// Forget the cached haystacks (the register changed).
    pub fn invalidate(&mut self) {
        self.haystacks.clear();
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }
}

/// Moves a selection within `len` rows by `delta`, clamped.
pub fn step(selected: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    let max = len as isize - 1;
    (selected as isize + delta).clamp(0, max) as usize
}
