//! The filesystem as the shell and its programs see it: the [`ShellFs`] trait, errno-style
//! errors with their `strerror` texts, file metadata, and lexical path functions.
//!
//! The trait is deliberately small: exactly the operations the programs need. A container's
//! overlay view implements it with a thin adapter; [`super::memfs::MemFs`] implements it in
//! memory for tests. Paths handed to the trait are absolute and lexically normal (no `.`,
//! `..`, doubled or trailing slashes; see [`normalize`]); symbolic links in them are the
//! implementation's to follow.

use std::fmt;

use crate::ports::Nanos;

/// An error as `errno` names it. `Display` gives the C library's `strerror` text, which is
/// what coreutils and busybox print after the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errno {
    /// No such file or directory.
    ENOENT,
    /// File exists.
    EEXIST,
    /// Not a directory.
    ENOTDIR,
    /// Is a directory.
    EISDIR,
    /// Directory not empty.
    ENOTEMPTY,
    /// Read-only file system.
    EROFS,
    /// Too many levels of symbolic links.
    ELOOP,
    /// Permission denied.
    EACCES,
    /// Operation not permitted.
    EPERM,
    /// Invalid argument.
    EINVAL,
    /// Invalid cross-device link.
    EXDEV,
    /// Device or resource busy.
    EBUSY,
    /// No space left on device.
    ENOSPC,
    /// File name too long.
    ENAMETOOLONG,
    /// Input/output error.
    EIO,
}

impl Errno {
    /// The `strerror` text, as glibc and musl both word it.
    pub fn text(self) -> &'static str {
        match self {
            Errno::ENOENT => "No such file or directory",
            Errno::EEXIST => "File exists",
            Errno::ENOTDIR => "Not a directory",
            Errno::EISDIR => "Is a directory",
            Errno::ENOTEMPTY => "Directory not empty",
            Errno::EROFS => "Read-only file system",
            Errno::ELOOP => "Too many levels of symbolic links",
            Errno::EACCES => "Permission denied",
            Errno::EPERM => "Operation not permitted",
            Errno::EINVAL => "Invalid argument",
            Errno::EXDEV => "Invalid cross-device link",
            Errno::EBUSY => "Device or resource busy",
            Errno::ENOSPC => "No space left on device",
            Errno::ENAMETOOLONG => "File name too long",
            Errno::EIO => "Input/output error",
        }
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// What kind of object a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link (only [`ShellFs::lstat`] reports it).
    Symlink,
    /// A character device (`/dev/null`, `/dev/tty`).
    CharDevice,
    /// A named pipe.
    Fifo,
    /// A socket (`/var/run/docker.sock`).
    Socket,
}

impl FileKind {
    /// The letter `ls -l` shows first.
    pub fn letter(self) -> char {
        match self {
            FileKind::File => '-',
            FileKind::Dir => 'd',
            FileKind::Symlink => 'l',
            FileKind::CharDevice => 'c',
            FileKind::Fifo => 'p',
            FileKind::Socket => 's',
        }
    }
}

/// File metadata, as `stat(2)` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    /// The kind of object.
    pub kind: FileKind,
    /// Permission bits with set-uid, set-gid and sticky (`0o7777` at most).
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Size in bytes (for a symlink: the length of its target).
    pub size: u64,
    /// Last modification time.
    pub mtime: Nanos,
    /// Number of hard links (directories: 2 + subdirectories, as on ext4/overlayfs).
    pub nlink: u32,
}

