//! The minutes of a meeting as Markdown, ready to send to the supplier. Every word that is
//! not the user's own comes from [`MinutesLabels`], which the app fills from the catalogues,
//! so this stays free of UI text.

use std::fmt::Write;

use super::{Action, ActionStatus, Meeting, MeetingKind, MeetingStatus, Side};
use crate::domain::agreement::Agreement;

/// The fixed words of the export. The arrays follow the order of each enum's `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesLabels {
    /// The document's heading, e.g. "Minnesanteckningar".
    pub title: String,
    pub meeting_id: String,
    pub agreement: String,
    pub supplier: String,
    pub kind: String,
    pub date: String,
    pub place: String,
    pub status: String,
    pub attendees: String,
    pub agenda: String,
    /// Before an origin, e.g. "från" in "(från M-0003, 2026-02-10)".
    pub carried_from: String,
    pub minutes: String,
    pub decisions: String,
    pub actions: String,
    /// Column headings of the action table.
    pub action_text: String,
    pub owner: String,
    pub side: String,
    pub due: String,
    /// For an empty section or cell, e.g. "–".
    pub none: String,
    pub kinds: [String; 5],
    pub sides: [String; 2],
    pub meeting_statuses: [String; 3],
    pub action_statuses: [String; 3],
}

impl MinutesLabels {
    /// Every label asked of `lookup` by key: `minutes.<field>` for the headings,
    /// `meeting.kind.<key>`, `meeting.side.<key>`, `meeting.status.<key>` and
    /// `action.status.<key>` for the names, with the keys of [`MeetingKind::key`] and its
    /// siblings. The app passes its catalogue; tests pass a table.
    pub fn from_lookup(lookup: impl Fn(&str) -> String) -> MinutesLabels {
        let f = |field: &str| lookup(&format!("minutes.{field}"));
        MinutesLabels {
            title: f("title"),
            meeting_id: f("meeting_id"),
            agreement: f("agreement"),
            supplier: f("supplier"),
            kind: f("kind"),
            date: f("date"),
            place: f("place"),
            status: f("status"),
            attendees: f("attendees"),
            agenda: f("agenda"),
            carried_from: f("carried_from"),
            minutes: f("minutes"),
            decisions: f("decisions"),
            actions: f("actions"),
            action_text: f("action_text"),
            owner: f("owner"),
            side: f("side"),
            due: f("due"),
            none: f("none"),
            kinds: MeetingKind::ALL.map(|k| lookup(&format!("meeting.kind.{}", k.key()))),
            sides: Side::ALL.map(|s| lookup(&format!("meeting.side.{}", s.key()))),
            meeting_statuses: MeetingStatus::ALL
                .map(|s| lookup(&format!("meeting.status.{}", s.key()))),
            action_statuses: ActionStatus::ALL
                .map(|s| lookup(&format!("action.status.{}", s.key()))),
        }
    }

    fn kind_name(&self, k: MeetingKind) -> &str {
        let i = MeetingKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
        &self.kinds[i]
    }

    fn side_name(&self, s: Side) -> &str {
        let i = Side::ALL.iter().position(|x| *x == s).unwrap_or(0);
        &self.sides[i]
    }

    fn meeting_status_name(&self, s: MeetingStatus) -> &str {
        let i = MeetingStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
        &self.meeting_statuses[i]
    }

    fn action_status_name(&self, s: ActionStatus) -> &str {
        let i = ActionStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
        &self.action_statuses[i]
    }
}

/// The minutes of `meeting` under `agreement`: heading facts, attendees by side (buyer
/// first), the agenda with carried-over points marked by origin, the minutes exactly as
/// written, decisions, and `actions` (the caller's choice, normally the meeting's own) as a
/// table in id order. Lines marked as lessons are not marked here: lessons are the buyer's
/// notes for the next procurement, not part of what the supplier gets.
pub fn minutes_markdown(
    meeting: &Meeting,
    agreement: &Agreement,
    supplier_name: Option<&str>,
    actions: &[Action],
    labels: &MinutesLabels,
) -> String {
    let l = labels;
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "# {}: {} {}\n",
        l.title,
        l.kind_name(meeting.kind),
        meeting.date
    );
    let mut fact = |label: &str, value: &str| {
        let _ = writeln!(out, "- **{label}:** {}", one_line(value));
    };
    fact(&l.meeting_id, &meeting.id.to_string());
    fact(
        &l.agreement,
        &format!("{} {}", agreement.reference, agreement.name),
    );
    if let Some(org) = &meeting.supplier {
        let name = supplier_name.map(|n| format!("{n} ({org})"));
        fact(&l.supplier, &name.unwrap_or_else(|| org.to_string()));
    }
    fact(&l.kind, l.kind_name(meeting.kind));
    let when = match meeting.time {
        Some(t) => format!("{} {:02}:{:02}", meeting.date, t.hour(), t.minute()),
        None => meeting.date.to_string(),
    };
    fact(&l.date, &when);
    fact(&l.place, or_none(&meeting.place, &l.none));
    fact(&l.status, l.meeting_status_name(meeting.status));

    let _ = writeln!(out, "\n## {}\n", l.attendees);
    if meeting.attendees.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    }
    for side in Side::ALL {
        let people: Vec<_> = meeting
            .attendees
            .iter()
            .filter(|a| a.side == side)
            .collect();
        if people.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{}**\n", l.side_name(side));
        for a in people {
            let name = one_line(&a.name);
            let _ = match a.role.trim() {
                "" => writeln!(out, "- {name}"),
                role => writeln!(out, "- {name}, {}", one_line(role)),
            };
        }
        out.push('\n');
    }
    if !meeting.attendees.is_empty() {
        out.pop();
    }

    let _ = writeln!(out, "\n## {}\n", l.agenda);
    if meeting.agenda.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    }
    for (i, p) in meeting.agenda.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, one_line(&p.text));
        if let Some(c) = p.carried_from {
            let _ = write!(
                out,
                " *({} {}, {}, {})*",
                l.carried_from, c.meeting, c.date, c.action
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "\n## {}\n", l.minutes);
    let text = meeting.minutes.trim_end();
    let _ = writeln!(out, "{}", or_none(text, &l.none));

    let _ = writeln!(out, "\n## {}\n", l.decisions);
    if meeting.decisions.is_empty() {
        let _ = writeln!(out, "{}", l.none);
    }
    for d in &meeting.decisions {
        let _ = writeln!(out, "- {}", one_line(d));
    }

    let _ = writeln!(out, "\n## {}\n", l.actions);
    if actions.is_empty() {
        let _ = writeln!(out, "{}", l.none);
        return out;
    }
    let _ = writeln!(
        out,
        "| # | {} | {} | {} | {} | {} |",
        cell(&l.action_text),
        cell(&l.owner),
        cell(&l.side),
        cell(&l.due),
        cell(&l.status)
    );
    out.push_str("|---|---|---|---|---|---|\n");
    let mut sorted: Vec<&Action> = actions.iter().collect();
    sorted.sort_by_key(|a| a.id);
    for a in sorted {
        let due = a.due.map(|d| d.to_string());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            a.id,
            cell(&a.text),
            cell(or_none(&a.owner, &l.none)),
            cell(l.side_name(a.side)),
            cell(due.as_deref().unwrap_or(&l.none)),
            cell(l.action_status_name(a.status))
        );
    }
    out
}

fn or_none<'a>(s: &'a str, none: &'a str) -> &'a str {
    if s.trim().is_empty() { none } else { s }
}

/// A user's text on one line (a list item or heading would break at a newline).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table cell: on one line, with `|` escaped so it does not split the row.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}
