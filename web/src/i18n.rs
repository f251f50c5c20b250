//! The page's own words in English and Chinese. Docker's output stays docker's English, as in
//! the real tool; only what the page itself says is translated. The strings live in data files
//! (`web/lang/*.txt`, one `key = text` a line), so another language is one more file.

use std::sync::OnceLock;

/// A language of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Reads `en`, `zh`, `zh-CN` … (a URL option or the browser's language); `None` for
    /// a language the page does not have.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") {
            Some(Lang::En)
        } else if code == "zh" || code.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The code the page's `lang` attribute and the URL use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The other language (the switch button offers it).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The text of `key`, English when this language lacks it, `?` when no language has it
    /// (a test checks that both files have the same keys).
    pub fn t(self, key: &str) -> &'static str {
        let find = |table: &'static [(&'static str, &'static str)]| {
            table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
        };
        find(table(self))
            .or_else(|| find(table(Lang::En)))
            .unwrap_or("?")
    }

    /// Whether this language's own file has `key` (without falling back to English).
    pub fn has(self, key: &str) -> bool {
        table(self).iter().any(|(k, _)| *k == key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn f(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

const EN: &str = include_str!("../lang/en.txt");
const ZH: &str = include_str!("../lang/zh-CN.txt");

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    static TABLES: OnceLock<[Vec<(&'static str, &'static str)>; 2]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| [parse(EN), parse(ZH)]);
    match lang {
        Lang::En => &tables[0],
        Lang::Zh => &tables[1],
    }
}

/// Parses `key = text` lines; blank lines and lines starting with `#` are skipped.
fn parse(file: &'static str) -> Vec<(&'static str, &'static str)> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::collections::SmallSort;

    #[test]
    fn both_files_have_the_same_keys() {
        let keys = |lang| {
            let mut k: Vec<&str> = table(lang).iter().map(|(k, _)| *k).collect();
            k.small_sort();
            k
        };
        assert!(!keys(Lang::En).is_empty());
        assert_eq!(keys(Lang::En), keys(Lang::Zh));
    }

    #[test]
    fn lookups() {
        let cases = [
            (Lang::En, "tab.new", "New terminal (Alt+N)"),
            (Lang::Zh, "tab.new", "新终端 (Alt+N)"),
            (Lang::En, "no.such.key", "?"),
        ];
        for (lang, key, expected) in cases {
            assert_eq!(lang.t(key), expected, "{lang:?} {key}");
        }
        assert_eq!(Lang::En.f("tab.name", &[("n", "2")]), "Terminal 2");
        assert_eq!(Lang::Zh.f("tab.name", &[("n", "2")]), "终端 2");
    }

    #[test]
    fn language_codes() {
        let cases = [
            ("en", Some(Lang::En)),
            ("en-US", Some(Lang::En)),
            ("zh", Some(Lang::Zh)),
            ("zh-CN", Some(Lang::Zh)),
            ("ZH-tw", Some(Lang::Zh)),
            ("fr", None),
            ("", None),
        ];
        for (code, expected) in cases {
            assert_eq!(Lang::parse(code), expected, "{code}");
        }
    }
}
