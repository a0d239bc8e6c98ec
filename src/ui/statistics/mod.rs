//! The Statistics tab: a header naming the agreement, period and view, then the view —
//! the §5 KPI table (figures down, suppliers across), trends, the suppliers' own
//! figures beside the register's, or the view before the next procurement. Reads only
//! what `app::statistics` computed; nothing is counted here.

mod charts;
mod procurement;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::statistics::procurement_export::{mean, percent};
use crate::app::statistics::{PeriodKind, StatsView};
use crate::domain::Agreement;
use crate::domain::supplier_report::month_key;
use crate::stats::{KpiTable, SupplierKpis};
use crate::tr;

use super::theme;
use super::widgets::{muted_text, titled};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let (Some(a), Some(period)) = (app.followed_agreement(), app.statistics.computed.period) else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.statistics;
    let [head, views, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let kind = if st.kind == PeriodKind::Custom {
        cat.t("ui.stats.period.custom").to_string()
    } else {
        cat.t(st.kind.label()).to_string()
    };
    let supplier = match st.supplier.and_then(|i| a.suppliers.get(i)) {
        Some(s) => s.name.clone(),
        None => cat.t("ui.stats.all_suppliers").to_string(),
    };
    let title = tr!(
        cat,
        "ui.stats.title",
        reference = a.reference,
        kind = kind,
        from = format_date(period.from),
        to = format_date(period.to),
        supplier = supplier
    );
    frame.render_widget(Line::from(Span::styled(title, theme::title())), head);
    let mut spans = Vec::new();
    for v in StatsView::ALL {
        let style = if v == st.view {
            theme::active_tab()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(format!(" {} ", cat.t(v.label())), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), views);
    match st.view {
        StatsView::Kpis => kpis(frame, app, a, body),
        StatsView::Trends => charts::render(frame, app, a, body),
        StatsView::Compare => compare(frame, app, a, body),
        StatsView::Procurement => procurement::render(frame, app, body),
    }
}

/// Label key and how to show it, for each §5 figure.
type Figure = (&'static str, fn(&App, &SupplierKpis) -> String);

const FIGURES: [Figure; 13] = [
    ("ui.stats.kpi.requests", |a, s| a.cat.count(s.requests)),
    ("ui.stats.kpi.answered_in_time", |a, s| {
        a.cat.count(s.answered_in_time)
    }),
    ("ui.stats.kpi.not_answered_in_time", |a, s| {
        a.cat.count(s.not_answered_in_time)
    }),
    ("ui.stats.kpi.pending", |a, s| a.cat.count(s.pending)),
    ("ui.stats.kpi.answered_in_time_share", |a, s| {
        percent(a.cat, s.answered_in_time_share)
    }),
    ("ui.stats.kpi.awarded", |a, s| a.cat.count(s.awarded)),
    ("ui.stats.kpi.delivered", |a, s| a.cat.count(s.delivered)),
    ("ui.stats.kpi.on_time", |a, s| a.cat.count(s.on_time)),
    ("ui.stats.kpi.consultants", |a, s| {
        a.cat.count(s.consultants)
    }),
    ("ui.stats.kpi.replaced", |a, s| {
        a.cat.count(s.replaced_due_to_complaint)
    }),
    ("ui.stats.kpi.replaced_share", |a, s| {
        percent(a.cat, s.replaced_share)
    }),
    ("ui.stats.kpi.sick_leave_share", |a, s| {
        percent(a.cat, s.sick_leave_share)
    }),
    ("ui.stats.kpi.quality_mean", |a, s| {
        mean(a.cat, s.quality_mean)
    }),
];

/// The ranking compliance line of §5.
pub fn ranking_line(app: &App, k: &KpiTable) -> String {
    crate::app::statistics::procurement_export::ranking_line(app.cat, &k.ranking)
}

fn kpis(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let Some(k) = &app.statistics.computed.kpis else {
        return;
    };
    // The ranking line wraps at 80 columns instead of losing its last words.
    let ranking_rows = super::wrap::wrap(&[Line::from(ranking_line(app, k))], area.width.into());
    let [table_area, ranking] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(ranking_rows.len() as u16),
    ])
    .areas(area);
    let label_w: u16 = 24;
    let n = u16::try_from(k.suppliers.len().max(1)).unwrap_or(u16::MAX);
    // Columns share the width, between a short name and a full one.
    let col_w: u16 = (table_area.width.saturating_sub(label_w) / n).clamp(12, 22);
    let fit = usize::from((table_area.width.saturating_sub(label_w) / col_w).max(1));
    // The chosen supplier is always in view; otherwise the first ones.
    let first = app
        .statistics
        .supplier
        .map_or(0, |i| (i + 1).saturating_sub(fit));
    let shown: Vec<&SupplierKpis> = k.suppliers.iter().skip(first).take(fit).collect();
    let mut header = vec![Cell::from(cat.t("ui.stats.col.figure"))];
    for (n, s) in shown.iter().enumerate() {
        let name: String = s.name.chars().take(usize::from(col_w) - 1).collect();
        let style = if app.statistics.supplier == Some(first + n) {
            theme::selected()
        } else {
            Style::default()
        };
        header.push(Cell::from(Span::styled(name, style)));
    }
    let rows = FIGURES.iter().map(|(label, show)| {
        let mut cells = vec![Cell::from(cat.t(label))];
        cells.extend(shown.iter().map(|s| Cell::from(show(app, s))));
        Row::new(cells)
    });
    let mut widths = vec![Constraint::Length(label_w)];
    widths.extend(shown.iter().map(|_| Constraint::Length(col_w)));
    let more = if k.suppliers.len() > shown.len() {
        tr!(
            cat,
            "ui.stats.more_suppliers",
            shown = shown.len(),
            total = a.suppliers.len()
        )
    } else {
        String::new()
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::header()))
        .block(
            Block::default()
                .borders(Borders::TOP)
                .title(Span::styled(cat.t("ui.stats.view.kpis"), theme::title()))
                .title_bottom(Span::styled(more, theme::muted())),
        );
    frame.render_widget(table, table_area);
    frame.render_widget(Paragraph::new(ranking_rows), ranking);
}

