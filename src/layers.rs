//! The layers of ARCHITECTURE.md, held by a test: each layer's source names only the
//! layers it may use, so a shortcut (a screen reading the store, the store computing a
//! KPI) fails here instead of being found by the next reader.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Each layer and the layers of this crate it must never name.
    const NEVER: &[(&str, &[&str])] = &[
        (
            "domain",
            &[
                "stats", "store", "formats", "demo", "app", "ui", "tui", "cli",
            ],
        ),
        (
            "stats",
            &["store", "formats", "demo", "app", "ui", "tui", "cli"],
        ),
        ("store", &["stats", "app", "ui", "tui", "cli"]),
        (
            "formats",
            &["stats", "store", "demo", "app", "ui", "tui", "cli"],
        ),
        ("demo", &["stats", "store", "app", "ui", "tui", "cli"]),
        ("app", &["ui", "tui", "cli"]),
        ("ui", &["store", "tui", "cli"]),
    ];

    fn sources(layer: &str) -> Vec<PathBuf> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = vec![src.join(format!("{layer}.rs"))];
        let mut dirs = vec![src.join(layer)];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        out.retain(|p| p.exists());
        out
    }

    /// `crate::<layer>` named in code (comments left out), with its line.
    fn named(text: &str, layer: &str) -> Vec<usize> {
        let needle = format!("crate::{layer}");
        text.lines()
            .enumerate()
            .filter(|(_, line)| {
                let code = line.split("//").next().unwrap_or("");
                code.match_indices(&needle).any(|(at, _)| {
                    let next = code[at + needle.len()..].chars().next();
                    !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
            .map(|(i, _)| i + 1)
            .collect()
    }

    #[test]
    fn every_layer_names_only_the_layers_it_may_use() {
        let mut wrong = Vec::new();
        for (layer, never) in NEVER {
            let files = sources(layer);
            assert!(!files.is_empty(), "no sources found for {layer}");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                for other in *never {
                    for line in named(&text, other) {
                        wrong.push(format!("{}:{line} names {other}", file.display()));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "imports against the layers:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn the_check_sees_a_name_in_code_and_not_in_a_comment() {
        let text = "use crate::store::Store;\n// crate::store in words\nlet x = crate::stats::share(1, 2);\nuse crate::storeroom;";
        assert_eq!(named(text, "store"), vec![1]);
        assert_eq!(named(text, "stats"), vec![3]);
    }
}
