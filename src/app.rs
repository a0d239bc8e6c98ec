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
pub mod followup;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod leaving;
pub mod meetings;
mod picker;
pub mod purchases;
pub mod sanctions;
pub mod statistics;
pub mod work;
pub use picker::Picker;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::{Date, PrimitiveDateTime};

use crate::domain::agenda::AgendaItem;
use crate::domain::agenda::{AgendaKind, AgendaLink};
use crate::domain::calloff::{CallOff, Request};
use crate::domain::deviation::{DeviationId, ManualDeviation};
use crate::domain::meeting::{Action, ActionId, Meeting, MeetingId, ProposedMeeting};
use crate::domain::{Agreement, AgreementId, OrgNumber};
use crate::i18n::{Catalog, Lang};
use crate::store::Store;
use crate::store::request_key;
use crate::tr;

use agreements::{Detail, RegisterState, Row, Section, rows, step};
use form::{Form, FormOutcome, FormTarget};
use keymap::{Act, Binding};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Agenda,
    Agreements,
    CallOffs,
    Deviations,
    Competitions,
    Purchases,
    Meetings,
    Actions,
    Checklist,
    FollowUp,
    /// Penalties, damages and termination: the Deviations tab's companion.
    Sanctions,
    Statistics,
}

impl Tab {
    /// The tab bar, in digit order. A companion tab (see [`Tab::slot`]) shares its
    /// place with the tab it belongs to and is reached from it with ←/→.
    pub const ALL: [Tab; 10] = [
        Tab::Agenda,
        Tab::Agreements,
        Tab::CallOffs,
        Tab::Deviations,
        Tab::Competitions,
        Tab::Purchases,
        Tab::Meetings,
        Tab::Actions,
        Tab::Checklist,
        Tab::Statistics,
    ];

    /// The place in the tab bar: the follow-up plan sits with the implementation
    /// checklist (both are the agreement's plans for its first years).
    pub fn slot(self) -> Tab {
        match self {
            Tab::FollowUp => Tab::Checklist,
            // Sanctions follow from deviations: they share tab 4.
            Tab::Sanctions => Tab::Deviations,
            other => other,
        }
    }

    /// The other tab sharing this one's place, if any.
    pub fn companion(self) -> Option<Tab> {
        match self {
            Tab::Checklist => Some(Tab::FollowUp),
            Tab::FollowUp => Some(Tab::Checklist),
            Tab::Deviations => Some(Tab::Sanctions),
            Tab::Sanctions => Some(Tab::Deviations),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Agenda => "ui.tab.agenda",
            Tab::Agreements => "ui.tab.agreements",
            Tab::CallOffs => "ui.tab.calloffs",
            Tab::Deviations => "ui.tab.deviations",
            Tab::Competitions => "ui.tab.competitions",
            Tab::Purchases => "ui.tab.purchases",
            Tab::Meetings => "ui.tab.meetings",
            Tab::Actions => "ui.tab.actions",
            Tab::Checklist => "ui.tab.checklist",
            Tab::FollowUp => "ui.tab.followup",
            Tab::Sanctions => "ui.tab.sanctions",
            Tab::Statistics => "ui.tab.statistics",
        }
    }

    /// Tabs that show one agreement at a time: the one the user follows.
    pub fn follows_agreement(self) -> bool {
        matches!(
            self,
            Tab::CallOffs
                | Tab::Deviations
                | Tab::Competitions
                | Tab::Purchases
                | Tab::Meetings
                | Tab::Actions
                | Tab::Checklist
                | Tab::FollowUp
                | Tab::Sanctions
                | Tab::Statistics
        )
    }
}

