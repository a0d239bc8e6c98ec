//! What can be wrong in an imported file, with the line it is on, in the user's words.

use super::csv_common::CsvProblem;
use crate::domain::AgreementProblem;
use crate::domain::money::MoneyError;
use crate::domain::orgnr::OrgNumberError;
use crate::i18n::Catalog;
use crate::tr;

/// One problem in a file: where it is (1-based line) and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub kind: ProblemKind,
}

/// The kinds of value a key may be expected to hold, for "wrong type" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    Date,
    List,
    Tables,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is not valid TOML; the detail is the parser's own (English) words.
    Syntax {
        detail: String,
    },
    MissingKey {
        key: String,
    },
    /// A key we do not know, most often a typo; `allowed` lists the keys that fit there.
    UnknownKey {
        key: String,
        allowed: String,
    },
    WrongType {
        key: String,
        expected: Expected,
    },
    BadDate {
        key: String,
        input: String,
    },
    BadResponseTime {
        input: String,
    },
    BadPriority {
        input: String,
    },
    /// A word outside a fixed set (a role, a status, a penalty basis).
    BadChoice {
        key: String,
        input: String,
        allowed: String,
    },
    BadNumber {
        key: String,
        input: String,
    },
    BadOrgNumber {
        error: OrgNumberError,
        input: String,
    },
    BadRate {
        error: MoneyError,
        input: String,
    },
    Agreement(AgreementProblem),
    /// An amount in kronor that cannot be read (`max_value_sek`, a price).
    BadKronor {
        key: String,
        input: String,
        error: MoneyError,
    },
    /// A price row naming someone who is not a supplier of the agreement.
    PriceNotASupplier {
        org: String,
    },
    /// A problem in a CSV file (DESIGN §6), naming its column where it has one.
    Csv(CsvProblem),
    /// A problem in a Peppol BIS Billing 3 document.
    Peppol(super::peppol::PeppolProblem),
}

/// For the importers' fuzz tests: a refusal names at least one problem, each on a line
/// of the file (0 for the whole file), each said in words in both languages (no key
/// missing from a catalogue, nothing empty). Returns what is wrong, if anything.
#[cfg(test)]
pub fn not_in_words(problems: &[FileProblem], lines: usize) -> Option<String> {
    use crate::i18n::Lang;
    if problems.is_empty() {
        return Some("refused without a problem".into());
    }
    for p in problems {
        if p.line > lines + 1 {
            return Some(format!("line {} of {lines}", p.line));
        }
        for lang in [Lang::Sv, Lang::En] {
            let text = p.kind.message(Catalog::get(lang));
            // The mark of a missing catalogue key, not any '‹' (a file may hold one), nor
            // the mark itself where the file's own text brought it (`‹?›` is three
            // Windows-1252 bytes).
            let quoted = format!("{p:?}").contains(crate::i18n::MISSING);
            if text.trim().is_empty() || (text.contains(crate::i18n::MISSING) && !quoted) {
                return Some(format!("{p:?} said as {text:?}"));
            }
        }
    }
    None
}

/// Lines of `bytes` as the CSV reader counts them: LF, CRLF and a lone CR each end one.
#[cfg(test)]
pub fn line_count(bytes: &[u8]) -> usize {
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    ends + 1
}

impl FileProblem {
    /// "Rad 7: …" in the user's language; a problem of the whole file (line 0) without
    /// a line.
    pub fn message(&self, cat: &Catalog) -> String {
        self.message_in(None, cat)
    }

    /// As [`FileProblem::message`], naming the sheet of a workbook the line is a row of:
    /// "Blad calloffs, rad 7: …".
    pub fn message_in(&self, sheet: Option<&str>, cat: &Catalog) -> String {
        let message = self.kind.message(cat);
        match sheet {
            _ if self.line == 0 => message,
            Some(sheet) => tr!(
                cat,
                "cli.format.at_sheet_line",
                sheet = super::csv_common::shown(sheet),
                line = self.line,
                message = message
            ),
            None => tr!(
                cat,
                "cli.format.at_line",
                line = self.line,
                message = message
            ),
        }
    }
}

impl ProblemKind {
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            ProblemKind::Syntax { detail } => tr!(cat, "cli.format.syntax", detail = detail),
            ProblemKind::MissingKey { key } => tr!(cat, "cli.format.missing_key", key = key),
            ProblemKind::UnknownKey { key, allowed } => {
                tr!(cat, "cli.format.unknown_key", key = key, allowed = allowed)
            }
            ProblemKind::WrongType { key, expected } => {
                let expected = match expected {
                    Expected::Text => tr!(cat, "cli.format.type.text"),
                    Expected::Integer => tr!(cat, "cli.format.type.integer"),
                    Expected::Date => tr!(cat, "cli.format.type.date"),
                    Expected::List => tr!(cat, "cli.format.type.list"),
                    Expected::Tables => tr!(cat, "cli.format.type.tables"),
                };
                tr!(cat, "cli.format.wrong_type", key = key, expected = expected)
            }
            ProblemKind::BadDate { key, input } => {
                tr!(cat, "cli.format.bad_date", key = key, input = input)
            }
            ProblemKind::BadResponseTime { input } => {
                tr!(cat, "cli.format.bad_response_time", input = input)
            }
            ProblemKind::BadPriority { input } => {
                tr!(cat, "cli.format.bad_priority", input = input)
            }
            ProblemKind::BadChoice {
                key,
                input,
                allowed,
            } => tr!(
                cat,
                "cli.format.bad_choice",
                key = key,
                input = input,
                allowed = allowed
            ),
            ProblemKind::BadNumber { key, input } => {
                tr!(cat, "cli.format.bad_number", key = key, input = input)
            }
            ProblemKind::BadOrgNumber { error, input } => error.message(cat, input),
            ProblemKind::BadRate { error, input } => match error {
                MoneyError::Format => tr!(cat, "cli.format.bad_rate", input = input),
                other => other.message(cat, input),
            },
            ProblemKind::Agreement(p) => p.message(cat),
            ProblemKind::BadKronor { key, input, error } => match error {
                MoneyError::Format => tr!(cat, "cli.money.bad_kronor", key = key, input = input),
                other => format!("{key}: {}", other.message(cat, input)),
            },
            ProblemKind::PriceNotASupplier { org } => {
                tr!(cat, "cli.money.price_not_a_supplier", org = org)
            }
            ProblemKind::Csv(p) => p.message(cat),
            ProblemKind::Peppol(p) => p.message(cat),
        }
    }
}
