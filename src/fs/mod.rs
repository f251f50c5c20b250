//! The virtual filesystem under images and containers.
//!
//! - [`Layer`]: an immutable tree of files (bytes, mode, owner, mtime), directories,
//!   symbolic links, whiteouts and opaque directories, shared by every image and container
//!   that uses it through an `Rc`. Its [`Layer::diff_id`] is the sha256 of its tar stream.
//! - [`RwLayer`]: a mutable tree. Alone it is a plain filesystem (a volume, the host's
//!   disk); under an overlay it is the container's writable layer.
//! - [`Overlay`]: read-only lower layers plus a writable upper layer: copy-up on write,
//!   whiteout on delete, `docker diff` ([`Overlay::diff`]) and `docker commit`
//!   ([`Overlay::commit`]). Creating one copies no file.
//! - [`MountTable`]: a root filesystem with volumes and bind mounts over it, some
//!   read-only (EROFS), resolved before the overlay.
//! - [`Fs`]: the operations programs use (`stat`, `read`, `write`, `mkdir`, `rename` …) on
//!   any of these, with path resolution (`..`, symbolic links, loops refused) and errors
//!   as errno values ([`Errno`]) that know their `strerror` text.
//! - [`tar`]: layers and views to and from deterministic tar streams, and digests.
//!
//! Not here: which files an image holds (the registry's catalog), the container's mounts
//! (the daemon decides them), and users' names (the shell reads `/etc/passwd`).

mod capped;
mod content;
mod errno;
pub mod gzip;
mod layer;
mod mounts;
mod node;
mod overlay;
pub mod path;
mod resolve;
mod store;
pub mod tar;

#[cfg(test)]
mod tests;

pub use capped::Capped;
pub use content::{Content, ContentReader};
pub use errno::{Errno, Libc, Result};
pub use layer::{Layer, LayerStore, RwLayer};
pub use mounts::{Access, Mount, MountTable};
pub use node::{Caller, Kind, Meta, Stat};
pub use overlay::{Change, ChangeKind, Overlay};
pub use resolve::MAX_HOPS;
pub use tar::Digest;

use node::Node;
use path::display;
use resolve::{resolve, Resolved};
use store::Store;

/// Largest size a write, append or truncate may give a file, in bytes: the simulator keeps
/// written bytes in memory (generated image files of any size are fine; they are never
/// stored).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Bytes a container's writable layer may hold in written files (64 MiB): its disk, as
/// far as the simulator is concerned. A change past it fails with `ENOSPC` ("No space left
/// on device"), as writes do once docker's disk is full; a file being written keeps what
/// fit. Generated contents (an image's or a package's binaries) are not held and do not
/// count. No course exercise writes more than a few KiB.
pub const MAX_LAYER_BYTES: u64 = 64 << 20;

/// Which attributes a copy keeps from its source (`cp -p`, `cp -a`, `docker cp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preserve {
    /// Keep the permission bits (otherwise the caller's umask is applied to them).
    pub mode: bool,
    /// Keep uid and gid (otherwise the caller owns the copies).
    pub owner: bool,
    /// Keep mtimes (otherwise copies are stamped with the caller's time).
    pub times: bool,
}

impl Preserve {
    /// Plain `cp -r`: umask-ed mode, caller's owner, new times.
    pub const NONE: Preserve = Preserve {
        mode: false,
        owner: false,
        times: false,
    };
    /// `cp -a`: everything kept.
    pub const ALL: Preserve = Preserve {
        mode: true,
        owner: true,
        times: true,
    };
    /// `docker cp`: mode and times kept, owned by the destination's user.
    pub const DOCKER_CP: Preserve = Preserve {
        mode: true,
        owner: false,
        times: true,
    };
}

/// A detached copy of a file or directory tree, taken with [`Fs::snapshot`] and written
/// with [`Fs::paste`]: the way to copy within one filesystem or between two (the host and
/// a container). File bytes are shared, not copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    node: Node,
}

