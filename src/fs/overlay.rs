//! The overlay: a container's view of its image. Read-only lower layers (the image's,
//! shared) under one writable upper layer (the container's own), as overlayfs does it:
//! a lookup takes the topmost entry, directories merge across layers, a whiteout hides a
//! name below it, an opaque directory hides everything below it. Writing to a lower file
//! first copies it up (a reference to its bytes, never the bytes); deleting a lower entry
//! leaves a whiteout. [`Overlay::diff`] is `docker diff`, [`Overlay::commit`] is
//! `docker commit`.

use crate::collections::SortedMap as BTreeMap;
use std::collections::HashSet;
use std::fmt;
use std::io;
use std::rc::Rc;

use super::content::Content;
use super::errno::{Errno, Result};
use super::layer::{dir_mut, split_last, Layer, RwLayer};
use super::node::{Dir, Meta, Node, Stat};
use super::path::display;
use super::store::Store;
use super::{take, tar, Fs};
use crate::ports::Nanos;

/// Read-only lower layers plus a writable upper layer, seen as one filesystem.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// Bottom first, as docker lists an image's `RootFS.Layers`.
    lowers: Vec<Rc<Layer>>,
    upper: RwLayer,
}

/// What `docker diff` says about one path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// `C`: changed (or a directory whose entries changed).
    Modified,
    /// `A`: added.
    Added,
    /// `D`: deleted.
    Deleted,
}

impl ChangeKind {
    /// The letter docker prints: `C`, `A` or `D`.
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Modified => 'C',
            ChangeKind::Added => 'A',
            ChangeKind::Deleted => 'D',
        }
    }
}

/// One line of `docker diff`: a kind and an absolute path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Change {
    /// Added, changed or deleted.
    pub kind: ChangeKind,
    /// Absolute path in the container.
    pub path: String,
}

impl fmt::Display for Change {
    /// `C /tmp`, as `docker diff` prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.letter(), self.path)
    }
}

impl Overlay {
    /// A view of `lowers` (bottom first) with an empty upper layer. Costs the same for an
    /// image of ten files as for one of ten thousand: nothing is copied.
    pub fn new(lowers: Vec<Rc<Layer>>) -> Overlay {
        let meta = lowers
            .last()
            .map_or(Meta::root(0o755, 0), |l| l.root().meta());
        Overlay {
            lowers,
            upper: RwLayer::with_root(meta),
        }
    }

    /// A view of `lowers` with an existing upper layer (a container restored from a saved
    /// state).
    pub fn with_upper(lowers: Vec<Rc<Layer>>, upper: RwLayer) -> Overlay {
        Overlay { lowers, upper }
    }

    /// The lower layers, bottom first.
    pub fn lowers(&self) -> &[Rc<Layer>] {
        &self.lowers
    }

    /// The upper (writable) layer: the container's changes, whiteouts included.
    pub fn upper(&self) -> &RwLayer {
        &self.upper
    }

    /// `docker commit`: the upper layer as a new immutable layer. The view goes on
    /// unchanged (a running container keeps its writable layer).
    pub fn commit(&self) -> Layer {
        self.upper.clone().freeze()
    }

    /// `docker export`: the merged view as one flat tar stream (no whiteouts); returns the
    /// bytes written.
    pub fn export(&self, w: &mut dyn io::Write) -> io::Result<u64> {
        tar::write_fs(self, "/", w)
    }

    /// `docker diff`: the changes of the upper layer against the lower ones, in docker's
    /// order (a walk of the upper layer, names sorted, parents first).
    ///
    /// Matches docker's overlay2 driver: a whiteout is `D`; an opaque directory (deleted
    /// then re-created) is `D` too, its new entries `A`; an entry that any lower layer has
    /// is `C`, except a directory with the same mode and mtime as below (it was only copied
    /// up on the way to a change), which is left out; the parent of an `A` or `D` shows as
    /// `C` unless already listed.
    pub fn diff(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let mut changed_dirs: HashSet<Vec<String>> = HashSet::new();
        self.upper.root().visit(&mut Vec::new(), &mut |path, node| {
            let kind = match node {
                Node::Whiteout(_) => ChangeKind::Deleted,
                Node::Dir(d) if d.opaque => ChangeKind::Deleted,
                _ => {
                    let below = self.lowers.iter().rev().find_map(|l| l.root().walk(path));
                    match (below, node) {
                        (None, _) => ChangeKind::Added,
                        (Some(Node::Dir(low)), Node::Dir(up))
                            if low.meta.mode == up.meta.mode && low.meta.mtime == up.meta.mtime =>
                        {
                            return;
                        }
                        (Some(_), _) => ChangeKind::Modified,
                    }
                }
            };
            if matches!(node, Node::Dir(_)) {
                changed_dirs.insert(path.to_vec());
            }
            if kind != ChangeKind::Modified {
                if let Some((_, parent)) = path.split_last() {
                    if !parent.is_empty() && changed_dirs.insert(parent.to_vec()) {
                        out.push(Change {
                            kind: ChangeKind::Modified,
                            path: display(parent),
                        });
                    }
                }
            }
            out.push(Change {
                kind,
                path: display(path),
            });
        });
        out
    }

