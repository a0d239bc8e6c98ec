//! `avtal import invoices PATH...`: Peppol BIS 3 documents (any file name, recognised by
//! their content) and accounts-payable extracts, from files or folders of them. Every file
//! is read and checked first; only when all of them are clean is anything stored, in one
//! transaction, so one bad file leaves the database as it was.

use std::path::{Path, PathBuf};

use super::progress::Progress;
use crate::domain::spend::{InvoiceDocument, Posting};
use crate::formats::{FileProblem, csv_common, ledger_csv, peppol};
use crate::i18n::Catalog;
use crate::tr;

/// Files named by `paths`: a file as it is, a folder's files (and its folders'), by name;
/// files and folders whose names start with a dot are passed over in a folder.
fn files(paths: &[PathBuf], cat: &Catalog) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            tr!(
                cat,
                "cli.import.read_failed",
                path = p.display(),
                detail = e
            )
        })?;
        if meta.is_dir() {
            walk(p, &mut out, cat)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, cat: &Catalog) -> Result<(), String> {
    let fail = |e: std::io::Error| {
        tr!(
            cat,
            "cli.import.read_failed",
            path = dir.display(),
            detail = e
        )
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(fail)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, cat)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// What the files hold, or every file's problems.
#[derive(Default)]
struct Read {
    ledger: Vec<Posting>,
    documents: Vec<InvoiceDocument>,
    /// Each ledger file with how it was read (encoding and separator, or sheet).
    ledger_files: Vec<(PathBuf, String)>,
    /// Each refused file, the sheet its problems are on, and the problems.
    refused: Vec<(PathBuf, Option<String>, Vec<FileProblem>)>,
}

fn read_all(files: &[PathBuf], cat: &Catalog, progress: &Progress) -> Result<Read, String> {
    let mut read = Read::default();
    for (i, file) in files.iter().enumerate() {
        progress.update(i, files.len());
        let bytes = super::import_csv::read(file, cat)?;
        if peppol::looks_like_xml(&bytes) {
            match peppol::parse(&bytes) {
                Ok(d) => read.documents.push(d),
                Err(p) => read.refused.push((file.clone(), None, p)),
            }
            continue;
        }
        // Anything else is an accounts-payable extract: CSV in any encoding, or a workbook.
        let source = match csv_common::open(&bytes, &ledger_csv::TABLE) {
            Ok(source) => source,
            Err(p) => {
                read.refused.push((file.clone(), None, p));
                continue;
            }
        };
        match ledger_csv::parse_source(&source) {
            Ok(mut rows) => {
                let how = super::import_csv::read_as(&source, cat);
                read.ledger_files.push((file.clone(), how));
                read.ledger.append(&mut rows);
            }
            Err(p) => read
                .refused
                .push((file.clone(), source.sheet().map(str::to_string), p)),
        }
    }
    Ok(read)
}

pub(super) fn invoices(db: &Path, paths: &[PathBuf], cat: &Catalog) -> Result<(), String> {
    let files = files(paths, cat)?;
    if files.is_empty() {
        return Err(tr!(cat, "cli.invoices.no_files").to_string());
    }
    let count = cat.plural("cli.count.files", files.len() as u64);
    let progress = Progress::reading(tr!(cat, "cli.invoices.reading", files = count), cat);
    progress.storing(tr!(cat, "cli.invoices.reading", files = count), files.len());
    let read = read_all(&files, cat, &progress)?;
    if !read.refused.is_empty() {
        drop(progress);
        let mut message = tr!(
            cat,
            "cli.invoices.refused",
            files = read.refused.len(),
            count = count
        );
        for (file, sheet, problems) in &read.refused {
            message.push('\n');
            message.push_str(&super::import_csv::invalid(
                file,
                sheet.as_deref(),
                problems,
                cat,
            ));
        }
        return Err(message);
    }
    crate::store::set_cache_bytes(super::import_csv::BULK_CACHE_BYTES);
    let store = super::open_store(db, cat)?;
    progress.storing(
        tr!(cat, "cli.invoices.saving"),
        read.ledger.len() + read.documents.len(),
    );
    let done = store
        .import_invoices_with_progress(&read.ledger, &read.documents, &mut |done, total| {
            progress.update(done, total)
        })
        .map_err(|e| e.message(cat))?;
    drop(progress);
    let documents = cat
        .plural(
            "cli.count.documents",
            (done.documents_new + done.documents_replaced) as u64,
        )
        .replace("{replaced}", &cat.count(done.documents_replaced as u64));
    let rows = cat
        .plural(
            "cli.count.ledger_rows",
            (done.ledger_new + done.ledger_replaced) as u64,
        )
        .replace("{replaced}", &cat.count(done.ledger_replaced as u64))
        .replace(
            "{files}",
            &cat.plural("cli.count.files", read.ledger_files.len() as u64),
        );
    let mut text = tr!(cat, "cli.invoices.done", documents = documents, rows = rows);
    text.push('\n');
    // How each ledger file was read, so a wrongly guessed encoding shows at once.
    for (file, how) in &read.ledger_files {
        text.push_str(&format!("{}: {how}\n", file.display()));
    }
    super::print_out(&text, cat)
}