impl Snapshot {
    /// What the top of the copy is.
    pub fn stat(&self) -> Stat {
        // A snapshot never holds a whiteout; fall back to an empty-directory stat.
        self.node.stat().unwrap_or(Stat {
            kind: Kind::Dir,
            mode: 0o755,
            uid: 0,
            gid: 0,
            size: node::DIR_SIZE,
            mtime: 0,
            nlink: 2,
        })
    }

    /// Bytes of all files and link targets in the copy.
    pub fn size(&self) -> u64 {
        let mut total = self.node.disk_size();
        self.node
            .visit(&mut Vec::new(), &mut |_, n| total += n.disk_size());
        total
    }
}

/// A filesystem: the operations programs, `docker cp` and the daemon use.
///
/// Paths are absolute or taken from the root; symbolic links are followed except where an
/// operation says otherwise (the `l` variants, `remove_*`, `rename`, `symlink`, `mkdir`).
/// Every change takes a [`Caller`]: new entries get its owner and umask, changed entries
/// and their parent directories its time. Errors are errno values, checked in the order
/// Linux checks them closely enough for programs to print the same message.
pub trait Fs: Store {
    /// `stat`: what `path` leads to, following symbolic links.
    fn stat(&self, path: &str) -> Result<Stat> {
        resolve(self, path, true)?.stat.ok_or(Errno::ENOENT)
    }

    /// `lstat`: like [`Fs::stat`], but a final symbolic link is reported itself.
    fn lstat(&self, path: &str) -> Result<Stat> {
        resolve(self, path, false)?.stat.ok_or(Errno::ENOENT)
    }

    /// Whether `path` leads somewhere (following links).
    fn exists(&self, path: &str) -> bool {
        self.stat(path).is_ok()
    }

    /// The contents of the file at `path`.
    fn read(&self, path: &str) -> Result<Content> {
        let (r, st) = existing(self, path, true)?;
        match st.kind {
            Kind::Dir => Err(Errno::EISDIR),
            _ => self.content(&r.parts).ok_or(Errno::ENOENT),
        }
    }

    /// `readlink`: the target of the symbolic link at `path` (EINVAL if it is not one).
    fn read_link(&self, path: &str) -> Result<String> {
        let (r, st) = existing(self, path, false)?;
        if !st.is_symlink() {
            return Err(Errno::EINVAL);
        }
        self.target(&r.parts).ok_or(Errno::EINVAL)
    }

    /// The names in the directory at `path`, sorted bytewise, without `.` and `..`.
    fn read_dir(&self, path: &str) -> Result<Vec<String>> {
        let (r, st) = existing(self, path, true)?;
        if !st.is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(self.names(&r.parts))
    }

    /// `realpath`: the absolute path `path` leads to, with every link followed.
    fn canonicalize(&self, path: &str) -> Result<String> {
        let (r, _) = existing(self, path, true)?;
        Ok(display(&r.parts))
    }

    /// A detached copy of what `path` holds (a final symbolic link is copied as a link).
    fn snapshot(&self, path: &str) -> Result<Snapshot> {
        let (r, _) = existing(self, path, false)?;
        let node = take(self, &mut r.parts.clone()).ok_or(Errno::ENOENT)?;
        Ok(Snapshot { node })
    }

    /// Creates or replaces the file at `path` with `content` (`>` redirection). A new file
    /// gets mode 0666 minus the umask.
    fn write(&mut self, c: &Caller, path: &str, content: Content) -> Result<()> {
        let r = resolve(self, path, true)?;
        match r.stat {
            Some(st) if st.is_dir() => Err(Errno::EISDIR),
            Some(_) => self.update(&r.parts, &mut |old| *old = content.clone(), c.now),
            None if r.must_dir => Err(Errno::EISDIR),
            None => {
                let node = Node::File(c.new_meta(0o666), content);
                self.put(&r.parts, node, c.now)
            }
        }
    }

