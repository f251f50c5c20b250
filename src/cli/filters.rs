//! `--filter name=value` as docker's `filters.Args` holds and checks them.

use crate::collections::SortedMap as BTreeMap;

use super::flags::Parsed;

/// Filters by name; a name given twice holds both values (they are OR-ed).
#[derive(Clone, Debug, Default)]
pub struct Filters {
    by_name: BTreeMap<String, Vec<String>>,
}

impl Filters {
    /// The filters of `--filter`/`-f` (already checked for `name=value` by the flag).
    pub fn from_parsed(p: &Parsed) -> Filters {
        let mut f = Filters::default();
        for v in p.all("filter") {
            if let Some((k, val)) = v.split_once('=') {
                f.add(&k.trim().to_ascii_lowercase(), val.trim());
            }
        }
        f
    }

    /// Adds a value for `name`.
    pub fn add(&mut self, name: &str, value: &str) {
        self.by_name
            .entry(name.to_owned())
            .or_default()
            .push(value.to_owned());
    }

    /// The daemon's check: every name must be one the command knows, else
    /// `invalid filter 'name'`.
    pub fn check(&self, allowed: &[&str]) -> Result<(), String> {
        match self.by_name.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(format!("invalid filter '{k}'")),
            None => Ok(()),
        }
    }

    /// The values given for `name`.
    pub fn get(&self, name: &str) -> &[String] {
        self.by_name.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A boolean filter (`dangling=true`): `None` when absent, an error for other values
    /// (`invalid filter 'dangling=[maybe]'`).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, String> {
        let vals = self.get(name);
        if vals.is_empty() {
            return Ok(None);
        }
        let all = |b: &str| {
            vals.iter().all(|v| {
                v.eq_ignore_ascii_case(b) || (b == "true" && v == "1") || (b == "false" && v == "0")
            })
        };
        if all("true") {
            Ok(Some(true))
        } else if all("false") {
            Ok(Some(false))
        } else {
            Err(format!("invalid filter '{name}=[{}]'", vals.join(" ")))
        }
    }

    /// Whether a `label` filter list matches `labels`: each `key` or `key=value` must hold.
    pub fn labels_match(&self, labels: &BTreeMap<String, String>) -> bool {
        self.get("label").iter().all(|f| match f.split_once('=') {
            Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
            None => labels.contains_key(f.as_str()),
        })
    }
}

/// Go's `path.Match` for the patterns docker's `reference` filter takes (`*`, `?`, `[…]`).
pub fn glob_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len())
                .take_while(|&i| i == 0 || n[i - 1] != '/')
                .any(|i| go(&p[1..], &n[i..])),
            Some('?') => n.first().is_some_and(|&c| c != '/') && go(&p[1..], &n[1..]),
            Some('[') => {
                let Some(end) = p.iter().position(|&c| c == ']') else {
                    return false;
                };
                let Some(&c) = n.first() else { return false };
                let set = &p[1..end];
                let (neg, set) = match set.first() {
                    Some('^') | Some('!') => (true, &set[1..]),
                    _ => (false, set),
                };
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        hit |= set[i] <= c && c <= set[i + 2];
                        i += 3;
                    } else {
                        hit |= set[i] == c;
                        i += 1;
                    }
                }
                hit != neg && go(&p[end + 1..], &n[1..])
            }
            Some('\\') if p.len() > 1 => n.first() == Some(&p[1]) && go(&p[2..], &n[1..]),
            Some(&c) => n.first() == Some(&c) && go(&p[1..], &n[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_follow_path_match() {
        for (p, n, want) in [
            ("ngin*", "nginx", true),
            ("*", "library/nginx", false),
            ("*/*", "library/nginx", true),
            ("nginx:*", "nginx:latest", true),
            ("alp?ne", "alpine", true),
            ("[a-c]*", "busybox", true),
            ("[^a-c]*", "busybox", false),
            ("x", "y", false),
        ] {
            assert_eq!(glob_match(p, n), want, "{p} vs {n}");
        }
    }

    #[test]
    fn names_and_bools_are_checked() {
        let mut f = Filters::default();
        f.add("dangling", "true");
        assert_eq!(f.check(&["dangling"]), Ok(()));
        assert_eq!(f.check(&["label"]), Err("invalid filter 'dangling'".into()));
        assert_eq!(f.bool("dangling"), Ok(Some(true)));
        f.add("dangling", "maybe");
        assert_eq!(
            f.bool("dangling"),
            Err("invalid filter 'dangling=[true maybe]'".into())
        );
    }
}
