//! The page's options, read from its URL query (`?seed=42&host=linux&lang=zh`) or from the
//! object a host page passes to `new BerthHandle({ seed, host, lang })`.

use berth::HostKind;

use crate::i18n::Lang;

/// How to build the engine for a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// With a seed, ids and names are fixed and the clock stands still (reproducible pages for
    /// tests and screenshots); without, they come from the browser.
    pub seed: Option<u64>,
    /// The machine the student sits at.
    pub host: HostKind,
    /// The language of the page's own words; `None` to follow the browser.
    pub lang: Option<Lang>,
}

impl Options {
    /// Reads `seed=N`, `host=windows|linux` and `lang=en|zh` from a URL query, with or without its leading
    /// `?`. Unknown keys and unreadable values are ignored; a repeated key takes the last value.
    pub fn from_query(query: &str) -> Options {
        let mut options = Options::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            options.set(key, value);
        }
        options
    }

    /// Sets one option by name, as the query and the JavaScript object name them.
    pub fn set(&mut self, key: &str, value: &str) {
        match key {
            "seed" => {
                if let Ok(seed) = value.trim().parse() {
                    self.seed = Some(seed);
                }
            }
            "host" => {
                if let Some(host) = HostKind::parse(value.trim()) {
                    self.host = host;
                }
            }
            "lang" => {
                if let Some(lang) = Lang::parse(value) {
                    self.lang = Some(lang);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, seed: Option<u64>, host: HostKind) {
        let lang = Options::from_query(query).lang;
        assert_eq!(
            Options::from_query(query),
            Options { seed, host, lang },
            "{query:?}"
        );
    }

    #[test]
    fn queries() {
        use HostKind::{Linux, Windows};
        check("", None, Windows);
        check("?", None, Windows);
        check("?seed=42", Some(42), Windows);
        check("seed=42", Some(42), Windows);
        check("?host=linux", None, Linux);
        check("?host=Linux&seed=7", Some(7), Linux);
        check("?host=windows", None, Windows);
        check("?host=mac", None, Windows);
        check("?seed=-1", None, Windows);
        check("?seed=abc&host", None, Windows);
        check("?seed=1&seed=2", Some(2), Windows);
        check(
            "?lesson=3&seed=18446744073709551615",
            Some(u64::MAX),
            Windows,
        );
        let langs = [
            ("", None),
            ("?lang=zh", Some(Lang::Zh)),
            ("?lang=zh-CN&seed=1", Some(Lang::Zh)),
            ("?lang=en", Some(Lang::En)),
            ("?lang=klingon", None),
        ];
        for (query, lang) in langs {
            assert_eq!(Options::from_query(query).lang, lang, "{query}");
        }
    }
}
