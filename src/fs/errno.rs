//! Filesystem errors as the kernel reports them: an errno and its strerror text.
//!
//! Programs inside containers print these texts (`rm: can't remove 'x': No such file or
//! directory`), so each value knows its words. glibc and musl word a few of them
//! differently; busybox images (alpine) use musl, debian and ubuntu images use glibc.

use std::fmt;

/// The errno values the virtual filesystem can return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Errno {
    /// The caller may not change this (chown by a non-owner, for example).
    EPERM,
    /// A path component does not exist.
    ENOENT,
    /// Permission bits forbid the access.
    EACCES,
    /// The path is a mount point or the root, which cannot be removed or renamed.
    EBUSY,
    /// The path already exists.
    EEXIST,
    /// A file would grow beyond what the simulator keeps in memory.
    EFBIG,
    /// A filesystem with a size limit (a tmpfs with `size=`) is full.
    ENOSPC,
    /// A rename would cross from one mounted filesystem to another.
    EXDEV,
    /// A component used as a directory is not one.
    ENOTDIR,
    /// The operation needs a non-directory but found a directory.
    EISDIR,
    /// An argument makes no sense here (readlink of a non-link, a directory moved into itself).
    EINVAL,
    /// The path lies on a read-only mount or a read-only root filesystem.
    EROFS,
    /// A name is longer than 255 bytes, or a path longer than 4096.
    ENAMETOOLONG,
    /// A directory to remove or replace still has entries.
    ENOTEMPTY,
    /// Following symbolic links took more than 40 hops.
    ELOOP,
}

/// Which C library's wording to use for [`Errno::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Libc {
    /// GNU libc (debian, ubuntu, mysql, nginx images).
    #[default]
    Glibc,
    /// musl (alpine and busybox images).
    Musl,
}

impl Errno {
    /// The symbolic name, such as `ENOENT`.
    pub fn name(self) -> &'static str {
        match self {
            Errno::EPERM => "EPERM",
            Errno::ENOENT => "ENOENT",
            Errno::EACCES => "EACCES",
            Errno::EBUSY => "EBUSY",
            Errno::EEXIST => "EEXIST",
            Errno::EXDEV => "EXDEV",
            Errno::EFBIG => "EFBIG",
            Errno::ENOSPC => "ENOSPC",
            Errno::ENOTDIR => "ENOTDIR",
            Errno::EISDIR => "EISDIR",
            Errno::EINVAL => "EINVAL",
            Errno::EROFS => "EROFS",
            Errno::ENAMETOOLONG => "ENAMETOOLONG",
            Errno::ENOTEMPTY => "ENOTEMPTY",
            Errno::ELOOP => "ELOOP",
        }
    }

    /// The Linux errno number.
    pub fn code(self) -> i32 {
        match self {
            Errno::EPERM => 1,
            Errno::ENOENT => 2,
            Errno::EACCES => 13,
            Errno::EBUSY => 16,
            Errno::EEXIST => 17,
            Errno::EXDEV => 18,
            Errno::EFBIG => 27,
            Errno::ENOSPC => 28,
            Errno::ENOTDIR => 20,
            Errno::EISDIR => 21,
            Errno::EINVAL => 22,
            Errno::EROFS => 30,
            Errno::ENAMETOOLONG => 36,
            Errno::ENOTEMPTY => 39,
            Errno::ELOOP => 40,
        }
    }

    /// glibc's `strerror` text, such as `No such file or directory`.
    pub fn strerror(self) -> &'static str {
        self.text(Libc::Glibc)
    }

    /// The `strerror` text of the given C library.
    pub fn text(self, libc: Libc) -> &'static str {
        match (self, libc) {
            (Errno::EPERM, _) => "Operation not permitted",
            (Errno::ENOENT, _) => "No such file or directory",
            (Errno::EACCES, _) => "Permission denied",
            (Errno::EBUSY, Libc::Glibc) => "Device or resource busy",
            (Errno::EBUSY, Libc::Musl) => "Resource busy",
            (Errno::EEXIST, _) => "File exists",
            (Errno::EXDEV, Libc::Glibc) => "Invalid cross-device link",
            (Errno::EXDEV, Libc::Musl) => "Cross-device link",
            (Errno::EFBIG, _) => "File too large",
            (Errno::ENOSPC, _) => "No space left on device",
            (Errno::ENOTDIR, _) => "Not a directory",
            (Errno::EISDIR, _) => "Is a directory",
            (Errno::EINVAL, _) => "Invalid argument",
            (Errno::EROFS, _) => "Read-only file system",
            (Errno::ENAMETOOLONG, Libc::Glibc) => "File name too long",
            (Errno::ENAMETOOLONG, Libc::Musl) => "Filename too long",
            (Errno::ENOTEMPTY, _) => "Directory not empty",
            (Errno::ELOOP, Libc::Glibc) => "Too many levels of symbolic links",
            (Errno::ELOOP, Libc::Musl) => "Symbolic link loop",
        }
    }
}

impl fmt::Display for Errno {
    /// Writes glibc's text, as most programs would print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.strerror())
    }
}

impl std::error::Error for Errno {}

/// The result of a filesystem operation.
pub type Result<T> = std::result::Result<T, Errno>;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(e: Errno, name: &str, code: i32, glibc: &str, musl: &str) {
        assert_eq!(e.name(), name);
        assert_eq!(e.code(), code);
        assert_eq!(e.text(Libc::Glibc), glibc);
        assert_eq!(e.text(Libc::Musl), musl);
        assert_eq!(e.to_string(), glibc);
    }

    #[test]
    fn texts() {
        let nf = "No such file or directory";
        check(Errno::ENOENT, "ENOENT", 2, nf, nf);
        check(Errno::EEXIST, "EEXIST", 17, "File exists", "File exists");
        check(
            Errno::ENOTDIR,
            "ENOTDIR",
            20,
            "Not a directory",
            "Not a directory",
        );
        check(
            Errno::EISDIR,
            "EISDIR",
            21,
            "Is a directory",
            "Is a directory",
        );
        let ne = "Directory not empty";
        check(Errno::ENOTEMPTY, "ENOTEMPTY", 39, ne, ne);
        let ro = "Read-only file system";
        check(Errno::EROFS, "EROFS", 30, ro, ro);
        let lo = "Too many levels of symbolic links";
        check(Errno::ELOOP, "ELOOP", 40, lo, "Symbolic link loop");
        check(
            Errno::EACCES,
            "EACCES",
            13,
            "Permission denied",
            "Permission denied",
        );
        check(
            Errno::EINVAL,
            "EINVAL",
            22,
            "Invalid argument",
            "Invalid argument",
        );
        let np = "Operation not permitted";
        check(Errno::EPERM, "EPERM", 1, np, np);
        check(
            Errno::EBUSY,
            "EBUSY",
            16,
            "Device or resource busy",
            "Resource busy",
        );
        check(
            Errno::EXDEV,
            "EXDEV",
            18,
            "Invalid cross-device link",
            "Cross-device link",
        );
        check(
            Errno::EFBIG,
            "EFBIG",
            27,
            "File too large",
            "File too large",
        );
        let tl = "File name too long";
        check(
            Errno::ENAMETOOLONG,
            "ENAMETOOLONG",
            36,
            tl,
            "Filename too long",
        );
    }
}
