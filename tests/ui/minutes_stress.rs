//! The live minutes editor under stress, through the app loop (keys, paste, tick and a
//! frame drawn into `TestBackend` after each, as the event loop does): a 5 MB paste,
//! emoji, combining characters and right-to-left text, 10 000-line minutes. No panic,
//! and what is saved is exactly what was typed or pasted.

use crate::common;

use std::time::{Duration, Instant};

use avtal::app::App;
use avtal::domain::meeting::{Meeting, MeetingId, MeetingKind};
use avtal::i18n::Lang;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::date;

/// An app with one agreement and one meeting whose minutes are `minutes`, editor open.
fn editor_with(minutes: &str) -> (tempfile::TempDir, App, MeetingId) {
    let (dir, app) = app_with(&[it_agreement()], Lang::Sv);
    let id = app.store.agreements().unwrap()[0].id;
    let mut m = Meeting::new(id, MeetingKind::Collaboration, date!(2026 - 11 - 25));
    m.minutes = minutes.to_string();
    let m = app.store.insert_meeting(&m).unwrap();
    let mut app = app;
    app.open_minutes(m.id);
    assert!(app.minutes.is_some());
    (dir, app, m.id)
}

fn frame(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| avtal::ui::render(f, app)).unwrap();
}

fn key(app: &mut App, term: &mut Terminal<TestBackend>, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    frame(term, app);
}

fn saved(app: &App, id: MeetingId) -> String {
    app.store.meeting(id).unwrap().unwrap().minutes
}

/// Lines of every script a Swedish municipality meets, about 5 MB in all, CRLF and LF.
fn five_megabytes() -> String {
    let samples = [
        "Punkt 1: leverantören bekräftar åtgärden — klart före årsskiftet.",
        "Emoji: 🙂👍🏽 👩‍👩‍👧‍👦 🇸🇪 ✅ and a flag 🏳️‍🌈 in one line",
        "Kombinerande: e\u{301} a\u{30a} o\u{308} Z\u{335}\u{321}\u{334}a\u{336}\u{318}l\u{337}g\u{334}o",
        "Arabiska: مرحبا بالعالم، هذا محضر الاجتماع ١٢٣",
        "Hebreiska: שלום עולם, פרוטוקול הישיבה",
        "Blandat: UH-2026-014 (مرحبا) שלום 🙂 slut.",
        "\tindraget med tabb och    mellanslag   ",
        "",
        "中文会议记录，日本語の議事録、한국어 회의록",
    ];
    let mut s = String::with_capacity(5_300_000);
    let mut i = 0usize;
    while s.len() < 5 * 1024 * 1024 {
        s.push_str(samples[i % samples.len()]);
        s.push_str(&format!(" #{i}"));
        s.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        i += 1;
    }
    s
}

#[test]
fn a_five_megabyte_paste_is_saved_exactly() {
    let (_d, mut app, id) = editor_with("");
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    frame(&mut term, &app);
    let text = five_megabytes();
    let t = Instant::now();
    app.paste(&text);
    frame(&mut term, &app);
    let paste = t.elapsed();
    // Typing goes on at the end of it.
    for c in "Slut🙂".chars() {
        key(&mut app, &mut term, KeyCode::Char(c));
    }
    let t = Instant::now();
    app.tick(Instant::now() + Duration::from_secs(2));
    let save = t.elapsed();
    let expected = format!("{}Slut🙂", text.replace("\r\n", "\n"));
    let got = saved(&app, id);
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "the saved minutes differ from the paste");
    eprintln!(
        "5 MB paste + frame {:.0} ms, autosave {:.0} ms (debug build)",
        paste.as_secs_f64() * 1e3,
        save.as_secs_f64() * 1e3
    );
    // Moving around the huge text and drawing at every size does not panic.
    for code in [
        KeyCode::Home,
        KeyCode::PageUp,
        KeyCode::Up,
        KeyCode::End,
        KeyCode::PageDown,
    ] {
        key(&mut app, &mut term, code);
    }
    for (w, h) in [(20, 5), (80, 24), (400, 120)] {
        draw(&app, w, h);
    }
    // Reopened, the editor holds the same text.
    press(&mut app, KeyCode::Esc);
    app.open_minutes(id);
    assert!(app.minutes.as_ref().unwrap().text() == expected);
}

