//! A container's filesystem as its processes see it: the mount table over the overlay of
//! the image's layers, behind the shell's small `ShellFs` interface.

use std::cell::RefCell;
use std::rc::Rc;

use crate::fs::{self, Caller, Content, Fs, Kind, MountTable, Overlay};
use crate::kernel::Sys;
use crate::ports::Nanos;
use crate::shell::fs::{Errno, FileKind, ShellFs, Stat};

/// The view every process of a container shares.
pub type RootFs = Rc<RefCell<MountTable<Overlay>>>;

/// `ShellFs` over a container's root filesystem. Changes are made as root with umask 022 at
/// the kernel's current time.
pub struct ContainerFs {
    root: RootFs,
    sys: Sys,
}

impl ContainerFs {
    /// The shell's view of `root`, stamping changes with the time from `sys`.
    pub fn new(root: RootFs, sys: Sys) -> ContainerFs {
        ContainerFs { root, sys }
    }

    fn caller(&self) -> Caller {
        Caller::root(self.sys.borrow().now())
    }
}

fn errno(e: fs::Errno) -> Errno {
    match e {
        fs::Errno::EPERM => Errno::EPERM,
        fs::Errno::ENOENT => Errno::ENOENT,
        fs::Errno::EACCES => Errno::EACCES,
        fs::Errno::EBUSY => Errno::EBUSY,
        fs::Errno::EEXIST => Errno::EEXIST,
        fs::Errno::EFBIG | fs::Errno::ENOSPC => Errno::ENOSPC,
        fs::Errno::EXDEV => Errno::EXDEV,
        fs::Errno::ENOTDIR => Errno::ENOTDIR,
        fs::Errno::EISDIR => Errno::EISDIR,
        fs::Errno::EINVAL => Errno::EINVAL,
        fs::Errno::ENOTEMPTY => Errno::ENOTEMPTY,
        fs::Errno::EROFS => Errno::EROFS,
        fs::Errno::ELOOP => Errno::ELOOP,
        fs::Errno::ENAMETOOLONG => Errno::ENAMETOOLONG,
    }
}

fn stat(s: fs::Stat) -> Stat {
    Stat {
        kind: match s.kind {
            Kind::File => FileKind::File,
            Kind::Dir => FileKind::Dir,
            Kind::Symlink => FileKind::Symlink,
        },
        mode: s.mode,
        uid: s.uid,
        gid: s.gid,
        size: s.size,
        mtime: s.mtime,
        nlink: s.nlink,
    }
}

impl ShellFs for ContainerFs {
    fn stat(&self, path: &str) -> Result<Stat, Errno> {
        self.root.borrow().stat(path).map(stat).map_err(errno)
    }

    fn lstat(&self, path: &str) -> Result<Stat, Errno> {
        self.root.borrow().lstat(path).map(stat).map_err(errno)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Errno> {
        self.root
            .borrow()
            .read(path)
            .map(|c| c.to_vec())
            .map_err(errno)
    }

    fn read_head(&self, path: &str, len: usize) -> Result<Vec<u8>, Errno> {
        self.root
            .borrow()
            .read(path)
            .map(|c| c.slice(0, len))
            .map_err(errno)
    }

    fn write(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno> {
        let c = self.caller();
        let mut root = self.root.borrow_mut();
        let existed = root.exists(path);
        root.write(&c, path, Content::from(data)).map_err(errno)?;
        if !existed {
            root.chmod(&c, path, mode).map_err(errno)?;
        }
        Ok(())
    }

    fn write_content(&mut self, path: &str, content: &Content, mode: u32) -> Result<(), Errno> {
        let c = self.caller();
        let mut root = self.root.borrow_mut();
        let existed = root.exists(path);
        root.write(&c, path, content.clone()).map_err(errno)?;
        if !existed {
            root.chmod(&c, path, mode).map_err(errno)?;
        }
        Ok(())
    }

    fn append(&mut self, path: &str, data: &[u8], mode: u32) -> Result<(), Errno> {
        let c = self.caller();
        let mut root = self.root.borrow_mut();
        let existed = root.exists(path);
        root.append(&c, path, data).map_err(errno)?;
        if !existed {
            root.chmod(&c, path, mode).map_err(errno)?;
        }
        Ok(())
    }

    fn mkdir(&mut self, path: &str, mode: u32) -> Result<(), Errno> {
        let c = self.caller();
        self.root
            .borrow_mut()
            .mkdir(&Caller { umask: 0, ..c }, path, mode)
            .map_err(errno)
    }

    fn remove_file(&mut self, path: &str) -> Result<(), Errno> {
        let c = self.caller();
        self.root.borrow_mut().remove_file(&c, path).map_err(errno)
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), Errno> {
        let c = self.caller();
        self.root.borrow_mut().remove_dir(&c, path).map_err(errno)
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), Errno> {
        let c = self.caller();
        self.root.borrow_mut().rename(&c, from, to).map_err(errno)
    }

    fn symlink(&mut self, target: &str, path: &str) -> Result<(), Errno> {
        let c = self.caller();
        self.root
            .borrow_mut()
            .symlink(&c, target, path)
            .map_err(errno)
    }

    fn readlink(&self, path: &str) -> Result<String, Errno> {
        self.root.borrow().read_link(path).map_err(errno)
    }

    fn list(&self, path: &str) -> Result<Vec<String>, Errno> {
        self.root.borrow().read_dir(path).map_err(errno)
    }

    fn chmod(&mut self, path: &str, mode: u32) -> Result<(), Errno> {
        let c = self.caller();
        self.root.borrow_mut().chmod(&c, path, mode).map_err(errno)
    }

    fn chown(&mut self, path: &str, uid: Option<u32>, gid: Option<u32>) -> Result<(), Errno> {
        let c = self.caller();
        self.root
            .borrow_mut()
            .chown(&c, path, uid, gid)
            .map_err(errno)
    }

    fn set_mtime(&mut self, path: &str, mtime: Nanos) -> Result<(), Errno> {
        let c = self.caller();
        self.root
            .borrow_mut()
            .set_mtime(&c, path, mtime)
            .map_err(errno)
    }

    fn realpath(&self, path: &str) -> Result<String, Errno> {
        self.root.borrow().canonicalize(path).map_err(errno)
    }
}