    /// Appends to the file at `path`, creating it if missing (`>>` redirection).
    fn append(&mut self, c: &Caller, path: &str, bytes: &[u8]) -> Result<()> {
        let r = resolve(self, path, true)?;
        match r.stat {
            Some(st) if st.is_dir() => Err(Errno::EISDIR),
            Some(st) => {
                if st.size.saturating_add(bytes.len() as u64) > MAX_FILE_BYTES {
                    return Err(Errno::EFBIG);
                }
                self.update(&r.parts, &mut |old| old.append(bytes), c.now)
            }
            None if r.must_dir => Err(Errno::EISDIR),
            None => {
                if bytes.len() as u64 > MAX_FILE_BYTES {
                    return Err(Errno::EFBIG);
                }
                let node = Node::File(c.new_meta(0o666), Content::from(bytes));
                self.put(&r.parts, node, c.now)
            }
        }
    }

    /// Cuts or extends (with zero bytes) the existing file at `path` to `len` bytes.
    fn truncate(&mut self, c: &Caller, path: &str, len: u64) -> Result<()> {
        let (r, st) = existing(self, path, true)?;
        if st.is_dir() {
            return Err(Errno::EISDIR);
        }
        if len > st.size && len > MAX_FILE_BYTES {
            return Err(Errno::EFBIG);
        }
        self.update(&r.parts, &mut |old| old.truncate(len), c.now)
    }

    /// `touch`: creates an empty file if `path` is missing, otherwise sets its mtime to now.
    fn touch(&mut self, c: &Caller, path: &str) -> Result<()> {
        let r = resolve(self, path, true)?;
        match r.stat {
            Some(_) => self.set_meta(&r.parts, &mut |m| m.mtime = c.now),
            None if r.must_dir => Err(Errno::EISDIR),
            None => {
                let node = Node::File(c.new_meta(0o666), Content::empty());
                self.put(&r.parts, node, c.now)
            }
        }
    }

    /// `mkdir`: creates the directory `path` with `mode` minus the umask (EEXIST if
    /// anything, even a dangling link, is there).
    fn mkdir(&mut self, c: &Caller, path: &str, mode: u32) -> Result<()> {
        let trimmed = path.trim_end_matches('/');
        let r = resolve(self, if trimmed.is_empty() { path } else { trimmed }, false)?;
        if r.stat.is_some() {
            return Err(Errno::EEXIST);
        }
        self.put(&r.parts, Node::dir(c.new_meta(mode)), c.now)
    }

    /// `mkdir -p`: creates `path` and any missing parents; existing directories are fine.
    fn mkdir_all(&mut self, c: &Caller, path: &str, mode: u32) -> Result<()> {
        let names: Vec<&str> = path::components(path).collect();
        let mut prefix = String::new();
        for (i, name) in names.iter().enumerate() {
            prefix.push('/');
            prefix.push_str(name);
            let r = resolve(self, &prefix, true)?;
            match r.stat {
                Some(st) if st.is_dir() => {}
                Some(_) if i + 1 == names.len() => return Err(Errno::EEXIST),
                Some(_) => return Err(Errno::ENOTDIR),
                None => self.put(&r.parts, Node::dir(c.new_meta(mode)), c.now)?,
            }
        }
        if names.is_empty() {
            self.stat(path)?;
        }
        Ok(())
    }

    /// `unlink`: removes the file or symbolic link at `path` (EISDIR for a directory).
    fn remove_file(&mut self, c: &Caller, path: &str) -> Result<()> {
        let (r, st) = existing(self, path, false)?;
        if st.is_dir() {
            return Err(Errno::EISDIR);
        }
        self.delete(&r.parts, c.now)
    }

    /// `rmdir`: removes the empty directory at `path`.
    fn remove_dir(&mut self, c: &Caller, path: &str) -> Result<()> {
        let (r, st) = existing(self, path, false)?;
        if r.parts.is_empty() {
            return Err(Errno::EBUSY);
        }
        if r.dots {
            return Err(Errno::EINVAL);
        }
        if !st.is_dir() {
            return Err(Errno::ENOTDIR);
        }
        if self.busy(&r.parts) {
            return Err(Errno::EBUSY);
        }
        if !self.names(&r.parts).is_empty() {
            return Err(Errno::ENOTEMPTY);
        }
        self.delete(&r.parts, c.now)
    }

