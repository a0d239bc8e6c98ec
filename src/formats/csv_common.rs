//! What the tabular files of DESIGN §6 share: CSV in UTF-8 (with or without a BOM),
//! UTF-16 with a BOM or Windows-1252, or a sheet of an Excel workbook, all read by one
//! front step ([`open`]) into UTF-8 rows; a comma, semicolon or tab separator detected
//! from the header row; a header that names every column exactly once (in any order),
//! and rows checked cell by cell with every problem kept together with its line and
//! column, so that an import can be all or nothing.

mod cells;
mod parallel;
mod problem;
mod reader;
mod sheet;
mod source;

pub use cells::{count, date, datetime, kronor, org_number, quality, reference};
pub use parallel::{Checked, Item, SPLIT_FROM, collect, map_rows, repeats};
pub use problem::{CellProblem, CsvProblem, shown};
pub use source::{Encoding, Kind, Layout, Separator, Source, Table, open};

use super::problem::{FileProblem, ProblemKind};
use reader::{Malformed, Reader, Record};
use unicode_normalization::UnicodeNormalization;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The most a cell may hold (64 KiB): far above any name, reason or note, far below what
/// a stored record may be.
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// The separator of the file, from its header line (the column names themselves contain
/// none of them): a tab when there are more tabs than semicolons and commas, else `;`
/// when there are more semicolons than commas, otherwise `,`.
pub fn detect_separator(bytes: &[u8]) -> u8 {
    let header = bytes
        .split(|b| *b == b'\n' || *b == b'\r')
        .next()
        .unwrap_or_default();
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    let (tabs, semicolons, commas) = (count(b'\t'), count(b';'), count(b','));
    if tabs > semicolons && tabs > commas {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// A problem on `line`.
pub fn problem(line: usize, p: CsvProblem) -> FileProblem {
    FileProblem {
        line,
        kind: ProblemKind::Csv(p),
    }
}

/// The data rows of a file whose header has been matched against `columns`.
pub struct Rows<'a> {
    reader: Reader<'a>,
    columns: &'static [&'static str],
    /// For each of `columns`, the position of that column in the file.
    positions: Vec<usize>,
    width: usize,
    comma: bool,
}

/// One data row: its line and its cells, trimmed, in the order of `columns`.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    /// Every cell's text one after the other (one allocation per row, not per cell).
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
}

impl Row {
    /// The trimmed text of column `col` (an index into the parser's `columns`).
    pub fn get(&self, col: usize) -> &str {
        let Some(&end) = self.ends.get(col) else {
            return "";
        };
        let start = if col == 0 { 0 } else { self.ends[col - 1] };
        &self.text[start..end]
    }
}

/// Reads the header of `bytes` and returns its data rows, or every problem with the
/// header (then no row can be read with confidence, so none is).
pub fn rows<'a>(
    bytes: &'a [u8],
    columns: &'static [&'static str],
) -> Result<Rows<'a>, Vec<FileProblem>> {
    rows_with_optional(bytes, columns, columns.len())
}

/// As [`rows`], where the columns from `optional_from` on may be left out of the file
/// (their cells then read as empty).
pub fn rows_with_optional<'a>(
    bytes: &'a [u8],
    columns: &'static [&'static str],
    optional_from: usize,
) -> Result<Rows<'a>, Vec<FileProblem>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let sep = detect_separator(bytes);
    header_rows(Reader::new(bytes, sep), columns, optional_from)
}

