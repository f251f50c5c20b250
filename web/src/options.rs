//! The page's options, read from its URL (`?seed=42&host=linux&lang=zh`, and the fragment of a
//! shared link) or from the object a host page passes to `new BerthHandle({ seed, host, lang })`.
//! A course page embeds Berth with one iframe whose URL says what to show and what to pre-run:
//! `index.html?lang=zh&layout=split&readonly&commands=docker%20run%20hello-world`.

use berth::HostKind;

use crate::i18n::Lang;

/// What the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// The terminal and the picture beside it.
    #[default]
    Split,
    /// The terminal alone (the picture can be shown).
    Terminal,
    /// The picture alone (commands come from the URL or the embedding page).
    Visual,
}

impl Layout {
    /// Reads `split`, `terminal` or `visual`.
    pub fn parse(text: &str) -> Option<Layout> {
        match text.trim().to_ascii_lowercase().as_str() {
            "split" => Some(Layout::Split),
            "terminal" => Some(Layout::Terminal),
            "visual" => Some(Layout::Visual),
            _ => None,
        }
    }
}

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
    /// What the page shows.
    pub layout: Layout,
    /// The student watches: nothing can be typed (the embedding page still sends commands).
    pub readonly: bool,
}

/// Everything a page's URL says: the options, the lines to run first, and a shared state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlOptions {
    /// How to build and show the page.
    pub options: Options,
    /// `commands=`: lines run one after the other once the page is up.
    pub commands: Vec<String>,
    /// `state=`: a saved state (a shared link), as the text [`crate::persist::read`] reads.
    pub state: Option<String>,
    /// `lesson=`: the URL of a lesson file to fetch and start.
    pub lesson: Option<String>,
}

impl UrlOptions {
    /// Reads a URL's query and fragment (each with or without its `?` or `#`); the fragment's
    /// keys win.
    pub fn parse(query: &str, fragment: &str) -> UrlOptions {
        let mut url = UrlOptions::default();
        let query = query.trim_start_matches('?');
        let fragment = fragment.trim_start_matches('#');
        for pair in query.split('&').chain(fragment.split('&')) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "commands" => url.commands = split_commands(&value),
                "state" if !value.is_empty() => url.state = Some(value),
                "lesson" if !value.is_empty() => url.lesson = Some(value),
                _ => url.options.set(key, &value),
            }
        }
        url
    }
}

impl Options {
    /// Reads `seed=N`, `host=windows|linux`, `lang=en|zh`, `layout=split|terminal|visual` and
    /// `readonly` from a URL query, with or without its leading `?`. Unknown keys and
    /// unreadable values are ignored; a repeated key takes the last value.
    pub fn from_query(query: &str) -> Options {
        UrlOptions::parse(query, "").options
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
            "layout" => {
                if let Some(layout) = Layout::parse(value) {
                    self.layout = layout;
                }
            }
            // `readonly` alone, or `readonly=1|true|yes`; `readonly=0|false|no` turns it off.
            "readonly" => {
                self.readonly = !matches!(
                    value.trim().to_ascii_lowercase().as_str(),
                    "0" | "false" | "no"
                );
            }
            _ => {}
        }
    }
}

/// Decodes a URL's percent escapes (`%20`, UTF-8 bytes) and `+` as a space; a `%` not
/// followed by two hex digits stays as it is.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| char::from(*b).to_digit(16));
        match bytes[i] {
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes text for a URL's query or fragment: letters, digits and `-_.~` stay, everything
/// else becomes `%XX` (so [`decode`] gives it back).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Splits `commands=` into lines: at line breaks, and at `;` outside quotes. Blank lines are
/// dropped.
pub fn split_commands(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut quote = None;
    for c in text.chars() {
        match (c, quote) {
            ('\'' | '"', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('\n' | '\r', _) | (';', None) => {
                lines.push(std::mem::take(&mut line));
                quote = None;
                continue;
            }
            _ => {}
        }
        line.push(c);
    }
    lines.push(line);
    lines
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, seed: Option<u64>, host: HostKind) {
        let lang = Options::from_query(query).lang;
        assert_eq!(
            Options::from_query(query),
            Options {
                seed,
                host,
                lang,
                ..Options::default()
            },
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

    #[test]
    fn embedding_options() {
        let cases: [(&str, Layout, bool); 7] = [
            ("", Layout::Split, false),
            ("?layout=visual", Layout::Visual, false),
            ("?layout=Terminal&readonly", Layout::Terminal, true),
            ("?readonly=1", Layout::Split, true),
            ("?readonly=false", Layout::Split, false),
            ("?layout=sideways&readonly=no", Layout::Split, false),
            ("?readonly&readonly=0", Layout::Split, false),
        ];
        for (query, layout, readonly) in cases {
            let o = Options::from_query(query);
            assert_eq!((o.layout, o.readonly), (layout, readonly), "{query}");
        }
    }

    fn commands(query: &str, fragment: &str, expected: &[&str]) {
        assert_eq!(
            UrlOptions::parse(query, fragment).commands,
            expected,
            "{query} {fragment}"
        );
    }

    #[test]
    fn commands_to_pre_run() {
        commands("", "", &[]);
        commands("?commands=docker%20ps", "", &["docker ps"]);
        commands(
            "?commands=docker+ps;docker+images",
            "",
            &["docker ps", "docker images"],
        );
        commands("?commands=a%0Ab%0D%0A%0Ac", "", &["a", "b", "c"]);
        commands("?commands=a;;%20;b", "", &["a", "b"]);
        commands(
            "?commands=docker%20run%20alpine%20sh%20-c%20%22echo%20a%3B%20echo%20b%22;docker%20ps",
            "",
            &["docker run alpine sh -c \"echo a; echo b\"", "docker ps"],
        );
        commands("?commands=echo%20'x;y'", "", &["echo 'x;y'"]);
        commands("?commands=a", "#commands=b", &["b"]);
        commands("?commands=%E4%BD%A0%zz%4", "", &["你%zz%4"]);
    }

    #[test]
    fn the_fragment_wins_and_carries_a_state() {
        let url = UrlOptions::parse("?seed=1&lang=en", "#seed=2&state=%7B%22v%22%7D");
        assert_eq!(url.options.seed, Some(2));
        assert_eq!(url.options.lang, Some(Lang::En));
        assert_eq!(url.state.as_deref(), Some("{\"v\"}"));
        assert_eq!(UrlOptions::parse("", "#state=").state, None);
        for (query, lesson) in [
            (
                "?lesson=lessons%2Fmine.json&seed=1",
                Some("lessons/mine.json"),
            ),
            (
                "?lesson=https://example.com/l.json",
                Some("https://example.com/l.json"),
            ),
            ("?lesson=", None),
            ("?seed=1", None),
        ] {
            assert_eq!(
                UrlOptions::parse(query, "").lesson.as_deref(),
                lesson,
                "{query}"
            );
        }
    }

    #[test]
    fn encoding_round_trips() {
        for text in [
            "",
            "docker run -p 8080:80 nginx",
            "a&b=c#d%e+f",
            "你好; 'q'\n",
        ] {
            let encoded = encode(text);
            assert!(encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
            assert_eq!(decode(&encoded), text);
        }
    }
}
