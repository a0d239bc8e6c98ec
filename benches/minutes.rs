//! The live minutes editor: typing at the end of 10 000-line minutes (key to next frame),
//! a 5 MB paste, and the autosave of 10 000 lines. Run with `cargo bench --bench minutes`.

mod common;
use common::stats;

use std::time::{Duration, Instant};

use avtal::app::App;
use avtal::domain::Agreement;
use avtal::domain::meeting::{Meeting, MeetingKind};
use avtal::i18n::Lang;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

fn main() {
    let now = datetime!(2026-11-25 09:30);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.redb")).expect("open");
    let id = store
        .insert_agreement(&Agreement::new(
            "UH-1",
            "Bench",
            date!(2026 - 01 - 01),
            date!(2027 - 12 - 31),
        ))
        .expect("agreement");
    let mut m = Meeting::new(id, MeetingKind::Collaboration, date!(2026 - 11 - 25));
    m.minutes = (0..10_000)
        .map(|i| format!("Rad {i}: leverantören återkommer om åtgärden 🙂 i vecka {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let big = store.insert_meeting(&m).expect("meeting");
    let empty = store
        .insert_meeting(&Meeting::new(
            id,
            MeetingKind::Collaboration,
            date!(2026 - 12 - 08),
        ))
        .expect("meeting");
    let mut app = App::new(store, Lang::Sv, now);

    let t = Instant::now();
    app.open_minutes(big.id);
    println!(
        "open the editor on 10 000 lines: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
    let text = "Leverantören skickar en plan för kortare svarstider. ";
    let mut frames = Vec::new();
    for c in text.chars().cycle().take(3000) {
        let t = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.tick(Instant::now());
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        frames.push(t.elapsed());
    }
    stats("type at the end of 10 000 lines: key to frame", frames);

    let mut saves = Vec::new();
    for i in 0..30 {
        app.handle_key(KeyEvent::new(
            KeyCode::Char(if i % 2 == 0 { 'x' } else { 'y' }),
            KeyModifiers::NONE,
        ));
        let t = Instant::now();
        app.tick(Instant::now() + Duration::from_secs(2));
        saves.push(t.elapsed());
        assert!(!app.minutes.as_ref().expect("editor").dirty());
    }
    stats("autosave of 10 000 lines", saves);

    // Typing once the frame after each key includes the debounced save when it is due.
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let mut line = String::new();
    let mut i = 0usize;
    let mut paste = String::with_capacity(5_300_000);
    while paste.len() < 5 * 1024 * 1024 {
        line.clear();
        line.push_str(&format!(
            "Punkt {i}: 🙂 e\u{301} مرحبا שלום — leverantören bekräftar.\n"
        ));
        paste.push_str(&line);
        i += 1;
    }
    let mut pastes = Vec::new();
    let mut psaves = Vec::new();
    for _ in 0..5 {
        app.open_minutes(empty.id);
        let t = Instant::now();
        app.paste(&paste);
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        pastes.push(t.elapsed());
        let t = Instant::now();
        app.tick(Instant::now() + Duration::from_secs(2));
        psaves.push(t.elapsed());
        // Empty the minutes again for the next round.
        app.store.save_minutes(empty.id, "").expect("reset");
        app.minutes = None;
    }
    stats(&format!("paste 5 MB ({i} lines) + frame"), pastes);
    stats(&format!("autosave of the pasted {i} lines"), psaves);
}
