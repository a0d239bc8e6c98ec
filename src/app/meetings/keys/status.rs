//! A meeting's state and the protection of approved minutes (justerat protokoll): `s`
//! moves planned → held → approved, never held before the meeting's date, and approved
//! minutes go back only through a question; the meeting form keeps the same rules, and
//! an undo never takes back the minutes typed since.

use crate::domain::meeting::{Meeting, MeetingStatus, StatusRefusal};
use crate::tr;

use crate::app::form::format_date;
use crate::app::meetings::MeetingPick;
use crate::app::{App, Pick, Picker, Popup};

impl App {
    /// `s`: planned → held → minutes approved. A meeting ahead of today is not held yet;
    /// approved minutes go back only when the user picks where to, in a question.
    pub(super) fn next_meeting_status(&mut self, m: Meeting) {
        let next = match m.status {
            MeetingStatus::Planned => MeetingStatus::Held,
            MeetingStatus::Held => MeetingStatus::MinutesApproved,
            MeetingStatus::MinutesApproved => {
                let options = [
                    None,
                    Some(MeetingStatus::Held),
                    Some(MeetingStatus::Planned),
                ];
                let words = |o: &Option<MeetingStatus>| match o {
                    None => self.cat.t("ui.meetings.keep_approved").to_string(),
                    Some(s) => tr!(
                        self.cat,
                        "ui.meetings.back_to",
                        status = self.cat.t(&format!("ui.meeting_status.{}", s.key()))
                    ),
                };
                self.popup = Some(Popup::Picker(Picker::new(
                    tr!(self.cat, "ui.meetings.approved_question", id = m.id),
                    options.iter().map(words).collect(),
                    0,
                    Pick::Meeting(MeetingPick::Status(m.id, options.to_vec())),
                )));
                return;
            }
        };
        self.set_meeting_status(m, next);
    }

    fn set_meeting_status(&mut self, m: Meeting, status: MeetingStatus) {
        if let Some(StatusRefusal::NotYetHeld) = m.status_refused(status, self.today) {
            return self.error(tr!(
                self.cat,
                "ui.meetings.not_yet_held",
                id = m.id,
                date = format_date(m.date)
            ));
        }
        let mut changed = m.clone();
        changed.status = status;
        // No undo entry: the minutes typed since must not go back with the status, and
        // approved minutes leave their state only through the question.
        match self.store.save_meeting(&changed) {
            Ok(()) => {
                self.load_meetings();
                self.refresh_agenda();
                self.info(tr!(
                    self.cat,
                    "ui.meetings.status_set",
                    id = m.id,
                    status = self.cat.t(&format!("ui.meeting_status.{}", status.key()))
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    /// The answer to one of the tab's questions: option `i` of `pick`.
    pub(in crate::app) fn meeting_picked(&mut self, pick: MeetingPick, i: usize) {
        match pick {
            MeetingPick::Status(id, options) => {
                let Some(Some(status)) = options.get(i).copied() else {
                    return self.info(self.cat.t("ui.meetings.kept_approved").to_string());
                };
                match self.store.meeting(id) {
                    Ok(Some(m)) => self.set_meeting_status(m, status),
                    Ok(None) => self.error(tr!(self.cat, "ui.minutes.no_such_meeting", id = id)),
                    Err(e) => self.store_failed(&e),
                }
            }
            MeetingPick::Addendum(id) if i == 1 => self.open_addendum(id),
            MeetingPick::Addendum(_) => {
                self.info(self.cat.t("ui.meetings.kept_approved").to_string())
            }
        }
    }

    /// `before` as an undo puts it back, with the text written since kept: the minutes,
    /// their lesson marks and addenda are typed live and never undone with a form.
    pub(in crate::app) fn with_live_text(&self, before: &Meeting) -> Meeting {
        let mut m = before.clone();
        if let Ok(Some(now)) = self.store.meeting(before.id) {
            m.minutes = now.minutes;
            m.lesson_lines = now.lesson_lines;
            m.addenda = now.addenda;
        }
        m
    }

    /// Why the meeting form may not save `m` over `before`, in words: a meeting ahead of
    /// today is not held, and approved minutes keep their state and decisions (the
    /// question behind `s` and addenda are the ways to change them).
    pub(super) fn meeting_refused(&self, before: Option<&Meeting>, m: &Meeting) -> Option<String> {
        if let Some(StatusRefusal::NotYetHeld) = m.status_refused(m.status, self.today) {
            return Some(tr!(
                self.cat,
                "ui.meetings.not_yet_held",
                id = m.id,
                date = format_date(m.date)
            ));
        }
        let before = before.filter(|b| b.is_approved())?;
        if m.status != before.status {
            return Some(self.cat.t("ui.meetings.approved_status_by_s").to_string());
        }
        if m.decisions != before.decisions {
            return Some(self.cat.t("ui.meetings.approved_decisions").to_string());
        }
        // What the approved minutes record about the meeting itself stays as approved.
        // The form puts carried points after the user's own, so the agenda is compared
        // as the two lists, each in its order.
        let record = |x: &Meeting| {
            let (carried, own): (Vec<_>, Vec<_>) =
                x.agenda.iter().partition(|p| p.carried_from.is_some());
            (
                x.kind,
                x.supplier.clone(),
                x.date,
                x.time,
                x.place.clone(),
                x.attendees.clone(),
                own.into_iter().cloned().collect::<Vec<_>>(),
                carried.into_iter().cloned().collect::<Vec<_>>(),
            )
        };
        if record(m) != record(before) {
            return Some(self.cat.t("ui.meetings.approved_record").to_string());
        }
        None
    }
}
