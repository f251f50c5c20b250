//! Layers: the immutable, shared trees images are made of ([`Layer`]), the mutable tree a
//! container writes into or a volume holds ([`RwLayer`]), and the store that keeps each
//! layer once however many images use it ([`LayerStore`]).

use crate::collections::SortedMap as BTreeMap;
use std::cell::OnceCell;
use std::io;
use std::rc::Rc;

use super::content::Content;
use super::errno::{Errno, Result};
use super::node::{Dir, Meta, Node, Stat};
use super::path::components;
use super::store::Store;
use super::tar::{self, Digest};
use super::Fs;
use crate::ports::Nanos;

/// An immutable layer: a tree of files, directories, links, whiteouts and opaque
/// directories. Shared through `Rc` by every image and container that uses it; never
/// copied. Read through [`Fs`] it is a read-only filesystem (changes give EROFS).
#[derive(Debug)]
pub struct Layer {
    root: Node,
    size: u64,
    diff_id: OnceCell<Digest>,
}

impl Layer {
    /// A layer with nothing in it (what `ENV` or `CMD` steps add: docker's empty layer).
    pub fn empty() -> Layer {
        RwLayer::new().freeze()
    }

    /// Bytes of all files and link targets in this layer: docker's layer `Size`.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Number of entries (files, directories, links, whiteouts) below the root.
    pub fn entry_count(&self) -> usize {
        let mut n = 0;
        self.root.visit(&mut Vec::new(), &mut |_, _| n += 1);
        n
    }

    /// The layer's diff id: `sha256:` of its uncompressed tar stream. Computed on first use
    /// by streaming the tar into the hash (no tar is kept), then remembered.
    pub fn diff_id(&self) -> Digest {
        *self.diff_id.get_or_init(|| tar::layer_digest(self))
    }

    /// Writes the layer as a tar stream (docker's layer format, whiteouts as `.wh.`
    /// entries); returns the bytes written.
    pub fn write_tar(&self, w: &mut dyn io::Write) -> io::Result<u64> {
        tar::write_layer(self, w)
    }

    /// A mutable copy of this layer's tree (file bytes shared).
    pub fn to_rw(&self) -> RwLayer {
        RwLayer {
            root: self.root.clone(),
        }
    }

    /// The tree.
    pub(crate) fn root(&self) -> &Node {
        &self.root
    }
}

/// A mutable tree. Used alone it is a plain filesystem through [`Fs`] (a volume, the host's
/// disk); as an overlay's upper layer it records a container's changes, whiteouts
/// included. The `add_*` methods build a layer entry by entry with exact metadata (a
/// catalog, a tar being read); [`RwLayer::freeze`] turns it into a [`Layer`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RwLayer {
    root: Node,
}

impl Default for RwLayer {
    fn default() -> Self {
        RwLayer::new()
    }
}

/// Names of a path given to the `add_*` methods: `.` is skipped, `..` refused.
fn layer_path(path: &str) -> Result<Vec<String>> {
    let mut parts = Vec::new();
    for c in components(path) {
        match c {
            "." => {}
            ".." => return Err(Errno::EINVAL),
            name if name.len() > super::path::NAME_MAX => return Err(Errno::ENAMETOOLONG),
            name => parts.push(name.to_string()),
        }
    }
    if parts.len() > super::path::MAX_DEPTH {
        return Err(Errno::ENAMETOOLONG);
    }
    Ok(parts)
}

/// The directory at `parents`, creating missing ones (and replacing whiteouts) with `meta`.
fn ensure_dirs<'a>(root: &'a mut Node, parents: &[String], meta: Meta) -> Result<&'a mut Dir> {
    let mut dir = root.as_dir_mut().ok_or(Errno::ENOTDIR)?;
    for name in parents {
        let entry = dir
            .entries
            .entry(name.clone())
            .or_insert_with(|| Node::dir(meta));
        if entry.is_whiteout() {
            *entry = Node::dir(meta);
        }
        dir = entry.as_dir_mut().ok_or(Errno::ENOTDIR)?;
    }
    Ok(dir)
}

