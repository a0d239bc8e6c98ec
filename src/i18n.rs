//! Message catalogues: every visible string comes from `assets/i18n/<lang>/*.toml`.
//! The catalogues are compiled in, so the binary needs no files beside it.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// `sv`/`en` (and `sv_SE.UTF-8`-like forms); anything else is not a language we speak.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_lowercase();
        if s.starts_with("sv") {
            Some(Lang::Sv)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// One catalogue file: its name (for messages about the catalogue itself) and text.
type Source = (&'static str, &'static str);

macro_rules! sources {
    ($lang:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../assets/i18n/", $lang, "/", $file, ".toml")))),*]
    };
}

const SV: &[Source] = sources!("sv": "common", "domain", "store", "cli", "cli_spend", "export", "ui", "ui_calloffs", "ui_views", "ui_meetings", "ui_work", "ui_sanctions", "ui_stats", "ui_spend");
const EN: &[Source] = sources!("en": "common", "domain", "store", "cli", "cli_spend", "export", "ui", "ui_calloffs", "ui_views", "ui_meetings", "ui_work", "ui_sanctions", "ui_stats", "ui_spend");

pub(crate) const MISSING: &str = "‹?›";

pub struct Catalog {
    lang: Lang,
    map: HashMap<String, String>,
}

impl Catalog {
    pub fn get(lang: Lang) -> &'static Catalog {
        static SV_CAT: OnceLock<Catalog> = OnceLock::new();
        static EN_CAT: OnceLock<Catalog> = OnceLock::new();
        match lang {
            Lang::Sv => SV_CAT.get_or_init(|| Catalog::load(Lang::Sv, SV)),
            Lang::En => EN_CAT.get_or_init(|| Catalog::load(Lang::En, EN)),
        }
    }

    fn load(lang: Lang, sources: &[Source]) -> Catalog {
        let mut map = HashMap::new();
        for (file, text) in sources {
            // The catalogues are part of the build and checked by tests; a broken one
            // shows its keys rather than stopping the program.
            // `ui_calloffs.toml` adds to the `ui.` keys: one file per part of the
            // interface keeps each catalogue readable.
            let prefix = file.split('_').next().unwrap_or(file);
            if let Ok(table) = text.parse::<toml::Table>() {
                flatten(prefix, &table, &mut map);
            }
        }
        Catalog { lang, map }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message for `key`, or the key itself when it is missing (tests forbid that).
    /// The message for `key`. A missing key (the catalogue tests forbid that) shows as
    /// `‹?›` rather than stopping the program; the result lives as long as the catalogue,
    /// so keys built at run time need no binding of their own.
    pub fn t<'a>(&'a self, key: &str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(MISSING)
    }

    /// The message for `key` with `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut s = self.t(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// The language's separator of digit groups, for counts formatted away from the
    /// catalogue (a progress bar's).
    pub fn digit_group(&self) -> String {
        self.t("common.digit_group").to_string()
    }

    /// A count as the language writes it, digits grouped by three: `1 000 000` (no-break
    /// spaces) in Swedish, `1,000,000` in English (a million call-offs is read at a
    /// glance).
    pub fn count(&self, n: u64) -> String {
        group_digits(n, self.t("common.digit_group"))
    }

    /// An amount as the language writes it, öre included: `1 234,50` in Swedish,
    /// `1,234.50` in English (a decimal point, as English readers expect).
    pub fn money(&self, m: crate::domain::Money) -> String {
        m.format_with(self.t("common.money_group"), self.t("common.decimal_mark"))
    }

    /// [`Catalog::money`] with the currency: `1 234,50 kr`.
    pub fn money_kr(&self, m: crate::domain::Money) -> String {
        format!("{} kr", self.money(m))
    }

    /// An amount as lists show it: `1 235` for whole kronor, `1 234,50` with öre; exact,
    /// never rounded.
    pub fn money_compact(&self, m: crate::domain::Money) -> String {
        m.format_compact_with(self.t("common.money_group"), self.t("common.decimal_mark"))
    }

    /// `n` of something, as the catalogue words it: `{key}.one` for one, `{key}.other`
    /// otherwise, with `{n}` the count grouped by [`Catalog::count`] (1 avvikelse,
    /// 2 avvikelser; 1 supplier, 2 suppliers).
    pub fn plural(&self, key: &str, n: u64) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.t(&format!("{key}.{form}"))
            .replace("{n}", &self.count(n))
    }

    /// Items as a sentence lists them: `a`, `a och b`, `a, b och c` (`and` in English).
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), self.t("common.and")),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// `[tab] agenda = "Agenda"` in `ui.toml` becomes `ui.tab.agenda`.
fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (k, v) in table {
        let key = format!("{prefix}.{k}");
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out),
            _ => {}
        }
    }
}

