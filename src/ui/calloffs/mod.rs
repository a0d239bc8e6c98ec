//! The Call-offs tab: a window over the followed agreement's call-offs, and one call-off
//! with its request cascade drawn as a timeline of deadlines and answers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::domain::Agreement;
use crate::domain::calloff::CallOffMethod;
use crate::domain::calloff_row::CallOffRow;
use crate::domain::ranking::RankingOutcome;
use crate::i18n::Catalog;
use crate::tr;

use super::theme;
use super::widgets::{muted_text, sentence_case, titled, window_start};

mod detail;
use detail::detail;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    match &app.calloffs.detail {
        Some(d) => detail(frame, app, a, d, area),
        None => list(frame, app, a, area),
    }
}

fn method_short(cat: &Catalog, m: CallOffMethod) -> &str {
    match m {
        CallOffMethod::Ranking => cat.t("ui.calloffs.method_ranking_short"),
        CallOffMethod::Competition => cat.t("ui.calloffs.method_competition_short"),
    }
}

/// The outcome in a few words, and how it is coloured.
pub fn outcome_text(cat: &Catalog, row: &CallOffRow) -> (String, Style) {
    match &row.outcome {
        RankingOutcome::Compliant => (cat.t("ui.calloffs.compliant").to_string(), theme::ok()),
        RankingOutcome::Deviation {
            kinds, motivated, ..
        } => {
            let first = kinds
                .first()
                .map(|k| sentence_case(cat.t(&format!("ui.kind.{}", k.key()))))
                .unwrap_or_default();
            let more = if kinds.len() > 1 {
                format!(" +{}", kinds.len() - 1)
            } else {
                String::new()
            };
            let mark = if *motivated {
                cat.t("ui.calloffs.motivated_mark")
            } else {
                ""
            };
            (
                format!("⚠ {first}{more}{mark}"),
                if *motivated {
                    theme::soon()
                } else {
                    theme::overdue()
                },
            )
        }
        RankingOutcome::NotAssessed if row.calloff.method == CallOffMethod::Competition => {
            (cat.t("ui.calloffs.competition").to_string(), theme::muted())
        }
        RankingOutcome::NotAssessed => {
            (cat.t("ui.calloffs.not_awarded").to_string(), theme::muted())
        }
    }
}

fn list(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let st = &app.calloffs;
    let mut filters = Vec::new();
    if let Some(s) = &st.supplier {
        filters.push(a.supplier_name(s));
    }
    if let Some(l) = &st.lot {
        filters.push(l.clone());
    }
    if let Some(m) = st.method {
        filters.push(method_short(cat, m).to_string());
    }
    if st.outcome != Default::default() {
        filters.push(cat.t(st.outcome.label()).to_string());
    }
    if !st.text.is_empty() {
        filters.push(format!("“{}”", st.text));
    }
    let mut title = tr!(
        cat,
        "ui.calloffs.title",
        reference = a.reference,
        shown = cat.count(st.visible.len() as u64),
        total = cat.count(st.index.len() as u64)
    );
    if !filters.is_empty() {
        title.push_str(&tr!(
            cat,
            "ui.calloffs.filtered_by",
            filters = filters.join(", ")
        ));
    }
    let inner = titled(frame, area, title);
    let [filter_area, list_area] = Layout::vertical([
        Constraint::Length(u16::from(st.filtering)),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if st.filtering {
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!("{} ", cat.t("ui.register.filter")), theme::header()),
                Span::raw(format!("{}▏", st.text)),
            ]),
            filter_area,
        );
    }
    if st.index.is_empty() {
        muted_text(frame, cat.t("ui.calloffs.empty"), list_area);
        return;
    }
    let height = list_area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.visible.len(), height);
    // Only the rows in view are built: the list stays quick at any number of call-offs.
    // Their full rows are the window the app keeps around the selection.
    let end = (start + height).min(st.visible.len());
    // As wide as the longest reference shown: a national agreement's run past 13.
    let reference_width = (start..end)
        .filter_map(|pos| st.visible_row(pos))
        .map(|r| r.calloff.reference.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(13, 24) as u16;
    // Amounts are exact ("1 298 000,50" where there are öre): the column grows for them.
    let value_width = (start..end)
        .filter_map(|pos| st.visible_row(pos))
        .filter_map(|r| {
            r.calloff
                .value
                .map(|v| cat.money_compact(v).chars().count())
        })
        .chain([cat.t("ui.calloffs.col_value").chars().count()])
        .max()
        .unwrap_or(0)
        .clamp(10, 20) as u16;
    let rows = (start..end)
        .filter_map(|pos| st.visible_row(pos).map(|r| (pos - start, r)))
        .map(|(n, r)| {
            let c = &r.calloff;
            let (outcome, outcome_style) = outcome_text(cat, r);
            let selected = start + n == st.selected;
            let row = Row::new(vec![
                Cell::from(c.reference.clone()),
                Cell::from(format_date(c.requested_at.date())),
                Cell::from(c.lot.clone()),
                Cell::from(
                    c.awarded_supplier
                        .as_ref()
                        .map(|o| a.supplier_name(o))
                        .unwrap_or_default(),
                ),
                Cell::from(
                    Line::from(c.value.map(|v| cat.money_compact(v)).unwrap_or_default())
                        .right_aligned(),
                ),
                Cell::from(Span::styled(
                    outcome,
                    if selected {
                        Style::default()
                    } else {
                        outcome_style
                    },
                )),
            ]);
            if selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let header = Row::new(vec![
        cat.t("ui.calloffs.col_reference"),
        cat.t("ui.calloffs.col_requested"),
        cat.t("ui.calloffs.col_lot"),
        cat.t("ui.calloffs.col_awarded"),
        cat.t("ui.calloffs.col_value"),
        cat.t("ui.calloffs.col_outcome"),
    ])
    .style(theme::header());
    // Wide, the lot gets what its longest name needs (the supplier column took it all and
    // "Projektledning" was cut at 200 columns); at 80 columns it keeps its 12.
    let lot_width = if list_area.width >= 120 {
        a.lots
            .iter()
            .map(|l| l.name.chars().count())
            .chain([cat.t("ui.calloffs.col_lot").chars().count()])
            .max()
            .unwrap_or(0)
            .clamp(12, 32) as u16
    } else {
        12
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(reference_width),
            Constraint::Length(10),
            Constraint::Length(lot_width),
            Constraint::Fill(1),
            Constraint::Length(value_width),
            Constraint::Length(17),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, list_area);
}