/// The directory at `path` in `root`.
pub(crate) fn dir_mut<'a>(root: &'a mut Node, path: &[String]) -> Result<&'a mut Dir> {
    match root.walk_mut(path) {
        Some(Node::Dir(d)) => Ok(d),
        Some(Node::Whiteout(_)) | None => Err(Errno::ENOENT),
        Some(_) => Err(Errno::ENOTDIR),
    }
}

/// `path` split into its parent and its last name (EBUSY for the root itself).
pub(crate) fn split_last(path: &[String]) -> Result<(&[String], &String)> {
    match path.split_last() {
        Some((name, parent)) => Ok((parent, name)),
        None => Err(Errno::EBUSY),
    }
}

impl RwLayer {
    /// An empty tree whose root is `drwxr-xr-x root root`, mtime 0.
    pub fn new() -> RwLayer {
        RwLayer::with_root(Meta::root(0o755, 0))
    }

    /// An empty tree whose root has `meta`.
    pub fn with_root(meta: Meta) -> RwLayer {
        RwLayer {
            root: Node::dir(meta),
        }
    }

    /// Whether nothing was added below the root.
    pub fn is_empty(&self) -> bool {
        self.root.as_dir().is_none_or(|d| d.entries.is_empty())
    }

    /// Removes whatever is at the resolved `path`, subtree and all (a change undone).
    pub(crate) fn delete_tree(&mut self, path: &[String]) {
        if let Ok((parent, name)) = split_last(path) {
            if let Ok(dir) = dir_mut(&mut self.root, parent) {
                dir.entries.remove(name);
            }
        }
    }

    /// Bytes of all files and link targets: what `docker ps -s` reports for a container's
    /// writable layer.
    pub fn size(&self) -> u64 {
        tree_size(&self.root)
    }

    /// Bytes the layer keeps in memory: its files' written bytes (generated contents, such
    /// as a package's binaries, cost nothing).
    pub fn stored_size(&self) -> u64 {
        fn stored(n: &Node) -> u64 {
            match n {
                Node::File(_, c) if !c.is_generated() => c.len(),
                Node::Dir(d) => d.entries.values().map(stored).sum(),
                _ => 0,
            }
        }
        stored(&self.root)
    }

    /// Adds (or replaces) a file. Missing parent directories are created
    /// `drwxr-xr-x root root` with the same mtime.
    pub fn add_file(&mut self, path: &str, meta: Meta, content: Content) -> Result<()> {
        self.add(path, meta, Node::File(meta, content))
    }

    /// Adds a symbolic link (replacing what was there).
    pub fn add_symlink(&mut self, path: &str, meta: Meta, target: &str) -> Result<()> {
        self.add(path, meta, Node::Symlink(meta, target.into()))
    }

    /// Adds a whiteout: in an overlay, `path` in lower layers is hidden.
    pub fn add_whiteout(&mut self, path: &str, meta: Meta) -> Result<()> {
        self.add(path, meta, Node::Whiteout(meta))
    }

    /// Adds a directory, or sets the metadata of the one already there (its entries stay).
    /// The root (`/`) may be given to set the root's metadata.
    pub fn add_dir(&mut self, path: &str, meta: Meta) -> Result<()> {
        let parts = layer_path(path)?;
        let Some((name, parents)) = parts.split_last() else {
            if let Some(d) = self.root.as_dir_mut() {
                d.meta = meta;
            }
            return Ok(());
        };
        let dir = ensure_dirs(&mut self.root, parents, Meta::root(0o755, meta.mtime))?;
        match dir.entries.get_mut(name) {
            Some(Node::Dir(d)) => d.meta = meta,
            _ => {
                dir.entries.insert(name.clone(), Node::dir(meta));
            }
        }
        Ok(())
    }