    /// `rm -r`: removes `path` and everything under it (links are removed, not followed).
    /// Goes on past failures (a busy mount point, a read-only mount) and returns the first.
    fn remove_all(&mut self, c: &Caller, path: &str) -> Result<()> {
        let (r, st) = existing(self, path, false)?;
        if r.dots && !r.parts.is_empty() {
            return Err(Errno::EINVAL);
        }
        remove_tree(self, c, &mut r.parts.clone(), st)
    }

    /// `rename`: moves `from` to `to`, replacing a file there, or an empty directory when
    /// `from` is a directory. Neither path's final link is followed.
    fn rename(&mut self, c: &Caller, from: &str, to: &str) -> Result<()> {
        let (rf, sf) = existing(self, from, false)?;
        let rt = resolve(self, to, false)?;
        if rf.parts.is_empty() || rt.parts.is_empty() {
            return Err(Errno::EBUSY);
        }
        if rf.dots || rt.dots {
            return Err(Errno::EINVAL);
        }
        if rf.parts == rt.parts {
            return Ok(());
        }
        if sf.is_dir() && rt.parts.starts_with(&rf.parts) {
            return Err(Errno::EINVAL);
        }
        if self.busy(&rf.parts) || self.busy(&rt.parts) {
            return Err(Errno::EBUSY);
        }
        if sf.is_dir() && rt.parts.len() > rf.parts.len() {
            let room = path::MAX_DEPTH.saturating_sub(rt.parts.len());
            if height(self, &mut rf.parts.clone(), room + 1) > room {
                return Err(Errno::ENAMETOOLONG);
            }
        }
        if let Some(st) = rt.stat {
            if sf.is_dir() {
                if !st.is_dir() {
                    return Err(Errno::ENOTDIR);
                }
                if !self.names(&rt.parts).is_empty() {
                    return Err(Errno::ENOTEMPTY);
                }
            } else if st.is_dir() {
                return Err(Errno::EISDIR);
            }
        }
        self.move_entry(&rf.parts, &rt.parts, c.now)
    }

    /// `ln -s TARGET PATH`: creates a symbolic link (the target need not exist).
    fn symlink(&mut self, c: &Caller, target: &str, path: &str) -> Result<()> {
        if target.is_empty() {
            return Err(Errno::ENOENT);
        }
        if target.len() > path::PATH_MAX {
            return Err(Errno::ENAMETOOLONG);
        }
        let r = resolve(self, path.trim_end_matches('/'), false)?;
        if r.stat.is_some() {
            return Err(Errno::EEXIST);
        }
        let meta = Meta::new(0o777, c.uid, c.gid, c.now);
        self.put(&r.parts, Node::Symlink(meta, target.into()), c.now)
    }

    /// `chmod`: sets the permission bits (`0o7777` at most) of what `path` leads to. Only
    /// the owner or root may.
    fn chmod(&mut self, c: &Caller, path: &str, mode: u32) -> Result<()> {
        let (r, st) = existing(self, path, true)?;
        if c.uid != 0 && c.uid != st.uid {
            return Err(Errno::EPERM);
        }
        self.set_meta(&r.parts, &mut |m| m.mode = mode & 0o7777)
    }

