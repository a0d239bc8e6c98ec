//! The view before the next procurement (DESIGN §1.9): the goal picture beside the
//! outcome over the whole agreement, then deviations by supplier, purchases outside the
//! agreement with their decisions, sanctions and the lessons noted along the way.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::statistics::procurement::ProcurementReport;
use crate::app::statistics::procurement_export::{percent, source};
use crate::tr;

use crate::ui::theme;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(r) = &app.statistics.computed.procurement else {
        return;
    };
    let [top, rest] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
    let [goal, outcome] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(top);
    let goal_text = match r.goal_picture.trim() {
        "" => cat.t("ui.stats.proc.no_goal").to_string(),
        g => g.to_string(),
    };
    frame.render_widget(
        Paragraph::new(goal_text).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::TOP | Borders::RIGHT)
                .title(Span::styled(cat.t("ui.stats.proc.goal"), theme::title())),
        ),
        goal,
    );
    frame.render_widget(
        Paragraph::new(outcome_lines(app, r, outcome.width))
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::TOP).title(Span::styled(
                tr!(
                    cat,
                    "ui.stats.proc.outcome_period",
                    from = format_date(r.period.from),
                    to = format_date(r.period.to)
                ),
                theme::title(),
            ))),
        outcome,
    );
    let lines = detail_lines(app, r);
    let height = usize::from(rest.height.saturating_sub(1));
    let scroll = app
        .statistics
        .scroll
        .min(lines.len().saturating_sub(height.max(1)));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(Span::styled(cat.t("ui.stats.proc.details"), theme::title())),
            ),
        rest,
    );
}

/// The outcome per supplier, each column as wide as its header or its widest figure (at
/// a million call-offs the counts have six digits and more); the supplier's name takes
/// what is left of `room` columns, up to 16 characters.
fn outcome_lines(app: &App, r: &ProcurementReport, room: u16) -> Vec<Line<'static>> {
    let cat = app.cat;
    let width = |label: &str, values: &mut dyn Iterator<Item = u64>, least: usize| {
        let widest = values
            .map(|v| cat.count(v).chars().count())
            .max()
            .unwrap_or(0);
        widest.max(label.chars().count()).max(least)
    };
    let suppliers = &r.kpis.suppliers;
    let (l_in_time, l_awarded) = (
        cat.t("ui.stats.proc.outcome_in_time"),
        cat.t("ui.stats.proc.outcome_awarded"),
    );
    let w_in_time = width(l_in_time, &mut std::iter::empty(), 6);
    let w_awarded = width(l_awarded, &mut suppliers.iter().map(|s| s.awarded), 6);
    let w_on_time = width("", &mut suppliers.iter().map(|s| s.on_time), 5);
    let w_delivered = width("", &mut suppliers.iter().map(|s| s.delivered), 5);
    let figures = 1 + w_in_time + 1 + w_awarded + 1 + w_on_time + 1 + w_delivered;
    let w_name = usize::from(room).saturating_sub(figures).clamp(8, 16);
    let cut = |text: &str| -> String { text.chars().take(w_name).collect() };
    let header = format!(
        "{:<w_name$} {l_in_time:>w_in_time$} {l_awarded:>w_awarded$} {}",
        cut(cat.t("ui.stats.proc.outcome_supplier")),
        cat.t("ui.stats.proc.outcome_on_time"),
    );
    let mut lines = vec![Line::from(Span::styled(header, theme::header()))];
    for s in suppliers {
        let name = cut(&s.name);
        lines.push(Line::from(format!(
            "{name:<w_name$} {:>w_in_time$} {:>w_awarded$} {:>w_on_time$}/{:<w_delivered$}",
            percent(cat, s.answered_in_time_share),
            cat.count(s.awarded),
            cat.count(s.on_time),
            cat.count(s.delivered)
        )));
    }
    lines.push(Line::from(super::ranking_line(app, &r.kpis)));
    lines
}

fn heading(text: String) -> Line<'static> {
    Line::from(Span::styled(text, theme::header()))
}

fn detail_lines(app: &App, r: &ProcurementReport) -> Vec<Line<'static>> {
    let cat = app.cat;
    let mut out = vec![heading(cat.t("ui.stats.proc.deviations").to_string())];
    for d in &r.deviations {
        out.push(Line::from(tr!(
            cat,
            "ui.stats.proc.deviation_line",
            name = d.name,
            awarded = cat.count(d.awarded),
            passed_over = cat.count(d.passed_over),
            manual = cat.count(d.manual)
        )));
    }
    out.push(heading(cat.t("ui.stats.proc.purchases").to_string()));
    if r.purchases.is_empty() {
        out.push(Line::from(Span::styled(
            cat.t("ui.stats.proc.none").to_string(),
            theme::muted(),
        )));
    }
    for (c, t, d) in &r.purchases {
        out.push(Line::from(tr!(
            cat,
            "ui.stats.proc.purchase_line",
            category = c,
            count = cat.count(t.count as u64),
            amount = cat.money_compact(t.amount),
            decision = cat.t(crate::app::purchases::decision_label(*d))
        )));
    }
    out.push(heading(cat.t("ui.stats.proc.sanctions").to_string()));
    match &r.sanctions {
        None => out.push(Line::from(Span::styled(
            cat.t("ui.stats.proc.sanctions_missing").to_string(),
            theme::muted(),
        ))),
        Some(lines) => out.extend(lines.iter().map(|l| Line::from(l.clone()))),
    }
    out.push(heading(cat.t("ui.spend.sample.report_heading").to_string()));
    out.extend(
        crate::app::spend::sample::report_lines(cat, r.sample.as_ref())
            .into_iter()
            .map(Line::from),
    );
    out.push(heading(cat.t("ui.stats.proc.lessons").to_string()));
    if r.lessons.is_empty() {
        out.push(Line::from(Span::styled(
            cat.t("ui.stats.proc.no_lessons").to_string(),
            theme::muted(),
        )));
    }
    for l in &r.lessons {
        out.push(Line::from(format!(
            "{} {}: {}",
            format_date(l.date),
            source(cat, &l.source),
            l.text
        )));
    }
    out
}
