//! The one trait every program implements, the context a process runs with ([`Proc`]), and
//! the [`Registry`] from exec names (see [`super::exec`]) to programs.

use crate::collections::SortedMap as BTreeMap;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::budget::Budget;
use super::fs::{resolve, ShellFs};
use super::io::{self, Stdin};
use crate::kernel::{sleep_until, Pid, Sink, Sys};
use crate::ports::Nanos;

/// A boxed local future.
pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A program an image can ship: `ls`, `sh`, `mysqld`… It runs until done and returns its
/// exit status. It must await something that can be pending at least every few hundred
/// steps; [`Proc::out`] and [`Proc::step`] do.
pub trait Program {
    /// Runs the program in the process `p`.
    fn run<'a>(&'a self, p: &'a mut Proc) -> BoxFut<'a, i32>;
}

/// Implements [`Program`] for a unit struct by calling an `async fn(&mut Proc) -> i32`.
#[macro_export]
macro_rules! program {
    ($ty:ident, $f:path) => {
        /// The program (see the module doc).
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $ty;
        impl $crate::shell::program::Program for $ty {
            fn run<'a>(
                &'a self,
                p: &'a mut $crate::shell::program::Proc,
            ) -> $crate::shell::program::BoxFut<'a, i32> {
                Box::pin($f(p))
            }
        }
    };
}

/// Which implementation's texts a program speaks: GNU coreutils (Debian, Ubuntu) or
/// busybox (Alpine, `busybox` images). Set by how the program was invoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// GNU coreutils, procps, util-linux.
    Gnu,
    /// A busybox applet.
    Busybox,
}

/// Who a process runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cred {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Supplementary groups.
    pub groups: Vec<u32>,
}

impl Cred {
    /// root.
    pub fn root() -> Cred {
        Cred {
            uid: 0,
            gid: 0,
            groups: vec![0],
        }
    }

    /// All group ids (primary first).
    pub fn all_groups(&self) -> Vec<u32> {
        let mut g = vec![self.gid];
        g.extend(self.groups.iter().copied().filter(|x| *x != self.gid));
        g
    }
}

/// Facts about the machine a process runs on, shared by all its processes.
pub struct Machine {
    /// The hostname (a container's: the first 12 hex digits of its id).
    pub hostname: String,
    /// The container's full id; `None` on the host.
    pub container: Option<String>,
    /// `uname -r`.
    pub kernel_release: String,
    /// `uname -v`.
    pub kernel_version: String,
    /// `uname -m`.
    pub arch: String,
    /// The IP address `hostname -i` shows.
    pub ip: String,
    /// The programs that the files of this machine's filesystem can name.
    pub programs: Rc<Registry>,
}

impl fmt::Debug for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Machine")
            .field("hostname", &self.hostname)
            .field("container", &self.container)
            .finish()
    }
}

impl Machine {
    /// A Docker Desktop (WSL2) container machine with the standard programs.
    pub fn container(id: &str) -> Machine {
        Machine {
            hostname: id.chars().take(12).collect(),
            container: Some(id.to_owned()),
            kernel_release: "5.15.167.4-microsoft-standard-WSL2".into(),
            kernel_version: "#1 SMP Tue Nov 5 00:21:55 UTC 2024".into(),
            arch: "x86_64".into(),
            ip: "172.17.0.2".into(),
            programs: Rc::new(Registry::standard()),
        }
    }
}

/// Signals a program handles or ignores itself (bit `1 << n` for signal `n`), and the
/// caught ones waiting for it. The process supervisor reads the masks.
#[derive(Debug, Default)]
pub struct SigState {
    /// Signals discarded on arrival (`trap '' TERM`).
    pub ignored: Cell<u64>,
    /// Signals the program takes itself with [`SigState::take_caught`].
    pub caught: Cell<u64>,
    pending: Cell<u64>,
}

impl SigState {
    /// Records a caught signal.
    pub fn deliver(&self, sig: i32) {
        if (0..64).contains(&sig) {
            self.pending.set(self.pending.get() | 1 << sig);
        }
    }

