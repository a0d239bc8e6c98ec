//! The Follow-up plan tab: each requirement with its checks beneath it — planned day
//! (overdue in red) or the event that sets it off, result, and what follows — and the
//! selected line's evidence or supplier beneath the list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::App;
use crate::app::followup::{PlanRow, result_label};
use crate::app::form::format_date;
use crate::domain::followup::{Check, CheckResult, FollowUp, Requirement, RequirementKind};
use crate::tr;

use super::theme;
use super::widgets::{muted_text, titled, window_start};
use super::wrap::wrap;

pub fn kind_label(k: RequirementKind) -> &'static str {
    match k {
        RequirementKind::OnSupplier => "ui.work.kind.on_supplier",
        RequirementKind::OnService => "ui.work.kind.on_service",
        RequirementKind::TenderPromise => "ui.work.kind.tender_promise",
        RequirementKind::ContractTerm => "ui.work.kind.contract_term",
    }
}

pub fn follow_label(f: FollowUp) -> &'static str {
    match f {
        FollowUp::None => "ui.work.follow.none",
        FollowUp::Deviation => "ui.work.follow.deviation",
        FollowUp::Sanction => "ui.work.follow.sanction",
        FollowUp::NextMeeting => "ui.work.follow.next_meeting",
    }
}

fn result_style(r: Option<CheckResult>) -> Style {
    match r {
        None => theme::muted(),
        Some(CheckResult::Met) => theme::ok(),
        Some(CheckResult::NotMet) => theme::error(),
        Some(CheckResult::Partly) => theme::soon(),
    }
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.work.followup;
    let title = tr!(
        cat,
        "ui.work.followup.title",
        reference = a.reference,
        requirements = cat.plural("common.count.requirements", st.requirements.len() as u64),
        checks = cat.plural("common.count.checks", st.checks.len() as u64)
    );
    let inner = titled(frame, area, title);
    if st.rows.is_empty() {
        muted_text(frame, cat.t("ui.work.followup.empty"), inner);
        return;
    }
    // The detail pane wraps the selected requirement's text in full; the list keeps at
    // least half of the tab.
    let detail_rows = wrap(&detail_lines(app), usize::from(inner.width));
    let room = (inner.height / 2).max(2);
    let detail_height = u16::try_from(detail_rows.len())
        .unwrap_or(room)
        .clamp(2, room);
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(inner);
    let height = list.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.rows.len(), height);
    let rows = st
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(n, row)| {
            let r = match row {
                PlanRow::Requirement(r) => st.requirements.get(*r).map(requirement_row),
                PlanRow::Check(_, c) => st.checks.get(*c).map(|c| check_row(app, c)),
            }
            .unwrap_or_default();
            if n == st.selected {
                r.style(theme::selected())
            } else {
                r
            }
        });
    let header = Row::new(vec![
        cat.t("ui.work.col.id"),
        cat.t("ui.work.col.what"),
        cat.t("ui.work.col.when"),
        cat.t("ui.work.col.result"),
        cat.t("ui.work.col.follows"),
    ])
    .style(theme::header());
    let wide = list.width >= 110;
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(if wide { 24 } else { 12 }),
            Constraint::Length(13),
            Constraint::Length(if wide { 20 } else { 12 }),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, list);
    frame.render_widget(Paragraph::new(detail_rows), detail);
}

fn requirement_row(r: &Requirement) -> Row<'static> {
    Row::new(vec![
        Cell::from(Span::styled(r.id.to_string(), theme::header())),
        Cell::from(Span::styled(r.text.clone(), theme::header())),
    ])
}

fn check_row(app: &App, c: &Check) -> Row<'static> {
    let cat = app.cat;
    let (when, style) = match c.planned {
        Some(d) if c.is_overdue(app.today) => (format_date(d), theme::overdue()),
        Some(d) => (format_date(d), Style::new()),
        None => (c.trigger.clone(), theme::muted()),
    };
    let what = match c.planned {
        Some(_) => cat.t("ui.work.check.planned"),
        None => cat.t("ui.work.check.on_event"),
    };
    Row::new(vec![
        Cell::from(format!("  {}", c.id)),
        Cell::from(format!("  {what}")),
        Cell::from(Span::styled(when, style)),
        Cell::from(Span::styled(
            cat.t(result_label(c.result)).to_string(),
            result_style(c.result),
        )),
        Cell::from(cat.t(follow_label(c.follow_up)).to_string()),
    ])
}

/// The selected requirement in full (its text, kind and supplier), and the selected
/// check's evidence.
fn detail_lines(app: &App) -> Vec<Line<'static>> {
    let cat = app.cat;
    let st = &app.work.followup;
    let mut lines = Vec::new();
    if let Some(r) = st.selected_requirement() {
        let supplier = match (&r.supplier, app.followed_agreement()) {
            (Some(o), Some(a)) => a.supplier_name(o),
            _ => cat.t("ui.work.every_supplier").to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", r.id), theme::header()),
            Span::raw(r.text.clone()),
        ]));
        lines.push(Line::from(Span::styled(
            tr!(
                cat,
                "ui.work.followup.binds",
                kind = cat.t(kind_label(r.kind)),
                supplier = supplier
            ),
            theme::muted(),
        )));
    }
    if let Some(c) = st.selected_check() {
        let evidence = if c.evidence.is_empty() {
            cat.t("common.none").to_string()
        } else {
            c.evidence.clone()
        };
        let mut spans = vec![Span::styled(
            format!("{}: ", cat.t("ui.work.field.evidence")),
            theme::header(),
        )];
        if let Some(d) = c.done {
            spans.push(Span::raw(format!("{} · ", format_date(d))));
        }
        spans.push(Span::raw(evidence));
        lines.push(Line::from(spans));
    }
    lines
}
