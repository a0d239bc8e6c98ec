//! How the agreement register keeps up at the size of a large municipality's (1 000
//! agreements): opening, the first frame, and a keypress to the next frame.
//! Run with `cargo bench --bench register`; prints median and 99th percentile.

mod common;
use common::stats;

use std::time::Instant;

use avtal::app::App;
use avtal::domain::{Agreement, ExtensionOption, Lot, OptionStatus, OrgNumber, Priority, Supplier};
use avtal::i18n::Lang;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::{Duration as Days, macros::date};

fn org(n: u32) -> OrgNumber {
    let nine = format!("55{n:07}");
    let check = avtal::domain::orgnr::luhn_check_digit(nine.as_bytes());
    OrgNumber::parse(&format!("{nine}{check}")).expect("valid by construction")
}

fn register(n: usize) -> Vec<Agreement> {
    (0..n)
        .map(|i| {
            let start = date!(2024 - 01 - 01) + Days::days((i % 700) as i64);
            let mut a = Agreement::new(
                &format!("UH-{:04}-{i:04}", 2020 + i % 7),
                &format!("Avtal nummer {i}"),
                start,
                start + Days::days(730),
            );
            a.priority = Priority::ALL[i % 3];
            a.keywords = vec![format!("kategori{}", i % 17)];
            a.suppliers = (0..5)
                .map(|s| Supplier {
                    org_number: org((i * 5 + s) as u32),
                    name: format!("Leverantör {s}"),
                    contacts: vec![],
                })
                .collect();
            a.lots = vec![Lot {
                name: "Område".into(),
                ranking: a.suppliers.iter().map(|s| s.org_number.clone()).collect(),
            }];
            a.extension_options.push(ExtensionOption {
                extends_to: a.end + Days::days(365),
                notice_date: a.end - Days::days(90),
                status: OptionStatus::Open,
                note: String::new(),
            });
            a
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.redb");
    {
        let store = Store::open(&path).expect("open");
        store.import_agreements(&register(1000)).expect("import");
    }
    let today = time::macros::datetime!(2026-11-25 09:30);
    let mut opens = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let store = Store::open(&path).expect("open");
        let app = App::new(store, Lang::Sv, today);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        opens.push(t.elapsed());
    }
    stats("open + load 1000 agreements + first frame", opens);

    let store = Store::open(&path).expect("open");
    let mut app = App::new(store, Lang::Sv, today);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('2')));
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
    stats("scroll the list: key to next frame", frames);

    let mut filters = Vec::new();
    app.handle_key(key(KeyCode::Char('/')));
    for round in 0..50 {
        for c in "kategori1".chars() {
            let t = Instant::now();
            app.handle_key(key(KeyCode::Char(c)));
            term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
            filters.push(t.elapsed());
        }
        for _ in 0..9 {
            app.handle_key(key(KeyCode::Backspace));
        }
        let _ = round;
    }
    stats("type in the filter: key to next frame", filters);

    let mut sorts = Vec::new();
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..60 {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char('s')));
        term.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        sorts.push(t.elapsed());
    }
    stats("change the sort: key to next frame", sorts);
}
