//! A machine to run shell scripts on: an in-memory filesystem laid out like a Debian image
//! (or an Alpine one, with busybox), a kernel, and functions that run a script to its end.

use std::cell::RefCell;
use std::rc::Rc;

use crate::kernel::terminal::{Terminal, Tty};
use crate::kernel::{Input, Kernel, Sink};
use crate::output::Stream;
use crate::ports::{ManualClock, Nanos, SECOND};
use crate::shell::exec::binary;
use crate::shell::fs::FileKind;
use crate::shell::io::Stdin;
use crate::shell::memfs::MemFs;
use crate::shell::process::run_main;
use crate::shell::program::{Machine, Proc};

/// The clock every test starts at: 2026-11-28 09:00:00 UTC.
pub const T0: Nanos = ManualClock::DEFAULT_START;

/// The container id of the test machine.
pub const ID: &str = "3f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";

const GNU: &[&str] = &[
    "ls", "cat", "echo", "printf", "pwd", "mkdir", "rm", "rmdir", "cp", "mv", "touch", "ln",
    "chmod", "chown", "head", "tail", "grep", "wc", "sort", "uniq", "cut", "tr", "sed", "find",
    "env", "printenv", "hostname", "whoami", "id", "uname", "ps", "kill", "sleep", "date", "df",
    "du", "clear", "which", "true", "false", "yes", "seq", "basename", "dirname", "tee", "stat",
    "test", "[", "more", "less",
];

/// A Debian-like filesystem: bash, dash as `/bin/sh`, coreutils in `/usr/bin` (with `/bin`
/// a symlink to it).
pub fn debian() -> MemFs {
    let mut fs = base();
    fs.add_symlink("/bin", "usr/bin");
    fs.add_file("/usr/bin/bash", &binary("bash"), 0o755);
    fs.add_file("/usr/bin/dash", &binary("dash"), 0o755);
    fs.add_symlink("/usr/bin/sh", "dash");
    for p in GNU {
        fs.add_file(&format!("/usr/bin/{p}"), &binary(p), 0o755);
    }
    fs
}

/// An Alpine-like filesystem: busybox with its applets as symlinks.
pub fn alpine() -> MemFs {
    let mut fs = base();
    fs.add_file("/bin/busybox", &binary("busybox"), 0o755);
    for a in crate::shell::programs::busybox::APPLETS {
        fs.add_symlink(&format!("/bin/{a}"), "/bin/busybox");
    }
    fs
}

fn base() -> MemFs {
    let mut fs = MemFs::new(T0 - 86_400 * SECOND);
    fs.add_file(
        "/etc/passwd",
        b"root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\napp:x:1000:1000::/home/app:/bin/sh\n",
        0o644,
    );
    fs.add_file(
        "/etc/group",
        b"root:x:0:\nnogroup:x:65534:\napp:x:1000:\n",
        0o644,
    );
    fs.add_file("/etc/hostname", b"3f4e5a6b7c8d\n", 0o644);
    fs.add_dir("/root", 0o700);
    fs.add_dir("/tmp", 0o1777);
    fs.add_dir("/home/app", 0o755);
    fs.add_dir("/usr/local/bin", 0o755);
    fs.add_special("/dev/null", FileKind::CharDevice, 0o666);
    fs
}

/// What a finished run produced.
#[derive(Debug)]
pub struct Ran {
    pub out: String,
    pub err: String,
    pub status: i32,
    pub fs: Rc<RefCell<MemFs>>,
}

/// A test machine: filesystem, kernel, clock.
pub struct Rig {
    pub fs: Rc<RefCell<MemFs>>,
    pub kernel: RefCell<Kernel>,
    pub now: Nanos,
    pub machine: Rc<Machine>,
    /// Exit statuses of tasks that finished, in order.
    pub done: Vec<i32>,
}

impl Rig {
    pub fn new(fs: MemFs) -> Rig {
        Rig {
            fs: Rc::new(RefCell::new(fs)),
            kernel: RefCell::new(Kernel::default()),
            now: T0,
            machine: Rc::new(Machine::container(ID)),
            done: Vec::new(),
        }
    }

