//! Every figure of the scale targets at 10 000, 100 000 and 1 000 000 call-offs, on a
//! demo database (`avtal demo --calloffs N`): open + first frame, key to next frame for
//! switching tabs, scrolling, changing the KPI period and typing in the minutes, and the
//! resident memory of the running application. Each size is measured in a fresh child
//! process, so its memory is the application's and not the generator's.
//! Run with `cargo bench --bench scale` or `cargo bench --bench scale -- 100000`.
//! The KPI table against SQLite is `--bench kpi_sqlite`; the import, `--bench import`.

mod common;
use common::stats;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use avtal::app::{App, Tab};
use avtal::i18n::Lang;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::datetime;

const CHILD: &str = "AVTAL_SCALE_DB";

fn main() {
    if let Ok(path) = std::env::var(CHILD) {
        measure(Path::new(&path));
        return;
    }
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("scale.redb");
        let t = Instant::now();
        {
            let store = Store::open(&path).expect("open");
            avtal::app::demo::load_demo(&store, datetime!(2026-11-25 09:30), n).expect("demo");
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "\n== {n} call-offs (demo generated in {:.1} s, file {} MB)",
            t.elapsed().as_secs_f64(),
            size / 1_000_000
        );
        let status = Command::new(std::env::current_exe().expect("own path"))
            .env(CHILD, &path)
            .status()
            .expect("child");
        assert!(status.success(), "the measuring process failed");
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| avtal::ui::render(f, app)).expect("draw");
}

fn open(path: &Path) -> (App, Terminal<TestBackend>) {
    let store = Store::open(path).expect("open");
    let app = App::new(store, Lang::Sv, datetime!(2026-11-25 09:30));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    frame(&mut term, &app);
    (app, term)
}

fn measure(path: &Path) {
    let t = Instant::now();
    let (mut app, mut term) = open(path);
    let mut opens = vec![t.elapsed()];
    // A person reads the agenda before the first key: the call-offs are read meanwhile.
    std::thread::sleep(Duration::from_millis(1500));
    let t = Instant::now();
    app.handle_key(key(KeyCode::Char('3')));
    frame(&mut term, &app);
    stats("first switch to the call-offs tab", vec![t.elapsed()]);
    memory("resident memory with the call-offs tab open");

    let mut switches = Vec::new();
    let mut slowest = ('1', Duration::ZERO);
    for _ in 0..20 {
        for c in "1234567890".chars() {
            let t = Instant::now();
            app.handle_key(key(KeyCode::Char(c)));
            frame(&mut term, &app);
            let took = t.elapsed();
            if took > slowest.1 {
                slowest = (c, took);
            }
            switches.push(took);
        }
    }
    stats("switch tab (each of 1-9, 0): key to frame", switches);
    println!(
        "  (slowest: key {} at {:.1} ms)",
        slowest.0,
        slowest.1.as_secs_f64() * 1e3
    );

    app.show_tab(Tab::CallOffs);
    frame(&mut term, &app);
    let mut scroll = Vec::new();
    for i in 0..2000 {
        let c = if i % 400 < 200 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        let t = Instant::now();
        app.handle_key(key(c));
        frame(&mut term, &app);
        scroll.push(t.elapsed());
    }
    stats("scroll the call-offs: key to frame", scroll);
    filter(&mut app, &mut term);
    edits(&mut app, &mut term);

    app.show_tab(Tab::Deviations);
    frame(&mut term, &app);
    let mut toggles = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('o')));
        frame(&mut term, &app);
        toggles.push(t.elapsed());
    }
    stats("deviations: open only or all (o)", toggles);

    // The renewed competitions (a tenth of the call-offs) by pages, to the end and back:
    // each page away from the window reads the rows around the selection.
    app.show_tab(Tab::Competitions);
    frame(&mut term, &app);
    let mut pages = Vec::new();
    for i in 0..1000 {
        let c = match i % 100 {
            0 => KeyCode::Home,
            50 => KeyCode::End,
            n if n < 50 => KeyCode::PageDown,
            _ => KeyCode::PageUp,
        };
        let t = Instant::now();
        app.handle_key(key(c));
        frame(&mut term, &app);
        pages.push(t.elapsed());
    }
    stats("page through the competitions: key to frame", pages);

    sanctions(&mut app, &mut term);

    app.show_tab(Tab::Statistics);
    frame(&mut term, &app);
    let mut periods = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('p')));
        frame(&mut term, &app);
        periods.push(t.elapsed());
    }
    stats("change the KPI period: key to frame", periods);
    views(&mut app, &mut term);

    let meeting = app
        .store
        .meetings(None)
        .expect("meetings")
        .into_iter()
        .next()
        .expect("the demo has meetings");
    app.open_minutes(meeting.id);
    frame(&mut term, &app);
    let mut typing = Vec::new();
    for c in "Leverantören återkommer om leveranstiderna. "
        .chars()
        .cycle()
        .take(1000)
    {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char(c)));
        app.tick(Instant::now());
        frame(&mut term, &app);
        typing.push(t.elapsed());
    }
    stats("type in the minutes (autosave included)", typing);
    // The minutes are saved: the call-offs index still holds and is not read again.
    app.handle_key(key(KeyCode::Esc));
    frame(&mut term, &app);
    assert!(app.minutes.is_none(), "Esc closes the minutes");
    let t = Instant::now();
    app.handle_key(key(KeyCode::Char('3')));
    frame(&mut term, &app);
    stats(
        "switch to the call-offs after writing minutes",
        vec![t.elapsed()],
    );

    memory("resident memory after every tab");
    drop(app);
    for _ in 0..5 {
        let t = Instant::now();
        let (app, _term) = open(path);
        opens.push(t.elapsed());
        drop(app);
    }
    stats("open the database + first frame", opens);
}

