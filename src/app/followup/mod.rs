//! The Follow-up plan tab: the followed agreement's requirements, each with its checks
//! beneath it. A check recorded as not met, or partly met, asks what follows: a deviation
//! opened about the requirement's supplier, a point on the next planned meeting's agenda,
//! or nothing; the choice is kept in the check.

use time::Date;

use crate::domain::deviation::{DeviationStatus, ManualDeviation, ManualKind};
use crate::domain::followup::{Check, CheckId, CheckResult, FollowUp, Requirement, RequirementId};
use crate::domain::meeting::{AgendaPoint, Meeting, MeetingStatus};
use crate::domain::{AgreementId, OrgNumber};
use crate::i18n::Catalog;
use crate::tr;

use super::form::{Form, format_date};
use super::keymap::Act;
use super::keymap::work::WorkAct;
use super::work::forms::{check_form, check_from, requirement_form, requirement_from};
use super::work::undo::WorkUndo;
use super::work::{WhatFollows, WorkConfirm, WorkPick};
use super::{App, Confirm, Pick, Picker, Popup, Undo};

/// A line of the plan: a requirement, or one of its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRow {
    Requirement(usize),
    /// (requirement, check) indices.
    Check(usize, usize),
}

#[derive(Default)]
pub struct FollowUpState {
    pub requirements: Vec<Requirement>,
    /// Every check of the agreement's requirements, in planned order.
    pub checks: Vec<Check>,
    pub rows: Vec<PlanRow>,
    pub selected: usize,
}

impl FollowUpState {
    fn rebuild(&mut self) {
        self.checks
            .sort_by_key(|c| (c.planned.is_none(), c.planned, c.id));
        self.rows.clear();
        for (ri, r) in self.requirements.iter().enumerate() {
            self.rows.push(PlanRow::Requirement(ri));
            for (ci, c) in self.checks.iter().enumerate() {
                if c.requirement == r.id {
                    self.rows.push(PlanRow::Check(ri, ci));
                }
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The requirement of the selected line (itself, or the one its check verifies).
    pub fn selected_requirement(&self) -> Option<&Requirement> {
        match self.rows.get(self.selected)? {
            PlanRow::Requirement(r) | PlanRow::Check(r, _) => self.requirements.get(*r),
        }
    }

    pub fn selected_check(&self) -> Option<&Check> {
        match self.rows.get(self.selected)? {
            PlanRow::Check(_, c) => self.checks.get(*c),
            PlanRow::Requirement(_) => None,
        }
    }

    fn select_requirement(&mut self, id: RequirementId) {
        if let Some(p) = self
            .rows
            .iter()
            .position(|r| matches!(r, PlanRow::Requirement(i) if self.requirements[*i].id == id))
        {
            self.selected = p;
        }
    }

    fn select_check(&mut self, id: CheckId) {
        if let Some(p) = self
            .rows
            .iter()
            .position(|r| matches!(r, PlanRow::Check(_, c) if self.checks[*c].id == id))
        {
            self.selected = p;
        }
    }
}

/// The earliest meeting still planned after `today` where a point about `supplier` can be
/// raised: a meeting with that supplier, or with every supplier of the agreement (no
/// supplier set). A requirement binding every supplier (None) goes to any planned meeting.
pub fn next_meeting<'a>(
    meetings: &'a [Meeting],
    agreement: AgreementId,
    supplier: Option<&OrgNumber>,
    today: Date,
) -> Option<&'a Meeting> {
    meetings
        .iter()
        .filter(|m| m.agreement == agreement && m.status == MeetingStatus::Planned)
        .filter(|m| m.date > today)
        .filter(|m| supplier.is_none() || m.supplier.is_none() || m.supplier.as_ref() == supplier)
        .min_by_key(|m| (m.date, m.time, m.id))
}

/// The deviation a check that fell short opens: about the requirement's supplier, dated
/// the day the check was done, its text naming the requirement and the check (the link
/// between them), with the evidence beneath.
pub(crate) fn check_deviation(
    cat: &Catalog,
    req: &Requirement,
    check: &Check,
    today: Date,
) -> ManualDeviation {
    let mut description = tr!(
        cat,
        "ui.work.followup.deviation_text",
        id = req.id,
        check = check.id,
        text = req.text,
        result = cat.t(result_label(check.result))
    );
    if !check.evidence.is_empty() {
        description.push('\n');
        description.push_str(&check.evidence);
    }
    ManualDeviation {
        id: Default::default(),
        agreement: req.agreement,
        calloff: None,
        supplier: req.supplier.clone(),
        kind: ManualKind::Other,
        registered: check.done.unwrap_or(today),
        description,
        status: DeviationStatus::Open,
        measures: String::new(),
        lesson: false,
    }
}

/// The catalogue key of a check's result (None: not recorded yet).
pub fn result_label(r: Option<CheckResult>) -> &'static str {
    match r {
        None => "ui.work.result.none",
        Some(CheckResult::Met) => "ui.work.result.met",
        Some(CheckResult::NotMet) => "ui.work.result.not_met",
        Some(CheckResult::Partly) => "ui.work.result.partly",
    }
}

