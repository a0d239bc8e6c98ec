//! The Spend tab: the maximum value as a gauge with the day it is reached at the last
//! twelve months' rate, agreement compliance, spend per month as bars, and beneath them one
//! part at a time: the agreement's suppliers (each with its months as a sparkline), the
//! suppliers outside the agreement on its accounts, and the invoice lines above the
//! agreed price.

mod lists;
mod sample;

use lists::{audit, outside, suppliers};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Gauge, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::spend::SpendPart;
use crate::domain::Money;
use crate::i18n::Catalog;
use crate::stats::spend::{CeilingForecast, SpendReport};
use crate::tr;

use super::theme;
use super::widgets::{muted_text, titled};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.spend;
    let Some(r) = &st.report else {
        muted_text(frame, cat.t("ui.spend.not_loaded"), area);
        return;
    };
    let title = tr!(
        cat,
        "ui.spend.title",
        reference = a.reference,
        amount = kr(cat, r.spend)
    );
    let inner = titled(frame, area, title);
    if st.invoices == 0 {
        frame.render_widget(
            Paragraph::new(cat.t("ui.spend.empty"))
                .style(theme::muted())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let chart_height = if inner.height >= 30 { 9 } else { 6 };
    let compliance_text = compliance_text(cat, a.money.accounts.as_slice(), r);
    // The sentence wraps at narrow widths rather than being cut.
    let compliance_height = (compliance_text.chars().count() as u16)
        .div_ceil(inner.width.max(1))
        .clamp(1, 3);
    let [gauge, compliance, chart, bar, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(compliance_height),
        Constraint::Length(chart_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    ceiling(frame, app, r, gauge);
    frame.render_widget(
        Paragraph::new(compliance_text).wrap(Wrap { trim: true }),
        compliance,
    );
    months(frame, cat, r, chart);
    part_bar(frame, app, r, bar);
    match st.part {
        SpendPart::Suppliers => suppliers(frame, app, r, list),
        SpendPart::Outside => outside(frame, app, r, list),
        SpendPart::PriceAudit => audit(frame, app, list),
        SpendPart::Sample => sample::render(frame, app, list),
    }
}

fn ceiling(frame: &mut Frame, app: &App, r: &SpendReport, area: Rect) {
    let cat = app.cat;
    let Some(max) = r.max_value else {
        frame.render_widget(
            Line::styled(cat.t("ui.spend.no_max_value"), theme::muted()),
            area,
        );
        return;
    };
    let share = r.ceiling_used_share.unwrap_or(0.0);
    let when = match app.spend.forecast {
        Some(CeilingForecast::Reached) => cat.t("ui.spend.reached").to_string(),
        Some(CeilingForecast::At(day)) => tr!(cat, "ui.spend.reached_at", date = format_date(day)),
        _ => cat.t("ui.spend.not_at_this_rate").to_string(),
    };
    let label = tr!(
        cat,
        "ui.spend.ceiling",
        used = cat.money_compact(r.cumulative),
        max = kr(cat, max),
        percent = percent(cat, Some(share)),
        when = when
    );
    let style = if share >= 1.0 {
        theme::overdue()
    } else if share >= 0.8 {
        theme::soon()
    } else {
        theme::ok()
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(style)
            .ratio(share.clamp(0.0, 1.0))
            .label(label),
        area,
    );
}

fn percent(cat: &Catalog, v: Option<f64>) -> String {
    crate::app::statistics::procurement_export::percent(cat, v)
}

fn compliance_text(cat: &Catalog, accounts: &[String], r: &SpendReport) -> String {
    if accounts.is_empty() {
        return cat.t("ui.spend.no_accounts").to_string();
    }
    let outside: i64 = r.outside.iter().map(|s| s.spend.0).sum();
    tr!(
        cat,
        "ui.spend.compliance",
        share = percent(cat, r.compliance_share),
        accounts = accounts.join(", "),
        total = kr(cat, r.accounts_spend),
        outside = kr(cat, Money(outside))
    )
}

/// Kronor as lists show them: whole kronor without öre.
fn kr(cat: &Catalog, m: Money) -> String {
    format!("{} kr", cat.money_compact(m))
}

/// Thousands of kronor, as the bars' figures.
fn tkr(m: Money) -> String {
    let t = m.0 / 100_000;
    t.to_string()
}

fn months(frame: &mut Frame, cat: &Catalog, r: &SpendReport, area: Rect) {
    let [label, bars] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Line::styled(cat.t("ui.spend.per_month"), theme::header()),
        label,
    );
    // Every month of the window, those without invoices at zero.
    let mut month = r.from.replace_day(1).unwrap_or(r.from);
    let mut values = Vec::new();
    while month <= r.to {
        let v = r
            .months
            .iter()
            .find(|(m, _)| *m == month)
            .map(|(_, s)| *s)
            .unwrap_or_default();
        values.push((month, v));
        let next = month
            .replace_day(28)
            .ok()
            .and_then(|d| d.checked_add(time::Duration::days(4)));
        match next.and_then(|d| d.replace_day(1).ok()) {
            Some(n) => month = n,
            None => break,
        }
    }
    let n = values.len().max(1) as u16;
    let width = (bars.width / n).saturating_sub(1).clamp(1, 8);
    let group: Vec<Bar> = values
        .iter()
        .map(|(m, v)| {
            let text = tkr(*v);
            Bar::default()
                .value(u64::try_from(v.0.max(0)).unwrap_or(0))
                .text_value(if text.chars().count() <= width as usize {
                    text
                } else {
                    String::new()
                })
                .label(if width >= 2 {
                    format!("{:02}", u8::from(m.month()))
                } else {
                    String::new()
                })
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&group))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(theme::ok())
            .value_style(Style::default().reversed()),
        bars,
    );
}

fn part_bar(frame: &mut Frame, app: &App, r: &SpendReport, area: Rect) {
    let st = &app.spend;
    let counts = [
        r.suppliers.len(),
        r.outside.len(),
        st.audit.len(),
        st.samples.last().map_or(0, |s| s.items.len()),
    ];
    let labels: Vec<String> = SpendPart::ALL
        .iter()
        .zip(counts)
        .map(|(p, n)| format!("{} ({})", app.cat.t(p.label()), app.cat.count(n as u64)))
        .collect();
    // Each part padded where the four fit so; at 80 columns only the shown one is, and the
    // others stand closer rather than one be lost off the edge.
    let plain: usize = labels.iter().map(|l| l.chars().count() + 1).sum();
    let pad_all = plain + 2 * labels.len() <= usize::from(area.width);
    let mut spans = Vec::new();
    for (p, label) in SpendPart::ALL.iter().zip(labels) {
        let shown = *p == st.part;
        let style = if shown {
            theme::active_tab()
        } else {
            theme::muted()
        };
        let text = if pad_all || shown {
            format!(" {label} ")
        } else {
            label
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), area);
}