/// Something to confirm before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteAgreement(AgreementId),
    DeleteRow(AgreementId, Row),
    DiscardForm,
    /// Call-off `reference` of the agreement.
    DeleteCallOff(AgreementId, String),
    DeleteRequest(Request),
    DeleteDeviation(DeviationId),
    Views(competitions::ViewsConfirm),
    DeleteMeeting(MeetingId),
    DeleteAction(ActionId),
    /// Add these proposed meetings (with this supplier) to the followed agreement.
    AddSchedule(Vec<ProposedMeeting>, Option<OrgNumber>),
    Work(work::WorkConfirm),
    Sanction(sanctions::SanctionConfirm),
}

/// What choosing from a picker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Add one of these suppliers to the ranking of lot `lot` of the open agreement.
    AddRanked {
        lot: usize,
        suppliers: Vec<OrgNumber>,
    },
    /// Show call-offs of this supplier only (None: all).
    FilterSupplier(Vec<Option<OrgNumber>>),
    /// Show call-offs of this lot only (None: all).
    FilterLot(Vec<Option<String>>),
    /// Follow this agreement in the call-off, deviation, competition and purchase tabs.
    ChooseAgreement(Vec<AgreementId>),
    Views(competitions::ViewsPick),
    Work(work::WorkPick),
    Meeting(meetings::MeetingPick),
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// How to take back the last change.
#[derive(Debug, Clone)]
enum Undo {
    /// Put back an agreement that was deleted.
    Restore(Agreement),
    /// Set an agreement back to how it was.
    Revert(Agreement),
    /// Remove an agreement that was created.
    Remove(AgreementId),
    /// Set a call-off back (None: it was new, remove it).
    CallOffRevert {
        before: Option<CallOff>,
        agreement: AgreementId,
        reference: String,
    },
    /// Put back a deleted call-off with its requests.
    CallOffRestore(CallOff, Vec<Request>),
    /// Set a request back (None: it was new, remove `after`).
    RequestRevert {
        before: Option<Request>,
        after: Request,
    },
    RequestRestore(Request),
    DeviationRevert {
        before: Option<ManualDeviation>,
        id: DeviationId,
    },
    DeviationRestore(ManualDeviation),
    Views(competitions::undo::ViewsUndo),
    /// Set a meeting back (None: it was new, remove it).
    MeetingRevert {
        before: Option<Meeting>,
        id: MeetingId,
    },
    MeetingRestore(Meeting, Vec<Action>),
    /// Remove the meetings a proposed schedule added.
    MeetingsRemove(Vec<MeetingId>),
    ActionRevert {
        before: Option<Action>,
        id: ActionId,
    },
    ActionRestore(Action),
    Work(work::undo::WorkUndo),
    Sanction(sanctions::undo::SanctionUndo),
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
    /// The agreement the call-off and deviation tabs follow.
    pub current: Option<AgreementId>,
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
    undo: Vec<Undo>,
    pub quit: bool,
    /// Rows a page moves: the renderer records the list's height here.
    pub page: std::cell::Cell<usize>,
    /// How far the help can scroll: the renderer records it, so a scroll never runs past.
    pub help_max_scroll: std::cell::Cell<u16>,
    /// The call-offs being read in the background since opening (see `calloff_load`).
    preload: Option<calloffs::load::Preload>,
}

