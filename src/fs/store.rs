//! The primitives every filesystem implements, on paths already resolved.
//!
//! A resolved path is a list of names from the root with no `.`, `..` or symbolic link
//! among its parents, and whose parents are all directories. [`super::Fs`] resolves the
//! caller's path text and checks POSIX rules (EEXIST, ENOTEMPTY, EISDIR …) once, for every
//! filesystem; a `Store` only looks things up and applies changes. The trait lives in a
//! private module: outside `fs`, filesystems are used through `Fs` alone.

use super::content::Content;
use super::errno::Result;
use super::node::{Meta, Node, Stat};
use crate::ports::Nanos;

/// Lookups and changes on resolved paths.
pub trait Store {
    /// `lstat` of `path`, or `None` when nothing is there.
    fn node(&self, path: &[String]) -> Option<Stat>;

    /// The contents of the file at `path`.
    fn content(&self, path: &[String]) -> Option<Content>;

    /// The target of the symbolic link at `path`.
    fn target(&self, path: &[String]) -> Option<String>;

    /// The names in the directory at `path`, sorted.
    fn names(&self, path: &[String]) -> Vec<String>;

    /// Whether `path` is a mount point, which cannot be removed or renamed (EBUSY, checked
    /// before whether a directory is empty).
    fn busy(&self, path: &[String]) -> bool {
        let _ = path;
        false
    }

    /// Creates `node` (a file, a symbolic link or a directory with its whole subtree) at
    /// `path`, which does not exist but whose parent does; the parent's mtime becomes `now`.
    fn put(&mut self, path: &[String], node: Node, now: Nanos) -> Result<()>;

    /// Changes the contents of the existing file at `path`; its mtime becomes `now`.
    fn update(
        &mut self,
        path: &[String],
        edit: &mut dyn FnMut(&mut Content),
        now: Nanos,
    ) -> Result<()>;

    /// Changes the metadata of the existing entry at `path`.
    fn set_meta(&mut self, path: &[String], edit: &mut dyn FnMut(&mut Meta)) -> Result<()>;

    /// Removes the file, link or empty directory at `path`; the parent's mtime becomes `now`.
    fn delete(&mut self, path: &[String], now: Nanos) -> Result<()>;

    /// Moves the entry at `from` to `to`, replacing what `to` holds (a non-directory, or an
    /// empty directory when moving a directory); both parents' mtimes become `now`.
    fn move_entry(&mut self, from: &[String], to: &[String], now: Nanos) -> Result<()>;
}
