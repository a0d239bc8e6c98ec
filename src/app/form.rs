//! Forms: typed fields that validate as you type and say what is wrong in words.
//! A form never loses what was typed: a refused save keeps every field as it was.

mod flow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use time::{Date, PrimitiveDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::domain::{Money, OrgNumber, Rate, ResponseTime};
use crate::i18n::Catalog;
use crate::tr;

use super::keymap::{self, Act, FormAct};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        required: bool,
    },
    /// Several lines; Enter starts a new line.
    MultiLine,
    Date {
        required: bool,
    },
    OrgNumber,
    ResponseTime,
    Rate {
        required: bool,
    },
    /// A whole number within a range, or empty when not required.
    Number {
        min: i64,
        max: i64,
        required: bool,
    },
    /// One of fixed options; ←/→ or space choose. Options are catalogue keys when
    /// `translate`, else shown as they are (supplier names, lots).
    Choice {
        options: Vec<String>,
        translate: bool,
    },
    /// `YYYY-MM-DD HH:MM`.
    DateTime {
        required: bool,
    },
    /// Kronor, as people write them; never negative.
    Money {
        required: bool,
    },
    /// Comma-separated words.
    List,
    /// An e-mail address (may be empty): `name@domain.tld`.
    Email,
    /// A telephone number (may be empty): digits with spaces, hyphens, a leading `+`.
    Phone,
    /// A penalty cap (may be empty): an amount, or a percentage of at most 100 %.
    Cap,
}

pub struct Field {
    pub label: &'static str,
    /// Shown instead of the label's catalogue text when the label names something the
    /// user made (a criterion of their model).
    pub title: Option<String>,
    pub kind: FieldKind,
    pub input: TextArea<'static>,
    /// Index into the options of a choice field.
    pub choice: usize,
    pub error: Option<String>,
}

impl Field {
    pub fn new(label: &'static str, kind: FieldKind, value: &str) -> Field {
        let lines: Vec<String> = if matches!(kind, FieldKind::MultiLine) {
            value.split('\n').map(str::to_string).collect()
        } else {
            vec![value.replace('\n', " ")]
        };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        // A requirement or an agenda point is often longer than the field is wide: it
        // wraps at words instead of running off the edge.
        if matches!(kind, FieldKind::MultiLine) {
            input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        Field {
            label,
            title: None,
            kind,
            input,
            choice: 0,
            error: None,
        }
    }

    pub fn choice(label: &'static str, options: Vec<&'static str>, selected: usize) -> Field {
        let options = options.into_iter().map(str::to_string).collect();
        let mut f = Field::new(
            label,
            FieldKind::Choice {
                options,
                translate: true,
            },
            "",
        );
        f.choice = selected;
        f
    }

    /// A choice among texts shown as they are.
    pub fn pick(label: &'static str, options: Vec<String>, selected: usize) -> Field {
        let mut f = Field::new(
            label,
            FieldKind::Choice {
                options,
                translate: false,
            },
            "",
        );
        f.choice = selected;
        f
    }

    /// What was typed, in Unicode NFC (a pasted name from a Mac matches one typed here).
    pub fn text(&self) -> String {
        self.input.lines().join("\n").nfc().collect()
    }

    pub fn trimmed(&self) -> String {
        self.text().trim().to_string()
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, FieldKind::MultiLine)
    }

    /// Checks the field and records why it is wrong, in the user's words.
    pub fn validate(&mut self, cat: &Catalog) -> bool {
        self.error = self.problem(cat);
        self.error.is_none()
    }

    fn problem(&self, cat: &Catalog) -> Option<String> {
        let v = self.trimmed();
        let required_missing = || Some(tr!(cat, "ui.form.required").to_string());
        match &self.kind {
            FieldKind::Text { required } => {
                (*required && v.is_empty()).then(|| tr!(cat, "ui.form.required").into())
            }
            FieldKind::MultiLine | FieldKind::List | FieldKind::Choice { .. } => None,
            FieldKind::Email => {
                (!v.is_empty() && !is_email(&v)).then(|| tr!(cat, "ui.form.bad_email", input = v))
            }
            FieldKind::Phone => {
                (!v.is_empty() && !is_phone(&v)).then(|| tr!(cat, "ui.form.bad_phone", input = v))
            }
            FieldKind::Cap => match Rate::parse(&v) {
                _ if v.is_empty() => None,
                // A cap above the whole value would never cap anything: a slip for 10 %.
                Ok(Rate::Percent(p)) if p > 100 * 100 => {
                    Some(tr!(cat, "ui.form.cap_above_100", input = v))
                }
                Ok(_) => None,
                Err(crate::domain::money::MoneyError::Format) => {
                    Some(tr!(cat, "ui.form.bad_rate", input = v))
                }
                Err(e) => Some(e.message(cat, &v)),
            },
            FieldKind::Date { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                parse_date(&v)
                    .err()
                    .map(|_| tr!(cat, "ui.form.bad_date", input = v))
            }
            FieldKind::DateTime { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                parse_datetime(&v)
                    .err()
                    .map(|_| tr!(cat, "ui.form.bad_datetime", input = v))
            }
            FieldKind::Money { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                Money::parse_kronor(&v).err().map(|e| e.message(cat, &v))
            }
            FieldKind::OrgNumber => {
                if v.is_empty() {
                    return required_missing();
                }
                OrgNumber::parse(&v).err().map(|e| e.message(cat, &v))
            }
            FieldKind::ResponseTime => ResponseTime::parse(&v)
                .is_none()
                .then(|| tr!(cat, "ui.form.bad_response_time", input = v)),
            FieldKind::Rate { required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                match Rate::parse(&v) {
                    Ok(_) => None,
                    Err(crate::domain::money::MoneyError::Format) => {
                        Some(tr!(cat, "ui.form.bad_rate", input = v))
                    }
                    Err(e) => Some(e.message(cat, &v)),
                }
            }
            FieldKind::Number { min, max, required } => {
                if v.is_empty() {
                    return if *required { required_missing() } else { None };
                }
                match v.parse::<i64>() {
                    Ok(n) if n >= *min && n <= *max => None,
                    _ => Some(tr!(
                        cat,
                        "ui.form.bad_number",
                        input = v,
                        min = min,
                        max = max
                    )),
                }
            }
        }
    }

