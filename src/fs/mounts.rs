//! The mount table: a root filesystem (a container's overlay) with volumes and bind mounts
//! over some of its paths, each read-write or read-only. Resolution runs over the whole
//! table, so an absolute link inside a volume still starts at the container's root.
//!
//! Matches Linux: a change under a read-only mount (or anywhere on a read-only root) gives
//! EROFS, removing or renaming a mount point gives EBUSY, and renaming from one mount to
//! another gives EXDEV (`mv` then copies and deletes).

use std::cell::RefCell;
use std::rc::Rc;

use super::content::Content;
use super::errno::{Errno, Result};
use super::node::{Caller, Kind, Meta, Node, Stat};
use super::path::display;
use super::resolve::resolve;
use super::store::Store;
use super::Fs;
use crate::ports::Nanos;

/// Whether a filesystem or mount may be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Access {
    /// Changes allowed.
    #[default]
    ReadWrite,
    /// Changes give EROFS (`:ro`, `--read-only`).
    ReadOnly,
}

/// One volume or bind mount: a directory (or file) of a source filesystem shown at a path.
pub struct Mount {
    target: Vec<String>,
    source: Rc<RefCell<dyn Fs>>,
    source_path: Vec<String>,
    access: Access,
}

impl std::fmt::Debug for Mount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mount")
            .field("target", &self.target())
            .field("source_path", &self.source_path())
            .field("access", &self.access)
            .finish()
    }
}

impl Mount {
    /// Where the mount is seen, such as `/data`.
    pub fn target(&self) -> String {
        display(&self.target)
    }

    /// The mounted filesystem (a volume's tree, the host's disk).
    pub fn source(&self) -> &Rc<RefCell<dyn Fs>> {
        &self.source
    }

    /// The mounted path within the source, such as `/home/user/site`.
    pub fn source_path(&self) -> String {
        display(&self.source_path)
    }

    /// Read-write or read-only.
    pub fn access(&self) -> Access {
        self.access
    }
}

/// A root filesystem with mounts over it. Through [`Fs`] it is what a container's
/// processes see.
#[derive(Debug)]
pub struct MountTable<R> {
    root: R,
    root_access: Access,
    mounts: Vec<Mount>,
}

/// Where a resolved path lands: the root, or a mount (by index) and the path inside it.
enum Route {
    Root,
    Mount(usize, Vec<String>),
}

impl<R: Fs> MountTable<R> {
    /// A table with `root` and no mounts; `root_access` is `ReadOnly` for
    /// `docker run --read-only`.
    pub fn new(root: R, root_access: Access) -> MountTable<R> {
        MountTable {
            root,
            root_access,
            mounts: Vec::new(),
        }
    }

    /// The root filesystem (for `docker diff`, `commit` and `export`, which ignore mounts).
    pub fn root(&self) -> &R {
        &self.root
    }

    /// The root filesystem, mutably, bypassing mounts and read-only access.
    pub fn root_mut(&mut self) -> &mut R {
        &mut self.root
    }

    /// The root filesystem, giving up the mounts.
    pub fn into_root(self) -> R {
        self.root
    }

    /// The mounts, in the order they were made.
    pub fn mounts(&self) -> &[Mount] {
        &self.mounts
    }

    /// Mounts `source_path` of `source` at `target`. Links in `target` are followed within
    /// this table, as docker does; a missing mount point is created (a directory, or an
    /// empty file for a file source), even on a read-only root, so `docker diff` shows it.
    pub fn mount(
        &mut self,
        c: &Caller,
        target: &str,
        source: Rc<RefCell<dyn Fs>>,
        source_path: &str,
        access: Access,
    ) -> Result<()> {
        let (src_parts, src_kind) = {
            let src = source.try_borrow().map_err(|_| Errno::EBUSY)?;
            let r = resolve(&*src, source_path, true)?;
            let st = r.stat.ok_or(Errno::ENOENT)?;
            (r.parts, st.kind)
        };
        let saved = std::mem::replace(&mut self.root_access, Access::ReadWrite);
        let made = self.mount_point(c, target, src_kind);
        self.root_access = saved;
        let parts = made?;
        self.mounts.push(Mount {
            target: parts,
            source,
            source_path: src_parts,
            access,
        });
        Ok(())
    }

