//! Pickers (choose an agreement, a supplier, a lot...): a list in a popup that filters as
//! the user types, so a register of 700 agreements is two or three keys away. Until the
//! first letter is typed, j/k/g/G move as everywhere; after it, every letter filters.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{self, Act};
use super::{App, Pick, Popup};

pub struct Picker {
    pub title: String,
    /// What each option is called, in the order of the values in `pick`.
    pub options: Vec<String>,
    /// Position in `visible` of the highlighted option.
    pub selected: usize,
    pub pick: Pick,
    /// What has been typed; options holding it (case aside) are shown.
    pub filter: String,
    /// Positions in `options` of the options shown, in order.
    pub visible: Vec<usize>,
    /// Lower-cased options, made once: filtering 700 names per key stays instant.
    lowered: Vec<String>,
}

impl Picker {
    /// A picker showing every option, `selected` (a position in `options`) highlighted.
    pub fn new(title: String, options: Vec<String>, selected: usize, pick: Pick) -> Picker {
        let lowered = options.iter().map(|o| o.to_lowercase()).collect();
        let visible = (0..options.len()).collect();
        Picker {
            title,
            options,
            selected,
            pick,
            filter: String::new(),
            visible,
            lowered,
        }
    }

    /// The position in `options` of the highlighted option, if any is shown.
    pub fn chosen(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Shows the options holding the filter, keeping the highlighted one where it stays.
    fn refilter(&mut self) {
        let before = self.chosen();
        let needle = self.filter.to_lowercase();
        self.visible = (0..self.options.len())
            .filter(|&i| self.lowered[i].contains(&needle))
            .collect();
        self.selected = before
            .and_then(|b| self.visible.iter().position(|&i| i == b))
            .unwrap_or(0);
    }

    fn step(&mut self, delta: isize) {
        let len = self.visible.len();
        if len > 0 {
            self.selected = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        }
    }
}

impl App {
    /// A key in an open picker.
    pub(super) fn picker_key(&mut self, mut p: Picker, key: KeyEvent) {
        let page = self.page.get().max(1) as isize;
        let typed = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
            _ => None,
        };
        // Movement letters move until something is typed; then they are letters.
        let act = match typed {
            Some(_) if !p.filter.is_empty() => None,
            _ => keymap::lookup(keymap::PICKER, &key),
        };
        match (act, typed, key.code) {
            (Some(Act::Down), ..) => p.step(1),
            (Some(Act::Up), ..) => p.step(-1),
            (Some(Act::PageDown), ..) => p.step(page),
            (Some(Act::PageUp), ..) => p.step(-page),
            (Some(Act::Top), ..) => p.selected = 0,
            (Some(Act::Bottom), ..) => p.selected = p.visible.len().saturating_sub(1),
            (Some(Act::Open), ..) => return self.picked(p),
            (Some(Act::Back), ..) => return,
            (_, _, KeyCode::Backspace) => {
                p.filter.pop();
                p.refilter();
            }
            (_, Some(c), _) => {
                p.filter.push(c);
                p.refilter();
            }
            _ => {}
        }
        self.popup = Some(Popup::Picker(p));
    }
}
