//! The Sanctions tab: a bar naming its three parts (penalties, damages, termination), the
//! shown part's list, and beneath it the selected case — the penalty's arithmetic, the
//! damages dialogue, the escalation steps — with its documentation log.

mod detail;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::sanctions::Part;
use crate::domain::sanction::{CaseStatus, ClaimStatus};
use crate::tr;

use super::theme;
use super::widgets::{fit_column, muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.sanctions;
    let title = tr!(
        cat,
        "ui.sanctions.title",
        reference = a.reference,
        n = cat.count(st.to_claim)
    );
    let inner = titled(frame, area, title);
    let rows_wanted = (st.len() as u16 + 1).clamp(2, 8);
    let [bar, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows_wanted),
        Constraint::Fill(1),
    ])
    .areas(inner);
    part_bar(frame, app, bar);
    if st.is_empty() {
        let key = match st.part {
            Part::Penalties => "ui.sanctions.empty_penalties",
            Part::Damages => "ui.sanctions.empty_damages",
            Part::Termination => "ui.sanctions.empty_termination",
        };
        frame.render_widget(
            Paragraph::new(cat.t(key))
                .style(theme::muted())
                .wrap(Wrap { trim: true }),
            list.union(detail),
        );
        return;
    }
    match st.part {
        Part::Penalties => penalties(frame, app, list),
        Part::Damages => damages(frame, app, list),
        Part::Termination => terminations(frame, app, list),
    }
    detail::render(frame, app, detail);
}

fn part_bar(frame: &mut Frame, app: &App, area: Rect) {
    let st = &app.sanctions;
    let counts = [st.claim_count, st.damages.len(), st.terminations.len()];
    let mut spans = Vec::new();
    for (p, n) in Part::ALL.iter().zip(counts) {
        let style = if *p == st.part {
            theme::active_tab()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(
            format!(" {} ({}) ", app.cat.t(p.label()), app.cat.count(n as u64)),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        app.cat.t("ui.sanctions.part_hint"),
        theme::muted(),
    ));
    frame.render_widget(Line::from(spans), area);
}

/// The lines of a list of `len` lines that are on screen, the selected one kept in the
/// middle; `rows` holds lines `first..` of it (the penalties hold only a window).
fn table<'a>(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    header: Vec<&'a str>,
    widths: Vec<Constraint>,
    (first, len, rows): (usize, usize, Vec<Row<'a>>),
) {
    let height = area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let selected = app.sanctions.selected();
    let start = window_start(selected, len, height);
    let in_log = app.sanctions.log.is_some();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| (first + i, r))
        .skip_while(|(i, _)| *i < start)
        .take(height)
        .map(|(i, r)| match (i == selected, in_log) {
            (true, false) => r.style(theme::selected()),
            (true, true) => r.style(theme::header()),
            _ => r,
        });
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(theme::header()))
        .column_spacing(1);
    frame.render_widget(t, area);
}

fn status_style(done: bool, urgent: bool) -> Style {
    if done {
        theme::muted()
    } else if urgent {
        theme::soon()
    } else {
        Style::default()
    }
}

