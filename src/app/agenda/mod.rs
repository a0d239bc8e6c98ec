//! The agenda (DESIGN §1.10): what is due and overdue across the register, the call-offs,
//! the meetings and their action items, the implementation checklists and the follow-up
//! plans, in one dated list.

pub(crate) mod keys;

use time::Duration;

use crate::domain::agenda::{AgendaItem, AgendaKind, AgendaLink, agenda, group_awaited, sort};
use crate::domain::checklist::ItemStatus;
use crate::domain::deviation::DeviationStatus;
use crate::domain::followup::checks_due;
use crate::domain::meeting::{ActionStatus, MeetingStatus};
use crate::domain::{Agreement, AgreementId};

use super::App;

/// Meetings this far ahead are on the agenda, and planned ones this far back that were
/// never recorded as held.
const MEETINGS_AHEAD_DAYS: i64 = 30;
const MEETINGS_BACK_DAYS: i64 = 14;
/// Action items due within this week are on it (and all overdue ones).
const ACTIONS_AHEAD_DAYS: i64 = 7;
/// Checklist items and follow-up checks due this soon.
const ITEMS_AHEAD_DAYS: i64 = 14;

fn item(
    a: &Agreement,
    date: time::Date,
    kind: AgendaKind,
    note: String,
    link: AgendaLink,
) -> AgendaItem {
    AgendaItem {
        date,
        kind,
        agreement: a.id,
        reference: a.reference.clone(),
        name: a.name.clone(),
        extends_to: None,
        at: None,
        note,
        link,
        group: None,
    }
}

