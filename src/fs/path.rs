//! Path text: splitting, joining and lexical clean-up of `/`-separated paths.
//!
//! These never look at a filesystem; resolution through symbolic links lives in
//! `resolve.rs`. Relative paths given to a filesystem are taken from its root, so the
//! shell joins its working directory first with [`join`].

/// Longest name of one entry, in bytes (`NAME_MAX`).
pub const NAME_MAX: usize = 255;

/// Longest path, in bytes (`PATH_MAX`).
pub const PATH_MAX: usize = 4096;

/// Deepest nesting of directories. Linux has no such limit; the simulator has one so that
/// walking a tree never exhausts the (small, wasm) stack. Real images stay far below it.
pub const MAX_DEPTH: usize = 256;

/// The non-empty components of `path`, keeping `.` and `..`.
pub fn components(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    path.split('/').filter(|c| !c.is_empty())
}

/// `path` taken from `base` when relative, as a shell does with its working directory.
///
/// ```
/// use berth::fs::path::join;
/// assert_eq!(join("/home/user", "notes.txt"), "/home/user/notes.txt");
/// assert_eq!(join("/home/user", "/etc"), "/etc");
/// assert_eq!(join("/", "a"), "/a");
/// ```
pub fn join(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else if base.ends_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// The absolute path `path` names once `.` and `..` are applied lexically, without
/// following links (`..` at the root stays at the root).
///
/// ```
/// use berth::fs::path::normalize;
/// assert_eq!(normalize("/a/./b/../c/"), "/a/c");
/// assert_eq!(normalize("../../x"), "/x");
/// assert_eq!(normalize(""), "/");
/// ```
pub fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in components(path) {
        match c {
            "." => {}
            ".." => {
                out.pop();
            }
            name => out.push(name),
        }
    }
    display(&out)
}

/// The absolute path made of `parts`: `/` for none.
pub fn display<S: AsRef<str>>(parts: &[S]) -> String {
    if parts.is_empty() {
        return "/".to_string();
    }
    let mut s = String::new();
    for p in parts {
        s.push('/');
        s.push_str(p.as_ref());
    }
    s
}

/// The last component of `path` (`basename`), or `/` for the root.
///
/// ```
/// use berth::fs::path::file_name;
/// assert_eq!(file_name("/etc/passwd"), "passwd");
/// assert_eq!(file_name("/usr/lib/"), "lib");
/// assert_eq!(file_name("/"), "/");
/// ```
pub fn file_name(path: &str) -> &str {
    components(path).next_back().unwrap_or("/")
}

/// Everything but the last component (`dirname`): `/` for a top-level entry, `.` for a
/// single relative name.
///
/// ```
/// use berth::fs::path::parent;
/// assert_eq!(parent("/etc/passwd"), "/etc");
/// assert_eq!(parent("/etc"), "/");
/// assert_eq!(parent("notes.txt"), ".");
/// assert_eq!(parent("a/b"), "a");
/// ```
pub fn parent(path: &str) -> String {
    let parts: Vec<&str> = components(path).collect();
    match (path.starts_with('/'), parts.len()) {
        (true, 0 | 1) => "/".to_string(),
        (false, 0 | 1) => ".".to_string(),
        (true, n) => display(&parts[..n - 1]),
        (false, n) => parts[..n - 1].join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_cases() {
        for (input, expected) in [
            ("/", "/"),
            ("//a//b//", "/a/b"),
            ("/a/b/..", "/a"),
            ("/..", "/"),
            ("/../../a", "/a"),
            ("a/./b", "/a/b"),
            ("/a/.../b", "/a/.../b"),
        ] {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }
}