/// The data rows after the header read by `reader`, matched against `columns`.
fn header_rows<'a>(
    mut reader: Reader<'a>,
    columns: &'static [&'static str],
    optional_from: usize,
) -> Result<Rows<'a>, Vec<FileProblem>> {
    let sep = reader.separator();
    let allowed = columns.join(", ");
    let header = match reader.next() {
        None => return Err(vec![problem(1, CsvProblem::NoHeader { allowed })]),
        Some(Err((line, m))) => return Err(vec![malformed(line, m)]),
        Some(Ok(rec)) if rec.is_blank() => {
            return Err(vec![problem(rec.line, CsvProblem::NoHeader { allowed })]);
        }
        Some(Ok(rec)) => rec,
    };
    let mut problems = Vec::new();
    let mut positions = vec![usize::MAX; columns.len()];
    for i in 0..header.len() {
        let name = String::from_utf8_lossy(header.field(i));
        let name = name.trim();
        match columns.iter().position(|c| *c == name) {
            Some(col) if positions[col] != usize::MAX => {
                problems.push(CsvProblem::DuplicateColumn {
                    column: name.to_string(),
                })
            }
            Some(col) => positions[col] = i,
            None => problems.push(CsvProblem::UnknownColumn {
                column: name.to_string(),
                allowed: allowed.clone(),
            }),
        }
    }
    for (col, pos) in columns.iter().zip(&positions).take(optional_from) {
        if *pos == usize::MAX {
            problems.push(CsvProblem::MissingColumn {
                column: col,
                allowed: allowed.clone(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| problem(header.line, p))
            .collect());
    }
    Ok(Rows {
        reader,
        columns,
        positions,
        width: header.len(),
        comma: sep == b',',
    })
}

fn malformed(line: usize, m: Malformed) -> FileProblem {
    problem(
        line,
        match m {
            Malformed::UnclosedQuote => CsvProblem::UnclosedQuote,
            Malformed::TextAfterQuote => CsvProblem::TextAfterQuote,
        },
    )
}

impl<'a> Rows<'a> {
    /// A line end near the middle of the rows not yet read, when they are at least
    /// `at_least` bytes: the position just after it and the line that begins there.
    fn middle(&self, at_least: usize) -> Option<(usize, usize)> {
        let (pos, line) = self.reader.position();
        let bytes = self.reader.bytes();
        let rest = bytes.len().checked_sub(pos)?;
        if rest < at_least.max(2) {
            return None;
        }
        let mid = pos + rest / 2;
        let split = mid + bytes[mid..].iter().position(|b| *b == b'\n')? + 1;
        if split >= bytes.len() {
            return None;
        }
        Some((split, line + reader::line_ends(&bytes[pos..split])))
    }

    /// The rows of the same file from `pos`, taken to be on `line`.
    fn from(&self, pos: usize, line: usize) -> Rows<'a> {
        Rows {
            reader: self.reader.from(pos, line),
            columns: self.columns,
            positions: self.positions.clone(),
            width: self.width,
            comma: self.comma,
        }
    }

    fn row(&self, rec: &Record) -> Result<Row, FileProblem> {
        if rec.len() != self.width {
            return Err(problem(
                rec.line,
                CsvProblem::FieldCount {
                    found: rec.len(),
                    expected: self.width,
                    comma: self.comma,
                },
            ));
        }
        let mut text = String::with_capacity(rec.byte_len());
        let mut ends = Vec::with_capacity(self.columns.len());
        for (col, pos) in self.columns.iter().zip(&self.positions) {
            if *pos == usize::MAX {
                // An optional column the file does not have: an empty cell.
                ends.push(text.len());
                continue;
            }
            match std::str::from_utf8(rec.field(*pos)) {
                // No text of a register holds an escape sequence or a NUL: one would reach
                // a terminal through every list and report that shows it. Line breaks
                // and tabs are text.
                // Every record must read back within the store's decode limit: a cell of
                // megabytes is a wrong file or a paste gone astray, not a name.
                Ok(cell) if cell.len() > MAX_CELL_BYTES => {
                    return Err(problem(
                        rec.line,
                        CsvProblem::Cell {
                            column: col,
                            problem: CellProblem::TooLong {
                                bytes: cell.len(),
                                max: MAX_CELL_BYTES,
                            },
                        },
                    ));
                }
                Ok(cell)
                    if cell
                        .chars()
                        .any(|c| c.is_control() && !"\n\r\t".contains(c)) =>
                {
                    return Err(problem(
                        rec.line,
                        CsvProblem::Cell {
                            column: col,
                            problem: CellProblem::ControlCharacter {
                                input: cell.to_string(),
                            },
                        },
                    ));
                }
                Ok(cell) => {
                    // Unicode NFC, so a reference or name typed on a Mac (decomposed
                    // letters) matches the same one typed on Windows.
                    let cell = cell.trim();
                    // Most text is NFC already ("Leverantör" typed on Windows): checked
                    // first, as composing every cell is a third of a large file's parse.
                    if cell.is_ascii()
                        || unicode_normalization::is_nfc_quick(cell.chars())
                            == unicode_normalization::IsNormalized::Yes
                    {
                        text.push_str(cell);
                    } else {
                        text.extend(cell.nfc());
                    }
                    ends.push(text.len());
                }
                Err(_) => {
                    return Err(problem(
                        rec.line,
                        CsvProblem::Cell {
                            column: col,
                            problem: CellProblem::NotUtf8,
                        },
                    ));
                }
            }
        }
        Ok(Row {
            line: rec.line,
            text,
            ends,
        })
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, FileProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            return match self.reader.next()? {
                Err((line, m)) => Some(Err(malformed(line, m))),
                Ok(rec) if rec.is_blank() => continue,
                Ok(rec) => Some(self.row(&rec)),
            };
        }
    }
}

/// `problem` in column `col` (an index into `columns`) on `line`.
pub fn cell_problem(
    line: usize,
    columns: &'static [&'static str],
    col: usize,
    problem: CellProblem,
) -> FileProblem {
    let column = columns.get(col).copied().unwrap_or_default();
    self::problem(line, CsvProblem::Cell { column, problem })
}

/// Collects the problems of one row, each tied to its column.
pub struct Checker<'r> {
    pub row: &'r Row,
    columns: &'static [&'static str],
    pub problems: Vec<FileProblem>,
}

impl<'r> Checker<'r> {
    pub fn new(row: &'r Row, columns: &'static [&'static str]) -> Checker<'r> {
        Checker {
            row,
            columns,
            problems: Vec::new(),
        }
    }

    /// Records `problem` against column `col`.
    pub fn fail(&mut self, col: usize, problem: CellProblem) {
        self.problems
            .push(cell_problem(self.row.line, self.columns, col, problem));
    }

    /// The parsed value of an optional cell: None when empty or bad (bad is recorded).
    pub fn optional<T>(
        &mut self,
        col: usize,
        parse: impl Fn(&str) -> Result<T, CellProblem>,
    ) -> Option<T> {
        let text = self.row.get(col);
        if text.is_empty() {
            return None;
        }
        parse(text).map_err(|p| self.fail(col, p)).ok()
    }

    /// The parsed value of a cell that must be filled in.
    pub fn required<T>(
        &mut self,
        col: usize,
        parse: impl Fn(&str) -> Result<T, CellProblem>,
    ) -> Option<T> {
        if self.row.get(col).is_empty() {
            self.fail(col, CellProblem::Missing);
            return None;
        }
        self.optional(col, parse)
    }

    /// The text of a cell that must be filled in.
    pub fn text(&mut self, col: usize) -> Option<String> {
        self.required(col, |s| Ok(s.to_string()))
    }
}

#[cfg(test)]
mod tests;
