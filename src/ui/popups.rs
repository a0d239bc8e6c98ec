//! The small popups: welcome on an empty register, confirmations, choosing from a list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::keymap::{Act, LEAVE, WELCOME};
use crate::app::leaving::CHOICES;
use crate::app::{App, Picker};

use super::theme;
use super::widgets::{centered, key_hints, popup, window_start};

pub fn welcome(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let inner = popup(frame, centered(area, 64, 14), cat.t("ui.welcome.title"));
    let mut lines = vec![
        Line::from(cat.t("ui.welcome.intro")),
        Line::from(""),
        Line::from(cat.t("ui.welcome.empty")),
        Line::from(""),
    ];
    // The choices are the keymap's, so what it offers is what the keys do.
    lines.extend(
        WELCOME
            .iter()
            .filter(|b| b.in_footer)
            .map(|b| key_hints([(b.label, cat.t(b.desc))])),
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

pub fn confirm(frame: &mut Frame, app: &App, message: &str, area: Rect) {
    let cat = app.cat;
    // Tall enough for the whole question as it wraps (a delete that names what lies
    // behind the record runs to several lines), then a blank line and the keys.
    let rows = super::wrap::wrap(&[Line::from(message)], 58).len();
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4);
    let inner = popup(frame, centered(area, 60, height), cat.t("ui.confirm.title"));
    let lines = vec![
        Line::from(message.to_string()),
        Line::from(""),
        key_hints([
            ("y/Enter", cat.t("ui.key.confirm_yes")),
            ("n/Esc", cat.t("ui.key.confirm_no")),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// Ctrl-C over a form with unsaved changes: the answers, each with its key, as a list.
pub fn leave(frame: &mut Frame, app: &App, selected: usize, area: Rect) {
    let cat = app.cat;
    let inner = popup(frame, centered(area, 60, 11), cat.t("ui.leave.title"));
    let mut lines = vec![Line::from(cat.t("ui.leave.message")), Line::from("")];
    for (i, choice) in CHOICES.iter().enumerate() {
        let Some(b) = LEAVE.iter().find(|b| b.act == Act::Leave(*choice)) else {
            continue;
        };
        let line = Line::from(vec![
            Span::styled(format!(" {:<5}", b.label), theme::key()),
            Span::raw(cat.t(b.desc)),
        ]);
        lines.push(if i == selected {
            line.style(theme::selected())
        } else {
            line
        });
    }
    if let Some(b) = LEAVE
        .iter()
        .find(|b| b.act == Act::Leave(crate::app::leaving::Choice::Draft))
    {
        lines.push(Line::from(""));
        lines.push(key_hints([(b.label, cat.t(b.desc))]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

pub fn picker(frame: &mut Frame, app: &App, p: &Picker, area: Rect) {
    // A line for the filter, then the options that hold it.
    let h = (p.options.len() as u16 + 3).min(area.height);
    let inner = popup(frame, centered(area, 60, h), &p.title);
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let filter = if p.filter.is_empty() {
        Line::from(Span::styled(
            app.cat.t("ui.picker.type_to_filter").to_string(),
            theme::muted(),
        ))
    } else {
        Line::from(vec![
            Span::styled(
                format!("{} ", app.cat.t("ui.picker.filter")),
                theme::header(),
            ),
            Span::raw(p.filter.clone()),
            Span::styled(
                format!("  ({})", app.cat.count(p.visible.len() as u64)),
                theme::muted(),
            ),
        ])
    };
    frame.render_widget(filter, filter_area);
    let height = list_area.height as usize;
    app.page.set(height.max(1));
    let start = window_start(p.selected, p.visible.len(), height);
    let lines: Vec<Line> = p
        .visible
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(pos, &i)| {
            let line = Line::from(Span::raw(p.options[i].clone()));
            if pos == p.selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
}
