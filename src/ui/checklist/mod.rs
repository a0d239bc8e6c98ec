//! The Implementation tab: progress per section as gauges with the total, then the items
//! grouped under their sections with status, owner and due date (overdue in red), and the
//! selected item's whole text and note beneath.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Gauge, LineGauge, Paragraph, Row, Table};

use crate::app::App;
use crate::app::checklist::item_status_label;
use crate::app::form::format_date;
use crate::domain::checklist::{Checklist, ChecklistItem, ItemStatus, progress};
use crate::tr;

use super::theme;
use super::widgets::{fit_column, muted_text, window_start};
use super::wrap::wrap;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let block = Block::default().borders(Borders::TOP).title(Span::styled(
        tr!(
            cat,
            "ui.work.checklist.title",
            reference = a.reference,
            name = a.name
        ),
        theme::title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(list) = &app.work.checklist.list else {
        muted_text(frame, cat.t("ui.work.checklist.empty"), inner);
        return;
    };
    let sections = progress(list);
    let gauge_rows = (sections.len().div_ceil(2) as u16) + 1;
    // The selected item's whole text and its note under the list: the item column is cut
    // at 80 columns, and a checklist item is often a sentence.
    let detail = list
        .items
        .get(app.work.checklist.selected)
        .map(|it| detail_rows(app, it, inner.width))
        .unwrap_or_default();
    let [gauges, items, detail_area] = Layout::vertical([
        Constraint::Length(gauge_rows),
        Constraint::Fill(1),
        Constraint::Length(detail.len() as u16),
    ])
    .areas(inner);
    render_gauges(frame, app, list, gauges);
    render_items(frame, app, list, items);
    frame.render_widget(Paragraph::new(detail), detail_area);
}

/// The item's text and note wrapped to the width, at most five rows (the list keeps the rest).
fn detail_rows(app: &App, it: &ChecklistItem, width: u16) -> Vec<Line<'static>> {
    const MOST: usize = 5;
    let cat = app.cat;
    let note = if it.note.is_empty() {
        cat.t("common.none").to_string()
    } else {
        it.note.clone()
    };
    let lines = [
        Line::from(Span::styled(it.text.clone(), theme::header())),
        Line::from(vec![
            Span::styled(
                format!("{}: ", cat.t("ui.work.field.note")),
                theme::header(),
            ),
            Span::raw(note),
        ]),
    ];
    let mut rows = wrap(&lines, usize::from(width));
    if rows.len() > MOST {
        rows.truncate(MOST);
        if let Some(last) = rows.last_mut() {
            last.spans.push(Span::raw("…"));
        }
    }
    rows
}

fn ratio(done: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        (done as f64 / of as f64).clamp(0.0, 1.0)
    }
}

/// One line gauge per section, two to a row, then the total as a full-width gauge.
fn render_gauges(frame: &mut Frame, app: &App, list: &Checklist, area: Rect) {
    let sections = progress(list);
    let rows = sections.len().div_ceil(2);
    let mut constraints = vec![Constraint::Length(1); rows];
    constraints.push(Constraint::Length(1));
    let lines = Layout::vertical(constraints).split(area);
    for (i, (name, done, of)) in sections.iter().enumerate() {
        let Some(line) = lines.get(i / 2) else {
            continue;
        };
        let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
            .spacing(2)
            .areas(*line);
        let cell = if i % 2 == 0 { left } else { right };
        let gauge = LineGauge::default()
            .ratio(ratio(*done, *of))
            .label(format!("{name} {done}/{of}"))
            .filled_style(Style::new().fg(Color::LightGreen))
            .unfilled_style(Style::new().fg(Color::DarkGray));
        frame.render_widget(gauge, cell);
    }
    if let Some(total_area) = lines.get(rows) {
        let (done, of) = list.total();
        let gauge = Gauge::default()
            .ratio(ratio(done, of))
            .label(tr!(
                app.cat,
                "ui.work.checklist.total",
                done = done,
                of = of
            ))
            .gauge_style(Style::new().fg(Color::Green).bg(Color::DarkGray));
        frame.render_widget(gauge, *total_area);
    }
}

fn status_style(s: ItemStatus) -> Style {
    match s {
        ItemStatus::Done => theme::ok(),
        ItemStatus::InProgress => theme::soon(),
        ItemStatus::NotApplicable => theme::muted(),
        ItemStatus::Todo => Style::new(),
    }
}

/// Items under a line naming their section; the window keeps the selected item in view.
fn render_items(frame: &mut Frame, app: &App, list: &Checklist, area: Rect) {
    let cat = app.cat;
    let selected = app.work.checklist.selected;
    // The item shown on each line; None for the line naming the section that follows.
    let mut lines: Vec<Option<usize>> = Vec::new();
    let mut selected_line = 0;
    for (i, it) in list.items.iter().enumerate() {
        if i == 0 || list.items[i - 1].section != it.section {
            lines.push(None);
        }
        if i == selected {
            selected_line = lines.len();
        }
        lines.push(Some(i));
    }
    let height = area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(selected_line, lines.len(), height);
    let rows = lines
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(n, line)| match line {
            None => {
                let section = lines
                    .get(n + 1)
                    .copied()
                    .flatten()
                    .and_then(|i| list.items.get(i))
                    .map(|it| it.section.clone())
                    .unwrap_or_default();
                // In the text column: the status column is too narrow for a name.
                Row::new(vec![
                    Cell::from(""),
                    Cell::from(Span::styled(section, theme::header())),
                ])
            }
            Some(i) => {
                let it = &list.items[*i];
                let due_style = if it.is_overdue(app.today) {
                    theme::overdue()
                } else {
                    Style::new()
                };
                let row = Row::new(vec![
                    Cell::from(Span::styled(
                        format!("  {}", cat.t(item_status_label(it.status))),
                        status_style(it.status),
                    )),
                    Cell::from(it.text.clone()),
                    Cell::from(it.owner.clone()),
                    Cell::from(Span::styled(
                        it.due.map(format_date).unwrap_or_default(),
                        due_style,
                    )),
                ]);
                if *i == selected {
                    row.style(theme::selected())
                } else {
                    row
                }
            }
        });
    let header = Row::new(vec![
        cat.t("ui.work.col.status"),
        cat.t("ui.work.col.item"),
        cat.t("ui.work.col.owner"),
        cat.t("ui.work.col.due"),
    ])
    .style(theme::header());
    // Two spaces indent the states under their section line.
    let states = ItemStatus::ALL.map(|s| format!("  {}", cat.t(item_status_label(s))));
    let status_width = fit_column(
        cat.t("ui.work.col.status"),
        states.iter().map(String::as_str),
    );
    let table = Table::new(
        rows,
        [
            Constraint::Length(status_width),
            Constraint::Fill(1),
            Constraint::Length(14),
            Constraint::Length(10),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, area);
}
