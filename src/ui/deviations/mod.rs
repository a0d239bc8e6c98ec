//! The Deviations tab: ranking deviations found by the rule and those registered by hand,
//! with the suppliers they are about and whether a reason or measures are documented.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Cell, Row, Table};

use crate::app::App;
use crate::app::deviations::DeviationEntry;
use crate::app::form::format_date;
use crate::domain::deviation::DeviationStatus;
use crate::domain::ranking::RankingOutcome;
use crate::tr;

use super::theme;
use super::widgets::{muted_text, sentence_case, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(a) = app.followed_agreement() else {
        muted_text(frame, cat.t("ui.calloffs.no_agreement"), area);
        return;
    };
    let st = &app.deviations;
    let index = &app.calloffs.index;
    let ranking = st
        .entries
        .iter()
        .filter(|e| matches!(e, DeviationEntry::Ranking(_)))
        .count();
    let mut title = tr!(
        cat,
        "ui.deviations.title",
        reference = a.reference,
        ranking = cat.count(ranking as u64),
        manual = cat.count((st.entries.len() - ranking) as u64)
    );
    if st.open_only {
        title.push_str(cat.t("ui.deviations.open_only"));
    }
    let inner = titled(frame, area, title);
    if st.entries.is_empty() {
        muted_text(frame, cat.t("ui.deviations.empty"), inner);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(st.selected, st.entries.len(), height);
    // As wide as the longest reference shown: a national agreement's run past 13.
    let reference_width = st
        .entries
        .iter()
        .skip(start)
        .take(height)
        .map(|e| match e {
            DeviationEntry::Ranking(i) => index.reference(*i as usize).len(),
            DeviationEntry::Manual(d) => d.calloff.as_ref().map_or(0, String::len),
        })
        .max()
        .unwrap_or(0)
        .clamp(13, 24) as u16;
    let rows = st
        .entries
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, e)| {
            let (calloff, kinds, about, status, style) = match e {
                DeviationEntry::Ranking(r) => {
                    let entry = index.entries.get(*r as usize);
                    let reference = entry.map(|_| index.reference(*r as usize).to_string());
                    // The window holds the rows on screen (`App::sync_deviation_window`).
                    let (kinds, suppliers, motivated) = match st.row_at(i).map(|x| &x.outcome) {
                        Some(RankingOutcome::Deviation {
                            kinds,
                            suppliers,
                            motivated,
                        }) => (kinds.clone(), suppliers.clone(), *motivated),
                        _ => (Vec::new(), Vec::new(), entry.is_some_and(|e| e.motivated())),
                    };
                    let kinds: Vec<String> = kinds
                        .iter()
                        .map(|k| cat.t(&format!("ui.kind.{}", k.key())).to_string())
                        .collect();
                    let names: Vec<String> = suppliers.iter().map(|o| a.supplier_name(o)).collect();
                    let (status, style) = if motivated {
                        (cat.t("ui.deviations.motivated"), theme::soon())
                    } else {
                        (cat.t("ui.deviations.not_motivated"), theme::overdue())
                    };
                    (
                        reference.unwrap_or_default(),
                        sentence_case(&kinds.join(", ")),
                        names.join(", "),
                        status.to_string(),
                        style,
                    )
                }
                DeviationEntry::Manual(d) => {
                    let status = cat
                        .t(&format!("ui.status_deviation.{}", d.status.key()))
                        .to_string();
                    let style = if d.status == DeviationStatus::Closed {
                        theme::muted()
                    } else {
                        Style::default()
                    };
                    let mut kind = cat.t(&format!("ui.deviation.{}", d.kind.key())).to_string();
                    if d.lesson {
                        kind.push_str(" ✎");
                    }
                    let about = d
                        .supplier
                        .as_ref()
                        .map(|o| a.supplier_name(o))
                        .unwrap_or_default();
                    let about = if d.description.is_empty() {
                        about
                    } else {
                        format!("{about} — {}", d.description.lines().next().unwrap_or(""))
                    };
                    (
                        d.calloff.clone().unwrap_or_default(),
                        kind,
                        about,
                        status,
                        style,
                    )
                }
            };
            let row = Row::new(vec![
                Cell::from(format_date(e.date(index))),
                Cell::from(calloff),
                Cell::from(kinds),
                Cell::from(about),
                Cell::from(status),
            ]);
            if i == st.selected {
                row.style(theme::selected())
            } else {
                row.style(style)
            }
        });
    let header = Row::new(vec![
        cat.t("ui.deviations.col_date"),
        cat.t("ui.deviations.col_calloff"),
        cat.t("ui.deviations.col_kind"),
        cat.t("ui.deviations.col_about"),
        cat.t("ui.deviations.col_status"),
    ])
    .style(theme::header());
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(reference_width),
            Constraint::Length(18),
            Constraint::Fill(1),
            Constraint::Length(16),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, inner);
}