    /// `chown`: sets the owner and/or group of what `path` leads to. Only root may.
    fn chown(&mut self, c: &Caller, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<()> {
        chown_at(self, c, path, uid, gid, true)
    }

    /// `chown -h`: like [`Fs::chown`], but a final symbolic link is changed itself.
    fn lchown(&mut self, c: &Caller, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<()> {
        chown_at(self, c, path, uid, gid, false)
    }

    /// `touch -d`: sets the mtime of what `path` leads to.
    fn set_mtime(&mut self, c: &Caller, path: &str, mtime: crate::ports::Nanos) -> Result<()> {
        let (r, st) = existing(self, path, true)?;
        if c.uid != 0 && c.uid != st.uid {
            return Err(Errno::EPERM);
        }
        self.set_meta(&r.parts, &mut |m| m.mtime = mtime)
    }

    /// Writes a [`Snapshot`] at `path`: creates it if missing, merges a directory into an
    /// existing directory, overwrites an existing file. `keep` says which attributes the
    /// copies keep; otherwise they are the caller's.
    fn paste(&mut self, c: &Caller, path: &str, snap: &Snapshot, keep: Preserve) -> Result<()> {
        let r = resolve(self, path, true)?;
        let room = path::MAX_DEPTH.saturating_sub(r.parts.len());
        if tree_height(&snap.node, room + 1) > room {
            return Err(Errno::ENAMETOOLONG);
        }
        paste_node(self, c, r, &snap.node, keep)
    }

    /// `cp -r FROM TO` within this filesystem: [`Fs::snapshot`] then [`Fs::paste`].
    fn copy(&mut self, c: &Caller, from: &str, to: &str, keep: Preserve) -> Result<()> {
        let snap = self.snapshot(from)?;
        self.paste(c, to, &snap, keep)
    }
}

/// Resolves `path` and requires something to be there.
fn existing<F: Fs + ?Sized>(fs: &F, path: &str, follow: bool) -> Result<(Resolved, Stat)> {
    let r = resolve(fs, path, follow)?;
    match r.stat {
        Some(st) => Ok((r, st)),
        None => Err(Errno::ENOENT),
    }
}

fn chown_at<F: Fs + ?Sized>(
    fs: &mut F,
    c: &Caller,
    path: &str,
    uid: Option<u32>,
    gid: Option<u32>,
    follow: bool,
) -> Result<()> {
    let (r, _) = existing(fs, path, follow)?;
    if c.uid != 0 {
        return Err(Errno::EPERM);
    }
    fs.set_meta(&r.parts, &mut |m| {
        if let Some(u) = uid {
            m.uid = u;
        }
        if let Some(g) = gid {
            m.gid = g;
        }
    })
}

/// A detached, merged copy of the tree at `parts` (file bytes shared).
pub(crate) fn take<S: Store + ?Sized>(fs: &S, parts: &mut Vec<String>) -> Option<Node> {
    let st = fs.node(parts)?;
    let meta = st.meta();
    Some(match st.kind {
        Kind::File => Node::File(meta, fs.content(parts)?),
        Kind::Symlink => Node::Symlink(meta, fs.target(parts)?.into()),
        Kind::Dir => {
            let mut dir = node::Dir::new(meta);
            for name in fs.names(parts) {
                parts.push(name);
                let child = take(fs, parts);
                let name = parts.pop();
                if let (Some(child), Some(name)) = (child, name) {
                    dir.entries.insert(name, child);
                }
            }
            Node::Dir(dir)
        }
    })
}

/// How many levels of directories lie below `parts` (0 for an empty one), counting no
/// further than `limit`.
fn height<S: Store + ?Sized>(fs: &S, parts: &mut Vec<String>, limit: usize) -> usize {
    if limit == 0 {
        return 0;
    }
    let mut deepest = 0;
    for name in fs.names(parts) {
        parts.push(name);
        if fs.node(parts).is_some_and(|st| st.is_dir()) {
            deepest = deepest.max(1 + height(fs, parts, limit - 1));
        }
        parts.pop();
    }
    deepest
}

/// Like [`height`], for a detached tree.
fn tree_height(node: &Node, limit: usize) -> usize {
    match node {
        Node::Dir(d) if limit > 0 => d
            .entries
            .values()
            .filter(|n| matches!(n, Node::Dir(_)))
            .map(|n| 1 + tree_height(n, limit - 1))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

fn remove_tree<F: Fs + ?Sized>(
    fs: &mut F,
    c: &Caller,
    parts: &mut Vec<String>,
    st: Stat,
) -> Result<()> {
    if st.is_dir() {
        let mut first = None;
        for name in fs.names(parts) {
            parts.push(name);
            if let Some(child) = fs.node(parts) {
                if let Err(e) = remove_tree(fs, c, parts, child) {
                    first.get_or_insert(e);
                }
            }
            parts.pop();
        }
        if let Some(e) = first {
            return Err(e);
        }
        if parts.is_empty() {
            return Err(Errno::EBUSY);
        }
    }
    fs.delete(parts, c.now)
}

/// `node` with the caller's attributes where `keep` does not keep the source's.
fn adopt(node: &Node, c: &Caller, keep: Preserve) -> Node {
    let fix = |m: Meta| Meta {
        mode: if keep.mode { m.mode } else { m.mode & !c.umask },
        uid: if keep.owner { m.uid } else { c.uid },
        gid: if keep.owner { m.gid } else { c.gid },
        mtime: if keep.times { m.mtime } else { c.now },
    };
    match node {
        Node::File(m, content) => Node::File(fix(*m), content.clone()),
        Node::Symlink(m, t) => Node::Symlink(
            Meta {
                mode: 0o777,
                ..fix(*m)
            },
            t.clone(),
        ),
        Node::Whiteout(m) => Node::Whiteout(*m),
        Node::Dir(d) => {
            let mut out = node::Dir::new(fix(d.meta));
            for (name, child) in &d.entries {
                if !child.is_whiteout() {
                    out.entries.insert(name.clone(), adopt(child, c, keep));
                }
            }
            Node::Dir(out)
        }
    }
}

fn paste_node<F: Fs + ?Sized>(
    fs: &mut F,
    c: &Caller,
    r: Resolved,
    node: &Node,
    keep: Preserve,
) -> Result<()> {
    let Some(st) = r.stat else {
        if r.must_dir && !matches!(node, Node::Dir(_)) {
            return Err(Errno::EISDIR);
        }
        return fs.put(&r.parts, adopt(node, c, keep), c.now);
    };
    if st.is_symlink() {
        // Only nested entries arrive here unfollowed: replace the link, as `cp -r` does.
        fs.delete(&r.parts, c.now)?;
        return fs.put(&r.parts, adopt(node, c, keep), c.now);
    }
    match node {
        Node::Dir(d) => {
            if !st.is_dir() {
                return Err(Errno::ENOTDIR);
            }
            let mut first = None;
            for (name, child) in &d.entries {
                if child.is_whiteout() {
                    continue;
                }
                let mut parts = r.parts.clone();
                parts.push(name.clone());
                let stat = fs.node(&parts);
                let sub = Resolved {
                    parts,
                    stat,
                    must_dir: false,
                    dots: false,
                };
                if let Err(e) = paste_node(fs, c, sub, child, keep) {
                    first.get_or_insert(e);
                }
            }
            if keep.mode || keep.times {
                let src = d.meta;
                fs.set_meta(&r.parts, &mut |m| {
                    if keep.mode {
                        m.mode = src.mode;
                    }
                    if keep.times {
                        m.mtime = src.mtime;
                    }
                })?;
            }
            first.map_or(Ok(()), Err)
        }
        _ if st.is_dir() => Err(Errno::EISDIR),
        Node::File(m, content) => {
            fs.update(&r.parts, &mut |old| *old = content.clone(), c.now)?;
            let src = *m;
            fs.set_meta(&r.parts, &mut |meta| {
                if keep.mode {
                    meta.mode = src.mode;
                }
                if keep.owner {
                    meta.uid = src.uid;
                    meta.gid = src.gid;
                }
                if keep.times {
                    meta.mtime = src.mtime;
                }
            })
        }
        Node::Symlink(..) => {
            fs.delete(&r.parts, c.now)?;
            fs.put(&r.parts, adopt(node, c, keep), c.now)
        }
        Node::Whiteout(_) => Ok(()),
    }
}
