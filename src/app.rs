//! Application state and the update loop: key events become actions, actions change
//! state through the store, and `ui` renders the state. No terminal I/O here, so every
//! flow can be driven by a test.

pub mod actions;
pub mod agenda;
pub mod agreements;
pub mod backup;
pub mod calloffs;
pub mod checklist;
pub mod competitions;
pub mod demo;
pub mod deviations;
pub mod export;
pub mod followed;
pub mod followup;
pub mod form;
pub mod keymap;
pub mod leaving;
pub mod list_window;
pub mod meetings;
mod picker;
mod popups;
pub mod purchases;
pub mod sanctions;
pub mod spend;
pub mod statistics;
mod tab;
mod undo;
pub mod work;

pub use picker::Picker;
pub use popups::{Confirm, Pick, Popup};
pub use tab::Tab;
use undo::Undo;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::{Date, PrimitiveDateTime};

use crate::domain::agenda::AgendaItem;
use crate::domain::{Agreement, AgreementId};
use crate::i18n::{Catalog, Lang};
use crate::store::Store;

use agreements::{RegisterState, Section, step};
use form::Form;
use keymap::{Act, Binding};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub store: Store,
    pub cat: &'static Catalog,
    /// "Now" and "today", injected so that overdue colouring and deadlines are testable.
    pub now: PrimitiveDateTime,
    pub today: Date,
    pub tab: Tab,
    /// The whole register, in id order; reloaded after every change.
    pub agreements: Vec<Agreement>,
    pub register: RegisterState,
    /// The agreement the per-agreement tabs follow (`followed`).
    pub followed: Option<AgreementId>,
    pub calloffs: calloffs::CallOffsState,
    pub deviations: deviations::DeviationsState,
    pub competitions: competitions::CompetitionsState,
    pub purchases: purchases::PurchasesState,
    pub meetings: meetings::MeetingsState,
    /// The live minutes editor, full screen over the tabs while open.
    pub minutes: Option<meetings::minutes::MinutesEditor>,
    /// The Actions, Implementation and Follow-up plan tabs.
    pub work: work::WorkState,
    pub sanctions: sanctions::SanctionsState,
    pub spend: spend::SpendState,
    /// The Statistics tab: period, view and what was computed for them.
    pub statistics: statistics::StatisticsState,
    pub agenda: Vec<AgendaItem>,
    pub agenda_selected: usize,
    /// Agreements whose answers awaited are shown one by one under their group row.
    pub agenda_expanded: std::collections::BTreeSet<AgreementId>,
    pub popup: Option<Popup>,
    /// The open form, under any confirmation popup about it.
    pub form: Option<Form>,
    /// A form kept from an earlier run, filled in when the same form is opened again.
    pub draft: Option<crate::store::FormDraft>,
    pub status: Option<Status>,
    /// A backup being written on another thread (daily copy or Ctrl-B).
    pub backup_job: Option<backup::BackupJob>,
    undo: Vec<undo::Undo>,
    pub quit: bool,
    /// Rows a page moves: the renderer records the list's height here.
    pub page: std::cell::Cell<usize>,
    /// How far the help can scroll: the renderer records it, so a scroll never runs past.
    pub help_max_scroll: std::cell::Cell<u16>,
    /// The call-offs being read in the background since opening (see `calloffs::load`).
    preload: Option<calloffs::load::Preload>,
}

impl App {
    pub fn new(store: Store, lang: Lang, now: PrimitiveDateTime) -> App {
        let today = now.date();
        let mut app = App {
            store,
            cat: Catalog::get(lang),
            now,
            today,
            tab: Tab::Agenda,
            agreements: Vec::new(),
            register: RegisterState::default(),
            followed: None,
            calloffs: calloffs::CallOffsState::default(),
            deviations: deviations::DeviationsState::default(),
            competitions: Default::default(),
            purchases: Default::default(),
            meetings: meetings::MeetingsState::default(),
            minutes: None,
            work: Default::default(),
            sanctions: Default::default(),
            spend: Default::default(),
            statistics: Default::default(),
            agenda: Vec::new(),
            agenda_selected: 0,
            agenda_expanded: std::collections::BTreeSet::new(),
            popup: None,
            form: None,
            draft: None,
            status: None,
            backup_job: None,
            undo: Vec::new(),
            quit: false,
            page: std::cell::Cell::new(10),
            help_max_scroll: std::cell::Cell::new(u16::MAX),
            preload: None,
        };
        app.reload(None);
        app.sync_penalties();
        if !app.tab.follows_agreement() {
            app.preload_calloffs();
        }
        if app.agreements.is_empty() {
            app.popup = Some(Popup::Welcome);
        }
        app.offer_draft();
        app
    }

