//! The gcc exercise's programs: `gcc`/`cc`, `make` and `cmake` over the container's files
//! (through [`crate::cc::driver::Host`]), and the compiled C programs themselves
//! (exec name `c-program`), run by [`crate::cc::Machine`] a slice of instructions at a
//! time, with their sockets in the container's [`crate::shell::sockets`] table.

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::rc::Rc;

use crate::cc::driver::{FsError, Host};
use crate::cc::make::{builtin_command, split_words, Make, MakeStep};
use crate::cc::{Errno, Machine, Os, Readiness, RunState, Style};
use crate::kernel::{signal, yield_now, Sys};
use crate::shell::exec::{lookup, run_argv};
use crate::shell::fs::{resolve, Errno as FsErrno, FileKind, ShellFs};
use crate::shell::program::{Machine as Host_, Proc, Program};
use crate::shell::sockets::{
    route, Addr, Backlog, ConnRef, ConnectError, Listening, Route, Service,
};

/// Instructions a C program runs before it yields to the page.
pub const SLICE: u64 = 200_000;

/// Which gcc's texts: gcc 5 in the course's `gcc-5.2` images, else gcc 12.
fn style(p: &Proc) -> Style {
    match p.var("GCC_VERSION") {
        Some(v) if v.starts_with('5') => Style::Gcc5,
        _ => Style::Gcc12,
    }
}

/// The container's files, the working directory and buffered output, as the compiler
/// commands see them.
struct ProcHost {
    fs: Rc<RefCell<dyn ShellFs>>,
    cwd: String,
    umask: u32,
    out: Vec<(bool, String)>,
}

impl ProcHost {
    fn new(p: &Proc) -> ProcHost {
        ProcHost {
            fs: Rc::clone(&p.fs),
            cwd: p.cwd.clone(),
            umask: p.umask,
            out: Vec::new(),
        }
    }

    fn path(&self, path: &str) -> String {
        resolve(&self.cwd, path)
    }

    async fn flush(&mut self, p: &Proc) {
        for (err, text) in std::mem::take(&mut self.out) {
            if err {
                p.err(text).await;
            } else {
                p.out(text).await;
            }
        }
    }
}

fn fs_error(e: FsErrno) -> FsError {
    match e {
        FsErrno::EISDIR => FsError::IsDir,
        FsErrno::EACCES => FsError::Denied,
        _ => FsError::NotFound,
    }
}

impl Host for ProcHost {
    fn read_file(&self, path: &str) -> Result<Vec<u8>, FsError> {
        self.fs.borrow().read(&self.path(path)).map_err(fs_error)
    }

    fn write_file(&mut self, path: &str, data: &[u8], executable: bool) -> Result<(), FsError> {
        let path = self.path(path);
        let mode = if executable { 0o777 } else { 0o666 } & !self.umask;
        let mut fs = self.fs.borrow_mut();
        fs.write(&path, data, mode).map_err(fs_error)?;
        if executable {
            let _ = fs.chmod(&path, mode);
        }
        Ok(())
    }

    fn mtime(&self, path: &str) -> Option<i64> {
        self.fs
            .borrow()
            .stat(&self.path(path))
            .ok()
            .map(|s| s.mtime)
    }

    fn is_dir(&self, path: &str) -> bool {
        self.fs
            .borrow()
            .stat(&self.path(path))
            .is_ok_and(|s| s.kind == FileKind::Dir)
    }

    fn list_dir(&self, path: &str) -> Vec<String> {
        let mut v = self.fs.borrow().list(&self.path(path)).unwrap_or_default();
        v.small_sort();
        v
    }

    fn create_dir_all(&mut self, path: &str) -> Result<(), FsError> {
        let path = self.path(path);
        let mut fs = self.fs.borrow_mut();
        let mut cur = String::new();
        for part in path.split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            match fs.stat(&cur) {
                Ok(st) if st.kind == FileKind::Dir => {}
                Ok(_) => return Err(FsError::NotFound),
                Err(_) => fs.mkdir(&cur, 0o777 & !self.umask).map_err(fs_error)?,
            }
        }
        Ok(())
    }

    fn cwd(&self) -> String {
        self.cwd.clone()
    }

    fn stdout(&mut self, text: &str) {
        self.out.push((false, text.to_owned()));
    }

    fn stderr(&mut self, text: &str) {
        self.out.push((true, text.to_owned()));
    }
}

async fn gcc_main(p: &mut Proc) -> i32 {
    let mut host = ProcHost::new(p);
    let status = crate::cc::driver::gcc(&p.args, &mut host, style(p));
    host.flush(p).await;
    status
}
crate::program!(Gcc, gcc_main);

