//! The `?` help and the keys that messages name (issue 13): help opens at the section of
//! the keys that work where the user is, every context has a section, each key is named
//! once per section, and every key a message on screen names is bound right there. All of
//! it is derived from the keymap tables, never from a hand-written list.

use crate::common;

use avtal::app::keymap::{self, Binding, all_groups, help_entries, help_label, same_list};
use avtal::app::{App, Popup};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// The demo register (meetings, checklist, follow-up plan, call-offs) in a fresh app.
fn demo_app(lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    avtal::app::demo::load_demo(&store, NOW, 60).unwrap();
    let mut app = App::new(store, lang, NOW);
    app.popup = None;
    (dir, app)
}

/// Where the user can be: each tab, its detail, its sections, its companion, a new form.
const WALKS: &[&str] = &[
    "1",
    "1⏎",
    "2",
    "2⏎",
    "2⏎→",
    "2⏎→→",
    "2⏎→→→",
    "2⏎→→→→",
    "2⏎→→→→→",
    "2⏎e",
    "2n",
    "3",
    "3⏎",
    "3⏎e",
    "3n",
    "4",
    "4⏎",
    "4n",
    "4→",
    "4→→",
    "4→v",
    "4→vv",
    "4→⏎",
    "5",
    "5⏎",
    "5⏎→",
    "5⏎→→",
    "5⏎→→→",
    "5⏎→→→→",
    "5⏎→→→→→",
    "6",
    "6⏎",
    "6→",
    "7",
    "7⏎",
    "7m",
    "7n",
    "7⏎n",
    "8",
    "8a",
    "8f",
    "9",
    "9→",
    "9→n",
    "0",
    "0⏎",
    "0→",
    "0→→",
    "0→→→",
];

fn walk(app: &mut App, keys_: &str) {
    for _ in 0..4 {
        press(app, KeyCode::Esc);
        if matches!(app.popup, Some(Popup::Confirm { .. })) {
            keys(app, "y");
        }
    }
    for c in keys_.chars() {
        match c {
            '⏎' => press(app, KeyCode::Enter),
            '→' => press(app, KeyCode::Right),
            c => keys(app, &c.to_string()),
        }
    }
}

/// The bindings that work now: the popup's, or the place's and the global ones.
fn working(app: &mut App) -> Vec<&'static [Binding]> {
    let mut out: Vec<&'static [Binding]> = Vec::new();
    match &app.popup {
        Some(Popup::Confirm { .. }) => out.push(keymap::CONFIRM),
        Some(Popup::Picker(_)) => out.push(keymap::PICKER),
        Some(Popup::Leave { .. }) => out.push(keymap::LEAVE),
        _ => {}
    }
    // A confirmation's "you can undo with u" speaks of the list under it, and a form's
    // popup leaves the tab's message readable around it.
    out.push(app.bindings());
    if app.form.is_some() {
        out.push(under_form(app));
    }
    out.push(keymap::GLOBAL);
    out
}

/// The keys of the place under an open form (`bindings` answers for the form).
fn under_form(app: &mut App) -> &'static [Binding] {
    let form = app.form.take();
    let under = app.bindings();
    app.form = form;
    under
}

fn heading_of(bindings: &[Binding]) -> Option<&'static str> {
    all_groups()
        .into_iter()
        .find(|(_, g)| same_list(g, bindings))
        .map(|(h, _)| h)
}

#[test]
fn every_place_has_a_help_section_and_help_opens_there() {
    for lang in [Lang::Sv, Lang::En] {
        let (_d, mut app) = demo_app(lang);
        for w in WALKS {
            walk(&mut app, w);
            if app.popup.is_some() {
                continue;
            }
            let heading = heading_of(app.bindings()).unwrap_or_else(|| {
                panic!("after {w:?} ({:?}): keys with no help section", app.tab)
            });
            if app.form.is_some() || app.minutes.is_some() {
                continue; // `?` is typed text there
            }
            keys(&mut app, "?");
            assert!(matches!(app.popup, Some(Popup::Help { .. })), "after {w:?}");
            let text = screen(&app, 100, 40);
            let first = text.lines().nth(2).unwrap_or_default();
            assert!(
                first.contains(app.cat.t(heading)),
                "after {w:?}, help should open at {heading:?}:\n{text}"
            );
            press(&mut app, KeyCode::Esc);
            assert!(app.popup.is_none());
        }
    }
}

