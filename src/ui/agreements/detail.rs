//! One agreement in full: an overview and a section for each part of the register entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::App;
use crate::app::agreements::{Detail, Row, Section, rows};
use crate::app::form::format_date;
use crate::domain::{Agreement, ContactRole, OptionStatus, PenaltyBasis};
use crate::i18n::Catalog;
use crate::tr;

use crate::ui::theme;
use crate::ui::widgets::{days_in_words, muted_text, titled, window_start};

pub fn render(frame: &mut Frame, app: &App, d: &Detail, area: Rect) {
    let Some(a) = app.agreement(d.id) else { return };
    let cat = app.cat;
    let title = format!(
        "{} · {} · {} – {}",
        a.reference,
        a.name,
        format_date(a.start),
        format_date(a.current_end())
    );
    let inner = titled(frame, area, title);
    let [sections, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(section_bar(cat, d.section, sections.width), sections);
    if d.section == Section::Overview {
        overview(frame, app, a, body);
        return;
    }
    let list = rows(a, d.section);
    if list.is_empty() {
        muted_text(frame, cat.t("ui.detail.empty_section"), body);
        return;
    }
    let height = body.height as usize;
    app.page.set(height.max(1));
    let start = window_start(d.selected, list.len(), height);
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let line = row_line(cat, app.today, a, *row);
            if i == d.selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// The section names on one line; when they do not all fit, the line starts late enough
/// for the current one to show, with a mark that more lie to the left.
fn section_bar(cat: &Catalog, current: Section, width: u16) -> Line<'static> {
    let labels: Vec<String> = Section::ALL
        .iter()
        .map(|s| format!(" {} ", cat.t(s.label())))
        .collect();
    let widths: Vec<usize> = labels.iter().map(|l| l.chars().count()).collect();
    let current_i = Section::ALL.iter().position(|s| *s == current).unwrap_or(0);
    let mut first = 0;
    while first < current_i
        && widths[first..=current_i].iter().sum::<usize>() + 2 > usize::from(width)
    {
        first += 1;
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("‹ ", theme::muted()));
    }
    for (i, label) in labels.into_iter().enumerate().skip(first) {
        let style = if i == current_i {
            theme::active_tab()
        } else {
            theme::muted()
        };
        spans.push(Span::styled(label, style));
    }
    Line::from(spans)
}

fn overview(frame: &mut Frame, app: &App, a: &Agreement, area: Rect) {
    let cat = app.cat;
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{:<22}", cat.t(label)), theme::header()),
            Span::raw(value),
        ])
    };
    let none = || cat.t("common.none").to_string();
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none()
        } else {
            s.to_string()
        }
    };
    let mut period = format!("{} – {}", format_date(a.start), format_date(a.end));
    if a.current_end() != a.end {
        period.push_str(&tr!(
            cat,
            "ui.detail.extended_to",
            date = format_date(a.current_end())
        ));
    }
    let mut lines = vec![
        field("ui.field.reference", a.reference.clone()),
        field("ui.field.name", a.name.clone()),
        field("ui.detail.period", period),
        field(
            "ui.field.priority",
            cat.t(&format!("ui.priority.{}", a.priority.number()))
                .to_string(),
        ),
        field(
            "ui.field.response_time",
            crate::app::agreements::forms::response_time_text(cat, a.response_time),
        ),
        field("ui.field.order_mailbox", or_none(&a.order_mailbox)),
        field(
            "ui.field.keywords",
            if a.keywords.is_empty() {
                none()
            } else {
                a.keywords.join(", ")
            },
        ),
        field(
            "ui.detail.counts",
            tr!(
                cat,
                "ui.detail.counts_value",
                suppliers = a.suppliers.len(),
                lots = a.lots.len(),
                penalties = a.penalties.len(),
                levels = a.escalation.len()
            ),
        ),
    ];
    // Only where the agreement has money terms: most of the register has none.
    if !a.money.is_empty() {
        let kr = |m: Option<crate::domain::Money>| {
            m.map(|m| format!("{} kr", cat.money_compact(m)))
                .unwrap_or_else(none)
        };
        lines.push(field(
            "ui.detail.money",
            tr!(
                cat,
                "ui.detail.money_value",
                max = kr(a.money.max_value),
                estimated = kr(a.money.estimated_value),
                accounts = if a.money.accounts.is_empty() {
                    none()
                } else {
                    a.money.accounts.join(", ")
                },
                prices = a.money.prices.len()
            ),
        ));
    }
    // Before the long texts, so it is on the screen at 80×24.
    history_lines(cat, a, &mut lines);
    for (label, text) in [
        ("ui.field.goal_picture", &a.goal_picture),
        ("ui.field.calloff_routine", &a.calloff_routine),
        ("ui.field.notes", &a.notes),
    ] {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            cat.t(label).to_string(),
            theme::header(),
        )));
        if text.trim().is_empty() {
            lines.push(Line::from(Span::styled(none(), theme::muted())));
        }
        for l in text.lines() {
            lines.push(Line::from(l.to_string()));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The agreement's past: suppliers that left it and rankings that were replaced, each
/// with its date (what earlier call-offs are judged by).
fn history_lines(cat: &Catalog, a: &Agreement, lines: &mut Vec<Line<'static>>) {
    let h = &a.history;
    if h.ended_suppliers.is_empty() && h.rankings.is_empty() {
        return;
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        cat.t("ui.detail.history").to_string(),
        theme::header(),
    )));
    for e in &h.ended_suppliers {
        lines.push(Line::from(tr!(
            cat,
            "ui.detail.supplier_ended",
            supplier = e.supplier.name,
            org = e.supplier.org_number,
            date = format_date(e.ended)
        )));
    }
    let mut rankings: Vec<_> = h.rankings.iter().collect();
    rankings.sort_by(|x, y| (&x.lot, x.until).cmp(&(&y.lot, y.until)));
    for r in rankings {
        let names: Vec<String> = r
            .ranking
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{}. {}", i + 1, a.supplier_name(o)))
            .collect();
        lines.push(Line::from(tr!(
            cat,
            "ui.detail.ranking_until",
            lot = r.lot,
            date = format_date(r.until),
            ranking = names.join(", ")
        )));
    }
}