    /// Marks the directory at `path` opaque: in an overlay, lower layers' entries under it
    /// are hidden (`.wh..wh..opq`). Creates the directory if missing.
    pub fn set_opaque(&mut self, path: &str) -> Result<()> {
        let parts = layer_path(path)?;
        let dir = ensure_dirs(&mut self.root, &parts, Meta::root(0o755, 0))?;
        dir.opaque = true;
        Ok(())
    }

    fn add(&mut self, path: &str, meta: Meta, node: Node) -> Result<()> {
        let parts = layer_path(path)?;
        let (name, parents) = parts.split_last().ok_or(Errno::EISDIR)?;
        let parent_meta = Meta::root(0o755, meta.mtime);
        let dir = ensure_dirs(&mut self.root, parents, parent_meta)?;
        dir.entries.insert(name.clone(), node);
        Ok(())
    }

    /// Makes this tree an immutable layer (`docker commit`, the end of a build step).
    pub fn freeze(self) -> Layer {
        let size = tree_size(&self.root);
        Layer {
            root: self.root,
            size,
            diff_id: OnceCell::new(),
        }
    }

    /// The tree.
    pub(crate) fn root(&self) -> &Node {
        &self.root
    }

    /// The tree, mutably.
    pub(crate) fn root_mut(&mut self) -> &mut Node {
        &mut self.root
    }
}

fn tree_size(root: &Node) -> u64 {
    let mut total = 0;
    root.visit(&mut Vec::new(), &mut |_, n| total += n.disk_size());
    total
}

fn tree_stat(root: &Node, path: &[String]) -> Option<Stat> {
    root.walk(path)?.stat()
}

fn tree_content(root: &Node, path: &[String]) -> Option<Content> {
    match root.walk(path)? {
        Node::File(_, c) => Some(c.clone()),
        _ => None,
    }
}

fn tree_target(root: &Node, path: &[String]) -> Option<String> {
    match root.walk(path)? {
        Node::Symlink(_, t) => Some(t.to_string()),
        _ => None,
    }
}

fn tree_names(root: &Node, path: &[String]) -> Vec<String> {
    match root.walk(path) {
        Some(Node::Dir(d)) => d
            .entries
            .iter()
            .filter(|(_, n)| !n.is_whiteout())
            .map(|(name, _)| name.clone())
            .collect(),
        _ => Vec::new(),
    }
}

impl Store for Layer {
    fn node(&self, path: &[String]) -> Option<Stat> {
        tree_stat(&self.root, path)
    }
    fn content(&self, path: &[String]) -> Option<Content> {
        tree_content(&self.root, path)
    }
    fn target(&self, path: &[String]) -> Option<String> {
        tree_target(&self.root, path)
    }
    fn names(&self, path: &[String]) -> Vec<String> {
        tree_names(&self.root, path)
    }
    fn put(&mut self, _: &[String], _: Node, _: Nanos) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn update(&mut self, _: &[String], _: &mut dyn FnMut(&mut Content), _: Nanos) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn set_meta(&mut self, _: &[String], _: &mut dyn FnMut(&mut Meta)) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn delete(&mut self, _: &[String], _: Nanos) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn move_entry(&mut self, _: &[String], _: &[String], _: Nanos) -> Result<()> {
        Err(Errno::EROFS)
    }
}

impl Fs for Layer {}

impl Store for RwLayer {
    fn node(&self, path: &[String]) -> Option<Stat> {
        tree_stat(&self.root, path)
    }
    fn content(&self, path: &[String]) -> Option<Content> {
        tree_content(&self.root, path)
    }
    fn target(&self, path: &[String]) -> Option<String> {
        tree_target(&self.root, path)
    }
    fn names(&self, path: &[String]) -> Vec<String> {
        tree_names(&self.root, path)
    }

