//! One call-off: its fields, its outcome, and the request cascade drawn as a timeline of
//! deadlines and answers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use time::PrimitiveDateTime;

use crate::app::App;
use crate::app::calloffs::CallOffDetail;
use crate::app::form::{format_date, format_datetime};
use crate::domain::calloff::{Answer, CallOffMethod, Request, RequestState, request_state};
use crate::domain::calloff_row::CallOffRow;
use crate::domain::ranking::RankingOutcome;
use crate::domain::{Agreement, ResponseTime};
use crate::i18n::Catalog;
use crate::tr;

use super::outcome_text;
use crate::ui::theme;
use crate::ui::widgets::{titled, window_start};

fn answer_text(cat: &Catalog, r: &Request) -> String {
    match (r.answer, r.answered_at) {
        (Some(Answer::Offer), Some(at)) => tr!(cat, "ui.cascade.offer_at", at = short(at)),
        (Some(Answer::Decline), Some(at)) => tr!(cat, "ui.cascade.decline_at", at = short(at)),
        _ => cat.t("ui.cascade.no_answer").to_string(),
    }
}

/// `04-07 23:59`: the year is in the call-off's heading.
fn short(t: PrimitiveDateTime) -> String {
    format_datetime(t).get(5..).unwrap_or_default().to_string()
}

fn state_text(cat: &Catalog, s: RequestState) -> (&str, Style) {
    match s {
        RequestState::AnsweredInTime => (cat.t("ui.cascade.in_time"), theme::ok()),
        RequestState::NotAnsweredInTime => (cat.t("ui.cascade.not_in_time"), theme::overdue()),
        RequestState::Pending => (cat.t("ui.cascade.pending"), theme::soon()),
    }
}

/// A bar from sending to deadline on the common axis `t0..t1`: `├` sent, `┤` deadline,
/// `●` an answer in time, `✗` one after the deadline, `▸` where "now" is if still open.
fn timeline_bar(
    r: &Request,
    rt: ResponseTime,
    t0: PrimitiveDateTime,
    t1: PrimitiveDateTime,
    now: PrimitiveDateTime,
    width: usize,
) -> String {
    if width < 3 {
        return String::new();
    }
    let span = (t1 - t0).whole_minutes().max(1);
    let pos = |t: PrimitiveDateTime| -> usize {
        let m = (t - t0).whole_minutes().clamp(0, span);
        ((m as i128 * (width as i128 - 1)) / span as i128) as usize
    };
    let deadline = r.deadline(rt);
    let mut cells = vec![' '; width];
    let (from, to) = (pos(r.sent_at), pos(deadline));
    for c in cells.iter_mut().take(to + 1).skip(from) {
        *c = '─';
    }
    cells[from] = '├';
    cells[to] = '┤';
    match (r.answer, r.answered_at) {
        (Some(_), Some(at)) => cells[pos(at)] = if at <= deadline { '●' } else { '✗' },
        _ if now >= r.sent_at && now <= t1 => cells[pos(now)] = '▸',
        _ => {}
    }
    cells.into_iter().collect()
}

pub(super) fn detail(frame: &mut Frame, app: &App, a: &Agreement, d: &CallOffDetail, area: Rect) {
    let cat = app.cat;
    let Some(row) = app.calloffs.row(&d.reference) else {
        return;
    };
    let c = &row.calloff;
    // The agreement first: agreements may number their call-offs alike.
    let title = format!(
        "{} · {} · {} · {}",
        a.reference,
        c.reference,
        c.lot,
        format_datetime(c.requested_at)
    );
    let inner = titled(frame, area, title);
    let none = || cat.t("common.none").to_string();
    // Two fields a line, each cut to its half of the width so the columns stay aligned.
    let value_width = (inner.width as usize / 2).saturating_sub(18).max(8);
    let kv = |label: &str, value: String| {
        vec![
            Span::styled(
                format!("{:<16} ", truncate(cat.t(label), 16)),
                theme::header(),
            ),
            Span::raw(format!(
                "{:<w$}",
                truncate(&value, value_width),
                w = value_width
            )),
        ]
    };
    let pair = |l1: &str, v1: String, l2: &str, v2: String| {
        let mut spans = kv(l1, v1);
        spans.push(Span::raw(" "));
        spans.extend(kv(l2, v2));
        Line::from(spans)
    };
    let awarded = c
        .awarded_supplier
        .as_ref()
        .map(|o| a.supplier_name(o))
        .unwrap_or_else(none);
    let mut lines = vec![
        pair(
            "ui.field.orderer",
            if c.orderer.is_empty() {
                none()
            } else {
                c.orderer.clone()
            },
            "ui.field.method",
            cat.t(match c.method {
                CallOffMethod::Ranking => "ui.method.ranking",
                CallOffMethod::Competition => "ui.method.competition",
            })
            .to_string(),
        ),
        pair(
            "ui.field.awarded",
            awarded,
            "ui.field.value",
            c.value.map(|v| v.to_string()).unwrap_or_else(none),
        ),
        pair(
            "ui.field.delivery_due",
            c.delivery_due.map(format_date).unwrap_or_else(none),
            "ui.field.delivered_at",
            c.delivered_at.map(format_date).unwrap_or_else(none),
        ),
        pair(
            "ui.field.consultants",
            format!(
                "{} ({} {})",
                c.consultants,
                c.replaced_due_to_complaint,
                cat.t("ui.calloffs.replaced_short")
            ),
            "ui.field.quality",
            c.quality.map(|q| format!("{q}/5")).unwrap_or_else(none),
        ),
    ];
    let (outcome, style) = outcome_line(cat, a, row);
    lines.push(Line::from(vec![
        Span::styled(
            format!("{:<16} ", truncate(cat.t("ui.calloffs.col_outcome"), 16)),
            theme::header(),
        ),
        Span::styled(outcome, style),
    ]));
    if let Some(reason) = c
        .deviation_reason
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<16} ", truncate(cat.t("ui.field.deviation_reason"), 16)),
                theme::header(),
            ),
            Span::raw(reason.to_string()),
        ]));
    }
    // Room for the outcome to wrap onto a second line.
    let top_height = lines.len() as u16 + 2;
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), top);
    cascade(frame, app, a, d, row, bottom);
}

