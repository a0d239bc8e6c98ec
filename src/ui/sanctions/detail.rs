//! The selected sanction case beneath the list: its facts (a penalty's arithmetic, the
//! damages dialogue's state, the escalation steps with what was sent when) and its dated
//! documentation log, whose entries are selected once the log is opened with Enter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::format_date;
use crate::app::sanctions::Part;
use crate::domain::sanction::{ClaimStatus, DamagesRefusal, LogEntry};
use crate::tr;

use crate::ui::theme;
use crate::ui::widgets::window_start;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::muted());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let facts = match app.sanctions.part {
        Part::Penalties => penalty(app),
        Part::Damages => damages(app),
        Part::Termination => termination(app),
    };
    let room = (inner.height as usize).saturating_sub(facts.len());
    let mut lines = facts;
    lines.extend(log(app, room));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn label(text: String) -> Span<'static> {
    Span::styled(text, theme::header())
}

fn fact(app: &App, key: &str, value: String) -> Line<'static> {
    // Field names double as fact labels; the lines' own labels already end in a colon.
    let name = app.cat.t(key);
    let sep = if name.ends_with(':') { " " } else { ": " };
    Line::from(vec![label(format!("{name}{sep}")), Span::raw(value)])
}

fn penalty(app: &App) -> Vec<Line<'static>> {
    let cat = app.cat;
    let Some(c) = app.sanctions.claim() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(p) = app.sanctions.proposal(&c.calloff) {
        let b = &p.breakdown;
        let basis = cat.t(&format!("ui.sanctions.basis.{}", b.term.basis.key()));
        let cap = b
            .term
            .cap
            .map(|cap| tr!(cat, "ui.sanctions.cap", cap = cap))
            .unwrap_or_default();
        let value = b
            .value
            .map(|v| cat.money_kr(v))
            .unwrap_or_else(|| "–".into());
        out.push(fact(
            app,
            "ui.sanctions.arithmetic",
            tr!(
                cat,
                "ui.sanctions.arithmetic_text",
                due = format_date(b.due),
                end = format_date(b.end),
                days = b.penalty.delay_days,
                units = b.penalty.units,
                basis = basis,
                rate = b.term.rate,
                value = value,
                cap = cap,
                amount = cat.money_kr(b.penalty.amount)
            ),
        ));
    }
    let status = cat.t(&format!("ui.sanctions.claim_status.{}", c.status.key()));
    let detail = match &c.status {
        ClaimStatus::Identified => tr!(
            cat,
            "ui.sanctions.identified_on",
            date = format_date(c.identified)
        ),
        ClaimStatus::Claimed { date, letter } => format!("{} · {letter}", format_date(*date)),
        ClaimStatus::Paid { date } => format_date(*date),
        ClaimStatus::Disputed { date, reason } | ClaimStatus::Waived { date, reason } => {
            format!("{} · {reason}", format_date(*date))
        }
    };
    out.push(fact(
        app,
        "ui.sanctions.status",
        format!("{status} {detail} · {}", cat.money_kr(c.amount)),
    ));
    out
}

