//! The Outside purchases tab: the register (newest first) with the selected purchase's
//! reason beneath it, and the analysis: totals by category with the decision taken, and
//! by orderer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::purchases::decision_label;
use crate::domain::purchase::CategoryDecision;
use crate::tr;

use super::theme;
use super::widgets::{muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.purchases;
    let title = tr!(
        cat,
        "ui.purchases.title",
        reference = a.reference,
        n = cat.plural("ui.purchases.count", st.analysis.total.count as u64),
        amount = cat.money_kr(st.analysis.total.amount)
    );
    let inner = titled(frame, area, title);
    // Side by side when there is room for the decisions' words; else stacked.
    let wide = inner.width >= 110;
    let cat_rows = st.analysis.by_category.len().clamp(1, 5) as u16 + 1;
    let ord_rows = st.analysis.by_orderer.len().clamp(1, 4) as u16 + 1;
    let analysis_height = if wide {
        cat_rows.max(ord_rows)
    } else {
        cat_rows + ord_rows
    };
    let [list_area, reason_area, analysis_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(analysis_height),
    ])
    .areas(inner);
    register(frame, app, list_area);
    if let Some(p) = st.list.get(st.selected) {
        let reason = if p.reason.is_empty() {
            cat.t("common.none").to_string()
        } else {
            p.reason.clone()
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!("{}: ", cat.t("ui.field.reason")), theme::header()),
                Span::raw(reason),
            ]),
            reason_area,
        );
    }
    let [cats, orderers] = if wide {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)])
            .spacing(2)
            .areas(analysis_area)
    } else {
        Layout::vertical([Constraint::Length(cat_rows), Constraint::Fill(1)]).areas(analysis_area)
    };
    by_category(frame, app, cats);
    by_orderer(frame, app, orderers);
}

fn register(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.purchases;
    if st.list.is_empty() {
        // The analysis has no `n`: it says where to register one instead.
        let empty = if st.in_analysis {
            "ui.purchases.empty_analysis"
        } else {
            "ui.purchases.empty"
        };
        muted_text(frame, cat.t(empty), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    if !st.in_analysis {
        app.page.set(height.max(1));
    }
    let start = window_start(st.selected, st.list.len(), height);
    let rows = st
        .list
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, p)| {
            let row = Row::new(vec![
                Cell::from(format_date(p.date)),
                Cell::from(p.orderer.clone()),
                Cell::from(p.supplier.clone()),
                Cell::from(p.description.clone()),
                Cell::from(Line::from(cat.money(p.amount)).right_aligned()),
                Cell::from(p.category.clone()),
            ]);
            if i == st.selected && !st.in_analysis {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let header = Row::new(vec![
        cat.t("ui.purchases.col_date"),
        cat.t("ui.purchases.col_orderer"),
        cat.t("ui.purchases.col_supplier"),
        cat.t("ui.purchases.col_description"),
        cat.t("ui.purchases.col_amount"),
        cat.t("ui.purchases.col_category"),
    ])
    .style(theme::header());
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(14),
            Constraint::Length(14),
            Constraint::Fill(1),
            Constraint::Length(12),
            Constraint::Length(14),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, area);
}

fn pane(title: String, focused: bool) -> Block<'static> {
    let style = if focused {
        theme::title()
    } else {
        theme::header()
    };
    Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, style))
}

fn by_category(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.purchases;
    let block = pane(
        cat.t("ui.purchases.by_category").to_string(),
        st.in_analysis,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if st.in_analysis {
        app.page.set(height.max(1));
    }
    let start = window_start(st.category, st.analysis.by_category.len(), height);
    let rows = st
        .analysis
        .by_category
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, (name, total))| {
            let d = st.decision(name);
            let style = match d {
                CategoryDecision::Undecided => theme::soon(),
                _ => theme::ok(),
            };
            let row = Row::new(vec![
                Cell::from(name.clone()),
                Cell::from(total.count.to_string()),
                Cell::from(Line::from(cat.money(total.amount)).right_aligned()),
                Cell::from(Span::styled(cat.t(decision_label(d)).to_string(), style)),
            ]);
            if st.in_analysis && i == st.category {
                row.style(theme::selected())
            } else {
                row
            }
        });
    // The decision column as wide as its longest label, so no decision is cut.
    let decision_width = CategoryDecision::ALL
        .iter()
        .map(|d| cat.t(decision_label(*d)).chars().count())
        .max()
        .unwrap_or(0) as u16;
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(12),
            Constraint::Length(decision_width),
        ],
    )
    .column_spacing(1);
    frame.render_widget(table, inner);
}

fn by_orderer(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.purchases;
    let block = pane(cat.t("ui.purchases.by_orderer").to_string(), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = st
        .analysis
        .by_orderer
        .iter()
        .take(usize::from(inner.height))
        .map(|(name, total)| {
            Row::new(vec![
                Cell::from(name.clone()),
                Cell::from(total.count.to_string()),
                Cell::from(Line::from(cat.money(total.amount)).right_aligned()),
            ])
        });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(12),
        ],
    )
    .column_spacing(1);
    frame.render_widget(table, inner);
}
