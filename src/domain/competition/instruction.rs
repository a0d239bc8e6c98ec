//! Filling an instruction template (avropsinstruktion): `{name}` placeholders are replaced
//! by the given values. The templates themselves live in `assets/instructions/`.

/// Replaces each `{name}` whose name is among `fields` by its value, in one pass: a value
/// that itself contains `{…}` is never expanded again. Unknown placeholders are left as
/// written, so a missing field stays visible in the text instead of silently vanishing.
/// `{{` and `}}` stand for literal braces.
pub fn fill_instruction(template: &str, fields: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(pos) = rest.find(['{', '}']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        if tail.starts_with('{') {
            if let Some((name, after)) = placeholder_at(tail) {
                if let Some((_, value)) = fields.iter().find(|(k, _)| *k == name) {
                    out.push_str(value);
                    rest = after;
                    continue;
                }
            }
        }
        // A lone brace or an unknown placeholder: copy the brace and go on after it.
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The distinct placeholder names of a template, in order of first appearance: what a
/// form must ask for before the instruction can be sent.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
        } else if let Some((name, after)) = placeholder_at(tail) {
            if !names.contains(&name) {
                names.push(name);
            }
            rest = after;
        } else {
            rest = &tail[1..];
        }
    }
    names
}

/// `{name}` at the start of `s` with a name of ASCII letters, digits and `_`.
fn placeholder_at(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('{')?;
    let end = body.find('}')?;
    let name = &body[..end];
    let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid.then(|| (name, &body[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_fields_are_filled_unknown_kept() {
        let t = "Avrop {calloff} under {agreement}: svara senast {deadline}. {unknown}";
        let filled = fill_instruction(
            t,
            &[
                ("calloff", "FKU-2026-003".to_string()),
                ("agreement", "UH-2026-014".to_string()),
                ("deadline", "2026-05-04 12:00".to_string()),
            ],
        );
        assert_eq!(
            filled,
            "Avrop FKU-2026-003 under UH-2026-014: svara senast 2026-05-04 12:00. {unknown}"
        );
    }

    #[test]
    fn values_are_not_expanded_again_and_braces_escape() {
        let filled = fill_instruction(
            "{a} {{a}} { a } {b",
            &[("a", "{b}".to_string()), ("b", "B".to_string())],
        );
        assert_eq!(filled, "{b} {a} { a } {b");
    }

    #[test]
    fn placeholders_are_listed_once_in_order() {
        assert_eq!(
            placeholders("{x} {{y}} {z} {x} {bad name} {}"),
            vec!["x", "z"]
        );
    }

    proptest! {
        #[test]
        fn arbitrary_templates_never_panic(t in "\\PC*", v in "\\PC*") {
            let _ = fill_instruction(&t, &[("a", v)]);
            let _ = placeholders(&t);
        }

        #[test]
        fn text_without_braces_is_unchanged(t in "[^{}]*") {
            prop_assert_eq!(fill_instruction(&t, &[("a", "x".to_string())]), t);
        }
    }
}
