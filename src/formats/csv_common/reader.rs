//! A small RFC 4180 reader over bytes, written here rather than taken from the `csv`
//! crate because an import must say *where* a file is malformed: the crate quietly
//! accepts an unclosed quote (it swallows the rest of the file) and text after a
//! closing quote, and it cannot tell which field holds bytes that are not UTF-8.
//!
//! Lines are physical lines of the file counted from 1; `\r\n`, `\n` and a lone `\r`
//! each end one line, inside quotes too, so the numbers match what an editor shows.

/// One record: its fields as raw bytes and the line it starts on.
#[derive(Debug, Default)]
pub struct Record {
    pub line: usize,
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The bytes of all fields together.
    pub fn byte_len(&self) -> usize {
        self.buf.len()
    }

    /// The raw bytes of field `i` (empty when there is no such field).
    pub fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        match self.ends.get(i) {
            Some(&end) => &self.buf[start..end],
            None => &[],
        }
    }

    /// A blank line, or a row of nothing but separators and spaces (as spreadsheets
    /// write below the data): it holds no data and is not a row.
    pub fn is_blank(&self) -> bool {
        self.buf.iter().all(u8::is_ascii_whitespace)
    }

    fn end_field(&mut self) {
        self.ends.push(self.buf.len());
    }
}

/// How many lines `bytes` ends, counted as [`Reader`] counts them: `\r\n`, `\n` and
/// a lone `\r` one each.
pub fn line_ends(bytes: &[u8]) -> usize {
    let newlines = bytes.iter().filter(|b| **b == b'\n').count();
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    newlines + lone_cr
}

/// What makes a record unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// A quoted field that is never closed; the rest of the file is lost in it.
    UnclosedQuote,
    /// Something other than a separator or a line end right after a closing quote.
    TextAfterQuote,
}

#[derive(Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    sep: u8,
    done: bool,
    /// No record is begun at or past this position (see [`Reader::stop_at`]).
    limit: usize,
    /// Whether a line end inside a quoted field counts as a line: it does in a file, as
    /// an editor shows it; in the text of a sheet a line is a row, and a cell may hold
    /// line breaks (Alt+Enter in Excel) without moving the row number.
    quoted_lines: bool,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], sep: u8) -> Reader<'a> {
        Reader::starting(bytes, sep, 1, true)
    }

    /// A reader whose first line is numbered `line`, counting line ends inside quoted
    /// fields as lines or not (see `quoted_lines`).
    pub fn starting(bytes: &'a [u8], sep: u8, line: usize, quoted_lines: bool) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            line,
            sep,
            done: false,
            limit: usize::MAX,
            quoted_lines,
        }
    }

    /// A space, or a tab where the tab does not separate fields: what may stand around
    /// a quoted field.
    fn is_padding(&self, b: Option<&u8>) -> bool {
        match b {
            Some(b' ') => true,
            Some(b'\t') => self.sep != b'\t',
            _ => false,
        }
    }

    /// Where the next record begins, and its line.
    pub fn position(&self) -> (usize, usize) {
        (self.pos, self.line)
    }

    /// The separator of the fields.
    pub fn separator(&self) -> u8 {
        self.sep
    }

    /// The whole file.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// True once an unclosed quote has taken the rest of the file.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Begins no record at or past `limit` (usize::MAX: read to the end).
    pub fn stop_at(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// A reader of the same file that begins at `pos`, taken to be on `line`.
    pub fn from(&self, pos: usize, line: usize) -> Reader<'a> {
        Reader {
            pos,
            line,
            done: false,
            limit: usize::MAX,
            ..self.clone()
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes a line end at `pos` if there is one; true when it did.
    fn line_end(&mut self) -> bool {
        match self.peek() {
            Some(b'\n') => self.pos += 1,
            Some(b'\r') => {
                self.pos += 1;
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            _ => return false,
        }
        self.line += 1;
        true
    }

    /// Skips to just after the next line end, so one bad record does not spoil the next.
    fn skip_line(&mut self) {
        while self.pos < self.bytes.len() && !self.line_end() {
            self.pos += 1;
        }
    }

    /// Reads a quoted field whose opening quote is at `pos`, into `rec`.
    fn quoted(&mut self, rec: &mut Record) -> Result<(), Malformed> {
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(Malformed::UnclosedQuote),
                Some(b'"') if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                    rec.buf.push(b'"');
                    self.pos += 2;
                }
                Some(b'"') => {
                    self.pos += 1;
                    // Spaces after the closing quote are harmless; anything else is not.
                    while self.is_padding(self.bytes.get(self.pos)) {
                        self.pos += 1;
                    }
                    return match self.peek() {
                        None | Some(b'\r' | b'\n') => Ok(()),
                        Some(b) if b == self.sep => Ok(()),
                        Some(_) => Err(Malformed::TextAfterQuote),
                    };
                }
                Some(b'\r' | b'\n') => {
                    let at = self.pos;
                    self.line_end();
                    if !self.quoted_lines {
                        self.line -= 1;
                    }
                    // Keep the line end as written.
                    rec.buf.extend_from_slice(&self.bytes[at..self.pos]);
                }
                Some(b) => {
                    rec.buf.push(b);
                    self.pos += 1;
                }
            }
        }
    }
}