impl App {
    /// Builds the agenda again from the store. A part that cannot be read is left out and
    /// the reason shown, so the rest of the agenda still serves.
    pub(in crate::app) fn refresh_agenda(&mut self) {
        let today = self.today;
        let mut items = agenda(&self.agreements, today);
        let by_id = |id: AgreementId| self.agreements.iter().find(|a| a.id == id);
        let mut problems = Vec::new();

        match self.store.awaited() {
            Ok(awaited) => {
                for w in awaited {
                    let Some(a) = by_id(w.agreement) else {
                        continue;
                    };
                    let note = format!("{} · {}", w.calloff, a.supplier_name(&w.supplier));
                    let mut it = item(
                        a,
                        w.deadline.date(),
                        AgendaKind::AnswerAwaited,
                        note,
                        AgendaLink::CallOff(w.calloff.clone()),
                    );
                    it.at = Some(w.deadline);
                    items.push(it);
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        match self.store.deviations(None) {
            Ok(list) => {
                for d in list
                    .into_iter()
                    .filter(|d| d.status != DeviationStatus::Closed)
                {
                    let Some(a) = by_id(d.agreement) else {
                        continue;
                    };
                    let about = d
                        .supplier
                        .as_ref()
                        .map(|o| a.supplier_name(o))
                        .unwrap_or_default();
                    let note = [d.calloff.clone().unwrap_or_default(), about]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    items.push(item(
                        a,
                        d.registered,
                        AgendaKind::OpenDeviation,
                        note,
                        AgendaLink::Deviations,
                    ));
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        match self.store.meetings(None) {
            Ok(list) => {
                for m in list
                    .into_iter()
                    .filter(|m| m.status == MeetingStatus::Planned)
                {
                    let days = (m.date - today).whole_days();
                    if !(-MEETINGS_BACK_DAYS..=MEETINGS_AHEAD_DAYS).contains(&days) {
                        continue;
                    }
                    let Some(a) = by_id(m.agreement) else {
                        continue;
                    };
                    let kind = self.cat.t(&format!("ui.meeting_kind.{}", m.kind.key()));
                    let with = m
                        .supplier
                        .as_ref()
                        .map(|o| format!(" · {}", a.supplier_name(o)))
                        .unwrap_or_default();
                    let mut it = item(
                        a,
                        m.date,
                        AgendaKind::Meeting,
                        format!("{} {kind}{with}", m.id),
                        AgendaLink::Meeting(m.id),
                    );
                    it.at = m.time.map(|t| time::PrimitiveDateTime::new(m.date, t));
                    items.push(it);
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        match self.store.actions(None) {
            Ok(list) => {
                let limit = today + Duration::days(ACTIONS_AHEAD_DAYS);
                for x in list.into_iter().filter(|x| x.status == ActionStatus::Open) {
                    let Some(due) = x.due.filter(|d| *d <= limit) else {
                        continue;
                    };
                    let Some(a) = by_id(x.agreement) else {
                        continue;
                    };
                    let note = format!("{} {} · {}", x.id, x.text, x.owner);
                    items.push(item(
                        a,
                        due,
                        AgendaKind::ActionDue,
                        note,
                        AgendaLink::Meeting(x.meeting),
                    ));
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        let limit = today + Duration::days(ITEMS_AHEAD_DAYS);
        for a in &self.agreements {
            match self.store.checklist(a.id) {
                Ok(Some(list)) => {
                    for it in &list.items {
                        let open = matches!(it.status, ItemStatus::Todo | ItemStatus::InProgress);
                        if let Some(due) = it.due.filter(|d| open && *d <= limit) {
                            let note = format!("{}: {}", it.section, it.text);
                            items.push(item(
                                a,
                                due,
                                AgendaKind::ChecklistDue,
                                note,
                                AgendaLink::Checklist,
                            ));
                        }
                    }
                }
                Ok(None) => {}
                Err(e) => problems.push(e.message(self.cat)),
            }
        }
        match (self.store.requirements(None), self.store.checks(None)) {
            (Ok(reqs), Ok(checks)) => {
                for c in checks_due(&checks, today, ITEMS_AHEAD_DAYS) {
                    let Some(r) = reqs.iter().find(|r| r.id == c.requirement) else {
                        continue;
                    };
                    let (Some(a), Some(date)) = (by_id(r.agreement), c.planned) else {
                        continue;
                    };
                    items.push(item(
                        a,
                        date,
                        AgendaKind::CheckDue,
                        r.text.clone(),
                        AgendaLink::FollowUp,
                    ));
                }
            }
            (Err(e), _) | (_, Err(e)) => problems.push(e.message(self.cat)),
        }
        self.sanction_items(&mut items, &mut problems);
        self.ceiling_items(&mut items, &mut problems);

        sort(&mut items);
        self.agenda = group_awaited(items, self.now, &self.agenda_expanded);
        self.agenda_selected = self
            .agenda_selected
            .min(self.agenda.len().saturating_sub(1));
        if let Some(p) = problems.into_iter().next() {
            self.error(p);
        }
    }
}

impl App {
    /// Records the penalties of every agreement with a late-delivery term as claims (at
    /// start and on a new day), so the agenda lists those to claim without the Sanctions
    /// tab having been opened. Nothing is written where nothing is new.
    pub(in crate::app) fn sync_penalties(&mut self) {
        let mut changed = false;
        let ids: Vec<AgreementId> = self
            .agreements
            .iter()
            .filter(|a| crate::domain::penalty::late_delivery_term(&a.penalties).is_some())
            .map(|a| a.id)
            .collect();
        for id in ids {
            match self.store.sync_penalty_claims(id, self.today) {
                Ok(n) => changed |= n != crate::store::SyncCount::default(),
                Err(e) => self.store_failed(&e),
            }
        }
        if changed {
            self.refresh_agenda();
        }
    }

    /// Agreements whose invoices have reached 80 % or 100 % of their maximum value, with the
    /// day 100 % is reached at the last twelve months' rate (DESIGN §4).
    fn ceiling_items(&self, items: &mut Vec<AgendaItem>, problems: &mut Vec<String>) {
        use crate::stats::spend::{CeilingForecast, ceiling_forecast};
        if !self.agreements.iter().any(|a| a.money.max_value.is_some()) {
            return;
        }
        let sums = match crate::app::spend::ceilings(&self.store, &self.agreements, self.today) {
            Ok(sums) => sums,
            Err(e) => return problems.push(e.message(self.cat)),
        };
        for (a, (cumulative, last_twelve)) in self.agreements.iter().zip(sums) {
            let Some(max) = a.money.max_value.filter(|m| m.0 > 0) else {
                continue;
            };
            let share = cumulative.0 as f64 / max.0 as f64;
            if share < 0.8 {
                continue;
            }
            let percent =
                crate::app::statistics::procurement_export::percent(self.cat, Some(share));
            let note = match ceiling_forecast(cumulative, max, last_twelve, self.today) {
                CeilingForecast::Reached => {
                    crate::tr!(self.cat, "ui.spend.agenda.reached", percent = percent)
                }
                CeilingForecast::At(day) => crate::tr!(
                    self.cat,
                    "ui.spend.agenda.near",
                    percent = percent,
                    date = crate::app::form::format_date(day)
                ),
                CeilingForecast::NotAtThisRate => {
                    crate::tr!(self.cat, "ui.spend.agenda.near_no_rate", percent = percent)
                }
            };
            items.push(item(
                a,
                self.today,
                AgendaKind::MaxValue,
                note,
                AgendaLink::Spend,
            ));
        }
    }

    /// Penalties to claim, damages improvement deadlines and termination next steps.
    fn sanction_items(&self, items: &mut Vec<AgendaItem>, problems: &mut Vec<String>) {
        use crate::domain::sanction::CaseStatus;
        let by_id = |id: AgreementId| self.agreements.iter().find(|a| a.id == id);
        let limit = self.today + Duration::days(ITEMS_AHEAD_DAYS);
        // One line per supplier, from totals kept on write: a large agreement may have
        // thousands of penalties identified and not yet claimed.
        match self.store.claims_to_make() {
            Ok(totals) => {
                for t in totals {
                    let Some(a) = by_id(t.agreement) else {
                        continue;
                    };
                    let note = crate::tr!(
                        self.cat,
                        "ui.sanctions.agenda.penalty_note",
                        supplier = a.supplier_name(&t.supplier),
                        n = t.count,
                        amount = self.cat.money_kr(t.amount)
                    );
                    let kind = AgendaKind::PenaltyToClaim;
                    items.push(item(a, self.today, kind, note, AgendaLink::Sanctions));
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        match self.store.damages_cases(None) {
            Ok(cases) => {
                for c in cases.iter().filter(|c| c.status == CaseStatus::Open) {
                    let (Some(a), Some(due)) = (by_id(c.agreement), c.improvement_deadline) else {
                        continue;
                    };
                    if due > limit {
                        continue;
                    }
                    let note = format!(
                        "{} {} · {}",
                        c.id,
                        c.improvement_demanded,
                        a.supplier_name(&c.supplier)
                    );
                    let kind = AgendaKind::ImprovementDeadline;
                    items.push(item(a, due, kind, note, AgendaLink::Sanctions));
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
        match self.store.termination_cases(None) {
            Ok(cases) => {
                for c in cases.iter().filter(|c| c.status == CaseStatus::Open) {
                    let Some(a) = by_id(c.agreement) else {
                        continue;
                    };
                    let next = match c.next_level(&a.escalation) {
                        Some(l) => format!("{} {}", l.level, l.title),
                        None => self.cat.t("ui.sanctions.last_level_reached").to_string(),
                    };
                    let since = c.steps.last().map_or(c.opened, |s| s.sent_on);
                    let note = format!("{} → {next} · {}", c.id, a.supplier_name(&c.supplier));
                    let kind = AgendaKind::TerminationStep;
                    items.push(item(a, since, kind, note, AgendaLink::Sanctions));
                }
            }
            Err(e) => problems.push(e.message(self.cat)),
        }
    }
}