    fn put(&mut self, path: &[String], node: Node, now: Nanos) -> Result<()> {
        let (parent, name) = split_last(path)?;
        let dir = dir_mut(&mut self.root, parent)?;
        dir.entries.insert(name.clone(), node);
        dir.meta.mtime = now;
        Ok(())
    }

    fn update(
        &mut self,
        path: &[String],
        edit: &mut dyn FnMut(&mut Content),
        now: Nanos,
    ) -> Result<()> {
        match self.root.walk_mut(path) {
            Some(Node::File(meta, content)) => {
                edit(content);
                meta.mtime = now;
                Ok(())
            }
            Some(Node::Dir(_)) => Err(Errno::EISDIR),
            Some(Node::Symlink(..)) => Err(Errno::EINVAL),
            Some(Node::Whiteout(_)) | None => Err(Errno::ENOENT),
        }
    }

    fn set_meta(&mut self, path: &[String], edit: &mut dyn FnMut(&mut Meta)) -> Result<()> {
        match self.root.walk_mut(path) {
            Some(n) if !n.is_whiteout() => {
                edit(n.meta_mut());
                Ok(())
            }
            _ => Err(Errno::ENOENT),
        }
    }

    fn delete(&mut self, path: &[String], now: Nanos) -> Result<()> {
        let (parent, name) = split_last(path)?;
        let dir = dir_mut(&mut self.root, parent)?;
        dir.entries.remove(name).ok_or(Errno::ENOENT)?;
        dir.meta.mtime = now;
        Ok(())
    }

    fn move_entry(&mut self, from: &[String], to: &[String], now: Nanos) -> Result<()> {
        if to.starts_with(from) {
            return Err(Errno::EINVAL);
        }
        let (to_parent, to_name) = split_last(to)?;
        dir_mut(&mut self.root, to_parent)?;
        let (from_parent, from_name) = split_last(from)?;
        let src = dir_mut(&mut self.root, from_parent)?;
        let node = src.entries.remove(from_name).ok_or(Errno::ENOENT)?;
        src.meta.mtime = now;
        let dst = dir_mut(&mut self.root, to_parent)?;
        dst.entries.insert(to_name.clone(), node);
        dst.meta.mtime = now;
        Ok(())
    }
}

impl Fs for RwLayer {}

/// Every layer the daemon holds, each once, by diff id: images that share a base share
/// its `Rc<Layer>`s.
#[derive(Debug, Default)]
pub struct LayerStore {
    layers: BTreeMap<Digest, Rc<Layer>>,
}

impl LayerStore {
    /// An empty store.
    pub fn new() -> LayerStore {
        LayerStore::default()
    }

    /// Adds a layer, or returns the one already stored with the same diff id (the new one
    /// is dropped): the same content is kept once.
    pub fn insert(&mut self, layer: Layer) -> Rc<Layer> {
        let id = layer.diff_id();
        Rc::clone(self.layers.entry(id).or_insert_with(|| Rc::new(layer)))
    }

    /// The layer with this diff id.
    pub fn get(&self, id: &Digest) -> Option<Rc<Layer>> {
        self.layers.get(id).cloned()
    }

    /// Number of distinct layers.
    pub fn len(&self) -> usize {
        self.layers.len()
    }

    /// Whether no layer is stored.
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// Bytes of all distinct layers (what the disk holds, shared layers counted once).
    pub fn size(&self) -> u64 {
        self.layers.values().map(|l| l.size()).sum()
    }

    /// The stored layers by diff id.
    pub fn iter(&self) -> impl Iterator<Item = (&Digest, &Rc<Layer>)> {
        self.layers.iter()
    }

    /// Drops the layers no image or container holds any more; returns their diff ids.
    pub fn prune(&mut self) -> Vec<Digest> {
        let unused: Vec<Digest> = self
            .layers
            .iter()
            .filter(|(_, l)| Rc::strong_count(l) == 1)
            .map(|(id, _)| *id)
            .collect();
        for id in &unused {
            self.layers.remove(id);
        }
        unused
    }
}
