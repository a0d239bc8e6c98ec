//! Every catalogue key the code names exists in both languages, so no screen ever shows
//! a raw key.

use std::path::Path;

use avtal::i18n::{Catalog, Lang};

fn sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// `"ui.…"`, `"cli.…"`, `"store.…"`, `"domain.…"`, `"common.…"` literals that are whole keys.
fn keys_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split('"').skip(1).step_by(2) {
        let is_key = ["ui.", "cli.", "store.", "domain.", "common."]
            .iter()
            .any(|p| part.starts_with(p))
            && part.len() > 4
            && !part.ends_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if is_key {
            out.push(part.to_string());
        }
    }
    out
}

#[test]
fn every_key_named_in_the_code_exists_in_both_languages() {
    let mut texts = Vec::new();
    sources(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut texts,
    );
    let mut keys: Vec<String> = texts.iter().flat_map(|t| keys_in(t)).collect();
    // Keys built at run time from a record's own key.
    for k in ["not_asked", "offer_passed_over", "not_in_lot"] {
        keys.push(format!("ui.kind.{k}"));
    }
    for k in ["late_delivery", "quality", "other"] {
        keys.push(format!("ui.deviation.{k}"));
    }
    for k in ["open", "in_progress", "closed"] {
        keys.push(format!("ui.status_deviation.{k}"));
    }
    for n in 1..=3 {
        keys.push(format!("ui.priority.{n}"));
    }
    // Every tab has a short name for narrow terminals.
    for tab in avtal::app::Tab::ALL {
        keys.push(tab.label().replacen("ui.tab.", "ui.tab_short.", 1));
    }
    keys.sort();
    keys.dedup();
    let mut missing = Vec::new();
    for lang in [Lang::Sv, Lang::En] {
        let cat = Catalog::get(lang);
        for k in &keys {
            // A plural (`Catalog::plural`) is named by its base and has both forms.
            let plural = cat.has(&format!("{k}.one")) && cat.has(&format!("{k}.other"));
            if !cat.has(k) && !plural {
                missing.push(format!("{lang:?}: {k}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing catalogue keys:\n{}",
        missing.join("\n")
    );
}
