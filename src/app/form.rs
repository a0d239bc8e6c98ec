//! Forms: typed fields that validate as you type and say what is wrong in words.
//! A form never loses what was typed: a refused save keeps every field as it was.

mod dates;
mod field;
mod flow;
mod keys;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Catalog;

use super::keymap::{self, Act, FormAct};

pub use dates::{format_date, format_datetime, parse_date, parse_datetime};
pub use field::{Field, FieldKind};
pub(crate) use keys::form_keys;
pub use keys::{FieldId, FormKey};

/// What submitting the form should change; the app knows how to apply each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormTarget {
    /// A new agreement (None) or the main fields of an existing one.
    Agreement(Option<crate::domain::AgreementId>),
    Lot(Option<usize>),
    Supplier(Option<usize>),
    Contact {
        supplier: usize,
        index: Option<usize>,
    },
    Penalty(Option<usize>),
    Escalation(Option<usize>),
    ExtensionOption(Option<usize>),
    Template(Option<usize>),
    Orderer(Option<usize>),
    ProjectMember(Option<usize>),
    /// A new call-off (None) or the one with this reference.
    CallOff(Option<String>),
    /// A new request of a call-off, or its `index`-th request.
    Request {
        calloff: String,
        index: Option<usize>,
    },
    Deviation(Option<crate::domain::deviation::DeviationId>),
    /// A new meeting (None) or the one with this id.
    Meeting(Option<crate::domain::meeting::MeetingId>),
    /// Options for proposing a schedule of meetings.
    Schedule,
    /// The current line of the minutes of this meeting, as an action item.
    ActionFromMinutes(crate::domain::meeting::MeetingId),
    /// An action item of the open meeting (None: a new one).
    MeetingAction(Option<crate::domain::meeting::ActionId>),
    /// A part of the open renewed competition.
    Competition(super::competitions::CompetitionPart),
    /// A new purchase outside the agreement (None) or this one.
    Purchase(Option<crate::domain::purchase::PurchaseId>),
    /// An action, checklist item, requirement or check (Actions, Implementation, Follow-up).
    Work(super::work::WorkForm),
    /// A penalty claim's status, a case, a step or a log entry of the Sanctions tab.
    Sanction(super::sanctions::forms::SanctionForm),
    /// The Statistics tab's custom period (from, to).
    StatsPeriod,
    /// A new invoice sample or the check of a drawn invoice (Spend tab).
    Spend(super::spend::SpendForm),
}

impl FormTarget {
    /// Whether saving the form writes to the register (everything but a view's settings).
    pub fn writes(&self) -> bool {
        !matches!(self, FormTarget::StatsPeriod)
    }

    /// Adds something rather than changing what is there.
    pub fn is_new(&self) -> bool {
        matches!(
            self,
            FormTarget::Agreement(None)
                | FormTarget::Lot(None)
                | FormTarget::Supplier(None)
                | FormTarget::Contact { index: None, .. }
                | FormTarget::Penalty(None)
                | FormTarget::Escalation(None)
                | FormTarget::ExtensionOption(None)
                | FormTarget::Template(None)
                | FormTarget::Orderer(None)
                | FormTarget::ProjectMember(None)
                | FormTarget::CallOff(None)
                | FormTarget::Request { index: None, .. }
                | FormTarget::Deviation(None)
                | FormTarget::Meeting(None)
                | FormTarget::MeetingAction(None)
                | FormTarget::Purchase(None)
                | FormTarget::Spend(super::spend::SpendForm::Draw)
        )
    }
}

pub struct Form {
    pub title: String,
    pub target: FormTarget,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem with the whole form (e.g. a duplicate reference) after a refused save.
    pub message: Option<String>,
    pub changed: bool,
}

pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
}

impl Form {
    /// A form of fields of one kind, each told apart by its key. A mix-up (two fields of
    /// one key, fields of two kinds) is a mistake in the code that builds it.
    pub fn new(title: String, target: FormTarget, fields: Vec<Field>) -> Form {
        debug_assert!(
            distinct(&fields),
            "form {title:?} mixes kinds of field or repeats one: {:?}",
            fields.iter().map(|f| f.key).collect::<Vec<_>>()
        );
        Form {
            title,
            target,
            fields,
            focus: 0,
            message: None,
            changed: false,
        }
    }

    /// The field `key` where a form may or may not have it (one handler for several
    /// forms of a tab).
    pub fn get<K: FormKey>(&self, key: K) -> Option<&Field> {
        let id = FieldId::of(key);
        self.fields.iter().find(|f| f.key == id)
    }