const UNDO_DEPTH: usize = 50;

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
            current: None,
            calloffs: calloffs::CallOffsState::default(),
            deviations: deviations::DeviationsState::default(),
            competitions: Default::default(),
            purchases: Default::default(),
            meetings: meetings::MeetingsState::default(),
            minutes: None,
            work: Default::default(),
            sanctions: Default::default(),
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
        if self.current.is_some_and(|id| self.agreement(id).is_none()) {
            self.current = None;
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

    fn agenda_act(&mut self, act: Act) {
        if act == Act::New {
            return self.open_form(FormTarget::Agreement(None), None);
        }
        if let Some(s) = self.moved(self.agenda_selected, self.agenda.len(), act) {
            self.agenda_selected = s;
            return;
        }
        let Some(item) = self.agenda.get(self.agenda_selected).cloned() else {
            return;
        };
        if act != Act::Open {
            return;
        }
        let id = item.agreement;
        // Opening an item of another agreement changes what the per-agreement tabs
        // follow: say so, or the next tab switch would surprise.
        if self.current != Some(id) && item.link != AgendaLink::Group {
            self.info(tr!(
                self.cat,
                "ui.agenda.now_following",
                reference = item.reference,
                name = item.name
            ));
        }
        let section = match (&item.link, item.kind) {
            (AgendaLink::Group, _) => {
                if !self.agenda_expanded.remove(&id) {
                    self.agenda_expanded.insert(id);
                }
                self.refresh_agenda();
                // Stay on the group row, wherever the rebuild put it.
                if let Some(at) = self
                    .agenda
                    .iter()
                    .position(|i| i.group.is_some() && i.agreement == id)
                {
                    self.agenda_selected = at;
                }
                return;
            }
            (AgendaLink::CallOff(reference), _) => {
                self.follow(id);
                self.show_tab(Tab::CallOffs);
                self.open_calloff(reference);
                return;
            }
            (AgendaLink::Meeting(meeting), _) => {
                self.follow(id);
                self.show_tab(Tab::Meetings);
                self.open_meeting_detail(*meeting);
                return;
            }
            (AgendaLink::Sanctions, kind) => {
                self.follow(id);
                self.open_sanctions(sanctions::Part::for_agenda(kind));
                return;
            }
            (AgendaLink::Deviations, _) => {
                self.follow(id);
                self.show_tab(Tab::Deviations);
                return;
            }
            (AgendaLink::Checklist, _) => {
                self.follow(id);
                self.show_tab(Tab::Checklist);
                return;
            }
            (AgendaLink::FollowUp, _) => {
                self.follow(id);
                self.show_tab(Tab::FollowUp);
                return;
            }
            (AgendaLink::Agreement, AgendaKind::ExtensionNotice) => Section::Options,
            (AgendaLink::Agreement, _) => Section::Overview,
        };
        self.follow(id);
        self.tab = Tab::Agreements;
        self.register.refresh(&self.agreements, Some(id));
        self.register.detail = Some(Detail {
            id,
            section,
            selected: 0,
        });
    }

    fn open_form(&mut self, target: FormTarget, id: Option<AgreementId>) {
        let a = id.and_then(|id| self.agreement(id));
        self.form = Some(forms::build(self.cat, target, a));
    }

    fn form_key(&mut self, key: KeyEvent) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        match form.handle_key(key, self.cat) {
            FormOutcome::Continue => {}
            FormOutcome::Cancel => {
                if form.changed {
                    self.popup = Some(Popup::Confirm {
                        message: self.cat.t("ui.confirm.discard").to_string(),
                        action: Confirm::DiscardForm,
                    });
                } else {
                    self.form = None;
                }
            }
            FormOutcome::Submit => self.submit_form(),
        }
    }

    /// Saves a valid form in one transaction; a refused save keeps the form open as typed.
    fn submit_form(&mut self) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        if !form.validate_all(self.cat) {
            form.message = Some(self.cat.t("ui.form.fix_errors").to_string());
            self.form = Some(form);
            return;
        }
        match form.target {
            FormTarget::CallOff(_) => return self.submit_calloff(form),
            FormTarget::Request { .. } => return self.submit_request(form),
            FormTarget::Deviation(_) => return self.submit_deviation(form),
            FormTarget::Competition(_) => return self.submit_competition(form),
            FormTarget::Purchase(_) => return self.submit_purchase(form),
            FormTarget::Meeting(_) => return self.submit_meeting(form),
            FormTarget::Schedule => return self.submit_schedule(form),
            FormTarget::ActionFromMinutes(_) => return self.submit_action_from_minutes(form),
            FormTarget::MeetingAction(_) => return self.submit_meeting_action(form),
            FormTarget::Work(_) => return self.submit_work(form),
            FormTarget::Sanction(ref t) => {
                let t = t.clone();
                return self.submit_sanction(form, t);
            }
            FormTarget::StatsPeriod => return self.submit_stats_period(form),
            _ => {}
        }
        let (before, mut after) = match form.target {
            FormTarget::Agreement(None) => {
                let today = self.today;
                (None, Agreement::new("", "", today, today))
            }
            _ => match self
                .register
                .detail
                .as_ref()
                .map(|d| d.id)
                .or(match form.target {
                    FormTarget::Agreement(id) => id,
                    _ => None,
                })
                .and_then(|id| self.agreement(id))
            {
                Some(a) => (Some(a.clone()), a.clone()),
                None => {
                    form.message = Some(self.cat.t("ui.form.gone").to_string());
                    self.form = Some(form);
                    return;
                }
            },
        };
        // An extension option extends the agreement: it ends after the agreement does.
        if let (FormTarget::ExtensionOption(_), Some(b)) = (&form.target, &before)
            && let Some(to) = form.field("ui.field.extends_to").date()
            && to <= b.end
        {
            let text = tr!(
                self.cat,
                "ui.form.option_before_end",
                end = form::format_date(b.end)
            );
            form.fail_at("ui.field.extends_to", text);
            self.form = Some(form);
            return;
        }
        forms::apply(&form, &mut after);
        if let Some(b) = &before {
            after.record_changes(b, self.today);
        }
        let problems = after.problems();
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(|p| p.message(self.cat)).collect();
            form.message = Some(text.join(" "));
            self.form = Some(form);
            return;
        }
        let result = match &before {
            None => self
                .store
                .insert_agreement(&after)
                .inspect(|id| self.undo_push(Undo::Remove(*id))),
            Some(b) => self.store.update_agreement(&after).map(|_| {
                self.undo_push(Undo::Revert(b.clone()));
                b.id
            }),
        };
        match result {
            Ok(id) => {
                self.reload(Some(id));
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = after.reference
                ));
                if before.is_none() {
                    // A new agreement is the one the user is about to work on.
                    self.follow(id);
                    self.tab = Tab::Agreements;
                    self.register.detail = Some(Detail {
                        id,
                        section: Section::Overview,
                        selected: 0,
                    });
                } else if let Some(det) = &mut self.register.detail
                    && let Some(a) = self.agreements.iter().find(|a| a.id == det.id)
                {
                    // Keep the selection on the edited item, or move it to the one just added.
                    let list = rows(a, det.section);
                    let added = match &form.target {
                        &FormTarget::Contact {
                            supplier,
                            index: None,
                        } => list.iter().rposition(
                            |r| matches!(r, Row::Contact { supplier: s, .. } if *s == supplier),
                        ),
                        t if t.is_new() => list.len().checked_sub(1),
                        _ => None,
                    };
                    det.selected = added
                        .unwrap_or(det.selected)
                        .min(list.len().saturating_sub(1));
                }
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }

    /// Stores a changed agreement, remembering how to undo it; false when refused. What
    /// the change ends (a ranking, a supplier) is kept in the agreement's history as of
    /// today.
    fn save(&mut self, before: &Agreement, mut after: Agreement) -> bool {
        after.record_changes(before, self.today);
        let problems = after.problems();
        if let Some(p) = problems.first() {
            self.error(p.message(self.cat));
            return false;
        }
        match self.store.update_agreement(&after) {
            Ok(()) => {
                self.undo_push(Undo::Revert(before.clone()));
                self.reload(Some(after.id));
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = after.reference
                ));
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    fn undo_push(&mut self, u: Undo) {
        self.undo.push(u);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    fn undo(&mut self) {
        let Some(u) = self.undo.pop() else {
            self.info(self.cat.t("ui.status.nothing_to_undo").to_string());
            return;
        };
        let (result, id, reference) = match &u {
            Undo::Restore(a) => (
                self.store.restore_agreement(a),
                Some(a.id),
                a.reference.clone(),
            ),
            Undo::Revert(a) => (
                self.store.update_agreement(a),
                Some(a.id),
                a.reference.clone(),
            ),
            Undo::Remove(id) => {
                let r = self.store.delete_agreement(*id);
                let reference = r.as_ref().map(|a| a.reference.clone()).unwrap_or_default();
                (r.map(|_| ()), None, reference)
            }
            Undo::CallOffRevert {
                before: Some(c),
                reference,
                ..
            } => (self.store.save_calloff(c), None, reference.clone()),
            Undo::CallOffRevert {
                before: None,
                agreement,
                reference,
            } => (
                self.store.delete_calloff(*agreement, reference).map(|_| ()),
                None,
                reference.clone(),
            ),
            Undo::CallOffRestore(c, requests) => (
                self.store.restore_calloff(c, requests),
                None,
                c.reference.clone(),
            ),
            Undo::RequestRevert { before, after } => {
                let r = match before {
                    Some(b) if request_key(b) == request_key(after) => self.store.save_request(b),
                    Some(b) => self
                        .store
                        .delete_request(after)
                        .and_then(|_| self.store.save_request(b)),
                    None => self.store.delete_request(after),
                };
                (r, None, after.calloff.clone())
            }
            Undo::RequestRestore(r) => (self.store.save_request(r), None, r.calloff.clone()),
            Undo::DeviationRevert {
                before: Some(d),
                id,
            } => (self.store.save_deviation(d), None, format!("#{}", id.0)),
            Undo::DeviationRevert { before: None, id } => (
                self.store.delete_deviation(*id).map(|_| ()),
                None,
                format!("#{}", id.0),
            ),
            Undo::DeviationRestore(d) => {
                (self.store.save_deviation(d), None, format!("#{}", d.id.0))
            }
            Undo::Views(v) => {
                let (r, reference) = self.undo_views(v);
                (r, None, reference)
            }
            Undo::MeetingRevert {
                before: Some(m),
                id,
            } => (
                self.store.save_meeting(&self.with_live_text(m)),
                None,
                id.to_string(),
            ),
            Undo::MeetingRevert { before: None, id } => (
                self.store.delete_meeting(*id).map(|_| ()),
                None,
                id.to_string(),
            ),
            Undo::MeetingRestore(m, actions) => (
                self.store.restore_meeting(m, actions),
                None,
                m.id.to_string(),
            ),
            Undo::MeetingsRemove(ids) => {
                let r = ids
                    .iter()
                    .try_for_each(|id| self.store.delete_meeting(*id).map(|_| ()));
                (r, None, format!("{}", ids.len()))
            }
            Undo::ActionRevert {
                before: Some(x),
                id,
            } => (self.store.save_action(x).map(|_| ()), None, id.to_string()),
            Undo::ActionRevert { before: None, id } => (
                self.store.delete_action(*id).map(|_| ()),
                None,
                id.to_string(),
            ),
            Undo::ActionRestore(x) => (
                self.store.save_action(x).map(|_| ()),
                None,
                x.id.to_string(),
            ),
            Undo::Work(w) => {
                let (r, reference) = self.undo_work(w);
                (r, None, reference)
            }
            Undo::Sanction(x) => {
                let (r, reference) = self.undo_sanction(x);
                (r, None, reference)
            }
        };
        match result {
            Ok(()) => {
                match undone_in_index(&u) {
                    // The register is as it was: only the call-off index and the agenda.
                    Some((calloff, writes)) => {
                        self.refresh_agenda();
                        self.calloffs_after_write(calloff, writes);
                    }
                    None => {
                        self.reload(id);
                        self.load_calloffs();
                    }
                }
                self.load_work();
                self.info(tr!(self.cat, "ui.status.undone", reference = reference));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    fn popup_key(&mut self, key: KeyEvent) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        match popup {
            Popup::Help { scroll } => {
                let max = self.help_max_scroll.get();
                let scroll = scroll.min(max);
                let scroll = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1).min(max),
                    KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                    KeyCode::PageDown => scroll.saturating_add(10).min(max),
                    KeyCode::PageUp => scroll.saturating_sub(10),
                    KeyCode::Home | KeyCode::Char('g') => 0,
                    KeyCode::End | KeyCode::Char('G') => max,
                    // Any other key closes it.
                    _ => return,
                };
                self.popup = Some(Popup::Help { scroll });
            }
            Popup::Welcome => match key.code {
                KeyCode::Char('n') => self.open_form(FormTarget::Agreement(None), None),
                KeyCode::Char('D') | KeyCode::Char('d') => self.load_demo(),
                KeyCode::Char('q') => self.quit = true,
                KeyCode::Esc => {}
                // Only the choices it names answer it, never a movement key.
                _ => self.popup = Some(Popup::Welcome),
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

    fn confirmed(&mut self, action: Confirm) {
        match action {
            Confirm::DiscardForm => self.form = None,
            Confirm::DeleteAgreement(id) => match self.store.delete_agreement(id) {
                Ok(old) => {
                    self.undo_push(Undo::Restore(old.clone()));
                    self.reload(None);
                    self.info(tr!(
                        self.cat,
                        "ui.status.deleted",
                        reference = old.reference
                    ));
                }
                Err(e) => self.store_failed(&e),
            },
            Confirm::DeleteCallOff(agreement, reference) => {
                self.delete_calloff(agreement, &reference)
            }
            Confirm::DeleteRequest(r) => self.delete_request(r),
            Confirm::DeleteDeviation(id) => self.delete_deviation(id),
            Confirm::Views(v) => self.views_confirmed(v),
            Confirm::DeleteMeeting(id) => self.delete_meeting(id),
            Confirm::DeleteAction(id) => self.delete_meeting_action(id),
            Confirm::AddSchedule(proposed, supplier) => self.add_schedule(proposed, supplier),
            Confirm::Work(w) => self.work_confirmed(w),
            Confirm::Sanction(c) => self.sanction_confirmed(c),
            Confirm::DeleteRow(id, row) => {
                let Some(a) = self.agreement(id).cloned() else {
                    return;
                };
                let mut changed = a.clone();
                agreements::keys::remove_row(&mut changed, row);
                if self.save(&a, changed) {
                    self.info(tr!(self.cat, "ui.status.removed", reference = a.reference));
                    if let Some(det) = &mut self.register.detail {
                        det.selected = det.selected.saturating_sub(1);
                    }
                }
            }
        }
    }

    fn picked(&mut self, p: Picker) {
        // Nothing shown (a filter that matches nothing): nothing chosen.
        let Some(i) = p.chosen() else {
            return;
        };
        match p.pick {
            Pick::AddRanked { lot, suppliers } => {
                if let Some(org) = suppliers.get(i) {
                    self.add_ranked(lot, &org.clone());
                }
            }
            Pick::FilterSupplier(values) => {
                self.calloffs.supplier = values.get(i).cloned().flatten();
                self.calloffs.refresh();
            }
            Pick::FilterLot(values) => {
                self.calloffs.lot = values.get(i).cloned().flatten();
                self.calloffs.refresh();
            }
            Pick::Views(v) => self.views_picked(v, i),
            Pick::Work(w) => self.work_picked(w, i),
            Pick::Meeting(m) => self.meeting_picked(m, i),
            Pick::ChooseAgreement(ids) => {
                if let Some(id) = ids.get(i) {
                    self.follow(*id);
                    self.load_calloffs();
                    self.load_work();
                }
            }
        }
    }

    fn load_demo(&mut self) {
        match load_demo(&self.store, self.now, DEMO_CALLOFFS) {
            Ok(loaded) => {
                self.current = None;
                self.reload(None);
                self.sync_penalties();
                if let Some(it) = crate::demo::register(self.today).first()
                    && let Ok(Some(a)) = self.store.agreement_by_reference(&it.reference)
                {
                    self.follow(a.id);
                }
                self.popup = None;
                self.info(tr!(
                    self.cat,
                    "ui.status.demo_loaded",
                    count = loaded.agreements_new + loaded.agreements_updated,
                    calloffs = loaded.calloffs
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}

/// What undoing `u` wrote of the call-off index: the call-off (None: nothing the index
/// holds) and how many audit entries; None when it may have touched more (an agreement's
/// ranking changes every outcome), so the index is read again whole.
fn undone_in_index(u: &Undo) -> Option<(Option<&str>, u64)> {
    match u {
        Undo::CallOffRevert { reference, .. } => Some((Some(reference), 1)),
        Undo::CallOffRestore(c, _) => Some((Some(&c.reference), 1)),
        Undo::RequestRevert {
            before: Some(b),
            after,
        } if request_key(b) != request_key(after) => Some((Some(&after.calloff), 2)),
        Undo::RequestRevert { after, .. } => Some((Some(&after.calloff), 1)),
        Undo::RequestRestore(r) => Some((Some(&r.calloff), 1)),
        Undo::DeviationRevert { .. } | Undo::DeviationRestore(_) => Some((None, 1)),
        _ => None,
    }
}

/// What loading the demo put in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoLoaded {
    pub agreements_new: usize,
    pub agreements_updated: usize,
    pub calloffs: usize,
    pub requests: usize,
    /// Meetings and actions added (none when the agreements had meetings already).
    pub meetings: usize,
    pub actions: usize,
    /// Checklist items, follow-up requirements and their checks added, likewise.
    pub checklist_items: usize,
    pub requirements: usize,
    pub checks: usize,
}

/// Loads the demo register, and `calloffs` call-offs with their requests into its
/// IT-consulting agreement. Running it again replaces rather than adds (references are
/// keys). Each part is one transaction. Meetings, the checklist and the follow-up plan
/// are added only where the agreement has none yet (see `demo_plans`), so a second run
/// neither duplicates nor overwrites them.
pub fn load_demo(
    store: &Store,
    now: PrimitiveDateTime,
    calloffs: usize,
) -> Result<DemoLoaded, crate::store::StoreError> {
    let register = crate::demo::register(now.date());
    let ids = store.import_agreements(&register)?;
    let mut loaded = DemoLoaded {
        agreements_new: ids.iter().filter(|(_, new)| *new).count(),
        agreements_updated: ids.iter().filter(|(_, new)| !*new).count(),
        ..DemoLoaded::default()
    };
    if let (Some((id, _)), Some(first)) = (ids.first(), register.first()) {
        let mut it = first.clone();
        it.id = *id;
        let (c, r) = crate::demo::calloffs::calloffs(&it, now, calloffs);
        store.import_calloffs(&c)?;
        store.import_requests(&r)?;
        demo::plans::load_competitions(store, &it, &c, &r)?;
        loaded.calloffs = c.len();
        loaded.requests = r.len();
        let today = now.date();
        let mut added = vec![demo::plans::load_it(store, &it, today)?];
        // The staffing agreement (class 1) gets a couple of meetings too, so the meetings
        // tab shows more than one agreement; its texts are written for it.
        let staffing = register.iter().zip(&ids).find(|(a, _)| {
            a.priority == crate::domain::Priority::Class1 && a.name.starts_with("Personaluthyrning")
        });
        if let Some((a, (id, _))) = staffing {
            let mut a = a.clone();
            a.id = *id;
            added.push(demo::plans::load_smaller(store, &a, today)?);
        }
        for a in added {
            loaded.meetings += a.meetings;
            loaded.actions += a.actions;
            loaded.checklist_items += a.checklist_items;
            loaded.requirements += a.requirements;
            loaded.checks += a.checks;
        }
        // Penalties are recorded here, where generating takes seconds anyway, rather than
        // by the first open of the application.
        store.sync_penalty_claims(it.id, today)?;
    }
    Ok(loaded)
}

/// How many call-offs the demo gives its IT agreement unless asked for another number.
pub const DEMO_CALLOFFS: usize = 400;
