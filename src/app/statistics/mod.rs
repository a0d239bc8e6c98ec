//! The Statistics tab (DESIGN §1.8, §1.9): the §5 KPI table per supplier for a period
//! that ←/→ steps, trends month by month, the suppliers' own figures beside the
//! register's, and the view before the next procurement. Every figure comes from the
//! store's aggregates and is computed when the agreement, the period or the data
//! changes — never per frame.

pub(crate) mod keys;
pub mod procurement;
pub mod procurement_export;

use time::{Date, Duration, Month, PrimitiveDateTime};

use crate::domain::counts::AggregateMonths;
use crate::domain::supplier_report::month_of;
use crate::domain::{Agreement, AgreementId};
use crate::stats::{self, KpiTable, MonthComparison, Period, TrendMonth};
use crate::store::{Store, StoreError};

use super::App;
use super::form::{Field, FieldKind, Form, FormTarget, form_keys, format_date};

form_keys! {
    /// The Statistics tab's custom period.
    pub enum PeriodKey {
        From => "ui.stats.form.from",
        To => "ui.stats.form.to",
    }
}
use super::keymap::{Act, Binding};
use super::statistics::procurement::ProcurementReport;

pub use super::statistics::keys::{STATISTICS, StatsAct};

/// How long the period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodKind {
    Month,
    Quarter,
    #[default]
    Year,
    /// The agreement's own start to end.
    Agreement,
    /// From and to, as typed in the period form.
    Custom,
}

impl PeriodKind {
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "ui.stats.period.month",
            PeriodKind::Quarter => "ui.stats.period.quarter",
            PeriodKind::Year => "ui.stats.period.year",
            PeriodKind::Agreement => "ui.stats.period.agreement",
            PeriodKind::Custom => "ui.stats.period.custom",
        }
    }

    fn next(self) -> PeriodKind {
        match self {
            PeriodKind::Month => PeriodKind::Quarter,
            PeriodKind::Quarter => PeriodKind::Year,
            PeriodKind::Year => PeriodKind::Agreement,
            PeriodKind::Agreement | PeriodKind::Custom => PeriodKind::Month,
        }
    }
}

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatsView {
    #[default]
    Kpis,
    Trends,
    Compare,
    Procurement,
}

impl StatsView {
    pub const ALL: [StatsView; 4] = [
        StatsView::Kpis,
        StatsView::Trends,
        StatsView::Compare,
        StatsView::Procurement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatsView::Kpis => "ui.stats.view.kpis",
            StatsView::Trends => "ui.stats.view.trends",
            StatsView::Compare => "ui.stats.view.compare",
            StatsView::Procurement => "ui.stats.view.procurement",
        }
    }
}

/// What was computed for the agreement and period on show.
#[derive(Debug, Clone, Default)]
pub struct Computed {
    pub period: Option<Period>,
    pub kpis: Option<KpiTable>,
    /// The months of the trend window (at least the twelve ending with the period).
    pub window: Vec<Date>,
    pub months: AggregateMonths,
    /// Reported months in the period beside the register's figures.
    pub compare: Vec<MonthComparison>,
    pub procurement: Option<ProcurementReport>,
}

#[derive(Debug, Clone, Default)]
pub struct StatisticsState {
    pub view: StatsView,
    pub kind: PeriodKind,
    /// A day in the period shown (month, quarter and year are found around it).
    pub anchor: Option<Date>,
    pub custom: Option<Period>,
    /// The supplier the trends and the comparison are about (index), None: all.
    pub supplier: Option<usize>,
    /// Scroll of the comparison and procurement views.
    pub scroll: usize,
    pub computed: Computed,
    /// The last procurement report of (agreement, the store's last change): at a million
    /// call-offs gathering it reads tens of thousands of deviation rows and claims, and
    /// only its KPIs (as of now) move while nothing is written.
    pub procurement_cache: Option<(AgreementId, u64, ProcurementReport)>,
}

fn first_of(year: i32, month: u8) -> Date {
    Month::try_from(month)
        .ok()
        .and_then(|m| Date::from_calendar_date(year, m, 1).ok())
        .unwrap_or(Date::MIN)
}

