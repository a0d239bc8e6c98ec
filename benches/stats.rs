//! The KPI table at national scale: a year for all suppliers at 100 000 call-offs, from
//! the aggregates and, for comparison, from a scan with `stats::kpi_table`. Also the
//! cost the aggregates add to imports. Run with `cargo bench --bench stats [N]`.

mod common;
use common::stats;

use std::time::Instant;

use avtal::app::statistics::kpis;
use avtal::stats::Period;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

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
        "import {} call-offs: {:.0} ms; {} requests: {:.0} ms (aggregates included)",
        calloffs.len(),
        c_time.as_secs_f64() * 1e3,
        requests.len(),
        r_time.as_secs_f64() * 1e3
    );
    let year = Period {
        from: date!(2026 - 01 - 01),
        to: date!(2026 - 12 - 31),
    };
    let mut fast = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let k = kpis(&store, &it, year, now).expect("kpi");
        fast.push(t.elapsed());
        std::hint::black_box(k);
    }
    stats("KPI table, a year, all suppliers (aggregates)", fast);
    let mut months = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let m = store.aggregate_months(&it, year, now).expect("months");
        months.push(t.elapsed());
        std::hint::black_box(m);
    }
    stats("month by month, a year (aggregates)", months);
    let mut scan = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let (cs, rs) = store.calloffs_and_requests(it.id).expect("read");
        let reported = store.supplier_stats(it.id).expect("reported");
        let k = avtal::stats::kpi_table(&it, &cs, &rs, &reported, year, now);
        scan.push(t.elapsed());
        std::hint::black_box(k);
    }
    stats("KPI table, a year (read all + stats::kpi_table)", scan);
    let t = Instant::now();
    store.rebuild_aggregates().expect("rebuild");
    let rebuild = t.elapsed();
    // The tab itself: ←/→ recomputes from the aggregates; a frame only draws.
    store.set_followed(it.id).expect("follow");
    let mut app = avtal::app::App::new(store, avtal::i18n::Lang::Sv, now);
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    app.handle_key(key(KeyCode::Char('0')));
    let mut steps = Vec::new();
    let mut frames = Vec::new();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for i in 0..20 {
        let t = Instant::now();
        app.handle_key(key(if i % 2 == 0 {
            KeyCode::Left
        } else {
            KeyCode::Right
        }));
        steps.push(t.elapsed());
        let t = Instant::now();
        terminal.draw(|f| avtal::ui::render(f, &app)).expect("draw");
        frames.push(t.elapsed());
    }
    stats("Statistics tab: step the year with ←/→", steps);
    stats("Statistics tab: one frame (120×40)", frames);
    let t = Instant::now();
    let _ = t;
    println!("rebuild_aggregates: {:.0} ms", rebuild.as_secs_f64() * 1e3);
}
