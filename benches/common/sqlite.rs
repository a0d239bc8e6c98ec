//! The KPI table of DESIGN §5 as an analyst would keep it in SQLite: the same
//! call-offs, requests and supplier months in normalised tables, the figures as SQL.
//! Used by the `kpi_sqlite` bench to time SQLite and to check avtal's answers.
//!
//! Choices, each made to favour SQLite rather than avtal:
//! - Times are integer seconds (local time taken as if UTC, as avtal orders them) and
//!   dates integer julian days: the cheapest forms to compare and store (the demo's
//!   times are whole minutes, so nothing is lost against avtal's nanoseconds).
//! - A request's deadline is computed by SQL once, on insert, from a working-day
//!   calendar table, and stored with the request, as avtal fixes it on write too; the
//!   KPI query then only compares.
//! - Organisation numbers are integers, so no join is needed to name a supplier.
//! - The page cache is large enough to hold the whole file: the timed runs are warm.

use std::collections::HashMap;

use avtal::domain::calendar::is_working_day;
use avtal::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use avtal::domain::supplier_report::SupplierMonth;
use avtal::domain::{Agreement, OrgNumber, ResponseTime};
use avtal::stats::{KpiTable, Period, RankingKpis, SupplierKpis};
use rusqlite::{Connection, params};
use time::{Date, Duration, PrimitiveDateTime};

const SCHEMA: &str = "
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    rt_unit TEXT NOT NULL CHECK (rt_unit IN ('hours', 'working_days')),
    rt_n INTEGER NOT NULL
);
CREATE TABLE suppliers (
    agreement INTEGER NOT NULL REFERENCES agreements,
    pos INTEGER NOT NULL,
    org INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (agreement, pos)
) WITHOUT ROWID;
-- A lot's ranking, rank 1 first.
CREATE TABLE ranking (
    agreement INTEGER NOT NULL REFERENCES agreements,
    lot TEXT NOT NULL,
    rank INTEGER NOT NULL,
    supplier INTEGER NOT NULL,
    PRIMARY KEY (agreement, lot, rank)
) WITHOUT ROWID;
-- cum: working days up to and including the day; working_days numbers them.
CREATE TABLE calendar (day INTEGER PRIMARY KEY, cum INTEGER NOT NULL);
CREATE TABLE working_days (n INTEGER PRIMARY KEY, day INTEGER NOT NULL);
CREATE TABLE calloffs (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    agreement INTEGER NOT NULL REFERENCES agreements,
    lot TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('ranking', 'competition')),
    requested_at INTEGER NOT NULL,
    awarded INTEGER,
    delivery_due INTEGER,
    delivered_at INTEGER,
    consultants INTEGER NOT NULL,
    replaced INTEGER NOT NULL,
    quality INTEGER,
    deviation_reason TEXT
);
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    calloff INTEGER NOT NULL REFERENCES calloffs,
    supplier INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    answered_at INTEGER,
    answer TEXT CHECK (answer IN ('offer', 'decline')),
    deadline INTEGER NOT NULL
);
CREATE TABLE supplier_months (
    agreement INTEGER NOT NULL REFERENCES agreements,
    supplier INTEGER NOT NULL,
    month INTEGER NOT NULL,
    sick INTEGER NOT NULL,
    scheduled INTEGER NOT NULL,
    PRIMARY KEY (agreement, supplier, month)
) WITHOUT ROWID;
";

/// The deadline of DESIGN §4 in SQL: `N hours` after sending, or 23:59:59 on the N-th
/// working day after the sending day (`cum` of the sending day + N). 2440588 is the
/// julian day of 1970-01-01, turning julian days into unix days and back.
const INSERT_REQUEST: &str = "
INSERT INTO requests (calloff, supplier, sent_at, answered_at, answer, deadline)
SELECT ?1, ?2, ?3, ?4, ?5,
    CASE a.rt_unit
        WHEN 'hours' THEN ?3 + a.rt_n * 3600
        ELSE (SELECT (w.day - 2440588) * 86400 + 86399 FROM working_days w
              WHERE w.n = (SELECT s.cum FROM calendar s WHERE s.day = ?3 / 86400 + 2440588)
                          + a.rt_n)
    END
