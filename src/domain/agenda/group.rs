//! The agenda at national scale: an agreement with thousands of answers awaited would
//! push everything else off the list, so its answers awaited become one row with counts,
//! dated by the earliest (overdue ones first), opened with Enter.

use std::collections::{BTreeMap, BTreeSet};

use time::PrimitiveDateTime;

use super::{AgendaItem, AgendaKind, AgendaLink, sort};
use crate::domain::AgreementId;

/// An agreement's answers awaited are one row from this many on.
pub const GROUP_FROM: usize = 5;

/// What a group row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub count: usize,
    /// Of those, past their moment at the time of grouping.
    pub overdue: usize,
    /// Its items follow it on the list.
    pub expanded: bool,
}

/// `items` (sorted) with each agreement's answers awaited, when there are at least
/// [`GROUP_FROM`], replaced by one group row at the place of the earliest; the items of the
/// agreements in `expanded` follow their row. Sorted as [`sort`] sorts.
pub fn group_awaited(
    items: Vec<AgendaItem>,
    now: PrimitiveDateTime,
    expanded: &BTreeSet<AgreementId>,
) -> Vec<AgendaItem> {
    let mut per_agreement: BTreeMap<AgreementId, usize> = BTreeMap::new();
    for i in items.iter().filter(|i| i.kind == AgendaKind::AnswerAwaited) {
        *per_agreement.entry(i.agreement).or_default() += 1;
    }
    let grouped: BTreeSet<AgreementId> = per_agreement
        .into_iter()
        .filter(|(_, n)| *n >= GROUP_FROM)
        .map(|(a, _)| a)
        .collect();
    if grouped.is_empty() {
        return items;
    }
    let mut rest = Vec::with_capacity(items.len());
    let mut members: BTreeMap<AgreementId, Vec<AgendaItem>> = BTreeMap::new();
    for i in items {
        if i.kind == AgendaKind::AnswerAwaited && grouped.contains(&i.agreement) {
            members.entry(i.agreement).or_default().push(i);
        } else {
            rest.push(i);
        }
    }
    for (agreement, list) in &members {
        // The items came sorted: the first is the earliest.
        let first = &list[0];
        rest.push(AgendaItem {
            note: String::new(),
            link: AgendaLink::Group,
            group: Some(Group {
                count: list.len(),
                overdue: list.iter().filter(|i| i.is_overdue(now)).count(),
                expanded: expanded.contains(agreement),
            }),
            ..first.clone()
        });
    }
    sort(&mut rest);
    let mut out = Vec::with_capacity(rest.len());
    for i in rest {
        let open = i.group.filter(|g| g.expanded).map(|_| i.agreement);
        out.push(i);
        if let Some(a) = open {
            out.extend(members.remove(&a).unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn awaited(agreement: u64, day: u8, calloff: &str) -> AgendaItem {
        let date = date!(2026 - 11 - 01).replace_day(day).unwrap();
        AgendaItem {
            date,
            kind: AgendaKind::AnswerAwaited,
            agreement: AgreementId(agreement),
            reference: format!("UH-{agreement}"),
            name: String::new(),
            extends_to: None,
            at: Some(date.with_hms(12, 0, 0).unwrap()),
            note: calloff.into(),
            link: AgendaLink::CallOff(calloff.into()),
            group: None,
        }
    }

    #[test]
    fn many_answers_awaited_of_one_agreement_are_one_row_with_counts() {
        let now = datetime!(2026-11-10 09:00);
        // Agreement 1: six answers awaited, two overdue; agreement 2: two, kept as they are.
        let mut items: Vec<AgendaItem> = (0..6)
            .map(|n| awaited(1, 8 + n as u8, &format!("AV-{n}")))
            .chain([awaited(2, 9, "B-1"), awaited(2, 20, "B-2")])
            .collect();
        sort(&mut items);
        let out = group_awaited(items.clone(), now, &BTreeSet::new());
        assert_eq!(out.len(), 3);
        let g = out[0]
            .group
            .expect("the group first: its earliest is the 8th");
        assert_eq!((g.count, g.overdue, g.expanded), (6, 2, false));
        assert_eq!(out[0].link, AgendaLink::Group);
        assert_eq!(out[1].note, "B-1");
        // Expanded: the six follow their row, in date order.
        let out = group_awaited(items, now, &BTreeSet::from([AgreementId(1)]));
        assert_eq!(out.len(), 9);
        let notes: Vec<&str> = out[1..7].iter().map(|i| i.note.as_str()).collect();
        assert_eq!(notes, ["AV-0", "AV-1", "AV-2", "AV-3", "AV-4", "AV-5"]);
        assert_eq!(out[7].note, "B-1");
    }

    #[test]
    fn a_few_answers_awaited_stay_rows_of_their_own() {
        let mut items: Vec<AgendaItem> = (0..4)
            .map(|n| awaited(1, 8 + n as u8, &format!("AV-{n}")))
            .collect();
        sort(&mut items);
        let out = group_awaited(items.clone(), datetime!(2026-11-10 09:00), &BTreeSet::new());
        assert_eq!(out, items);
    }
}
