//! Path resolution: from path text to a resolved path, following symbolic links.
//!
//! Absolute and relative paths both start at the root (the shell joins its working
//! directory first). `.` is skipped, `..` climbs (and stays put at the root), absolute link
//! targets restart from the root, relative ones from the link's directory, and more than
//! [`MAX_HOPS`] links in one resolution give ELOOP, as Linux does.

use super::errno::{Errno, Result};
use super::node::{Kind, Stat};
use super::path::{components, MAX_DEPTH, NAME_MAX, PATH_MAX};
use super::store::Store;

/// Most symbolic links one resolution may follow (Linux's `MAXSYMLINKS`).
pub const MAX_HOPS: u32 = 40;

/// Where a path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Names from the root.
    pub parts: Vec<String>,
    /// What is there (`None`: nothing yet, but the parent is a directory).
    pub stat: Option<Stat>,
    /// The path text ended with `/`: it must name a directory.
    pub must_dir: bool,
    /// The path text ended with `.` or `..` (or was the root), which `rmdir` and `rename`
    /// refuse.
    pub dots: bool,
}

/// Resolves `path` in `fs`; `follow` says whether a final symbolic link is followed
/// (`stat`) or returned (`lstat`). A trailing `/` always follows.
pub fn resolve<S: Store + ?Sized>(fs: &S, path: &str, follow: bool) -> Result<Resolved> {
    if path.is_empty() {
        return Err(Errno::ENOENT);
    }
    if path.len() > PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    let must_dir = path.ends_with('/');
    let follow = follow || must_dir;
    let mut pending: Vec<String> = components(path).rev().map(String::from).collect();
    let dots = matches!(
        pending.first().map(String::as_str),
        None | Some(".") | Some("..")
    );
    let mut cur: Vec<String> = Vec::new();
    let mut hops = 0;
    while let Some(name) = pending.pop() {
        match name.as_str() {
            "." => continue,
            ".." => {
                cur.pop();
                continue;
            }
            _ => {}
        }
        if name.len() > NAME_MAX {
            return Err(Errno::ENAMETOOLONG);
        }
        if cur.len() >= MAX_DEPTH {
            return Err(Errno::ENAMETOOLONG);
        }
        let last = pending.is_empty();
        cur.push(name);
        match fs.node(&cur) {
            None if last => {
                return Ok(Resolved {
                    parts: cur,
                    stat: None,
                    must_dir,
                    dots,
                })
            }
            None => return Err(Errno::ENOENT),
            Some(st) if st.kind == Kind::Symlink && (!last || follow) => {
                hops += 1;
                if hops > MAX_HOPS {
                    return Err(Errno::ELOOP);
                }
                let target = fs.target(&cur).unwrap_or_default();
                cur.pop();
                if target.is_empty() {
                    return Err(Errno::ENOENT);
                }
                if target.starts_with('/') {
                    cur.clear();
                }
                pending.extend(components(&target).rev().map(String::from));
            }
            Some(st) if last => {
                if must_dir && st.kind != Kind::Dir {
                    return Err(Errno::ENOTDIR);
                }
                return Ok(Resolved {
                    parts: cur,
                    stat: Some(st),
                    must_dir,
                    dots,
                });
            }
            Some(st) if st.kind != Kind::Dir => return Err(Errno::ENOTDIR),
            Some(_) => {}
        }
    }
    // The path ended with `.`, `..`, or a link to a directory: `cur` is a directory.
    let stat = fs.node(&cur).ok_or(Errno::ENOENT)?;
    Ok(Resolved {
        parts: cur,
        stat: Some(stat),
        must_dir,
        dots,
    })
}
