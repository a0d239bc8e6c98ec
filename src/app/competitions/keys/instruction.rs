//! The instruction of an open competition: what is still to fill before it is ready,
//! the organisation details it names, and its export as Markdown.

use std::fs::OpenOptions;
use std::io::Write;

use crate::domain::Agreement;
use crate::domain::competition::Competition;
use crate::tr;

use crate::app::competitions::forms::{organisation_from, placeholders_form};
use crate::app::competitions::undo::ViewsUndo;
use crate::app::competitions::{current_instruction, still_to_fill};
use crate::app::form::Form;
use crate::app::{App, Undo};

/// More files of one call-off's instruction than anyone exports: past it, say so.
const MAX_COPIES: u32 = 999;

impl App {
    /// The form for the placeholders the register cannot fill; None (with why on the
    /// status line) when nothing is left but the deadline, or nothing at all.
    pub(in crate::app) fn placeholders_form(
        &mut self,
        a: &Agreement,
        c: &Competition,
    ) -> Option<Form> {
        let text = current_instruction(self.cat, a, &self.competitions.organisation, c);
        let left = still_to_fill(&text);
        // The deadline has its own field (e), since the competition keeps it as a time.
        let names: Vec<String> = left.iter().filter(|n| *n != "deadline").cloned().collect();
        if names.is_empty() {
            let key = if left.is_empty() {
                "ui.instruction.ready"
            } else {
                "ui.instruction.set_deadline"
            };
            self.info(self.cat.t(key).to_string());
            return None;
        }
        Some(placeholders_form(self.cat, &names))
    }

    pub(in crate::app) fn submit_organisation(&mut self, mut form: Form) {
        let before = self.competitions.organisation.clone();
        let after = organisation_from(&form);
        match self.store.save_organisation(&after) {
            Ok(()) => {
                self.undo_push(Undo::Views(ViewsUndo::Organisation(before)));
                self.load_views();
                self.info(tr!(self.cat, "ui.status.saved", reference = after.name));
            }
            Err(e) => {
                form.message = Some(e.message(self.cat));
                self.form = Some(form);
            }
        }
    }

    /// Writes the instruction as it reads now to `avropsinstruktion-<call-off>.md` in
    /// the export folder, never over an earlier export (`-2`, `-3`, ...); the status line
    /// names the file and how much is still to fill (the section lists what).
    pub(in crate::app) fn export_instruction(&mut self, a: &Agreement, c: &Competition) {
        let text = current_instruction(self.cat, a, &self.competitions.organisation, c);
        let stem = format!(
            "{}-{}",
            self.cat.t("ui.instruction.export_prefix"),
            file_safe(&c.calloff)
        );
        let mut body = text.clone();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        let mut written = None;
        for n in 1..=MAX_COPIES {
            let name = if n == 1 {
                format!("{stem}.md")
            } else {
                format!("{stem}-{n}.md")
            };
            let path = self.competitions.export_dir.join(name);
            // create_new: an earlier export (or any file of that name) is never replaced.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    written = Some(file.write_all(body.as_bytes()).map(|_| path));
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    written = Some(Err(e));
                    break;
                }
            }
        }
        let path = match written {
            Some(Ok(path)) => path,
            Some(Err(e)) => {
                return self.error(tr!(self.cat, "ui.instruction.export_failed", detail = e));
            }
            None => {
                return self.error(tr!(
                    self.cat,
                    "ui.instruction.export_failed",
                    detail = self.cat.t("ui.instruction.too_many")
                ));
            }
        };
        // The path as written (relative to where avtal was started unless an export folder
        // is set): a full path would not fit the status line at 80 columns.
        let left = still_to_fill(&text);
        if left.is_empty() {
            self.info(tr!(
                self.cat,
                "ui.instruction.exported",
                path = path.display()
            ));
        } else {
            self.info(tr!(
                self.cat,
                "ui.instruction.exported_unready",
                path = path.display(),
                n = left.len()
            ));
        }
    }
}

/// A call-off reference as a file name: characters a file system may refuse become `-`.
fn file_safe(reference: &str) -> String {
    reference
        .chars()
        .map(|ch| {
            if ch.is_alphanumeric() || matches!(ch, '-' | '_' | '.') {
                ch
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_become_safe_file_names() {
        assert_eq!(super::file_safe("FKU-2026/003 a"), "FKU-2026-003-a");
        assert_eq!(super::file_safe("AV-0001"), "AV-0001");
    }
}
