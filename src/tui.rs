//! The terminal itself: it takes the terminal over and gives it back, hears the signals
//! that end the program from outside (`signals`), and runs the event loop — keys and
//! pastes to `app`, a tick for the autosave and the clock, a frame drawn by `ui::render`
//! only when something shown changed (`redraw`). It stands apart from `ui` because it is
//! the program's edge, beside `cli`: the terminal, the system's signals, the clock, and
//! an `App` started over a `Store`, with a damaged page met on the way contained
//! (`store::contain`) as `cli` does. `ui` is left drawing the state it is given, which
//! the tests do on a `TestBackend` without any terminal.

pub mod redraw;
mod signals;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::App;
use crate::domain::meeting::MeetingId;
use crate::i18n::Lang;
use crate::store::Store;
use crate::ui;

/// Runs the terminal interface until the user quits. The terminal is restored on every
/// exit, panics included (ratatui's init installs the hook).
pub fn run(store: Store, lang: Lang) -> io::Result<()> {
    run_with(store, lang, None)
}

/// Runs the interface, opening the minutes editor of `minutes` at once when given
/// (`avtal minutes M-0007`: a secretary starts typing in one command).
pub fn run_with(store: Store, lang: Lang, minutes: Option<MeetingId>) -> io::Result<()> {
    // A shutdown or the window closing ends the program after the minutes are saved,
    // never in the middle of a write (`signals`).
    let stop = signals::install()?;
    let mut app = App::new(store, lang, local_now());
    if app.read_only() {
        // Nothing can change in a file that may only be read, so no daily copy is due.
        app.info(app.cat.t("ui.read_only.opened").to_string());
    } else {
        // The daily copy is written on a thread; its outcome shows in the status line.
        app.start_daily_backup();
    }
    if let Some(id) = minutes {
        app.popup = None;
        app.open_minutes(id);
    }
    let mut terminal = ratatui::init();
    // Over the terminal's hook, so a contained panic (a damaged page) does not restore the
    // terminal under a running interface.
    crate::store::contain::install_hook();
    // Pasted text arrives as one event, not a storm of keys: a long paste into the
    // minutes is one insertion and one frame.
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    let result = event_loop(&mut terminal, &mut app, &stop);
    // However the loop ended (a signal, the terminal gone), an unsaved form is kept.
    app.keep_draft();
    app.shutdown();
    // A copy still being written is stopped (and its partial file removed) rather than
    // holding the user at the door; today's copy is then made at the next start.
    app.finish_backup(true);
    // The database is closed before the terminal is touched again: when the window was
    // closed, restoring it fails and reports that on a stderr that is gone too, which
    // panics — and a process ending there left the file needing a repair at next open.
    drop(app);
    signals::saved();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    result
}

/// How often the loop wakes without a key: the minutes' autosave and the signals need it;
/// a wake draws nothing unless something shown changed (`redraw`).
const TICK: Duration = Duration::from_millis(200);

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    // Terminal events are read on their own thread. When the terminal goes away (the
    // window closed), crossterm's reader can spin on end-of-file without returning; the
    // loop here still wakes every tick (drawing only when something changed), sees
    // SIGHUP's flag (or a failed draw), saves and ends the process, which ends the reader
    // with it.
    let (tx, rx) = mpsc::channel::<Event>();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(ev).is_err() {
                break;
            }
        }
    });
    let mut clock = Instant::now();
    // What the last frame showed; a frame goes out only when that changes (or after an
    // event), so an idle window sends nothing.
    let mut shown: Option<redraw::Shown> = None;
    let mut events = false;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        let now_shown = redraw::Shown::of(app);
        if redraw::must_redraw(shown.as_ref(), &now_shown, events) {
            terminal.draw(|f| ui::render(f, app))?;
            shown = Some(now_shown);
            events = false;
        }
        match rx.recv_timeout(TICK) {
            Ok(ev) => {
                // Any event redraws, a resize included (it carries no key).
                events = true;
                handle_event(app, ev);
                // Keys typed faster than frames are drawn (or a paste without bracketing)
                // are all handled before the next frame.
                while let Ok(ev) = rx.try_recv() {
                    handle_event(app, ev);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            // The reader stopped: the terminal is gone.
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let now = Instant::now();
        let second = now.duration_since(clock) >= Duration::from_secs(1);
        if second {
            clock = now;
        }
        contained(app, |app| {
            app.tick(now);
            app.poll_backup();
            // Once a second is enough to notice a new day (a window left open overnight).
            if second {
                app.set_now(local_now());
            }
        });
    }
    Ok(())
}

fn handle_event(app: &mut App, ev: Event) {
    contained(app, |app| match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => app.handle_key(k),
        Event::Paste(text) => app.paste(&text),
        _ => {}
    });
}

/// Runs `f` on the app; a damaged page met on the way is said in the status line, and the
/// window, with what is typed in it, stays.
fn contained(app: &mut App, f: impl FnOnce(&mut App)) {
    let (path, cat) = (app.store.path().to_path_buf(), app.cat);
    let done = crate::store::contain::contain(&path, cat.t("store.the_register"), || {
        f(app);
        Ok(())
    });
    if let Err(e) = done {
        app.error(e.message(cat));
    }
}

/// Now in local (Swedish) time, to the second; UTC when the offset cannot be read.
pub fn local_now() -> time::PrimitiveDateTime {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    time::PrimitiveDateTime::new(
        now.date(),
        now.time().replace_nanosecond(0).unwrap_or(now.time()),
    )
}
