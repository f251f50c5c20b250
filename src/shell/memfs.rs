//! `MemFs`: a whole filesystem in memory implementing [`ShellFs`], for tests and for shells
//! that need no layers (a scratch host). Keys are canonical absolute paths.

use crate::collections::SortedMap as BTreeMap;

use super::fs::{dirname, join, normalize, Errno, FileKind, ShellFs, Stat};
use crate::ports::Nanos;

const MAX_LINKS: usize = 40;

#[derive(Clone, Debug)]
enum Data {
    File(Vec<u8>),
    Dir,
    Symlink(String),
    Special(FileKind),
}

#[derive(Clone, Debug)]
struct Node {
    data: Data,
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: Nanos,
}

/// An in-memory filesystem. New files get `now` as their time.
#[derive(Clone, Debug)]
pub struct MemFs {
    nodes: BTreeMap<String, Node>,
    /// The time stamped on what is created or changed.
    pub now: Nanos,
    /// When set, every change fails with `EROFS`.
    pub read_only: bool,
}

impl Default for MemFs {
    fn default() -> Self {
        MemFs::new(0)
    }
}

impl MemFs {
    /// An empty filesystem: just `/`.
    pub fn new(now: Nanos) -> MemFs {
        let mut nodes = BTreeMap::new();
        nodes.insert(
            "/".to_owned(),
            Node {
                data: Data::Dir,
                mode: 0o755,
                uid: 0,
                gid: 0,
                mtime: now,
            },
        );
        MemFs {
            nodes,
            now,
            read_only: false,
        }
    }

    /// Adds a file, creating missing parent directories (mode 0755). For building fixtures.
    pub fn add_file(&mut self, path: &str, data: &[u8], mode: u32) {
        let path = normalize(path);
        self.add_parents(&path);
        let n = self.node(Data::File(data.to_vec()), mode);
        self.nodes.insert(path, n);
    }

    /// Adds a directory and its missing parents.
    pub fn add_dir(&mut self, path: &str, mode: u32) {
        let path = normalize(path);
        self.add_parents(&path);
        let n = self.node(Data::Dir, mode);
        self.nodes.insert(path, n);
    }

    /// Adds a symlink, creating missing parent directories.
    pub fn add_symlink(&mut self, path: &str, target: &str) {
        let path = normalize(path);
        self.add_parents(&path);
        let n = self.node(Data::Symlink(target.to_owned()), 0o777);
        self.nodes.insert(path, n);
    }

    /// Adds a character device (`/dev/null`) or other special file.
    pub fn add_special(&mut self, path: &str, kind: FileKind, mode: u32) {
        let path = normalize(path);
        self.add_parents(&path);
        let n = self.node(Data::Special(kind), mode);
        self.nodes.insert(path, n);
    }

    fn add_parents(&mut self, path: &str) {
        let parent = dirname(path);
        if parent != path && !self.nodes.contains_key(&parent) {
            self.add_parents(&parent);
            let n = self.node(Data::Dir, 0o755);
            self.nodes.insert(parent, n);
        }
    }

    fn node(&self, data: Data, mode: u32) -> Node {
        Node {
            data,
            mode: mode & 0o7777,
            uid: 0,
            gid: 0,
            mtime: self.now,
        }
    }

