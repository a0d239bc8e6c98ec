//! The progress bar of a long import, on stderr and only when stderr is a terminal:
//! scripts, pipes and tests get the same output as before and no escape codes. What it
//! says comes from the catalogue; the counts come from the store's progress callback.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::Catalog;

/// A spinner while a file is read and checked, then a bar while it is stored.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    /// The language's digit group separator: counts are written as the language does.
    group: String,
}

impl Progress {
    /// Shows `message` with a spinner, if stderr is a terminal.
    pub(super) fn reading(message: impl Into<String>, cat: &Catalog) -> Progress {
        let group = cat.digit_group();
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None, group };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        Progress {
            bar: Some(bar),
            group,
        }
    }

    /// Keeps the spinner with another message, for work whose size is not told.
    pub(super) fn working(&self, message: impl Into<String>) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.into());
        }
    }

    /// Turns the spinner into a bar of `total` with `message` before it; the store's
    /// callback then moves it ([`Progress::update`]).
    pub(super) fn storing(&self, message: impl Into<String>, total: usize) {
        let Some(bar) = &self.bar else { return };
        bar.disable_steady_tick();
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {prefix} ({elapsed})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message.into());
        self.update(0, total);
    }

    /// The store's progress: `done` of `total`.
    pub(super) fn update(&self, done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            let count = |n: usize| crate::i18n::group_digits(n as u64, &self.group);
            bar.set_prefix(format!("{}/{}", count(done), count(total)));
        }
    }
}

/// The bar leaves the screen when it is done with, whether the import succeeded or was
/// refused, so the result or the error stands alone after it.
impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
