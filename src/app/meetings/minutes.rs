//! The live minutes editor: a full-screen text area the secretary types into during a
//! meeting. It saves while typing (debounced: half a second after the last key, and at
//! least once a second while typing goes on, so at most about a second is at risk on a
//! hard kill), on leaving, and on SIGTERM/SIGHUP (the event loop calls [`App::shutdown`]).
//! From inside it one key turns the current line into an action item or a decision, or
//! marks it as a lesson for the next agreement, without leaving the minutes; such lines
//! carry a mark beside them. Approved minutes are never edited: after a question the
//! editor writes a dated addendum instead.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::meeting::{
    Action, Addendum, Meeting, MeetingId, captured_text, follow, follow_lines,
};
use crate::tr;

use crate::app::keymap::{self, Act, EditorAct};
use crate::app::meetings::MeetingPick;
use crate::app::{App, Pick, Picker, Popup, Status};

mod capture;

/// Save this long after the last keystroke...
pub const QUIET: Duration = Duration::from_millis(500);
/// ...and never let unsaved typing grow older than this.
pub const MAX_UNSAVED: Duration = Duration::from_millis(1000);

pub struct MinutesEditor {
    pub meeting: MeetingId,
    pub area: TextArea<'static>,
    /// When the first unsaved change was made, and the last one.
    pub dirty_since: Option<Instant>,
    pub last_edit: Option<Instant>,
    /// The last successful save, for the status line.
    pub saved_at: Option<time::PrimitiveDateTime>,
    /// A save failed: shown until the next one succeeds; the text stays in the editor.
    pub save_error: Option<String>,
    /// The meeting as last read (its decisions and lessons, for the side panel), and
    /// the actions captured so far: kept here so drawing never reads the store.
    pub record: Meeting,
    pub actions: Vec<Action>,
    /// Set when the minutes are approved: the text area holds this addendum (its index in
    /// the meeting's addenda and its date), never the approved text.
    pub addendum: Option<(usize, time::Date)>,
}

/// What a line of the minutes became, for the marks beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineMarks {
    pub action: bool,
    pub decision: bool,
    pub lesson: bool,
}

impl MinutesEditor {
    pub fn new(meeting: &Meeting, actions: Vec<Action>) -> MinutesEditor {
        Self::editing(meeting, actions, &meeting.minutes, None)
    }

    /// The editor for an addendum to approved minutes: today's, if one was begun today,
    /// else a new one dated `today`.
    pub fn for_addendum(meeting: &Meeting, actions: Vec<Action>, today: time::Date) -> Self {
        let (index, text) = match meeting.addenda.last() {
            Some(last) if last.date == today => (meeting.addenda.len() - 1, last.text.clone()),
            _ => (meeting.addenda.len(), String::new()),
        };
        Self::editing(meeting, actions, &text, Some((index, today)))
    }

    fn editing(
        meeting: &Meeting,
        actions: Vec<Action>,
        text: &str,
        addendum: Option<(usize, time::Date)>,
    ) -> MinutesEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(ratatui::style::Style::default());
        // Paragraphs are typed as one long line: shown wrapped at any width, a long word
        // (a link) broken rather than hidden past the edge.
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // A secretary continues where the minutes end.
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        MinutesEditor {
            meeting: meeting.id,
            area,
            dirty_since: None,
            last_edit: None,
            saved_at: None,
            save_error: None,
            record: meeting.clone(),
            actions,
            addendum,
        }
    }

    /// For each line of the text, what it became: an action (its text is one of this
    /// meeting's actions), a decision (it is one of the meeting's decisions) or a lesson
    /// (the line is marked so). An addendum has no lesson marks: those index the minutes.
    pub fn marks(&self) -> Vec<LineMarks> {
        // The marks as stored belong to the text as saved; lines typed since move them.
        let lessons = match self.addendum {
            Some(_) => Vec::new(),
            None if self.record.lesson_lines.is_empty() => Vec::new(),
            None => {
                let saved: Vec<&str> = self.record.minutes.split('\n').collect();
                follow(&saved, self.area.lines(), &self.record.lesson_lines)
            }
        };
        self.area
            .lines()
            .iter()
            .enumerate()
            .map(|(row, line)| {
                let text = captured_text(line);
                let said = |other: &str| !text.is_empty() && captured_text(other) == text;
                LineMarks {
                    action: self.actions.iter().any(|a| said(&a.text)),
                    decision: self.record.decisions.iter().any(|d| said(d)),
                    lesson: lessons.binary_search(&row).is_ok(),
                }
            })
            .collect()
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// Whether the debounce says to save at `now`.
    pub fn save_due(&self, now: Instant) -> bool {
        match (self.dirty_since, self.last_edit) {
            (Some(first), Some(last)) => now >= last + QUIET || now >= first + MAX_UNSAVED,
            _ => false,
        }
    }

    fn current_line(&self) -> (usize, String) {
        let row = self.area.cursor().0;
        (row, self.area.lines().get(row).cloned().unwrap_or_default())
    }
}

