//! bash's brace expansion: `a{b,c}d` → `abd acd`, `{1..3}` → `1 2 3`, `{a..c}`, nested.
//! Applies to unquoted text only, before any other expansion (dash and ash have none).

use super::ast::{Part, Word};

/// Finds the first brace group in `s`: (start of `{`, end after `}`, alternatives).
fn group(s: &str) -> Option<(usize, usize, Vec<String>)> {
    let bytes: Vec<char> = s.chars().collect();
    let offs: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    for start in 0..bytes.len() {
        if bytes[start] != '{' || (start > 0 && bytes[start - 1] == '$') {
            continue;
        }
        let mut depth = 0;
        let mut commas = Vec::new();
        for (j, &c) in bytes.iter().enumerate().skip(start) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        let inner = &s[offs[start + 1]..offs[j]];
                        let alts: Vec<String> = if commas.is_empty() {
                            sequence(inner)?
                        } else {
                            let mut v = Vec::new();
                            let mut last = start + 1;
                            for &k in &commas {
                                v.push(s[offs[last]..offs[k]].to_owned());
                                last = k + 1;
                            }
                            v.push(s[offs[last]..offs[j]].to_owned());
                            v
                        };
                        return Some((offs[start], offs[j + 1], alts));
                    }
                }
                ',' if depth == 1 => commas.push(j),
                _ => {}
            }
        }
    }
    None
}

fn sequence(inner: &str) -> Option<Vec<String>> {
    let (a, b) = inner.split_once("..")?;
    if let (Ok(x), Ok(y)) = (a.parse::<i64>(), b.parse::<i64>()) {
        if (x - y).abs() > 10_000 {
            return None;
        }
        let v: Vec<String> = if x <= y {
            (x..=y).map(|n| n.to_string()).collect()
        } else {
            (y..=x).rev().map(|n| n.to_string()).collect()
        };
        return Some(v);
    }
    let (mut ca, mut cb) = (a.chars(), b.chars());
    match (ca.next(), ca.next(), cb.next(), cb.next()) {
        (Some(x), None, Some(y), None) if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() => {
            let v = if x <= y {
                (x..=y).map(String::from).collect()
            } else {
                (y..=x).rev().map(String::from).collect()
            };
            Some(v)
        }
        _ => None,
    }
}

/// Expands the brace groups in a word's unquoted literal parts.
pub fn expand(w: &Word) -> Vec<Word> {
    expand_depth(w, 0)
}

fn expand_depth(w: &Word, depth: u32) -> Vec<Word> {
    if depth > 8 {
        return vec![w.clone()];
    }
    for (i, p) in w.0.iter().enumerate() {
        let Part::Lit(s) = p else { continue };
        let Some((a, b, alts)) = group(s) else {
            continue;
        };
        let mut out = Vec::new();
        for alt in alts {
            let mut parts = w.0.clone();
            parts[i] = Part::Lit(format!("{}{alt}{}", &s[..a], &s[b..]));
            parts.retain(|p| !matches!(p, Part::Lit(s) if s.is_empty()));
            out.extend(expand_depth(&Word(parts), depth + 1));
            if out.len() > 10_000 {
                break;
            }
        }
        return out;
    }
    vec![w.clone()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, expected: &[&str]) {
        let got: Vec<String> = expand(&Word::lit(s))
            .iter()
            .map(|w| w.as_lit().unwrap_or("").to_owned())
            .collect();
        assert_eq!(got, expected, "{s}");
    }

    #[test]
    fn braces() {
        check("a{b,c}d", &["abd", "acd"]);
        check("{1..3}", &["1", "2", "3"]);
        check("{c..a}", &["c", "b", "a"]);
        check("x{a,b{1,2}}", &["xa", "xb1", "xb2"]);
        check("{a}", &["{a}"]);
        check("${x}", &["${x}"]);
        check("{}", &["{}"]);
    }
}