async fn cmake_main(p: &mut Proc) -> i32 {
    let mut host = ProcHost::new(p);
    let status = crate::cc::cmake::cmake(&p.args, &mut host, style(p));
    host.flush(p).await;
    status
}
crate::program!(Cmake, cmake_main);

/// Whether make may run a recipe line itself: a plain compiler call.
fn compiler_line(line: &str) -> bool {
    let words = split_words(line);
    let first = words.first().map(String::as_str).unwrap_or("");
    let name = first.rsplit('/').next().unwrap_or(first);
    matches!(name, "gcc" | "cc")
        && !line.contains(['|', '>', '<', '$', '`', ';', '&', '(', '*', '?'])
}

async fn make_main(p: &mut Proc) -> i32 {
    let st = style(p);
    let mut host = ProcHost::new(p);
    let mut make = Make::start(&p.args, &mut host, st);
    let mut last = None;
    loop {
        let step = make.step(&mut host, last);
        host.flush(p).await;
        match step {
            MakeStep::Done(s) => return s,
            MakeStep::Run(line) => {
                let status = if compiler_line(&line) {
                    builtin_command(&mut host, &line, st)
                } else {
                    None
                };
                last = Some(match status {
                    Some(s) => {
                        host.flush(p).await;
                        s
                    }
                    None => run_argv(p, vec!["/bin/sh".into(), "-c".into(), line])
                        .await
                        .unwrap_or(127),
                });
                p.step().await;
            }
        }
    }
}
crate::program!(MakeProgram, make_main);

// ----- running a compiled program -----

#[derive(Clone)]
enum Fd {
    Stdin,
    Stdout,
    Stderr,
    Socket {
        bound: Option<SocketAddrV4>,
    },
    Listening {
        _guard: Rc<Listening>,
        backlog: Rc<RefCell<Backlog>>,
        addr: SocketAddrV4,
    },
    Conn(ConnRef, usize),
}

/// A C program's world inside a container: its standard streams (buffered; the runner
/// moves the bytes to and from the process's streams between slices), the container's
/// sockets, the kernel's clock and Ctrl-C.
struct ProcOs {
    machine: Rc<Host_>,
    sys: Sys,
    fds: BTreeMap<i32, Fd>,
    stdin: VecDeque<u8>,
    stdin_eof: bool,
    wants_stdin: bool,
    polls_stdin: bool,
    wake_at: Option<i64>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    tty: bool,
    signal: Option<i32>,
    pid: i32,
}

impl ProcOs {
    fn new(p: &Proc) -> ProcOs {
        let mut fds = BTreeMap::new();
        fds.insert(0, Fd::Stdin);
        fds.insert(1, Fd::Stdout);
        fds.insert(2, Fd::Stderr);
        ProcOs {
            machine: Rc::clone(&p.machine),
            sys: Rc::clone(&p.sys),
            fds,
            stdin: VecDeque::new(),
            stdin_eof: false,
            wants_stdin: false,
            polls_stdin: false,
            wake_at: None,
            stdout: Vec::new(),
            stderr: Vec::new(),
            tty: p.stdout.is_tty(),
            signal: None,
            pid: i32::try_from(p.ns_pid).unwrap_or(1),
        }
    }

    fn fd(&self, fd: i32) -> Result<Fd, Errno> {
        self.fds.get(&fd).cloned().ok_or(Errno::EBADF)
    }

    fn new_fd(&mut self, f: Fd) -> Result<i32, Errno> {
        let n = (0..1024)
            .find(|n| !self.fds.contains_key(n))
            .ok_or(Errno::EMFILE)?;
        self.fds.insert(n, f);
        Ok(n)
    }

    fn own_ip(&self) -> Ipv4Addr {
        self.machine.ip.parse().unwrap_or(Ipv4Addr::LOCALHOST)
    }

    fn table(&self) -> crate::shell::sockets::TableRef {
        let id = self.machine.container.clone().unwrap_or_default();
        self.machine.programs.sockets.table(&id)
    }
}

impl Drop for ProcOs {
    fn drop(&mut self) {
        let fds: Vec<i32> = self.fds.keys().copied().collect();
        for fd in fds {
            let _ = self.close(fd);
        }
    }
}

