//! The Spend tab's invoice review (fakturakontroll): the latest sample drawn, how and when,
//! each invoice with its result and note, and the selected invoice's note in full beneath
//! (the column cuts a long one).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::spend::sample::sample_heading;
use crate::domain::spend::sample::SampleResult;

use super::super::theme;
use super::super::widgets::{fit_column, muted_text};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let cat = app.cat;
    let Some(s) = app.latest_sample() else {
        frame.render_widget(
            Paragraph::new(cat.t("ui.spend.sample.empty"))
                .style(theme::muted())
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    if area.height < 3 {
        return muted_text(frame, cat.t("ui.spend.part.sample"), area);
    }
    let heading = sample_heading(cat, s);
    let lines_of = |text: &str| {
        (text.chars().count() as u16)
            .div_ceil(area.width.max(1))
            .clamp(1, 2)
    };
    let selected = s.items.get(app.spend.selected);
    let note = selected
        .filter(|i| !i.note.is_empty())
        .map(|i| format!("{}: {}", cat.t("ui.spend.sample.col.note"), i.note));
    let note_height = note.as_deref().map_or(0, lines_of);
    let [head, list, foot] = Layout::vertical([
        Constraint::Length(lines_of(&heading)),
        Constraint::Fill(1),
        Constraint::Length(note_height),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(heading, theme::header())))
            .wrap(Wrap { trim: true }),
        head,
    );
    // The date only where there is room; the invoice number, amount and result always whole.
    let dated = area.width >= 100;
    let result_text = |r: SampleResult| match r {
        SampleResult::NotChecked => cat.t("ui.spend.sample.not_checked_mark").to_string(),
        r => cat.t(r.label()).to_string(),
    };
    let amounts: Vec<String> = s.items.iter().map(|i| cat.money_kr(i.amount)).collect();
    let results: Vec<String> = s.items.iter().map(|i| result_text(i.result)).collect();
    let invoice_width = fit_column(
        cat.t("ui.spend.sample.col.invoice"),
        s.items.iter().map(|i| i.invoice.as_str()),
    );
    let amount_width = fit_column(
        cat.t("ui.spend.sample.col.amount"),
        amounts.iter().map(String::as_str),
    );
    let result_width = fit_column(
        cat.t("ui.spend.sample.col.result"),
        results.iter().map(String::as_str),
    );
    // The supplier and the note share what the figures leave, each cut after a whole word
    // (the selected invoice's note stands in full beneath).
    let fixed = invoice_width + amount_width + result_width + if dated { 10 } else { 0 };
    let columns = if dated { 6 } else { 5 };
    let rest = area.width.saturating_sub(fixed + 2 * (columns - 1));
    let widest = fit_column(
        cat.t("ui.spend.col.supplier"),
        s.items.iter().map(|i| i.supplier_name.as_str()),
    );
    let supplier_width = widest.min(rest * 2 / 3);
    let note_width = rest - supplier_width;
    let rows = s
        .items
        .iter()
        .zip(amounts)
        .zip(results)
        .map(|((i, amount), result)| {
            let mut row = vec![
                whole_words(&i.supplier_name, supplier_width),
                i.invoice.clone(),
                amount,
                result,
                whole_words(&i.note, note_width),
            ];
            if dated {
                row.insert(2, format_date(i.date));
            }
            row
        })
        .collect();
    let mut header = vec![
        cat.t("ui.spend.col.supplier"),
        cat.t("ui.spend.sample.col.invoice"),
        cat.t("ui.spend.sample.col.amount"),
        cat.t("ui.spend.sample.col.result"),
        cat.t("ui.spend.sample.col.note"),
    ];
    let mut widths = vec![
        Constraint::Length(supplier_width),
        Constraint::Length(invoice_width),
        Constraint::Length(amount_width),
        Constraint::Length(result_width),
        Constraint::Fill(1),
    ];
    if dated {
        header.insert(2, cat.t("ui.spend.col.date"));
        widths.insert(2, Constraint::Length(10));
    }
    let rows: Vec<Vec<String>> = rows;
    super::lists::table(
        frame,
        app,
        header,
        widths,
        (rows.len(), |i: usize| rows[i].clone()),
        list,
    );
    if let Some(note) = note {
        frame.render_widget(
            Paragraph::new(note)
                .style(theme::muted())
                .wrap(Wrap { trim: true }),
            foot,
        );
    }
}

/// `text` if it fits in `width` columns, else as many whole words as fit with `…` after
/// them (a single word too long for the column is cut, as there is nothing else to do).
fn whole_words(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        out = text.chars().take(width.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn a_long_text_is_cut_after_a_whole_word() {
        assert_eq!(whole_words("kort", 10), "kort");
        assert_eq!(
            whole_words("Timpriset 1 100 kr mot avtalade", 14),
            "Timpriset 1…"
        );
        assert_eq!(whole_words("Överdebiteringsärende", 6), "Överd…");
        assert_eq!(whole_words("abc def", 0), "…");
    }
}
