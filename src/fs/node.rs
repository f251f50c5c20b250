//! What a filesystem holds: metadata, `stat` results, the caller's credentials, and the
//! tree nodes that layers are made of.

use crate::collections::SortedMap as BTreeMap;
use std::rc::Rc;

use super::content::Content;
use crate::ports::Nanos;

/// Size `stat` reports for a directory, as on ext4.
pub const DIR_SIZE: u64 = 4096;

/// Ownership, permission bits and modification time of a file, directory or link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Meta {
    /// Permission bits including set-uid, set-gid and sticky (`0o7777` at most).
    pub mode: u32,
    /// Owner user id.
    pub uid: u32,
    /// Owner group id.
    pub gid: u32,
    /// Last modification, nanoseconds since the Unix epoch.
    pub mtime: Nanos,
}

impl Meta {
    /// Metadata with the given mode (masked to `0o7777`), owner and time.
    pub const fn new(mode: u32, uid: u32, gid: u32, mtime: Nanos) -> Meta {
        Meta {
            mode: mode & 0o7777,
            uid,
            gid,
            mtime,
        }
    }

    /// Owned by root (uid 0, gid 0).
    pub const fn root(mode: u32, mtime: Nanos) -> Meta {
        Meta::new(mode, 0, 0, mtime)
    }
}

/// The type of a filesystem entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
}

/// What `stat`/`lstat` report about a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    /// File, directory or symbolic link.
    pub kind: Kind,
    /// Permission bits (`0o7777` at most).
    pub mode: u32,
    /// Owner user id.
    pub uid: u32,
    /// Owner group id.
    pub gid: u32,
    /// Bytes of a file, length of a link's target, 4096 for a directory.
    pub size: u64,
    /// Last modification, nanoseconds since the Unix epoch.
    pub mtime: Nanos,
    /// Link count: 1 for files and links; for a directory 2 plus its subdirectories, except
    /// that an overlay reports 1 for a directory merged from several layers, as overlayfs does.
    pub nlink: u32,
}

impl Stat {
    /// Whether this is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Dir
    }

    /// Whether this is a regular file.
    pub fn is_file(&self) -> bool {
        self.kind == Kind::File
    }

    /// Whether this is a symbolic link (only `lstat` returns these).
    pub fn is_symlink(&self) -> bool {
        self.kind == Kind::Symlink
    }

    /// Ownership, mode and time.
    pub fn meta(&self) -> Meta {
        Meta::new(self.mode, self.uid, self.gid, self.mtime)
    }

    /// 512-byte blocks allocated, as `du` and `ls -s` count them on a 4 KiB-block
    /// filesystem: files round up to whole blocks, symbolic links take none.
    pub fn blocks(&self) -> u64 {
        match self.kind {
            Kind::File | Kind::Dir => self.size.div_ceil(4096) * 8,
            Kind::Symlink => 0,
        }
    }

    /// The mode as `ls -l` prints it, such as `drwxr-xr-x` or `-rwsr-xr-x`.
    pub fn mode_string(&self) -> String {
        let mut s = String::with_capacity(10);
        s.push(match self.kind {
            Kind::File => '-',
            Kind::Dir => 'd',
            Kind::Symlink => 'l',
        });
        let m = self.mode;
        for (shift, special, lower, upper) in [
            (6, 0o4000, 's', 'S'),
            (3, 0o2000, 's', 'S'),
            (0, 0o1000, 't', 'T'),
        ] {
            let bits = (m >> shift) & 7;
            s.push(if bits & 4 != 0 { 'r' } else { '-' });
            s.push(if bits & 2 != 0 { 'w' } else { '-' });
            s.push(match (bits & 1 != 0, m & special != 0) {
                (true, true) => lower,
                (false, true) => upper,
                (true, false) => 'x',
                (false, false) => '-',
            });
        }
        s
    }
}

/// Who performs a change and when: new entries get the caller's owner and `umask`-ed mode,
/// and changed entries (and their parent directories) get `now` as their mtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The time of the change.
    pub now: Nanos,
    /// User id that owns new entries.
    pub uid: u32,
    /// Group id that owns new entries.
    pub gid: u32,
    /// Permission bits removed from new entries (`0o022` by default).
    pub umask: u32,
}

impl Caller {
    /// Root with the usual `umask` 022, at time `now`.
    pub fn root(now: Nanos) -> Caller {
        Caller {
            now,
            uid: 0,
            gid: 0,
            umask: 0o022,
        }
    }

    /// Metadata for a new entry requesting `mode`.
    pub(crate) fn new_meta(&self, mode: u32) -> Meta {
        Meta::new(mode & !self.umask, self.uid, self.gid, self.now)
    }
}

/// One entry of a layer's tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A regular file.
    File(Meta, Content),
    /// A directory.
    Dir(Dir),
    /// A symbolic link and its target.
    Symlink(Meta, Rc<str>),
    /// A deletion marker (`.wh.NAME` in a layer tar): hides the name in lower layers.
    Whiteout(Meta),
}

/// A directory of a layer's tree.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Dir {
    /// Ownership, mode and time.
    pub meta: Meta,
    /// Whether lower layers' entries under this directory are hidden (`.wh..wh..opq`).
    pub opaque: bool,
    /// Entries by name, sorted.
    pub entries: BTreeMap<String, Node>,
}

