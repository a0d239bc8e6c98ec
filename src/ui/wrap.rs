//! Lines wrapped at word boundaries before drawing, so a view knows how many rows its
//! text takes: the meeting view and the competition's texts scroll to their very end, a
//! detail pane or a question is made as tall as its words.

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `lines` broken into rows at most `width` cells wide: at the last space that fits, or
/// inside a word longer than a row. Styles are kept; an empty line stays one empty row.
pub(super) fn wrap(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<(String, Style)> = line
            .styled_graphemes(Style::default())
            .map(|g| (g.symbol.to_string(), g.style))
            .collect();
        if cells.is_empty() {
            out.push(Line::default());
            continue;
        }
        let mut start = 0;
        while start < cells.len() {
            let mut used = 0;
            let mut end = start;
            // The row's last space: where a word would begin on the next row.
            let mut last_space = None;
            while end < cells.len() {
                let w = usize::from(cells[end].0.as_str().cell_width());
                if used + w > width && end > start {
                    break;
                }
                // A no-break space (the digit group in "23 000") is not a place to break.
                if cells[end].0 == " " {
                    last_space = Some(end);
                }
                used += w;
                end += 1;
            }
            let (row_end, next) = match last_space {
                // The row ends just before a space: the words that fit stay whole.
                _ if end < cells.len() && cells[end].0 == " " => (end, end + 1),
                Some(space) if end < cells.len() && space > start => (space, space + 1),
                _ => (end, end),
            };
            out.push(row(&cells[start..row_end]));
            start = next;
        }
    }
    out
}

/// One row from its graphemes, neighbours of one style joined into one span.
fn row(cells: &[(String, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for (symbol, s) in cells {
        if style.is_some_and(|st| st != *s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(*s);
        text.push_str(symbol);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn words_move_whole_to_the_next_row() {
        let rows = wrap(&[Line::from("ett två tre fyra")], 8);
        assert_eq!(texts(&rows), ["ett två", "tre fyra"]);
        let rows = wrap(&[Line::from("abcdefghij"), Line::from("")], 4);
        assert_eq!(texts(&rows), ["abcd", "efgh", "ij", ""]);
        // Wide characters count two cells.
        let rows = wrap(&[Line::from("日本語です")], 4);
        assert_eq!(texts(&rows), ["日本", "語で", "す"]);
    }

    #[test]
    fn a_blank_line_stays_and_a_word_longer_than_a_row_is_cut() {
        let rows = wrap(
            &[
                Line::from("one two three four"),
                Line::from(""),
                Line::from("abcdefghij"),
            ],
            9,
        );
        assert_eq!(
            texts(&rows),
            ["one two", "three", "four", "", "abcdefghi", "j"]
        );
    }

    #[test]
    fn a_grouped_number_is_never_split() {
        let rows = wrap(&[Line::from("varav 23\u{a0}000 avvikelser")], 10);
        assert_eq!(texts(&rows), ["varav", "23\u{a0}000", "avvikelser"]);
    }

    #[test]
    fn styles_survive_the_break() {
        let line = Line::from(vec![
            Span::styled("Rubrik ", Style::default().bold()),
            Span::raw("och text"),
        ]);
        let rows = wrap(&[line], 10);
        assert_eq!(texts(&rows), ["Rubrik och", "text"]);
        assert_eq!(rows[0].spans[0].style, Style::default().bold());
    }
}
