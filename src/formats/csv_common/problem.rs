//! What can be wrong in a CSV file of DESIGN §6, in the user's words. The line is
//! carried by [`crate::formats::FileProblem`]; a cell's problem names its column.

use crate::domain::OrgNumber;
use crate::domain::money::MoneyError;
use crate::domain::orgnr::OrgNumberError;
use crate::i18n::Catalog;
use crate::tr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// The file has no header row (it is empty or starts blank).
    NoHeader {
        allowed: String,
    },
    MissingColumn {
        column: &'static str,
        allowed: String,
    },
    UnknownColumn {
        column: String,
        allowed: String,
    },
    DuplicateColumn {
        column: String,
    },
    UnclosedQuote,
    TextAfterQuote,
    /// `comma`: the file is comma-separated, where an unquoted decimal comma splits a cell.
    FieldCount {
        found: usize,
        expected: usize,
        comma: bool,
    },
    Cell {
        column: &'static str,
        problem: CellProblem,
    },
    /// UTF-16 that breaks off: half a surrogate pair or an odd byte at the end.
    BrokenUtf16 {
        big_endian: bool,
    },
    /// A file that looks like a workbook (a zip or OLE file) but cannot be read as one;
    /// the detail is calamine's own (English) words, or empty.
    NotAWorkbook {
        detail: String,
    },
    /// A workbook whose sheet holds nothing (or which has no sheet: `sheet` is empty).
    EmptySheet {
        sheet: String,
        allowed: String,
    },
    SheetUnreadable {
        sheet: String,
        detail: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellProblem {
    NotUtf8,
    Missing,
    /// A real date whose year lies outside [`super::cells::YEARS`].
    YearOutOfRange {
        input: String,
    },
    /// A cell longer than [`super::MAX_CELL_BYTES`].
    TooLong {
        bytes: usize,
        max: usize,
    },
    ControlCharacter {
        input: String,
    },
    BadDate {
        input: String,
    },
    BadTime {
        input: String,
    },
    BadChoice {
        input: String,
        allowed: &'static str,
    },
    BadCount {
        input: String,
    },
    BadQuality {
        input: String,
    },
    BadMoney {
        error: MoneyError,
        input: String,
    },
    BadOrg {
        error: OrgNumberError,
        input: String,
    },
    UnknownAgreement {
        reference: String,
    },
    UnknownLot {
        lot: String,
        agreement: String,
        lots: String,
    },
    NotASupplier {
        org: OrgNumber,
        agreement: String,
    },
    DuplicateReference {
        reference: String,
        first_line: usize,
    },
    UnknownCallOff {
        reference: String,
    },
    /// A call-off reference held by several agreements, with no agreement named.
    AmbiguousCallOff {
        reference: String,
        /// Their references, comma-separated.
        agreements: String,
    },
    /// The agreement named holds no call-off of that reference.
    CallOffNotInAgreement {
        reference: String,
        agreement: String,
    },
    /// An answer kind with no time (reported on `answered_at`).
    AnswerWithoutTime {
        answer: String,
    },
    /// A time with no answer kind (reported on `answer`).
    TimeWithoutAnswer,
    AnsweredBeforeSent {
        answered: String,
        sent: String,
    },
    DuplicateRequest {
        first_line: usize,
    },
    /// Not `YYYY-MM` (supplier-stats).
    BadMonth {
        input: String,
    },
    /// Not a number of hours from 0 with at most two decimals.
    BadHours {
        input: String,
    },
    /// `answered_in_time` is "of those" requests, so it cannot exceed them.
    MoreAnsweredThanRequests {
        answered: u32,
        requests: u32,
    },
    /// Sick hours are part of the scheduled hours.
    MoreSickThanScheduled {
        sick: String,
        scheduled: String,
    },
    /// The same agreement, supplier and month earlier in the file.
    DuplicateMonth {
        first_line: usize,
    },
}

impl CsvProblem {
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            CsvProblem::NoHeader { allowed } => tr!(cat, "cli.csv.no_header", allowed = allowed),
            CsvProblem::MissingColumn { column, allowed } => tr!(
                cat,
                "cli.csv.missing_column",
                column = shown(column),
                allowed = allowed
            ),
            CsvProblem::UnknownColumn { column, allowed } => tr!(
                cat,
                "cli.csv.unknown_column",
                column = shown(column),
                allowed = allowed
            ),
            CsvProblem::DuplicateColumn { column } => {
                tr!(cat, "cli.csv.duplicate_column", column = shown(column))
            }
            CsvProblem::UnclosedQuote => tr!(cat, "cli.csv.unclosed_quote").to_string(),
            CsvProblem::TextAfterQuote => tr!(cat, "cli.csv.text_after_quote").to_string(),
            CsvProblem::FieldCount {
                found,
                expected,
                comma,
            } => {
                let key = if *comma {
                    "cli.csv.field_count_comma"
                } else {
                    "cli.csv.field_count"
                };
                tr!(cat, key, found = found, expected = expected)
            }
            CsvProblem::Cell { column, problem } => tr!(
                cat,
                "cli.csv.in_column",
                column = shown(column),
                message = problem.message(cat)
            ),
            CsvProblem::BrokenUtf16 { big_endian } => {
                let encoding = if *big_endian { "UTF-16BE" } else { "UTF-16LE" };
                tr!(cat, "cli.csv.broken_utf16", encoding = encoding)
            }
            CsvProblem::NotAWorkbook { detail } if detail.is_empty() => {
                tr!(cat, "cli.csv.not_a_workbook").to_string()
            }
            CsvProblem::NotAWorkbook { detail } => {
                tr!(cat, "cli.csv.not_a_workbook_detail", detail = shown(detail))
            }
            CsvProblem::EmptySheet { sheet, allowed } if sheet.is_empty() => {
                tr!(cat, "cli.csv.no_sheet", allowed = allowed)
            }
            CsvProblem::EmptySheet { sheet, allowed } => tr!(
                cat,
                "cli.csv.empty_sheet",
                sheet = shown(sheet),
                allowed = allowed
            ),
            CsvProblem::SheetUnreadable { sheet, detail } => tr!(
                cat,
                "cli.csv.sheet_unreadable",
                sheet = shown(sheet),
                detail = shown(detail)
            ),
        }
    }
}

