//! The simulated machine the student sits at: a Windows PC running Docker Desktop (as in
//! the course) or a Linux machine running Docker Engine. It owns the prompt, the way a
//! line is split into words, and what each word at the prompt runs.

pub mod commands;
pub mod files;
pub mod paths;
pub mod split;
pub mod web;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::cli::flags::Flag;
use crate::cli::root::{LINUX_GLOBAL, WINDOWS_GLOBAL};
use crate::fs::{Caller, Content, Errno, Fs, Meta, RwLayer};
use crate::ports::Nanos;
use split::Dialect;

/// Which kind of machine the student sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HostKind {
    /// Windows 11 with Docker Desktop (WSL 2 backend); PowerShell prompt.
    #[default]
    Windows,
    /// A Linux machine with Docker Engine; bash prompt.
    Linux,
}

impl HostKind {
    /// Parses `windows` or `linux` (as the page's `host=` option and `berth --host` take it).
    pub fn parse(s: &str) -> Option<HostKind> {
        match s.to_ascii_lowercase().as_str() {
            "windows" | "win" => Some(HostKind::Windows),
            "linux" => Some(HostKind::Linux),
            _ => None,
        }
    }
}

/// The host machine and its user.
#[derive(Clone, Debug)]
pub struct Host {
    /// Windows or Linux.
    pub kind: HostKind,
    /// The current directory (a disk path, see [`paths`]) of the terminal whose command
    /// runs now: the terminal sets it before each command, so that relative paths given to
    /// docker (`--env-file t1.txt`, `-v .\src:/src`, `docker cp c:/x .`) resolve from it.
    pub cwd: String,
    disk: Rc<RefCell<RwLayer>>,
}

/// When the course's files on the host were last written (2024-09-02 09:00:00 UTC).
const SEEDED_AT: Nanos = 1_725_267_600 * 1_000_000_000;

/// The course's files: the gcc exercise's TCP echo pair and the `--env-file` example,
/// relative to the folder that holds them (`C:\` on Windows, the home on Linux).
const SEED_FILES: &[(&str, &str)] = &[
    ("codec/gcc-hw/server.c", include_str!("seed/server.c")),
    ("codec/gcc-hw/client.c", include_str!("seed/client.c")),
    ("temp1/t1.txt", include_str!("seed/t1.txt")),
];

/// A failed read or write of a host file, worded as Go's `os` package words it on the
/// host (`open c:/temp1/t2.txt: The system cannot find the file specified.` on Windows,
/// `open /x: no such file or directory` on Linux); docker prints these as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostFileError {
    /// The operation: `open` or `read`.
    pub op: &'static str,
    /// The path as the user typed it.
    pub path: String,
    /// The reason, in the host's words.
    pub reason: &'static str,
    /// The underlying errno.
    pub errno: Errno,
}

impl fmt::Display for HostFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.op, self.path, self.reason)
    }
}

impl Host {
    /// The login name of the student.
    pub const USER: &'static str = "student";

    /// A host of the given kind, its disk holding the user's home and the course's files:
    /// on Windows `C:\codec\gcc-hw\server.c`, `client.c` and `C:\temp1\t1.txt` (as the
    /// course writes them); on Linux the same under the home: `~/codec/gcc-hw`,
    /// `~/temp1/t1.txt`.
    pub fn new(kind: HostKind) -> Host {
        let mut disk = RwLayer::new();
        let dir = Meta::new(0o755, 1000, 1000, SEEDED_AT);
        let file = Meta::new(0o644, 1000, 1000, SEEDED_AT);
        let home = home_disk(kind);
        let course_root = match kind {
            HostKind::Windows => "/c",
            HostKind::Linux => home,
        };
        let mut dirs: Vec<String> = match kind {
            HostKind::Windows => ["/c/Program Files", "/c/Users/Public", "/c/Windows"]
                .iter()
                .map(|d| (*d).to_owned())
                .collect(),
            HostKind::Linux => vec!["/tmp".to_owned()],
        };
        dirs.extend(["Desktop", "Documents", "Downloads"].map(|d| format!("{home}/{d}")));
        // Fixed paths in a fresh tree: adding them cannot fail.
        for d in &dirs {
            disk.add_dir(d, dir).ok();
        }
        for (path, text) in SEED_FILES {
            let full = format!("{course_root}/{path}");
            if let Some((parent, _)) = full.rsplit_once('/') {
                disk.add_dir(parent, dir).ok();
            }
            disk.add_file(&full, file, Content::from(*text)).ok();
        }
        Host {
            kind,
            cwd: home.to_owned(),
            disk: Rc::new(RefCell::new(disk)),
        }
    }