fn outcome_line(cat: &Catalog, a: &Agreement, row: &CallOffRow) -> (String, Style) {
    match &row.outcome {
        RankingOutcome::Deviation {
            kinds,
            suppliers,
            motivated,
        } => {
            let kinds: Vec<String> = kinds
                .iter()
                .map(|k| cat.t(&format!("ui.kind.{}", k.key())).to_string())
                .collect();
            let names: Vec<String> = suppliers.iter().map(|o| a.supplier_name(o)).collect();
            let text = tr!(
                cat,
                "ui.calloffs.deviation_about",
                kinds = kinds.join(", "),
                suppliers = names.join(", ")
            );
            let motivated = if *motivated {
                cat.t("ui.calloffs.motivated")
            } else {
                cat.t("ui.calloffs.not_motivated")
            };
            (
                format!("{text} {motivated}"),
                if row.calloff.has_deviation_reason() {
                    theme::soon()
                } else {
                    theme::overdue()
                },
            )
        }
        _ => outcome_text(cat, row),
    }
}

fn cascade(
    frame: &mut Frame,
    app: &App,
    a: &Agreement,
    d: &CallOffDetail,
    row: &CallOffRow,
    area: Rect,
) {
    let cat = app.cat;
    let rt = a.response_time;
    let c = &row.calloff;
    let lot = a.lot(&c.lot);
    let heading = tr!(
        cat,
        "ui.cascade.title",
        n = d.requests.len(),
        response_time = crate::app::agreements::forms::response_time_text(cat, rt)
    );
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Span::styled(heading, theme::header()), head);
    let t0 = d.requests.iter().map(|r| r.sent_at).min();
    let t1 = d
        .requests
        .iter()
        .flat_map(|r| [Some(r.deadline(rt)), r.answered_at])
        .flatten()
        .max();
    let fixed = 4 + 22 + 12 + 12 + 22 + 12;
    let bar_width = (body.width as usize).saturating_sub(fixed).min(40);
    let mut lines: Vec<Line> = Vec::new();
    for (i, r) in d.requests.iter().enumerate() {
        let rank = lot
            .and_then(|l| l.rank_of(&r.supplier))
            .map(|n| n.to_string())
            .unwrap_or_else(|| "–".into());
        let (state, style) = state_text(cat, request_state(r, rt, app.now));
        let awarded = c.awarded_supplier.as_ref() == Some(&r.supplier);
        let mut name = a.supplier_name(&r.supplier);
        if awarded {
            name.push_str(" ★");
        }
        let bar = match (t0, t1) {
            (Some(t0), Some(t1)) => timeline_bar(r, rt, t0, t1, app.now, bar_width),
            _ => String::new(),
        };
        let line = Line::from(vec![
            Span::raw(format!("{rank:>3} ")),
            Span::raw(format!("{:<22}", truncate(&name, 21))),
            Span::raw(format!("{:<12}", short(r.sent_at))),
            Span::raw(format!("{:<12}", short(r.deadline(rt)))),
            Span::raw(format!("{:<22}", answer_text(cat, r))),
            Span::styled(format!("{state:<12}"), style),
            Span::styled(bar, theme::muted()),
        ]);
        lines.push(if i == d.selected {
            line.style(theme::selected())
        } else {
            line
        });
    }
    // Higher-ranked suppliers never asked: the cascade skipped them.
    if let Some(lot) = lot {
        for (i, org) in lot.ranking.iter().enumerate() {
            if d.requests.iter().any(|r| &r.supplier == org) {
                continue;
            }
            let awarded_rank = c.awarded_supplier.as_ref().and_then(|o| lot.rank_of(o));
            if awarded_rank.is_some_and(|k| i + 1 < k) {
                lines.push(Line::from(vec![
                    Span::raw(format!("{:>3} ", i + 1)),
                    Span::raw(format!("{:<22}", truncate(&a.supplier_name(org), 21))),
                    Span::styled(cat.t("ui.cascade.not_asked").to_string(), theme::overdue()),
                ]));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            cat.t("ui.cascade.empty"),
            theme::muted(),
        )));
    }
    let header = Line::from(Span::styled(
        format!(
            "{:>3} {:<22}{:<12}{:<12}{:<22}{:<12}",
            cat.t("ui.cascade.col_rank"),
            cat.t("ui.cascade.col_supplier"),
            cat.t("ui.cascade.col_sent"),
            cat.t("ui.cascade.col_deadline"),
            cat.t("ui.cascade.col_answer"),
            cat.t("ui.cascade.col_state"),
        ),
        theme::muted(),
    ));
    let height = body.height.saturating_sub(1) as usize;
    app.page.set(height.max(1));
    let start = window_start(d.selected, lines.len(), height);
    let shown: Vec<Line> = std::iter::once(header)
        .chain(lines.into_iter().skip(start).take(height))
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
