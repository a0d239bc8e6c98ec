//! Small shared pieces: centred popups, windowed lists, dates in words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use time::Date;

use crate::i18n::Catalog;
use crate::tr;

use super::theme;

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [c] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    c
}

/// Clears `area` and draws a bordered popup with `title`; returns the inner area.
pub fn popup(frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(theme::ACCENT))
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The first row to show so that `selected` is visible in `height` rows.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    selected.saturating_sub(half).min(len - height)
}

/// "om 5 dagar", "idag", "3 dagar sedan".
pub fn days_in_words(cat: &Catalog, date: Date, today: Date) -> String {
    let n = (date - today).whole_days();
    match n {
        0 => cat.t("ui.days.today").to_string(),
        1 => cat.t("ui.days.tomorrow").to_string(),
        -1 => cat.t("ui.days.yesterday").to_string(),
        n if n > 0 => tr!(cat, "ui.days.in", n = n),
        n => tr!(cat, "ui.days.ago", n = -n),
    }
}

/// A footer-like line of `key description` pairs.
pub fn key_hints<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Line<'a> {
    let mut spans = Vec::new();
    for (k, d) in pairs {
        spans.push(Span::styled(format!(" {k}"), theme::key()));
        spans.push(Span::raw(format!(" {d} ")));
    }
    Line::from(spans)
}

/// Columns `key_hints` gives a pair.
fn hint_width(key: &str, desc: &str) -> usize {
    Span::raw(key).width() + Span::raw(desc).width() + 3
}

/// The footer: the hints in their order (most used first) while they fit, then `whole`
/// (`? help`) when all of them do, or `cut` (`? all keys`) after as many as fit when not,
/// so a cut line says that more exist and never ends in half a word.
pub fn footer_hints<'a>(
    pairs: &[(&'a str, &'a str)],
    whole: Option<(&'a str, &'a str)>,
    cut: Option<(&'a str, &'a str)>,
    width: usize,
) -> Line<'a> {
    let all: usize = pairs.iter().map(|(k, d)| hint_width(k, d)).sum::<usize>()
        + whole.map_or(0, |(k, d)| hint_width(k, d));
    if all <= width {
        return key_hints(pairs.iter().copied().chain(whole));
    }
    let room = width.saturating_sub(cut.map_or(0, |(k, d)| hint_width(k, d)));
    let mut used = 0;
    let shown: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .take_while(|(k, d)| {
            used += hint_width(k, d);
            used <= room
        })
        .collect();
    key_hints(shown.into_iter().chain(cut))
}

/// A section of a tab: a line with its title along the top; returns the area below it.
pub fn titled(frame: &mut Frame, area: Rect, title: String) -> Rect {
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A quiet, wrapped message where a list would be (nothing yet, nothing matches).
pub fn muted_text<'a>(frame: &mut Frame, text: impl Into<ratatui::text::Text<'a>>, area: Rect) {
    frame.render_widget(
        ratatui::widgets::Paragraph::new(text)
            .style(theme::muted())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// A column as wide as the widest of its header and its possible words (states, kinds,
/// sides), so a label is never cut; the free text columns take what is left.
pub fn fit_column<'a>(header: &'a str, words: impl IntoIterator<Item = &'a str>) -> u16 {
    use ratatui::buffer::CellWidth;
    words
        .into_iter()
        .chain([header])
        .map(|w| w.cell_width())
        .max()
        .unwrap_or(0)
}

/// `s` with its first letter upper case: a state or kind that reads mid-sentence in one
/// place ("… är ej tillfrågad") starts a table cell in another, where every state is
/// written in sentence case.
pub fn sentence_case(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
