//! The Spend tab's lists: the agreement's suppliers, those outside it on its accounts,
//! and the price audit's overcharged lines.

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::domain::Money;
use crate::i18n::Catalog;
use crate::stats::spend::{PriceAuditRow, SpendReport};
use crate::tr;

use super::super::theme;
use super::super::widgets::{fit_column, muted_text, window_start};
use super::{kr, percent};

/// A list of `len` rows under `header`; only the rows in view are made (`row` gives the
/// cells of one), so a price audit of many thousand lines draws as fast as a short one.
pub(super) fn table(
    frame: &mut Frame,
    app: &App,
    header: Vec<&str>,
    widths: Vec<Constraint>,
    (len, row): (usize, impl Fn(usize) -> Vec<String>),
    area: Rect,
) {
    let st = &app.spend;
    let height = area.height.saturating_sub(1) as usize;
    let start = window_start(st.selected, len, height);
    let body: Vec<Row> = (start..len.min(start + height))
        .map(|i| {
            let style = if i == st.selected {
                theme::selected()
            } else {
                Style::default()
            };
            Row::new(row(i).into_iter().map(Cell::from)).style(style)
        })
        .collect();
    frame.render_widget(
        Table::new(body, widths)
            .header(Row::new(header).style(theme::header()))
            .column_spacing(2),
        area,
    );
}

pub(super) fn suppliers(frame: &mut Frame, app: &App, r: &SpendReport, area: Rect) {
    let cat = app.cat;
    let rows = (r.suppliers.len(), |i: usize| {
        let s = &r.suppliers[i];
        vec![
            s.name.clone(),
            s.org_number.to_string(),
            kr(cat, s.spend),
            share_of(cat, s.spend, r.spend),
        ]
    });
    table(
        frame,
        app,
        vec![
            cat.t("ui.spend.col.supplier"),
            cat.t("ui.spend.col.org_number"),
            cat.t("ui.spend.col.spend"),
            cat.t("ui.spend.col.share"),
        ],
        vec![
            Constraint::Fill(2),
            Constraint::Length(11),
            Constraint::Length(16),
            Constraint::Length(7),
        ],
        rows,
        area,
    );
}

fn share_of(cat: &Catalog, part: Money, whole: Money) -> String {
    if whole.0 == 0 {
        return cat.t("common.none").to_string();
    }
    percent(cat, Some(part.0 as f64 / whole.0 as f64))
}

pub(super) fn outside(frame: &mut Frame, app: &App, r: &SpendReport, area: Rect) {
    let cat = app.cat;
    if r.outside.is_empty() {
        muted_text(frame, cat.t("ui.spend.no_outside"), area);
        return;
    }
    let rows = (r.outside.len(), |i: usize| {
        let s = &r.outside[i];
        vec![s.name.clone(), s.org_number.to_string(), kr(cat, s.spend)]
    });
    table(
        frame,
        app,
        vec![
            cat.t("ui.spend.col.supplier"),
            cat.t("ui.spend.col.org_number"),
            cat.t("ui.spend.col.on_accounts"),
        ],
        vec![
            Constraint::Fill(2),
            Constraint::Length(11),
            Constraint::Length(16),
        ],
        rows,
        area,
    );
}

pub(super) fn audit(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let st = &app.spend;
    if st.audit.is_empty() {
        muted_text(frame, cat.t("ui.spend.no_overcharges"), area);
        return;
    }
    let [list, total] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    // The date only where there is room; the invoice and line always whole.
    let dated = area.width >= 100;
    // As wide as the widest "invoice · line" of the whole list, so it keeps its width
    // while scrolling; measured without making the texts.
    let widest = st
        .audit
        .iter()
        .map(|l| l.invoice.cell_width() + l.line.cell_width() + 3)
        .max()
        .unwrap_or(0);
    let invoice_width = widest.max(fit_column(cat.t("ui.spend.col.invoice"), []));
    let rows = (st.audit.len(), |i: usize| {
        let l = &st.audit[i];
        let mut row = vec![
            format!("{} · {}", l.invoice, l.line),
            l.item.split_whitespace().collect::<Vec<_>>().join(" "),
            cat.money_kr(l.unit_price),
            cat.money_kr(l.agreed),
            cat.money_kr(l.overcharge),
        ];
        if dated {
            row.insert(0, format_date(l.date));
        }
        row
    });
    let mut header = vec![
        cat.t("ui.spend.col.invoice"),
        cat.t("ui.spend.col.item"),
        cat.t("ui.spend.col.invoiced"),
        cat.t("ui.spend.col.agreed"),
        cat.t("ui.spend.col.overcharge"),
    ];
    // Each amount column as wide as its widest amount or header, so the item keeps the
    // rest (found from the largest amount: formatting every line costs a frame).
    let amount_width = |header: &str, amount: fn(&PriceAuditRow) -> Money| {
        let widest = st.audit.iter().map(amount).max_by_key(|m| m.0.abs());
        let text = widest.map(|m| cat.money_kr(m)).unwrap_or_default();
        fit_column(header, [text.as_str()])
    };
    let mut widths = vec![
        Constraint::Length(invoice_width),
        Constraint::Fill(1),
        Constraint::Length(amount_width(header[2], |l| l.unit_price)),
        Constraint::Length(amount_width(header[3], |l| l.agreed)),
        Constraint::Length(amount_width(header[4], |l| l.overcharge)),
    ];
    if dated {
        header.insert(0, cat.t("ui.spend.col.date"));
        widths.insert(0, Constraint::Length(10));
    }
    table(frame, app, header, widths, rows, list);
    let sum: i64 = st.audit.iter().map(|l| l.overcharge.0).sum();
    frame.render_widget(
        Line::styled(
            tr!(
                cat,
                "ui.spend.overcharged_total",
                amount = cat.money_kr(Money(sum))
            ),
            theme::header(),
        ),
        total,
    );
}
