//! `.dockerignore`: which files of the build context are left out (moby's patternmatcher:
//! `*`, `?`, `**`, `!` exceptions, the last matching pattern wins, a match on a folder
//! covers what it holds).

/// The patterns of one `.dockerignore` file.
#[derive(Clone, Debug, Default)]
pub struct Ignore {
    patterns: Vec<(bool, Vec<String>)>,
}

impl Ignore {
    /// Reads a `.dockerignore` text: one pattern a line, `#` comments.
    pub fn parse(text: &str) -> Ignore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exception, pat) = match line.strip_prefix('!') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let parts: Vec<String> = pat
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .map(str::to_owned)
                .collect();
            if !parts.is_empty() {
                patterns.push((exception, parts));
            }
        }
        Ignore { patterns }
    }

    /// Whether the context path `rel` (`dir/file.txt`, no leading slash) is left out.
    pub fn excludes(&self, rel: &str) -> bool {
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        let mut excluded = false;
        for (exception, pat) in &self.patterns {
            // A pattern matches the path or any folder above it.
            let hit = (1..=parts.len()).any(|n| matches(pat, &parts[..n]));
            if hit {
                excluded = !exception;
            }
        }
        excluded
    }
}

fn matches(pat: &[String], parts: &[&str]) -> bool {
    match pat.split_first() {
        None => parts.is_empty(),
        Some((p, rest)) if p == "**" => (0..=parts.len()).any(|k| matches(rest, &parts[k..])),
        Some((p, rest)) => match parts.split_first() {
            Some((first, more)) => glob(p, first) && matches(rest, more),
            None => false,
        },
    }
}

/// One path component against one pattern component (`*`, `?`, literal).
fn glob(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let n: Vec<char> = name.chars().collect();
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('*', rest)) => (0..=n.len()).any(|k| go(rest, &n[k..])),
            Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    go(&p, &n)
}

/// Whether a `COPY` source pattern component matches a name (`*.txt`).
pub fn glob_match(pat: &str, name: &str) -> bool {
    glob(pat, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(patterns: &str, path: &str, excluded: bool) {
        assert_eq!(
            Ignore::parse(patterns).excludes(path),
            excluded,
            "{patterns:?} {path}"
        );
    }

    #[test]
    fn patterns_exclude_as_moby_matches() {
        check("", "a.txt", false);
        check("a.txt", "a.txt", true);
        check("/a.txt", "a.txt", true);
        check("./a.txt", "a.txt", true);
        check("a.txt", "b.txt", false);
        check("*.log", "x.log", true);
        check("*.log", "dir/x.log", false);
        check("**/*.log", "dir/sub/x.log", true);
        check("**/*.log", "x.log", true);
        check("node_modules", "node_modules/a/b.js", true);
        check("secret?", "secret1", true);
        check("secret?", "secret12", false);
        check("*.md\n!README.md", "README.md", false);
        check("*.md\n!README.md", "NOTES.md", true);
        check("!README.md\n*.md", "README.md", true);
        check("# comment\n\n  tmp  ", "tmp/x", true);
        check("dir/*", "dir/x", true);
        check("dir/*", "dir", false);
    }
}