/// "reported / register", red when they differ.
fn pair(reported: u32, register: u32) -> Cell<'static> {
    let style = if reported == register {
        Style::default()
    } else {
        theme::error()
    };
    Cell::from(Span::styled(format!("{reported} / {register}"), style))
}

fn compare(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let st = &app.statistics;
    let wanted = st
        .supplier
        .and_then(|i| a.suppliers.get(i))
        .map(|s| &s.org_number);
    let list: Vec<_> = st
        .computed
        .compare
        .iter()
        .filter(|m| wanted.is_none_or(|w| *w == m.supplier))
        .collect();
    let differing = list.iter().filter(|m| !m.differences().is_zero()).count();
    let title = tr!(
        cat,
        "ui.stats.compare.title",
        months = list.len(),
        differing = differing
    );
    let inner = titled(frame, area, title);
    if list.is_empty() {
        muted_text(frame, cat.t("ui.stats.compare.empty"), inner);
        return;
    }
    let [note, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Line::from(Span::styled(cat.t("ui.stats.compare.note"), theme::muted())),
        note,
    );
    let height = usize::from(table_area.height.saturating_sub(1));
    let start = st.scroll.min(list.len().saturating_sub(height.max(1)));
    let rows = list.iter().skip(start).take(height).map(|m| {
        let name = a
            .suppliers
            .iter()
            .find(|s| s.org_number == m.supplier)
            .map_or_else(|| m.supplier.to_string(), |s| s.name.clone());
        let (r, o) = (&m.reported, &m.register);
        Row::new(vec![
            Cell::from(month_key(m.month)),
            Cell::from(name),
            pair(r.requests, o.requests),
            pair(r.answered_in_time, o.answered_in_time),
            pair(r.consultants, o.consultants),
            pair(r.replaced_due_to_complaint, o.replaced_due_to_complaint),
        ])
    });
    let header = Row::new(vec![
        cat.t("ui.stats.col.month"),
        cat.t("ui.stats.col.supplier"),
        cat.t("ui.stats.compare.requests"),
        cat.t("ui.stats.compare.in_time"),
        cat.t("ui.stats.compare.consultants"),
        cat.t("ui.stats.compare.replaced"),
    ])
    .style(theme::header());
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(11),
            Constraint::Length(11),
            Constraint::Length(11),
            Constraint::Length(11),
        ],
    )
    .header(header);
    frame.render_widget(table, table_area);
}
