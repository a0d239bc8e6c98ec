//! The report before the next procurement as Markdown, every word from the catalogues,
//! written by `x` in the Statistics tab to the working directory.

use std::fmt::Write as _;

use time::PrimitiveDateTime;

use crate::i18n::Catalog;
use crate::stats::RankingKpis;
use crate::tr;

use crate::app::App;
use crate::app::form::{format_date, format_datetime};
use crate::app::statistics::procurement::{LessonSource, ProcurementReport};

/// `0,75` → `75 %`; `–` for a null share (DESIGN §5's "null when 0/0").
/// The ranking compliance line of §5, one wording for the tab and the report.
pub fn ranking_line(cat: &Catalog, r: &RankingKpis) -> String {
    tr!(
        cat,
        "ui.stats.ranking_line",
        calloffs = cat.count(r.ranking_calloffs),
        compliant = cat.count(r.compliant),
        share = percent(cat, r.compliance_share),
        deviations = cat.plural("common.count.deviations", r.deviations)
    )
}

pub fn percent(cat: &Catalog, share: Option<f64>) -> String {
    match share {
        Some(s) => tr!(
            cat,
            "ui.stats.percent",
            value = crate::stats::whole_percent(s)
        ),
        None => "–".to_string(),
    }
}

/// A mean with one decimal (comma in Swedish); `–` when none.
pub fn mean(cat: &Catalog, v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{v:.1}");
            if cat.lang() == crate::i18n::Lang::Sv {
                s.replace('.', ",")
            } else {
                s
            }
        }
        None => "–".to_string(),
    }
}

/// Markdown table cells must not break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header(out: &mut String, cat: &Catalog, keys: &[&str]) {
    let cells: Vec<String> = keys.iter().map(|k| cat.t(k).to_string()).collect();
    row(out, &cells);
    row(out, &vec!["---".to_string(); keys.len()]);
}

