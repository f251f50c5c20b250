//! Pathname expansion: a word with unquoted `*`, `?` or `[…]` becomes the sorted names of
//! the files it matches, read through [`ShellFs`]. Names starting with `.` match only a
//! pattern that starts with a literal `.`.

use super::fs::{join, resolve, ShellFs};
use super::pattern::Pattern;
use crate::collections::SmallSort;

/// Expands a pattern whose characters are special where `active` says so. Returns the
/// matching paths, spelled as the pattern spells them (relative stays relative), sorted;
/// empty when nothing matches.
pub fn glob(fs: &dyn ShellFs, cwd: &str, text: &str, active: &[bool]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut segs: Vec<(String, Vec<bool>)> = Vec::new();
    let mut cur = (String::new(), Vec::new());
    for (i, c) in chars.iter().enumerate() {
        if *c == '/' {
            segs.push(std::mem::take(&mut cur));
        } else {
            cur.0.push(*c);
            cur.1.push(active.get(i).copied().unwrap_or(true));
        }
    }
    segs.push(cur);
    let absolute = text.starts_with('/');
    // Each candidate: (spelling so far, absolute path).
    let mut cands: Vec<(String, String)> = vec![if absolute {
        ("/".into(), "/".into())
    } else {
        (String::new(), cwd.to_owned())
    }];
    let n = segs.len();
    for (i, (seg, act)) in segs.iter().enumerate() {
        if seg.is_empty() {
            if i == 0 && absolute {
                continue;
            }
            // A doubled or trailing slash: keep it in the spelling.
            for c in &mut cands {
                if !c.0.ends_with('/') {
                    c.0.push('/');
                }
            }
            continue;
        }
        let pat = Pattern::new(seg, act);
        let mut next = Vec::new();
        for (spell, abs) in &cands {
            let sep = if spell.is_empty() || spell.ends_with('/') {
                ""
            } else {
                "/"
            };
            if !pat.has_magic() {
                let lit: String = seg.clone();
                next.push((format!("{spell}{sep}{lit}"), join(abs, &lit)));
                continue;
            }
            let Ok(names) = fs.list(abs) else { continue };
            for name in names {
                if name.starts_with('.') && !pat.starts_with_dot() {
                    continue;
                }
                if pat.matches(&name) {
                    let p = join(abs, &name);
                    if i + 1 < n && !fs.stat(&p).is_ok_and(|s| s.is_dir()) {
                        continue;
                    }
                    next.push((format!("{spell}{sep}{name}"), p));
                }
            }
        }
        cands = next;
        if cands.is_empty() {
            return Vec::new();
        }
    }
    let mut out: Vec<String> = cands
        .into_iter()
        .filter(|(_, abs)| fs.lstat(&resolve("/", abs)).is_ok())
        .map(|(s, _)| s)
        .collect();
    out.small_sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::memfs::MemFs;

    #[test]
    fn globbing() {
        let mut fs = MemFs::new(0);
        for f in ["/d/a.txt", "/d/b.txt", "/d/.h.txt", "/d/sub/c.txt", "/e/x"] {
            fs.add_file(f, b"", 0o644);
        }
        let g = |cwd: &str, p: &str| glob(&fs, cwd, p, &[]);
        assert_eq!(g("/d", "*.txt"), ["a.txt", "b.txt"]);
        assert_eq!(g("/d", ".*"), [".h.txt"]);
        assert_eq!(g("/", "/d/*/c.txt"), ["/d/sub/c.txt"]);
        assert_eq!(g("/", "d/?.txt"), ["d/a.txt", "d/b.txt"]);
        assert_eq!(g("/", "/*/x"), ["/e/x"]);
        assert!(g("/", "*.none").is_empty());
        assert!(glob(&fs, "/d", "*.txt", &[false]).is_empty());
    }
}
