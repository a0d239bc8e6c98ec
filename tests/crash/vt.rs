//! A small terminal screen for tests that drive the real binary in a pseudo-terminal.
//!
//! ratatui redraws only the cells that changed, moving the cursor between runs of them, so
//! the bytes on the wire seldom hold a whole line of text: a status line that changes from
//! "Sparat: T01-0." to "Sparat: T01-1." is one cursor move and one character. Searching
//! the raw output for text is therefore unreliable; this keeps the grid of cells those
//! bytes paint, and tests search what is on the screen.
//!
//! It understands what crossterm sends: cursor positioning and relative moves, erasing,
//! colours and modes (ignored), OSC strings (skipped), and UTF-8 text. Every character
//! takes one cell, which holds for the text tests look for.
#![allow(dead_code)] // each test file uses its own part of this

pub struct Screen {
    cells: Vec<Vec<char>>,
    row: usize,
    col: usize,
    /// Bytes of an escape sequence or a UTF-8 character split across reads.
    pending: Vec<u8>,
}

impl Screen {
    pub fn new(cols: usize, rows: usize) -> Screen {
        Screen {
            cells: vec![vec![' '; cols]; rows],
            row: 0,
            col: 0,
            pending: Vec::new(),
        }
    }

    /// The screen as lines of text.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for line in &self.cells {
            s.extend(line.iter());
            s.push('\n');
        }
        s
    }

    pub fn contains(&self, needle: &str) -> bool {
        self.cells
            .iter()
            .any(|line| line.iter().collect::<String>().contains(needle))
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < buf.len() {
            match self.step(&buf[i..]) {
                Some(used) => i += used,
                None => break, // incomplete: wait for more bytes
            }
        }
        self.pending = buf[i..].to_vec();
    }

    /// Interprets one unit at the start of `b`; the number of bytes used, or None when the
    /// unit is not complete yet.
    fn step(&mut self, b: &[u8]) -> Option<usize> {
        match b[0] {
            0x1b => self.escape(b),
            b'\r' => {
                self.col = 0;
                Some(1)
            }
            b'\n' => {
                self.row = (self.row + 1).min(self.rows() - 1);
                Some(1)
            }
            0x08 => {
                self.col = self.col.saturating_sub(1);
                Some(1)
            }
            c if c < 0x20 || c == 0x7f => Some(1),
            c => {
                let len = match c {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    0x80..=0xbf | 0xf8..=0xff => return Some(1), // stray byte
                    _ => 1,
                };
                if b.len() < len {
                    return None;
                }
                let ch = std::str::from_utf8(&b[..len])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\u{fffd}');
                self.put(ch);
                Some(len)
            }
        }
    }

    fn escape(&mut self, b: &[u8]) -> Option<usize> {
        let kind = *b.get(1)?;
        match kind {
            b'[' => {
                // CSI: parameter and intermediate bytes, then a final byte 0x40..=0x7e.
                let end = b[2..].iter().position(|&c| (0x40..=0x7e).contains(&c))? + 2;
                let params = std::str::from_utf8(&b[2..end]).unwrap_or("");
                self.csi(params, b[end]);
                Some(end + 1)
            }
            b']' => {
                // OSC: up to BEL or ESC \.
                for i in 2..b.len() {
                    if b[i] == 0x07 {
                        return Some(i + 1);
                    }
                    if b[i] == 0x1b && b.get(i + 1) == Some(&b'\\') {
                        return Some(i + 2);
                    }
                }
                None
            }
            b'(' | b')' | b'#' => b.get(2).map(|_| 3),
            _ => Some(2),
        }
    }

    fn csi(&mut self, params: &str, action: u8) {
        if params.starts_with('?') || params.starts_with('>') {
            return; // modes: cursor shown or hidden, the alternate screen, ...
        }
        let nums: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(1);
        let (rows, cols) = (self.rows(), self.cols());
        match action {
            b'H' | b'f' => {
                self.row = (n(0) - 1).min(rows - 1);
                self.col = (n(1) - 1).min(cols - 1);
            }
            b'A' => self.row = self.row.saturating_sub(n(0)),
            b'B' => self.row = (self.row + n(0)).min(rows - 1),
            b'C' => self.col = (self.col + n(0)).min(cols - 1),
            b'D' => self.col = self.col.saturating_sub(n(0)),
            b'G' => self.col = (n(0) - 1).min(cols - 1),
            b'd' => self.row = (n(0) - 1).min(rows - 1),
            b'J' => match nums.first().copied().unwrap_or(0) {
                0 => {
                    self.clear_line_from(self.row, self.col);
                    for r in self.row + 1..rows {
                        self.clear_line_from(r, 0);
                    }
                }
                1 => {
                    for r in 0..self.row {
                        self.clear_line_from(r, 0);
                    }
                }
                _ => {
                    for r in 0..rows {
                        self.clear_line_from(r, 0);
                    }
                }
            },
            b'K' => match nums.first().copied().unwrap_or(0) {
                0 => self.clear_line_from(self.row, self.col),
                _ => self.clear_line_from(self.row, 0),
            },
            _ => {} // colours, attributes and the rest change no text
        }
    }

    fn put(&mut self, ch: char) {
        if self.col < self.cols() {
            self.cells[self.row][self.col] = ch;
        }
        self.col += 1;
    }

    fn clear_line_from(&mut self, row: usize, col: usize) {
        let from = col.min(self.cols());
        for c in &mut self.cells[row][from..] {
            *c = ' ';
        }
    }

    fn rows(&self) -> usize {
        self.cells.len()
    }

    fn cols(&self) -> usize {
        self.cells[0].len()
    }
}

#[test]
fn a_redraw_of_one_changed_cell_is_read_as_the_whole_line() {
    let mut s = Screen::new(20, 3);
    s.feed(b"\x1b[?1049h\x1b[2J\x1b[3;1H\x1b[38;5;2mSparat: T01-0.\x1b[39m");
    assert!(s.contains("Sparat: T01-0."));
    // Only the changed cell, split across two reads in the middle of the sequence.
    s.feed(b"\x1b[3;");
    s.feed(b"13H1");
    assert!(s.contains("Sparat: T01-1."), "{}", s.text());
    assert!(!s.contains("T01-0"));
    s.feed("\x1b[1;1HÅtgärd".as_bytes()[..4].as_ref());
    s.feed(&"\x1b[1;1HÅtgärd".as_bytes()[4..]);
    assert!(s.contains("Åtgärd"), "{}", s.text());
    s.feed(b"\x1b]0;title\x07\x1b[2J");
    assert!(!s.contains("Sparat"));
}