    /// The host's disk: every file the student can reach at the host prompt and bind into
    /// containers. Paths are disk paths (see [`paths`]).
    pub fn disk(&self) -> &Rc<RefCell<RwLayer>> {
        &self.disk
    }

    /// The user's home as a disk path (`/c/Users/student`, `/home/student`).
    pub fn home_disk(&self) -> &'static str {
        home_disk(self.kind)
    }

    /// The disk path a path typed at the host names, relative paths taken from
    /// [`Host::cwd`] (on Windows, names matched to existing entries ignoring case).
    pub fn resolve(&self, typed: &str) -> String {
        self.resolve_from(&self.cwd, typed)
    }

    /// Like [`Host::resolve`], from the disk path `cwd`.
    pub fn resolve_from(&self, cwd: &str, typed: &str) -> String {
        let lexical = paths::resolve(self.kind, cwd, self.home_disk(), typed);
        paths::fold_case(self.kind, &self.disk.borrow(), &lexical)
    }

    /// How the host prints the disk path `disk` (`C:\temp1`, `/home/student/temp1`).
    pub fn display_path(&self, disk: &str) -> String {
        paths::display(self.kind, disk)
    }

    /// The user at the host, writing its disk at time `now`.
    pub fn caller(&self, now: Nanos) -> Caller {
        Caller {
            now,
            uid: 1000,
            gid: 1000,
            umask: 0o022,
        }
    }

    /// Reads the host file `typed` (as the user typed it, relative to [`Host::cwd`]), with
    /// Go's error for a missing file, a missing folder or a directory.
    pub fn read_file(&self, typed: &str) -> Result<Content, HostFileError> {
        let path = self.resolve(typed);
        let disk = self.disk.borrow();
        disk.read(&path)
            .map_err(|errno| self.file_error(typed, errno, parent_missing(&disk, &path)))
    }

    /// Creates or replaces the host file `typed` with `content`, at time `now`.
    pub fn write_file(
        &self,
        typed: &str,
        content: Content,
        now: Nanos,
    ) -> Result<(), HostFileError> {
        let path = self.resolve(typed);
        let caller = self.caller(now);
        let mut disk = self.disk.borrow_mut();
        match disk.write(&caller, &path, content) {
            Ok(()) => Ok(()),
            Err(errno) => Err(self.file_error(typed, errno, parent_missing(&disk, &path))),
        }
    }

    fn file_error(&self, typed: &str, errno: Errno, parent_missing: bool) -> HostFileError {
        let (op, reason) = match (self.kind, errno) {
            (HostKind::Windows, Errno::ENOENT | Errno::ENOTDIR) if parent_missing => {
                ("open", "The system cannot find the path specified.")
            }
            (HostKind::Windows, Errno::ENOENT) => {
                ("open", "The system cannot find the file specified.")
            }
            (HostKind::Windows, Errno::ENOTDIR) => {
                ("open", "The system cannot find the path specified.")
            }
            (HostKind::Windows, Errno::EISDIR) => ("read", "Incorrect function."),
            (HostKind::Windows, _) => ("open", "Access is denied."),
            (HostKind::Linux, Errno::EISDIR) => ("read", "is a directory"),
            (HostKind::Linux, e) => ("open", linux_reason(e)),
        };
        HostFileError {
            op,
            path: typed.to_owned(),
            reason,
            errno,
        }
    }

    /// The machine's hostname.
    pub fn hostname(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "DESKTOP-BERTH",
            HostKind::Linux => "host",
        }
    }

    /// The user's home directory, as the host writes it.
    pub fn home(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "C:\\Users\\student",
            HostKind::Linux => "/home/student",
        }
    }

    /// The prompt shown before each line, for the current directory `cwd`.
    pub fn prompt(&self, cwd: &str) -> String {
        match self.kind {
            HostKind::Windows => format!("PS {cwd}> "),
            HostKind::Linux => {
                let shown = match cwd.strip_prefix(self.home()) {
                    Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("~{rest}"),
                    _ => cwd.to_owned(),
                };
                format!("{}@{}:{shown}$ ", Self::USER, self.hostname())
            }
        }
    }

    /// How the host's shell splits a line into words.
    pub fn dialect(&self) -> Dialect {
        match self.kind {
            HostKind::Windows => Dialect::PowerShell,
            HostKind::Linux => Dialect::Posix,
        }
    }

    /// docker's global options, whose defaults name the host's config folder.
    pub fn global_flags(&self) -> [Flag; 11] {
        match self.kind {
            HostKind::Windows => WINDOWS_GLOBAL,
            HostKind::Linux => LINUX_GLOBAL,
        }
    }

    /// The address of the daemon the client talks to by default.
    pub fn daemon_socket(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "npipe:////./pipe/dockerDesktopLinuxEngine",
            HostKind::Linux => "unix:///var/run/docker.sock",
        }
    }

    /// The docker context in use.
    pub fn context_name(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "desktop-linux",
            HostKind::Linux => "default",
        }
    }

    /// The client's `OS/Arch`.
    pub fn client_platform(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "windows/amd64",
            HostKind::Linux => "linux/amd64",
        }
    }

    /// Environment variables of the host shell, for `$env:NAME` / `$NAME` expansion.
    pub fn var(&self, name: &str) -> Option<String> {
        let name = match self.kind {
            HostKind::Windows => {
                let lower = name.to_ascii_lowercase();
                match lower.strip_prefix("env:") {
                    Some(env) => return self.env(&env.to_ascii_uppercase()),
                    None if lower == "home" => return Some(self.home().to_owned()),
                    None => return None,
                }
            }
            HostKind::Linux => name,
        };
        self.env(name)
    }

    fn env(&self, name: &str) -> Option<String> {
        let v = match (self.kind, name) {
            (HostKind::Windows, "USERNAME") => Self::USER.to_owned(),
            (HostKind::Windows, "USERPROFILE" | "HOMEPATH") => self.home().to_owned(),
            (HostKind::Windows, "COMPUTERNAME") => self.hostname().to_owned(),
            (HostKind::Windows, "OS") => "Windows_NT".to_owned(),
            (HostKind::Linux, "USER" | "LOGNAME") => Self::USER.to_owned(),
            (HostKind::Linux, "HOME") => self.home().to_owned(),
            (HostKind::Linux, "HOSTNAME") => self.hostname().to_owned(),
            (HostKind::Linux, "SHELL") => "/bin/bash".to_owned(),
            _ => return None,
        };
        Some(v)
    }
}