    /// Time moves on: deadlines pass and, on a new day, the agenda is counted again.
    pub fn set_now(&mut self, now: PrimitiveDateTime) {
        self.now = now;
        if now.date() != self.today {
            self.today = now.date();
            self.refresh_agenda();
            self.sync_penalties();
        }
    }

    /// Reads the register again after a change, keeping the selection on `keep`.
    fn reload(&mut self, keep: Option<AgreementId>) {
        match self.store.agreements() {
            Ok(list) => self.agreements = list,
            Err(e) => self.store_failed(&e),
        }
        self.register.invalidate();
        self.register.refresh(&self.agreements, keep);
        if let Some(d) = &self.register.detail
            && !self.agreements.iter().any(|a| a.id == d.id)
        {
            self.register.detail = None;
        }
        if self.followed.is_some_and(|id| self.agreement(id).is_none()) {
            self.followed = None;
        }
        self.refresh_agenda();
        if self.tab.follows_agreement() {
            self.load_calloffs();
        }
    }

    pub(crate) fn info(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub(crate) fn error(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// Whether the register may only be read: the screens say so.
    pub fn read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// A failed store call, said in the status line in the user's words: the one way every
    /// tab reports one.
    pub(crate) fn store_failed(&mut self, e: &crate::store::StoreError) {
        self.error(e.message(self.cat));
    }

    pub fn agreement(&self, id: AgreementId) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }

    pub fn selected_agreement(&self) -> Option<&Agreement> {
        self.register.selected_index().map(|i| &self.agreements[i])
    }

    pub fn detail_agreement(&self) -> Option<&Agreement> {
        self.register
            .detail
            .as_ref()
            .and_then(|d| self.agreement(d.id))
    }

    /// The bindings that work where the user is now (footer and dispatch).
    pub fn bindings(&self) -> &'static [Binding] {
        if self.form.is_some() {
            return keymap::FORM;
        }
        if self.minutes.is_some() {
            return keymap::MINUTES;
        }
        match self.tab {
            Tab::Agenda if self.agreements.is_empty() => keymap::AGENDA_EMPTY,
            Tab::Agenda => keymap::AGENDA,
            Tab::CallOffs if self.calloffs.filtering => keymap::FILTER,
            Tab::CallOffs if self.calloffs.detail.is_some() => keymap::CALLOFF_DETAIL,
            Tab::CallOffs => keymap::CALLOFFS,
            Tab::Deviations => keymap::DEVIATIONS,
            Tab::Competitions => self.competitions.bindings(),
            Tab::Purchases => self.purchases.bindings(),
            Tab::Meetings if self.meetings.open.is_some() => keymap::MEETING_DETAIL,
            Tab::Meetings => keymap::MEETINGS,
            Tab::Actions | Tab::Checklist | Tab::FollowUp => self.work_bindings(),
            Tab::Sanctions => self.sanction_bindings(),
            Tab::Spend => self.spend.bindings(),
            Tab::Statistics => self.statistics_bindings(),
            Tab::Agreements => match &self.register.detail {
                None if self.register.filtering => keymap::FILTER,
                None if self.agreements.is_empty() => keymap::EMPTY_REGISTER,
                None => keymap::REGISTER,
                Some(d) => match d.section {
                    Section::Overview => keymap::DETAIL_OVERVIEW,
                    Section::Lots => keymap::DETAIL_LOTS,
                    Section::Suppliers => keymap::DETAIL_SUPPLIERS,
                    _ => keymap::DETAIL_ITEMS,
                },
            },
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        let had_form = self.form.is_some();
        let had_minutes = self.minutes.is_some();
        self.key(key);
        // A register opened read-only is read, never edited: a form or editor that would
        // write is not opened at all (rather than typed into and then refused).
        if self.read_only() {
            let writing_form = self.form.as_ref().is_some_and(|f| f.target.writes());
            if (!had_form && writing_form) || (!had_minutes && self.minutes.is_some()) {
                self.form = None;
                self.minutes = None;
                self.error(self.cat.t("ui.read_only.refused").to_string());
            }
        }
        if !had_form && self.form.is_some() {
            self.fill_from_draft();
        }
        // The lists' rows are read here, after the key, never while drawing.
        self.sync_calloff_window();
        self.sync_competition_window();
    }

    fn key(&mut self, key: KeyEvent) {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            self.ctrl_c();
            return;
        }
        if self.popup.is_some() {
            self.popup_key(key);
            return;
        }
        if self.form.is_some() {
            self.form_key(key);
            return;
        }
        if self.minutes.is_some() {
            self.status = None;
            self.minutes_key(key);
            return;
        }
        if self.tab == Tab::Agreements && self.register.filtering && self.register.detail.is_none()
        {
            self.filter_key(key);
            return;
        }
        if self.tab == Tab::CallOffs && self.calloffs.filtering {
            self.calloff_filter_key(key);
            return;
        }
        self.status = None;
        let act =
            keymap::lookup(self.bindings(), &key).or_else(|| keymap::lookup(keymap::GLOBAL, &key));
        if let Some(act) = act {
            self.act(act);
        }
    }

