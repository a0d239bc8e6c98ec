//! redb may panic on a page damaged outside it (its documentation says so of opening; in
//! practice reading a flipped page can hit a slice index too). A damaged register must be
//! reported in words, never as a backtrace over the screen: `contain` runs a piece of
//! store work and turns such a panic into `StoreError::Unreadable`, naming what could not
//! be read. The panic hook installed by `install_hook` keeps a contained panic silent and
//! leaves every other panic to the hook that was there before (the terminal's restore,
//! then Rust's report).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use super::StoreError;

thread_local! {
    /// Set while `contain` runs on this thread.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
    /// The contained panic's message and place.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Wraps the current panic hook so contained panics say nothing. Called once at start, and
/// again after the terminal installs its own hook, so this one runs first.
pub fn install_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| (l.file().to_string(), l.line()));
        if CONTAINING.with(Cell::get) && place.as_ref().is_some_and(|(f, _)| from_reading(f)) {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            // The file's own name is enough to find it again; the build's paths say nothing
            // to the user.
            let (file, line) = place.unwrap_or_default();
            let file = file
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or_default()
                .to_string();
            LAST.with(|l| *l.borrow_mut() = Some(format!("{message}, {file}:{line}")));
            return;
        }
        previous(info);
    }));
}

/// Whether a panic at `file` comes from reading the file: in redb, or in the store's own
/// decoding of what redb returned. Anywhere else it is a bug, reported as one.
fn from_reading(file: &str) -> bool {
    let file = file.replace('\\', "/");
    file.contains("/redb-") || file.starts_with("src/store/") || file == "src/store.rs"
}

/// Runs `f`; a panic inside it becomes `Unreadable` naming `what` (a table, "the
/// register") and the register at `path`.
pub fn contain<T>(
    path: &Path,
    what: &str,
    f: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let was = CONTAINING.with(|c| c.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(was));
    match outcome {
        Ok(result) => result,
        Err(payload) => match LAST.with(|l| l.borrow_mut().take()) {
            Some(detail) => Err(StoreError::Unreadable {
                path: path.to_path_buf(),
                what: what.to_string(),
                detail,
            }),
            // Not from reading the file: a bug, already reported by the hook; it goes on.
            None => panic::resume_unwind(payload),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_words_and_the_thread_goes_on() {
        install_hook();
        let r: Result<(), _> = contain(Path::new("a.redb"), "calloff_rows", || {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            assert!(v[..i].is_empty());
            Ok(())
        });
        match r {
            Err(StoreError::Unreadable { what, detail, .. }) => {
                assert_eq!(what, "calloff_rows");
                assert!(detail.contains("range end index 3"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert!(contain(Path::new("a.redb"), "x", || Ok(1)).is_ok_and(|n| n == 1));
    }
}
