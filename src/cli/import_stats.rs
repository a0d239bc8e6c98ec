//! `avtal import supplier-stats FILE.csv`: parse and check the whole file (CSV in any of
//! the encodings of DESIGN §6, or a workbook) against the register, then store it in one
//! transaction, so one bad row leaves everything as it was.

use std::path::Path;

use super::progress::Progress;
use crate::formats::calloffs_csv::Register;
use crate::formats::supplier_stats_csv;
use crate::i18n::Catalog;
use crate::tr;

pub(super) fn supplier_stats(db: &Path, file: &Path, cat: &Catalog) -> Result<(), String> {
    let progress = Progress::reading(tr!(cat, "cli.progress.reading", path = file.display()), cat);
    let bytes = super::import_csv::read(file, cat)?;
    let source = super::import_csv::open(file, &bytes, &supplier_stats_csv::TABLE, cat)?;
    let store = super::open_store(db, cat)?;
    let register = Register::new(store.agreements().map_err(|e| e.message(cat))?);
    let months = supplier_stats_csv::parse_source(&source, &register)
        .map_err(|p| super::import_csv::invalid(file, source.sheet(), &p, cat))?;
    progress.working(tr!(cat, "cli.progress.saving_months"));
    let count = store
        .import_supplier_stats(&months)
        .map_err(|e| e.message(cat))?;
    drop(progress);
    let line = tr!(
        cat,
        "cli.import.supplier_stats_done",
        path = file.display(),
        new = cat.plural("cli.count.new_months", count.new as u64),
        updated = count.updated
    );
    let read_as = super::import_csv::read_as(&source, cat);
    super::print_out(&format!("{line}\n{read_as}\n"), cat)
}