    /// The nodes that make up `path`, top first, each tagged with whether it is the upper
    /// layer's: one node, or several directories that merge. Empty when nothing is there.
    fn stack(&self, path: &[String]) -> Vec<(bool, &Node)> {
        let roots = std::iter::once((true, self.upper.root()))
            .chain(self.lowers.iter().rev().map(|l| (false, l.root())));
        let mut cur = Vec::new();
        for (is_upper, root) in roots {
            cur.push((is_upper, root));
            if root.as_dir().is_some_and(|d| d.opaque) {
                break;
            }
        }
        for name in path {
            let mut next = Vec::new();
            for &(is_upper, node) in &cur {
                let Some(dir) = node.as_dir() else { break };
                match dir.entries.get(name) {
                    None => {}
                    Some(Node::Whiteout(_)) => break,
                    Some(child @ Node::Dir(d)) => {
                        next.push((is_upper, child));
                        if d.opaque {
                            break;
                        }
                    }
                    Some(child) => {
                        if next.is_empty() {
                            next.push((is_upper, child));
                        }
                        break;
                    }
                }
            }
            if next.is_empty() {
                return next;
            }
            cur = next;
        }
        cur
    }

    /// The visible node at `path`.
    fn top(&self, path: &[String]) -> Option<&Node> {
        self.stack(path).first().map(|&(_, n)| n)
    }

    /// Whether a lower layer shows something at `path` that the upper layer would have to
    /// hide with a whiteout.
    fn below(&self, path: &[String]) -> bool {
        let Ok((parent, name)) = split_last(path) else {
            return false;
        };
        for (is_upper, node) in self.stack(parent) {
            if is_upper {
                continue;
            }
            match node.as_dir().and_then(|d| d.entries.get(name)) {
                Some(Node::Whiteout(_)) => return false,
                Some(_) => return true,
                None => {}
            }
        }
        false
    }

    /// Copies the directories of `parents` up into the upper layer (empty, same metadata,
    /// no mtime change) and returns the deepest.
    fn copy_up_dirs(&mut self, parents: &[String]) -> Result<&mut Dir> {
        for i in 0..parents.len() {
            let prefix = &parents[..=i];
            if matches!(self.upper.root().walk(prefix), Some(Node::Dir(_))) {
                continue;
            }
            let meta = match self.top(prefix) {
                Some(Node::Dir(d)) => d.meta,
                Some(_) => return Err(Errno::ENOTDIR),
                None => return Err(Errno::ENOENT),
            };
            let parent = dir_mut(self.upper.root_mut(), &parents[..i])?;
            parent.entries.insert(parents[i].clone(), Node::dir(meta));
        }
        dir_mut(self.upper.root_mut(), parents)
    }

    /// Copies the entry at `path` up into the upper layer (a file's bytes by reference; a
    /// directory empty) unless it is there already.
    fn copy_up(&mut self, path: &[String]) -> Result<()> {
        let Ok((parent, name)) = split_last(path) else {
            return Ok(());
        };
        if matches!(self.upper.root().walk(path), Some(n) if !n.is_whiteout()) {
            return Ok(());
        }
        let copy = match self.top(path) {
            Some(Node::Dir(d)) => Node::dir(d.meta),
            Some(Node::Whiteout(_)) | None => return Err(Errno::ENOENT),
            Some(n) => n.clone(),
        };
        let name = name.clone();
        self.copy_up_dirs(parent)?.entries.insert(name, copy);
        Ok(())
    }
}