impl Stat {
    /// Whether it is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == FileKind::Dir
    }

    /// `ls -l`'s ten-character mode string (`drwxr-xr-x`, `-rwsr-xr-x`, `drwxrwxrwt`).
    pub fn mode_string(&self) -> String {
        let m = self.mode;
        let mut s = String::with_capacity(10);
        s.push(self.kind.letter());
        let bit = |b: u32, c: char| if m & b != 0 { c } else { '-' };
        let special = |x: u32, sp: u32, on: char, off: char| match (m & x != 0, m & sp != 0) {
            (true, true) => on,
            (false, true) => off,
            (true, false) => 'x',
            (false, false) => '-',
        };
        s.push(bit(0o400, 'r'));
        s.push(bit(0o200, 'w'));
        s.push(special(0o100, 0o4000, 's', 'S'));
        s.push(bit(0o040, 'r'));
        s.push(bit(0o020, 'w'));
        s.push(special(0o010, 0o2000, 's', 'S'));
        s.push(bit(0o004, 'r'));
        s.push(bit(0o002, 'w'));
        s.push(special(0o001, 0o1000, 't', 'T'));
        s
    }

    /// Whether a user may access the file in the way `want` asks (`0o4` read, `0o2` write,
    /// `0o1` execute), by the owner/group/other bits. Root may read and write anything and
    /// execute anything with at least one execute bit (or any directory).
    pub fn allows(&self, uid: u32, gids: &[u32], want: u32) -> bool {
        if uid == 0 {
            return want & 1 == 0 || self.kind == FileKind::Dir || self.mode & 0o111 != 0;
        }
        let bits = if uid == self.uid {
            (self.mode >> 6) & 7
        } else if gids.contains(&self.gid) {
            (self.mode >> 3) & 7
        } else {
            self.mode & 7
        };
        bits & want == want
    }
}

/// The filesystem operations programs need, POSIX-like. Every path is absolute and normal
/// (see the module doc). Unless a method says otherwise, symbolic links are followed in
/// every component, the last included; more than 40 links in one resolution is `ELOOP`; a
/// component that is not a directory is `ENOTDIR`; a missing one is `ENOENT`. Writes to a
/// read-only mount fail with `EROFS`. Permission checks are the caller's (see
/// [`Stat::allows`]): the trait acts with root's rights.
pub trait ShellFs {
    /// Metadata of `path`, following a final symlink (`stat(2)`).
    fn stat(&self, path: &str) -> Result<Stat, Errno>;

    /// Metadata of `path` itself, not following a final symlink (`lstat(2)`).
    fn lstat(&self, path: &str) -> Result<Stat, Errno>;

    /// The whole contents of a file. `EISDIR` for a directory.
    fn read(&self, path: &str) -> Result<Vec<u8>, Errno>;

    /// At most the first `len` bytes of a file, as [`ShellFs::read`] would give them.
    fn read_head(&self, path: &str, len: usize) -> Result<Vec<u8>, Errno> {
        let mut data = self.read(path)?;
        data.truncate(len);
        Ok(data)
    }

    /// Replaces the contents of a file (`open(O_WRONLY|O_CREAT|O_TRUNC)` then `write`),
    /// creating it with permission bits `mode` (umask already applied) when it is missing.
    /// An existing file keeps its mode and owner. `EISDIR` for a directory; `ENOENT` when
    /// the parent directory is missing.
    fn write(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno>;

    /// Appends to a file (`O_APPEND`), creating it like [`ShellFs::write`] when missing.
    fn append(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno>;

    /// Creates a directory with permission bits `mode`. `EEXIST` when anything exists at
    /// `path` (even a dangling symlink); `ENOENT` when the parent is missing.
    fn mkdir(&mut self, path: &str, mode: u32) -> Result<(), Errno>;

    /// Removes a file, symlink (not its target) or other non-directory (`unlink(2)`).
    /// `EISDIR` for a directory.
    fn remove_file(&mut self, path: &str) -> Result<(), Errno>;

    /// Removes an empty directory (`rmdir(2)`). `ENOTEMPTY` when it has entries,
    /// `ENOTDIR` when it is not a directory, `EBUSY` for `/`.
    fn remove_dir(&mut self, path: &str) -> Result<(), Errno>;

    /// Moves `from` to `to` (`rename(2)`): the last component of `from` is not followed.
    /// Replaces a file at `to`, or an empty directory when `from` is a directory; `EISDIR`
    /// for a file onto a directory, `ENOTDIR` for a directory onto a file, `ENOTEMPTY` onto
    /// a non-empty directory, `EINVAL` when `to` is inside `from`, `EXDEV` across mounts.
    fn rename(&mut self, from: &str, to: &str) -> Result<(), Errno>;

    /// Creates a symbolic link at `path` whose target text is `target` (not checked).
    /// `EEXIST` when `path` exists.
    fn symlink(&mut self, target: &str, path: &str) -> Result<(), Errno>;

    /// The target text of the symlink at `path` (last component not followed). `EINVAL`
    /// when it is not a symlink.
    fn readlink(&self, path: &str) -> Result<String, Errno>;

    /// The names in a directory, without `.` and `..`, sorted by byte value.
    /// `ENOTDIR` when `path` is not a directory.
    fn list(&self, path: &str) -> Result<Vec<String>, Errno>;

    /// Sets the permission bits (`& 0o7777`).
    fn chmod(&mut self, path: &str, mode: u32) -> Result<(), Errno>;

    /// Sets the owner and group; `None` keeps one as it is.
    fn chown(&mut self, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno>;

    /// Sets the modification time.
    fn set_mtime(&mut self, path: &str, mtime: Nanos) -> Result<(), Errno>;

    /// The path with every symlink resolved (`realpath(3)`); every component must exist.
    fn realpath(&self, path: &str) -> Result<String, Errno>;

    /// Writes a file whose bytes are `content` (a package's binary, generated rather than
    /// stored), like [`ShellFs::write`]. A filesystem that can keep generated contents
    /// overrides this to store them without copying their bytes.
    fn write_content(
        &mut self,
        path: &str,
        content: &crate::fs::Content,
        mode: u32,
    ) -> Result<(), Errno> {
        self.write(path, &content.to_vec(), mode)
    }
}

/// Makes `path` absolute against `cwd` and removes `.`, `..`, doubled and trailing slashes,
/// lexically (as the shell's logical `cd` does). `..` at the root stays at the root.
pub fn resolve(cwd: &str, path: &str) -> String {
    if path.starts_with('/') {
        normalize(path)
    } else {
        normalize(&format!("{cwd}/{path}"))
    }
}

/// Lexically normalizes an absolute path (see [`resolve`]).
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(c),
        }
    }
    if parts.is_empty() {
        return "/".into();
    }
    let mut s = String::new();
    for p in parts {
        s.push('/');
        s.push_str(p);
    }
    s
}