impl CellProblem {
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            CellProblem::NotUtf8 => tr!(cat, "cli.csv.not_utf8").to_string(),
            CellProblem::Missing => tr!(cat, "cli.csv.missing").to_string(),
            CellProblem::YearOutOfRange { input } => {
                tr!(cat, "cli.csv.year_out_of_range", input = shown(input))
            }
            CellProblem::TooLong { bytes, max } => tr!(
                cat,
                "cli.csv.too_long",
                kib = cat.count((*bytes / 1024) as u64),
                max_kib = cat.count((*max / 1024) as u64)
            ),
            CellProblem::ControlCharacter { input } => {
                tr!(cat, "cli.csv.control_character", input = shown(input))
            }
            CellProblem::BadDate { input } => tr!(cat, "cli.csv.bad_date", input = shown(input)),
            CellProblem::BadTime { input } => tr!(cat, "cli.csv.bad_time", input = shown(input)),
            CellProblem::BadChoice { input, allowed } => {
                tr!(
                    cat,
                    "cli.csv.bad_choice",
                    input = shown(input),
                    allowed = allowed
                )
            }
            CellProblem::BadCount { input } => tr!(cat, "cli.csv.bad_count", input = shown(input)),
            CellProblem::BadQuality { input } => {
                tr!(cat, "cli.csv.bad_quality", input = shown(input))
            }
            CellProblem::BadMoney { error, input } => error.message(cat, &shown(input)),
            CellProblem::BadOrg { error, input } => error.message(cat, &shown(input)),
            CellProblem::UnknownAgreement { reference } => {
                tr!(
                    cat,
                    "cli.csv.unknown_agreement",
                    reference = shown(reference)
                )
            }
            CellProblem::UnknownLot {
                lot,
                agreement,
                lots,
            } => tr!(
                cat,
                "cli.csv.unknown_lot",
                lot = shown(lot),
                agreement = shown(agreement),
                lots = lots
            ),
            CellProblem::NotASupplier { org, agreement } => {
                tr!(
                    cat,
                    "cli.csv.not_a_supplier",
                    org = shown(org),
                    agreement = shown(agreement)
                )
            }
            CellProblem::DuplicateReference {
                reference,
                first_line,
            } => tr!(
                cat,
                "cli.csv.duplicate_reference",
                reference = shown(reference),
                first_line = first_line
            ),
            CellProblem::UnknownCallOff { reference } => {
                tr!(cat, "cli.csv.unknown_calloff", reference = shown(reference))
            }
            CellProblem::AmbiguousCallOff {
                reference,
                agreements,
            } => tr!(
                cat,
                "cli.csv.ambiguous_calloff",
                reference = shown(reference),
                agreements = agreements
            ),
            CellProblem::CallOffNotInAgreement {
                reference,
                agreement,
            } => tr!(
                cat,
                "cli.csv.calloff_not_in_agreement",
                reference = shown(reference),
                agreement = shown(agreement)
            ),
            CellProblem::AnswerWithoutTime { answer } => {
                tr!(cat, "cli.csv.answer_without_time", answer = shown(answer))
            }
            CellProblem::TimeWithoutAnswer => tr!(cat, "cli.csv.time_without_answer").to_string(),
            CellProblem::AnsweredBeforeSent { answered, sent } => tr!(
                cat,
                "cli.csv.answered_before_sent",
                answered = shown(answered),
                sent = shown(sent)
            ),
            CellProblem::DuplicateRequest { first_line } => {
                tr!(cat, "cli.csv.duplicate_request", first_line = first_line)
            }
            CellProblem::BadMonth { input } => tr!(cat, "cli.csv.bad_month", input = shown(input)),
            CellProblem::BadHours { input } => tr!(cat, "cli.csv.bad_hours", input = shown(input)),
            CellProblem::MoreAnsweredThanRequests { answered, requests } => tr!(
                cat,
                "cli.csv.more_answered_than_requests",
                answered = shown(answered),
                requests = requests
            ),
            CellProblem::MoreSickThanScheduled { sick, scheduled } => tr!(
                cat,
                "cli.csv.more_sick_than_scheduled",
                sick = sick,
                scheduled = scheduled
            ),
            CellProblem::DuplicateMonth { first_line } => {
                tr!(cat, "cli.csv.duplicate_month", first_line = first_line)
            }
        }
    }
}

/// What a problem echoes of the file: control characters written out (`\u{1b}`), never
/// sent to the terminal, and a long cell cut to its start, so a 5 MB cell or an escape
/// sequence in a file is told about, not replayed.
pub fn shown(value: impl std::fmt::Display) -> String {
    const MAX_CHARS: usize = 80;
    let text = value.to_string();
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}
