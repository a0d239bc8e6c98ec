//! The Agenda's keys: move through what is due, open it where it is worked on (which
//! follows its agreement), open or close an agreement's group of awaited answers.

use crate::app::agreements::{Detail, Section};
use crate::app::form::FormTarget;
use crate::app::keymap::Act;
use crate::app::{App, Tab, sanctions};
use crate::domain::agenda::{AgendaKind, AgendaLink};
use crate::tr;

impl App {
    pub(in crate::app) fn agenda_act(&mut self, act: Act) {
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
        if self.followed != Some(id) && item.link != AgendaLink::Group {
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
            (AgendaLink::Spend, _) => {
                self.follow(id);
                self.show_tab(Tab::Spend);
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
}
