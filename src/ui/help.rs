//! The `?` overlay: every key of every context, from the same lists that drive the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::keymap::{all_groups, help_entries};

use super::theme;
use super::widgets::{centered, popup};

pub fn render(frame: &mut Frame, app: &App, scroll: u16, area: Rect) {
    let cat = app.cat;
    let outer = centered(area, 76, area.height);
    let inner = popup(frame, outer, cat.t("ui.help.title"));
    let mut lines = vec![
        Line::from(Span::styled(cat.t("ui.help.intro"), theme::muted())),
        Line::from(Span::styled(cat.t("ui.help.scroll"), theme::muted())),
        Line::from(""),
    ];
    for (heading, bindings) in all_groups() {
        lines.push(Line::from(Span::styled(cat.t(heading), theme::header())));
        for (label, desc) in help_entries(bindings) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<14}"), theme::key()),
                Span::raw(cat.t(desc)),
            ]));
        }
        lines.push(Line::from(""));
    }
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    app.help_max_scroll.set(max_scroll);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(max_scroll), 0)),
        inner,
    );
}
