//! The Agenda tab: what is due and overdue, in date order.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use crate::app::App;
use crate::app::form::format_date;
use crate::domain::agenda::{AgendaItem, AgendaKind};
use crate::tr;

use super::theme;
use super::widgets::{days_in_words, muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    // A group row counts what it stands for (its items, when open, are not counted again).
    let (mut count, mut overdue) = (0, 0);
    let mut open_group = None;
    for i in &app.agenda {
        match i.group {
            Some(g) => {
                count += g.count;
                overdue += g.overdue;
                open_group = g.expanded.then_some((i.agreement, i.kind));
                continue;
            }
            None if open_group == Some((i.agreement, i.kind)) => continue,
            None => open_group = None,
        }
        count += 1;
        overdue += usize::from(i.is_overdue(app.now));
    }
    let title = tr!(cat, "ui.agenda.title", count = count, overdue = overdue);
    let inner = titled(frame, area, title);
    if app.agenda.is_empty() {
        let text = if app.agreements.is_empty() {
            cat.t("ui.agenda.empty_register")
        } else {
            cat.t("ui.agenda.nothing_due")
        };
        muted_text(frame, text, inner);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(app.agenda_selected, app.agenda.len(), height);
    let rows = app
        .agenda
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, item)| {
            let what = what_label(cat, item, app.today);
            let when = match item.at {
                // A deadline today or tomorrow is read by the hour.
                Some(at) if (0..=1).contains(&(item.date - app.today).whole_days()) => format!(
                    "{} {:02}:{:02}",
                    days_in_words(cat, item.date, app.today),
                    at.hour(),
                    at.minute()
                ),
                _ => days_in_words(cat, item.date, app.today),
            };
            let about = if let Some(g) = item.group {
                // ▸ closed, ▾ open (Enter toggles): short enough for 80 columns.
                // The kind column already says what they are: the count is enough.
                let mut text = String::from(if g.expanded { "▾ " } else { "▸ " });
                text.push_str(&cat.count(g.count as u64));
                if g.overdue > 0 {
                    let overdue = cat.plural("ui.agenda.overdue_count", g.overdue as u64);
                    text.push_str(&format!(" ({overdue})"));
                }
                vec![
                    Span::styled(item.reference.clone(), theme::muted()),
                    Span::raw("  "),
                    Span::raw(text),
                ]
            } else if item.note.is_empty() {
                vec![
                    Span::raw(item.reference.clone()),
                    Span::raw("  "),
                    Span::raw(item.name.clone()),
                ]
            } else {
                // The agreement first: a call-off's reference (AV-0001) means nothing without
                // it, as agreements may number their call-offs alike, and at 80 columns a
                // long note would push it off the screen.
                vec![
                    Span::styled(item.reference.clone(), theme::muted()),
                    Span::raw("  "),
                    Span::raw(item.note.clone()),
                ]
            };
            let days = (item.date - app.today).whole_days();
            let style = if i == app.agenda_selected {
                theme::selected()
            } else if item.is_overdue(app.now) {
                theme::overdue()
            } else if days <= 30 || item.kind == AgendaKind::OpenDeviation {
                theme::soon()
            } else {
                ratatui::style::Style::default()
            };
            Row::new(vec![
                Cell::from(format_date(item.date)),
                Cell::from(when),
                Cell::from(what),
                Cell::from(Line::from(about)),
            ])
            .style(style)
        });
    let header = Row::new(vec![
        cat.t("ui.agenda.col_date"),
        cat.t("ui.agenda.col_when"),
        cat.t("ui.agenda.col_what"),
        cat.t("ui.agenda.col_agreement"),
    ])
    .style(theme::header());
    // The kind column as wide as its widest label (over the whole list, so it does not
    // jump while scrolling): the room goes to the text.
    let what_width = app
        .agenda
        .iter()
        .map(|i| what_label(cat, i, app.today).chars().count())
        .chain([cat.t("ui.agenda.col_what").chars().count()])
        .max()
        .unwrap_or(0) as u16;
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(19),
            Constraint::Length(what_width),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .column_spacing(1);
    frame.render_widget(table, inner);
}

/// What an item is, as the kind column names it.
fn what_label(cat: &crate::i18n::Catalog, item: &AgendaItem, today: time::Date) -> String {
    match item.kind {
        AgendaKind::ExtensionNotice => cat.t("ui.agenda.extension_notice").to_string(),
        AgendaKind::AgreementEnd if item.date < today => cat.t("ui.agenda.ended").to_string(),
        AgendaKind::AgreementEnd => cat.t("ui.agenda.agreement_end").to_string(),
        AgendaKind::AnswerAwaited => cat.t("ui.agenda.answer_awaited").to_string(),
        AgendaKind::OpenDeviation => cat.t("ui.agenda.open_deviation").to_string(),
        AgendaKind::Meeting => cat.t("ui.agenda.meeting").to_string(),
        AgendaKind::ActionDue => cat.t("ui.agenda.action_due").to_string(),
        AgendaKind::ChecklistDue => cat.t("ui.agenda.checklist_due").to_string(),
        AgendaKind::CheckDue => cat.t("ui.agenda.check_due").to_string(),
        AgendaKind::PenaltyToClaim => cat.t("ui.sanctions.agenda.penalty").to_string(),
        AgendaKind::ImprovementDeadline => cat.t("ui.sanctions.agenda.improvement").to_string(),
        AgendaKind::TerminationStep => cat.t("ui.sanctions.agenda.termination").to_string(),
        AgendaKind::MaxValue => cat.t("ui.spend.agenda.max_value").to_string(),
    }
}