pub fn procurement_markdown(
    cat: &Catalog,
    r: &ProcurementReport,
    as_of: PrimitiveDateTime,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        tr!(
            cat,
            "ui.stats.md.title",
            reference = r.reference,
            name = r.name
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        tr!(
            cat,
            "ui.stats.md.intro",
            from = format_date(r.period.from),
            to = format_date(r.period.to),
            as_of = format_datetime(as_of)
        )
    );
    let _ = writeln!(out, "## {}\n", cat.t("ui.stats.proc.goal"));
    match r.goal_picture.trim() {
        "" => {
            let _ = writeln!(out, "{}\n", cat.t("ui.stats.proc.no_goal"));
        }
        g => {
            let _ = writeln!(out, "{g}\n");
        }
    }
    let _ = writeln!(out, "## {}\n", cat.t("ui.stats.proc.outcome"));
    header(
        &mut out,
        cat,
        &[
            "ui.stats.col.supplier",
            "ui.stats.kpi.requests",
            "ui.stats.kpi.answered_in_time",
            "ui.stats.kpi.answered_in_time_share",
            "ui.stats.kpi.awarded",
            "ui.stats.kpi.delivered",
            "ui.stats.kpi.on_time",
            "ui.stats.kpi.consultants",
            "ui.stats.kpi.replaced",
            "ui.stats.kpi.sick_leave_share",
            "ui.stats.kpi.quality_mean",
        ],
    );
    for s in &r.kpis.suppliers {
        row(
            &mut out,
            &[
                cell(&s.name),
                s.requests.to_string(),
                s.answered_in_time.to_string(),
                percent(cat, s.answered_in_time_share),
                s.awarded.to_string(),
                s.delivered.to_string(),
                s.on_time.to_string(),
                s.consultants.to_string(),
                s.replaced_due_to_complaint.to_string(),
                percent(cat, s.sick_leave_share),
                mean(cat, s.quality_mean),
            ],
        );
    }
    let _ = writeln!(out, "\n{}\n", ranking_line(cat, &r.kpis.ranking));
    let _ = writeln!(out, "## {}\n", cat.t("ui.stats.proc.deviations"));
    header(
        &mut out,
        cat,
        &[
            "ui.stats.col.supplier",
            "ui.stats.proc.dev_awarded",
            "ui.stats.proc.dev_passed_over",
            "ui.stats.proc.dev_manual",
        ],
    );
    for d in &r.deviations {
        row(
            &mut out,
            &[
                cell(&d.name),
                d.awarded.to_string(),
                d.passed_over.to_string(),
                d.manual.to_string(),
            ],
        );
    }
    let _ = writeln!(out, "\n## {}\n", cat.t("ui.stats.proc.purchases"));
    if r.purchases.is_empty() {
        let _ = writeln!(out, "{}\n", cat.t("ui.stats.proc.none"));
    } else {
        header(
            &mut out,
            cat,
            &[
                "ui.stats.proc.category",
                "ui.stats.proc.count",
                "ui.stats.proc.amount",
                "ui.stats.proc.decision",
            ],
        );
        for (c, t, d) in &r.purchases {
            row(
                &mut out,
                &[
                    cell(c),
                    t.count.to_string(),
                    t.amount.format_compact_kronor(),
                    cat.t(crate::app::purchases::decision_label(*d)).to_string(),
                ],
            );
        }
        let _ = writeln!(
            out,
            "\n{}\n",
            tr!(
                cat,
                "ui.stats.proc.purchases_total",
                count = r.purchases_total.count,
                amount = r.purchases_total.amount.format_compact_kronor()
            )
        );
    }
    let _ = writeln!(out, "## {}\n", cat.t("ui.stats.proc.sanctions"));
    match &r.sanctions {
        None => {
            let _ = writeln!(out, "{}\n", cat.t("ui.stats.proc.sanctions_missing"));
        }
        Some(lines) if lines.is_empty() => {
            let _ = writeln!(out, "{}\n", cat.t("ui.stats.proc.none"));
        }
        Some(lines) => {
            for l in lines {
                let _ = writeln!(out, "- {l}");
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## {}\n", cat.t("ui.spend.sample.report_heading"));
    let _ = writeln!(
        out,
        "{}\n",
        crate::app::spend::sample::report_lines(cat, r.sample.as_ref()).join(" ")
    );
    let _ = writeln!(out, "## {}\n", cat.t("ui.stats.proc.lessons"));
    if r.lessons.is_empty() {
        let _ = writeln!(out, "{}", cat.t("ui.stats.proc.no_lessons"));
    }
    for l in &r.lessons {
        let _ = writeln!(
            out,
            "- {} ({}): {}",
            format_date(l.date),
            source(cat, &l.source),
            l.text
        );
    }
    out
}

/// Where a lesson was noted, in words.
pub fn source(cat: &Catalog, s: &LessonSource) -> String {
    match s {
        LessonSource::Meeting(id) => tr!(cat, "ui.stats.proc.from_meeting", id = id),
        LessonSource::Deviation(n) => tr!(cat, "ui.stats.proc.from_deviation", id = n),
        LessonSource::Sanction(id) => tr!(cat, "ui.stats.proc.from_sanction", id = id),
    }
}

impl App {
    /// Writes the report of the followed agreement to `<prefix>-<reference>.md` in the
    /// working directory and says where.
    pub(in crate::app) fn export_procurement(&mut self) {
        let Some(a) = self.followed_agreement().cloned() else {
            return self.error(self.cat.t("ui.calloffs.no_agreement").to_string());
        };
        let report = match crate::app::statistics::procurement::gather(self, &a) {
            Ok(r) => r,
            Err(e) => return self.store_failed(&e),
        };
        let safe: String = a
            .reference
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = std::path::PathBuf::from(format!(
            "{}-{safe}.md",
            self.cat.t("ui.stats.export_prefix")
        ));
        match std::fs::write(&path, procurement_markdown(self.cat, &report, self.now)) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                self.info(tr!(self.cat, "ui.stats.exported", path = shown.display()));
            }
            Err(e) => self.error(tr!(
                self.cat,
                "ui.stats.export_failed",
                path = path.display(),
                detail = e
            )),
        }
    }
}