impl Overlay {
    /// After a change to `path` (`before`: its content before an edit; `None` for a new
    /// node): past [`super::MAX_LAYER_BYTES`], the file keeps what fits (never less than
    /// it had), a new node that does not fit is removed, and the change fails with
    /// `ENOSPC`.
    fn within_room(&mut self, path: &[String], before: Option<Content>, now: Nanos) -> Result<()> {
        let used = self.upper.stored_size();
        if used <= super::MAX_LAYER_BYTES {
            return Ok(());
        }
        let over = used - super::MAX_LAYER_BYTES;
        let now_len = self.upper.content(path).map_or(0, |c| c.len());
        let old_len = before.as_ref().map_or(0, Content::len);
        match before {
            _ if now_len >= over && now_len - over >= old_len => {
                self.upper
                    .update(path, &mut |c| super::capped::shorten(c, over), now)?;
            }
            Some(old) => {
                let mut old = Some(old);
                self.upper
                    .update(path, &mut |c| *c = old.take().unwrap_or_default(), now)?;
            }
            None => self.upper.delete_tree(path),
        }
        Err(Errno::ENOSPC)
    }
}

impl Store for Overlay {
    fn node(&self, path: &[String]) -> Option<Stat> {
        let stack = self.stack(path);
        let &(_, top) = stack.first()?;
        match top {
            Node::Dir(d) if stack.len() == 1 => top.stat_with(d.subdirs().saturating_add(2)),
            _ => top.stat_with(1),
        }
    }

    fn content(&self, path: &[String]) -> Option<Content> {
        match self.top(path)? {
            Node::File(_, c) => Some(c.clone()),
            _ => None,
        }
    }

    fn target(&self, path: &[String]) -> Option<String> {
        match self.top(path)? {
            Node::Symlink(_, t) => Some(t.to_string()),
            _ => None,
        }
    }

    fn names(&self, path: &[String]) -> Vec<String> {
        let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
        for (_, node) in self.stack(path) {
            let Some(dir) = node.as_dir() else { break };
            for (name, child) in &dir.entries {
                seen.entry(name).or_insert(!child.is_whiteout());
            }
        }
        seen.into_iter()
            .filter(|&(_, visible)| visible)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    fn put(&mut self, path: &[String], node: Node, now: Nanos) -> Result<()> {
        let (parent, name) = split_last(path)?;
        let name = name.clone();
        let dir = self.copy_up_dirs(parent)?;
        let mut node = node;
        if let Node::Dir(d) = &mut node {
            // A directory made where a lower one was deleted must not merge with it.
            if matches!(dir.entries.get(&name), Some(Node::Whiteout(_))) {
                d.opaque = true;
            }
        }
        dir.entries.insert(name, node);
        dir.meta.mtime = now;
        self.within_room(path, None, now)
    }

    fn update(
        &mut self,
        path: &[String],
        edit: &mut dyn FnMut(&mut Content),
        now: Nanos,
    ) -> Result<()> {
        self.copy_up(path)?;
        let before = self.upper.content(path);
        self.upper.update(path, edit, now)?;
        self.within_room(path, Some(before.unwrap_or_default()), now)
    }

    fn set_meta(&mut self, path: &[String], edit: &mut dyn FnMut(&mut Meta)) -> Result<()> {
        self.copy_up(path)?;
        self.upper.set_meta(path, edit)
    }

    fn delete(&mut self, path: &[String], now: Nanos) -> Result<()> {
        let (parent, name) = split_last(path)?;
        let name = name.clone();
        let below = self.below(path);
        let dir = self.copy_up_dirs(parent)?;
        if below {
            dir.entries
                .insert(name, Node::Whiteout(Meta::root(0o600, now)));
        } else {
            dir.entries.remove(&name).ok_or(Errno::ENOENT)?;
        }
        dir.meta.mtime = now;
        Ok(())
    }

    fn move_entry(&mut self, from: &[String], to: &[String], now: Nanos) -> Result<()> {
        if to.starts_with(from) {
            return Err(Errno::EINVAL);
        }
        let node = take(self, &mut from.to_vec()).ok_or(Errno::ENOENT)?;
        self.delete(from, now)?;
        if self.top(to).is_some() {
            self.delete(to, now)?;
        }
        self.put(to, node, now)
    }
}

impl Fs for Overlay {}
