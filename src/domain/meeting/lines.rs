//! Lesson marks are line numbers of the minutes; when the secretary inserts or removes
//! lines above a marked one, the mark must move with its line, not stay on the number.

/// `marks` (line indices of `old`, sorted) moved to the same lines of `new`. Lines before
/// and after the edited stretch are matched by position from each end; a marked line
/// inside the stretch keeps its place if the stretch kept its length (typed into), else
/// goes to the same text in the new stretch, and is dropped if its line is gone.
pub fn follow_lines(old: &str, new: &str, marks: &[usize]) -> Vec<usize> {
    if old == new || marks.is_empty() {
        return marks.to_vec();
    }
    let old: Vec<&str> = old.split('\n').collect();
    let new: Vec<&str> = new.split('\n').collect();
    follow(&old, &new, marks)
}

/// [`follow_lines`] on texts already split into lines (the editor's own).
pub fn follow<A: AsRef<str>, B: AsRef<str>>(old: &[A], new: &[B], marks: &[usize]) -> Vec<usize> {
    if marks.is_empty() {
        return Vec::new();
    }
    let same = |a: &A, b: &B| a.as_ref() == b.as_ref();
    let prefix = old.iter().zip(new).take_while(|(a, b)| same(a, b)).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| same(a, b))
        .count();
    let old_end = old.len() - suffix;
    let new_end = new.len() - suffix;
    let mut out: Vec<usize> = marks
        .iter()
        .filter_map(|&i| {
            if i < prefix {
                Some(i)
            } else if i >= old.len() {
                None
            } else if i >= old_end {
                Some(i - old_end + new_end)
            } else if old_end - prefix == new_end - prefix {
                Some(i)
            } else {
                (prefix..new_end)
                    .filter(|&j| same(&old[i], &new[j]))
                    .min_by_key(|&j| j.abs_diff(i))
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::follow_lines;

    const OLD: &str = "ett\ntvå\ntre\nlärdom\nfem";

    #[test]
    fn a_mark_moves_with_lines_inserted_or_removed_above_it() {
        // A new line above.
        assert_eq!(
            follow_lines(OLD, "ett\nny\ntvå\ntre\nlärdom\nfem", &[3]),
            [4]
        );
        // Enter at the start of the marked line pushes it down.
        assert_eq!(follow_lines(OLD, "ett\ntvå\ntre\n\nlärdom\nfem", &[3]), [4]);
        // A line above removed.
        assert_eq!(follow_lines(OLD, "ett\ntre\nlärdom\nfem", &[3]), [2]);
        // Lines below change nothing.
        assert_eq!(
            follow_lines(OLD, "ett\ntvå\ntre\nlärdom\nfem\nsex", &[3]),
            [3]
        );
    }

    #[test]
    fn a_mark_stays_on_a_line_typed_into_and_goes_with_a_line_removed() {
        assert_eq!(
            follow_lines(OLD, "ett\ntvå\ntre\nlärdom till nästa avtal\nfem", &[3]),
            [3]
        );
        assert_eq!(
            follow_lines(OLD, "ett\ntvå\ntre\nfem", &[3]),
            Vec::<usize>::new()
        );
        // Pasted over several lines around it: found by its text.
        assert_eq!(follow_lines(OLD, "ett\nA\nB\nC\nlärdom\nD\nfem", &[3]), [4]);
        // A mark past the end (the text was cut) is dropped.
        assert_eq!(follow_lines(OLD, "ett", &[3, 9]), Vec::<usize>::new());
    }
}
