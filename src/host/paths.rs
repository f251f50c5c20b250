//! The host's path syntax: what the student types (`C:\codec\gcc-hw`, `c:/temp1`,
//! `/c/temp1`, `..\x`, `~/notes`) turned into a path on the host's disk, and back into the
//! way the host prints it.
//!
//! The host's disk is one tree (`fs::RwLayer`) with `/`-separated paths:
//!
//! - On Windows each drive is a top-level directory named by its lowercase letter: `C:\` is
//!   `/c`, `C:\codec\gcc-hw` is `/c/codec/gcc-hw`. NTFS ignores case, so a typed name
//!   matches an existing entry whatever its case (see [`fold_case`]). `/` or `\` alone starts
//!   at the current drive's root; a path whose first component is a single letter
//!   (`/c/temp1`, as Git Bash and Docker Desktop write it) names that drive.
//! - On Linux a disk path is the path itself.
//!
//! Docker Desktop runs the daemon in a Linux VM and sees the Windows drives under
//! `/run/desktop/mnt/host/<letter>/…`: a bind mount of `C:\codec\gcc-hw` shows
//! `"Source": "/run/desktop/mnt/host/c/codec/gcc-hw"` in `docker inspect`, while
//! `HostConfig.Binds` keeps the text as typed ([`daemon_source`]).

use super::HostKind;
use crate::fs::{Fs, RwLayer};

/// Where Docker Desktop's VM mounts the Windows drives.
pub const DESKTOP_MNT: &str = "/run/desktop/mnt/host";

/// Whether `typed` is an absolute path in the host's syntax (`C:\x`, `c:/x`, `\x`, `/x`).
pub fn is_absolute(kind: HostKind, typed: &str) -> bool {
    match kind {
        HostKind::Linux => typed.starts_with('/'),
        HostKind::Windows => {
            typed.starts_with('/') || typed.starts_with('\\') || drive_prefix(typed).is_some()
        }
    }
}

/// `X:` at the start of `s`: the drive letter, lowercase.
fn drive_prefix(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let letter = chars.next()?;
    (letter.is_ascii_alphabetic() && chars.next() == Some(':')).then(|| letter.to_ascii_lowercase())
}