    pub fn proc(&self, args: &[&str], stdin: Stdin, stdout: Sink, stderr: Sink) -> Proc {
        let sys = self.kernel.borrow().sys();
        let mut p = Proc::new(
            Rc::clone(&self.machine),
            self.fs.clone(),
            sys,
            args.iter().map(|s| s.to_string()).collect(),
            stdin,
            stdout,
            stderr,
        );
        p.env = vec![
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
            ("HOSTNAME".into(), "3f4e5a6b7c8d".into()),
            ("HOME".into(), "/root".into()),
        ];
        p
    }

    /// Spawns `args` (resolved like the daemon would: `args[0]` is a path) as the main
    /// process.
    pub fn spawn(&self, p: Proc) {
        let fs = self.fs.borrow();
        let path = if p.args[0].starts_with('/') {
            p.args[0].clone()
        } else {
            format!("/bin/{}", p.args[0])
        };
        let e = crate::shell::exec::resolve(
            &*fs,
            &self.machine.programs,
            &path,
            p.args.clone(),
            &p.cred,
        )
        .expect("main program");
        drop(fs);
        let mut p = p;
        p.args = e.args;
        p.style = e.style;
        self.kernel
            .borrow_mut()
            .spawn(Box::pin(run_main(p, e.program)));
    }

    /// Runs the kernel until every task ends, advancing the clock to each wake-up; gives up
    /// (returning `None`) when nothing is left to wake it.
    pub fn run_to_end(&mut self) -> Option<i32> {
        for _ in 0..10_000 {
            self.tick();
            if self.kernel.borrow().task_count() == 0 {
                return self.done.last().copied();
            }
            match self.kernel.borrow().next_deadline() {
                Some(d) if d > self.now => self.now = d,
                _ => {}
            }
        }
        None
    }

    /// One scheduling pass at the current time.
    pub fn tick(&mut self) {
        for (_, code) in Kernel::run(&self.kernel, self.now) {
            self.done.push(code);
        }
    }
}

/// Runs `script` with `shell -c` on `fs` with empty standard input.
pub fn run_with(fs: MemFs, shell: &str, script: &str) -> Ran {
    let mut rig = Rig::new(fs);
    let out = Rc::new(RefCell::new(Vec::new()));
    let err = Rc::new(RefCell::new(Vec::new()));
    let p = rig.proc(
        &[shell, "-c", script],
        Stdin::null(),
        Sink::Capture(Rc::clone(&out)),
        Sink::Capture(Rc::clone(&err)),
    );
    rig.spawn(p);
    let status = rig.run_to_end().unwrap_or(-1);
    let text = |b: &Rc<RefCell<Vec<u8>>>| String::from_utf8_lossy(&b.borrow()).into_owned();
    Ran {
        out: text(&out),
        err: text(&err),
        status,
        fs: rig.fs,
    }
}

/// An interactive session on a terminal.
pub struct Session {
    pub rig: Rig,
    pub tty: Tty,
}

impl Session {
    pub fn start(fs: MemFs, shell: &str) -> Session {
        let rig = Rig::new(fs);
        let tty = Terminal::new_shared();
        let mut p = rig.proc(
            &[shell],
            Stdin::new(Input::Tty(Rc::clone(&tty))),
            Sink::Tty(Rc::clone(&tty), Stream::Stdout),
            Sink::Tty(Rc::clone(&tty), Stream::Stderr),
        );
        p.cwd = "/".into();
        rig.spawn(p);
        let mut s = Session { rig, tty };
        s.rig.tick();
        s
    }

    /// The prompt the terminal waits with.
    pub fn prompt(&self) -> Option<String> {
        self.tty.borrow().waiting_prompt().map(str::to_owned)
    }

    /// Types a line and runs until the shell waits again; returns what was shown.
    pub fn line(&mut self, l: &str) -> String {
        self.tty.borrow_mut().type_line(l);
        self.settle()
    }

    pub fn settle(&mut self) -> String {
        self.rig.tick();
        self.tty.borrow_mut().take_output().text()
    }
}

/// Runs `f` on a thread with a large stack: a debug build's futures take ten times the
/// stack of a release build's, and the nesting limits are set for release.
pub fn big_stack(f: impl FnOnce() + Send + 'static) {
    #[allow(clippy::disallowed_methods)] // Tests only: the engine itself never spawns threads.
    let h = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .expect("thread");
    if let Err(e) = h.join() {
        std::panic::resume_unwind(e);
    }
}
