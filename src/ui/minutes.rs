//! The live minutes editor, full screen: the text area the secretary types into, whether
//! it is saved, and beside it (when there is room) the decisions, action items and
//! lessons captured from it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::minutes::MinutesEditor;
use crate::tr;

use super::theme;

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
    let title = Line::from(vec![
        Span::styled(
            tr!(
                cat,
                "ui.minutes.title",
                id = m.id,
                kind = kind,
                date = format_date(m.date)
            ),
            theme::title(),
        ),
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
    frame.render_widget(&ed.area, text_area);
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
