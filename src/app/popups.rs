//! What stands over the tabs and asks for an answer: help, a confirmation, a picker, the
//! leaving question, the welcome and facts to read. Each tab names what its confirmations
//! and choices are about (`AgreementConfirm`, `CallOffPick`, ...); this routes the answer
//! back to the tab.

use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use crate::domain::AgreementId;

use super::agreements::{AgreementConfirm, AgreementPick};
use super::calloffs::{CallOffConfirm, CallOffPick};
use super::deviations::DeviationConfirm;
use super::form::FormTarget;
use super::keymap::{self, Act};
use super::meetings::{MeetingConfirm, MeetingPick};
use super::{App, Picker, competitions, sanctions, work};

/// Something to confirm before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Close the open form without saving what was typed.
    DiscardForm,
    Agreement(AgreementConfirm),
    CallOff(CallOffConfirm),
    Deviation(DeviationConfirm),
    Views(competitions::ViewsConfirm),
    Meeting(MeetingConfirm),
    Work(work::WorkConfirm),
    Sanction(sanctions::SanctionConfirm),
}

/// What choosing from a picker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Follow this agreement in the call-off, deviation, competition and purchase tabs.
    ChooseAgreement(Vec<AgreementId>),
    Agreement(AgreementPick),
    CallOff(CallOffPick),
    Views(competitions::ViewsPick),
    Work(work::WorkPick),
    Meeting(MeetingPick),
}

pub enum Popup {
    Help {
        scroll: u16,
    },
    Confirm {
        message: String,
        action: Confirm,
    },
    Picker(Picker),
    /// Ctrl-C over a form with unsaved changes: save, discard or keep typing.
    Leave {
        selected: usize,
    },
    Welcome,
    /// Facts to read, closed with any key (an action's origin meeting).
    Info {
        title: String,
        lines: Vec<String>,
    },
}

impl App {
    pub(in crate::app) fn popup_key(&mut self, key: KeyEvent) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        match popup {
            Popup::Help { scroll } => {
                let max = self.help_max_scroll.get();
                let scroll = scroll.min(max);
                // The keys scroll with any modifier held, as they always did.
                let scroll = match keymap::lookup(keymap::HELP, &unmodified(key)) {
                    Some(Act::Down) => scroll.saturating_add(1).min(max),
                    Some(Act::Up) => scroll.saturating_sub(1),
                    Some(Act::PageDown) => scroll.saturating_add(10).min(max),
                    Some(Act::PageUp) => scroll.saturating_sub(10),
                    Some(Act::Top) => 0,
                    Some(Act::Bottom) => max,
                    // Any other key closes it.
                    _ => return,
                };
                self.popup = Some(Popup::Help { scroll });
            }
            Popup::Welcome => match keymap::lookup(keymap::WELCOME, &unmodified(key)) {
                Some(Act::New) => self.open_form(FormTarget::Agreement(None), None),
                Some(Act::LoadDemo) => self.load_demo(),
                Some(Act::Quit) => self.quit = true,
                Some(_) => {}
                // Only the choices it names answer it, never a movement key.
                None => self.popup = Some(Popup::Welcome),
            },
            // Any key but a movement key closes it; it holds nothing to lose.
            Popup::Info { .. }
                if keymap::lookup(keymap::PICKER, &key)
                    .is_some_and(|a| matches!(a, Act::Up | Act::Down)) =>
            {
                self.popup = Some(popup)
            }
            Popup::Info { .. } => {}
            // The keys come from the keymap (which the footer shows): only an explicit
            // yes answers, so a movement key pressed out of habit leaves it standing.
            Popup::Confirm { message, action } => match keymap::lookup(keymap::CONFIRM, &key) {
                Some(Act::Open) => self.confirmed(action),
                // No: back to where the user was (a form stays as typed).
                Some(_) => {}
                None => self.popup = Some(Popup::Confirm { message, action }),
            },
            Popup::Leave { selected } => self.leave_key(selected, key),
            Popup::Picker(p) => self.picker_key(p, key),
        }
    }

    pub(in crate::app) fn confirmed(&mut self, action: Confirm) {
        match action {
            Confirm::DiscardForm => self.form = None,
            Confirm::Agreement(c) => self.agreement_confirmed(c),
            Confirm::CallOff(c) => self.calloff_confirmed(c),
            Confirm::Deviation(c) => self.deviation_confirmed(c),
            Confirm::Views(v) => self.views_confirmed(v),
            Confirm::Meeting(c) => self.meeting_confirmed(c),
            Confirm::Work(w) => self.work_confirmed(w),
            Confirm::Sanction(c) => self.sanction_confirmed(c),
        }
    }

    pub(in crate::app) fn picked(&mut self, p: Picker) {
        // Nothing shown (a filter that matches nothing): nothing chosen.
        let Some(i) = p.chosen() else {
            return;
        };
        match p.pick {
            Pick::ChooseAgreement(ids) => {
                if let Some(id) = ids.get(i) {
                    self.follow(*id);
                    self.load_calloffs();
                    self.load_work();
                }
            }
            Pick::Agreement(a) => self.agreement_picked(a, i),
            Pick::CallOff(c) => self.calloff_picked(c, i),
            Pick::Views(v) => self.views_picked(v, i),
            Pick::Work(w) => self.work_picked(w, i),
            Pick::Meeting(m) => self.meeting_picked(m, i),
        }
    }
}

/// The key without its modifiers: the help and the welcome answer to the key alone.
fn unmodified(key: KeyEvent) -> KeyEvent {
    KeyEvent::new(key.code, KeyModifiers::NONE)
}