    /// Resolves `path` to its canonical key. Returns the key and whether it exists; a
    /// missing last component is not an error (the caller may create it).
    fn walk(&self, path: &str, follow_last: bool) -> Result<(String, bool), Errno> {
        let mut todo: Vec<String> = normalize(path)
            .split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .rev()
            .collect();
        let mut cur = "/".to_owned();
        let mut links = 0;
        while let Some(comp) = todo.pop() {
            let last = todo.is_empty();
            if comp == ".." {
                cur = dirname(&cur);
                continue;
            }
            let cand = join(&cur, &comp);
            match self.nodes.get(&cand).map(|n| &n.data) {
                None if last => return Ok((cand, false)),
                None => return Err(Errno::ENOENT),
                Some(Data::Symlink(t)) if !last || follow_last => {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(Errno::ELOOP);
                    }
                    if t.starts_with('/') {
                        cur = "/".into();
                    }
                    for c in t.split('/').filter(|c| !c.is_empty() && *c != ".").rev() {
                        todo.push(c.to_owned());
                    }
                }
                Some(Data::Dir) => cur = cand,
                Some(_) if last => return Ok((cand, true)),
                Some(_) => return Err(Errno::ENOTDIR),
            }
        }
        Ok((cur, true))
    }

    fn existing(&self, path: &str, follow: bool) -> Result<(String, &Node), Errno> {
        let (key, _) = self.walk(path, follow)?;
        match self.nodes.get(&key) {
            Some(n) => Ok((key, n)),
            None => Err(Errno::ENOENT),
        }
    }

    fn writable(&self) -> Result<(), Errno> {
        if self.read_only {
            Err(Errno::EROFS)
        } else {
            Ok(())
        }
    }

    /// The key of a new entry at `path`: its parent must be an existing directory and
    /// nothing may exist there yet.
    fn new_entry(&self, path: &str) -> Result<String, Errno> {
        self.writable()?;
        let (key, exists) = self.walk(path, false)?;
        if exists {
            return Err(Errno::EEXIST);
        }
        self.parent_dir(&key)?;
        Ok(key)
    }

    fn parent_dir(&self, key: &str) -> Result<(), Errno> {
        match self.nodes.get(&dirname(key)).map(|n| &n.data) {
            Some(Data::Dir) => Ok(()),
            Some(_) => Err(Errno::ENOTDIR),
            None => Err(Errno::ENOENT),
        }
    }

    fn children(&self, dir: &str) -> Vec<String> {
        let prefix = join(dir, "");
        self.nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| k.len() > prefix.len() && !k[prefix.len()..].contains('/'))
            .map(|(k, _)| k[prefix.len()..].to_owned())
            .collect()
    }

    fn stat_of(&self, key: &str, n: &Node) -> Stat {
        let (kind, size, nlink) = match &n.data {
            Data::File(d) => (FileKind::File, d.len() as u64, 1),
            Data::Dir => {
                let subdirs = self
                    .children(key)
                    .iter()
                    .filter(|c| {
                        matches!(
                            self.nodes.get(&join(key, c)).map(|n| &n.data),
                            Some(Data::Dir)
                        )
                    })
                    .count();
                (FileKind::Dir, 4096, 2 + subdirs as u32)
            }
            Data::Symlink(t) => (FileKind::Symlink, t.len() as u64, 1),
            Data::Special(k) => (*k, 0, 1),
        };
        Stat {
            kind,
            mode: n.mode,
            uid: n.uid,
            gid: n.gid,
            size,
            mtime: n.mtime,
            nlink,
        }
    }

    fn put_file(&mut self, path: &str, data: &[u8], mode: u32, append: bool) -> Result<(), Errno> {
        self.writable()?;
        let (key, exists) = self.walk(path, true)?;
        let now = self.now;
        if exists {
            let n = self.nodes.get_mut(&key).ok_or(Errno::ENOENT)?;
            match &mut n.data {
                Data::File(d) => {
                    if !append {
                        d.clear();
                    }
                    d.extend_from_slice(data);
                    n.mtime = now;
                    Ok(())
                }
                Data::Dir => Err(Errno::EISDIR),
                _ => Ok(()),
            }
        } else {
            self.parent_dir(&key)?;
            let n = self.node(Data::File(data.to_vec()), mode);
            self.nodes.insert(key, n);
            Ok(())
        }
    }

    fn node_mut(&mut self, path: &str, follow: bool) -> Result<&mut Node, Errno> {
        self.writable()?;
        let (key, _) = self.walk(path, follow)?;
        self.nodes.get_mut(&key).ok_or(Errno::ENOENT)
    }
}

impl ShellFs for MemFs {
    fn stat(&self, path: &str) -> Result<Stat, Errno> {
        let (k, n) = self.existing(path, true)?;
        Ok(self.stat_of(&k, n))
    }

