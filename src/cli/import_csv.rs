//! `avtal import calloffs FILE.csv` and `avtal import requests FILE.csv`: read the file,
//! parse and check all of it against the database, and only then store it in one
//! transaction, so a file with one bad row leaves the database as it was. The file may
//! be CSV in UTF-8, UTF-16 or Windows-1252, or a workbook (`.xlsx`): the summary says
//! how it was read, and a refusal names the sheet.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use super::progress::Progress;
use crate::domain::calloff::{CallOff, Request};
use crate::domain::{Agreement, AgreementId};
use crate::formats::FileProblem;
use crate::formats::calloffs_csv::{self, Register};
use crate::formats::csv_common::{self, Encoding, Layout, Separator, Source, Table};
use crate::formats::requests_csv::{self, CallOffLookup};
use crate::i18n::Catalog;
use crate::store::{CallOffAgreements, Store, StoreError};
use crate::tr;

/// The page cache of an import: a file of 100 000 call-offs writes ~100 MB of pages in
/// one transaction.
pub const BULK_CACHE_BYTES: usize = 256 * 1024 * 1024;

pub(super) fn calloffs(db: &Path, file: &Path, cat: &Catalog) -> Result<(), String> {
    let progress = Progress::reading(tr!(cat, "cli.progress.reading", path = file.display()), cat);
    let bytes = read(file, cat)?;
    let source = open(file, &bytes, &calloffs_csv::TABLE, cat)?;
    crate::store::set_cache_bytes(BULK_CACHE_BYTES);
    let store = super::open_store(db, cat)?;
    let calloffs = check_calloffs_in(&store, &source).map_err(|r| r.message(file, &source, cat))?;
    progress.storing(tr!(cat, "cli.progress.saving_calloffs"), calloffs.len());
    let count = store
        .import_calloffs_with_progress(&calloffs, &mut |done, total| progress.update(done, total))
        .map_err(|e| e.message(cat))?;
    drop(progress);
    let line = tr!(
        cat,
        "cli.import.calloffs_done",
        path = file.display(),
        new = cat.plural("cli.count.new_calloffs", count.new as u64),
        updated = count.updated
    );
    super::print_out(&format!("{line}\n{}\n", read_as(&source, cat)), cat)?;
    let register = Register::new(store.agreements().map_err(|e| e.message(cat))?);
    for w in calloffs_csv::date_warnings(&calloffs, &register)
        .iter()
        .take(PROBLEMS_SHOWN)
    {
        super::eprint_line(&warning(w, cat));
    }
    Ok(())
}

/// A date that cannot be right, in words.
fn warning(w: &calloffs_csv::DateWarning, cat: &Catalog) -> String {
    use calloffs_csv::DateWarning::*;
    match w {
        BeforeStart { calloff, agreement } => tr!(
            cat,
            "cli.import.before_start",
            calloff = calloff,
            agreement = agreement
        ),
        AfterEnd { calloff, agreement } => tr!(
            cat,
            "cli.import.after_end",
            calloff = calloff,
            agreement = agreement
        ),
        DeliveredBeforeRequested { calloff } => {
            tr!(
                cat,
                "cli.import.delivered_before_requested",
                calloff = calloff
            )
        }
    }
}

pub(super) fn requests(db: &Path, file: &Path, cat: &Catalog) -> Result<(), String> {
    let progress = Progress::reading(tr!(cat, "cli.progress.reading", path = file.display()), cat);
    let bytes = read(file, cat)?;
    let source = open(file, &bytes, &requests_csv::TABLE, cat)?;
    crate::store::set_cache_bytes(BULK_CACHE_BYTES);
    let store = super::open_store(db, cat)?;
    let requests = check_requests_in(&store, &source).map_err(|r| r.message(file, &source, cat))?;
    progress.storing(tr!(cat, "cli.progress.saving_requests"), requests.len());
    let count = store
        .import_requests_with_progress(&requests, &mut |done, total| progress.update(done, total))
        .map_err(|e| e.message(cat))?;
    drop(progress);
    let line = tr!(
        cat,
        "cli.import.requests_done",
        path = file.display(),
        new = cat.plural("cli.count.new_requests", count.new as u64),
        updated = count.updated
    );
    super::print_out(&format!("{line}\n{}\n", read_as(&source, cat)), cat)
}

/// The file read as a table (the encoding or the workbook told by its bytes), or why
/// it cannot be.
pub(super) fn open<'a>(
    file: &Path,
    bytes: &'a [u8],
    table: &'static Table,
    cat: &Catalog,
) -> Result<Source<'a>, String> {
    csv_common::open(bytes, table).map_err(|problems| invalid(file, None, &problems, cat))
}

