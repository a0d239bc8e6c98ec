//! `avtal backup`, `avtal check` and `avtal audit verify`: keeping the file safe and
//! showing that it is intact (DESIGN §3, §6).

use std::path::Path;

use crate::i18n::Catalog;
use crate::store::{BackupReport, backup};
use crate::tr;

/// `avtal backup [DEST]`: DEST a new file, or a directory to put `<name>-YYYY-MM-DD-HHMM.redb`
/// in (`avtal-…` for `avtal.redb`); without DEST, the rotating folder beside the database
/// (as Ctrl-B in the interface).
pub(super) fn backup(db: &Path, dest: Option<&Path>, cat: &Catalog) -> Result<(), String> {
    let store = super::open_store(db, cat)?;
    let now = crate::tui::local_now();
    let report = match dest {
        None => store.backup_now(now),
        Some(dir) if dir.is_dir() => {
            let stem = backup::copy_stem(store.path());
            store.backup_to(&backup::stamped_path(dir, &stem, now))
        }
        Some(file) => store.backup_to(file),
    }
    .map_err(|e| e.message(cat))?;
    super::print_out(&format!("{}\n", done(&report, cat)), cat)?;
    if report.unreadable.is_empty() {
        return Ok(());
    }
    // A damaged register: the copy holds what could be read, and says what it lacks.
    let mut lines = vec![tr!(cat, "cli.backup.partial", path = report.path.display())];
    lines.extend(unreadable_lines(&report.unreadable, cat));
    Err(lines.join("\n"))
}

/// One line per table a damaged register could not give whole, for `check` and `backup`.
fn unreadable_lines(tables: &[(String, String)], cat: &Catalog) -> Vec<String> {
    tables
        .iter()
        .map(|(table, detail)| tr!(cat, "cli.check.unreadable", table = table, detail = detail))
        .collect()
}

/// "Backup written to …: N records in M tables (size)."
pub fn done(report: &BackupReport, cat: &Catalog) -> String {
    tr!(
        cat,
        "cli.backup.done",
        path = report.path.display(),
        records = cat.count(report.records),
        tables = report.tables,
        size = size(report.bytes)
    )
}

fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// `avtal check`: the report on stdout; exit 1 (with a summary on stderr) when anything
/// is wrong.
pub(super) fn check(db: &Path, cat: &Catalog) -> Result<(), String> {
    let mut store = super::open_store(db, cat)?;
    let report = store.check().map_err(|e| e.message(cat))?;
    let mut lines = vec![tr!(cat, "cli.check.file", path = db.display())];
    lines.push(match &report.integrity {
        // redb checks only a file it may repair; a read-only one was read row by row.
        None if store.is_read_only() => tr!(
            cat,
            "cli.check.integrity_read_only",
            records = cat.count(report.records_total()),
            tables = report.tables.len()
        ),
        None => tr!(
            cat,
            "cli.check.integrity_ok",
            records = cat.count(report.records_total()),
            tables = report.tables.len()
        ),
        Some(detail) => tr!(cat, "cli.check.integrity_failed", detail = detail),
    });
    for name in &report.unknown_tables {
        lines.push(tr!(cat, "cli.check.unknown_table", name = name));
    }
    lines.extend(unreadable_lines(&report.unreadable, cat));
    lines.push(match report.schema {
        Some(v) if v == crate::store::SCHEMA_VERSION => {
            tr!(cat, "cli.check.schema_ok", version = v)
        }
        Some(v) => tr!(
            cat,
            "cli.check.schema_wrong",
            version = v,
            supported = crate::store::SCHEMA_VERSION
        ),
        None => tr!(cat, "cli.check.schema_unreadable").to_string(),
    });
    lines.push(report.audit.message(cat));
    if report.records.is_empty() {
        lines.push(tr!(cat, "cli.check.records_ok").to_string());
    }
    for problem in &report.records {
        lines.push(problem.message(cat));
    }
    super::print_out(&(lines.join("\n") + "\n"), cat)?;
    // Damaged pages: later opens refuse writes (with what to do) until the file is
    // replaced; a clean check lifts that.
    // Closed first: the note knows the file as it is after redb's last word on it.
    drop(store);
    if report.integrity.is_some() || !report.unreadable.is_empty() {
        crate::store::damage::mark(db, &lines.join("\n"));
    } else if report.is_ok() {
        crate::store::damage::clear(db);
    }
    if report.is_ok() {
        super::print_out(&format!("{}\n", tr!(cat, "cli.check.all_ok")), cat)
    } else {
        Err(tr!(cat, "cli.check.failed").to_string())
    }
}

/// `avtal audit verify`: the hash chain only.
pub(super) fn audit_verify(db: &Path, cat: &Catalog) -> Result<(), String> {
    let store = super::open_store(db, cat)?;
    let verdict = store.verify_audit().map_err(|e| e.message(cat))?;
    if verdict.is_intact() {
        super::print_out(&format!("{}\n", verdict.message(cat)), cat)
    } else {
        Err(verdict.message(cat))
    }
}