FROM calloffs c JOIN agreements a ON a.id = c.agreement
WHERE c.id = ?1";

/// What a careful analyst indexes first: each column the KPI query filters or joins on.
pub const PLAIN_INDEXES: &str = "
CREATE INDEX calloffs_agreement ON calloffs (agreement);
CREATE INDEX calloffs_requested_at ON calloffs (requested_at);
CREATE INDEX calloffs_awarded ON calloffs (awarded);
CREATE INDEX requests_calloff ON requests (calloff);
CREATE INDEX requests_supplier ON requests (supplier);
CREATE INDEX requests_sent_at ON requests (sent_at);
";

/// Then composite indexes that hold every column each part of the query reads, so no
/// table row is visited: even a request's call-off is checked for its agreement in a
/// narrow (id, agreement) index rather than in the wide call-off row.
pub const COVERING_INDEXES: &str = "
CREATE INDEX calloffs_kpi ON calloffs (agreement, requested_at, awarded, method, lot,
    delivered_at, delivery_due, consultants, replaced, quality);
CREATE INDEX requests_kpi ON requests (sent_at, calloff, supplier, answer, answered_at, deadline);
CREATE INDEX requests_cascade ON requests (calloff, supplier, answer, answered_at, deadline);
CREATE INDEX calloffs_agreement_of ON calloffs (id, agreement);
";

pub const DROP_INDEXES: &str = "
DROP INDEX IF EXISTS calloffs_agreement; DROP INDEX IF EXISTS calloffs_requested_at;
DROP INDEX IF EXISTS calloffs_awarded; DROP INDEX IF EXISTS requests_calloff;
DROP INDEX IF EXISTS requests_supplier; DROP INDEX IF EXISTS requests_sent_at;
DROP INDEX IF EXISTS calloffs_kpi; DROP INDEX IF EXISTS requests_kpi;
DROP INDEX IF EXISTS requests_cascade; DROP INDEX IF EXISTS calloffs_agreement_of;
";

/// Per supplier of the agreement, in its order (?1 agreement, ?2..?3 the period as
/// seconds, upper bound excluded, ?4 as-of, ?5..=?6 the period as julian days). Only the
/// agreement's own suppliers get a row; shares are NULL on 0/0 as in stats.rs.
const SUPPLIER_KPIS: &str = "
WITH req AS (
    SELECT supplier,
           COUNT(*) AS requests,
           SUM(in_time) AS answered_in_time,
           SUM(NOT in_time AND deadline < ?4) AS not_answered_in_time,
           SUM(NOT in_time AND deadline >= ?4) AS pending
    FROM (SELECT r.supplier, r.deadline,
                 -- An answer counts only with its kind and its time, at or before the deadline.
                 (r.answer IS NOT NULL AND r.answered_at IS NOT NULL
                  AND r.answered_at <= r.deadline) AS in_time
          FROM requests r JOIN calloffs c ON c.id = r.calloff
          WHERE c.agreement = ?1 AND r.sent_at >= ?2 AND r.sent_at < ?3)
    GROUP BY supplier
), aw AS (
    SELECT awarded AS supplier,
           COUNT(*) AS awarded,
           COUNT(delivered_at) AS delivered,
           -- Without a due date there is nothing to be on time for.
           SUM(delivered_at IS NOT NULL AND delivery_due IS NOT NULL
               AND delivered_at <= delivery_due) AS on_time,
           SUM(consultants) AS consultants,
           SUM(replaced) AS replaced,
           SUM(quality) AS quality_sum,
           COUNT(quality) AS quality_count
    FROM calloffs
    WHERE agreement = ?1 AND requested_at >= ?2 AND requested_at < ?3 AND awarded IS NOT NULL
    GROUP BY awarded
), sick AS (
    SELECT supplier, COUNT(*) AS months, SUM(sick) AS sick, SUM(scheduled) AS scheduled
    FROM supplier_months
    WHERE agreement = ?1 AND month BETWEEN ?5 AND ?6
    GROUP BY supplier
)
SELECT s.org, s.name,
       COALESCE(req.requests, 0), COALESCE(req.answered_in_time, 0),
       COALESCE(req.not_answered_in_time, 0), COALESCE(req.pending, 0),
       CAST(req.answered_in_time AS REAL)
           / NULLIF(req.answered_in_time + req.not_answered_in_time, 0),
       COALESCE(aw.awarded, 0), COALESCE(aw.delivered, 0), COALESCE(aw.on_time, 0),
       COALESCE(aw.consultants, 0), COALESCE(aw.replaced, 0),
       -- Capped at 1: a replacement can itself be replaced (stats.rs).
       MIN(1.0, CAST(aw.replaced AS REAL) / NULLIF(aw.consultants, 0)),
       CASE WHEN sick.months > 0 THEN CAST(sick.sick AS REAL) / NULLIF(sick.scheduled, 0) END,
       CAST(aw.quality_sum AS REAL) / NULLIF(aw.quality_count, 0)
