//! The Meetings tab: the followed agreement's meetings by date, and one meeting with its
//! attendees by side, agenda (carried-over points with where they came from), decisions,
//! action items and its minutes with any addenda after approval, scrolled with the page
//! keys to the very end.

/// The minutes editor is drawn full screen over any tab (`ui::render`).
pub(super) mod minutes;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::domain::Agreement;
use crate::domain::meeting::{
    ActionStatus, Meeting, MeetingKind, MeetingStatus, Side, agenda_label,
};
use crate::i18n::Catalog;
use crate::tr;

use super::theme;
use super::widgets::{fit_column, muted_text, titled, window_start};

pub fn kind_label(cat: &Catalog, m: &Meeting) -> String {
    cat.t(&format!("ui.meeting_kind.{}", m.kind.key()))
        .to_string()
}

pub fn status_label(cat: &Catalog, s: MeetingStatus) -> String {
    cat.t(&format!("ui.meeting_status.{}", s.key())).to_string()
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    match app.meetings.open_meeting() {
        Some(m) => detail(frame, app, a, m, area),
        None => list(frame, app, a, area),
    }
}

fn list(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let st = &app.meetings;
    let title = tr!(
        cat,
        "ui.meetings.title",
        reference = a.reference,
        n = st.rows.len()
    );
    let inner = titled(frame, area, title);
    if st.rows.is_empty() {
        muted_text(frame, cat.t("ui.meetings.empty"), inner);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.rows.len(), height);
    let rows = st
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, m)| {
            let open = st.open_actions_of(m.id);
            let supplier = m
                .supplier
                .as_ref()
                .map(|o| a.supplier_name(o))
                .unwrap_or_default();
            let style = if i == st.selected {
                theme::selected()
            } else if m.date < app.today && m.status == MeetingStatus::Planned {
                // A planned meeting in the past was held without its record, or not held.
                theme::overdue()
            } else if m.date < app.today {
                theme::muted()
            } else {
                Style::default()
            };
            Row::new(vec![
                Cell::from(m.id.to_string()),
                Cell::from(format_date(m.date)),
                Cell::from(kind_label(cat, m)),
                Cell::from(supplier),
                Cell::from(status_label(cat, m.status)),
                Cell::from(if open > 0 {
                    open.to_string()
                } else {
                    String::new()
                }),
            ])
            .style(style)
        });
    let header = Row::new(vec![
        cat.t("ui.meetings.col_id"),
        cat.t("ui.meetings.col_date"),
        cat.t("ui.meetings.col_kind"),
        cat.t("ui.meetings.col_supplier"),
        cat.t("ui.meetings.col_status"),
        cat.t("ui.meetings.col_open"),
    ])
    .style(theme::header());
    // Kinds and states are labels: as wide as the longest, never cut; the supplier's
    // name takes what is left.
    let kind_width = fit_column(
        cat.t("ui.meetings.col_kind"),
        MeetingKind::ALL
            .iter()
            .map(|k| cat.t(&format!("ui.meeting_kind.{}", k.key()))),
    );
    let state_width = fit_column(
        cat.t("ui.meetings.col_status"),
        MeetingStatus::ALL
            .iter()
            .map(|s| cat.t(&format!("ui.meeting_status.{}", s.key()))),
    );
    let open_width = fit_column(cat.t("ui.meetings.col_open"), ["99"]);
    let table = Table::new(
        rows,
        [
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Length(kind_width),
            Constraint::Fill(1),
            Constraint::Length(state_width),
            Constraint::Length(open_width),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, inner);
}

/// The meeting's text from the scrolled-to row, wrapped to the width; when it is longer
/// than the room, the last row says which rows are shown and how to see the rest.
fn scrolled(frame: &mut Frame, app: &App, lines: &[Line], area: Rect) {
    let st = &app.meetings;
    let rows = super::wrap::wrap(lines, area.width as usize);
    let height = area.height as usize;
    if rows.len() <= height {
        st.scroll_max.set(0);
        frame.render_widget(Paragraph::new(rows), area);
        return;
    }
    let room = height.saturating_sub(1).max(1);
    let max = rows.len().saturating_sub(room);
    st.scroll_max.set(max);
    st.scroll_page.set(room.saturating_sub(1).max(1));
    let start = st.scroll.min(max);
    let shown: Vec<Line> = rows.into_iter().skip(start).take(room).collect();
    let [text, footer] =
        Layout::vertical([Constraint::Length(room as u16), Constraint::Fill(1)]).areas(area);
    let last = start + shown.len();
    frame.render_widget(Paragraph::new(shown), text);
    let key = if start >= max {
        "ui.meetings.scroll_end"
    } else {
        "ui.meetings.scroll_more"
    };
    let n = max + room;
    frame.render_widget(
        Paragraph::new(tr!(app.cat, key, from = start + 1, to = last, n = n)).style(theme::muted()),
        footer,
    );
}