fn damages(app: &App) -> Vec<Line<'static>> {
    let cat = app.cat;
    let Some(c) = app.sanctions.damages_case() else {
        return Vec::new();
    };
    let deadline = c
        .improvement_deadline
        .map(|d| tr!(cat, "ui.sanctions.until", date = format_date(d)))
        .unwrap_or_default();
    let claim = match (&c.claim, c.claim_refusal(app.today)) {
        (Some(r), _) => format!("{} · {}", format_date(r.date), cat.money_kr(r.amount)),
        (None, Some(refusal)) => {
            let why = match refusal {
                DamagesRefusal::NoDialogue => "ui.sanctions.why.no_dialogue",
                DamagesRefusal::NoImprovementDemanded => "ui.sanctions.why.no_improvement",
                DamagesRefusal::BeforeDeadline(_) => "ui.sanctions.why.before_deadline",
                _ => "ui.sanctions.why.closed",
            };
            tr!(cat, "ui.sanctions.claim_not_yet", why = cat.t(why))
        }
        (None, None) => cat.t("ui.sanctions.claim_possible").to_string(),
    };
    let dash = |s: &str| {
        if s.is_empty() {
            "–".to_string()
        } else {
            s.to_string()
        }
    };
    vec![
        fact(app, "ui.sanctions.field.breach", c.breach.clone()),
        fact(
            app,
            "ui.sanctions.field.improvement",
            format!("{}{deadline}", dash(&c.improvement_demanded)),
        ),
        fact(app, "ui.sanctions.claim", claim),
        fact(app, "ui.sanctions.field.outcome", dash(&c.outcome)),
    ]
}

fn termination(app: &App) -> Vec<Line<'static>> {
    let cat = app.cat;
    let (Some(c), Some(a)) = (app.sanctions.termination(), app.followed_agreement()) else {
        return Vec::new();
    };
    let mut out = vec![fact(app, "ui.sanctions.field.grounds", c.grounds.clone())];
    for s in &c.steps {
        let title = a
            .escalation
            .iter()
            .find(|l| l.level == s.level)
            .map(|l| l.title.clone())
            .unwrap_or_default();
        let response = if s.response.is_empty() {
            cat.t("ui.sanctions.no_response").to_string()
        } else {
            s.response.clone()
        };
        out.push(Line::from(vec![
            label(tr!(
                cat,
                "ui.sanctions.level_n",
                level = s.level,
                title = title
            )),
            Span::raw(tr!(
                cat,
                "ui.sanctions.step_text",
                date = format_date(s.sent_on),
                to = s.sent_to,
                what = s.what,
                response = response
            )),
        ]));
    }
    let next = match c.next_level(&a.escalation) {
        Some(l) => tr!(
            cat,
            "ui.sanctions.next_level",
            level = l.level,
            title = l.title,
            contact = l.buyer_contact
        ),
        None if c.status == crate::domain::sanction::CaseStatus::Open && !c.steps.is_empty() => {
            cat.t("ui.sanctions.last_level_reached").to_string()
        }
        None => String::new(),
    };
    if !next.is_empty() {
        out.push(fact(app, "ui.sanctions.next", next));
    }
    out
}

fn entry_line(app: &App, e: &LogEntry) -> String {
    let mut s = format!("{}  {}", format_date(e.date), e.text);
    if !e.attachments.is_empty() {
        s.push_str(&format!("  [{}]", e.attachments.join(", ")));
    }
    if e.shared_with_supplier {
        s.push_str(&format!("  ⇄ {}", app.cat.t("ui.sanctions.shared")));
    }
    if e.lesson {
        s.push_str(&format!("  ✎ {}", app.cat.t("ui.sanctions.lesson")));
    }
    s
}

fn log(app: &App, room: usize) -> Vec<Line<'static>> {
    let st = &app.sanctions;
    let entries = st.case_log();
    let mut out = vec![label(tr!(app.cat, "ui.sanctions.log_heading", n = entries.len())).into()];
    let room = room.saturating_sub(1);
    if entries.is_empty() {
        out.push(Line::styled(
            app.cat.t("ui.sanctions.log_empty"),
            theme::muted(),
        ));
        return out;
    }
    // Without a selection the latest entries show: the log reads forward in time.
    let selected = st.log.unwrap_or(entries.len() - 1);
    let start = window_start(selected, entries.len(), room);
    for (i, e) in entries.iter().enumerate().skip(start).take(room) {
        let style = match st.log {
            Some(s) if s == i => theme::selected(),
            _ if e.lesson => theme::soon(),
            _ => ratatui::style::Style::default(),
        };
        out.push(Line::styled(entry_line(app, e), style));
    }
    out
}