    pub fn date(&self) -> Option<Date> {
        parse_date(&self.trimmed()).ok()
    }

    pub fn org_number(&self) -> Option<OrgNumber> {
        OrgNumber::parse(&self.trimmed()).ok()
    }

    pub fn rate(&self) -> Option<Rate> {
        Rate::parse(&self.trimmed()).ok()
    }

    pub fn number(&self) -> Option<i64> {
        self.trimmed().parse().ok()
    }

    pub fn list(&self) -> Vec<String> {
        self.text()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn shown_value(&self, cat: &Catalog) -> String {
        match &self.kind {
            FieldKind::Choice { options, translate } => options
                .get(self.choice)
                .map(|k| {
                    if *translate {
                        cat.t(k).to_string()
                    } else {
                        k.clone()
                    }
                })
                .unwrap_or_default(),
            _ => self.text(),
        }
    }

    pub fn datetime(&self) -> Option<PrimitiveDateTime> {
        parse_datetime(&self.trimmed()).ok()
    }

    pub fn money(&self) -> Option<Money> {
        Money::parse_kronor(&self.trimmed()).ok()
    }
}

/// An address a mail program would take: one `@`, something before it, a domain with a
/// dot after it, no spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(name, rest)| !name.is_empty() && !rest.is_empty())
        && !domain.ends_with('.')
}

/// A number as Swedes write them: 08-123 45 67, 070-123 45 67, +46 8 123 45 67; at least
/// six digits and nothing but digits, spaces, hyphens, brackets and a leading `+`.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let body = s.strip_prefix('+').unwrap_or(s);
    digits >= 6
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
}

pub fn parse_datetime(s: &str) -> Result<PrimitiveDateTime, time::error::Parse> {
    PrimitiveDateTime::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]"),
    )
}

pub fn format_datetime(t: PrimitiveDateTime) -> String {
    t.format(time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]"
    ))
    .unwrap_or_default()
}

pub fn parse_date(s: &str) -> Result<Date, time::error::Parse> {
    Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
}

pub fn format_date(d: Date) -> String {
    // The format has no fallible parts for dates in range.
    d.format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

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
    pub fn new(title: String, target: FormTarget, fields: Vec<Field>) -> Form {
        Form {
            title,
            target,
            fields,
            focus: 0,
            message: None,
            changed: false,
        }
    }

    /// The field `label` where a form may or may not have it (one handler for several
    /// forms of a tab).
    pub fn get(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    pub fn field(&self, label: &str) -> &Field {
        // Forms are built with fixed labels; asking for another is a typo in the code. The
        // debug build (every test) stops at it, naming the label, instead of reading another
        // field's value; a release build falls back to the first field rather than crash.
        let found = self.fields.iter().find(|f| f.label == label);
        debug_assert!(
            found.is_some(),
            "form {:?} has no field {label:?}",
            self.title
        );
        found.unwrap_or(&self.fields[0])
    }

    /// Says at the field `label` what is wrong with it (a rule across fields or records,
    /// found on saving), moves the cursor there, and keeps every value as typed.
    pub fn fail_at(&mut self, label: &str, message: String) {
        if let Some(i) = self.fields.iter().position(|f| f.label == label) {
            self.fields[i].error = Some(message.clone());
            self.focus = i;
        }
        self.message = Some(message);
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

#[cfg(test)]
mod key_tests;

#[cfg(test)]
mod tests {
    use super::{is_email, is_phone};

    #[test]
    fn email_and_phone_shapes() {
        for good in ["anna@kommun.se", "a.b-c@sub.region.se", "x@y.io"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "anna.kommun.se",
            "@kommun.se",
            "anna@kommun",
            "a b@k.se",
            "a@@k.se",
            "a@k.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in [
            "08-123 45 67",
            "070-123 45 67",
            "+46 8 123 45 67",
            "(08) 123456",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["ring mig", "12345", "08-123 45 67 ank. 2", "+46+8 1234567"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
