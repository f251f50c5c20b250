//! Shell patterns (`fnmatch`): `*`, `?`, `[…]` with ranges, negation and `[:class:]`. Used
//! by globbing, `case`, `${x#pat}`, `[[ == ]]` and `find -name`.

#[derive(Clone, Debug, PartialEq)]
enum Elem {
    Ch(char),
    Any,
    Star,
    Class { neg: bool, items: Vec<ClassItem> },
}

#[derive(Clone, Debug, PartialEq)]
enum ClassItem {
    Range(char, char),
    Named(String),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    elems: Vec<Elem>,
}

fn named(class: &str, c: char) -> bool {
    match class {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_control(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && c != ' ',
        _ => false,
    }
}

impl Pattern {
    /// Compiles `text` where `active[i]` says whether character `i` may be special
    /// (unquoted). Missing flags count as active.
    pub fn new(text: &str, active: &[bool]) -> Pattern {
        let chars: Vec<char> = text.chars().collect();
        let act = |i: usize| active.get(i).copied().unwrap_or(true);
        let mut elems = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !act(i) {
                elems.push(Elem::Ch(c));
                i += 1;
                continue;
            }
            match c {
                '*' => {
                    if elems.last() != Some(&Elem::Star) {
                        elems.push(Elem::Star);
                    }
                }
                '?' => elems.push(Elem::Any),
                '\\' if i + 1 < chars.len() => {
                    i += 1;
                    elems.push(Elem::Ch(chars[i]));
                }
                '[' => {
                    if let Some((e, next)) = class(&chars, i + 1) {
                        elems.push(e);
                        i = next;
                        continue;
                    }
                    elems.push(Elem::Ch('['));
                }
                _ => elems.push(Elem::Ch(c)),
            }
            i += 1;
        }
        Pattern { elems }
    }

    /// Compiles a pattern where every character may be special and `\` escapes.
    pub fn parse(text: &str) -> Pattern {
        Pattern::new(text, &[])
    }

    /// Whether the pattern has `*`, `?` or `[…]` (else it matches only itself).
    pub fn has_magic(&self) -> bool {
        self.elems.iter().any(|e| !matches!(e, Elem::Ch(_)))
    }

    /// Whether the pattern starts with a literal `.` (globbing shows dot files only then).
    pub fn starts_with_dot(&self) -> bool {
        self.elems.first() == Some(&Elem::Ch('.'))
    }

    /// Whether the whole of `s` matches.
    pub fn matches(&self, s: &str) -> bool {
        let s: Vec<char> = s.chars().collect();
        let (mut pi, mut si) = (0, 0);
        let mut back: Option<(usize, usize)> = None;
        while si < s.len() {
            let ok = match self.elems.get(pi) {
                Some(Elem::Star) => {
                    back = Some((pi, si));
                    pi += 1;
                    continue;
                }
                Some(Elem::Ch(c)) => *c == s[si],
                Some(Elem::Any) => true,
                Some(Elem::Class { neg, items }) => {
                    let hit = items.iter().any(|it| match it {
                        ClassItem::Range(a, b) => (*a..=*b).contains(&s[si]),
                        ClassItem::Named(n) => named(n, s[si]),
                    });
                    hit != *neg
                }
                None => false,
            };
            if ok {
                pi += 1;
                si += 1;
            } else if let Some((bp, bs)) = back {
                pi = bp + 1;
                si = bs + 1;
                back = Some((bp, bs + 1));
            } else {
                return false;
            }
        }
        self.elems[pi.min(self.elems.len())..]
            .iter()
            .all(|e| *e == Elem::Star)
    }
}

/// Parses a bracket expression starting after `[`; returns it and the index after `]`.
fn class(chars: &[char], mut i: usize) -> Option<(Elem, usize)> {
    let mut neg = false;
    if matches!(chars.get(i), Some('!' | '^')) {
        neg = true;
        i += 1;
    }
    let mut items = Vec::new();
    let start = i;
    loop {
        let c = *chars.get(i)?;
        if c == ']' && i > start {
            return Some((Elem::Class { neg, items }, i + 1));
        }
        if c == '[' && chars.get(i + 1) == Some(&':') {
            let rest: String = chars[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                items.push(ClassItem::Named(rest[..end].to_owned()));
                i += 2 + rest[..end].chars().count() + 2;
                continue;
            }
        }
        let lo = if c == '\\' {
            i += 1;
            *chars.get(i)?
        } else {
            c
        };
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|c| *c != ']') {
            let hi = chars[i + 2];
            items.push(ClassItem::Range(lo, hi));
            i += 3;
        } else {
            items.push(ClassItem::Range(lo, lo));
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pat: &str, s: &str, expected: bool) {
        assert_eq!(Pattern::parse(pat).matches(s), expected, "{pat} vs {s}");
    }

    #[test]
    fn matching() {
        check("*", "", true);
        check("*.txt", "a.txt", true);
        check("*.txt", "a.txt.bak", false);
        check("a?c", "abc", true);
        check("a?c", "ac", false);
        check("[a-c]x", "bx", true);
        check("[!a-c]x", "bx", false);
        check("[[:digit:]]*", "9lives", true);
        check("[]]", "]", true);
        check("[", "[", true);
        check("a\\*", "a*", true);
        check("a\\*", "ab", false);
        check("*a*b*", "xxaybz", true);
        check("*a*b", "xxaybz", false);
        assert!(!Pattern::new("*", &[false]).matches("x"));
    }
}