#[test]
fn help_scrolls_from_where_it_opened_and_back_to_the_top() {
    let (_d, mut app) = demo_app(Lang::Sv);
    keys(&mut app, "0?");
    let text = screen(&app, 100, 40);
    assert!(text.lines().nth(2).unwrap().contains("Statistik"), "{text}");
    keys(&mut app, "g");
    let text = screen(&app, 100, 40);
    assert!(
        text.lines().nth(2).unwrap().contains("Tangenterna nedan"),
        "{text}"
    );
    // Scrolling down never runs past the end: one k from the end moves the text.
    keys(&mut app, "G");
    let end = screen(&app, 100, 40);
    keys(&mut app, "k");
    assert_ne!(screen(&app, 100, 40), end);
}

#[test]
fn each_key_is_named_once_per_section_and_every_binding_has_its_entry() {
    let groups = all_groups();
    let mut headings: Vec<&str> = groups.iter().map(|(h, _)| *h).collect();
    headings.sort();
    let n = headings.len();
    headings.dedup();
    assert_eq!(headings.len(), n, "a help heading used twice");
    for (heading, bindings) in groups {
        let entries = help_entries(bindings);
        let mut named: Vec<String> = Vec::new();
        for (label, _) in &entries {
            for key in label.split('/').filter(|k| !k.is_empty()) {
                assert!(
                    !named.contains(&key.to_string()),
                    "{heading}: {key} named twice in {entries:?}"
                );
                named.push(key.to_string());
            }
        }
        for b in bindings {
            assert!(
                entries.contains(&(help_label(b), b.desc)),
                "{heading}: {} missing",
                b.label
            );
        }
    }
}

/// A key as messages write it, when `word` is one: a letter, `Ctrl-X`, Esc, Enter, Tab.
fn key_word(word: &str) -> Option<(KeyCode, bool)> {
    let w = word.trim_end_matches(['.', ',', ':', ';', ')']);
    let w = w.trim_start_matches('(');
    if let Some(c) = w.strip_prefix("Ctrl-") {
        let mut chars = c.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Some((KeyCode::Char(c.to_ascii_lowercase()), true)),
            _ => None,
        };
    }
    match w {
        "Esc" => Some((KeyCode::Esc, false)),
        "Enter" => Some((KeyCode::Enter, false)),
        "Tab" => Some((KeyCode::Tab, false)),
        _ => {
            let mut chars = w.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some((KeyCode::Char(c), false)),
                _ => None,
            }
        }
    }
}

/// The keys a text names: "tryck n", "press n", "med u.", "or D to", "n öppnar", "(u ångrar)".
fn named_keys(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| "│─╭╮╰╯┌┐└┘▸\"".contains(c)))
        .collect();
    let before = ["tryck", "press", "med", "with", "eller", "or", "och", "and"];
    let after = ["för", "to", "for"];
    let verbs = [
        "öppnar", "opens", "byter", "switches", "väljer", "chooses", "ångrar", "undoes",
    ];
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if key_word(w).is_none() {
            continue;
        }
        let prev = i
            .checked_sub(1)
            .map(|p| words[p].to_lowercase())
            .unwrap_or_default();
        let next = words.get(i + 1).copied().unwrap_or_default();
        let punctuated = w.ends_with(['.', ',', ':', ';', ')']);
        let lead = before.contains(&prev.as_str()) && (punctuated || after.contains(&next));
        let verb = verbs.contains(&next.trim_end_matches([')', '.', ',']));
        if lead || verb {
            out.push(w.to_string());
        }
    }
    out
}

