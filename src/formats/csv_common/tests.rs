use super::*;

const COLS: &[&str] = &["a", "b"];

#[test]
fn the_separator_is_taken_from_the_header_line() {
    assert_eq!(detect_separator(b"a;b;c\n1,5;2;3"), b';');
    assert_eq!(detect_separator(b"a,b,c\n1;2;3;4;5;6"), b',');
    assert_eq!(detect_separator(b"\"a\";\"b\"\r\n"), b';');
    assert_eq!(detect_separator(b""), b',');
}

#[test]
fn cells_are_trimmed_and_found_by_header_name() {
    let rows: Vec<Row> = rows(b"\xEF\xBB\xBF b ; a \n 2 ; 1 \n", COLS)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        (rows[0].line, rows[0].get(0), rows[0].get(1)),
        (2, "1", "2")
    );
    assert_eq!(rows[0].get(9), "");
}

#[test]
fn a_header_that_is_blank_or_malformed_is_refused() {
    for text in ["\n\na,b\n", " ; \n", "\"a,b\n"] {
        let problems = rows(text.as_bytes(), COLS).err().unwrap();
        assert_eq!(problems.len(), 1, "{text:?}");
        assert_eq!(problems[0].line, 1, "{text:?}");
    }
}

#[test]
fn the_checker_ties_problems_to_columns() {
    let row = rows(b"a,b\n,x\n", COLS).unwrap().next().unwrap().unwrap();
    let mut c = Checker::new(&row, COLS);
    assert_eq!(c.text(0), None);
    assert_eq!(c.optional(1, count), None);
    assert_eq!(c.required(1, |s| Ok(s.len())), Some(1));
    let columns: Vec<_> = c
        .problems
        .iter()
        .map(|p| match &p.kind {
            ProblemKind::Csv(CsvProblem::Cell { column, problem }) => (*column, problem.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        columns,
        vec![
            ("a", CellProblem::Missing),
            ("b", CellProblem::BadCount { input: "x".into() })
        ]
    );
}
