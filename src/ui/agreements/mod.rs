//! The Agreements tab: the register as a list (`list`), or one agreement in full
//! (`detail`) once it is opened.

mod detail;
mod list;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    match &app.register.detail {
        Some(d) => detail::render(frame, app, d, area),
        None => list::render(frame, app, area),
    }
}
