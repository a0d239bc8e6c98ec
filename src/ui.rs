//! Rendering with ratatui: `render` draws the screen from the application state (the tab
//! bar, the shown tab, a form or popup over it, the status line and the keys); it never
//! writes the store nor owns the terminal, which is `tui`'s. Each tab is a folder named as
//! in `app`: its `mod.rs` draws the tab, the files beside it the tab's parts
//! (`agreements/detail`, `competitions/result`, `meetings/minutes`, `sanctions/detail`,
//! `statistics/charts`, `statistics/procurement`). What the tabs share sits beside the
//! folders: `form`, `help`, `popups`, `theme`, `widgets` and `wrap`.

// One folder per tab.
mod actions;
mod agenda;
mod agreements;
mod calloffs;
mod checklist;
mod competitions;
mod deviations;
mod followup;
mod meetings;
mod purchases;
mod sanctions;
mod spend;
mod statistics;

// Shared by the tabs.
mod form;
mod help;
mod popups;
pub mod theme;
mod widgets;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Popup, Tab};
use crate::tr;

/// The smallest terminal the interface is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return;
    }
    let status_rows = status_rows(app, area.width);
    let [top, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_rows.len().max(1) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(frame, app, top);
    match (&app.minutes, app.tab) {
        (Some(ed), _) => meetings::minutes::render(frame, app, ed, body),
        (None, tab) => tab_body(frame, app, tab, body),
    }
    if let Some(form) = &app.form {
        form::render(frame, app, form, body);
    }
    popups_and_lines(frame, app, body, status, status_rows, footer);
}

fn tab_body(frame: &mut Frame, app: &App, tab: Tab, body: Rect) {
    match tab {
        Tab::Agenda => agenda::render(frame, app, body),
        Tab::Agreements => agreements::render(frame, app, body),
        Tab::CallOffs => calloffs::render(frame, app, body),
        Tab::Deviations => deviations::render(frame, app, body),
        Tab::Competitions => competitions::render(frame, app, body),
        Tab::Purchases => purchases::render(frame, app, body),
        Tab::Meetings => meetings::render(frame, app, body),
        Tab::Actions => actions::render(frame, app, body),
        Tab::Checklist => checklist::render(frame, app, body),
        Tab::FollowUp => followup::render(frame, app, body),
        Tab::Sanctions => sanctions::render(frame, app, body),
        Tab::Spend => spend::render(frame, app, body),
        Tab::Statistics => statistics::render(frame, app, body),
    }
}

