//! Trends of the Statistics tab, month by month over at least the twelve months that
//! end with the period: requests as bars, and as sparklines the share answered in time,
//! the call-offs awarded and the share of ranking call-offs that kept the ranking.
//! Months with nothing to divide are gaps (`None`), not zeros.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Sparkline};

use crate::app::App;
use crate::domain::Agreement;
use crate::domain::supplier_report::month_key;
use crate::tr;

use crate::ui::theme;

pub fn render(frame: &mut Frame, app: &App, _a: &Agreement, area: Rect) {
    let cat = app.cat;
    let c = &app.statistics.computed;
    let (Some(first), Some(last)) = (c.window.first(), c.window.last()) else {
        return;
    };
    let months = app.statistics.trends();
    let block = Block::default().borders(Borders::TOP).title(Span::styled(
        tr!(
            cat,
            "ui.stats.trends.title",
            from = month_key(*first),
            to = month_key(*last)
        ),
        theme::title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [bars, l1, s1, l2, s2, l3, s3] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let n = months.len().max(1) as u16;
    // Bars as wide as the window allows, a column between them.
    let width = (bars.width / n).saturating_sub(1).clamp(1, 6);
    let group: Vec<Bar> = months
        .iter()
        .map(|m| {
            let label = if width >= 2 {
                format!("{:02}", u8::from(m.month.month()))
            } else {
                String::new()
            };
            Bar::default()
                .value(m.requests)
                .text_value(cat.count(m.requests))
                .label(Line::from(label))
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::default().title(Span::styled(
            cat.t("ui.stats.trends.requests"),
            theme::header(),
        )))
        .data(BarGroup::default().bars(&group))
        .bar_width(width)
        .bar_gap(1)
        .bar_style(theme::key())
        .value_style(Style::default().add_modifier(ratatui::style::Modifier::BOLD));
    frame.render_widget(chart, bars);

    let in_time: Vec<Option<u64>> = months.iter().map(|m| m.answered_in_time_percent).collect();
    let awarded: Vec<Option<u64>> = months.iter().map(|m| Some(m.awarded)).collect();
    let compliance: Vec<Option<u64>> = months.iter().map(|m| m.compliance_percent).collect();
    let last_of = |v: &[Option<u64>]| v.iter().rev().flatten().next().copied();
    let lines = [
        (l1, s1, "ui.stats.trends.in_time_share", &in_time, true),
        (l2, s2, "ui.stats.trends.awarded", &awarded, false),
        (l3, s3, "ui.stats.trends.compliance", &compliance, true),
    ];
    for (label_area, spark_area, key, data, share) in lines {
        let latest = match (last_of(data), share) {
            (Some(v), true) => tr!(cat, "ui.stats.percent", value = v),
            (Some(v), false) => cat.count(v),
            (None, _) => "–".to_string(),
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(cat.t(key), theme::header()),
                Span::styled(
                    format!("  {}", tr!(cat, "ui.stats.trends.latest", value = latest)),
                    theme::muted(),
                ),
            ]),
            label_area,
        );
        let w = usize::from(spark_area.width);
        // Each month as wide as the bars above it; the latest months when they do not fit.
        let each = (w / data.len().max(1)).max(1);
        let skip = data.len().saturating_sub(w);
        let wide: Vec<Option<u64>> = data[skip..]
            .iter()
            .flat_map(|v| std::iter::repeat_n(*v, each))
            .collect();
        let spark = Sparkline::default()
            .data(wide)
            .max(if share {
                100
            } else {
                data.iter().flatten().max().copied().unwrap_or(1).max(1)
            })
            .style(theme::ok());
        frame.render_widget(spark, spark_area);
    }
}