impl App {
    pub(in crate::app) fn load_followup(&mut self) {
        let Some(id) = self.followed else {
            self.work.followup = FollowUpState::default();
            return;
        };
        let loaded = self
            .store
            .requirements(Some(id))
            .and_then(|r| Ok((r, self.store.checks_of_agreement(id)?)));
        match loaded {
            Ok((requirements, checks)) => {
                let st = &mut self.work.followup;
                st.requirements = requirements;
                st.checks = checks;
                st.rebuild();
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn followup_act(&mut self, act: Act) {
        let Some(a) = self.followed_agreement().cloned() else {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        };
        let st = &self.work.followup;
        if let Some(s) = self.moved(st.selected, st.rows.len(), act) {
            self.work.followup.selected = s;
            return;
        }
        let req = st.selected_requirement().cloned();
        let check = st.selected_check().cloned();
        match (act, req, check) {
            (Act::New, _, _) => self.form = Some(requirement_form(self.cat, &a, None)),
            (Act::Work(WorkAct::NewCheck), Some(r), _) => {
                self.form = Some(check_form(self.cat, &r, None, self.today))
            }
            (Act::Edit, Some(r), Some(c)) => {
                self.form = Some(check_form(self.cat, &r, Some(&c), self.today))
            }
            (Act::Edit, Some(r), None) => {
                self.form = Some(requirement_form(self.cat, &a, Some(&r)))
            }
            (Act::Delete, Some(_), Some(c)) => {
                self.popup = Some(Popup::Confirm {
                    message: tr!(self.cat, "ui.work.confirm.delete_check", id = c.id),
                    action: Confirm::Work(WorkConfirm::DeleteCheck(c.id)),
                })
            }
            (Act::Delete, Some(r), None) => {
                let n = self
                    .work
                    .followup
                    .checks
                    .iter()
                    .filter(|c| c.requirement == r.id)
                    .count();
                self.popup = Some(Popup::Confirm {
                    message: tr!(
                        self.cat,
                        "ui.work.confirm.delete_requirement",
                        id = r.id,
                        n = n
                    ),
                    action: Confirm::Work(WorkConfirm::DeleteRequirement(r.id)),
                })
            }
            _ => {}
        }
    }

    pub(in crate::app) fn submit_requirement(&mut self, mut form: Form, id: Option<RequirementId>) {
        let Some(a) = self.followed_agreement().cloned() else {
            form.message = Some(self.cat.t("ui.work.gone").to_string());
            self.form = Some(form);
            return;
        };
        let before = id.and_then(|id| {
            self.work
                .followup
                .requirements
                .iter()
                .find(|r| r.id == id)
                .cloned()
        });
        let r = requirement_from(&form, &a, before.as_ref());
        let saved = match &before {
            None => self.store.insert_requirement(&r),
            Some(_) => self.store.save_requirement(&r).map(|_| r.clone()),
        };
        match saved {
            Ok(stored) => {
                self.undo_push(Undo::Work(WorkUndo::Requirement {
                    before,
                    id: stored.id,
                }));
                self.load_followup();
                self.work.followup.select_requirement(stored.id);
                self.info(tr!(
                    self.cat,
                    "ui.status.saved",
                    reference = stored.id.to_string()
                ));
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }

    pub(in crate::app) fn submit_check(
        &mut self,
        mut form: Form,
        requirement: RequirementId,
        id: Option<CheckId>,
    ) {
        let before = id.and_then(|id| {
            self.work
                .followup
                .checks
                .iter()
                .find(|c| c.id == id)
                .cloned()
        });
        let base = before
            .clone()
            .unwrap_or_else(|| Check::planned(requirement, self.today));
        let c = match check_from(&form, base, self.today) {
            Ok(c) => c,
            Err(key) => {
                form.message = Some(self.cat.t(key).to_string());
                self.form = Some(form);
                return;
            }
        };
        let saved = match &before {
            None => self.store.insert_check(&c),
            Some(_) => self.store.save_check(&c).map(|_| c.clone()),
        };
        let stored = match saved {
            Ok(s) => s,
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
                return;
            }
        };
        self.undo_push(Undo::Work(WorkUndo::Check {
            before: before.clone(),
            id: stored.id,
        }));
        self.load_followup();
        self.work.followup.select_check(stored.id);
        self.info(tr!(
            self.cat,
            "ui.status.saved",
            reference = stored.id.to_string()
        ));
        // A new shortfall (not one edited again) asks what follows, unless already chosen.
        let failed = matches!(
            stored.result,
            Some(CheckResult::NotMet | CheckResult::Partly)
        );
        let was = before.as_ref().and_then(|b| b.result);
        // A shortfall whose consequence is chosen in the form itself gets it done at once,
        // as the picker would: "not met → deviation" opens the deviation.
        let chosen_before = before.as_ref().map_or(FollowUp::None, |b| b.follow_up);
        let chosen = match stored.follow_up {
            FollowUp::Deviation => Some(WhatFollows::Deviation),
            FollowUp::NextMeeting => Some(WhatFollows::NextMeeting),
            FollowUp::None | FollowUp::Sanction => None,
        };
        // Done once: when chosen now, or when the check falls short now with it chosen
        // before (a shortfall already followed up is not followed up again).
        let failed_before = matches!(was, Some(CheckResult::NotMet | CheckResult::Partly));
        let newly = chosen_before != stored.follow_up || !failed_before;
        if let Some(what) = chosen.filter(|_| failed && newly) {
            return self.follow_up_check(stored.id, what);
        }
        if failed && was != stored.result && stored.follow_up == FollowUp::None {
            self.popup = Some(Popup::Picker(Picker::new(
                tr!(
                    self.cat,
                    "ui.work.followup.what_follows",
                    id = stored.id,
                    result = self.cat.t(result_label(stored.result))
                ),
                WhatFollows::ALL
                    .iter()
                    .map(|w| self.cat.t(w.label()).to_string())
                    .collect(),
                0,
                Pick::Work(WorkPick::WhatFollows(stored.id)),
            )));
        }
    }

    /// Does what was chosen after a shortfall and records it in the check.
    pub(in crate::app) fn follow_up_check(&mut self, id: CheckId, what: WhatFollows) {
        let st = &self.work.followup;
        let Some(check) = st.checks.iter().find(|c| c.id == id).cloned() else {
            return;
        };
        let Some(req) = st
            .requirements
            .iter()
            .find(|r| r.id == check.requirement)
            .cloned()
        else {
            return;
        };
        let after = Check {
            follow_up: match what {
                WhatFollows::Deviation => FollowUp::Deviation,
                WhatFollows::NextMeeting => FollowUp::NextMeeting,
                WhatFollows::Nothing => FollowUp::None,
            },
            ..check.clone()
        };
        let result = match what {
            WhatFollows::Nothing => return,
            WhatFollows::Deviation => self.open_deviation(&req, &check).map(|d| (Some(d), None)),
            WhatFollows::NextMeeting => match self.add_to_next_meeting(&req, &check) {
                Some(r) => r.map(|m| (None, Some(m))),
                None => return,
            },
        };
        let recorded = result.and_then(|(deviation, meeting)| {
            self.store.save_check(&after).map(|_| (deviation, meeting))
        });
        match recorded {
            Ok((deviation, meeting)) => {
                self.undo_push(Undo::Work(WorkUndo::FollowedUp {
                    check,
                    deviation: deviation.as_ref().map(|d| d.id),
                    meeting: meeting.clone().map(Box::new),
                }));
                self.load_followup();
                self.work.followup.select_check(id);
                let text = match (deviation, meeting) {
                    (Some(d), _) => tr!(
                        self.cat,
                        "ui.work.followup.deviation_opened",
                        id = d.id.0,
                        check = id
                    ),
                    (_, Some(m)) => tr!(
                        self.cat,
                        "ui.work.followup.added_to_meeting",
                        id = m.id,
                        date = format_date(m.date)
                    ),
                    _ => String::new(),
                };
                self.info(text);
            }
            Err(e) => self.store_failed(&e),
        }
    }

    fn open_deviation(
        &mut self,
        req: &Requirement,
        check: &Check,
    ) -> Result<ManualDeviation, crate::store::StoreError> {
        let d = check_deviation(self.cat, req, check, self.today);
        self.store.insert_deviation(&d)
    }

    /// Appends the point to the next planned meeting; returns the meeting as it was. None
    /// (with the reason in the status line) when there is no such meeting.
    fn add_to_next_meeting(
        &mut self,
        req: &Requirement,
        check: &Check,
    ) -> Option<Result<Meeting, crate::store::StoreError>> {
        let meetings = match self.store.meetings(Some(req.agreement)) {
            Ok(m) => m,
            Err(e) => return Some(Err(e)),
        };
        let Some(m) = next_meeting(&meetings, req.agreement, req.supplier.as_ref(), self.today)
        else {
            self.error(self.cat.t("ui.work.followup.no_meeting").to_string());
            return None;
        };
        let result = self.cat.t(result_label(check.result));
        let mut after = m.clone();
        after.agenda.push(AgendaPoint::new(&tr!(
            self.cat,
            "ui.work.followup.agenda_point",
            id = req.id,
            text = req.text,
            result = result
        )));
        Some(self.store.save_meeting(&after).map(|_| m.clone()))
    }

    pub(in crate::app) fn delete_requirement(&mut self, id: RequirementId) {
        match self.store.delete_requirement(id) {
            Ok((r, checks)) => {
                self.undo_push(Undo::Work(WorkUndo::RequirementRestore(r, checks)));
                self.load_followup();
                self.info(tr!(
                    self.cat,
                    "ui.status.deleted",
                    reference = id.to_string()
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn delete_check(&mut self, id: CheckId) {
        match self.store.delete_check(id) {
            Ok(c) => {
                self.undo_push(Undo::Work(WorkUndo::Check {
                    before: Some(c),
                    id,
                }));
                self.load_followup();
                self.info(tr!(
                    self.cat,
                    "ui.status.deleted",
                    reference = id.to_string()
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }
}