    fn mount_point(&mut self, c: &Caller, target: &str, kind: Kind) -> Result<Vec<String>> {
        let r = resolve(self, target, true);
        let r = match r {
            Err(Errno::ENOENT) => {
                self.mkdir_all(
                    c,
                    &super::path::parent(&super::path::normalize(target)),
                    0o755,
                )?;
                resolve(self, target, true)?
            }
            other => other?,
        };
        if r.stat.is_none() {
            let node = match kind {
                Kind::Dir => Node::dir(c.new_meta(0o755)),
                _ => Node::File(c.new_meta(0o644), Content::empty()),
            };
            self.put(&r.parts, node, c.now)?;
        }
        Ok(r.parts)
    }

    /// The mount `path` falls in (the deepest, the latest of equals), and the path inside.
    fn route(&self, path: &[String]) -> Route {
        let mut best: Option<usize> = None;
        for (i, m) in self.mounts.iter().enumerate() {
            if path.starts_with(&m.target)
                && best.is_none_or(|b| m.target.len() >= self.mounts[b].target.len())
            {
                best = Some(i);
            }
        }
        match best {
            None => Route::Root,
            Some(i) => {
                let m = &self.mounts[i];
                let mut inner = m.source_path.clone();
                inner.extend_from_slice(&path[m.target.len()..]);
                Route::Mount(i, inner)
            }
        }
    }

    fn is_mount_point(&self, path: &[String]) -> bool {
        self.mounts.iter().any(|m| m.target == path)
    }

    /// Runs a lookup on whichever filesystem holds `path`.
    fn look<T>(&self, path: &[String], f: impl FnOnce(&dyn Fs, &[String]) -> T) -> Option<T> {
        match self.route(path) {
            Route::Root => Some(f(&self.root, path)),
            Route::Mount(i, inner) => {
                let src = self.mounts[i].source.try_borrow().ok()?;
                Some(f(&*src, &inner))
            }
        }
    }

    /// Runs a change on whichever filesystem holds `path`, if it may be changed.
    fn change(
        &mut self,
        path: &[String],
        f: impl FnOnce(&mut dyn Fs, &[String]) -> Result<()>,
    ) -> Result<()> {
        match self.route(path) {
            Route::Root => {
                if self.root_access == Access::ReadOnly {
                    return Err(Errno::EROFS);
                }
                f(&mut self.root, path)
            }
            Route::Mount(i, inner) => {
                let m = &self.mounts[i];
                if m.access == Access::ReadOnly {
                    return Err(Errno::EROFS);
                }
                let mut src = m.source.try_borrow_mut().map_err(|_| Errno::EBUSY)?;
                f(&mut *src, &inner)
            }
        }
    }
}

impl<R: Fs> Store for MountTable<R> {
    fn node(&self, path: &[String]) -> Option<Stat> {
        self.look(path, |fs, p| fs.node(p)).flatten()
    }

    fn content(&self, path: &[String]) -> Option<Content> {
        self.look(path, |fs, p| fs.content(p)).flatten()
    }

    fn target(&self, path: &[String]) -> Option<String> {
        self.look(path, |fs, p| fs.target(p)).flatten()
    }

    fn names(&self, path: &[String]) -> Vec<String> {
        self.look(path, |fs, p| fs.names(p)).unwrap_or_default()
    }

    fn busy(&self, path: &[String]) -> bool {
        self.is_mount_point(path)
    }

    fn put(&mut self, path: &[String], node: Node, now: Nanos) -> Result<()> {
        self.change(path, |fs, p| fs.put(p, node, now))
    }

    fn update(
        &mut self,
        path: &[String],
        edit: &mut dyn FnMut(&mut Content),
        now: Nanos,
    ) -> Result<()> {
        self.change(path, |fs, p| fs.update(p, edit, now))
    }

    fn set_meta(&mut self, path: &[String], edit: &mut dyn FnMut(&mut Meta)) -> Result<()> {
        self.change(path, |fs, p| fs.set_meta(p, edit))
    }

    fn delete(&mut self, path: &[String], now: Nanos) -> Result<()> {
        if self.is_mount_point(path) {
            return Err(Errno::EBUSY);
        }
        self.change(path, |fs, p| fs.delete(p, now))
    }

    fn move_entry(&mut self, from: &[String], to: &[String], now: Nanos) -> Result<()> {
        if self.is_mount_point(from) || self.is_mount_point(to) {
            return Err(Errno::EBUSY);
        }
        let inner_to = match (self.route(from), self.route(to)) {
            (Route::Root, Route::Root) => to.to_vec(),
            (Route::Mount(a, _), Route::Mount(b, inner)) if a == b => inner,
            _ => return Err(Errno::EXDEV),
        };
        self.change(from, |fs, p| fs.move_entry(p, &inner_to, now))
    }
}

impl<R: Fs> Fs for MountTable<R> {}