impl App {
    /// Opens the minutes editor of a meeting (the `avtal minutes` entry point too).
    /// Approved minutes first ask whether to write an addendum (see [`App::open_addendum`]).
    pub fn open_minutes(&mut self, id: MeetingId) {
        match self.store.meeting(id) {
            Ok(Some(m)) if m.is_approved() => {
                self.follow(m.agreement);
                self.popup = Some(Popup::Picker(Picker::new(
                    tr!(self.cat, "ui.minutes.approved_question", id = id),
                    vec![
                        self.cat.t("ui.minutes.approved_keep").to_string(),
                        tr!(
                            self.cat,
                            "ui.minutes.approved_addendum",
                            date = crate::app::form::format_date(self.today)
                        ),
                    ],
                    0,
                    Pick::Meeting(MeetingPick::Addendum(id)),
                )));
            }
            Ok(Some(m)) => {
                self.follow(m.agreement);
                let actions = self.store.actions_of_meeting(id).unwrap_or_default();
                self.minutes = Some(MinutesEditor::new(&m, actions));
            }
            Ok(None) => self.error(tr!(self.cat, "ui.minutes.no_such_meeting", id = id)),
            Err(e) => self.store_failed(&e),
        }
    }

    /// The editor on an addendum to approved minutes (the answer to the question).
    pub(in crate::app) fn open_addendum(&mut self, id: MeetingId) {
        match self.store.meeting(id) {
            Ok(Some(m)) => {
                let actions = self.store.actions_of_meeting(id).unwrap_or_default();
                self.minutes = Some(MinutesEditor::for_addendum(&m, actions, self.today));
            }
            Ok(None) => self.error(tr!(self.cat, "ui.minutes.no_such_meeting", id = id)),
            Err(e) => self.store_failed(&e),
        }
    }

    /// Saves the open minutes if they changed. On failure the text stays in the editor
    /// and the error is shown; the next save tries again.
    pub fn save_minutes(&mut self) -> bool {
        let Some(ed) = self.minutes.as_mut() else {
            return true;
        };
        if !ed.dirty() {
            return true;
        }
        let result = match ed.addendum {
            // An addendum begun and left empty is not worth a record.
            Some((index, _)) if index >= ed.record.addenda.len() && ed.text().trim().is_empty() => {
                Ok(false)
            }
            Some((index, date)) => {
                let addendum = Addendum {
                    date,
                    text: ed.text(),
                };
                let saved = self.store.save_addendum(ed.meeting, index, &addendum);
                if saved.is_ok() {
                    // Later saves replace this one rather than adding another.
                    match ed.record.addenda.get_mut(index) {
                        Some(old) => *old = addendum,
                        None => ed.record.addenda.push(addendum),
                    }
                }
                saved
            }
            None => {
                let text = ed.text();
                let saved = self.store.save_minutes(ed.meeting, &text);
                if saved.is_ok() {
                    // As the store moved them: the marks follow the saved text from here.
                    let r = &mut ed.record;
                    r.lesson_lines = follow_lines(&r.minutes, &text, &r.lesson_lines);
                    r.minutes = text;
                }
                saved
            }
        };
        match result {
            Ok(_) => {
                ed.dirty_since = None;
                ed.last_edit = None;
                ed.saved_at = Some(self.now);
                ed.save_error = None;
                true
            }
            Err(e) => {
                ed.save_error = Some(e.message(self.cat));
                false
            }
        }
    }

    /// The event loop's clock: autosaves when the debounce says so.
    pub fn tick(&mut self, now: Instant) {
        if self.minutes.as_ref().is_some_and(|ed| ed.save_due(now)) {
            self.save_minutes();
        }
    }

    /// Pasted text (bracketed paste): into the minutes in one piece, or into a form field.
    pub fn paste(&mut self, text: &str) {
        if let Some(form) = self.form.as_mut() {
            let field = &mut form.fields[form.focus];
            let text = if field.is_multiline() {
                text.to_string()
            } else {
                text.replace(['\r', '\n'], " ")
            };
            if field.input.insert_str(text) {
                form.changed = true;
                field.validate(self.cat);
            }
            return;
        }
        if let Some(ed) = self.minutes.as_mut() {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            if ed.area.insert_str(text) {
                let now = Instant::now();
                ed.dirty_since.get_or_insert(now);
                ed.last_edit = Some(now);
            }
        }
    }

    /// Before the process ends (quit, SIGTERM, SIGHUP): nothing typed is left unsaved.
    pub fn shutdown(&mut self) {
        self.save_minutes();
    }

    /// A key in the minutes editor: the command keys are the keymap's `MINUTES`, the
    /// rest is the minutes' text.
    pub(in crate::app) fn minutes_key(&mut self, key: KeyEvent) {
        match keymap::lookup(keymap::MINUTES, &key) {
            Some(Act::Editor(EditorAct::Close)) => {
                if self.save_minutes() {
                    let id = self.minutes.take().map(|ed| ed.meeting);
                    self.after_minutes_closed(id);
                }
            }
            Some(Act::Editor(EditorAct::Save)) => {
                if self.save_minutes() {
                    self.status = Some(Status {
                        text: self.cat.t("ui.minutes.saved_now").to_string(),
                        error: false,
                    });
                }
            }
            Some(Act::Editor(EditorAct::LineToAction)) => self.action_from_line(),
            Some(Act::Editor(EditorAct::LineToDecision)) => self.decision_from_line(),
            Some(Act::Editor(EditorAct::LineToLesson)) => self.lesson_from_line(),
            _ => {
                // Ctrl-C is the app's (quit, or ask first), never text.
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && key.code == KeyCode::Char('c') {
                    return;
                }
                let Some(ed) = self.minutes.as_mut() else {
                    return;
                };
                if ed.area.input(key) {
                    let now = Instant::now();
                    ed.dirty_since.get_or_insert(now);
                    ed.last_edit = Some(now);
                }
            }
        }
    }

    fn after_minutes_closed(&mut self, id: Option<MeetingId>) {
        self.popup = None::<Popup>;
        self.load_meetings();
        if let Some(id) = id {
            self.meetings.open = Some(id);
        }
    }
}
