//! Idle is idle: a frame goes out only when what it would show has changed. Keys, pastes
//! and resizes always redraw; between them, only what changes by itself is compared:
//! the clock to the minute (deadlines and "overdue" are kept to the minute), the status
//! line (a backup finishing) and the minutes editor's save state (an autosave).

use time::PrimitiveDateTime;

use crate::app::{App, Status};

/// What the screen shows that can change without a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    minute: PrimitiveDateTime,
    status: Option<Status>,
    /// Unsaved typing, the last save and a failed save of the open minutes.
    minutes: Option<(bool, Option<PrimitiveDateTime>, Option<String>)>,
}

impl Shown {
    pub fn of(app: &App) -> Shown {
        let minute = app.now.replace_second(0).unwrap_or(app.now);
        Shown {
            minute,
            status: app.status.clone(),
            minutes: app
                .minutes
                .as_ref()
                .map(|ed| (ed.dirty(), ed.saved_at, ed.save_error.clone())),
        }
    }
}

/// Whether to draw a frame: none drawn yet, something happened (`events`), or what
/// shows by itself is no longer what the last frame showed.
pub fn must_redraw(last: Option<&Shown>, now: &Shown, events: bool) -> bool {
    events || last != Some(now)
}
