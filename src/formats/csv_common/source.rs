//! The front step of every tabular import (issue 16): a file's bytes in, UTF-8 rows out,
//! with what was found on the way. A CSV file is UTF-8 (with or without a BOM), UTF-16
//! with a BOM (Excel's "Unicode text"), or Windows-1252 when its bytes are not UTF-8
//! (what Excel on Windows writes as "CSV"); its separator is a comma, semicolon or tab.
//! A workbook (`.xlsx`, and what else calamine reads: `.xls`, `.xlsb`, `.ods`) is told by
//! its bytes, not its name; its sheet becomes the same rows (see `sheet.rs`).
//!
//! UTF-8 input is borrowed as it is, never copied: a file of a million call-offs costs
//! one validation pass more than before. Only other encodings are decoded.
//!
//! A table parser declares its [`Table`] and calls [`open`] and then
//! [`Source::rows`]; everything after that (cell checks, the parallel pass) is the same
//! whatever the file was.

use std::borrow::Cow;

use super::reader::Reader;
use super::{CsvProblem, Rows, detect_separator, header_rows, problem};
use crate::formats::problem::FileProblem;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";
/// Every zip archive (`.xlsx`, `.xlsb`, `.ods`) begins so.
const ZIP: &[u8] = b"PK\x03\x04";
/// An OLE compound file (`.xls`).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What a table is: its columns, and what a workbook needs to know to read it.
#[derive(Debug)]
pub struct Table {
    /// The sheet named like the table (`calloffs`); `-` and `_` match each other and
    /// case does not matter.
    pub sheet: &'static str,
    /// Its columns, as the header names them.
    pub columns: &'static [&'static str],
    /// The columns from this index on may be left out of the file.
    pub optional_from: usize,
    /// Columns whose sheet cells need more than their plain text (see [`Kind`]).
    pub kinds: &'static [(&'static str, Kind)],
}

/// What a column of a sheet holds, where a cell's type alone does not say how to write
/// it as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An organisation number: a number cell (typed without the hyphen, so Excel took
    /// it for a number and dropped any leading zero) is written as its ten digits.
    OrgNumber,
    /// `YYYY-MM`: a date cell on the first of a month is written as its month.
    Month,
    /// `YYYY-MM-DD HH:MM`: a date cell is written with its time, midnight too.
    DateTime,
}

/// The encoding a CSV file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    fn of(byte: u8) -> Separator {
        match byte {
            b';' => Separator::Semicolon,
            b'\t' => Separator::Tab,
            _ => Separator::Comma,
        }
    }
}

/// How the file was read, for the import's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    Csv {
        encoding: Encoding,
        separator: Separator,
    },
    /// A sheet of a workbook, by name.
    Sheet { name: String },
}

/// A file read as text: UTF-8 rows of one table, ready for [`Source::rows`].
#[derive(Debug)]
pub struct Source<'a> {
    table: &'static Table,
    text: Cow<'a, [u8]>,
    sep: u8,
    /// The line (the sheet's row) the text begins on.
    first_line: usize,
    layout: Layout,
}

impl<'a> Source<'a> {
    /// How the file was read.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The sheet read, for a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match &self.layout {
            Layout::Sheet { name } => Some(name),
            Layout::Csv { .. } => None,
        }
    }

    /// The data rows, or every problem with the header (see [`super::rows`]).
    pub fn rows(&self) -> Result<Rows<'_>, Vec<FileProblem>> {
        let sheet = matches!(self.layout, Layout::Sheet { .. });
        let reader = Reader::starting(&self.text, self.sep, self.first_line, !sheet);
        header_rows(reader, self.table.columns, self.table.optional_from)
    }
}

/// Reads `bytes` as a file of `table`: the encoding or workbook is told by the bytes
/// themselves. A problem here concerns the whole file (a workbook that cannot be read,
/// an empty sheet) or the line where UTF-16 breaks off.
pub fn open<'a>(bytes: &'a [u8], table: &'static Table) -> Result<Source<'a>, Vec<FileProblem>> {
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        let read = super::sheet::read(bytes, table)?;
        return Ok(Source {
            table,
            text: Cow::Owned(read.text.into_bytes()),
            sep: b',',
            first_line: read.first_line,
            layout: Layout::Sheet { name: read.sheet },
        });
    }
    let (encoding, text): (Encoding, Cow<'a, [u8]>) =
        if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
            // A BOM says UTF-8: a byte that is not is told in its cell.
            (Encoding::Utf8Bom, Cow::Borrowed(rest))
        } else if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
            (Encoding::Utf16Le, utf16(rest, false)?)
        } else if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
            (Encoding::Utf16Be, utf16(rest, true)?)
        } else if let Some(big_endian) = utf16_without_bom(bytes) {
            let encoding = if big_endian {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            (encoding, utf16(bytes, big_endian)?)
        } else if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
            // UTF-8, or UTF-8 with a broken byte: that byte is told in its cell, rather
            // than every å of the file read as "Ã¥".
            (Encoding::Utf8, Cow::Borrowed(bytes))
        } else {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (
                Encoding::Windows1252,
                Cow::Owned(text.into_owned().into_bytes()),
            )
        };
    let sep = detect_separator(&text);
    Ok(Source {
        table,
        text,
        sep,
        first_line: 1,
        layout: Layout::Csv {
            encoding,
            separator: Separator::of(sep),
        },
    })
}

/// Bytes that are not all UTF-8 but hold more UTF-8 letters beyond ASCII (`å` as two
/// bytes) than bytes that are not UTF-8: a UTF-8 file with a broken byte, not
/// Windows-1252, where a letter of two bytes that also read as UTF-8 is rare (an `Ã`
/// before a symbol).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut letters, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        letters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += chunk.invalid().len();
    }
    letters > broken
}

/// UTF-16 saved without a BOM: the header's column names are ASCII, so every other byte
/// of its first characters is zero. `Some(true)` for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let start = bytes.get(..4)?;
    if start[0] != 0 && start[1] == 0 && start[2] != 0 && start[3] == 0 {
        Some(false)
    } else if start[0] == 0 && start[1] != 0 && start[2] == 0 && start[3] != 0 {
        Some(true)
    } else {
        None
    }
}

/// UTF-16 as UTF-8 text; a half surrogate or a byte left over (a file cut short) is
/// refused on the line it is on.
fn utf16(bytes: &[u8], big_endian: bool) -> Result<Cow<'static, [u8]>, Vec<FileProblem>> {
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    // The fast way (encoding_rs); only a broken file is decoded again, by hand, to find
    // the line where it breaks.
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(Cow::Owned(text.into_owned().into_bytes()));
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => return Err(vec![broken_utf16(&text, big_endian)]),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(vec![broken_utf16(&text, big_endian)]);
    }
    Ok(Cow::Owned(text.into_bytes()))
}

fn broken_utf16(read: &str, big_endian: bool) -> FileProblem {
    let line = 1 + super::reader::line_ends(read.as_bytes());
    problem(line, CsvProblem::BrokenUtf16 { big_endian })
}

#[cfg(test)]
mod tests;
