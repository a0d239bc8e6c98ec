//! The Actions tab: every action item with its owner, side, due date (overdue in red),
//! status and origin meeting; the selected one written out in full beneath the list.
//! Also the small popup that shows facts to read (an action's origin meeting).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::app::App;
use crate::app::actions::{meeting_kind_label, side_label, status_label};
use crate::app::form::format_date;
use crate::domain::meeting::{Action, ActionStatus, Side};
use crate::tr;

use super::theme;
use super::widgets::{centered, fit_column, key_hints, muted_text, popup, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.work.actions;
    let scope = if st.every_agreement {
        cat.t("ui.work.actions.every_agreement").to_string()
    } else {
        match app.followed_agreement() {
            Some(a) => a.reference.clone(),
            None => cat.t("ui.work.actions.no_agreement").to_string(),
        }
    };
    let title = tr!(
        cat,
        "ui.work.actions.title",
        scope = scope,
        filter = cat.t(st.filter.label()),
        n = st.visible.len(),
        of = st.all.len()
    );
    let inner = titled(frame, area, title);
    if st.visible.is_empty() {
        let key = if st.all.is_empty() {
            "ui.work.actions.empty"
        } else {
            "ui.work.actions.none_match"
        };
        muted_text(frame, cat.t(key), inner);
        return;
    }
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
    table(frame, app, list);
    if let Some(a) = st.selected_action() {
        detail_lines(frame, app, a, detail);
    }
}

fn table(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.work.actions;
    let wide = area.width >= 110;
    let height = area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.visible.len(), height);
    let rows = st
        .visible
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .filter_map(|(pos, &i)| st.all.get(i).map(|a| (pos, a)))
        .map(|(pos, a)| {
            let closed = a.status != ActionStatus::Open;
            let due_style = if a.is_overdue(app.today) {
                theme::overdue()
            } else {
                Style::new()
            };
            let origin = match (wide, st.meeting(a.meeting)) {
                (true, Some(m)) => format!("{} {}", a.meeting, format_date(m.date)),
                _ => a.meeting.to_string(),
            };
            let row = Row::new(vec![
                Cell::from(a.id.to_string()),
                Cell::from(a.text.clone()),
                Cell::from(a.owner.clone()),
                Cell::from(cat.t(side_label(a.side)).to_string()),
                Cell::from(Span::styled(
                    a.due.map(format_date).unwrap_or_default(),
                    due_style,
                )),
                Cell::from(cat.t(status_label(a.status)).to_string()),
                Cell::from(origin),
            ]);
            if pos == st.selected {
                row.style(theme::selected())
            } else if closed {
                row.style(theme::muted())
            } else {
                row
            }
        });
    let header = Row::new(vec![
        cat.t("ui.work.col.id"),
        cat.t("ui.work.col.text"),
        cat.t("ui.work.col.owner"),
        cat.t("ui.work.col.side"),
        cat.t("ui.work.col.due"),
        cat.t("ui.work.col.status"),
        cat.t("ui.work.col.meeting"),
    ])
    .style(theme::header());
    // "M-0008" or, from 110 columns, "M-0008 2026-10-29"; never narrower than its header.
    let origin_width = fit_column(
        cat.t("ui.work.col.meeting"),
        [if wide { "M-0000 0000-00-00" } else { "M-0000" }],
    );
    // Sides ("myndigheten", "leverantör") and states as wide as their longest word.
    let side_width = fit_column(
        cat.t("ui.work.col.side"),
        Side::ALL.iter().map(|s| cat.t(side_label(*s))),
    );
    let status_width = fit_column(
        cat.t("ui.work.col.status"),
        ActionStatus::ALL.iter().map(|s| cat.t(status_label(*s))),
    );
    let table = Table::new(
        rows,
        [
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(if wide { 18 } else { 12 }),
            Constraint::Length(side_width),
            Constraint::Length(10),
            Constraint::Length(status_width),
            Constraint::Length(origin_width),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, area);
}

/// The selected action's whole text and where it was decided.
fn detail_lines(frame: &mut Frame, app: &App, a: &Action, area: Rect) {
    let cat = app.cat;
    let origin = match app.work.actions.meeting(a.meeting) {
        Some(m) => tr!(
            cat,
            "ui.work.actions.from_meeting",
            id = m.id,
            kind = cat.t(meeting_kind_label(m.kind)),
            date = format_date(m.date)
        ),
        None => a.meeting.to_string(),
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", a.id), theme::header()),
            Span::raw(a.text.clone()),
        ]),
        Line::from(Span::styled(origin, theme::muted())),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// A popup of lines to read; any key closes it.
pub fn info(frame: &mut Frame, app: &App, title: &str, lines: &[String], area: Rect) {
    // Long lines wrap (words move, so counted short of the 62 columns): each takes its
    // rows, and the last line and the key hint below stay inside the popup.
    let wraps = |l: &String| (l.chars().count().max(1)).div_ceil(56) as u16;
    let h = lines.iter().map(wraps).sum::<u16>() + 4;
    let inner = popup(frame, centered(area, 64, h), title);
    let mut text: Vec<Line> = lines.iter().map(|l| Line::from(l.clone())).collect();
    text.push(Line::from(""));
    text.push(key_hints([("Esc", app.cat.t("ui.key.close"))]));
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
}