/// How the file was read, in words: "Read as CSV in Windows-1252, tab-separated."
pub(super) fn read_as(source: &Source<'_>, cat: &Catalog) -> String {
    match source.layout() {
        Layout::Csv {
            encoding,
            separator,
        } => {
            let encoding = match encoding {
                Encoding::Utf8 => tr!(cat, "cli.import.encoding.utf8"),
                Encoding::Utf8Bom => tr!(cat, "cli.import.encoding.utf8_bom"),
                Encoding::Utf16Le => tr!(cat, "cli.import.encoding.utf16le"),
                Encoding::Utf16Be => tr!(cat, "cli.import.encoding.utf16be"),
                Encoding::Windows1252 => tr!(cat, "cli.import.encoding.windows1252"),
            };
            let separator = match separator {
                Separator::Comma => tr!(cat, "cli.import.separator.comma"),
                Separator::Semicolon => tr!(cat, "cli.import.separator.semicolon"),
                Separator::Tab => tr!(cat, "cli.import.separator.tab"),
            };
            tr!(
                cat,
                "cli.import.read_csv",
                encoding = encoding,
                separator = separator
            )
        }
        Layout::Sheet { name } => {
            tr!(
                cat,
                "cli.import.read_sheet",
                sheet = csv_common::shown(name)
            )
        }
    }
}

/// Why a file is not imported: problems in it, or a database that could not be read.
#[derive(Debug)]
pub enum Refused {
    Invalid(Vec<FileProblem>),
    Store(StoreError),
}

impl Refused {
    fn message(&self, file: &Path, source: &Source<'_>, cat: &Catalog) -> String {
        match self {
            Refused::Invalid(problems) => invalid(file, source.sheet(), problems, cat),
            Refused::Store(e) => e.message(cat),
        }
    }
}

/// The call-offs of a file, parsed and checked against the register, as `import
/// calloffs` stores them (benches time this same path).
pub fn check_calloffs(store: &Store, bytes: &[u8]) -> Result<Vec<CallOff>, Refused> {
    let source = csv_common::open(bytes, &calloffs_csv::TABLE).map_err(Refused::Invalid)?;
    check_calloffs_in(store, &source)
}

/// As [`check_calloffs`], of a file already read.
pub fn check_calloffs_in(store: &Store, source: &Source<'_>) -> Result<Vec<CallOff>, Refused> {
    let register = Register::new(store.agreements().map_err(Refused::Store)?);
    calloffs_csv::parse_source(source, &register).map_err(Refused::Invalid)
}

/// The requests of a file, parsed and checked against the stored call-offs, as `import
/// requests` stores them.
pub fn check_requests(store: &Store, bytes: &[u8]) -> Result<Vec<Request>, Refused> {
    let source = csv_common::open(bytes, &requests_csv::TABLE).map_err(Refused::Invalid)?;
    check_requests_in(store, &source)
}

/// As [`check_requests`], of a file already read.
pub fn check_requests_in(store: &Store, source: &Source<'_>) -> Result<Vec<Request>, Refused> {
    let lookup = StoreLookup::new(store).map_err(Refused::Store)?;
    let parsed = requests_csv::parse_source(source, &lookup);
    // A database that failed mid-check would make call-offs look unknown: say that instead.
    if let Some(e) = lookup.error.into_inner() {
        return Err(Refused::Store(e));
    }
    parsed.map_err(Refused::Invalid)
}

/// The whole file as bytes: the front step tells how to read them.
pub(super) fn read(file: &Path, cat: &Catalog) -> Result<Vec<u8>, String> {
    std::fs::read(file).map_err(|e| {
        tr!(
            cat,
            "cli.import.read_failed",
            path = file.display(),
            detail = e
        )
    })
}

/// "FILE has errors (N). Nothing has been saved." (naming the sheet of a workbook) and
/// then every problem on its own line.
pub(super) fn invalid(
    file: &Path,
    sheet: Option<&str>,
    problems: &[FileProblem],
    cat: &Catalog,
) -> String {
    let mut message = match sheet {
        Some(sheet) => tr!(
            cat,
            "cli.import.invalid_sheet",
            path = file.display(),
            sheet = csv_common::shown(sheet),
            count = problems.len()
        ),
        None => tr!(
            cat,
            "cli.import.invalid",
            path = file.display(),
            count = problems.len()
        ),
    };
    // A file of thousands of bad rows (the wrong file, a shifted column) is told by its
    // first problems and how many more there are, not by a screenful per row.
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        message.push_str("\n  ");
        message.push_str(&p.message_in(sheet, cat));
    }
    if problems.len() > PROBLEMS_SHOWN {
        message.push_str("\n  ");
        message.push_str(&tr!(
            cat,
            "cli.import.more_problems",
            count = problems.len() - PROBLEMS_SHOWN
        ));
    }
    message
}

/// How many problems of a refused file are listed one by one.
const PROBLEMS_SHOWN: usize = 100;

/// Call-offs looked up in one snapshot of the store, once each; the agreements are few
/// and loaded once.
struct StoreLookup {
    calloffs: CallOffAgreements,
    agreements: HashMap<AgreementId, Agreement>,
    /// The first database error met while looking up; the import is then refused.
    error: OnceLock<StoreError>,
}

impl StoreLookup {
    fn new(store: &Store) -> Result<StoreLookup, StoreError> {
        Ok(StoreLookup {
            calloffs: store.calloff_agreements()?,
            agreements: store.agreements()?.into_iter().map(|a| (a.id, a)).collect(),
            error: OnceLock::new(),
        })
    }
}

impl CallOffLookup for StoreLookup {
    fn agreements_of(&self, reference: &str) -> Vec<&Agreement> {
        let ids = match self.calloffs.get(reference) {
            Ok(ids) => ids,
            Err(e) => {
                let _ = self.error.set(e);
                return Vec::new();
            }
        };
        ids.iter()
            .filter_map(|id| self.agreements.get(id))
            .collect()
    }
}