    /// Takes a pending caught signal `sig`.
    pub fn take_caught(&self, sig: i32) -> bool {
        if !(0..64).contains(&sig) {
            return false;
        }
        let p = self.pending.get();
        self.pending.set(p & !(1 << sig));
        p & (1 << sig) != 0
    }

    /// Whether `sig`'s bit is set in `mask`.
    pub fn has(mask: u64, sig: i32) -> bool {
        (0..64).contains(&sig) && mask & (1 << sig) != 0
    }
}

/// Everything a running program may use: its arguments and environment, working
/// directory, standard streams, the kernel, the filesystem, who it runs as.
pub struct Proc {
    /// `argv`, `argv[0]` included.
    pub args: Vec<String>,
    /// The environment, in order.
    pub env: Vec<(String, String)>,
    /// Working directory (absolute, normal).
    pub cwd: String,
    /// Standard input.
    pub stdin: Stdin,
    /// Standard output.
    pub stdout: Sink,
    /// Standard error.
    pub stderr: Sink,
    /// The kernel: process table, signals, time.
    pub sys: Sys,
    /// The filesystem this process sees.
    pub fs: Rc<RefCell<dyn ShellFs>>,
    /// Who it runs as.
    pub cred: Cred,
    /// The machine (hostname, container, programs).
    pub machine: Rc<Machine>,
    /// Its pid in the kernel's table (0 when not registered).
    pub pid: Pid,
    /// Its pid as its container sees it.
    pub ns_pid: Pid,
    /// Which texts to speak.
    pub style: Style,
    /// The job's budget.
    pub budget: Rc<Budget>,
    /// File creation mask.
    pub umask: u32,
    /// Signals this program handles itself.
    pub signals: Rc<SigState>,
    /// How many processes enclose this one in the same task (a limit keeps recursive
    /// scripts from exhausting the stack).
    pub depth: u32,
}

impl fmt::Debug for Proc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proc")
            .field("args", &self.args)
            .field("cwd", &self.cwd)
            .field("pid", &self.pid)
            .finish()
    }
}

impl Proc {
    /// A process with the given streams, as root in `/`, with an empty environment.
    pub fn new(
        machine: Rc<Machine>,
        fs: Rc<RefCell<dyn ShellFs>>,
        sys: Sys,
        args: Vec<String>,
        stdin: Stdin,
        stdout: Sink,
        stderr: Sink,
    ) -> Proc {
        Proc {
            args,
            env: Vec::new(),
            cwd: "/".into(),
            stdin,
            stdout,
            stderr,
            sys,
            fs,
            cred: Cred::root(),
            machine,
            pid: 0,
            ns_pid: 0,
            style: Style::Gnu,
            budget: Budget::new(),
            umask: 0o022,
            signals: Rc::new(SigState::default()),
            depth: 0,
        }
    }

    /// A child's context: the same streams, fs, user and budget; new args; no pid yet.
    pub fn child(&self, args: Vec<String>) -> Proc {
        Proc {
            args,
            env: self.env.clone(),
            cwd: self.cwd.clone(),
            stdin: self.stdin.clone(),
            stdout: self.stdout.clone(),
            stderr: self.stderr.clone(),
            sys: Rc::clone(&self.sys),
            fs: Rc::clone(&self.fs),
            cred: self.cred.clone(),
            machine: Rc::clone(&self.machine),
            pid: 0,
            ns_pid: 0,
            style: self.style,
            budget: Rc::clone(&self.budget),
            umask: self.umask,
            signals: Rc::new(SigState::default()),
            depth: self.depth + 1,
        }
    }

    /// The name it was invoked as (`argv[0]`'s last component).
    pub fn name(&self) -> &str {
        let a = self.args.first().map_or("", String::as_str);
        a.rsplit('/').next().unwrap_or(a)
    }

    /// An environment variable.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets an environment variable (replacing it in place).
    pub fn set_var(&mut self, name: &str, value: &str) {
        match self.env.iter_mut().find(|(k, _)| k == name) {
            Some(e) => e.1 = value.to_owned(),
            None => self.env.push((name.to_owned(), value.to_owned())),
        }
    }