impl Dir {
    /// An empty directory.
    pub fn new(meta: Meta) -> Dir {
        Dir {
            meta,
            opaque: false,
            entries: BTreeMap::new(),
        }
    }

    /// Number of subdirectories (for the link count).
    pub fn subdirs(&self) -> u32 {
        let n = self
            .entries
            .values()
            .filter(|n| matches!(n, Node::Dir(_)))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

impl Node {
    /// An empty directory node.
    pub fn dir(meta: Meta) -> Node {
        Node::Dir(Dir::new(meta))
    }

    /// The kind, or `None` for a whiteout.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Node::File(..) => Some(Kind::File),
            Node::Dir(_) => Some(Kind::Dir),
            Node::Symlink(..) => Some(Kind::Symlink),
            Node::Whiteout(_) => None,
        }
    }

    /// Ownership, mode and time.
    pub fn meta(&self) -> Meta {
        match self {
            Node::File(m, _) | Node::Symlink(m, _) | Node::Whiteout(m) => *m,
            Node::Dir(d) => d.meta,
        }
    }

    /// Mutable ownership, mode and time.
    pub fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Node::File(m, _) | Node::Symlink(m, _) | Node::Whiteout(m) => m,
            Node::Dir(d) => &mut d.meta,
        }
    }

    /// Whether this is a whiteout.
    pub fn is_whiteout(&self) -> bool {
        matches!(self, Node::Whiteout(_))
    }

    /// Bytes this entry counts for in a layer's size (docker counts files and link
    /// targets, not directories).
    pub fn disk_size(&self) -> u64 {
        match self {
            Node::File(_, c) => c.len(),
            Node::Symlink(_, t) => t.len() as u64,
            Node::Dir(_) | Node::Whiteout(_) => 0,
        }
    }

    /// `stat` of this node with the given directory link count, or `None` for a whiteout.
    pub fn stat_with(&self, dir_nlink: u32) -> Option<Stat> {
        let kind = self.kind()?;
        let m = self.meta();
        let (size, nlink) = match self {
            Node::File(_, c) => (c.len(), 1),
            Node::Symlink(_, t) => (t.len() as u64, 1),
            _ => (DIR_SIZE, dir_nlink),
        };
        Some(Stat {
            kind,
            mode: m.mode,
            uid: m.uid,
            gid: m.gid,
            size,
            mtime: m.mtime,
            nlink,
        })
    }

    /// `stat` of this node as a plain filesystem sees it, or `None` for a whiteout.
    pub fn stat(&self) -> Option<Stat> {
        let nlink = match self {
            Node::Dir(d) => d.subdirs().saturating_add(2),
            _ => 1,
        };
        self.stat_with(nlink)
    }

    /// The directory, if this is one.
    pub fn as_dir(&self) -> Option<&Dir> {
        match self {
            Node::Dir(d) => Some(d),
            _ => None,
        }
    }

    /// The directory, if this is one.
    pub fn as_dir_mut(&mut self) -> Option<&mut Dir> {
        match self {
            Node::Dir(d) => Some(d),
            _ => None,
        }
    }

    /// The node at `path` below this one, walking through directories only (whiteouts are
    /// returned as they are).
    pub fn walk(&self, path: &[String]) -> Option<&Node> {
        let mut n = self;
        for name in path {
            n = n.as_dir()?.entries.get(name)?;
        }
        Some(n)
    }

    /// The node at `path` below this one, mutably.
    pub fn walk_mut(&mut self, path: &[String]) -> Option<&mut Node> {
        let mut n = self;
        for name in path {
            n = n.as_dir_mut()?.entries.get_mut(name)?;
        }
        Some(n)
    }

    /// Visits every node below this one in path order (parents before children, names
    /// sorted), with its path.
    pub fn visit(&self, path: &mut Vec<String>, f: &mut dyn FnMut(&[String], &Node)) {
        if let Node::Dir(d) = self {
            for (name, child) in &d.entries {
                path.push(name.clone());
                f(path, child);
                child.visit(path, f);
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: Kind, mode: u32, expected: &str) {
        let st = Stat {
            kind,
            mode,
            uid: 0,
            gid: 0,
            size: 0,
            mtime: 0,
            nlink: 1,
        };
        assert_eq!(st.mode_string(), expected, "{mode:o}");
    }

    #[test]
    fn mode_strings() {
        check(Kind::Dir, 0o755, "drwxr-xr-x");
        check(Kind::File, 0o644, "-rw-r--r--");
        check(Kind::Symlink, 0o777, "lrwxrwxrwx");
        check(Kind::File, 0o4755, "-rwsr-xr-x");
        check(Kind::File, 0o4644, "-rwSr--r--");
        check(Kind::File, 0o2755, "-rwxr-sr-x");
        check(Kind::Dir, 0o1777, "drwxrwxrwt");
        check(Kind::Dir, 0o1776, "drwxrwxrwT");
        check(Kind::File, 0, "----------");
    }

    #[test]
    fn blocks() {
        let mut st = Node::File(Meta::root(0o644, 0), Content::from("x"))
            .stat()
            .unwrap();
        assert_eq!(st.blocks(), 8);
        st.size = 0;
        assert_eq!(st.blocks(), 0);
        st.size = 4097;
        assert_eq!(st.blocks(), 16);
    }
}
