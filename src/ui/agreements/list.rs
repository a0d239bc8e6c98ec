//! The Agreement tab's list: a window over the filtered, sorted register.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::tr;

use crate::ui::theme;
use crate::ui::widgets::{muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let reg = &app.register;
    let title = tr!(
        cat,
        "ui.register.title",
        shown = reg.visible.len(),
        total = app.agreements.len(),
        sort = cat.t(reg.sort.label())
    );
    let inner = titled(frame, area, title);
    let show_filter = reg.filtering || !reg.filter.is_empty();
    let [filter_area, list_area] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if show_filter {
        let cursor = if reg.filtering { "▏" } else { "" };
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!("{} ", cat.t("ui.register.filter")), theme::header()),
                Span::raw(format!("{}{cursor}", reg.filter)),
            ]),
            filter_area,
        );
    }
    if app.agreements.is_empty() {
        muted_text(frame, cat.t("ui.register.empty"), list_area);
        return;
    }
    if reg.visible.is_empty() {
        frame.render_widget(
            Paragraph::new(cat.t("ui.register.no_match")).style(theme::muted()),
            list_area,
        );
        return;
    }
    let height = list_area.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(reg.selected, reg.visible.len(), height);
    // Only the rows in view are built, so the list stays quick however long the register.
    let rows = reg.visible[start..]
        .iter()
        .take(height)
        .enumerate()
        .map(|(n, &i)| {
            let a = &app.agreements[i];
            let end = a.current_end();
            let style = if start + n == reg.selected {
                theme::selected()
            } else if end < app.today {
                theme::muted()
            } else {
                ratatui::style::Style::default()
            };
            Row::new(vec![
                Cell::from(a.reference.clone()),
                Cell::from(a.name.clone()),
                Cell::from(a.priority.number().to_string()),
                Cell::from(format_date(end)),
                Cell::from(a.suppliers.len().to_string()),
                Cell::from(a.lots.len().to_string()),
            ])
            .style(style)
        });
    let header = Row::new(vec![
        cat.t("ui.register.col_reference"),
        cat.t("ui.register.col_name"),
        cat.t("ui.register.col_priority"),
        cat.t("ui.register.col_end"),
        cat.t("ui.register.col_suppliers"),
        cat.t("ui.register.col_lots"),
    ])
    .style(theme::header());
    let table = Table::new(
        rows,
        [
            Constraint::Length(14),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, list_area);
}