FROM suppliers s
LEFT JOIN req ON req.supplier = s.org
LEFT JOIN aw ON aw.supplier = s.org
LEFT JOIN sick ON sick.supplier = s.org
WHERE s.agreement = ?1
ORDER BY s.pos";

/// The agreement's ranking figures (same parameters): call-offs by ranking requested in
/// the period with an award; compliant when the awarded supplier is ranked in the lot
/// and every higher-ranked supplier was asked and made no in-time offer (DESIGN §4).
/// A supplier listed twice in a lot has the rank of its first place, as `Lot::rank_of`.
const RANKING_KPIS: &str = "
WITH assessed AS (
    SELECT c.id, c.agreement, c.lot,
           (SELECT MIN(k.rank) FROM ranking k
            WHERE k.agreement = c.agreement AND k.lot = c.lot AND k.supplier = c.awarded)
               AS awarded_rank
    FROM calloffs c
    WHERE c.agreement = ?1 AND c.requested_at >= ?2 AND c.requested_at < ?3
      AND c.method = 'ranking' AND c.awarded IS NOT NULL
), verdict AS (
    SELECT a.awarded_rank IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM ranking h
               WHERE h.agreement = a.agreement AND h.lot = a.lot AND h.rank < a.awarded_rank
                 AND (NOT EXISTS (SELECT 1 FROM requests r
                                  WHERE r.calloff = a.id AND r.supplier = h.supplier)
                      OR EXISTS (SELECT 1 FROM requests r
                                 WHERE r.calloff = a.id AND r.supplier = h.supplier
                                   AND r.answer = 'offer' AND r.answered_at <= r.deadline)))
               AS compliant
    FROM assessed a
)
-- The verdict is summed once; naming it thrice here would run its subqueries thrice.
SELECT total, compliant, total - compliant, CAST(compliant AS REAL) / NULLIF(total, 0)
FROM (SELECT COUNT(*) AS total, COALESCE(SUM(compliant), 0) AS compliant FROM verdict)";

fn seconds(t: PrimitiveDateTime) -> i64 {
    t.assume_utc().unix_timestamp()
}

fn julian(d: Date) -> i64 {
    i64::from(d.to_julian_day())
}

fn org(o: &OrgNumber) -> i64 {
    o.digits().parse().expect("ten digits")
}

/// A new database at `path` with the schema, tuned for a bulk load.
pub fn create(path: &std::path::Path) -> rusqlite::Result<Connection> {
    let db = Connection::open(path)?;
    db.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;",
    )?;
    db.execute_batch(SCHEMA)?;
    Ok(db)
}