/// The last day of `d`'s month.
pub fn month_end(d: Date) -> Date {
    let (y, m) = (d.year(), u8::from(d.month()));
    let next = if m == 12 {
        first_of(y + 1, 1)
    } else {
        first_of(y, m + 1)
    };
    next.previous_day().unwrap_or(d)
}

/// `d` moved by `n` months, on the first of the month.
pub fn add_months(d: Date, n: i32) -> Date {
    let total = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + n;
    first_of(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
}

/// The period of `kind` around `anchor`.
pub fn period_of(kind: PeriodKind, anchor: Date, a: &Agreement, custom: Option<Period>) -> Period {
    let m = month_of(anchor);
    match kind {
        PeriodKind::Month => Period {
            from: m,
            to: month_end(m),
        },
        PeriodKind::Quarter => {
            let q = (u8::from(anchor.month()) - 1) / 3 * 3 + 1;
            let from = first_of(anchor.year(), q);
            Period {
                from,
                to: month_end(add_months(from, 2)),
            }
        }
        PeriodKind::Year => Period {
            from: first_of(anchor.year(), 1),
            to: month_end(first_of(anchor.year(), 12)),
        },
        PeriodKind::Agreement => Period {
            from: a.start.min(a.end),
            to: a.end.max(a.start),
        },
        PeriodKind::Custom => custom.unwrap_or(Period {
            from: m,
            to: month_end(m),
        }),
    }
}

impl StatisticsState {
    /// The trend window's months for the supplier chosen (or all), by `stats`' rules.
    pub fn trends(&self) -> Vec<TrendMonth> {
        stats::trends(&self.computed.months, &self.computed.window, self.supplier)
    }

    /// Moves the period one step back (-1) or on (1).
    fn step(&mut self, today: Date, delta: i32) {
        let anchor = self.anchor.unwrap_or(today);
        match self.kind {
            PeriodKind::Month => self.anchor = Some(add_months(anchor, delta)),
            PeriodKind::Quarter => self.anchor = Some(add_months(anchor, 3 * delta)),
            PeriodKind::Year => self.anchor = Some(add_months(anchor, 12 * delta)),
            PeriodKind::Agreement => {}
            PeriodKind::Custom => {
                if let Some(p) = self.custom {
                    let len = (p.to - p.from) + Duration::days(1);
                    let shift = len * delta;
                    self.custom = Some(Period {
                        from: p.from + shift,
                        to: p.to + shift,
                    });
                }
            }
        }
    }
}

impl App {
    /// Computes what the Statistics tab shows for the followed agreement and period.
    pub(in crate::app) fn load_statistics(&mut self) {
        let Some(a) = self.followed_agreement().cloned() else {
            self.statistics.computed = Computed::default();
            return;
        };
        let st = &mut self.statistics;
        if st.supplier.is_some_and(|i| i >= a.suppliers.len()) {
            st.supplier = None;
        }
        let anchor = *st.anchor.get_or_insert(self.today);
        let period = period_of(st.kind, anchor, &a, st.custom);
        let view = st.view;
        match compute(self, &a, period, view) {
            Ok(c) => {
                if let (Some(report), Ok(change)) = (&c.procurement, self.store.last_change()) {
                    self.statistics.procurement_cache = Some((a.id, change, report.clone()));
                }
                self.statistics.computed = c;
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn statistics_act(&mut self, act: Act) {
        let st = &mut self.statistics;
        let n = self
            .followed
            .and_then(|id| self.agreements.iter().find(|a| a.id == id))
            .map_or(0, |a| a.suppliers.len());
        match act {
            Act::NextSection => st.step(self.today, 1),
            Act::PrevSection => st.step(self.today, -1),
            Act::Down => {
                st.scroll = st.scroll.saturating_add(1);
                return;
            }
            Act::Up => {
                st.scroll = st.scroll.saturating_sub(1);
                return;
            }
            Act::Top => {
                st.scroll = 0;
                return;
            }
            Act::Stats(StatsAct::NextView) => {
                let i = StatsView::ALL
                    .iter()
                    .position(|v| *v == st.view)
                    .unwrap_or(0);
                st.view = StatsView::ALL[(i + 1) % StatsView::ALL.len()];
                st.scroll = 0;
            }
            Act::Stats(StatsAct::CyclePeriod) => {
                st.kind = st.kind.next();
                st.anchor = Some(self.today);
            }
            Act::Stats(StatsAct::CustomPeriod) => return self.open_period_form(),
            Act::Stats(StatsAct::CycleSupplier) => {
                st.supplier = match st.supplier {
                    None if n > 0 => Some(0),
                    Some(i) if i + 1 < n => Some(i + 1),
                    _ => None,
                };
                st.scroll = 0;
                return;
            }
            Act::Stats(StatsAct::Today) => st.anchor = Some(self.today),
            Act::Export => return self.export_procurement(),
            Act::ChooseAgreement => return self.choose_agreement(),
            _ => return,
        }
        self.load_statistics();
    }

    fn open_period_form(&mut self) {
        let Some(a) = self.followed_agreement() else {
            return;
        };
        let st = &self.statistics;
        let p = period_of(st.kind, st.anchor.unwrap_or(self.today), a, st.custom);
        let fields = vec![
            Field::new(
                PeriodKey::From,
                FieldKind::Date { required: true },
                &format_date(p.from),
            ),
            Field::new(
                PeriodKey::To,
                FieldKind::Date { required: true },
                &format_date(p.to),
            ),
        ];
        self.form = Some(Form::new(
            self.cat.t("ui.stats.form.title").to_string(),
            FormTarget::StatsPeriod,
            fields,
        ));
    }

    pub(in crate::app) fn submit_stats_period(&mut self, mut form: Form) {
        let from = form[PeriodKey::From].date();
        let to = form[PeriodKey::To].date();
        match (from, to) {
            (Some(from), Some(to)) if from <= to => {
                self.statistics.custom = Some(Period { from, to });
                self.statistics.kind = PeriodKind::Custom;
                self.load_statistics();
            }
            _ => {
                form.message = Some(self.cat.t("ui.stats.form.order").to_string());
                self.form = Some(form);
            }
        }
    }

    pub(in crate::app) fn statistics_bindings(&self) -> &'static [Binding] {
        STATISTICS
    }
}

/// The §5 KPI table of `a` for `period` at `as_of`: the store's counters, turned into
/// figures by `stats` alone.
pub fn kpis(
    store: &Store,
    a: &Agreement,
    period: Period,
    as_of: PrimitiveDateTime,
) -> Result<KpiTable, StoreError> {
    Ok(stats::kpi_from_counts(
        a,
        &store.period_counts(a, period, as_of)?,
    ))
}

/// Reads what `view` needs: the KPI table, the months of the trend window and the
/// comparison always (all from aggregates), the procurement report only when shown.
fn compute(
    app: &App,
    a: &Agreement,
    period: Period,
    view: StatsView,
) -> Result<Computed, StoreError> {
    let kpis = self::kpis(&app.store, a, period, app.now)?;
    let end = month_of(period.to);
    let span = (end.year() - period.from.year()) * 12 + i32::from(u8::from(end.month()))
        - i32::from(u8::from(period.from.month()))
        + 1;
    let count = span.clamp(12, 48);
    let first = add_months(end, 1 - count);
    let window: Vec<Date> = (0..count).map(|i| add_months(first, i)).collect();
    let months = app.store.aggregate_months(
        a,
        Period {
            from: first,
            to: month_end(end),
        },
        app.now,
    )?;
    let reported = app.store.supplier_stats(a.id)?;
    let compare = stats::compare_from_aggregates(a, &reported, &months, period);
    let procurement = match view {
        StatsView::Procurement => {
            let change = app.store.last_change().ok();
            let cached = app
                .statistics
                .procurement_cache
                .as_ref()
                .filter(|(id, at, _)| *id == a.id && Some(*at) == change);
            Some(match cached {
                Some((_, _, report)) => {
                    let mut report = report.clone();
                    report.kpis = self::kpis(&app.store, a, report.period, app.now)?;
                    report
                }
                None => super::statistics::procurement::gather(app, a)?,
            })
        }
        _ => None,
    };
    Ok(Computed {
        period: Some(period),
        kpis: Some(kpis),
        window,
        months,
        compare,
        procurement,
    })
}