#[test]
fn a_paste_with_a_single_megabyte_line_is_saved_exactly() {
    let (_d, mut app, id) = editor_with("Före\n");
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let line: String = "مرحبا e\u{301} 🙂👩‍👩‍👧 שלום åäö "
        .chars()
        .cycle()
        .take(300_000)
        .collect();
    app.paste(&line);
    frame(&mut term, &app);
    for code in [KeyCode::Home, KeyCode::End, KeyCode::Left, KeyCode::Right] {
        key(&mut app, &mut term, code);
    }
    app.shutdown();
    assert!(saved(&app, id) == format!("Före\n{line}"));
}

#[test]
fn emoji_combining_and_right_to_left_typed_key_by_key_are_saved_as_typed() {
    let (_d, mut app, id) = editor_with("");
    let mut term = Terminal::new(TestBackend::new(60, 20)).unwrap();
    let lines = [
        "🙂 👍🏽 👩‍👩‍👧‍👦 🇸🇪",
        "e\u{301}e\u{301} a\u{30a} Z\u{335}\u{321}a\u{336}l\u{337}g\u{334}o",
        "مرحبا بالعالم ١٢٣ abc",
        "שלום UH-1 עולם",
        "\u{200f}\u{202e}reversed\u{202c} zero\u{200b}width \u{feff}bom",
        "ﷺ ﷽ 𒐫 ᄀᄀᄀ각ᆨᆨ",
    ];
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            key(&mut app, &mut term, KeyCode::Enter);
        }
        for c in line.chars() {
            key(&mut app, &mut term, KeyCode::Char(c));
        }
        // An autosave now and then, as the debounce would.
        app.tick(Instant::now() + Duration::from_secs(2));
    }
    let expected = lines.join("\n");
    assert_eq!(saved(&app, id), expected);
    // Moving and deleting through all of it does not panic, and what is saved is what
    // the editor shows.
    let moves = [
        KeyCode::Left,
        KeyCode::Up,
        KeyCode::Backspace,
        KeyCode::Right,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Down,
    ];
    for i in 0..400 {
        key(&mut app, &mut term, moves[(i * 7 + i / 3) % moves.len()]);
        if i % 50 == 0 {
            for (w, h) in [(1, 1), (7, 3), (23, 6)] {
                draw(&app, w, h);
            }
        }
    }
    app.shutdown();
    assert_eq!(saved(&app, id), app.minutes.as_ref().unwrap().text());
}

#[test]
fn ten_thousand_lines_type_at_the_end_capture_an_action_and_save() {
    let old: Vec<String> = (0..10_000)
        .map(|i| format!("Rad {i}: åtgärd 🙂 مرحبا e\u{301}"))
        .collect();
    let old = old.join("\n");
    let (_d, mut app, id) = editor_with(&old);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    frame(&mut term, &app);
    // The cursor starts at the end of the last line.
    assert_eq!(app.minutes.as_ref().unwrap().area.cursor().0, 9_999);
    key(&mut app, &mut term, KeyCode::Enter);
    for c in "Leverantören återkommer".chars() {
        key(&mut app, &mut term, KeyCode::Char(c));
    }
    // The action popup over the last of 10 001 lines, then back to typing.
    ctrl(&mut app, 't');
    frame(&mut term, &app);
    assert!(app.form.is_some());
    keys(&mut app, "Anna Alfa");
    frame(&mut term, &app);
    ctrl(&mut app, 's');
    frame(&mut term, &app);
    assert!(app.form.is_none());
    assert_eq!(app.store.actions_of_meeting(id).unwrap().len(), 1);
    for c in " i morgon".chars() {
        key(&mut app, &mut term, KeyCode::Char(c));
    }
    app.tick(Instant::now() + Duration::from_secs(2));
    let expected = format!("{old}\nLeverantören återkommer i morgon");
    assert!(saved(&app, id) == expected);
    // The lesson mark on the last line, then Esc saves and closes.
    ctrl(&mut app, 'l');
    frame(&mut term, &app);
    assert_eq!(
        app.store.meeting(id).unwrap().unwrap().lesson_lines,
        vec![10_000]
    );
    key(&mut app, &mut term, KeyCode::Char('.'));
    press(&mut app, KeyCode::Esc);
    assert!(app.minutes.is_none());
    assert!(saved(&app, id) == format!("{expected}."));
}
