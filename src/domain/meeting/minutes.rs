//! The minutes of a meeting as Markdown, ready to send to the supplier. Every word that is
//! not the user's own comes from [`MinutesLabels`], which the app fills from the catalogues,
//! so this stays free of UI text.

use std::fmt::Write;

use super::{Action, ActionStatus, Meeting, MeetingKind, MeetingStatus, Side};
use crate::domain::agreement::Agreement;

/// The fixed words of the export, the same the screen uses (the app fills them from the
/// screen's catalogue keys). The arrays follow the order of each enum's `ALL`. Templates
/// name their blanks in braces, as the catalogues do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesLabels {
    /// The document's heading, a template with `{id}`, `{kind}` and `{date}`.
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
    /// After a carried-over point, a template with `{meeting}`, `{date}` and `{action}`.
    pub carried_from: String,
    pub minutes: String,
    /// The heading of an addendum, a template with `{date}`.
    pub addendum: String,
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
    /// Before each side's attendees, e.g. "Myndigheten:".
    pub side_headings: [String; 2],
    /// A side in the action table, e.g. "myndigheten".
    pub sides: [String; 2],
    pub meeting_statuses: [String; 3],
    pub action_statuses: [String; 3],
}

impl MinutesLabels {
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

/// Fills a label template's `{name}` blanks.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |out, (name, value)| {
            out.replace(&format!("{{{name}}}"), value)
        })
}

/// The minutes of `meeting` under `agreement`: heading facts, attendees by side (buyer
/// first), the agenda with carried-over points marked by origin, the minutes with their
/// lines and blank lines as written, each addendum after approval under its date,
/// decisions, and `actions` (the caller's choice, normally the meeting's own) as a table
/// in id order. Lines marked as lessons are not marked here: lessons are the buyer's notes
/// for the next procurement, not part of what the supplier gets.
pub fn minutes_markdown(
    meeting: &Meeting,
    agreement: &Agreement,
    supplier_name: Option<&str>,
    actions: &[Action],
    labels: &MinutesLabels,
) -> String {
    let l = labels;
    let mut out = String::new();
    let date = meeting.date.to_string();
    let id = meeting.id.to_string();
    let title = fill(
        &l.title,
        &[
            ("id", &id),
            ("kind", l.kind_name(meeting.kind)),
            ("date", &date),
        ],
    );
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(out, "# {}\n", one_line(&title));
    let mut fact = |label: &str, value: &str| {
        let _ = writeln!(out, "- **{label}:** {}", one_line(value));
    };
    fact(&l.meeting_id, &id);
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
    for (i, side) in Side::ALL.into_iter().enumerate() {
        let people: Vec<_> = meeting
            .attendees
            .iter()
            .filter(|a| a.side == side)
            .collect();
        if people.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{}**\n", l.side_headings[i]);
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
        let _ = write!(out, "{}", agenda_label(i + 1, &one_line(&p.text)));
        if let Some(c) = p.carried_from {
            let origin = fill(
                &l.carried_from,
                &[
                    ("meeting", &c.meeting.to_string()),
                    ("date", &c.date.to_string()),
                    ("action", &c.action.to_string()),
                ],
            );
            let _ = write!(out, " *{}*", one_line(&origin));
        }
        // A hard line break: a point the user numbered "§ 2" is no list item and would
        // otherwise run into the next.
        out.push_str("  \n");
    }

    let _ = writeln!(out, "\n## {}\n", l.minutes);
    text_block(&mut out, &meeting.minutes, &l.none);
    for a in &meeting.addenda {
        let heading = fill(&l.addendum, &[("date", &a.date.to_string())]);
        let _ = writeln!(out, "\n### {}\n", one_line(&heading));
        text_block(&mut out, &a.text, &l.none);
    }

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

/// The secretary's text with its lines and blank lines as typed. A line followed by
/// another gets a Markdown hard break (two spaces), so a reader's viewer does not run the
/// lines of a paragraph together; blank lines stay as they are, between paragraphs.
fn text_block(out: &mut String, text: &str, none: &str) {
    let text = text.trim_end();
    if text.trim().is_empty() {
        let _ = writeln!(out, "{none}");
        return;
    }
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end()).collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let next_is_text = lines.get(i + 1).is_some_and(|n| !n.is_empty());
        if !line.is_empty() && next_is_text {
            out.push_str("  ");
        }
        out.push('\n');
    }
}

/// An agenda point as shown and exported: `n. text`, unless the user numbered the point
/// (`1. Föregående protokoll`, `2) Statistik`, `§ 3 Övrigt`), which is then kept as typed
/// rather than numbered twice.
pub fn agenda_label(n: usize, text: &str) -> String {
    let text = text.trim();
    if numbered_by_user(text) {
        text.to_string()
    } else {
        format!("{n}. {text}")
    }
}

/// Starts with `§ N`, `N.`, `N)` or `N.M` followed by a space (or nothing): a number the
/// user typed. A bare `3 leverantörer` is a count, not a number.
fn numbered_by_user(text: &str) -> bool {
    let (section, rest) = match text.strip_prefix('§') {
        Some(r) => (true, r.trim_start()),
        None => (false, text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let mut tail = &rest[digits..];
    let mut marked = section;
    // `1.2.` and `1.2` are outline numbers too.
    while let Some(after) = tail.strip_prefix('.') {
        marked = true;
        let more = after.bytes().take_while(u8::is_ascii_digit).count();
        tail = &after[more..];
        if more == 0 {
            break;
        }
    }
    if let Some(after) = tail.strip_prefix([')', ':']) {
        marked = true;
        tail = after;
    }
    marked && (tail.is_empty() || tail.starts_with(char::is_whitespace))
}

/// What a captured line says without its list marker: the text an action or decision
/// made from it starts from, and how the editor recognises the line afterwards.
pub fn captured_text(line: &str) -> &str {
    line.trim().trim_start_matches(['-', '*', '•']).trim()
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
