use proptest::prelude::*;

use super::super::{CellProblem, rows};
use super::*;

const COLUMNS: &[&str] = &["a", "b"];

/// Each row's line and cells, or the problem reading it, splitting from `split_from`.
fn read(text: &str, split_from: usize) -> Result<Vec<Item<Vec<String>>>, Vec<FileProblem>> {
    let rows = rows(text.as_bytes(), COLUMNS)?;
    Ok(map_rows_from(rows, split_from, |row| {
        (0..COLUMNS.len()).map(|c| row.get(c).to_string()).collect()
    }))
}

#[test]
fn a_split_on_a_record_boundary_keeps_the_second_half() {
    let mut text = String::from("a,b\n");
    for i in 0..100 {
        text.push_str(&format!("{i},x{i}\r\n"));
    }
    let split = read(&text, 1).unwrap();
    assert_eq!(split, read(&text, usize::MAX).unwrap());
    assert_eq!(split.len(), 100);
    assert_eq!(split[99], Ok((101, vec!["99".into(), "x99".into()])));
}

#[test]
fn a_quoted_line_end_across_the_middle_is_read_whole() {
    // One long quoted cell of many lines spans the middle: the second thread's
    // guess starts inside it and must be thrown away.
    let lines: String = (0..200).map(|i| format!("line {i}\n")).collect();
    let text = format!("a,b\n1,\"{lines}\"\n2,after\n");
    let split = read(&text, 1).unwrap();
    assert_eq!(split, read(&text, usize::MAX).unwrap());
    assert_eq!(split.len(), 2);
    assert_eq!(split[1], Ok((203, vec!["2".into(), "after".into()])));
}

#[test]
fn repeats_name_the_first_line_in_file_order() {
    let keys = vec![
        Some((2, "x")),
        None,
        Some((4, "y")),
        Some((5, "x")),
        Some((9, "x")),
    ];
    assert_eq!(
        repeats(keys.into_iter()),
        vec![(3, 5, 2, "x"), (4, 9, 2, "x")]
    );
}

#[test]
fn collect_puts_extra_problems_first_or_last_in_their_row() {
    let p = |line, problem| super::super::cell_problem(line, COLUMNS, 0, problem);
    let items = || -> Vec<Item<Checked<u32, ()>>> {
        vec![
            Ok((2, Checked::ok(1))),
            Ok((3, Checked::refused(vec![p(3, CellProblem::Missing)], None))),
            Ok((4, Checked::ok(2))),
        ]
    };
    let good: Vec<Item<Checked<u32, ()>>> = vec![Ok((2, Checked::ok(1))), Ok((4, Checked::ok(2)))];
    assert_eq!(collect(good, vec![], true), Ok(vec![1, 2]));
    let dup = p(3, CellProblem::NotUtf8);
    let first = collect(items(), vec![(1, dup.clone())], true).unwrap_err();
    assert_eq!(first, vec![dup.clone(), p(3, CellProblem::Missing)]);
    let last = collect(items(), vec![(1, dup.clone())], false).unwrap_err();
    assert_eq!(last, vec![p(3, CellProblem::Missing), dup.clone()]);
    // A repeat on an otherwise good row refuses the file too.
    let good = collect(items(), vec![(2, dup.clone())], true).unwrap_err();
    assert_eq!(good, vec![p(3, CellProblem::Missing), dup]);
}

proptest! {
    /// Whatever the bytes (quotes, every line end, separators, blank rows, unclosed
    /// quotes), reading on two threads gives what one pass gives.
    #[test]
    fn two_threads_read_what_one_pass_reads(
        body in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("é"), Just(","), Just(";"), Just("\""), Just("\"\""),
                Just("\n"), Just("\r\n"), Just("\r"), Just(" "), Just("x,y\n"),
            ],
            0..200,
        ),
        split_from in 0usize..64,
    ) {
        let text = format!("a,b\n{}", body.concat());
        prop_assert_eq!(read(&text, split_from), read(&text, usize::MAX));
    }
}
