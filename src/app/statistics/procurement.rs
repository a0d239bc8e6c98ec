//! Before the next procurement (DESIGN §1.9): the outcome over the whole agreement beside
//! its goal picture, deviations by supplier, purchases outside the agreement with the
//! decisions taken, sanctions, and the lessons noted along the way — gathered once when
//! the view opens, shown by `ui::statistics::procurement` and written as Markdown by `x`.

use time::Date;

use crate::domain::Agreement;
use crate::domain::purchase::{CategoryDecision, Total, analyse};
use crate::stats::{KpiTable, Period};
use crate::store::StoreError;

use crate::app::App;

/// Deviations about one supplier over the whole agreement.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SupplierDeviations {
    pub name: String,
    /// Ranking deviations where the supplier got the call-off.
    pub awarded: u64,
    /// Ranking deviations the supplier was passed over in (or not asked).
    pub passed_over: u64,
    /// Deviations registered by hand about the supplier.
    pub manual: u64,
}

/// Where a lesson was noted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonSource {
    /// A minute line marked as a lesson, in this meeting (its id as shown).
    Meeting(String),
    /// A deviation registered by hand and marked as a lesson (its number).
    Deviation(u64),
    /// A log entry of a sanction (penalty, damages or termination case: its id as shown).
    Sanction(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub date: Date,
    pub source: LessonSource,
    pub text: String,
}

/// Everything the view and the export show.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcurementReport {
    pub reference: String,
    pub name: String,
    pub goal_picture: String,
    pub period: Period,
    pub kpis: KpiTable,
    pub deviations: Vec<SupplierDeviations>,
    pub purchases: Vec<(String, Total, CategoryDecision)>,
    pub purchases_total: Total,
    /// One line per sanction by supplier — see [`sanctions_by_supplier`].
    pub sanctions: Option<Vec<String>>,
    pub lessons: Vec<Lesson>,
    /// The latest invoice sample (fakturakontroll), whose outcome the report states.
    pub sample: Option<crate::domain::spend::sample::InvoiceSample>,
}

/// One line per supplier with sanctions (DESIGN §1.7): penalties identified and claimed
/// (with the amount claimed or paid), damages cases and termination cases. `Some(empty)`
/// says there were none. The penalties come from counts kept on write.
fn sanctions_by_supplier(app: &App, a: &Agreement) -> Result<Option<Vec<String>>, StoreError> {
    let claims = app.store.claims_by_supplier(a.id)?;
    let damages = app.store.damages_cases(Some(a.id))?;
    let terminations = app.store.termination_cases(Some(a.id))?;
    let mut lines = Vec::new();
    for s in &a.suppliers {
        let (penalties, claimed) = claims
            .iter()
            .find(|c| c.supplier == s.org_number.digits())
            .map_or((0, crate::domain::Money(0)), |c| (c.count, c.claimed));
        let d = damages
            .iter()
            .filter(|c| c.supplier == s.org_number)
            .count();
        let t = terminations
            .iter()
            .filter(|c| c.supplier == s.org_number)
            .count();
        if penalties == 0 && d == 0 && t == 0 {
            continue;
        }
        lines.push(crate::tr!(
            app.cat,
            "ui.stats.sanctions_line",
            supplier = s.name,
            penalties = penalties,
            claimed = claimed,
            damages = d,
            terminations = t
        ));
    }
    Ok(Some(lines))
}

/// Gathers the report of `a`: the KPIs, deviations and penalties from what the store
/// keeps counted on write, so it costs the same at a million call-offs as at a hundred.
pub fn gather(app: &App, a: &Agreement) -> Result<ProcurementReport, StoreError> {
    let period = Period {
        from: a.start.min(a.end),
        to: a.end.max(a.start),
    };
    let kpis = crate::app::statistics::kpis(&app.store, a, period, app.now)?;
    let counted = app.store.deviations_by_supplier(a.id)?;
    let mut deviations: Vec<SupplierDeviations> = a
        .suppliers
        .iter()
        .map(|s| {
            let c = counted
                .iter()
                .find(|(digits, _)| digits == s.org_number.digits())
                .map(|(_, c)| *c)
                .unwrap_or_default();
            SupplierDeviations {
                name: s.name.clone(),
                awarded: c.awarded.max(0).unsigned_abs(),
                passed_over: c.passed_over.max(0).unsigned_abs(),
                manual: 0,
            }
        })
        .collect();
    let index =
        |org: &crate::domain::OrgNumber| a.suppliers.iter().position(|s| s.org_number == *org);
    let manual = app.store.deviations(Some(a.id))?;
    let mut lessons = Vec::new();
    for d in &manual {
        if let Some(i) = d.supplier.as_ref().and_then(index) {
            deviations[i].manual += 1;
        }
        if d.lesson {
            let text = match d.measures.trim() {
                "" => d.description.trim().to_string(),
                m => format!("{} — {m}", d.description.trim()),
            };
            lessons.push(Lesson {
                date: d.registered,
                source: LessonSource::Deviation(d.id.0),
                text,
            });
        }
    }
    for m in app.store.meetings(Some(a.id))? {
        for line in m.lessons() {
            lessons.push(Lesson {
                date: m.date,
                source: LessonSource::Meeting(m.id.to_string()),
                text: line.trim().trim_start_matches(['-', '*', ' ']).to_string(),
            });
        }
    }
    // Log entries of the sanctions marked as lessons.
    let sanction_logs = app
        .store
        .claims_with_lessons(a.id)?
        .into_iter()
        .map(|c| (c.id.to_string(), c.log))
        .chain(
            app.store
                .damages_cases(Some(a.id))?
                .into_iter()
                .map(|c| (c.id.to_string(), c.dialogue)),
        )
        .chain(
            app.store
                .termination_cases(Some(a.id))?
                .into_iter()
                .map(|c| (c.id.to_string(), c.log)),
        );
    for (id, log) in sanction_logs {
        for e in log.into_iter().filter(|e| e.lesson) {
            lessons.push(Lesson {
                date: e.date,
                source: LessonSource::Sanction(id.clone()),
                text: e.text.trim().to_string(),
            });
        }
    }
    lessons.sort_by_key(|l| l.date);
    let bought = app.store.purchases(a.id)?;
    let analysis = analyse(&bought);
    let decisions = app.store.decisions(a.id)?;
    let purchases = analysis
        .by_category
        .into_iter()
        .map(|(c, t)| {
            let d = decisions
                .iter()
                .find(|(k, _)| k.trim() == c)
                .map_or(CategoryDecision::Undecided, |(_, d)| *d);
            (c, t, d)
        })
        .collect();
    Ok(ProcurementReport {
        reference: a.reference.clone(),
        name: a.name.clone(),
        goal_picture: a.goal_picture.clone(),
        period,
        kpis,
        deviations,
        purchases,
        purchases_total: analysis.total,
        sanctions: sanctions_by_supplier(app, a)?,
        lessons,
        sample: app.store.samples(a.id)?.pop(),
    })
}
