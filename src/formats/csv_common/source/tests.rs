use super::*;
use crate::formats::ProblemKind;
use crate::i18n::{Catalog, Lang};

static T: Table = Table {
    sheet: "t",
    columns: &["name", "city"],
    optional_from: 2,
    kinds: &[],
};

/// Every row's line and cells, read through the front step.
fn cells(bytes: &[u8]) -> (Layout, Vec<(usize, String, String)>) {
    let source = open(bytes, &T).unwrap();
    let rows = source
        .rows()
        .unwrap()
        .map(|r| {
            let r = r.unwrap();
            (r.line, r.get(0).to_string(), r.get(1).to_string())
        })
        .collect();
    (source.layout().clone(), rows)
}

fn csv(encoding: Encoding, separator: Separator) -> Layout {
    Layout::Csv {
        encoding,
        separator,
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn expected() -> Vec<(usize, String, String)> {
    vec![
        (2, "Åsa".into(), "Malmö".into()),
        (4, "Örjan \"Ö\"".into(), "Gävle, Sverige".into()),
    ]
}

#[test]
fn utf8_with_and_without_a_bom_is_read_as_it_is() {
    let text = "name;city\nÅsa;Malmö\n\n\"Örjan \"\"Ö\"\"\";Gävle, Sverige\n";
    assert_eq!(
        cells(text.as_bytes()),
        (csv(Encoding::Utf8, Separator::Semicolon), expected())
    );
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(
        cells(&bom),
        (csv(Encoding::Utf8Bom, Separator::Semicolon), expected())
    );
    // UTF-8 is borrowed, not copied.
    assert!(matches!(
        open(text.as_bytes(), &T).unwrap().text,
        Cow::Borrowed(_)
    ));
}

#[test]
fn each_separator_is_detected() {
    for (sep, separator) in [
        (",", Separator::Comma),
        (";", Separator::Semicolon),
        ("\t", Separator::Tab),
    ] {
        let text =
            format!("name{sep}city\nÅsa{sep}Malmö\n\n\"Örjan \"\"Ö\"\"\"{sep}\"Gävle, Sverige\"\n");
        assert_eq!(
            cells(text.as_bytes()),
            (csv(Encoding::Utf8, separator), expected()),
            "{sep:?}"
        );
    }
}

#[test]
fn utf16_with_a_bom_both_ways_and_without_one() {
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF.
    let text = "name\tcity\r\nÅsa\tMalmö\r\n\r\n\"Örjan \"\"Ö\"\"\"\tGävle, Sverige\r\n";
    assert_eq!(
        cells(&utf16(text, false, true)),
        (csv(Encoding::Utf16Le, Separator::Tab), expected())
    );
    assert_eq!(
        cells(&utf16(text, true, true)),
        (csv(Encoding::Utf16Be, Separator::Tab), expected())
    );
    assert_eq!(
        cells(&utf16(text, false, false)),
        (csv(Encoding::Utf16Le, Separator::Tab), expected())
    );
    assert_eq!(
        cells(&utf16(text, true, false)),
        (csv(Encoding::Utf16Be, Separator::Tab), expected())
    );
}

#[test]
fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
    // å ä ö Å Ä Ö and the euro sign (0x80) as Excel on Windows writes them.
    let bytes = b"name;city\n\xC5sa \x80;Malm\xF6 \xE5\xE4\xF6\xC4\xD6\n";
    let (layout, rows) = cells(bytes);
    assert_eq!(layout, csv(Encoding::Windows1252, Separator::Semicolon));
    assert_eq!(rows, vec![(2, "Åsa €".into(), "Malmö åäöÄÖ".into())]);
}

#[test]
fn a_utf8_file_with_one_broken_byte_is_not_taken_for_windows_1252() {
    // Many å ä ö in UTF-8 and one byte that is not: the byte is told in its cell (by
    // the row parser), the letters are not read as "Ã¥".
    let bytes = [
        "name;city\nÅsa;Malmö\nÖrjan;Gävle\nPer;Lule".as_bytes(),
        b"\xE5\n",
    ]
    .concat();
    let source = open(&bytes, &T).unwrap();
    assert_eq!(source.layout(), &csv(Encoding::Utf8, Separator::Semicolon));
    let rows: Vec<_> = source.rows().unwrap().collect();
    assert_eq!(rows[0].as_ref().unwrap().get(0), "Åsa");
    assert_eq!(rows[2].as_ref().unwrap_err().line, 4);
    // A Windows-1252 file with an "Ã" before a symbol is still Windows-1252.
    let (layout, rows) = cells(b"name;city\n\xC3\xA9;\xE5\xE4\xF6\n");
    assert_eq!(layout, csv(Encoding::Windows1252, Separator::Semicolon));
    assert_eq!(rows[0].1, "Ã©");
}

#[test]
fn broken_utf16_is_refused_on_its_line_without_a_panic() {
    let good = utf16("name\tcity\nA\tB\nC\tD\n", false, true);
    // An odd byte at the end: the file was cut short.
    let mut cut = good.clone();
    cut.push(b'x');
    // A lone high surrogate on line 3.
    let mut lone = utf16("name\tcity\nA\tB\n", false, true);
    lone.extend_from_slice(&0xD800u16.to_le_bytes());
    lone.extend_from_slice(&utf16("C\tD\n", false, false));
    for (bytes, line) in [(cut, 4), (lone, 3)] {
        let problems = open(&bytes, &T).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, line);
        assert!(matches!(
            problems[0].kind,
            ProblemKind::Csv(CsvProblem::BrokenUtf16 { big_endian: false })
        ));
        let text = problems[0].message(Catalog::get(Lang::En));
        assert!(text.contains("UTF-16LE"), "{text}");
    }
    // Only a BOM, or a BOM and one byte: no header, in words.
    assert!(open(b"\xFF\xFE", &T).unwrap().rows().is_err());
    assert!(open(b"\xFE\xFFa", &T).is_err());
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused_in_words() {
    for bytes in [
        b"PK\x03\x04".as_slice(),
        b"PK\x03\x04 not really a zip at all",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 nor an xls",
    ] {
        let problems = open(bytes, &T).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 0);
        for lang in [Lang::Sv, Lang::En] {
            let text = problems[0].message(Catalog::get(lang));
            assert!(
                text.contains("xlsx") && !text.contains(crate::i18n::MISSING),
                "{text}"
            );
        }
    }
}

proptest::proptest! {
    /// Whatever the bytes behind a UTF-16 BOM, a workbook's signature or none, the
    /// front step never panics and a problem is said in words.
    #[test]
    fn any_bytes_are_read_or_refused_in_words(
        start in proptest::prop_oneof![
            proptest::strategy::Just(b"".to_vec()),
            proptest::strategy::Just(b"\xFF\xFE".to_vec()),
            proptest::strategy::Just(b"\xFE\xFF".to_vec()),
            proptest::strategy::Just(b"PK\x03\x04".to_vec()),
        ],
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
    ) {
        let bytes = [start, body].concat();
        let refused = match open(&bytes, &T) {
            Err(problems) => Some(problems),
            Ok(source) => source.rows().err(),
        };
        if let Some(problems) = refused
            && let Some(wrong) = crate::formats::problem::not_in_words(&problems, bytes.len())
        {
            proptest::prop_assert!(false, "{}", wrong);
        }
    }
}
