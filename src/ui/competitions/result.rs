//! The result of a renewed competition, with the whole arithmetic per tender so that it
//! can be checked by hand and shown to the suppliers; and, for the model's review, how
//! often the lowest price won across the agreement's competitions.

use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::competitions::{in_lot, points_text, tender_problem};
use crate::domain::Agreement;
use crate::domain::competition::{Competition, ScoreDetail};
use crate::i18n::Catalog;
use crate::tr;

use crate::ui::theme;

/// The result in lines for a screen `width` columns wide.
pub fn lines(cat: &Catalog, a: &Agreement, c: &Competition, width: u16) -> Vec<Line<'static>> {
    let ev = match c.evaluate() {
        Ok(ev) => ev,
        Err(problems) => {
            let mut out = vec![Line::from(Span::styled(
                cat.t("ui.competition.cannot_evaluate").to_string(),
                theme::header(),
            ))];
            out.extend(problems.iter().map(|p| {
                Line::from(Span::styled(
                    format!("⚠ {}", tender_problem(cat, a, c, p)),
                    theme::error(),
                ))
            }));
            return out;
        }
    };
    let names: Vec<&str> = c.model.kind.criteria().map(|(n, _)| n).collect();
    let name_of = |i: usize| names.get(i).copied().unwrap_or("");
    let recorded = c
        .winner
        .as_ref()
        .map(|o| a.supplier_name(o))
        .unwrap_or_else(|| cat.t("common.none").to_string());
    let computed = ev.winner().map(|o| a.supplier_name(o)).unwrap_or_default();
    let mut out = vec![Line::from(vec![
        Span::styled(tr!(cat, "ui.result.winner", name = computed), theme::ok()),
        Span::raw(" · "),
        Span::raw(tr!(cat, "ui.result.recorded", name = recorded)),
    ])];
    if let Some(w) = c.winner.as_ref().filter(|w| !in_lot(a, c, w)) {
        out.push(Line::from(Span::styled(
            tr!(
                cat,
                "ui.result.winner_not_in_lot",
                name = a.supplier_name(w),
                lot = c.lot
            ),
            theme::overdue(),
        )));
    }
    if c.winner_differs_from_evaluation() {
        out.push(Line::from(Span::styled(
            cat.t("ui.result.winner_differs").to_string(),
            theme::overdue(),
        )));
    }
    for row in &ev.rows {
        out.push(Line::from(""));
        let mut name = a.supplier_name(&row.supplier);
        if c.winner.as_ref() == Some(&row.supplier) {
            name.push_str(" ★");
        }
        let style = if row.rank == 1 {
            theme::ok()
        } else {
            theme::header()
        };
        match &row.detail {
            ScoreDetail::Weighted(d) => {
                out.push(Line::from(Span::styled(
                    tr!(
                        cat,
                        "ui.result.weighted_head",
                        rank = row.rank,
                        name = name,
                        total = points_text(d.total_hundredths)
                    ),
                    style,
                )));
                out.push(Line::from(format!(
                    "    {}",
                    tr!(
                        cat,
                        "ui.result.price_score",
                        lowest = d.price.lowest,
                        price = d.price.price,
                        weight = d.price.weight,
                        score = points_text(d.price.hundredths)
                    )
                )));
                let parts: Vec<String> = d
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        tr!(
                            cat,
                            "ui.result.criterion_score",
                            name = name_of(i),
                            points = s.points,
                            max = s.max_points,
                            weight = s.weight,
                            score = points_text(s.hundredths)
                        )
                    })
                    .collect();
                out.extend(packed(&parts, width));
            }
            ScoreDetail::Deductions(d) => {
                out.push(Line::from(Span::styled(
                    tr!(
                        cat,
                        "ui.result.deductions_head",
                        rank = row.rank,
                        name = name,
                        price = d.evaluation_price
                    ),
                    style,
                )));
                out.push(Line::from(format!(
                    "    {}",
                    tr!(
                        cat,
                        "ui.result.evaluation_price",
                        price = row.price,
                        deduction = d.total_deduction,
                        evaluation = d.evaluation_price
                    )
                )));
                let parts: Vec<String> = d
                    .deductions
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        tr!(
                            cat,
                            "ui.result.deduction",
                            name = name_of(i),
                            points = x.points,
                            max = x.max_points,
                            max_deduction = x.max_deduction,
                            amount = cat.money_kr(x.amount)
                        )
                    })
                    .collect();
                out.extend(packed(&parts, width));
                if d.floored {
                    out.push(Line::from(Span::styled(
                        format!("    {}", cat.t("ui.result.floored")),
                        theme::soon(),
                    )));
                }
            }
        }
    }
    out.push(Line::from(""));
    if ev.lowest_price_won() {
        out.push(Line::from(Span::styled(
            cat.t("ui.result.lowest_price_won").to_string(),
            theme::muted(),
        )));
    } else {
        out.push(Line::from(Span::styled(
            cat.t("ui.result.quality_decided").to_string(),
            theme::muted(),
        )));
    }
    out
}

/// For reviewing models: across the agreement's decided competitions, how often the
/// lowest price won (quality criteria that never change the outcome may be too weak).
pub fn review(app: &App, c: &Competition) -> Vec<Line<'static>> {
    let cat = app.cat;
    let decided: Vec<bool> = app
        .competitions
        .stored
        .values()
        .filter(|x| x.winner.is_some())
        .filter_map(|x| x.evaluate().ok())
        .map(|ev| ev.lowest_price_won())
        .collect();
    let same_model = app
        .competitions
        .stored
        .values()
        .filter(|x| x.model.name == c.model.name)
        .count();
    vec![
        Line::from(Span::styled(
            tr!(
                cat,
                "ui.competition.review",
                lowest = decided.iter().filter(|w| **w).count(),
                decided = decided.len()
            ),
            theme::header(),
        )),
        Line::from(Span::styled(
            tr!(
                cat,
                "ui.competition.review_model",
                name = c.model.name,
                n = same_model
            ),
            theme::muted(),
        )),
    ]
}

/// The parts of a row's arithmetic, indented and joined by " · " as many to a line as fit,
/// so that a line never breaks inside one computation.
fn packed(parts: &[String], width: u16) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(4).max(20);
    let mut out = Vec::new();
    let mut line = String::new();
    for p in parts {
        let len = |s: &str| s.chars().count();
        if !line.is_empty() && len(&line) + 3 + len(p) > room {
            out.push(Line::from(format!("    {line}")));
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(p);
    }
    if !line.is_empty() {
        out.push(Line::from(format!("    {line}")));
    }
    out
}
