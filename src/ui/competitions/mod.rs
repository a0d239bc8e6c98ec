//! The Renewed competition tab: the followed agreement's call-offs by competition with how
//! far each has come, and one competition in sections; the result with its arithmetic is
//! drawn by `result`.

mod result;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::app::App;
use crate::app::competitions::{
    CompRow, CompSection, CompStatus, OpenCompetition, current_instruction, invitable,
    model_problem, placeholder_name, still_to_fill,
};
use crate::app::form::{format_date, format_datetime};
use crate::domain::Agreement;
use crate::domain::competition::{Competition, ModelKind};
use crate::tr;

use super::theme;
use super::widgets::{muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, app.cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    match &app.competitions.open {
        Some(open) => competition(frame, app, a, open, area),
        None => list(frame, app, a, area),
    }
}

fn status_style(s: CompStatus) -> Style {
    match s {
        CompStatus::NotStarted => theme::muted(),
        CompStatus::Invited => theme::soon(),
        CompStatus::TendersIn => theme::header(),
        CompStatus::WinnerRecorded => theme::ok(),
    }
}

fn list(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let st = &app.competitions;
    let index = &app.calloffs.index;
    let title = tr!(
        cat,
        "ui.competitions.title",
        reference = a.reference,
        n = st.len()
    );
    let inner = titled(frame, area, title);
    if st.is_empty() {
        muted_text(frame, cat.t("ui.competitions.empty"), inner);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.len(), height);
    // Only the rows in view are built, from the window the app keeps around the selection.
    let end = (start + height).min(st.len());
    let shown: Vec<(usize, CompRow)> = (start..end)
        .filter_map(|pos| st.row(index, pos).map(|r| (pos, r)))
        .collect();
    // As wide as the longest reference shown: a national agreement's run past 13.
    let reference_width = shown
        .iter()
        .map(|(_, r)| r.calloff.reference.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(13, 24) as u16;
    // At 80 columns a winner's name has no room of its own: a decided competition shows
    // it in the status column instead (★ name), which then says as much.
    let narrow = inner.width < 100;
    let rows = shown.into_iter().map(|(pos, r)| {
        let status = r.status();
        let c = r.competition;
        let winner = c
            .and_then(|c| c.winner.as_ref())
            .map(|o| a.supplier_name(o))
            .unwrap_or_default();
        let tenders = c.map(|c| c.tenders.len().to_string()).unwrap_or_default();
        let selected = pos == st.selected;
        let label = if narrow && !winner.is_empty() {
            format!("★ {winner}")
        } else {
            cat.t(status.label()).to_string()
        };
        let mut cells = vec![
            Cell::from(r.calloff.reference.clone()),
            Cell::from(format_date(r.calloff.requested_at.date())),
            Cell::from(r.calloff.lot.clone()),
            Cell::from(tenders),
            Cell::from(Span::styled(
                label,
                if selected {
                    Style::default()
                } else {
                    status_style(status)
                },
            )),
        ];
        if !narrow {
            cells.push(Cell::from(winner));
        }
        let row = Row::new(cells);
        if selected {
            row.style(theme::selected())
        } else {
            row
        }
    });
    let mut header = vec![
        cat.t("ui.calloffs.col_reference"),
        cat.t("ui.calloffs.col_requested"),
        cat.t("ui.calloffs.col_lot"),
        cat.t("ui.competitions.col_tenders"),
    ];
    let mut widths = vec![
        Constraint::Length(reference_width),
        Constraint::Length(10),
        Constraint::Length(16),
        // As wide as its header ("Anbud", "Tenders"): the counts are short.
        Constraint::Length(cat.t("ui.competitions.col_tenders").chars().count().max(3) as u16),
    ];
    if narrow {
        header.push(cat.t("ui.competitions.col_status_winner"));
        widths.push(Constraint::Fill(1));
    } else {
        header.push(cat.t("ui.competitions.col_status"));
        header.push(cat.t("ui.competitions.col_winner"));
        widths.push(Constraint::Length(16));
        widths.push(Constraint::Fill(1));
    }
    let header = Row::new(header).style(theme::header());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
}

fn competition(frame: &mut Frame, app: &App, a: &Agreement, open: &OpenCompetition, area: Rect) {
    let cat = app.cat;
    let c = &open.competition;
    let title = format!("{} · {} · {}", c.calloff, c.lot, c.model.name);
    let inner = titled(frame, area, title);
    let [bar, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let mut spans = Vec::new();
    for s in CompSection::ALL {
        let style = if s == open.section {
            theme::active_tab()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(format!(" {} ", cat.t(s.label())), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), bar);
    match open.section {
        CompSection::Instruction => {
            let deadline = c
                .deadline
                .map(format_datetime)
                .unwrap_or_else(|| cat.t("ui.competition.no_deadline").to_string());
            let head = Line::from(vec![
                Span::styled(
                    format!("{}: ", cat.t("ui.field.tender_deadline")),
                    theme::header(),
                ),
                Span::raw(deadline),
            ]);
            let instruction = current_instruction(cat, a, &app.competitions.organisation, c);
            let left = still_to_fill(&instruction);
            let readiness = if left.is_empty() {
                Line::from(Span::styled(cat.t("ui.instruction.is_ready"), theme::ok()))
            } else {
                let names: Vec<String> = left.iter().map(|n| placeholder_name(cat, n)).collect();
                Line::from(Span::styled(
                    tr!(cat, "ui.instruction.to_fill", names = names.join(", ")),
                    theme::soon(),
                ))
            };
            let lines: Vec<Line> = [head, readiness, Line::from("")]
                .into_iter()
                .chain(reflow(&instruction).into_iter().map(Line::from))
                .collect();
            text(frame, app, lines, open.selected, body);
        }
        CompSection::Model => model(frame, app, c, open.selected, body),
        CompSection::Invited => invited(frame, app, a, c, open.selected, body),
        CompSection::Tenders => tenders(frame, app, a, c, open.selected, body),
        CompSection::Result => {
            let lines = result::lines(cat, a, c, body.width);
            text(frame, app, lines, open.selected, body);
        }
        CompSection::Note => {
            let mut lines = vec![Line::from(Span::styled(
                cat.t("ui.competition.note_intro"),
                theme::muted(),
            ))];
            lines.push(Line::from(""));
            if c.note.is_empty() {
                lines.push(Line::from(Span::styled(
                    cat.t("ui.competition.note_empty"),
                    theme::muted(),
                )));
            } else {
                lines.extend(c.note.lines().map(|l| Line::from(l.to_string())));
            }
            lines.push(Line::from(""));
            lines.extend(result::review(app, c));
            text(frame, app, lines, open.selected, body);
        }
    }
}

/// A text section scrolled by j/k; the scroll stops where the last line is in view. The
/// lines are wrapped here, so that where the end is is known (and told to the app).
fn text(frame: &mut Frame, app: &App, lines: Vec<Line>, scroll: usize, area: Rect) {
    app.page.set(usize::from(area.height).max(1));
    let rows = super::wrap::wrap(&lines, usize::from(area.width));
    let max = rows.len().saturating_sub(usize::from(area.height));
    app.competitions.text_end.set(Some(max));
    let start = scroll.min(max);
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(start)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

fn model(frame: &mut Frame, app: &App, c: &Competition, selected: usize, area: Rect) {
    let cat = app.cat;
    let m = &c.model;
    let kind = match &m.kind {
        ModelKind::WeightedScore { price_weight, .. } => {
            tr!(cat, "ui.competition.model_weighted", weight = price_weight)
        }
        ModelKind::PriceWithDeductions { .. } => {
            cat.t("ui.competition.model_deductions").to_string()
        }
    };
    let mut rows = vec![format!("{} · {kind}", m.name)];
    match &m.kind {
        ModelKind::WeightedScore { criteria, .. } => {
            for cr in criteria {
                rows.push(tr!(
                    cat,
                    "ui.competition.row_criterion",
                    name = cr.name,
                    weight = cr.weight,
                    max = cr.max_points
                ));
            }
        }
        ModelKind::PriceWithDeductions { criteria } => {
            for cr in criteria {
                rows.push(tr!(
                    cat,
                    "ui.competition.row_deduction",
                    name = cr.name,
                    amount = cat.money_kr(cr.max_deduction),
                    max = cr.max_points
                ));
            }
        }
    }
    let mut lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let text = if i == 0 { t } else { format!("   {t}") };
            let line = Line::from(text);
            if i == selected {
                line.style(theme::selected())
            } else if i == 0 {
                line.style(theme::header())
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::from(""));
    let problems = m.validate();
    if problems.is_empty() {
        lines.push(Line::from(Span::styled(
            cat.t("ui.competition.model_ok"),
            theme::ok(),
        )));
    }
    for p in &problems {
        lines.push(Line::from(Span::styled(
            format!("⚠ {}", model_problem(cat, m, p)),
            theme::error(),
        )));
    }
    let saved: Vec<&str> = app
        .competitions
        .models
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    let saved = if saved.is_empty() {
        cat.t("common.none").to_string()
    } else {
        saved.join(", ")
    };
    lines.push(Line::from(Span::styled(
        tr!(cat, "ui.competition.saved_models", names = saved),
        theme::muted(),
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn invited(
    frame: &mut Frame,
    app: &App,
    a: &Agreement,
    c: &Competition,
    selected: usize,
    area: Rect,
) {
    let cat = app.cat;
    let lot = a.lot(&c.lot);
    let list = invitable(a, c);
    let height = usize::from(area.height).max(1);
    app.page.set(height);
    let start = window_start(selected, list.len(), height);
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, org)| {
            let mark = if c.invited.contains(org) {
                "[x]"
            } else {
                "[ ]"
            };
            let rank = lot
                .and_then(|l| l.rank_of(org))
                .map(|r| tr!(cat, "ui.competition.rank", n = r))
                .unwrap_or_else(|| cat.t("ui.competition.not_in_lot").to_string());
            let tendered = if c.tenders.iter().any(|t| &t.supplier == org) {
                cat.t("ui.competition.has_tendered")
            } else {
                ""
            };
            let line = Line::from(format!(
                "{mark} {:<28} {}  {rank:<16} {tendered}",
                a.supplier_name(org),
                org
            ));
            if i == selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn tenders(
    frame: &mut Frame,
    app: &App,
    a: &Agreement,
    c: &Competition,
    selected: usize,
    area: Rect,
) {
    let cat = app.cat;
    if c.tenders.is_empty() {
        muted_text(frame, cat.t("ui.competition.no_tenders"), area);
        return;
    }
    let names: Vec<&str> = c.model.kind.criteria().map(|(n, _)| n).collect();
    let mut header = vec![
        cat.t("ui.cascade.col_supplier").to_string(),
        cat.t("ui.competition.col_price").to_string(),
    ];
    header.extend(names.iter().map(|n| n.to_string()));
    let uninvited = c.uninvited_tenders();
    let height = area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(selected, c.tenders.len(), height);
    let rows = c
        .tenders
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, t)| {
            let mut name = a.supplier_name(&t.supplier);
            if uninvited.contains(&i) {
                name.push_str(cat.t("ui.competition.uninvited_mark"));
            }
            let mut cells = vec![Cell::from(name), Cell::from(cat.money(t.price))];
            cells.extend(t.points.iter().map(|p| Cell::from(p.to_string())));
            let row = Row::new(cells);
            if i == selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let mut widths = vec![Constraint::Fill(1), Constraint::Length(14)];
    widths.extend(names.iter().map(|_| Constraint::Length(13)));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::header()))
        .column_spacing(1);
    frame.render_widget(table, area);
}

/// Markdown as a reader sees it: the lines of one paragraph joined, so that the terminal
/// wraps them to its width rather than at the template's line breaks. Headings, list
/// items, tables and `**Field:**` lines keep their own lines.
fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_paragraph = false;
    for line in text.lines() {
        let t = line.trim_start();
        let own_line = t.is_empty()
            || t.starts_with('#')
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with('|')
            || t.starts_with("**")
            || t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains(". ");
        match out.last_mut() {
            Some(last) if in_paragraph && !own_line => {
                last.push(' ');
                last.push_str(t);
            }
            _ => out.push(line.to_string()),
        }
        in_paragraph = !t.is_empty() && !t.starts_with('#') && !t.starts_with('|');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_are_joined_and_structure_kept() {
        let text = "# Title\n\nOne line\nand the next.\n\n- item\n- item two\n**Key:** v\nafter";
        assert_eq!(
            super::reflow(text),
            vec![
                "# Title",
                "",
                "One line and the next.",
                "",
                "- item",
                "- item two",
                "**Key:** v after"
            ]
        );
    }
}