fn detail(frame: &mut Frame, app: &App, a: &Agreement, m: &Meeting, area: Rect) {
    let cat = app.cat;
    let supplier = m
        .supplier
        .as_ref()
        .map(|o| a.supplier_name(o))
        .unwrap_or_else(|| cat.t("ui.meetings.no_supplier").to_string());
    let time = m
        .time
        .map(|t| format!(" {:02}:{:02}", t.hour(), t.minute()))
        .unwrap_or_default();
    let state = format!(
        "{} · {} · {}{}",
        m.id,
        kind_label(cat, m),
        format_date(m.date),
        time,
    );
    let full = format!("{state} · {supplier} · {}", status_label(cat, m.status));
    // A long supplier name would push the state out of an 80-column title: then the
    // supplier gets the body's first line instead.
    let supplier_in_title = Span::raw(full.as_str()).width() + 2 <= area.width as usize;
    let title = if supplier_in_title {
        full
    } else {
        format!("{state} · {}", status_label(cat, m.status))
    };
    let inner = titled(frame, area, title);
    let actions = app.meetings.actions_of(m.id);
    let [top, bottom] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length((actions.len() as u16 + 2).clamp(3, 10)),
    ])
    .areas(inner);
    let mut lines: Vec<Line> = Vec::new();
    let heading = |key: &str| Line::from(Span::styled(cat.t(key).to_string(), theme::header()));
    if !supplier_in_title {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", cat.t("ui.meetings.meeting_with")),
                theme::header(),
            ),
            Span::raw(supplier),
        ]));
    }
    if !m.place.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", cat.t("ui.field.place")), theme::header()),
            Span::raw(m.place.clone()),
        ]));
    }
    for (side, key) in [
        (Side::Buyer, "ui.meetings.buyer_side"),
        (Side::Supplier, "ui.meetings.supplier_side"),
    ] {
        let names: Vec<String> = m
            .attendees
            .iter()
            .filter(|x| x.side == side)
            .map(|x| {
                if x.role.is_empty() {
                    x.name.clone()
                } else {
                    format!("{} ({})", x.name, x.role)
                }
            })
            .collect();
        if !names.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", cat.t(key)), theme::header()),
                Span::raw(names.join(", ")),
            ]));
        }
    }
    lines.push(heading("ui.field.agenda"));
    if m.agenda.is_empty() {
        lines.push(Line::from(Span::styled(
            cat.t("common.none"),
            theme::muted(),
        )));
    }
    for (n, p) in m.agenda.iter().enumerate() {
        let mut spans = vec![Span::raw(format!(" {}", agenda_label(n + 1, &p.text)))];
        if let Some(from) = p.carried_from {
            spans.push(Span::styled(
                format!(
                    "  {}",
                    tr!(
                        cat,
                        "ui.meetings.carried_from",
                        meeting = from.meeting,
                        date = format_date(from.date),
                        action = from.action
                    )
                ),
                theme::soon(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if !m.decisions.is_empty() {
        lines.push(heading("ui.field.decisions"));
        for d in &m.decisions {
            lines.push(Line::from(format!(" • {d}")));
        }
    }
    lines.push(heading("ui.meetings.minutes"));
    if m.minutes.trim().is_empty() {
        lines.push(Line::from(Span::styled(
            cat.t("ui.meetings.no_minutes"),
            theme::muted(),
        )));
    }
    for l in m.minutes.lines() {
        lines.push(Line::from(l.to_string()));
    }
    for a in &m.addenda {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            tr!(cat, "ui.meetings.addendum", date = format_date(a.date)),
            theme::header(),
        )));
        lines.extend(a.text.lines().map(|l| Line::from(l.to_string())));
    }
    scrolled(frame, app, &lines, top);

    let block = Block::default().borders(Borders::TOP).title(Span::styled(
        tr!(cat, "ui.meetings.actions_title", n = actions.len()),
        theme::header(),
    ));
    let inner = block.inner(bottom);
    frame.render_widget(block, bottom);
    if actions.is_empty() {
        frame.render_widget(
            Paragraph::new(cat.t("ui.meetings.no_actions")).style(theme::muted()),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let sel = app.meetings.action_selected;
    let start = window_start(sel, actions.len(), height);
    let rows = actions
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, x)| {
            let status = cat
                .t(&format!("ui.action_status.{}", x.status.key()))
                .to_string();
            let side = cat.t(&format!("ui.side.{}", x.side.key())).to_string();
            let style = if i == sel {
                theme::selected()
            } else if x.is_overdue(app.today) {
                theme::overdue()
            } else if x.status != ActionStatus::Open {
                theme::muted()
            } else {
                Style::default()
            };
            Row::new(vec![
                Cell::from(x.id.to_string()),
                Cell::from(x.text.clone()),
                Cell::from(format!("{} ({side})", x.owner)),
                Cell::from(x.due.map(format_date).unwrap_or_default()),
                Cell::from(status),
            ])
            .style(style)
        });
    let table = Table::new(
        rows,
        [
            Constraint::Length(7),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(9),
        ],
    )
    .column_spacing(1);
    frame.render_widget(table, inner);
}