fn popups_and_lines(
    frame: &mut Frame,
    app: &App,
    body: Rect,
    status: Rect,
    status_rows: Vec<Line<'static>>,
    footer: Rect,
) {
    match &app.popup {
        Some(Popup::Help { scroll }) => help::render(frame, app, *scroll, body),
        Some(Popup::Welcome) => popups::welcome(frame, app, body),
        Some(Popup::Confirm { message, .. }) => popups::confirm(frame, app, message, body),
        Some(Popup::Picker(p)) => popups::picker(frame, app, p, body),
        Some(Popup::Leave { selected }) => popups::leave(frame, app, *selected, body),
        Some(Popup::Info { title, lines }) => actions::info(frame, app, title, lines, body),
        None => {}
    }
    frame.render_widget(Paragraph::new(status_rows), status);
    footer_line(frame, app, footer);
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = tr!(
        app.cat,
        "ui.too_small",
        width = MIN_WIDTH,
        height = MIN_HEIGHT,
        now_width = area.width,
        now_height = area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn tab_bar(frame: &mut Frame, app: &App, area: Rect) {
    let today = crate::app::form::format_date(app.today);
    let right = tr!(app.cat, "ui.today", date = today);
    let right = if app.read_only() {
        format!("{} · {right}", app.cat.t("ui.read_only.mark"))
    } else {
        right
    };
    let width = area.width as usize;
    // Everything when it fits: the name, every tab in full and the date.
    let full = vec![Label::Full; Tab::ALL.len()];
    let spans = tab_spans(app, true, &full);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    if used + right.chars().count() < width {
        let mut spans = spans;
        spans.push(Span::raw(
            " ".repeat(width - used - right.chars().count() - 1),
        ));
        spans.push(Span::styled(right, theme::muted()));
        frame.render_widget(Line::from(spans), area);
        return;
    }
    if used <= width {
        frame.render_widget(Line::from(spans), area);
        return;
    }
    let current = Tab::ALL
        .iter()
        .position(|t| *t == app.tab.slot())
        .unwrap_or(0);
    // Then every tab by a short name, so no tab is a bare digit at 80 columns: the current
    // one in full when that fits, spaced as above or, tighter, one space apart.
    let short = vec![Label::Short; Tab::ALL.len()];
    let mut full_current = short.clone();
    full_current[current] = Label::Full;
    for (labels, compact) in [
        (&full_current, false),
        (&short, false),
        (&full_current, true),
        (&short, true),
    ] {
        let spans = if compact {
            compact_spans(app, labels)
        } else {
            tab_spans(app, false, labels)
        };
        if spans.iter().map(|s| s.width()).sum::<usize>() <= width {
            frame.render_widget(Line::from(spans), area);
            return;
        }
    }
    // Narrower than the interface is laid out for: the current tab in full and the others
    // as numbers, then as many short names as fit, nearest the current tab first: the
    // neighbours are what one reaches for with Tab and Shift-Tab.
    let mut labels: Vec<Label> = (0..Tab::ALL.len())
        .map(|i| {
            if i == current {
                Label::Full
            } else {
                Label::Number
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..Tab::ALL.len()).filter(|&i| i != current).collect();
    order.sort_by_key(|&i| i.abs_diff(current));
    for i in order {
        labels[i] = Label::Short;
        let used: usize = tab_spans(app, false, &labels)
            .iter()
            .map(|s| s.width())
            .sum();
        if used > width {
            labels[i] = Label::Number;
        }
    }
    frame.render_widget(Line::from(tab_spans(app, false, &labels)), area);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Full,
    Short,
    Number,
}

fn tab_spans(app: &App, brand: bool, labels: &[Label]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if brand {
        spans.push(Span::styled(" avtal ", theme::title()));
    }
    for (i, tab) in Tab::ALL.iter().enumerate() {
        // The tenth tab is reached with 0.
        let digit = (i + 1) % 10;
        // A companion tab shows its own name in the place it shares.
        let tab = if app.tab.slot() == *tab {
            &app.tab
        } else {
            tab
        };
        let label = match labels.get(i).copied().unwrap_or(Label::Number) {
            Label::Full => format!(" {digit} {} ", app.cat.t(tab.label())),
            Label::Short => format!(
                " {digit} {} ",
                app.cat
                    .t(&tab.label().replacen("ui.tab.", "ui.tab_short.", 1))
            ),
            Label::Number => format!(" {digit} "),
        };
        let style = if *tab == app.tab {
            theme::active_tab()
        } else {
            theme::muted()
        };
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(label, style));
    }
    spans
}

/// The tab bar one space apart, the current tab marked by its colour alone.
fn compact_spans(app: &App, labels: &[Label]) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    for (i, slot) in Tab::ALL.iter().enumerate() {
        let digit = (i + 1) % 10;
        let tab = if app.tab.slot() == *slot {
            app.tab
        } else {
            *slot
        };
        let key = match labels.get(i).copied().unwrap_or(Label::Short) {
            Label::Full => tab.label().to_string(),
            _ => tab.label().replacen("ui.tab.", "ui.tab_short.", 1),
        };
        let style = if tab == app.tab {
            theme::active_tab()
        } else {
            theme::muted()
        };
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(format!("{digit} {}", app.cat.t(&key)), style));
    }
    spans
}

/// The status message wrapped to the screen's width: a saved file's whole path stays
/// readable at 80 columns. At most four rows, so the list above keeps its room.
fn status_rows(app: &App, width: u16) -> Vec<Line<'static>> {
    const MOST: usize = 4;
    let Some(s) = &app.status else {
        return Vec::new();
    };
    let style = if s.error { theme::error() } else { theme::ok() };
    let line = Line::from(Span::styled(s.text.clone(), style));
    let mut rows = wrap::wrap(&[line], usize::from(width.saturating_sub(2)));
    if rows.len() > MOST {
        rows.truncate(MOST);
        if let Some(last) = rows.last_mut() {
            last.spans.push(Span::styled("…", style));
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.spans.insert(0, Span::raw(" "));
            row
        })
        .collect()
}

fn footer_line(frame: &mut Frame, app: &App, area: Rect) {
    use crate::app::keymap;
    let bindings: Vec<keymap::Binding> = match &app.popup {
        Some(Popup::Confirm { .. }) => keymap::CONFIRM.to_vec(),
        Some(Popup::Picker(_)) => keymap::PICKER.to_vec(),
        Some(Popup::Leave { .. }) => keymap::LEAVE.to_vec(),
        Some(Popup::Help { .. }) | Some(Popup::Welcome) | Some(Popup::Info { .. }) => Vec::new(),
        None => app.bindings().to_vec(),
    };
    let bindings: Vec<_> = bindings.into_iter().filter(|b| b.in_footer).collect();
    if bindings.is_empty() {
        let line = widgets::key_hints([("Esc", app.cat.t("ui.key.close"))]);
        frame.render_widget(line, area);
        return;
    }
    // `?` opens the help only where keys are not typed text (no popup, form, minutes or
    // filter): there the footer ends with it, and says "all keys" when the line is cut.
    let help_works = app.popup.is_none()
        && app.form.is_none()
        && app.minutes.is_none()
        && !keymap::same_list(app.bindings(), keymap::FILTER);
    let help = keymap::GLOBAL.iter().find(|b| b.act == keymap::Act::Help);
    let (whole, cut) = match help.filter(|_| help_works) {
        Some(h) => (
            Some((h.label, app.cat.t(h.desc))),
            Some((h.label, app.cat.t("ui.key.all_keys"))),
        ),
        None => (None, Some(("…", ""))),
    };
    let pairs: Vec<(&str, &str)> = bindings
        .iter()
        .map(|b| (b.label, app.cat.t(b.desc)))
        .collect();
    let line = widgets::footer_hints(&pairs, whole, cut, usize::from(area.width));
    frame.render_widget(line, area);
}