    fn act(&mut self, act: Act) {
        match act {
            Act::Quit => self.quit = true,
            // At the section of the keys that work here.
            Act::Help => {
                self.popup = Some(Popup::Help {
                    scroll: keymap::help_line_of(self.bindings()),
                })
            }
            Act::NextTab => self.switch_tab(1),
            Act::PrevTab => self.switch_tab(-1),
            Act::GotoTab(i) => {
                if let Some(t) = Tab::ALL.get(i) {
                    self.show_tab(*t);
                }
            }
            Act::Undo => self.undo(),
            Act::Companion => {
                if let Some(other) = self.tab.companion() {
                    self.show_tab(other);
                }
            }
            Act::LoadDemo => self.load_demo(),
            Act::BackupNow => self.backup_now(),
            _ => match self.tab {
                Tab::Agenda => self.agenda_act(act),
                Tab::Agreements => match self.register.detail.clone() {
                    None => self.list_act(act),
                    Some(d) => self.detail_act(act, d),
                },
                Tab::CallOffs => match self.calloffs.detail.is_some() {
                    false => self.calloffs_act(act),
                    true => self.calloff_detail_act(act),
                },
                Tab::Deviations => self.deviations_act(act),
                Tab::Competitions => self.competitions_act(act),
                Tab::Purchases => self.purchases_act(act),
                Tab::Meetings if self.meetings.open.is_some() => self.meeting_detail_act(act),
                Tab::Meetings => self.meetings_act(act),
                Tab::Actions | Tab::Checklist | Tab::FollowUp => self.work_act(act),
                Tab::Sanctions => self.sanctions_act(act),
                Tab::Spend => self.spend_act(act),
                Tab::Statistics => self.statistics_act(act),
            },
        }
    }

    /// Switches tab; the tabs that follow an agreement load its call-offs when shown.
    pub fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
        if tab.follows_agreement() {
            self.ensure_calloffs();
        }
        self.load_work();
    }

    fn switch_tab(&mut self, delta: isize) {
        let i = Tab::ALL
            .iter()
            .position(|t| *t == self.tab.slot())
            .unwrap_or(0) as isize;
        let n = Tab::ALL.len() as isize;
        self.show_tab(Tab::ALL[((i + delta).rem_euclid(n)) as usize]);
    }

    fn moved(&self, selected: usize, len: usize, act: Act) -> Option<usize> {
        let page = self.page.get().max(1) as isize;
        Some(match act {
            Act::Up => step(selected, len, -1),
            Act::Down => step(selected, len, 1),
            Act::PageUp => step(selected, len, -page),
            Act::PageDown => step(selected, len, page),
            Act::Top => 0,
            Act::Bottom => len.saturating_sub(1),
            _ => return None,
        })
    }
}