/// The last component of a path, as `basename(1)` gives it (`/` for `/`).
pub fn basename(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return if path.is_empty() { "" } else { "/" };
    }
    t.rsplit('/').next().unwrap_or(t)
}

/// The path without its last component, as `dirname(1)` gives it.
pub fn dirname(path: &str) -> String {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return if path.is_empty() {
            ".".into()
        } else {
            "/".into()
        };
    }
    match t.rfind('/') {
        None => ".".into(),
        Some(i) => {
            let d = t[..i].trim_end_matches('/');
            if d.is_empty() {
                "/".into()
            } else {
                d.into()
            }
        }
    }
}

/// Joins a directory and a name without doubling the slash.
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_functions() {
        let r = |c: &str, p: &str| resolve(c, p);
        assert_eq!(r("/a/b", "../c/./d/"), "/a/c/d");
        assert_eq!(r("/", ".."), "/");
        assert_eq!(r("/x", "/y//z"), "/y/z");
        assert_eq!(basename("/a/b/"), "b");
        assert_eq!(basename("/"), "/");
        assert_eq!(basename("f"), "f");
        assert_eq!(dirname("/a/b"), "/a");
        assert_eq!(dirname("/a"), "/");
        assert_eq!(dirname("a"), ".");
        assert_eq!(dirname("a/b//"), "a");
        assert_eq!(join("/", "x"), "/x");
    }

    #[test]
    fn mode_strings() {
        let st = |kind, mode| Stat {
            kind,
            mode,
            uid: 0,
            gid: 0,
            size: 0,
            mtime: 0,
            nlink: 1,
        };
        assert_eq!(st(FileKind::Dir, 0o755).mode_string(), "drwxr-xr-x");
        assert_eq!(st(FileKind::Dir, 0o1777).mode_string(), "drwxrwxrwt");
        assert_eq!(st(FileKind::File, 0o4755).mode_string(), "-rwsr-xr-x");
        assert_eq!(st(FileKind::File, 0o2644).mode_string(), "-rw-r-Sr--");
        assert_eq!(st(FileKind::Symlink, 0o777).mode_string(), "lrwxrwxrwx");
        assert!(st(FileKind::File, 0o700).allows(0, &[], 1));
        assert!(!st(FileKind::File, 0o644).allows(0, &[], 1));
        assert!(!st(FileKind::File, 0o600).allows(5, &[5], 4));
    }
}