    fn lstat(&self, path: &str) -> Result<Stat, Errno> {
        let (k, n) = self.existing(path, false)?;
        Ok(self.stat_of(&k, n))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Errno> {
        match &self.existing(path, true)?.1.data {
            Data::File(d) => Ok(d.clone()),
            Data::Dir => Err(Errno::EISDIR),
            _ => Ok(Vec::new()),
        }
    }

    fn write(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno> {
        self.put_file(path, data, mode, false)
    }

    fn append(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno> {
        self.put_file(path, data, mode, true)
    }

    fn mkdir(&mut self, path: &str, mode: u32) -> Result<(), Errno> {
        let key = self.new_entry(path)?;
        let n = self.node(Data::Dir, mode);
        self.nodes.insert(key, n);
        Ok(())
    }

    fn remove_file(&mut self, path: &str) -> Result<(), Errno> {
        self.writable()?;
        let (key, n) = self.existing(path, false)?;
        if matches!(n.data, Data::Dir) {
            return Err(Errno::EISDIR);
        }
        self.nodes.remove(&key);
        Ok(())
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), Errno> {
        self.writable()?;
        let (key, n) = self.existing(path, false)?;
        if !matches!(n.data, Data::Dir) {
            return Err(Errno::ENOTDIR);
        }
        if key == "/" {
            return Err(Errno::EBUSY);
        }
        if !self.children(&key).is_empty() {
            return Err(Errno::ENOTEMPTY);
        }
        self.nodes.remove(&key);
        Ok(())
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), Errno> {
        self.writable()?;
        let (src, n) = self.existing(from, false)?;
        let src_dir = matches!(n.data, Data::Dir);
        let (dst, exists) = self.walk(to, false)?;
        if src == dst {
            return Ok(());
        }
        if dst.starts_with(&join(&src, "")) || src == "/" {
            return Err(Errno::EINVAL);
        }
        self.parent_dir(&dst)?;
        if exists {
            let dst_dir = matches!(self.nodes.get(&dst).map(|n| &n.data), Some(Data::Dir));
            match (src_dir, dst_dir) {
                (false, true) => return Err(Errno::EISDIR),
                (true, false) => return Err(Errno::ENOTDIR),
                (true, true) if !self.children(&dst).is_empty() => return Err(Errno::ENOTEMPTY),
                _ => {}
            }
            self.nodes.remove(&dst);
        }
        let prefix = join(&src, "");
        let moved: Vec<String> = self
            .nodes
            .keys()
            .filter(|k| **k == src || k.starts_with(&prefix))
            .cloned()
            .collect();
        for k in moved {
            if let Some(n) = self.nodes.remove(&k) {
                let nk = format!("{dst}{}", &k[src.len()..]);
                self.nodes.insert(nk, n);
            }
        }
        Ok(())
    }

    fn symlink(&mut self, target: &str, path: &str) -> Result<(), Errno> {
        let key = self.new_entry(path)?;
        let n = self.node(Data::Symlink(target.to_owned()), 0o777);
        self.nodes.insert(key, n);
        Ok(())
    }

    fn readlink(&self, path: &str) -> Result<String, Errno> {
        match &self.existing(path, false)?.1.data {
            Data::Symlink(t) => Ok(t.clone()),
            _ => Err(Errno::EINVAL),
        }
    }

    fn list(&self, path: &str) -> Result<Vec<String>, Errno> {
        let (key, n) = self.existing(path, true)?;
        if !matches!(n.data, Data::Dir) {
            return Err(Errno::ENOTDIR);
        }
        Ok(self.children(&key))
    }

    fn chmod(&mut self, path: &str, mode: u32) -> Result<(), Errno> {
        let now = self.now;
        let n = self.node_mut(path, true)?;
        n.mode = mode & 0o7777;
        let _ = now;
        Ok(())
    }

    fn chown(&mut self, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
        let n = self.node_mut(path, true)?;
        if let Some(u) = uid {
            n.uid = u;
        }
        if let Some(g) = gid {
            n.gid = g;
        }
        Ok(())
    }

    fn set_mtime(&mut self, path: &str, mtime: Nanos) -> Result<(), Errno> {
        self.node_mut(path, true)?.mtime = mtime;
        Ok(())
    }

    fn realpath(&self, path: &str) -> Result<String, Errno> {
        Ok(self.existing(path, true)?.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs() -> MemFs {
        let mut fs = MemFs::new(5);
        fs.add_file("/etc/hostname", b"box\n", 0o644);
        fs.add_dir("/usr/bin", 0o755);
        fs.add_symlink("/bin", "usr/bin");
        fs.add_file("/usr/bin/ls", b"x", 0o755);
        fs.add_symlink("/loop", "/loop");
        fs
    }

    #[test]
    fn symlinks_resolve_and_errors_are_errno() {
        let mut f = fs();
        assert_eq!(f.read("/bin/ls").unwrap(), b"x");
        assert_eq!(f.realpath("/bin/ls").unwrap(), "/usr/bin/ls");
        assert_eq!(f.lstat("/bin").unwrap().kind, FileKind::Symlink);
        assert_eq!(f.stat("/bin").unwrap().kind, FileKind::Dir);
        assert_eq!(f.stat("/loop"), Err(Errno::ELOOP));
        assert_eq!(f.read("/nope"), Err(Errno::ENOENT));
        assert_eq!(f.read("/etc/hostname/x"), Err(Errno::ENOTDIR));
        assert_eq!(f.read("/etc"), Err(Errno::EISDIR));
        assert_eq!(f.mkdir("/etc", 0o755), Err(Errno::EEXIST));
        assert_eq!(f.mkdir("/a/b", 0o755), Err(Errno::ENOENT));
        assert_eq!(f.remove_dir("/etc"), Err(Errno::ENOTEMPTY));
        assert_eq!(f.remove_file("/etc"), Err(Errno::EISDIR));
        assert_eq!(f.list("/").unwrap(), ["bin", "etc", "loop", "usr"]);
        f.rename("/etc", "/etc2").unwrap();
        assert_eq!(f.read("/etc2/hostname").unwrap(), b"box\n");
        assert_eq!(f.rename("/usr", "/usr/bin/x"), Err(Errno::EINVAL));
        f.append("/etc2/hostname", b"more", 0o644).unwrap();
        assert_eq!(f.stat("/etc2/hostname").unwrap().size, 8);
        f.read_only = true;
        assert_eq!(f.write("/x", b"", 0o644), Err(Errno::EROFS));
    }
}
