//! The implementation checklist (avtalsimplementering, DESIGN §1.2): what to do after
//! signing so the agreement is known and used, per agreement, created from a template in
//! `assets/checklists/`.

use time::Date;

use super::agreement::AgreementId;

/// The built-in templates, compiled in so a checklist can be created with no file at hand.
pub const TEMPLATE_SV: &str = include_str!("../../assets/checklists/sv.toml");
pub const TEMPLATE_EN: &str = include_str!("../../assets/checklists/en.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemStatus {
    Todo,
    InProgress,
    Done,
    /// Does not apply to this agreement; left out of the progress.
    NotApplicable,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Todo,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::NotApplicable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::NotApplicable => "not_applicable",
        }
    }

    pub fn from_key(s: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub section: String,
    pub text: String,
    pub status: ItemStatus,
    pub owner: String,
    pub due: Option<Date>,
    pub note: String,
}

impl ChecklistItem {
    pub fn new(section: &str, text: &str) -> ChecklistItem {
        ChecklistItem {
            section: section.to_string(),
            text: text.to_string(),
            status: ItemStatus::Todo,
            owner: String::new(),
            due: None,
            note: String::new(),
        }
    }

    /// Not done (nor set aside) and past its due date.
    pub fn is_overdue(&self, today: Date) -> bool {
        matches!(self.status, ItemStatus::Todo | ItemStatus::InProgress)
            && self.due.is_some_and(|d| d < today)
    }
}

/// Items are kept grouped by section, sections in the template's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub agreement: AgreementId,
    pub items: Vec<ChecklistItem>,
}

/// The template file: sections in order, each with its items' texts.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Template {
    #[serde(default)]
    sections: Vec<TemplateSection>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateSection {
    name: String,
    items: Vec<String>,
}

/// A fresh checklist for `agreement` from a template (`[[sections]]` with `name` and
/// `items`): every item to do, with no owner or due date yet. Refused, with the reason in
/// words: TOML that does not parse or has other keys, no sections, a section without a
/// name or items, a section named twice, an empty item.
pub fn from_template(toml_text: &str, agreement: AgreementId) -> Result<Checklist, String> {
    let t: Template = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    if t.sections.is_empty() {
        return Err("the template has no sections".into());
    }
    let mut items = Vec::new();
    for (i, s) in t.sections.iter().enumerate() {
        let name = s.name.trim();
        if name.is_empty() {
            return Err(format!("section {} has no name", i + 1));
        }
        if t.sections[..i].iter().any(|o| o.name.trim() == name) {
            return Err(format!("section {name:?} appears twice"));
        }
        if s.items.is_empty() {
            return Err(format!("section {name:?} has no items"));
        }
        for (j, text) in s.items.iter().enumerate() {
            if text.trim().is_empty() {
                return Err(format!("item {} of section {name:?} is empty", j + 1));
            }
            items.push(ChecklistItem::new(name, text.trim()));
        }
    }
    Ok(Checklist { agreement, items })
}

/// Per section, in order of first appearance: (section, done, applicable), where
/// applicable counts every item but those not applicable.
pub fn progress(checklist: &Checklist) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    for item in &checklist.items {
        let i = match out.iter().position(|(s, _, _)| *s == item.section) {
            Some(i) => i,
            None => {
                out.push((item.section.clone(), 0, 0));
                out.len() - 1
            }
        };
        match item.status {
            ItemStatus::NotApplicable => {}
            ItemStatus::Done => {
                out[i].1 += 1;
                out[i].2 += 1;
            }
            ItemStatus::Todo | ItemStatus::InProgress => out[i].2 += 1,
        }
    }
    out
}

impl Checklist {
    /// (done, applicable) over the whole list.
    pub fn total(&self) -> (usize, usize) {
        progress(self)
            .iter()
            .fold((0, 0), |(d, a), (_, done, app)| (d + done, a + app))
    }

    /// Moves the item at `index` one place up within its section; false when it is first
    /// in its section (moving across would split a section in two) or there is no such item.
    pub fn move_up(&mut self, index: usize) -> bool {
        if index == 0 || index >= self.items.len() {
            return false;
        }
        if self.items[index - 1].section != self.items[index].section {
            return false;
        }
        self.items.swap(index - 1, index);
        true
    }

    /// Moves the item at `index` one place down within its section; false when it is last
    /// in its section or there is no such item.
    pub fn move_down(&mut self, index: usize) -> bool {
        if index + 1 >= self.items.len() {
            return false;
        }
        if self.items[index + 1].section != self.items[index].section {
            return false;
        }
        self.items.swap(index, index + 1);
        true
    }

    /// Adds an item at the end of `section` (a new section at the end when there is none
    /// by that name); returns its index.
    pub fn add_item(&mut self, section: &str, text: &str) -> usize {
        let at = self
            .items
            .iter()
            .rposition(|i| i.section == section)
            .map_or(self.items.len(), |i| i + 1);
        self.items.insert(at, ChecklistItem::new(section, text));
        at
    }
}

#[cfg(test)]
mod tests;