impl Iterator for Reader<'_> {
    /// A record, or the line a malformed record starts on and what is wrong with it.
    type Item = Result<Record, (usize, Malformed)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.pos >= self.bytes.len() || self.pos >= self.limit {
            return None;
        }
        // Room for a typical record, so that it is not grown a byte at a time.
        let mut rec = Record {
            line: self.line,
            buf: Vec::with_capacity(128),
            ends: Vec::with_capacity(16),
        };
        loop {
            // A quote after leading spaces still opens a quoted field (`a, "b,c"`).
            let mut ahead = self.pos;
            while self.is_padding(self.bytes.get(ahead)) {
                ahead += 1;
            }
            if self.bytes.get(ahead) == Some(&b'"') {
                self.pos = ahead;
                let quote_line = self.line;
                if let Err(e) = self.quoted(&mut rec) {
                    if e == Malformed::UnclosedQuote {
                        self.done = true;
                        return Some(Err((quote_line, e)));
                    }
                    let line = rec.line;
                    self.skip_line();
                    return Some(Err((line, e)));
                }
            } else {
                let rest = &self.bytes[self.pos..];
                let sep = self.sep;
                let len = rest
                    .iter()
                    .position(|&b| b == sep || b == b'\r' || b == b'\n')
                    .unwrap_or(rest.len());
                rec.buf.extend_from_slice(&rest[..len]);
                self.pos += len;
            }
            rec.end_field();
            if self.peek() == Some(self.sep) {
                self.pos += 1;
                continue;
            }
            // A line end or the end of the file ends the record.
            self.line_end();
            return Some(Ok(rec));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = Result<(usize, Vec<String>), (usize, Malformed)>;

    fn read(text: &str, sep: u8) -> Vec<Read> {
        Reader::new(text.as_bytes(), sep)
            .map(|r| {
                r.map(|rec| {
                    let fields = (0..rec.len())
                        .map(|i| String::from_utf8_lossy(rec.field(i)).into_owned())
                        .collect();
                    (rec.line, fields)
                })
            })
            .collect()
    }

    fn ok(line: usize, fields: &[&str]) -> Read {
        Ok((line, fields.iter().map(|s| s.to_string()).collect()))
    }

    #[test]
    fn plain_and_quoted_fields_with_every_line_end() {
        assert_eq!(
            read("a,b\r\n\"c,d\",\"e \"\"f\"\"\"\nx,\"y\"\r", b','),
            vec![
                ok(1, &["a", "b"]),
                ok(2, &["c,d", "e \"f\""]),
                ok(3, &["x", "y"])
            ]
        );
        assert_eq!(read("a;b,c;\n", b';'), vec![ok(1, &["a", "b,c", ""])]);
    }

    #[test]
    fn a_tab_separator_is_not_taken_for_padding_around_quotes() {
        assert_eq!(
            read("a\t\t\"b\tc\"\t\"d\"\n", b'\t'),
            vec![ok(1, &["a", "", "b\tc", "d"])]
        );
        assert_eq!(read("a,\t\"b\"\t\n", b','), vec![ok(1, &["a", "b"])]);
    }

    #[test]
    fn in_a_sheet_a_cell_with_line_breaks_keeps_its_row_number() {
        let recs: Vec<Record> = Reader::starting(b"\"one\ntwo\",x\ny,z\n", b',', 4, false)
            .filter_map(Result::ok)
            .collect();
        assert_eq!((recs[0].line, recs[1].line), (4, 5));
    }

    #[test]
    fn a_quoted_line_break_moves_the_line_count() {
        assert_eq!(
            read("a,\"one\r\ntwo\"\nb,c\n", b','),
            vec![ok(1, &["a", "one\r\ntwo"]), ok(3, &["b", "c"])]
        );
    }

    #[test]
    fn spaces_around_quotes_and_quotes_inside_plain_fields() {
        assert_eq!(
            read("a, \"b,c\" ,12\" skärm\n", b','),
            vec![ok(1, &["a", "b,c", "12\" skärm"])]
        );
    }

    #[test]
    fn malformed_records_are_told_by_line_and_the_next_is_read() {
        assert_eq!(
            read("h\n\"a\"b,c\nd\n", b','),
            vec![
                ok(1, &["h"]),
                Err((2, Malformed::TextAfterQuote)),
                ok(3, &["d"])
            ]
        );
        assert_eq!(
            read("h\nx\n\"open\nmore\n", b','),
            vec![
                ok(1, &["h"]),
                ok(2, &["x"]),
                Err((3, Malformed::UnclosedQuote))
            ]
        );
    }

    #[test]
    fn blank_rows_are_recognised() {
        let recs: Vec<Record> = Reader::new(b"\n ;;\na\n", b';')
            .filter_map(Result::ok)
            .collect();
        assert!(recs[0].is_blank() && recs[1].is_blank() && !recs[2].is_blank());
        assert_eq!(recs[2].line, 3);
    }
}