impl Os for ProcOs {
    fn write(&mut self, fd: i32, data: &[u8]) -> Result<usize, Errno> {
        match self.fd(fd)? {
            Fd::Stdout => self.stdout.extend_from_slice(data),
            Fd::Stderr => self.stderr.extend_from_slice(data),
            Fd::Conn(c, side) => {
                let mut c = c.try_borrow_mut().map_err(|_| Errno::EAGAIN)?;
                if c.write_closed[side] || c.closed[1 - side] {
                    return Err(Errno::EPIPE);
                }
                c.queues[1 - side].extend(data.iter().copied());
            }
            Fd::Stdin => return Err(Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening { .. } => return Err(Errno::ENOTCONN),
        }
        Ok(data.len())
    }

    fn read(&mut self, fd: i32, max: usize) -> Result<Vec<u8>, Errno> {
        match self.fd(fd)? {
            Fd::Stdin => {
                if self.stdin.is_empty() {
                    if self.stdin_eof {
                        return Ok(Vec::new());
                    }
                    self.wants_stdin = true;
                    return Err(Errno::EAGAIN);
                }
                let k = max.min(self.stdin.len());
                Ok(self.stdin.drain(..k).collect())
            }
            Fd::Conn(c, side) => {
                let mut c = c.try_borrow_mut().map_err(|_| Errno::EAGAIN)?;
                if c.queues[side].is_empty() {
                    return if c.write_closed[1 - side] {
                        Ok(Vec::new())
                    } else {
                        Err(Errno::EAGAIN)
                    };
                }
                let k = max.min(c.queues[side].len());
                Ok(c.queues[side].drain(..k).collect())
            }
            Fd::Stdout | Fd::Stderr => Err(Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening { .. } => Err(Errno::ENOTCONN),
        }
    }

    fn close(&mut self, fd: i32) -> Result<(), Errno> {
        let f = self.fds.remove(&fd).ok_or(Errno::EBADF)?;
        if let Fd::Conn(c, side) = f {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.closed[side] = true;
                c.write_closed[side] = true;
            }
        }
        Ok(())
    }

    fn isatty(&mut self, fd: i32) -> bool {
        self.tty && (0..3).contains(&fd)
    }

    fn socket(&mut self, domain: i32, ty: i32, _protocol: i32) -> Result<i32, Errno> {
        if domain != 2 {
            return Err(Errno::EAFNOSUPPORT);
        }
        if ty & 0xf != 1 {
            return Err(Errno::EPROTONOSUPPORT);
        }
        self.new_fd(Fd::Socket { bound: None })
    }

    fn bind(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno> {
        let Fd::Socket { .. } = self.fd(fd)? else {
            return Err(Errno::EINVAL);
        };
        let ip = *addr.ip();
        if !(ip.is_unspecified() || ip.octets()[0] == 127 || ip == self.own_ip()) {
            return Err(Errno::EADDRNOTAVAIL);
        }
        let busy = self
            .table()
            .try_borrow()
            .map_or(true, |t| t.service(&Addr::Tcp(addr.port())).is_some());
        if busy && addr.port() != 0 {
            return Err(Errno::EADDRINUSE);
        }
        self.fds.insert(fd, Fd::Socket { bound: Some(addr) });
        Ok(())
    }

    fn listen(&mut self, fd: i32, _backlog: i32) -> Result<(), Errno> {
        let addr = match self.fd(fd)? {
            Fd::Socket { bound } => bound,
            Fd::Listening { .. } => return Ok(()),
            _ => return Err(Errno::EINVAL),
        };
        let table = self.table();
        let addr = match addr {
            Some(a) if a.port() != 0 => a,
            other => {
                let port = table
                    .try_borrow_mut()
                    .map_err(|_| Errno::EAGAIN)?
                    .ephemeral_port();
                SocketAddrV4::new(other.map_or(Ipv4Addr::UNSPECIFIED, |a| *a.ip()), port)
            }
        };
        let backlog: Rc<RefCell<Backlog>> = Rc::default();
        let l = Listening::new(
            &table,
            Addr::Tcp(addr.port()),
            Service::Stream(Rc::clone(&backlog)),
        )
        .ok_or(Errno::EADDRINUSE)?;
        self.fds.insert(
            fd,
            Fd::Listening {
                _guard: Rc::new(l),
                backlog,
                addr,
            },
        );
        Ok(())
    }

    fn accept(&mut self, fd: i32) -> Result<(i32, SocketAddrV4), Errno> {
        let Fd::Listening { backlog, .. } = self.fd(fd)? else {
            return Err(Errno::EINVAL);
        };
        let conn = backlog
            .try_borrow_mut()
            .ok()
            .and_then(|mut b| b.pending.pop_front())
            .ok_or(Errno::EAGAIN)?;
        let peer = conn
            .try_borrow()
            .map(|c| c.addrs[0])
            .map_err(|_| Errno::EAGAIN)?;
        let nfd = self.new_fd(Fd::Conn(conn, 1))?;
        Ok((nfd, peer))
    }

    fn connect(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno> {
        match self.fd(fd)? {
            Fd::Socket { .. } => {}
            Fd::Conn(..) => return Err(Errno::EISCONN),
            _ => return Err(Errno::EINVAL),
        }
        let (table, ip) = match route(&self.machine, &addr.ip().to_string()) {
            Route::Table(t, ip) => (t, ip),
            Route::Unreachable => return Err(Errno::EHOSTUNREACH),
            Route::Unknown => return Err(Errno::ENETUNREACH),
        };
        let local_ip = if ip[0] == 127 {
            Ipv4Addr::LOCALHOST
        } else {
            self.own_ip()
        };
        let port = self
            .table()
            .try_borrow_mut()
            .map_err(|_| Errno::EAGAIN)?
            .ephemeral_port();
        let from = SocketAddrV4::new(local_ip, port);
        let conn = table
            .try_borrow_mut()
            .map_err(|_| Errno::EAGAIN)?
            .connect_stream(&Addr::Tcp(addr.port()), from);
        match conn {
            Ok(c) => {
                if let Ok(mut c) = c.try_borrow_mut() {
                    c.addrs[1] = SocketAddrV4::new(Ipv4Addr::from(ip), addr.port());
                }
                self.fds.insert(fd, Fd::Conn(c, 0));
                Ok(())
            }
            Err(ConnectError::Refused) => Err(Errno::ECONNREFUSED),
            Err(ConnectError::Reset) => Err(Errno::ECONNRESET),
        }
    }

    fn shutdown(&mut self, fd: i32, how: i32) -> Result<(), Errno> {
        let Fd::Conn(c, side) = self.fd(fd)? else {
            return Err(Errno::ENOTCONN);
        };
        if how >= 1 {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.write_closed[side] = true;
            }
        }
        Ok(())
    }

    fn getsockname(&mut self, fd: i32) -> Result<SocketAddrV4, Errno> {
        match self.fd(fd)? {
            Fd::Socket { bound } => {
                Ok(bound.unwrap_or(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)))
            }
            Fd::Listening { addr, .. } => Ok(addr),
            Fd::Conn(c, side) => c
                .try_borrow()
                .map(|c| c.addrs[side])
                .map_err(|_| Errno::EBADF),
            _ => Err(Errno::ENOTSOCK),
        }
    }

    fn getpeername(&mut self, fd: i32) -> Result<SocketAddrV4, Errno> {
        match self.fd(fd)? {
            Fd::Conn(c, side) => c
                .try_borrow()
                .map(|c| c.addrs[1 - side])
                .map_err(|_| Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening { .. } => Err(Errno::ENOTCONN),
            _ => Err(Errno::ENOTSOCK),
        }
    }

    fn poll(&mut self, fd: i32) -> Readiness {
        let Ok(f) = self.fd(fd) else {
            return Readiness {
                invalid: true,
                ..Readiness::default()
            };
        };
        match f {
            Fd::Stdin => {
                if self.stdin.is_empty() && !self.stdin_eof {
                    self.polls_stdin = true;
                }
                Readiness {
                    readable: !self.stdin.is_empty() || self.stdin_eof,
                    ..Readiness::default()
                }
            }
            Fd::Stdout | Fd::Stderr => Readiness {
                writable: true,
                ..Readiness::default()
            },
            Fd::Listening { backlog: b, .. } => Readiness {
                readable: b.try_borrow().is_ok_and(|b| !b.pending.is_empty()),
                ..Readiness::default()
            },
            Fd::Conn(c, side) => Readiness {
                readable: c
                    .try_borrow()
                    .is_ok_and(|c| !c.queues[side].is_empty() || c.write_closed[1 - side]),
                writable: true,
                invalid: false,
            },
            Fd::Socket { .. } => Readiness::default(),
        }
    }

    fn resolve(&mut self, host: &str) -> Option<[u8; 4]> {
        if let Ok(ip) = host.parse::<Ipv4Addr>() {
            return Some(ip.octets());
        }
        match route(&self.machine, host) {
            Route::Table(_, ip) => Some(ip),
            Route::Unknown | Route::Unreachable => None,
        }
    }

    fn hostname(&mut self) -> String {
        self.machine.hostname.clone()
    }

    fn now(&mut self) -> i64 {
        self.sys.try_borrow().map_or(0, |s| s.now())
    }

    fn sleep_until(&mut self, deadline: i64) -> Result<(), Errno> {
        if self.now() >= deadline {
            Ok(())
        } else {
            self.wake_at = Some(self.wake_at.map_or(deadline, |w| w.min(deadline)));
            Err(Errno::EAGAIN)
        }
    }

    fn pending_signal(&mut self) -> Option<i32> {
        self.signal.take()
    }

    fn getpid(&mut self) -> i32 {
        self.pid
    }
}

/// The file `argv[0]` names, as the shell found it.
fn own_path(p: &Proc) -> Option<String> {
    let a0 = p.args.first()?;
    if a0.contains('/') {
        return Some(p.path(a0));
    }
    let path = p
        .var("PATH")
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .to_owned();
    lookup(&*p.fs.borrow(), &path, &p.cwd, a0, &p.cred).ok()
}

async fn flush(p: &Proc, os: &mut ProcOs) {
    if !os.stdout.is_empty() {
        let b = std::mem::take(&mut os.stdout);
        p.out(b).await;
    }
    if !os.stderr.is_empty() {
        let b = std::mem::take(&mut os.stderr);
        p.err(b).await;
    }
}

async fn c_program_main(p: &mut Proc) -> i32 {
    let bytes = own_path(p).and_then(|path| p.fs.borrow().read(&path).ok());
    let program = bytes.map(|b| crate::cc::Program::from_bytes(&b));
    let program = match program {
        Some(Ok(prog)) => prog,
        _ => {
            let name = p.args.first().cloned().unwrap_or_default();
            p.err(format!(
                "bash: {name}: cannot execute binary file: Exec format error\n"
            ))
            .await;
            return 126;
        }
    };
    let env: Vec<String> = p.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut m = Machine::new(program, &p.args, &env);
    let mut os = ProcOs::new(p);
    let tty = p.stdin.tty();
    // A new process runs after its parent has gone on (bash prints `[1] PID` first).
    yield_now().await;
    p.signals
        .caught
        .set(p.signals.caught.get() | 1 << signal::SIGINT);
    loop {
        let ctrl_c = tty
            .as_ref()
            .is_some_and(|t| t.try_borrow_mut().is_ok_and(|mut t| t.take_interrupt()));
        if ctrl_c || p.signals.take_caught(signal::SIGINT) {
            os.signal = Some(signal::SIGINT);
        }
        os.wants_stdin = false;
        os.polls_stdin = false;
        os.wake_at = None;
        let state = m.run(SLICE, &mut os);
        flush(p, &mut os).await;
        match state {
            RunState::Exited(s) => return s,
            RunState::Signaled(_) => {
                // The waiting shell reports the signal; a container's main program has none.
                if let Some(msg) = state.shell_message().filter(|_| has_parent(p)) {
                    p.err(format!("{msg}\n")).await;
                }
                return state.status().unwrap_or(1);
            }
            RunState::Yielded => {
                p.step().await;
                yield_now().await;
            }
            RunState::Blocked => {
                p.budget.reset();
                if let Some(at) = os.wake_at {
                    p.sleep_until(at).await;
                } else if os.wants_stdin && os.stdin.is_empty() && !os.stdin_eof {
                    match p.stdin.read_chunk(&p.budget, &p.sys).await {
                        Some(b) => os.stdin.extend(b),
                        None => os.stdin_eof = true,
                    }
                } else {
                    if os.polls_stdin {
                        match p.stdin.try_read_chunk() {
                            Some(Some(b)) => os.stdin.extend(b),
                            Some(None) => os.stdin_eof = true,
                            None => {}
                        }
                    }
                    yield_now().await;
                }
            }
        }
    }
}
crate::program!(CProgram, c_program_main);

/// Whether a process of the same machine started `p` (a shell that will report how it
/// ended), rather than `p` being the container's main program or a `docker exec`.
fn has_parent(p: &Proc) -> bool {
    let Ok(sys) = p.sys.try_borrow() else {
        return true;
    };
    let procs = sys.procs();
    let Some(me) = procs.get(&p.pid) else {
        return p.ns_pid != 1;
    };
    procs
        .get(&me.ppid)
        .is_some_and(|parent| parent.container == me.container)
}

/// The programs of this file under their exec names.
pub fn programs() -> Vec<(&'static str, Rc<dyn Program>)> {
    vec![
        ("gcc", Rc::new(Gcc)),
        ("cc", Rc::new(Gcc)),
        ("make", Rc::new(MakeProgram)),
        ("cmake", Rc::new(Cmake)),
        ("c-program", Rc::new(CProgram)),
    ]
}