/// Typing a text filter over the call-offs (`/`, reference or orderer) and taking it
/// away again with Backspace, five different texts.
fn filter(app: &mut App, term: &mut Terminal<TestBackend>) {
    app.handle_key(key(KeyCode::Char('/')));
    frame(term, app);
    let mut typing = Vec::new();
    let mut slowest = (String::new(), Duration::ZERO);
    let mut timed = |app: &mut App, code: KeyCode, typing: &mut Vec<Duration>| {
        let t = Instant::now();
        app.handle_key(key(code));
        frame(term, app);
        let took = t.elapsed();
        if took > slowest.1 {
            slowest = (format!("{code} to {:?}", app.calloffs.text), took);
        }
        typing.push(took);
    };
    // Each round another text, so no round finds the lists of the one before.
    for text in ["0999", "av-2025-05", "1234", "Lind", "0777"] {
        for c in text.chars() {
            timed(app, KeyCode::Char(c), &mut typing);
        }
        for _ in 0..text.chars().count() {
            timed(app, KeyCode::Backspace, &mut typing);
        }
    }
    app.handle_key(key(KeyCode::Esc));
    frame(term, app);
    stats("type a filter over the call-offs: key to frame", typing);
    println!(
        "  (slowest: {} at {:.1} ms)",
        slowest.0,
        slowest.1.as_secs_f64() * 1e3
    );
}

/// Saving a call-off from its edit form (Ctrl-S), then undoing the save (`u`): each a
/// write of the call-off, and a key to the next frame with the list kept current.
fn edits(app: &mut App, term: &mut Terminal<TestBackend>) {
    let mut saves = Vec::new();
    let mut undos = Vec::new();
    for _ in 0..20 {
        app.handle_key(key(KeyCode::Char('e')));
        frame(term, app);
        assert!(app.form.is_some(), "the edit form opens");
        let t = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        frame(term, app);
        saves.push(t.elapsed());
        assert!(app.form.is_none(), "the form is saved");
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('u')));
        frame(term, app);
        undos.push(t.elapsed());
        app.handle_key(key(KeyCode::Down));
        frame(term, app);
    }
    stats("save a call-off (Ctrl-S in its form): key to frame", saves);
    stats("undo the save (u): key to frame", undos);
}

/// The views of the Statistics tab (`v`: KPIs, trends, own against reported, the report
/// before the next procurement), the first time round and then again and again.
fn views(app: &mut App, term: &mut Terminal<TestBackend>) {
    let mut first = Vec::new();
    for _ in 0..4 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('v')));
        frame(term, app);
        first.push(t.elapsed());
    }
    stats(
        "statistics views, first time round: key to frame",
        first.clone(),
    );
    println!(
        "  (the report before the next procurement, first showing: {:.1} ms)",
        first[2].as_secs_f64() * 1e3
    );
    let mut again = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('v')));
        frame(term, app);
        again.push(t.elapsed());
    }
    stats("statistics views again: key to frame", again);
}

/// The Sanctions tab (→ from Deviations): entering it, scrolling its penalty claims,
/// paging and jumping to either end.
fn sanctions(app: &mut App, term: &mut Terminal<TestBackend>) {
    app.show_tab(Tab::Deviations);
    frame(term, app);
    let t = Instant::now();
    app.handle_key(key(KeyCode::Right));
    frame(term, app);
    stats("first switch to the sanctions tab", vec![t.elapsed()]);
    assert_eq!(app.tab, Tab::Sanctions);
    memory("resident memory with the sanctions tab open");
    let mut enter = Vec::new();
    for _ in 0..20 {
        app.handle_key(key(KeyCode::Left));
        frame(term, app);
        let t = Instant::now();
        app.handle_key(key(KeyCode::Right));
        frame(term, app);
        enter.push(t.elapsed());
    }
    stats("enter the sanctions tab again: key to frame", enter);
    let mut scroll = Vec::new();
    for i in 0..1000 {
        let c = if i % 400 < 200 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        let t = Instant::now();
        app.handle_key(key(c));
        frame(term, app);
        scroll.push(t.elapsed());
    }
    stats("scroll the penalty claims: key to frame", scroll);
    let mut jumps = Vec::new();
    for c in [KeyCode::PageDown, KeyCode::End, KeyCode::Up, KeyCode::Home]
        .into_iter()
        .cycle()
        .take(100)
    {
        let t = Instant::now();
        app.handle_key(key(c));
        frame(term, app);
        jumps.push(t.elapsed());
    }
    stats("PgDn, End, Up, Home in the claims: key to frame", jumps);
    memory("resident memory after the sanctions tab");
}

fn memory(what: &str) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |field: &str| {
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    println!(
        "{what:<48} now {:>6} MB   peak {:>6} MB",
        kb("VmRSS:") / 1024,
        kb("VmHWM:") / 1024
    );
}