/// The home of the host's user as a disk path.
fn home_disk(kind: HostKind) -> &'static str {
    match kind {
        HostKind::Windows => "/c/Users/student",
        HostKind::Linux => "/home/student",
    }
}

/// Whether the folder that should hold `path` is missing (or is not a folder).
fn parent_missing(disk: &RwLayer, path: &str) -> bool {
    match path.rsplit_once('/') {
        Some((parent, _)) if !parent.is_empty() => !disk.stat(parent).is_ok_and(|s| s.is_dir()),
        _ => false,
    }
}

/// Go's text for an errno on Linux.
fn linux_reason(e: Errno) -> &'static str {
    match e {
        Errno::ENOENT => "no such file or directory",
        Errno::ENOTDIR => "not a directory",
        Errno::EISDIR => "is a directory",
        Errno::EROFS => "read-only file system",
        Errno::ENAMETOOLONG => "file name too long",
        Errno::ELOOP => "too many levels of symbolic links",
        _ => "permission denied",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts() {
        let w = Host::new(HostKind::Windows);
        assert_eq!(w.prompt(w.home()), "PS C:\\Users\\student> ");
        let l = Host::new(HostKind::Linux);
        assert_eq!(l.prompt("/home/student"), "student@host:~$ ");
        assert_eq!(l.prompt("/home/student/src"), "student@host:~/src$ ");
        assert_eq!(l.prompt("/home/studentx"), "student@host:/home/studentx$ ");
        assert_eq!(l.prompt("/tmp"), "student@host:/tmp$ ");
    }

    #[test]
    fn variables_follow_each_shell() {
        let w = Host::new(HostKind::Windows);
        assert_eq!(w.var("env:USERNAME").as_deref(), Some("student"));
        assert_eq!(w.var("Env:username").as_deref(), Some("student"));
        assert_eq!(w.var("HOME").as_deref(), Some("C:\\Users\\student"));
        assert_eq!(w.var("USERNAME"), None);
        let l = Host::new(HostKind::Linux);
        assert_eq!(l.var("HOME").as_deref(), Some("/home/student"));
        assert_eq!(l.var("env:USER"), None);
    }

    fn check_read(h: &Host, typed: &str, expected: &str) {
        let got = match h.read_file(typed) {
            Ok(c) => String::from_utf8_lossy(&c.to_vec())
                .lines()
                .nth(1)
                .unwrap_or("")
                .to_owned(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected, "{typed}");
    }

    #[test]
    fn host_files_and_their_errors() {
        let w = Host::new(HostKind::Windows);
        let l = Host::new(HostKind::Linux);
        for (h, typed, expected) in [
            (&w, "c:/temp1/t1.txt", "username=ritchie"),
            (&w, r"C:\TEMP1\T1.TXT", "username=ritchie"),
            (&w, "/c/temp1/t1.txt", "username=ritchie"),
            (&w, r"C:\codec\gcc-hw\server.c", "#include <stdlib.h>"),
            (
                &w,
                "c:/temp1/t2.txt",
                "open c:/temp1/t2.txt: The system cannot find the file specified.",
            ),
            (
                &w,
                "c:/temp2/t1.txt",
                "open c:/temp2/t1.txt: The system cannot find the path specified.",
            ),
            (&w, "c:/temp1", "read c:/temp1: Incorrect function."),
            (&l, "temp1/t1.txt", "username=ritchie"),
            (&l, "~/codec/gcc-hw/client.c", "#include <stdlib.h>"),
            (
                &l,
                "/nonexistent",
                "open /nonexistent: no such file or directory",
            ),
            (&l, "temp1", "read temp1: is a directory"),
            (&l, "temp1/t1.txt/x", "open temp1/t1.txt/x: not a directory"),
        ] {
            check_read(h, typed, expected);
        }
    }

    #[test]
    fn written_files_are_read_back() {
        let w = Host::new(HostKind::Windows);
        assert_eq!(
            w.write_file(r"~\out.txt", Content::from("a\nhi\n"), 5),
            Ok(())
        );
        check_read(&w, r"C:\Users\student\OUT.txt", "hi");
        let e = w.write_file(r"C:\nope\x.txt", Content::empty(), 5);
        assert_eq!(
            e.map_err(|e| e.to_string()),
            Err(r"open C:\nope\x.txt: The system cannot find the path specified.".to_owned())
        );
    }
}