/// The disk path `typed` names, taken from `cwd` (a disk path) when relative; `home` (a
/// disk path) stands for `~`. Purely lexical: `.` and `..` are applied, nothing is looked
/// up (on Windows, [`fold_case`] then matches names to the disk's entries).
pub fn resolve(kind: HostKind, cwd: &str, home: &str, typed: &str) -> String {
    let (base, rest): (String, &str) = match kind {
        HostKind::Linux => {
            if typed == "~" || typed.starts_with("~/") {
                (home.to_owned(), &typed[1..])
            } else if typed.starts_with('/') {
                ("/".to_owned(), typed)
            } else {
                (cwd.to_owned(), typed)
            }
        }
        HostKind::Windows => {
            let cwd_drive = cwd
                .strip_prefix('/')
                .and_then(|s| s.chars().next())
                .unwrap_or('c');
            if typed == "~" || typed.starts_with("~/") || typed.starts_with("~\\") {
                (home.to_owned(), &typed[1..])
            } else if let Some(letter) = drive_prefix(typed) {
                let rest = &typed[2..];
                if rest.starts_with(['/', '\\']) || letter != cwd_drive {
                    // `C:\x`, or `D:x` (relative to D:'s root, the only place known on D:).
                    (format!("/{letter}"), rest)
                } else {
                    // `C:x` on drive C: relative to the current directory.
                    (cwd.to_owned(), rest)
                }
            } else if typed.starts_with(['/', '\\']) {
                let trimmed = typed.trim_start_matches(['/', '\\']);
                let first = trimmed.split(['/', '\\']).next().unwrap_or("");
                if first.len() == 1 && first.chars().all(|c| c.is_ascii_alphabetic()) {
                    (format!("/{}", first.to_ascii_lowercase()), &trimmed[1..])
                } else {
                    (format!("/{cwd_drive}"), typed)
                }
            } else {
                (cwd.to_owned(), typed)
            }
        }
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    // On Windows the drive is the floor `..` cannot climb above.
    let floor = usize::from(kind == HostKind::Windows).min(parts.len());
    let seps: &[char] = match kind {
        HostKind::Windows => &['/', '\\'],
        HostKind::Linux => &['/'],
    };
    for p in rest.split(seps) {
        match p {
            "" | "." => {}
            ".." => {
                if parts.len() > floor {
                    parts.pop();
                }
            }
            name => parts.push(name),
        }
    }
    format!("/{}", parts.join("/"))
}

/// On Windows, `path` with each name replaced by the existing entry of `disk` that equals it
/// ignoring case (NTFS keeps case but ignores it); names past the first missing one stay as
/// typed. On Linux, `path` unchanged.
pub fn fold_case(kind: HostKind, disk: &RwLayer, path: &str) -> String {
    if kind == HostKind::Linux {
        return path.to_owned();
    }
    let mut out = String::new();
    let mut found = true;
    for name in path.split('/').filter(|p| !p.is_empty()) {
        let dir = if out.is_empty() { "/" } else { out.as_str() };
        let real = if found {
            disk.read_dir(dir)
                .ok()
                .and_then(|names| names.into_iter().find(|n| n.eq_ignore_ascii_case(name)))
        } else {
            None
        };
        found = real.is_some();
        out.push('/');
        out.push_str(real.as_deref().unwrap_or(name));
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// How the host prints the disk path `disk`: `C:\codec\gcc-hw` on Windows, the path itself
/// on Linux.
pub fn display(kind: HostKind, disk: &str) -> String {
    match kind {
        HostKind::Linux => disk.to_owned(),
        HostKind::Windows => {
            let mut parts = disk.split('/').filter(|p| !p.is_empty());
            let drive = parts.next().unwrap_or("c").to_ascii_uppercase();
            let rest: Vec<&str> = parts.collect();
            format!("{drive}:\\{}", rest.join("\\"))
        }
    }
}

/// The path the daemon sees for the host's disk path `disk`: on Docker Desktop the drive
/// under [`DESKTOP_MNT`] (`/run/desktop/mnt/host/c/codec/gcc-hw`), on Linux the path itself.
/// This is the `Source` of a bind mount in `docker inspect`.
pub fn daemon_source(kind: HostKind, disk: &str) -> String {
    match kind {
        HostKind::Linux => disk.to_owned(),
        HostKind::Windows => format!("{DESKTOP_MNT}{}", disk.trim_end_matches('/')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: HostKind = HostKind::Windows;
    const L: HostKind = HostKind::Linux;

    fn check(kind: HostKind, cwd: &str, typed: &str, expected: &str) {
        let home = match kind {
            W => "/c/Users/student",
            L => "/home/student",
        };
        assert_eq!(
            resolve(kind, cwd, home, typed),
            expected,
            "{kind:?} {cwd} {typed}"
        );
    }

    #[test]
    fn windows_paths() {
        let cwd = "/c/Users/student";
        check(W, cwd, r"C:\codec\gcc-hw", "/c/codec/gcc-hw");
        check(W, cwd, "c:/temp1", "/c/temp1");
        check(W, cwd, "C:/temp1/", "/c/temp1");
        check(W, cwd, "/c/temp1", "/c/temp1");
        check(W, cwd, r"\c\temp1", "/c/temp1");
        check(W, cwd, "//c/temp1", "/c/temp1");
        check(W, cwd, "/cd/temp1", "/c/cd/temp1");
        check(W, cwd, "/temp1", "/c/temp1");
        check(W, cwd, r"\", "/c");
        check(W, cwd, "C:", "/c/Users/student");
        check(W, cwd, r"C:\", "/c");
        check(W, cwd, "D:x", "/d/x");
        check(W, cwd, r"d:\data", "/d/data");
        check(W, cwd, "docs", "/c/Users/student/docs");
        check(W, cwd, r".\docs\..\x", "/c/Users/student/x");
        check(W, cwd, r"..\..\..\..", "/c");
        check(W, cwd, "~", "/c/Users/student");
        check(W, "/c/temp1", r"~\Desktop", "/c/Users/student/Desktop");
        check(W, "/c/temp1", "t1.txt", "/c/temp1/t1.txt");
        check(W, "/c", "..", "/c");
    }

    #[test]
    fn linux_paths() {
        let cwd = "/home/student";
        check(L, cwd, "/home/student/temp1", "/home/student/temp1");
        check(L, cwd, "temp1/t1.txt", "/home/student/temp1/t1.txt");
        check(L, cwd, "./codec/gcc-hw/", "/home/student/codec/gcc-hw");
        check(L, cwd, "../..", "/");
        check(L, cwd, "../../..", "/");
        check(L, "/tmp", "~", "/home/student");
        check(L, "/tmp", "~/temp1", "/home/student/temp1");
        check(L, "/tmp", "~x", "/tmp/~x");
        check(L, cwd, r"a\b", "/home/student/a\\b");
        check(L, cwd, "/", "/");
    }

    #[test]
    fn displays() {
        for (kind, disk, shown, source) in [
            (
                W,
                "/c/codec/gcc-hw",
                r"C:\codec\gcc-hw",
                "/run/desktop/mnt/host/c/codec/gcc-hw",
            ),
            (W, "/c", r"C:\", "/run/desktop/mnt/host/c"),
            (W, "/", r"C:\", "/run/desktop/mnt/host"),
            (L, "/home/student", "/home/student", "/home/student"),
        ] {
            assert_eq!(display(kind, disk), shown);
            assert_eq!(daemon_source(kind, disk), source);
        }
    }

    #[test]
    fn absolute_forms() {
        for (kind, typed, abs) in [
            (W, r"C:\x", true),
            (W, "c:/x", true),
            (W, "/c/x", true),
            (W, r"\x", true),
            (W, "x", false),
            (W, "myvol", false),
            (L, "/x", true),
            (L, "c:/x", false),
            (L, "./x", false),
        ] {
            assert_eq!(is_absolute(kind, typed), abs, "{kind:?} {typed}");
        }
    }

    #[test]
    fn case_is_folded_on_windows_only() {
        let mut disk = RwLayer::new();
        let meta = crate::fs::Meta::root(0o755, 0);
        disk.add_dir("/c/codec/gcc-hw", meta).ok();
        for (kind, path, expected) in [
            (W, "/c/CODEC/GCC-HW", "/c/codec/gcc-hw"),
            (W, "/c/Codec/new/Dir", "/c/codec/new/Dir"),
            (W, "/c", "/c"),
            (L, "/c/CODEC", "/c/CODEC"),
        ] {
            assert_eq!(fold_case(kind, &disk, path), expected);
        }
    }
}
