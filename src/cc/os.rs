//! The world a running C program sees: the [`Os`] trait (files, sockets, time, signals over
//! integer descriptors), and [`MemOs`], an in-memory implementation with a loopback network
//! ([`MemNet`]) so two programs can talk to each other in a test.

use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::rc::Rc;

/// A Linux error number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub i32);

#[allow(missing_docs)] // reason: the names are the standard errno names
impl Errno {
    pub const EPERM: Errno = Errno(1);
    pub const ENOENT: Errno = Errno(2);
    pub const EINTR: Errno = Errno(4);
    pub const EIO: Errno = Errno(5);
    pub const EBADF: Errno = Errno(9);
    /// Also "would block": the machine waits and retries the call.
    pub const EAGAIN: Errno = Errno(11);
    pub const ENOMEM: Errno = Errno(12);
    pub const EACCES: Errno = Errno(13);
    pub const EFAULT: Errno = Errno(14);
    pub const EEXIST: Errno = Errno(17);
    pub const EINVAL: Errno = Errno(22);
    pub const EMFILE: Errno = Errno(24);
    pub const ENOTTY: Errno = Errno(25);
    pub const EPIPE: Errno = Errno(32);
    pub const ENOTSOCK: Errno = Errno(88);
    pub const EDESTADDRREQ: Errno = Errno(89);
    pub const EPROTONOSUPPORT: Errno = Errno(93);
    pub const EOPNOTSUPP: Errno = Errno(95);
    pub const EAFNOSUPPORT: Errno = Errno(97);
    pub const EADDRINUSE: Errno = Errno(98);
    pub const EADDRNOTAVAIL: Errno = Errno(99);
    pub const ENETUNREACH: Errno = Errno(101);
    pub const ECONNRESET: Errno = Errno(104);
    pub const EISCONN: Errno = Errno(106);
    pub const ENOTCONN: Errno = Errno(107);
    pub const ETIMEDOUT: Errno = Errno(110);
    pub const ECONNREFUSED: Errno = Errno(111);
    pub const EHOSTUNREACH: Errno = Errno(113);
    /// The name of "would block".
    pub const WOULD_BLOCK: Errno = Errno::EAGAIN;

    /// glibc's `strerror` text.
    pub fn message(self) -> String {
        let s = match self.0 {
            0 => "Success",
            1 => "Operation not permitted",
            2 => "No such file or directory",
            4 => "Interrupted system call",
            5 => "Input/output error",
            9 => "Bad file descriptor",
            11 => "Resource temporarily unavailable",
            12 => "Cannot allocate memory",
            13 => "Permission denied",
            14 => "Bad address",
            17 => "File exists",
            22 => "Invalid argument",
            24 => "Too many open files",
            25 => "Inappropriate ioctl for device",
            32 => "Broken pipe",
            34 => "Numerical result out of range",
            88 => "Socket operation on non-socket",
            89 => "Destination address required",
            93 => "Protocol not supported",
            95 => "Operation not supported",
            97 => "Address family not supported by protocol",
            98 => "Address already in use",
            99 => "Cannot assign requested address",
            101 => "Network is unreachable",
            103 => "Software caused connection abort",
            104 => "Connection reset by peer",
            106 => "Transport endpoint is already connected",
            107 => "Transport endpoint is not connected",
            110 => "Connection timed out",
            111 => "Connection refused",
            113 => "No route to host",
            115 => "Operation now in progress",
            n => return format!("Unknown error {n}"),
        };
        s.to_owned()
    }
}

/// What `select`/`poll` may learn about a descriptor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    /// A read would not block (data, a pending connection, or end of file).
    pub readable: bool,
    /// A write would not block.
    pub writable: bool,
    /// The descriptor is not open.
    pub invalid: bool,
}