fn bound(app: &mut App, word: &str) -> bool {
    let Some((code, ctrl)) = key_word(word) else {
        return true;
    };
    working(app).iter().any(|list| {
        list.iter().any(|b| {
            if b.keys.is_empty() {
                help_label(b).split('/').any(|k| {
                    key_word(k) == Some((code, ctrl)) || k == word.trim_end_matches(['.', ','])
                })
            } else {
                b.ctrl == ctrl && b.keys.contains(&code)
            }
        })
    })
}

#[test]
fn the_words_finder_finds_what_messages_say() {
    assert_eq!(named_keys("Raderat: X. Tryck u för att ångra."), ["u"]);
    assert_eq!(
        named_keys("Press n to create one, or D to load"),
        ["n", "D"]
    );
    assert_eq!(
        named_keys("spara med Ctrl-S, eller Esc för att"),
        ["Ctrl-S,", "Esc"]
    );
    assert_eq!(named_keys("n öppnar ett: först dialog"), ["n"]);
    assert_eq!(
        named_keys("läs in en fil med avtal import"),
        Vec::<String>::new()
    );
}

#[test]
fn every_key_a_message_names_is_bound_where_it_shows() {
    for lang in [Lang::Sv, Lang::En] {
        // Empty places say the most about keys: an empty register, a fresh agreement.
        let (_d, mut empty) = app_with(&[], lang);
        let (_e, mut fixture) = app_with(&fixture_register(), lang);
        let (_f, mut demo) = demo_app(lang);
        let mut wrong = Vec::new();
        for app in [&mut empty, &mut fixture, &mut demo] {
            for w in WALKS {
                walk(app, w);
                let text = screen(app, 80, 24);
                for key in named_keys(&text) {
                    if !bound(app, &key) {
                        wrong.push(format!(
                            "after {w:?}: {key} is named but not bound:\n{text}"
                        ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
    // Status lines after a change: "Tryck u för att ångra" where u undoes.
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    keys(&mut app, "2dy");
    let status = app.status.clone().unwrap().text;
    assert!(!named_keys(&status).is_empty(), "{status}");
    for key in named_keys(&status) {
        assert!(bound(&mut app, &key), "{status}");
    }
}

#[test]
fn a_cut_footer_keeps_the_first_keys_whole_and_says_more_exist() {
    for (lang, help, all_keys) in [
        (Lang::Sv, "? hjälp", "? alla tangenter"),
        (Lang::En, "? help", "? all keys"),
    ] {
        let (_d, mut app) = demo_app(lang);
        let mut cut_somewhere = false;
        for w in WALKS {
            walk(&mut app, w);
            if app.popup.is_some() || app.form.is_some() || app.minutes.is_some() {
                continue;
            }
            let text = screen(&app, 80, 24);
            let footer = text
                .lines()
                .last()
                .unwrap()
                .trim_matches('"')
                .trim()
                .to_string();
            let hints: Vec<String> = app
                .bindings()
                .iter()
                .filter(|b| b.in_footer)
                .map(|b| format!("{} {}", b.label, app.cat.t(b.desc)))
                .collect();
            if let Some(shown) = footer.strip_suffix(all_keys) {
                cut_somewhere = true;
                let shown = shown.trim_end();
                let k = shown.split("  ").count();
                assert!(k >= 3, "after {w:?}: too few keys kept: {footer:?}");
                assert_eq!(shown, hints[..k].join("  "), "after {w:?}");
            } else {
                assert_eq!(
                    footer,
                    format!("{}  {help}", hints.join("  ")),
                    "after {w:?}"
                );
            }
        }
        assert!(cut_somewhere, "no footer was cut at 80 columns");
    }
    // In a form `?` is text: no help is promised, and saving comes first.
    let (_d, mut app) = app_with(&fixture_register(), Lang::Sv);
    keys(&mut app, "2n");
    let text = screen(&app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(
        footer.starts_with("\" Ctrl-S spara  Esc avbryt"),
        "{footer}"
    );
    assert!(!footer.contains('?'), "{footer}");
}
