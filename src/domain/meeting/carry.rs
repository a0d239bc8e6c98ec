//! Open actions carried to the next meeting's agenda, so nothing decided is forgotten
//! between two meetings (DESIGN §1.3).

use std::collections::{BTreeMap, BTreeSet};

use super::{Action, ActionId, ActionStatus, AgendaPoint, CarriedFrom, Meeting};

/// The meetings of `next`'s agreement held before it (by date, then time; same day and
/// time by id), oldest first. With `same_supplier`, only those with `next`'s supplier (an
/// internal meeting, with no supplier, then sees only the other internal ones).
pub fn earlier_meetings(all: &[Meeting], next: &Meeting, same_supplier: bool) -> Vec<Meeting> {
    let at = |m: &Meeting| (m.date, m.time, m.id);
    let mut out: Vec<Meeting> = all
        .iter()
        .filter(|m| m.agreement == next.agreement && m.id != next.id && at(m) < at(next))
        .filter(|m| !same_supplier || m.supplier == next.supplier)
        .cloned()
        .collect();
    out.sort_by_key(|m| at(m));
    out
}

/// One agenda point for each open action noted at one of `earlier_meetings`, naming the
/// meeting (and its date) where it was noted. Done and cancelled actions are not carried;
/// actions of other meetings (another supplier's, say) are ignored, so the caller chooses
/// the scope by the meetings it passes. An action already carried once keeps pointing at
/// the meeting that noted it, and appears once however often it is listed. Oldest meeting
/// first, then by action id.
pub fn carry_over(previous: &[Action], earlier_meetings: &[Meeting]) -> Vec<AgendaPoint> {
    let dates: BTreeMap<_, _> = earlier_meetings.iter().map(|m| (m.id, m.date)).collect();
    let mut seen = BTreeSet::new();
    let mut open: Vec<(CarriedFrom, &str)> = previous
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .filter_map(|a| {
            let date = *dates.get(&a.meeting)?;
            let from = CarriedFrom {
                meeting: a.meeting,
                date,
                action: a.id,
            };
            Some((from, a.text.as_str()))
        })
        .filter(|(from, _)| seen.insert(from.action))
        .collect();
    open.sort_by_key(|(from, _)| (from.date, from.meeting, from.action));
    open.into_iter()
        .map(|(from, text)| AgendaPoint {
            text: text.to_string(),
            carried_from: Some(from),
        })
        .collect()
}

/// Appends to `agenda` the carried points whose action is not on it yet, so carrying
/// over twice adds nothing the second time; returns how many were added.
pub fn add_carried(agenda: &mut Vec<AgendaPoint>, points: Vec<AgendaPoint>) -> usize {
    let on_agenda: BTreeSet<ActionId> = agenda
        .iter()
        .filter_map(|p| p.carried_from.map(|c| c.action))
        .collect();
    let before = agenda.len();
    agenda.extend(points.into_iter().filter(|p| {
        p.carried_from
            .is_none_or(|c| !on_agenda.contains(&c.action))
    }));
    agenda.len() - before
}