/// Loads one agreement with its call-offs, requests and reported months in one
/// transaction, and a working-day calendar wide enough for every deadline.
pub fn load(
    db: &mut Connection,
    a: &Agreement,
    calloffs: &[CallOff],
    requests: &[Request],
    months: &[SupplierMonth],
) -> rusqlite::Result<()> {
    let tx = db.transaction()?;
    let (unit, n) = match a.response_time {
        ResponseTime::Hours(n) => ("hours", n),
        ResponseTime::WorkingDays(n) => ("working_days", n),
    };
    tx.execute(
        "INSERT INTO agreements (id, reference, rt_unit, rt_n) VALUES (?1, ?2, ?3, ?4)",
        params![a.id.0 as i64, a.reference, unit, n],
    )?;
    for (pos, s) in a.suppliers.iter().enumerate() {
        tx.execute(
            "INSERT INTO suppliers (agreement, pos, org, name) VALUES (?1, ?2, ?3, ?4)",
            params![a.id.0 as i64, pos as i64, org(&s.org_number), s.name],
        )?;
    }
    for lot in &a.lots {
        for (i, s) in lot.ranking.iter().enumerate() {
            tx.execute(
                "INSERT INTO ranking (agreement, lot, rank, supplier) VALUES (?1, ?2, ?3, ?4)",
                params![a.id.0 as i64, lot.name, i as i64 + 1, org(s)],
            )?;
        }
    }
    // From before the first request to well after the last deadline can fall.
    let first = requests.iter().map(|r| r.sent_at.date()).min();
    let last = requests.iter().map(|r| r.sent_at.date()).max();
    if let (Some(first), Some(last)) = (first, last) {
        let mut day = first - Duration::days(1);
        let end = last + Duration::days(60 + 2 * i64::from(n));
        let mut cum = 0i64;
        let mut cal = tx.prepare("INSERT INTO calendar (day, cum) VALUES (?1, ?2)")?;
        let mut wd = tx.prepare("INSERT INTO working_days (n, day) VALUES (?1, ?2)")?;
        while day <= end {
            if is_working_day(day) {
                cum += 1;
                wd.execute(params![cum, julian(day)])?;
            }
            cal.execute(params![julian(day), cum])?;
            day = day.next_day().expect("a day after");
        }
    }
    let mut ids: HashMap<&str, i64> = HashMap::with_capacity(calloffs.len());
    {
        let mut ins = tx.prepare(
            "INSERT INTO calloffs (id, reference, agreement, lot, method, requested_at, awarded,
                 delivery_due, delivered_at, consultants, replaced, quality, deviation_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, c) in calloffs.iter().enumerate() {
            let id = i as i64 + 1;
            ids.insert(c.reference.as_str(), id);
            let method = match c.method {
                CallOffMethod::Ranking => "ranking",
                CallOffMethod::Competition => "competition",
            };
            ins.execute(params![
                id,
                c.reference,
                c.agreement.0 as i64,
                c.lot,
                method,
                seconds(c.requested_at),
                c.awarded_supplier.as_ref().map(org),
                c.delivery_due.map(julian),
                c.delivered_at.map(julian),
                c.consultants,
                c.replaced_due_to_complaint,
                c.quality,
                c.deviation_reason,
            ])?;
        }
        let mut ins = tx.prepare(INSERT_REQUEST)?;
        for r in requests {
            let answer = r.answer.map(|a| match a {
                Answer::Offer => "offer",
                Answer::Decline => "decline",
            });
            // The call-off is found by its reference, as a loader joining two files would.
            let calloff = ids[r.calloff.as_str()];
            let inserted = ins.execute(params![
                calloff,
                org(&r.supplier),
                seconds(r.sent_at),
                r.answered_at.map(seconds),
                answer,
            ])?;
            assert_eq!(inserted, 1, "request of an unknown call-off");
        }
        let mut ins = tx.prepare(
            "INSERT INTO supplier_months (agreement, supplier, month, sick, scheduled)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for m in months {
            ins.execute(params![
                m.agreement.0 as i64,
                org(&m.supplier),
                julian(m.month),
                m.sick_hours.0 as i64,
                m.scheduled_hours.0 as i64,
            ])?;
        }
    }
    tx.commit()?;
    db.execute_batch("PRAGMA synchronous = FULL;")
}

