//! Idle is idle (issue 13): the event loop draws a frame only when what the screen shows
//! has changed. The loop's decision, `tui::redraw::must_redraw`, is driven here as the loop
//! drives it, with a fake clock: idle ticks draw nothing, a minute passing or an autosave
//! draws once, a key always draws.

use crate::cli_support;
use crate::common;

use std::time::{Duration, Instant};

use avtal::app::App;
use avtal::domain::meeting::{Meeting, MeetingKind};
use avtal::i18n::Lang;
use avtal::tui::redraw::{Shown, must_redraw};
use common::*;
use time::macros::date;

/// The loop without a terminal: `seconds` idle ticks of one second from `start`, each
/// doing what the loop does between frames; returns how many frames it would draw.
fn idle(
    app: &mut App,
    last: &mut Option<Shown>,
    start: time::PrimitiveDateTime,
    seconds: i64,
) -> usize {
    let clock = Instant::now();
    let mut draws = 0;
    for s in 1..=seconds {
        app.tick(clock + Duration::from_secs(s as u64));
        app.poll_backup();
        app.set_now(start + time::Duration::seconds(s));
        let shown = Shown::of(app);
        if must_redraw(last.as_ref(), &shown, false) {
            draws += 1;
            *last = Some(shown);
        }
    }
    draws
}

#[test]
fn the_first_frame_and_every_key_are_drawn() {
    let (_d, app) = app_with(&fixture_register(), Lang::Sv);
    let shown = Shown::of(&app);
    assert!(must_redraw(None, &shown, false));
    assert!(must_redraw(Some(&shown), &shown, true));
    assert!(!must_redraw(Some(&shown), &shown, false));
}

#[test]
fn an_idle_window_draws_once_a_minute_at_most() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    // 09:30:00: the first frame.
    let mut last = Some(Shown::of(&app));
    // 59 idle seconds: nothing to draw (the loop used to draw 5 frames a second).
    assert_eq!(idle(&mut app, &mut last, NOW, 59), 0);
    // The next minute may pass a deadline: one frame, then quiet again.
    assert_eq!(
        idle(&mut app, &mut last, NOW + time::Duration::seconds(59), 60),
        1
    );
    // Ten idle minutes: ten frames, not three thousand.
    assert_eq!(
        idle(&mut app, &mut last, NOW + time::Duration::seconds(119), 600),
        10
    );
}

#[test]
fn an_autosave_of_the_minutes_is_drawn_once_and_then_nothing() {
    let (_d, app) = app_with(&[it_agreement()], Lang::Sv);
    let id = app.store.agreements().unwrap()[0].id;
    let m = app
        .store
        .insert_meeting(&Meeting::new(
            id,
            MeetingKind::Collaboration,
            date!(2026 - 11 - 25),
        ))
        .unwrap();
    let mut app = app;
    app.open_minutes(m.id);
    keys(&mut app, "Alfa levererar planen");
    // The keys were drawn (an event); the "unsaved" mark is what that frame showed.
    let mut last = Some(Shown::of(&app));
    assert!(app.minutes.as_ref().unwrap().dirty());
    // Within a few idle seconds the editor saves by itself: one frame for "saved".
    let draws = idle(&mut app, &mut last, NOW, 5);
    assert!(
        !app.minutes.as_ref().unwrap().dirty(),
        "no autosave happened"
    );
    assert_eq!(draws, 1);
    // Then nothing until the minute turns.
    assert_eq!(
        idle(&mut app, &mut last, NOW + time::Duration::seconds(5), 50),
        0
    );
}

#[test]
fn a_backup_finishing_is_drawn_without_a_key() {
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    ctrl(&mut app, 'b');
    // The key was drawn: the status says the copy has started.
    let started = app.status.clone().expect("a status");
    let mut last = Some(Shown::of(&app));
    // The copy finishes on its thread; the loop's next poll says so in the status line.
    app.finish_backup(false);
    assert_ne!(app.status.as_ref(), Some(&started));
    let shown = Shown::of(&app);
    assert!(must_redraw(last.as_ref(), &shown, false));
    last = Some(shown);
    assert_eq!(idle(&mut app, &mut last, NOW, 30), 0);
}

/// The real binary in a pseudo-terminal (util-linux `script`): once the first screen is
/// out, an idle second and a half sends no bytes at all (it used to send a frame's cursor
/// sequences every 200 ms), and a key is answered with a frame.
#[test]
fn the_binary_sends_nothing_while_idle() {
    use std::io::Write;
    use std::process::Command;
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("idle.redb");
    {
        let store = avtal::store::Store::open(&db).unwrap();
        store.insert_agreement(&it_agreement()).unwrap();
    }
    let (mut child, rx) = cli_support::spawn_tui(&db, 100, 30, "--lang sv");
    // Bytes that arrive within `window`.
    let bytes_within = |window: Duration| {
        let end = Instant::now() + window;
        let mut n = 0;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            if let Ok(chunk) = rx.recv_timeout(left) {
                n += chunk.len();
            }
        }
        n
    };
    // The first screen (and the daily backup's status line) settle.
    let first = bytes_within(Duration::from_secs(3));
    assert!(first > 0, "nothing was drawn");
    let mut idle = bytes_within(Duration::from_millis(1500));
    if idle > 0 {
        // The clock's minute may have turned (one frame, rightly): a second window cannot
        // hold another turn.
        idle = bytes_within(Duration::from_millis(1500));
    }
    let stdin = child.stdin.as_mut().unwrap();
    stdin.write_all(b"2").unwrap();
    stdin.flush().unwrap();
    let after_key = bytes_within(Duration::from_millis(1000));
    let _ = stdin.write_all(b"q");
    let _ = stdin.flush();
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(idle, 0, "an idle window sent {idle} bytes");
    assert!(after_key > 0, "a key got no frame");
}
