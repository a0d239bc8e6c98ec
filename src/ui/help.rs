//! The `?` overlay: every key of every context, from the same lists that drive the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::keymap::all_groups;

use super::theme;
use super::widgets::{centered, popup};

pub fn render(frame: &mut Frame, app: &App, scroll: u16, area: Rect) {
    let cat = app.cat;
    let outer = centered(area, 76, area.height);
    let inner = popup(frame, outer, cat.t("ui.help.title"));
    let mut lines = vec![
        Line::from(Span::styled(cat.t("ui.help.intro"), theme::muted())),
        Line::from(""),
    ];
    for (heading, bindings) in all_groups() {
        lines.push(Line::from(Span::styled(cat.t(heading), theme::header())));
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for b in bindings {
            if seen.contains(&(b.label, b.desc)) {
                continue;
            }
            seen.push((b.label, b.desc));
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", b.label), theme::key()),
                Span::raw(cat.t(b.desc)),
            ]));
        }
        lines.push(Line::from(""));
    }
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)),
        inner,
    );
}
