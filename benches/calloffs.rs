//! The Call-offs tab at national scale: importing, loading and filtering 100 000
//! call-offs with their requests. Run with `cargo bench --bench calloffs [N]`.

mod common;
use common::stats;

use std::time::Instant;

use avtal::app::{App, Tab};
use avtal::i18n::Lang;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.redb");
    let store = Store::open(&path).expect("open");
    let register = avtal::demo::register(now.date());
    let ids = store.import_agreements(&register).expect("agreements");
    let mut it = register[0].clone();
    it.id = ids[0].0;
    let (calloffs, requests) = avtal::demo::calloffs::calloffs(&it, now, n);
    let t = Instant::now();
    store.import_calloffs(&calloffs).expect("calloffs");
    let c_time = t.elapsed();
    let t = Instant::now();
    store.import_requests(&requests).expect("requests");
    let r_time = t.elapsed();
    println!(
        "import {} call-offs: {:.0} ms; {} requests: {:.0} ms",
        calloffs.len(),
        c_time.as_secs_f64() * 1e3,
        requests.len(),
        r_time.as_secs_f64() * 1e3
    );
    store.set_followed(it.id).expect("follow");
    drop(store);

    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(&path).expect("open");
        let mut app = App::new(store, Lang::Sv, now);
        app.show_tab(Tab::CallOffs);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        opens.push(t.elapsed());
    }
    stats("open + call-offs tab with its first frame", opens);

    let store = Store::open(&path).expect("open");
    let mut builds = Vec::new();
    let mut deviations = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let index = store.calloff_index(it.id).expect("index");
        builds.push(t.elapsed());
        deviations = index
            .entries
            .iter()
            .filter(|e| e.outcome == avtal::store::OUTCOME_DEVIATION)
            .count();
    }
    stats("build the compact index (one range scan)", builds);
    println!("  ({deviations} call-offs with a deviation, read whole for the Deviations tab)");
    let mut app = App::new(store, Lang::Sv, now);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut switches = Vec::new();
    for _ in 0..5 {
        app.show_tab(Tab::Agreements);
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('3')));
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        switches.push(t.elapsed());
    }
    stats("switch to the call-offs tab (3) with its frame", switches);
    app.show_tab(Tab::CallOffs);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut frames = Vec::new();
    for i in 0..2000 {
        let t = Instant::now();
        app.handle_key(key(if i % 400 < 200 {
            KeyCode::Down
        } else {
            KeyCode::Up
        }));
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        frames.push(t.elapsed());
    }
    stats("scroll the call-offs: key to next frame", frames);

    let mut filters = Vec::new();
    for _ in 0..40 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('c')));
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        filters.push(t.elapsed());
    }
    stats("cycle the outcome filter: key to next frame", filters);

    let mut opens = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Enter));
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        app.handle_key(key(KeyCode::Esc));
        app.handle_key(key(KeyCode::Down));
        opens.push(t.elapsed());
    }
    stats("open a call-off with its cascade", opens);
}