/// Replaces whatever indexes there are with `indexes` and refreshes the planner's
/// statistics, as an analyst would after building them.
pub fn index(db: &Connection, indexes: &str) -> rusqlite::Result<()> {
    db.execute_batch(DROP_INDEXES)?;
    db.execute_batch(indexes)?;
    db.execute_batch("ANALYZE;")
}

/// The query parameters: agreement, period as seconds (end excluded), as-of, period as
/// julian days. Each query takes as many of them as it has placeholders.
fn bind(a: &Agreement, period: Period, as_of: PrimitiveDateTime) -> [i64; 6] {
    let midnight = |d: Date| seconds(d.midnight());
    [
        a.id.0 as i64,
        midnight(period.from),
        midnight(period.to + Duration::days(1)),
        seconds(as_of),
        julian(period.from),
        julian(period.to),
    ]
}

fn first(values: &[i64; 6], stmt: &rusqlite::Statement) -> rusqlite::ParamsFromIter<Vec<i64>> {
    rusqlite::params_from_iter(values[..stmt.parameter_count()].to_vec())
}

/// The query plans with these parameters, to see which indexes SQLite chose.
pub fn plans(
    db: &Connection,
    a: &Agreement,
    period: Period,
    as_of: PrimitiveDateTime,
) -> rusqlite::Result<String> {
    let values = bind(a, period, as_of);
    let mut out = String::new();
    for sql in [SUPPLIER_KPIS, RANKING_KPIS] {
        let mut stmt = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let p = first(&values, &stmt);
        let mut rows = stmt.query(p)?;
        while let Some(row) = rows.next()? {
            let detail: String = row.get(3)?;
            out.push_str(&format!("    {detail}\n"));
        }
    }
    Ok(out)
}

/// The KPI table of agreement `a` for `period` at `as_of`, in avtal's types so that it
/// can be compared field by field (shares are the same IEEE quotients of the same sums).
pub fn kpi_table(
    db: &Connection,
    a: &Agreement,
    period: Period,
    as_of: PrimitiveDateTime,
) -> rusqlite::Result<KpiTable> {
    let values = bind(a, period, as_of);
    let mut stmt = db.prepare_cached(SUPPLIER_KPIS)?;
    let p = first(&values, &stmt);
    let count = |v: i64| u64::try_from(v).expect("a count");
    let suppliers = stmt
        .query_map(p, |row| {
            let org: i64 = row.get(0)?;
            let name: String = row.get(1)?;
            Ok(SupplierKpis {
                org_number: OrgNumber::parse(&format!("{org:010}")).expect("org"),
                name,
                requests: count(row.get(2)?),
                answered_in_time: count(row.get(3)?),
                not_answered_in_time: count(row.get(4)?),
                pending: count(row.get(5)?),
                answered_in_time_share: row.get(6)?,
                awarded: count(row.get(7)?),
                delivered: count(row.get(8)?),
                on_time: count(row.get(9)?),
                consultants: count(row.get(10)?),
                replaced_due_to_complaint: count(row.get(11)?),
                replaced_share: row.get(12)?,
                sick_leave_share: row.get(13)?,
                quality_mean: row.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = db.prepare_cached(RANKING_KPIS)?;
    let p = first(&values, &stmt);
    let ranking = stmt.query_row(p, |row| {
        Ok(RankingKpis {
            ranking_calloffs: count(row.get(0)?),
            compliant: count(row.get(1)?),
            deviations: count(row.get(2)?),
            compliance_share: row.get(3)?,
        })
    })?;
    Ok(KpiTable { ranking, suppliers })
}
