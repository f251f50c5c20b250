//! The lines typed so far, walked with Up and Down as shells do. The line being typed when
//! the walk starts is kept and comes back at the bottom.

/// How many lines the history keeps.
pub const LIMIT: usize = 1_000;

/// Lines run at the prompt, oldest first, and where Up/Down stand.
#[derive(Clone, Debug, Default)]
pub struct History {
    entries: Vec<String>,
    /// Index of the entry shown; `entries.len()` means the line being typed.
    pos: usize,
    draft: String,
}

impl History {
    /// Remembers a line that was run, unless it is blank or repeats the last one, and ends
    /// any walk.
    pub fn push(&mut self, line: &str) {
        if !line.trim().is_empty() && self.entries.last().map(String::as_str) != Some(line) {
            self.entries.push(line.to_owned());
            if self.entries.len() > LIMIT {
                self.entries.remove(0);
            }
        }
        self.reset();
    }

    /// Ends a walk: the next Up starts from the newest line again.
    pub fn reset(&mut self) {
        self.pos = self.entries.len();
        self.draft.clear();
    }

    /// The entry before the one shown; `current` is what the prompt holds now. `None` at the
    /// oldest entry.
    pub fn up(&mut self, current: &str) -> Option<&str> {
        if self.pos == 0 {
            return None;
        }
        if self.pos >= self.entries.len() {
            self.pos = self.entries.len();
            self.draft = current.to_owned();
        }
        self.pos -= 1;
        self.entries.get(self.pos).map(String::as_str)
    }

    /// The entry after the one shown, or the line that was being typed. `None` when not
    /// walking.
    pub fn down(&mut self) -> Option<&str> {
        if self.pos >= self.entries.len() {
            return None;
        }
        self.pos += 1;
        Some(
            self.entries
                .get(self.pos)
                .map_or(self.draft.as_str(), String::as_str),
        )
    }

    /// All remembered lines, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `lines`, then walks with `keys` ('u' = Up, 'd' = Down) starting from `typing`, and
    /// compares what the prompt shows after each key.
    fn check(lines: &[&str], typing: &str, keys: &str, expected: &[&str]) {
        let mut h = History::default();
        for l in lines {
            h.push(l);
        }
        let mut shown = typing.to_owned();
        let mut seen = Vec::new();
        for k in keys.chars() {
            let next = match k {
                'u' => h.up(&shown).map(str::to_owned),
                _ => h.down().map(str::to_owned),
            };
            if let Some(n) = next {
                shown = n;
            }
            seen.push(shown.clone());
        }
        assert_eq!(seen, expected, "{lines:?} {keys}");
    }

    #[test]
    fn walks() {
        check(&[], "x", "ud", &["x", "x"]);
        check(&["a", "b"], "", "u", &["b"]);
        check(&["a", "b"], "", "uuu", &["b", "a", "a"]);
        check(&["a", "b"], "draft", "uudd", &["b", "a", "b", "draft"]);
        check(
            &["a", "b"],
            "draft",
            "uddd",
            &["b", "draft", "draft", "draft"],
        );
        check(&["a", "a", " ", ""], "", "uu", &["a", "a"]);
        check(&["a", "b", "a"], "", "uuu", &["a", "b", "a"]);
    }

    #[test]
    fn push_ends_the_walk_and_caps_the_length() {
        let mut h = History::default();
        h.push("one");
        h.push("two");
        assert_eq!(h.up(""), Some("two"));
        h.push("three");
        assert_eq!(h.up(""), Some("three"));
        for i in 0..LIMIT + 5 {
            h.push(&i.to_string());
        }
        assert_eq!(h.entries().len(), LIMIT);
        assert_eq!(h.entries()[0], "5");
    }
}
