//! The live minutes editor, full screen: the text area the secretary types into (wrapped
//! at any width), whether it is saved, a mark beside each line that became an action, a
//! decision or a lesson, and beside it (when there is room) what was captured.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::meetings::minutes::{LineMarks, MinutesEditor};
use crate::i18n::Catalog;
use crate::tr;

use crate::ui::theme;

/// Below this width the side panel would squeeze the text; the minutes come first.
const PANEL_FROM_WIDTH: u16 = 110;

pub fn render(frame: &mut Frame, app: &App, ed: &MinutesEditor, area: Rect) {
    let cat = app.cat;
    let m = &ed.record;
    let saved = match (&ed.save_error, ed.dirty(), ed.saved_at) {
        (Some(e), _, _) => Span::styled(
            tr!(cat, "ui.minutes.save_failed", detail = e),
            theme::error(),
        ),
        (None, true, _) => Span::styled(cat.t("ui.minutes.unsaved").to_string(), theme::soon()),
        (None, false, Some(at)) => Span::styled(
            tr!(
                cat,
                "ui.minutes.saved_at",
                time = format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
            ),
            theme::ok(),
        ),
        (None, false, None) => {
            Span::styled(cat.t("ui.minutes.no_changes").to_string(), theme::muted())
        }
    };
    let kind = cat.t(&format!("ui.meeting_kind.{}", m.kind.key()));
    let heading = match ed.addendum {
        Some((_, date)) => tr!(
            cat,
            "ui.minutes.addendum_title",
            date = format_date(date),
            id = m.id
        ),
        None => tr!(
            cat,
            "ui.minutes.title",
            id = m.id,
            kind = kind,
            date = format_date(m.date)
        ),
    };
    let title = Line::from(vec![
        Span::styled(heading, theme::title()),
        Span::raw("  "),
        saved,
    ]);
    let block = Block::default().borders(Borders::TOP).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (text_area, panel) = if inner.width >= PANEL_FROM_WIDTH {
        let [t, p] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(1)]).areas(inner);
        (t, Some(p))
    } else {
        (inner, None)
    };
    text_with_marks(frame, cat, ed, text_area);
    if let Some(p) = panel {
        let mut lines = vec![Line::from(Span::styled(
            cat.t("ui.field.decisions"),
            theme::header(),
        ))];
        lines.extend(m.decisions.iter().map(|d| Line::from(format!("• {d}"))));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            cat.t("ui.meetings.actions_short"),
            theme::header(),
        )));
        lines.extend(
            ed.actions
                .iter()
                .map(|x| Line::from(format!("{} {} — {}", x.id, x.text, x.owner))),
        );
        let lessons = m.lessons();
        if !lessons.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                cat.t("ui.minutes.lessons"),
                theme::header(),
            )));
            lines.extend(lessons.iter().map(|l| Line::from(format!("✎ {l}"))));
        }
        let block = Block::default().borders(Borders::LEFT);
        let inner = block.inner(p);
        frame.render_widget(block, p);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}

/// A kind of mark: the catalogue keys of its letter and of its legend, and its style.
type Mark = (&'static str, &'static str, fn() -> Style);

/// The kinds of mark, in the order they stand beside a line.
const MARKS: [Mark; 3] = [
    (
        "ui.minutes.mark_action",
        "ui.minutes.legend_action",
        theme::soon,
    ),
    (
        "ui.minutes.mark_decision",
        "ui.minutes.legend_decision",
        theme::ok,
    ),
    (
        "ui.minutes.mark_lesson",
        "ui.minutes.legend_lesson",
        theme::header,
    ),
];

fn kinds(m: LineMarks) -> [bool; 3] {
    [m.action, m.decision, m.lesson]
}

/// The text area with a narrow column of marks on its left: beside the first screen row
/// of each line that became an action (Å), a decision (B) or a lesson (L), whatever the
/// width, and a legend under the text while any line is marked.
fn text_with_marks(frame: &mut Frame, cat: &Catalog, ed: &MinutesEditor, area: Rect) {
    let marks = ed.marks();
    let most = marks
        .iter()
        .map(|m| kinds(*m).iter().filter(|k| **k).count())
        .max()
        .unwrap_or(0);
    let marked = most > 0;
    // One column per mark a line carries (at least one, so the text does not move when
    // the first line is marked) and a space.
    let gutter = (most.max(1) as u16 + 1).min(area.width / 4);
    let [body, legend] = if marked && area.height > 2 {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let [left, text] =
        Layout::horizontal([Constraint::Length(gutter), Constraint::Fill(1)]).areas(body);
    // Drawn first: drawing is what scrolls the text area to the cursor, and the marks
    // follow that scroll.
    frame.render_widget(&ed.area, text);
    if marked && left.width > 0 {
        let top = ed.area.scroll_offset().0 as usize;
        let mut previous = None;
        for y in 0..left.height {
            let at = ed.area.screen_to_data(top + y as usize, 0);
            // Rows past the text repeat its last position: nothing more to mark.
            if previous == Some(at) {
                break;
            }
            previous = Some(at);
            // A wrapped line is marked on its first row only.
            if at.1 != 0 {
                continue;
            }
            let Some(m) = marks.get(at.0) else { continue };
            let spans: Vec<Span> = MARKS
                .iter()
                .zip(kinds(*m))
                .filter(|(_, on)| *on)
                .map(|((letter, _, style), _)| Span::styled(cat.t(letter).to_string(), style()))
                .collect();
            let row = Rect {
                y: left.y + y,
                height: 1,
                ..left
            };
            frame.render_widget(Line::from(spans), row);
        }
    }
    if marked && legend.height > 0 {
        let mut spans = Vec::new();
        for (letter, words, style) in MARKS {
            if !spans.is_empty() {
                spans.push(Span::styled(" · ", theme::muted()));
            }
            spans.push(Span::styled(cat.t(letter).to_string(), style()));
            spans.push(Span::styled(format!(" {}", cat.t(words)), theme::muted()));
        }
        frame.render_widget(Line::from(spans), legend);
    }
}