fn role_label(r: ContactRole) -> &'static str {
    match r {
        ContactRole::AccountManager => "ui.role.account_manager",
        ContactRole::CustomerTeam => "ui.role.customer_team",
        ContactRole::Escalation => "ui.role.escalation",
        ContactRole::Other => "ui.role.other",
    }
}

fn basis_label(b: PenaltyBasis) -> &'static str {
    match b {
        PenaltyBasis::PerDay => "ui.basis.per_day",
        PenaltyBasis::PerStartedWeek => "ui.basis.per_started_week",
        PenaltyBasis::PerWorkingDay => "ui.basis.per_working_day",
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn row_line<'a>(cat: &Catalog, today: time::Date, a: &'a Agreement, row: Row) -> Line<'a> {
    match row {
        Row::Lot(i) => {
            let lot = &a.lots[i];
            Line::from(Span::styled(
                tr!(
                    cat,
                    "ui.detail.lot_line",
                    lot = lot.name,
                    n = lot.ranking.len()
                ),
                theme::header(),
            ))
        }
        Row::Ranked { lot, rank } => {
            let org = &a.lots[lot].ranking[rank];
            Line::from(vec![
                Span::raw(format!("   {:>2}. ", rank + 1)),
                Span::raw(a.supplier_name(org)),
                Span::styled(format!("  {org}"), theme::muted()),
            ])
        }
        Row::Supplier(i) => {
            let s = &a.suppliers[i];
            let lots: Vec<String> = a
                .lots
                .iter()
                .filter_map(|l| l.rank_of(&s.org_number).map(|r| format!("{} #{r}", l.name)))
                .collect();
            Line::from(vec![
                Span::styled(s.name.clone(), theme::header()),
                Span::styled(format!("  {}", s.org_number), theme::muted()),
                Span::raw(format!("  {}", lots.join(", "))),
            ])
        }
        Row::Contact { supplier, index } => {
            let c = &a.suppliers[supplier].contacts[index];
            let level = c
                .escalation_level
                .map(|l| tr!(cat, "ui.detail.level_n", n = l))
                .unwrap_or_default();
            Line::from(format!(
                "     {}",
                join(&[
                    &c.name,
                    cat.t(role_label(c.role)),
                    &c.email,
                    &c.phone,
                    &level
                ])
            ))
        }
        Row::Penalty(i) => {
            let p = &a.penalties[i];
            let cap = p
                .cap
                .map(|c| tr!(cat, "ui.detail.cap", cap = c))
                .unwrap_or_default();
            Line::from(join(&[
                cat.t("ui.detail.late_delivery"),
                cat.t(basis_label(p.basis)),
                &p.rate.to_string(),
                &cap,
            ]))
        }
        Row::Escalation(i) => {
            let l = &a.escalation[i];
            Line::from(join(&[
                &tr!(cat, "ui.detail.level_n", n = l.level),
                &l.title,
                &l.buyer_contact,
                &l.description.replace('\n', " "),
            ]))
        }
        Row::Option(i) => {
            let o = &a.extension_options[i];
            let status = match o.status {
                OptionStatus::Open => cat.t("ui.option.open"),
                OptionStatus::Exercised => cat.t("ui.option.exercised"),
                OptionStatus::Declined => cat.t("ui.option.declined"),
            };
            let when = if o.status == OptionStatus::Open {
                days_in_words(cat, o.notice_date, today)
            } else {
                String::new()
            };
            let text = join(&[
                &tr!(cat, "ui.detail.option_to", date = format_date(o.extends_to)),
                &tr!(
                    cat,
                    "ui.detail.notice_by",
                    date = format_date(o.notice_date)
                ),
                status,
                &when,
                &o.note,
            ]);
            let style = if o.status == OptionStatus::Open && o.notice_date < today {
                theme::overdue()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text, style))
        }
        Row::Template(i) => {
            let t = &a.order_templates[i];
            Line::from(join(&[&t.name, &t.location]))
        }
        Row::Orderer(i) => {
            let o = &a.orderers[i];
            Line::from(join(&[&o.name, &o.unit, &o.email]))
        }
        Row::Member(i) => {
            let m = &a.project_group[i];
            Line::from(join(&[&m.name, &m.role, &m.email]))
        }
    }
}
