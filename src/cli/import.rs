//! `avtal import agreement FILE.toml`: parse the whole file first, then store it in
//! one transaction, so a bad file never touches the database.

use std::path::Path;

use crate::formats::agreement_toml;
use crate::i18n::Catalog;
use crate::tr;

pub(super) fn agreement(db: &Path, file: &Path, cat: &Catalog) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        tr!(
            cat,
            "cli.import.read_failed",
            path = file.display(),
            detail = e
        )
    })?;
    let agreement = agreement_toml::parse(&text).map_err(|problems| {
        let mut message = tr!(
            cat,
            "cli.import.invalid",
            path = file.display(),
            count = problems.len()
        );
        for p in &problems {
            message.push_str("\n  ");
            message.push_str(&p.message(cat));
        }
        message
    })?;

    let store = super::open_store(db, cat)?;
    let stored = store
        .import_agreements(std::slice::from_ref(&agreement))
        .map_err(|e| e.message(cat))?;
    let key = match stored.first() {
        Some((_, false)) => "cli.import.updated",
        _ => "cli.import.created",
    };
    let line = tr!(
        cat,
        key,
        reference = agreement.reference,
        suppliers = agreement.suppliers.len(),
        lots = agreement.lots.len()
    );
    super::print_out(&format!("{line}\n"), cat)
}
