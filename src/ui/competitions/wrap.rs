//! Word wrapping done before drawing, so that a scrolled text knows where its end is.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Word-wraps styled lines to `width` columns: breaks at spaces, a word longer than a row
/// is cut, each character keeps its style.
pub(in crate::ui) fn wrap_lines(lines: Vec<Line>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<(String, Style, usize)> = line
            .spans
            .iter()
            .flat_map(|span| {
                let style = line.style.patch(span.style);
                span.content.chars().map(move |ch| {
                    let s = ch.to_string();
                    let w = Span::raw(s.clone()).width();
                    (s, style, w)
                })
            })
            .collect();
        let mut rows: Vec<Vec<(String, Style, usize)>> = vec![Vec::new()];
        let mut i = 0;
        while i < cells.len() {
            // The next word with the spaces before it.
            let mut end = i;
            while end < cells.len() && cells[end].0 == " " {
                end += 1;
            }
            while end < cells.len() && cells[end].0 != " " {
                end += 1;
            }
            let word = &cells[i..end];
            let used: usize = rows.last().map_or(0, |r| r.iter().map(|c| c.2).sum());
            let word_width: usize = word.iter().map(|c| c.2).sum();
            if used + word_width <= width {
                if let Some(r) = rows.last_mut() {
                    r.extend_from_slice(word);
                }
            } else {
                // A new row starts with the word itself, not the spaces before it.
                let bare: Vec<_> = word.iter().skip_while(|c| c.0 == " ").cloned().collect();
                if used > 0 && !bare.is_empty() {
                    rows.push(Vec::new());
                }
                for cell in bare {
                    let used: usize = rows.last().map_or(0, |r| r.iter().map(|c| c.2).sum());
                    if used + cell.2 > width && used > 0 {
                        rows.push(Vec::new());
                    }
                    if let Some(r) = rows.last_mut() {
                        r.push(cell);
                    }
                }
            }
            i = end;
        }
        for row in rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (s, style, _) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(&s),
                    _ => spans.push(Span::styled(s, style)),
                }
            }
            out.push(Line::from(spans));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::text::Line;

    fn plain(lines: Vec<Line>) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn lines_wrap_at_spaces_and_long_words_are_cut() {
        let rows = super::wrap_lines(
            vec![
                Line::from("one two three four"),
                Line::from(""),
                Line::from("abcdefghij"),
            ],
            9,
        );
        assert_eq!(
            plain(rows),
            vec!["one two", "three", "four", "", "abcdefghi", "j"]
        );
    }
}