/// Everything outside the program. Calls that would block return `Err(Errno::EAGAIN)`;
/// the machine then stops with `RunState::Blocked` and repeats the call on the next run.
pub trait Os {
    /// `write(2)`.
    fn write(&mut self, fd: i32, data: &[u8]) -> Result<usize, Errno>;
    /// `read(2)`: an empty vector is end of file.
    fn read(&mut self, fd: i32, max: usize) -> Result<Vec<u8>, Errno>;
    /// `close(2)`.
    fn close(&mut self, fd: i32) -> Result<(), Errno>;
    /// `open(2)` of a file; the default has no files.
    fn open(&mut self, _path: &str, _flags: i32, _mode: u32) -> Result<i32, Errno> {
        Err(Errno::ENOENT)
    }
    /// `unlink(2)`.
    fn unlink(&mut self, _path: &str) -> Result<(), Errno> {
        Err(Errno::ENOENT)
    }
    /// Whether the descriptor is a terminal (stdout is then line-buffered).
    fn isatty(&mut self, _fd: i32) -> bool {
        false
    }
    /// `socket(2)`.
    fn socket(&mut self, domain: i32, ty: i32, protocol: i32) -> Result<i32, Errno>;
    /// `bind(2)`.
    fn bind(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno>;
    /// `listen(2)`.
    fn listen(&mut self, fd: i32, backlog: i32) -> Result<(), Errno>;
    /// `accept(2)`: the new descriptor and the peer's address.
    fn accept(&mut self, fd: i32) -> Result<(i32, SocketAddrV4), Errno>;
    /// `connect(2)`.
    fn connect(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno>;
    /// `send(2)`.
    fn send(&mut self, fd: i32, data: &[u8], _flags: i32) -> Result<usize, Errno> {
        self.write(fd, data)
    }
    /// `recv(2)`.
    fn recv(&mut self, fd: i32, max: usize, _flags: i32) -> Result<Vec<u8>, Errno> {
        self.read(fd, max)
    }
    /// `sendto(2)`: with an address for datagram sockets; the default ignores it.
    fn sendto(
        &mut self,
        fd: i32,
        data: &[u8],
        flags: i32,
        _to: Option<SocketAddrV4>,
    ) -> Result<usize, Errno> {
        self.send(fd, data, flags)
    }
    /// `recvfrom(2)`: the bytes and the sender; the default asks `getpeername`.
    fn recvfrom(
        &mut self,
        fd: i32,
        max: usize,
        flags: i32,
    ) -> Result<(Vec<u8>, Option<SocketAddrV4>), Errno> {
        let b = self.recv(fd, max, flags)?;
        Ok((b, self.getpeername(fd).ok()))
    }
    /// `setsockopt(2)`.
    fn setsockopt(
        &mut self,
        _fd: i32,
        _level: i32,
        _name: i32,
        _value: &[u8],
    ) -> Result<(), Errno> {
        Ok(())
    }
    /// `getsockopt(2)`: the option's bytes.
    fn getsockopt(&mut self, _fd: i32, _level: i32, _name: i32) -> Result<Vec<u8>, Errno> {
        Ok(0i32.to_le_bytes().to_vec())
    }
    /// `shutdown(2)`.
    fn shutdown(&mut self, fd: i32, how: i32) -> Result<(), Errno>;
    /// `getsockname(2)`.
    fn getsockname(&mut self, fd: i32) -> Result<SocketAddrV4, Errno>;
    /// `getpeername(2)`.
    fn getpeername(&mut self, fd: i32) -> Result<SocketAddrV4, Errno>;
    /// Readiness of a descriptor, for `select` and `poll`.
    fn poll(&mut self, fd: i32) -> Readiness;
    /// Looks a host name up (`gethostbyname`, `getaddrinfo`).
    fn resolve(&mut self, host: &str) -> Option<[u8; 4]>;
    /// The machine's host name.
    fn hostname(&mut self) -> String {
        "localhost".to_owned()
    }
    /// Nanoseconds since the Unix epoch.
    fn now(&mut self) -> i64;
    /// Returns `Err(EAGAIN)` until `deadline` (nanoseconds since the epoch) has passed.
    fn sleep_until(&mut self, deadline: i64) -> Result<(), Errno> {
        if self.now() >= deadline {
            Ok(())
        } else {
            Err(Errno::EAGAIN)
        }
    }
    /// A signal sent to the process (Ctrl-C is 2), taken once.
    fn pending_signal(&mut self) -> Option<i32>;
    /// The process is exiting with this status.
    fn exit(&mut self, _status: i32) {}
    /// The process id.
    fn getpid(&mut self) -> i32 {
        1
    }
}

// ----- the in-memory world -----

#[derive(Debug)]
struct Conn {
    /// Bytes flowing to side 0 and to side 1.
    queues: [VecDeque<u8>; 2],
    /// Side n has closed (or shut down writing).
    write_closed: [bool; 2],
    /// Side n has closed entirely.
    closed: [bool; 2],
    addrs: [SocketAddrV4; 2],
}

#[derive(Debug)]
struct Listener {
    host: usize,
    addr: SocketAddrV4,
    pending: VecDeque<usize>,
    open: bool,
}

#[derive(Debug, Default)]
struct NetInner {
    now: i64,
    hosts: Vec<(String, [u8; 4])>,
    listeners: Vec<Listener>,
    conns: Vec<Conn>,
    next_port: u16,
}

/// A loopback network shared by several [`MemOs`] hosts, with a manual clock.
#[derive(Clone, Debug, Default)]
pub struct MemNet {
    inner: Rc<RefCell<NetInner>>,
}

impl MemNet {
    /// A network whose clock starts at `now`.
    pub fn new(now: i64) -> MemNet {
        let net = MemNet::default();
        net.inner.borrow_mut().now = now;
        net.inner.borrow_mut().next_port = 40000;
        net
    }

    /// Adds a host by name and address; returns its world.
    pub fn host(&self, name: &str, ip: [u8; 4]) -> MemOs {
        let host = {
            let mut n = self.inner.borrow_mut();
            n.hosts.push((name.to_owned(), ip));
            n.hosts.len() - 1
        };
        MemOs {
            net: self.clone(),
            host,
            ip,
            fds: BTreeMap::new(),
            stdin: VecDeque::new(),
            stdin_eof: true,
            stdout: Vec::new(),
            stderr: Vec::new(),
            signal: None,
            tty: false,
            exit_status: None,
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: i64) {
        self.inner.borrow_mut().now += by;
    }

    /// The current time.
    pub fn now(&self) -> i64 {
        self.inner.borrow().now
    }
}

#[derive(Debug, Clone)]
enum Fd {
    Stdin,
    Stdout,
    Stderr,
    Socket { bound: Option<SocketAddrV4> },
    Listening(usize),
    Conn(usize, usize),
}

/// One process's world on a [`MemNet`]: standard streams in memory, sockets on the net.
#[derive(Debug)]
pub struct MemOs {
    net: MemNet,
    host: usize,
    ip: [u8; 4],
    fds: BTreeMap<i32, Fd>,
    stdin: VecDeque<u8>,
    stdin_eof: bool,
    /// Everything written to fd 1.
    pub stdout: Vec<u8>,
    /// Everything written to fd 2.
    pub stderr: Vec<u8>,
    signal: Option<i32>,
    /// Whether fds 0–2 count as a terminal.
    pub tty: bool,
    /// The status the program exited with.
    pub exit_status: Option<i32>,
}

impl MemOs {
    /// A world alone on its own network, with `stdin` as standard input (then end of file).
    pub fn with_stdin(stdin: &[u8]) -> MemOs {
        let net = MemNet::new(1_795_856_400_000_000_000);
        let mut os = net.host("localhost", [127, 0, 0, 1]);
        os.set_stdin(stdin, true);
        os
    }

    /// Another process on the same host (sharing its loopback address and ports).
    pub fn sibling(&self) -> MemOs {
        MemOs {
            net: self.net.clone(),
            host: self.host,
            ip: self.ip,
            fds: BTreeMap::new(),
            stdin: VecDeque::new(),
            stdin_eof: true,
            stdout: Vec::new(),
            stderr: Vec::new(),
            signal: None,
            tty: false,
            exit_status: None,
        }
    }

    /// Replaces what standard input holds; `eof` says whether more may come.
    pub fn set_stdin(&mut self, bytes: &[u8], eof: bool) {
        self.stdin = bytes.iter().copied().collect();
        self.stdin_eof = eof;
        self.open_std();
    }

    /// Adds bytes to standard input (typing at the terminal).
    pub fn type_input(&mut self, bytes: &[u8]) {
        self.stdin.extend(bytes.iter().copied());
        self.open_std();
    }

    /// Closes standard input's writer (Ctrl-D).
    pub fn end_input(&mut self) {
        self.stdin_eof = true;
    }

    /// Sends a signal (Ctrl-C is 2).
    pub fn kill(&mut self, sig: i32) {
        self.signal = Some(sig);
    }

    fn open_std(&mut self) {
        self.fds.entry(0).or_insert(Fd::Stdin);
        self.fds.entry(1).or_insert(Fd::Stdout);
        self.fds.entry(2).or_insert(Fd::Stderr);
    }

    fn new_fd(&mut self, f: Fd) -> i32 {
        self.open_std();
        let mut n = 3;
        while self.fds.contains_key(&n) {
            n += 1;
        }
        self.fds.insert(n, f);
        n
    }

    fn fd(&self, fd: i32) -> Result<Fd, Errno> {
        match self.fds.get(&fd) {
            Some(f) => Ok(f.clone()),
            None if (0..3).contains(&fd) => {
                Ok([Fd::Stdin, Fd::Stdout, Fd::Stderr][fd as usize].clone())
            }
            None => Err(Errno::EBADF),
        }
    }

    fn is_local(&self, ip: [u8; 4]) -> bool {
        ip[0] == 127 || ip == self.ip || ip == [0, 0, 0, 0]
    }
}

impl Os for MemOs {
    fn write(&mut self, fd: i32, data: &[u8]) -> Result<usize, Errno> {
        match self.fd(fd)? {
            Fd::Stdout => self.stdout.extend_from_slice(data),
            Fd::Stderr => self.stderr.extend_from_slice(data),
            Fd::Conn(c, side) => {
                let mut n = self.net.inner.borrow_mut();
                let conn = n.conns.get_mut(c).ok_or(Errno::EBADF)?;
                if conn.write_closed[side] {
                    return Err(Errno::EPIPE);
                }
                if conn.closed[1 - side] {
                    return Err(Errno::EPIPE);
                }
                conn.queues[1 - side].extend(data.iter().copied());
            }
            Fd::Stdin => return Err(Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening(_) => return Err(Errno::ENOTCONN),
        }
        Ok(data.len())
    }

    fn read(&mut self, fd: i32, max: usize) -> Result<Vec<u8>, Errno> {
        match self.fd(fd)? {
            Fd::Stdin => {
                if self.stdin.is_empty() {
                    return if self.stdin_eof {
                        Ok(Vec::new())
                    } else {
                        Err(Errno::EAGAIN)
                    };
                }
                // A terminal hands over one line at a time.
                let mut out = Vec::new();
                while out.len() < max {
                    let Some(b) = self.stdin.pop_front() else {
                        break;
                    };
                    out.push(b);
                    if b == b'\n' {
                        break;
                    }
                }
                Ok(out)
            }
            Fd::Conn(c, side) => {
                let mut n = self.net.inner.borrow_mut();
                let conn = n.conns.get_mut(c).ok_or(Errno::EBADF)?;
                let q = &mut conn.queues[side];
                if q.is_empty() {
                    return if conn.write_closed[1 - side] {
                        Ok(Vec::new())
                    } else {
                        Err(Errno::EAGAIN)
                    };
                }
                let k = max.min(q.len());
                Ok(q.drain(..k).collect())
            }
            Fd::Stdout | Fd::Stderr => Err(Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening(_) => Err(Errno::ENOTCONN),
        }
    }

    fn close(&mut self, fd: i32) -> Result<(), Errno> {
        let f = self.fd(fd)?;
        self.fds.remove(&fd);
        let mut n = self.net.inner.borrow_mut();
        match f {
            Fd::Conn(c, side) => {
                if let Some(conn) = n.conns.get_mut(c) {
                    conn.closed[side] = true;
                    conn.write_closed[side] = true;
                }
            }
            Fd::Listening(l) => {
                if let Some(l) = n.listeners.get_mut(l) {
                    l.open = false;
                }
            }
            _ => {}
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
        Ok(self.new_fd(Fd::Socket { bound: None }))
    }

    fn bind(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno> {
        match self.fd(fd)? {
            Fd::Socket { .. } => {}
            _ => return Err(Errno::EINVAL),
        }
        let ip = addr.ip().octets();
        if !self.is_local(ip) {
            return Err(Errno::EADDRNOTAVAIL);
        }
        let n = self.net.inner.borrow();
        let busy = n
            .listeners
            .iter()
            .any(|l| l.open && l.host == self.host && l.addr.port() == addr.port());
        drop(n);
        if busy {
            return Err(Errno::EADDRINUSE);
        }
        self.fds.insert(fd, Fd::Socket { bound: Some(addr) });
        Ok(())
    }

    fn listen(&mut self, fd: i32, _backlog: i32) -> Result<(), Errno> {
        let addr = match self.fd(fd)? {
            Fd::Socket { bound } => bound.unwrap_or_else(|| {
                let mut n = self.net.inner.borrow_mut();
                n.next_port = n.next_port.wrapping_add(1).max(32768);
                SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, n.next_port)
            }),
            Fd::Listening(_) => return Ok(()),
            _ => return Err(Errno::EINVAL),
        };
        let mut n = self.net.inner.borrow_mut();
        if n.listeners
            .iter()
            .any(|l| l.open && l.host == self.host && l.addr.port() == addr.port())
        {
            return Err(Errno::EADDRINUSE);
        }
        n.listeners.push(Listener {
            host: self.host,
            addr,
            pending: VecDeque::new(),
            open: true,
        });
        let id = n.listeners.len() - 1;
        drop(n);
        self.fds.insert(fd, Fd::Listening(id));
        Ok(())
    }

    fn accept(&mut self, fd: i32) -> Result<(i32, SocketAddrV4), Errno> {
        let Fd::Listening(l) = self.fd(fd)? else {
            return Err(Errno::EINVAL);
        };
        let mut n = self.net.inner.borrow_mut();
        let c = n
            .listeners
            .get_mut(l)
            .and_then(|l| l.pending.pop_front())
            .ok_or(Errno::EAGAIN)?;
        let peer = n.conns.get(c).map(|c| c.addrs[0]).ok_or(Errno::EINVAL)?;
        drop(n);
        let nfd = self.new_fd(Fd::Conn(c, 1));
        Ok((nfd, peer))
    }

    fn connect(&mut self, fd: i32, addr: SocketAddrV4) -> Result<(), Errno> {
        match self.fd(fd)? {
            Fd::Socket { .. } => {}
            Fd::Conn(..) => return Err(Errno::EISCONN),
            _ => return Err(Errno::EINVAL),
        }
        let ip = addr.ip().octets();
        let mut n = self.net.inner.borrow_mut();
        let target_host = if ip[0] == 127 || ip == [0, 0, 0, 0] {
            Some(self.host)
        } else {
            n.hosts.iter().position(|h| h.1 == ip)
        };
        let Some(th) = target_host else {
            return Err(Errno::ETIMEDOUT);
        };
        let Some(li) = n.listeners.iter().position(|l| {
            l.open
                && l.host == th
                && l.addr.port() == addr.port()
                && (l.addr.ip().is_unspecified()
                    || l.addr.ip().octets() == ip
                    || ip[0] == 127 && l.addr.ip().octets()[0] == 127)
        }) else {
            return Err(Errno::ECONNREFUSED);
        };
        n.next_port = n.next_port.wrapping_add(1).max(32768);
        let local = SocketAddrV4::new(
            Ipv4Addr::from(if ip[0] == 127 {
                [127, 0, 0, 1]
            } else {
                self.ip
            }),
            n.next_port,
        );
        n.conns.push(Conn {
            queues: Default::default(),
            write_closed: [false; 2],
            closed: [false; 2],
            addrs: [local, addr],
        });
        let c = n.conns.len() - 1;
        n.listeners[li].pending.push_back(c);
        drop(n);
        self.fds.insert(fd, Fd::Conn(c, 0));
        Ok(())
    }

    fn shutdown(&mut self, fd: i32, how: i32) -> Result<(), Errno> {
        let Fd::Conn(c, side) = self.fd(fd)? else {
            return Err(Errno::ENOTCONN);
        };
        if how >= 1 {
            if let Some(conn) = self.net.inner.borrow_mut().conns.get_mut(c) {
                conn.write_closed[side] = true;
            }
        }
        Ok(())
    }

    fn getsockname(&mut self, fd: i32) -> Result<SocketAddrV4, Errno> {
        match self.fd(fd)? {
            Fd::Socket { bound } => {
                Ok(bound.unwrap_or(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)))
            }
            Fd::Listening(l) => self
                .net
                .inner
                .borrow()
                .listeners
                .get(l)
                .map(|l| l.addr)
                .ok_or(Errno::EBADF),
            Fd::Conn(c, side) => self
                .net
                .inner
                .borrow()
                .conns
                .get(c)
                .map(|c| c.addrs[side])
                .ok_or(Errno::EBADF),
            _ => Err(Errno::ENOTSOCK),
        }
    }

    fn getpeername(&mut self, fd: i32) -> Result<SocketAddrV4, Errno> {
        match self.fd(fd)? {
            Fd::Conn(c, side) => self
                .net
                .inner
                .borrow()
                .conns
                .get(c)
                .map(|c| c.addrs[1 - side])
                .ok_or(Errno::EBADF),
            Fd::Socket { .. } | Fd::Listening(_) => Err(Errno::ENOTCONN),
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
        let n = self.net.inner.borrow();
        match f {
            Fd::Stdin => Readiness {
                readable: !self.stdin.is_empty() || self.stdin_eof,
                writable: false,
                invalid: false,
            },
            Fd::Stdout | Fd::Stderr => Readiness {
                readable: false,
                writable: true,
                invalid: false,
            },
            Fd::Listening(l) => Readiness {
                readable: n.listeners.get(l).is_some_and(|l| !l.pending.is_empty()),
                writable: false,
                invalid: false,
            },
            Fd::Conn(c, side) => {
                let r = n
                    .conns
                    .get(c)
                    .is_some_and(|c| !c.queues[side].is_empty() || c.write_closed[1 - side]);
                Readiness {
                    readable: r,
                    writable: true,
                    invalid: false,
                }
            }
            Fd::Socket { .. } => Readiness::default(),
        }
    }

    fn resolve(&mut self, host: &str) -> Option<[u8; 4]> {
        if host == "localhost" {
            return Some([127, 0, 0, 1]);
        }
        if let Ok(ip) = host.parse::<Ipv4Addr>() {
            return Some(ip.octets());
        }
        self.net
            .inner
            .borrow()
            .hosts
            .iter()
            .find(|h| h.0 == host)
            .map(|h| h.1)
    }

    fn hostname(&mut self) -> String {
        self.net
            .inner
            .borrow()
            .hosts
            .get(self.host)
            .map(|h| h.0.clone())
            .unwrap_or_default()
    }

    fn now(&mut self) -> i64 {
        self.net.now()
    }

    fn pending_signal(&mut self) -> Option<i32> {
        self.signal.take()
    }

    fn exit(&mut self, status: i32) {
        self.exit_status = Some(status);
    }
}
