//! Pure parsers of files into domain types. Nothing here touches the store or the
//! terminal: a parser returns either the whole value or every problem it found,
//! each with the line it is on, so an import can be all or nothing.

pub mod agreement_toml;
pub mod calloffs_csv;
pub mod csv_common;
pub mod ledger_csv;
pub mod peppol;
mod problem;
pub mod requests_csv;
pub mod supplier_stats_csv;
mod toml_reader;

pub use problem::{FileProblem, ProblemKind};

/// 1-based line of a byte offset in `text` (an offset past the end is on the last line).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    // Offsets come from the TOML parser and always fall on char boundaries; the
    // byte count of newlines is the same either way.
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        let text = "a\nb\nc";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 2);
        assert_eq!(line_of(text, 4), 3);
        assert_eq!(line_of(text, 99), 3);
    }
}
