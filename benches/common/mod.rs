//! What every bench prints: a measure's median, 99th percentile and maximum.

use std::time::Duration;

pub fn stats(name: &str, mut samples: Vec<Duration>) {
    if samples.is_empty() {
        println!("{name:<48} no samples");
        return;
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = samples[samples.len() / 2];
    let p99 = samples[(samples.len() * 99 / 100).min(samples.len() - 1)];
    let max = samples[samples.len() - 1];
    println!(
        "{name:<48} median {:>9.3} ms   p99 {:>9.3} ms   max {:>9.3} ms",
        ms(median),
        ms(p99),
        ms(max)
    );
}
