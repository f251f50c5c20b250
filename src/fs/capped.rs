//! A filesystem with a size limit: a tmpfs mounted with `size=` (`--tmpfs /x:size=1m`,
//! `--mount type=tmpfs,tmpfs-size=…`, a local volume with `type=tmpfs,o=size=…`). A change
//! that would make its files hold more bytes than the limit fails with `ENOSPC` and
//! changes nothing.

use super::content::Content;
use super::errno::{Errno, Result};
use super::layer::RwLayer;
use super::node::{Meta, Node, Stat};
use super::store::Store;
use super::Fs;
use crate::ports::Nanos;

/// An in-memory tree that refuses to grow past `limit` bytes.
#[derive(Debug)]
pub struct Capped {
    tree: RwLayer,
    limit: u64,
}

impl Capped {
    /// An empty filesystem whose root has `root`'s metadata, holding at most `limit` bytes.
    pub fn new(root: Meta, limit: u64) -> Capped {
        Capped {
            tree: RwLayer::with_root(root),
            limit,
        }
    }

    /// The limit, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Bytes its files and links hold.
    pub fn used(&self) -> u64 {
        self.tree.size()
    }
}

impl Store for Capped {
    fn node(&self, path: &[String]) -> Option<Stat> {
        self.tree.node(path)
    }
    fn content(&self, path: &[String]) -> Option<Content> {
        self.tree.content(path)
    }
    fn target(&self, path: &[String]) -> Option<String> {
        self.tree.target(path)
    }
    fn names(&self, path: &[String]) -> Vec<String> {
        self.tree.names(path)
    }

    fn put(&mut self, path: &[String], node: Node, now: Nanos) -> Result<()> {
        self.tree.put(path, node, now)?;
        let used = self.tree.size();
        if used <= self.limit {
            return Ok(());
        }
        // A new file keeps what fits, as a short write does; anything else is undone.
        let over = used - self.limit;
        match self.tree.content(path) {
            Some(c) if c.len() >= over => {
                self.tree.update(path, &mut |c| shorten(c, over), now)?;
            }
            _ => self.tree.delete_tree(path),
        }
        Err(Errno::ENOSPC)
    }

    fn update(
        &mut self,
        path: &[String],
        edit: &mut dyn FnMut(&mut Content),
        now: Nanos,
    ) -> Result<()> {
        let before = self.tree.content(path);
        self.tree.update(path, edit, now)?;
        let used = self.tree.size();
        if used <= self.limit {
            return Ok(());
        }
        // The file keeps what fits (a write fills the file system, then fails), but never
        // loses what it held before.
        let over = used - self.limit;
        let old_len = before.as_ref().map_or(0, Content::len);
        let mut old = before;
        self.tree.update(
            path,
            &mut |c| {
                if c.len().saturating_sub(over) >= old_len {
                    shorten(c, over);
                } else if let Some(o) = old.take() {
                    *c = o;
                }
            },
            now,
        )?;
        Err(Errno::ENOSPC)
    }

    fn set_meta(&mut self, path: &[String], edit: &mut dyn FnMut(&mut Meta)) -> Result<()> {
        self.tree.set_meta(path, edit)
    }

    fn delete(&mut self, path: &[String], now: Nanos) -> Result<()> {
        self.tree.delete(path, now)
    }

    fn move_entry(&mut self, from: &[String], to: &[String], now: Nanos) -> Result<()> {
        self.tree.move_entry(from, to, now)
    }
}

impl Fs for Capped {}

/// Drops the last `by` bytes of `c`.
pub(super) fn shorten(c: &mut Content, by: u64) {
    let keep = c.len().saturating_sub(by);
    *c = Content::from(c.slice(0, usize::try_from(keep).unwrap_or(0)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::Caller;

    fn check(limit: u64, writes: &[(&str, usize)], expected: &[Result<()>], used: u64) {
        let mut fs = Capped::new(Meta::new(0o1777, 0, 0, 0), limit);
        let c = Caller::root(1);
        for ((path, len), want) in writes.iter().zip(expected) {
            let got = if path.ends_with('+') {
                fs.append(&c, path.trim_end_matches('+'), &vec![b'x'; *len])
            } else {
                fs.write(&c, path, Content::from(vec![b'x'; *len]))
            };
            assert_eq!(got, *want, "{path} {len}");
        }
        assert_eq!(fs.used(), used);
    }

    #[test]
    fn limits() {
        let full = Err(Errno::ENOSPC);
        check(10, &[("/a", 10)], &[Ok(())], 10);
        check(10, &[("/a", 11)], &[full], 10);
        check(10, &[("/a", 6), ("/b", 6)], &[Ok(()), full], 10);
        check(
            10,
            &[("/a", 6), ("/a+", 4), ("/a+", 1)],
            &[Ok(()), Ok(()), full],
            10,
        );
        check(10, &[("/a", 6), ("/a+", 7)], &[Ok(()), full], 10);
        check(10, &[("/a", 6), ("/a", 9)], &[Ok(()), Ok(())], 9);
        check(
            10,
            &[("/a", 6), ("/b", 3), ("/a", 12)],
            &[Ok(()), Ok(()), full],
            10,
        );
    }
}
