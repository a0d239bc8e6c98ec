//! What the Actions, Implementation checklist and Follow-up plan tabs share: their state,
//! what their forms, confirmations and choices are about, and the dispatch from the
//! application's keys to each tab.

pub(crate) mod forms;
pub(crate) mod undo;

use crate::domain::followup::{CheckId, RequirementId};
use crate::domain::meeting::ActionId;

use super::actions::ActionsState;
use super::checklist::ChecklistState;
use super::followup::FollowUpState;
use super::form::{Form, FormTarget};
use super::keymap::{self, Act, Binding};
use super::{App, Tab};

#[derive(Default)]
pub struct WorkState {
    pub actions: ActionsState,
    pub checklist: ChecklistState,
    pub followup: FollowUpState,
}

/// What a form of these tabs changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkForm {
    Action(ActionId),
    /// A new checklist item (None) or the `i`-th.
    ChecklistItem(Option<usize>),
    Requirement(Option<RequirementId>),
    Check {
        requirement: RequirementId,
        id: Option<CheckId>,
    },
}

/// Confirmations asked in these tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkConfirm {
    DeleteAction(ActionId),
    /// Remove the `i`-th item of the followed agreement's checklist.
    DeleteItem(usize),
    DeleteRequirement(RequirementId),
    DeleteCheck(CheckId),
}

/// What follows a check recorded as not met or partly met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatFollows {
    Deviation,
    NextMeeting,
    Nothing,
}

impl WhatFollows {
    pub const ALL: [WhatFollows; 3] = [
        WhatFollows::Deviation,
        WhatFollows::NextMeeting,
        WhatFollows::Nothing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WhatFollows::Deviation => "ui.work.followup.open_deviation",
            WhatFollows::NextMeeting => "ui.work.followup.to_next_meeting",
            WhatFollows::Nothing => "ui.work.followup.nothing",
        }
    }
}

/// Choices offered in these tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkPick {
    WhatFollows(CheckId),
}

impl App {
    pub(in crate::app) fn work_bindings(&self) -> &'static [Binding] {
        match self.tab {
            Tab::Actions => keymap::work::ACTIONS,
            Tab::Checklist if self.work.checklist.list.is_none() => keymap::work::CHECKLIST_EMPTY,
            Tab::Checklist => keymap::work::CHECKLIST,
            _ => keymap::work::FOLLOWUP,
        }
    }

    /// Reads what the shown tab of these lists again (nothing for the other tabs).
    pub(in crate::app) fn load_work(&mut self) {
        match self.tab {
            Tab::Actions => self.load_actions(),
            Tab::Checklist => self.load_checklist(),
            Tab::FollowUp => self.load_followup(),
            Tab::Sanctions => self.load_sanctions(),
            Tab::Spend => self.load_spend(),
            Tab::Statistics => self.load_statistics(),
            _ => {}
        }
    }

    pub(in crate::app) fn work_act(&mut self, act: Act) {
        if act == Act::ChooseAgreement {
            return self.choose_agreement();
        }
        match self.tab {
            Tab::Actions => self.actions_act(act),
            Tab::Checklist => self.checklist_act(act),
            _ => self.followup_act(act),
        }
    }

    pub(in crate::app) fn submit_work(&mut self, form: Form) {
        let FormTarget::Work(target) = form.target.clone() else {
            return;
        };
        match target {
            WorkForm::Action(id) => self.submit_action(form, id),
            WorkForm::ChecklistItem(i) => self.submit_item(form, i),
            WorkForm::Requirement(id) => self.submit_requirement(form, id),
            WorkForm::Check { requirement, id } => self.submit_check(form, requirement, id),
        }
    }

    pub(in crate::app) fn work_confirmed(&mut self, action: WorkConfirm) {
        match action {
            WorkConfirm::DeleteAction(id) => self.delete_action(id),
            WorkConfirm::DeleteItem(i) => self.delete_item(i),
            WorkConfirm::DeleteRequirement(id) => self.delete_requirement(id),
            WorkConfirm::DeleteCheck(id) => self.delete_check(id),
        }
    }

    pub(in crate::app) fn work_picked(&mut self, pick: WorkPick, i: usize) {
        match pick {
            WorkPick::WhatFollows(check) => {
                if let Some(w) = WhatFollows::ALL.get(i) {
                    self.follow_up_check(check, *w);
                }
            }
        }
    }
}