    /// A path made absolute against the working directory.
    pub fn path(&self, p: &str) -> String {
        resolve(&self.cwd, p)
    }

    /// The current time.
    pub fn now(&self) -> Nanos {
        self.sys.try_borrow().map_or(0, |s| s.now())
    }

    /// Writes to standard output; `false` when the reader is gone.
    pub async fn out(&self, s: impl AsRef<[u8]>) -> bool {
        io::write(&self.stdout, s.as_ref(), &self.budget, &self.sys).await
    }

    /// Writes to standard error.
    pub async fn err(&self, s: impl AsRef<[u8]>) -> bool {
        io::write(&self.stderr, s.as_ref(), &self.budget, &self.sys).await
    }

    /// Writes `name: message\n` to standard error (the usual error line).
    pub async fn error(&self, msg: impl fmt::Display) {
        let line = format!("{}: {msg}\n", self.name());
        self.err(line).await;
    }

    /// Counts one step of work.
    pub async fn step(&self) {
        self.budget.step(&self.sys).await;
    }

    /// Reads a line from standard input.
    pub async fn read_line(&self) -> Option<String> {
        self.stdin.read_line("", &self.budget, &self.sys).await
    }

    /// Reads all of standard input.
    pub async fn read_stdin(&self) -> Vec<u8> {
        self.stdin.read_all(&self.budget, &self.sys).await
    }

    /// Sleeps until `deadline`: waiting for time resets the budget.
    pub async fn sleep_until(&self, deadline: Nanos) {
        self.budget.reset();
        sleep_until(&self.sys, deadline).await;
        self.budget.reset();
    }

    /// Reads a file (an operand; `-` is standard input) for programs such as `cat` and
    /// `grep`: its bytes, or the errno.
    pub async fn read_operand(&self, name: &str) -> Result<Vec<u8>, super::fs::Errno> {
        if name == "-" {
            return Ok(self.read_stdin().await);
        }
        let path = self.path(name);
        if path == "/dev/null" {
            return Ok(Vec::new());
        }
        if path == "/dev/stdin" {
            return Ok(self.read_stdin().await);
        }
        let fs = self.fs.borrow();
        let st = fs.stat(&path)?;
        if !st.allows(self.cred.uid, &self.cred.all_groups(), 4) {
            return Err(super::fs::Errno::EACCES);
        }
        fs.read(&path)
    }
}

/// The programs a machine can run, by exec name, and the sockets of the machines that
/// share them (one daemon's containers).
#[derive(Default)]
pub struct Registry {
    programs: BTreeMap<String, Rc<dyn Program>>,
    scripts: Vec<(&'static str, String)>,
    /// Every container's listening sockets.
    pub sockets: super::sockets::Hub,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.programs.keys()).finish()
    }
}

impl Registry {
    /// No programs.
    pub fn empty() -> Registry {
        Registry::default()
    }

    /// The shells, coreutils and busybox.
    pub fn standard() -> Registry {
        let mut r = Registry::empty();
        super::programs::register_all(&mut r);
        r
    }

    /// Adds (or replaces) a program under its exec name.
    pub fn register(&mut self, name: &str, program: Rc<dyn Program>) {
        self.programs.insert(name.to_owned(), program);
    }

    /// The program with that exec name.
    pub fn get(&self, name: &str) -> Option<Rc<dyn Program>> {
        self.programs.get(name).cloned()
    }

    /// Runs a `#!` script whose text contains `marker` as the program `name` instead (an
    /// image's entrypoint script that Berth carries out natively).
    pub fn register_script(&mut self, marker: &'static str, name: &str) {
        self.scripts.push((marker, name.to_owned()));
    }

    /// The exec name standing in for a script with this text, if any.
    pub fn script(&self, text: &[u8]) -> Option<&str> {
        self.scripts
            .iter()
            .find(|(m, _)| text.windows(m.len()).any(|w| w == m.as_bytes()))
            .map(|(_, n)| n.as_str())
    }

    /// Every exec name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.programs.keys().map(String::as_str)
    }
}