    /// Every field of `key`, in order: the repeated ones (one per placeholder, per
    /// criterion).
    pub fn fields_of<K: FormKey>(&self, key: K) -> impl Iterator<Item = &Field> {
        let id = FieldId::of(key);
        self.fields.iter().filter(move |f| f.key.same_key(&id))
    }

    /// The field shown with the label `label`, as a user finds it: for tests that drive a
    /// form by what it shows. The app reads its forms by key (`form[key]`).
    pub fn field(&self, label: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("form {:?} has no field {label:?}", self.title))
    }

    /// Says at the field `key` what is wrong with it (a rule across fields or records,
    /// found on saving), moves the cursor there, and keeps every value as typed.
    pub fn fail_at<K: FormKey>(&mut self, key: K, message: String) {
        let i = self.position(key);
        self.fields[i].error = Some(message.clone());
        self.focus = i;
        self.message = Some(message);
    }

    /// Where the field `key` is. A form lacking it is a mistake in the code (a key of
    /// another kind of form): it stops there rather than read or mark another field.
    fn position<K: FormKey>(&self, key: K) -> usize {
        let id = FieldId::of(key);
        self.fields
            .iter()
            .position(|f| f.key == id)
            .unwrap_or_else(|| {
                panic!(
                    "form {:?} has no field {key:?} ({})",
                    self.title,
                    id.kind_name()
                )
            })
    }

    pub fn validate_all(&mut self, cat: &Catalog) -> bool {
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if !f.validate(cat) && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// A key in the form: the command keys are the keymap's `FORM`, the rest is typed.
    pub fn handle_key(&mut self, key: KeyEvent, cat: &Catalog) -> FormOutcome {
        let last = self.fields.len().saturating_sub(1);
        let multiline = self.fields[self.focus].is_multiline();
        let act = match keymap::lookup(keymap::FORM, &key) {
            Some(Act::Form(act)) => Some(act),
            _ => None,
        };
        match act {
            Some(FormAct::Cancel) => return FormOutcome::Cancel,
            Some(FormAct::Save) => return FormOutcome::Submit,
            // As in a shell: Ctrl-U empties the line before the cursor, so a prefilled
            // value (a date, now) is quickly replaced.
            Some(FormAct::ClearField) => {
                let field = &mut self.fields[self.focus];
                if field.input.delete_line_by_head() {
                    self.changed = true;
                    field.validate(cat);
                }
            }
            Some(FormAct::NextField) => self.focus = (self.focus + 1).min(last),
            Some(FormAct::PrevField) => self.focus = self.focus.saturating_sub(1),
            Some(FormAct::Down) if !multiline => self.focus = (self.focus + 1).min(last),
            Some(FormAct::Up) if !multiline => self.focus = self.focus.saturating_sub(1),
            Some(FormAct::Enter) if !multiline => {
                if self.focus == last {
                    return FormOutcome::Submit;
                }
                self.focus += 1;
            }
            _ => self.typed(act, key, cat),
        }
        FormOutcome::Continue
    }

    /// A key the form's commands leave to the field: a choice field's option, or text.
    fn typed(&mut self, act: Option<FormAct>, key: KeyEvent, cat: &Catalog) {
        let field = &mut self.fields[self.focus];
        if let FieldKind::Choice { options, .. } = &field.kind {
            let n = options.len().max(1);
            match act {
                Some(FormAct::NextChoice) => {
                    field.choice = (field.choice + 1) % n;
                    self.changed = true;
                }
                Some(FormAct::PrevChoice) => {
                    field.choice = (field.choice + n - 1) % n;
                    self.changed = true;
                }
                _ => {}
            }
            return;
        }
        // Ctrl-C is the app's (quit, or ask first), never text.
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        // Keys the form does not use go to the text input (editing keys, word movement,
        // undo); Enter in a multi-line field makes a new line.
        if !ctrl_c && field.input.input(key) {
            self.changed = true;
            field.validate(cat);
            self.message = None;
        }
    }
}

/// No two fields of one key, and every field of one kind of form.
fn distinct(fields: &[Field]) -> bool {
    fields.iter().enumerate().all(|(i, f)| {
        fields[..i]
            .iter()
            .all(|g| g.key != f.key && g.key.same_kind(&f.key))
    })
}

/// The field `key` of the form; see `Form::position` for a key it lacks.
impl<K: FormKey> std::ops::Index<K> for Form {
    type Output = Field;

    fn index(&self, key: K) -> &Field {
        &self.fields[self.position(key)]
    }
}

#[cfg(test)]
mod key_tests;
#[cfg(test)]
mod tests;