/// Shorthand used everywhere a message takes arguments.
#[macro_export]
macro_rules! tr {
    ($cat:expr, $key:expr) => { $cat.t($key) };
    ($cat:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $cat.f($key, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),+])
    };
}

/// `n` with its digits grouped by three, `group` between the groups.
pub fn group_digits(n: u64, group: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * group.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn money_as_each_language_writes_it() {
        let m = crate::domain::Money(123_456_789);
        assert_eq!(Catalog::get(Lang::Sv).money(m), "1 234 567,89");
        assert_eq!(Catalog::get(Lang::En).money(m), "1,234,567.89");
        assert_eq!(Catalog::get(Lang::En).money_compact(m), "1,234,567.89");
        let whole = crate::domain::Money(123_456_700);
        assert_eq!(Catalog::get(Lang::En).money_compact(whole), "1,234,567");
        assert_eq!(Catalog::get(Lang::Sv).money_compact(whole), "1 234 567");
        assert_eq!(
            Catalog::get(Lang::Sv).money_kr(crate::domain::Money(-5)),
            "-0,05 kr"
        );
    }

    #[test]
    fn counts_are_grouped_as_each_language_writes_them() {
        let (sv, en) = (Catalog::get(Lang::Sv), Catalog::get(Lang::En));
        assert_eq!(sv.count(0), "0");
        assert_eq!(sv.count(999), "999");
        assert_eq!(sv.count(1000), "1\u{a0}000");
        assert_eq!(sv.count(1_000_000), "1\u{a0}000\u{a0}000");
        assert_eq!(en.count(1_000_000), "1,000,000");
        assert_eq!(en.count(1_234_567), "1,234,567");
    }

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j) => {
                    out.insert(after[..j].to_string());
                    rest = &after[j + 1..];
                }
                None => break,
            }
        }
        out
    }

    #[test]
    fn every_catalogue_file_parses() {
        for (file, text) in SV.iter().chain(EN) {
            if let Err(e) = text.parse::<toml::Table>() {
                panic!("{file}.toml does not parse: {e}");
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys_and_placeholders() {
        let sv = Catalog::get(Lang::Sv);
        let en = Catalog::get(Lang::En);
        let sv_keys: BTreeSet<_> = sv.keys().collect();
        let en_keys: BTreeSet<_> = en.keys().collect();
        let only_sv: Vec<_> = sv_keys.difference(&en_keys).collect();
        let only_en: Vec<_> = en_keys.difference(&sv_keys).collect();
        assert!(only_sv.is_empty(), "only in Swedish: {only_sv:?}");
        assert!(only_en.is_empty(), "only in English: {only_en:?}");
        for key in sv_keys {
            // The Swedish digit groups are a (no-break) space on purpose.
            let text = if key == "common.digit_group" || key == "common.money_group" {
                sv.t(key)
            } else {
                sv.t(key).trim()
            };
            assert!(!text.is_empty(), "empty Swedish text for {key}");
            assert_eq!(
                placeholders(sv.t(key)),
                placeholders(en.t(key)),
                "placeholders differ for {key}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let sv = Catalog::get(Lang::Sv);
        let msg = tr!(sv, "store.already_open", path = "/tmp/x.redb");
        assert!(msg.contains("/tmp/x.redb"), "{msg}");
        assert!(!msg.contains("{path}"));
    }
}
