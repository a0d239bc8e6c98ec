//! Rendering with ratatui: one module per tab, shared widgets, theme, help overlay.
//! Rendering reads the application state; it never writes the store.

mod actions;
mod agenda;
mod calloffs;
mod checklist;
mod competition_result;
mod competitions;
mod detail;
mod deviations;
mod followup;
mod form;
mod help;
mod popups;
mod purchases;
mod register;
pub mod theme;
mod widgets;

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::{DefaultTerminal, Frame};

use crate::app::{App, Popup, Tab};
use crate::i18n::Lang;
use crate::store::Store;
use crate::tr;

/// The smallest terminal the interface is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Runs the terminal interface until the user quits. The terminal is restored on every
/// exit, panics included (ratatui's init installs the hook).
pub fn run(store: Store, lang: Lang) -> io::Result<()> {
    let mut app = App::new(store, lang, local_now());
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|f| render(f, app))?;
        // A tick keeps "today" honest for a window left open overnight.
        if event::poll(Duration::from_secs(60))? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => app.handle_key(k),
                _ => {}
            }
        } else {
            app.set_now(local_now());
        }
    }
    Ok(())
}

/// Now in local (Swedish) time, to the second; UTC when the offset cannot be read.
pub fn local_now() -> time::PrimitiveDateTime {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    time::PrimitiveDateTime::new(
        now.date(),
        now.time().replace_nanosecond(0).unwrap_or(now.time()),
    )
}

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return;
    }
    let [top, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(frame, app, top);
    match app.tab {
        Tab::Agenda => agenda::render(frame, app, body),
        Tab::Agreements => match &app.register.detail {
            Some(d) => detail::render(frame, app, d, body),
            None => register::render(frame, app, body),
        },
        Tab::CallOffs => calloffs::render(frame, app, body),
        Tab::Deviations => deviations::render(frame, app, body),
        Tab::Competitions => competitions::render(frame, app, body),
        Tab::Purchases => purchases::render(frame, app, body),
        Tab::Actions => actions::render(frame, app, body),
        Tab::Checklist => checklist::render(frame, app, body),
        Tab::FollowUp => followup::render(frame, app, body),
    }
    if let Some(form) = &app.form {
        form::render(frame, app, form, body);
    }
    match &app.popup {
        Some(Popup::Help { scroll }) => help::render(frame, app, *scroll, body),
        Some(Popup::Welcome) => popups::welcome(frame, app, body),
        Some(Popup::Confirm { message, .. }) => popups::confirm(frame, app, message, body),
        Some(Popup::Picker(p)) => popups::picker(frame, app, p, body),
        Some(Popup::Info { title, lines }) => actions::info(frame, app, title, lines, body),
        None => {}
    }
    status_line(frame, app, status);
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
    // Six tabs do not fit 80 columns with everything: drop the date, then the name, and
    // last show only the numbers of the tabs not in view.
    let width = area.width as usize;
    let mut spans = Vec::new();
    for (date, brand, labels) in [
        (true, true, true),
        (false, true, true),
        (false, false, true),
        (false, false, false),
    ] {
        spans = tab_spans(app, brand, labels);
        let used: usize = spans.iter().map(|s| s.width()).sum();
        if date && used + right.chars().count() < width {
            spans.push(Span::raw(
                " ".repeat(width - used - right.chars().count() - 1),
            ));
            spans.push(Span::styled(right, theme::muted()));
            break;
        }
        if !date && used <= width {
            break;
        }
    }
    frame.render_widget(Line::from(spans), area);
}

fn tab_spans(app: &App, brand: bool, labels: bool) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if brand {
        spans.push(Span::styled(" avtal ", theme::title()));
    }
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = if labels || *tab == app.tab {
            format!(" {} {} ", (i + 1) % 10, app.cat.t(tab.label()))
        } else {
            format!(" {} ", (i + 1) % 10)
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

fn status_line(frame: &mut Frame, app: &App, area: Rect) {
    if let Some(s) = &app.status {
        let style = if s.error { theme::error() } else { theme::ok() };
        frame.render_widget(
            Line::from(Span::styled(format!(" {}", s.text), style)),
            area,
        );
    }
}

fn footer_line(frame: &mut Frame, app: &App, area: Rect) {
    let bindings: Vec<_> = match &app.popup {
        Some(Popup::Confirm { .. }) => crate::app::keymap::CONFIRM.to_vec(),
        Some(Popup::Picker(_)) => crate::app::keymap::PICKER.to_vec(),
        Some(Popup::Help { .. }) | Some(Popup::Welcome) | Some(Popup::Info { .. }) => Vec::new(),
        None if app.form.is_some() => crate::app::keymap::FORM.to_vec(),
        None => crate::app::keymap::GLOBAL
            .iter()
            .chain(app.bindings())
            .filter(|b| b.in_footer)
            .copied()
            .collect(),
    };
    let line = if bindings.is_empty() {
        widgets::key_hints([("Esc", app.cat.t("ui.key.close"))])
    } else {
        widgets::key_hints(bindings.iter().map(|b| (b.label, app.cat.t(b.desc))))
    };
    frame.render_widget(line, area);
}
