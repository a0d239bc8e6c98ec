//! A form as a popup: one line per field (more for multi-line ones), its problem beneath
//! it in words, scrolled so the field being typed in is always in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::form::{Field, FieldKind, Form};

use super::theme;
use super::widgets::{centered, popup};

/// The label column: wide enough for the longest label with its marker and a space, so a
/// label never runs into its value ("Lärdom till nästa avtal" is 23 characters).
fn label_width(app: &App, form: &Form) -> u16 {
    let longest = form
        .fields
        .iter()
        .map(|f| {
            f.title
                .as_deref()
                .unwrap_or_else(|| app.cat.t(f.label))
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0);
    (longest as u16 + 3).clamp(24, 36)
}
const MULTILINE_HEIGHT: u16 = 3;

/// Lines a field takes: its input, then its problem wrapped to `width` columns.
fn field_height(f: &Field, width: u16, multiline: u16, label_w: u16) -> u16 {
    let input = if f.is_multiline() { multiline } else { 1 };
    input + error_height(f, width, label_w)
}

fn error_height(f: &Field, width: u16, label_w: u16) -> u16 {
    let text_width = usize::from(width.saturating_sub(label_w).max(10));
    f.error
        .as_ref()
        .map(|e| (e.chars().count() + 2).div_ceil(text_width) as u16)
        .unwrap_or(0)
}

/// A form that is mostly one long text (an instruction, a note) gives that text the
/// height the screen has; other forms keep multi-line fields small.
fn multiline_height(form: &Form, area: Rect) -> u16 {
    let long =
        form.fields.iter().filter(|f| f.is_multiline()).count() == 1 && form.fields.len() <= 2;
    if long {
        let others = (form.fields.len() as u16).saturating_sub(1);
        area.height.saturating_sub(others + 5).max(MULTILINE_HEIGHT)
    } else {
        MULTILINE_HEIGHT
    }
}

pub fn render(frame: &mut Frame, app: &App, form: &Form, area: Rect) {
    let width = 78u16.min(area.width).saturating_sub(2);
    let ml = multiline_height(form, area);
    let lw = label_width(app, form);
    // A refusal in words may need more than a row: it wraps rather than being cut.
    // Words moved whole to the next row can take one row more than the characters need.
    let message_height = form.message.as_ref().map_or(1, |m| {
        let chars = m.chars().count();
        let width = usize::from(width.max(1));
        let rows = if chars <= width {
            1
        } else {
            chars.div_ceil(width) + 1
        };
        rows.min(4) as u16
    });
    let wanted: u16 = form
        .fields
        .iter()
        .map(|f| field_height(f, width, ml, lw))
        .sum::<u16>()
        + 2
        + message_height;
    let outer = centered(area, 78, wanted);
    let inner = popup(frame, outer, &form.title);
    let [fields_area, message_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(message_height)]).areas(inner);
    // Scroll: start from the first field such that the focused one fits.
    let mut first = 0;
    loop {
        let used: u16 = form.fields[first..=form.focus]
            .iter()
            .map(|f| field_height(f, width, ml, lw))
            .sum();
        if used <= fields_area.height || first == form.focus {
            break;
        }
        first += 1;
    }
    let mut y = fields_area.y;
    for (i, f) in form.fields.iter().enumerate().skip(first) {
        let h = field_height(f, width, ml, lw);
        if y + h > fields_area.bottom() {
            break;
        }
        let input_h = h - error_height(f, width, lw);
        let row = Rect::new(fields_area.x, y, fields_area.width, input_h);
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(lw), Constraint::Fill(1)]).areas(row);
        let focused = i == form.focus;
        let label_style = if focused {
            theme::title()
        } else {
            theme::header()
        };
        let marker = if focused { "▸ " } else { "  " };
        frame.render_widget(
            Span::styled(
                format!(
                    "{marker}{}",
                    f.title.as_deref().unwrap_or_else(|| app.cat.t(f.label))
                ),
                label_style,
            ),
            label_area,
        );
        match &f.kind {
            FieldKind::Choice { .. } => {
                let value = f.shown_value(app.cat);
                let text = if focused {
                    format!("◂ {value} ▸")
                } else {
                    value
                };
                let style = if focused {
                    theme::selected()
                } else {
                    ratatui::style::Style::default()
                };
                frame.render_widget(Span::styled(text, style), input_area);
            }
            _ if focused => frame.render_widget(&f.input, input_area),
            _ => {
                let lines: Vec<Line> = f
                    .input
                    .lines()
                    .iter()
                    .map(|l| Line::from(l.clone()))
                    .collect();
                // Wrapped like the focused editor wraps them, so a field reads the same
                // whether the cursor is in it or not.
                let lines = if f.is_multiline() {
                    super::wrap::wrap(&lines, input_area.width.into())
                } else {
                    lines
                };
                frame.render_widget(Paragraph::new(lines).style(theme::muted()), input_area);
            }
        }
        if let Some(e) = &f.error {
            let err_area = Rect::new(
                fields_area.x + lw,
                y + input_h,
                fields_area.width.saturating_sub(lw),
                h - input_h,
            );
            frame.render_widget(
                Paragraph::new(format!("⚠ {e}"))
                    .style(theme::error())
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                err_area,
            );
        }
        y += h;
    }
    if let Some(m) = &form.message {
        frame.render_widget(
            Paragraph::new(m.clone())
                .style(theme::error())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            message_area,
        );
    } else {
        frame.render_widget(
            Span::styled(app.cat.t("ui.form.hint"), theme::muted()),
            message_area,
        );
    }
}