fn penalties(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let a = app.followed_agreement();
    let st = &app.sanctions;
    let rows = st
        .claims
        .rows()
        .iter()
        .map(|c| {
            let name = a.map(|a| a.supplier_name(&c.supplier)).unwrap_or_default();
            let due = st
                .proposal(&c.calloff)
                .map(|p| format_date(p.breakdown.due))
                .unwrap_or_default();
            let status = cat.t(&format!("ui.sanctions.claim_status.{}", c.status.key()));
            let done = matches!(
                c.status,
                ClaimStatus::Paid { .. } | ClaimStatus::Waived { .. }
            );
            Row::new(vec![
                Cell::from(c.id.to_string()),
                Cell::from(c.calloff.clone()),
                Cell::from(name),
                Cell::from(due),
                Cell::from(c.delay_days.to_string()),
                Cell::from(c.units.to_string()),
                Cell::from(Line::from(cat.money_compact(c.amount)).right_aligned()),
                Cell::from(status),
            ])
            .style(status_style(done, c.status == ClaimStatus::Identified))
        })
        .collect();
    let header = [
        "ui.sanctions.col.id",
        "ui.sanctions.col.calloff",
        "ui.sanctions.col.supplier",
        "ui.sanctions.col.due",
        "ui.sanctions.col.days",
        "ui.sanctions.col.units",
        "ui.sanctions.col.amount",
        "ui.sanctions.col.status",
    ]
    .map(|k| cat.t(k))
    .to_vec();
    // As wide as the longest id and reference held: at a national scale both run past
    // the usual widths (V-126230, AV-2025-0999999).
    let widest = |f: fn(&crate::domain::sanction::PenaltyClaim) -> usize, min: usize| {
        st.claims
            .rows()
            .iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .clamp(min, 24) as u16
    };
    // Exact amounts ("12 500,50") and every state's whole word ("Efterskänkt").
    let amount_width = st
        .claims
        .rows()
        .iter()
        .map(|c| cat.money_compact(c.amount).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(9, 20) as u16;
    let states = ["identified", "claimed", "paid", "disputed", "waived"]
        .map(|k| cat.t(&format!("ui.sanctions.claim_status.{k}")));
    let status_width = fit_column(cat.t("ui.sanctions.col.status"), states);
    let widths = vec![
        Constraint::Length(widest(|c| c.id.to_string().len(), 6)),
        Constraint::Length(widest(|c| c.calloff.chars().count(), 13)),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(amount_width),
        Constraint::Length(status_width),
    ];
    table(
        frame,
        app,
        area,
        header,
        widths,
        (st.claims.start(), st.claim_count, rows),
    );
}

fn case_status(app: &App, prefix: &str, s: CaseStatus) -> String {
    app.cat
        .t(&format!("ui.sanctions.{prefix}_status.{}", s.key()))
        .to_string()
}

fn damages(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let a = app.followed_agreement();
    let rows = app
        .sanctions
        .damages
        .iter()
        .map(|c| {
            let deadline = c.improvement_deadline;
            let urgent = c.status == CaseStatus::Open && deadline.is_some_and(|d| d <= app.today);
            Row::new(vec![
                Cell::from(c.id.to_string()),
                Cell::from(a.map(|a| a.supplier_name(&c.supplier)).unwrap_or_default()),
                Cell::from(c.breach.clone()),
                Cell::from(c.dialogue.len().to_string()),
                Cell::from(deadline.map(format_date).unwrap_or_default()),
                Cell::from(case_status(app, "damages", c.status)),
            ])
            .style(status_style(c.status == CaseStatus::Closed, urgent))
        })
        .collect();
    let header = [
        "ui.sanctions.col.id",
        "ui.sanctions.col.supplier",
        "ui.sanctions.col.breach",
        "ui.sanctions.col.dialogue",
        "ui.sanctions.col.deadline",
        "ui.sanctions.col.status",
    ]
    .map(|k| cat.t(k))
    .to_vec();
    let widths = vec![
        Constraint::Length(6),
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(10),
        Constraint::Length(10),
    ];
    let n = app.sanctions.damages.len();
    table(frame, app, area, header, widths, (0, n, rows));
}

fn terminations(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        return;
    };
    let rows = app
        .sanctions
        .terminations
        .iter()
        .map(|c| {
            let reached = c.reached().map(|l| l.to_string()).unwrap_or_default();
            let next = c
                .next_level(&a.escalation)
                .map(|l| format!("{} {}", l.level, l.title))
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(c.id.to_string()),
                Cell::from(a.supplier_name(&c.supplier)),
                Cell::from(c.grounds.clone()),
                Cell::from(reached),
                Cell::from(next),
                Cell::from(case_status(app, "termination", c.status)),
            ])
            .style(status_style(c.status != CaseStatus::Open, false))
        })
        .collect();
    let header = [
        "ui.sanctions.col.id",
        "ui.sanctions.col.supplier",
        "ui.sanctions.col.grounds",
        "ui.sanctions.col.reached",
        "ui.sanctions.col.next",
        "ui.sanctions.col.status",
    ]
    .map(|k| cat.t(k))
    .to_vec();
    let widths = vec![
        Constraint::Length(6),
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(16),
        Constraint::Length(9),
    ];
    let n = app.sanctions.terminations.len();
    table(frame, app, area, header, widths, (0, n, rows));
}
