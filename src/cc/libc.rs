//! The C library the programs link against: stdio with glibc's buffering rules, stdlib,
//! string.h, ctype.h, math.h, time, signals, and BSD sockets mapped onto the [`Os`].
//!
//! Every function is written so that it can be stopped and repeated: a call that must wait
//! returns [`Native::Block`] before changing anything the program can see, and the machine
//! runs the same call again on its next run.

use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddrV4};

use super::code::Program;
use super::mem::{self, Fault, Memory, SEG_DATA, SEG_FILES};
use super::os::{Errno, Os};
use super::printf::{self, Args, Scanned, Store};
use super::vm::{FrameKind, Machine, SIGSEGV};

/// What a library call did.
pub enum Native {
    /// Returned a value.
    Ret(u64),
    /// Must wait: the machine retries the call later.
    Block,
    /// `exit(n)`.
    Exit(i32),
    /// The process dies of this signal.
    Signal(i32),
    /// Run a program function (a signal handler) and then go on after the call.
    Call {
        /// The function pointer.
        func: u64,
        /// Its argument.
        arg: u64,
        /// Why it runs.
        kind: FrameKind,
    },
}

/// Why flushing at exit could not finish.
pub enum Flush {
    /// The output would block.
    Block,
    /// Writing killed the process (SIGPIPE).
    Signal(i32),
}

const SIGABRT: i32 = 6;
const SIGPIPE: i32 = 13;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BufMode {
    Unbuffered,
    Line,
    Full,
}

#[derive(Debug)]
struct Stream {
    fd: i32,
    rbuf: VecDeque<u8>,
    wbuf: Vec<u8>,
    eof: bool,
    err: bool,
    mode: Option<BufMode>,
}

impl Stream {
    fn new(fd: i32) -> Stream {
        Stream {
            fd,
            rbuf: VecDeque::new(),
            wbuf: Vec::new(),
            eof: false,
            err: false,
            mode: None,
        }
    }
}

/// The library's own state inside a machine.
pub struct LibState {
    files: Vec<Option<Stream>>,
    errno_p: u64,
    rand: Vec<i32>,
    rand_i: usize,
    strtok_p: u64,
    /// `atexit` handlers, last registered first to run.
    pub atexit: Vec<u64>,
    handlers: Vec<u64>,
    nonblock: Vec<i32>,
    deadline: Option<i64>,
    scratch: u64,
    env: Vec<(String, u64)>,
    progname: String,
    optind_p: u64,
    optarg_p: u64,
    h_errno_p: u64,
    optpos: usize,
    /// `exit` has begun (handlers and flushing).
    pub exit_started: bool,
}

impl LibState {
    /// The library state for a freshly loaded program.
    pub fn new(prog: &Program, mem: &mut Memory, envp: &[String]) -> LibState {
        let mut env = Vec::new();
        for e in envp {
            if let Some((k, v)) = e.split_once('=') {
                let mut b = v.as_bytes().to_vec();
                b.push(0);
                env.push((k.to_owned(), mem.lib_alloc(&b)));
            }
        }
        let scratch = mem.lib_alloc(&[0u8; 512]);
        let mut files = Vec::new();
        for fd in 0..3 {
            files.push(Some(Stream::new(fd)));
        }
        if let Some(Some(s)) = files.get_mut(2) {
            s.mode = Some(BufMode::Unbuffered);
        }
        let optind_p = mem::ptr(SEG_DATA, prog.misc_off[1]);
        let _ = mem.write(optind_p, &1i32.to_le_bytes());
        let mut lib = LibState {
            files,
            errno_p: mem::ptr(SEG_DATA, prog.errno_off),
            rand: Vec::new(),
            rand_i: 0,
            strtok_p: 0,
            atexit: Vec::new(),
            handlers: vec![0; 65],
            nonblock: Vec::new(),
            deadline: None,
            scratch,
            env,
            progname: String::new(),
            optind_p,
            optarg_p: mem::ptr(SEG_DATA, prog.misc_off[0]),
            h_errno_p: mem::ptr(SEG_DATA, prog.misc_off[2]),
            optpos: 0,
            exit_started: false,
        };
        lib.srand(1);
        lib
    }

    /// Sets the name `assert` and `getopt` messages use (`argv[0]`).
    pub fn set_progname(&mut self, name: &str) {
        self.progname = name.to_owned();
    }

    /// The handler for a signal: 0 default, 1 ignore, else a function pointer.
    pub fn handler(&self, sig: i32) -> u64 {
        self.handlers.get(sig as usize).copied().unwrap_or(0)
    }

    /// glibc's `srandom_r` (TYPE_3), so `srand(n); rand()` gives glibc's numbers.
    fn srand(&mut self, seed: u32) {
        let mut r = vec![0i32; 34];
        r[0] = if seed == 0 { 1 } else { seed as i32 };
        for i in 1..31 {
            let hi = r[i - 1] as i64 / 127773;
            let lo = r[i - 1] as i64 % 127773;
            let mut word = 16807 * lo - 2836 * hi;
            if word < 0 {
                word += 2147483647;
            }
            r[i] = word as i32;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        self.rand = r;
        self.rand_i = 34;
        for _ in 0..310 {
            self.rand_next();
        }
    }

    fn rand_next(&mut self) -> i32 {
        let i = self.rand_i;
        let v = self.rand[i - 31].wrapping_add(self.rand[i - 3]);
        self.rand.push(v);
        self.rand_i += 1;
        if self.rand.len() > 4096 {
            let keep = self.rand.split_off(self.rand.len() - 34);
            self.rand = keep;
            self.rand_i = 34;
        }
        ((v as u32) >> 1) as i32
    }
}

type NFn = fn(&mut Machine, &mut dyn Os, &[u64]) -> Native;

macro_rules! natives {
    ($($name:literal => $f:expr),* $(,)?) => {
        /// Every library function, by number.
        const NATIVES: &[(&str, NFn)] = &[$(($name, $f)),*];
    };
}

/// The number of a library function, for the linker.
pub fn native_id(name: &str) -> Option<u32> {
    NATIVES
        .iter()
        .position(|(n, _)| *n == name)
        .map(|i| i as u32)
}

/// The name of library function `id`.
pub fn native_name(id: u32) -> Option<&'static str> {
    NATIVES.get(id as usize).map(|(n, _)| *n)
}

/// Calls library function `f`.
pub fn call(m: &mut Machine, os: &mut dyn Os, f: u32, a: &[u64]) -> Native {
    match NATIVES.get(f as usize) {
        Some((_, func)) => func(m, os, a),
        None => Native::Signal(SIGSEGV),
    }
}

fn arg(a: &[u64], i: usize) -> u64 {
    a.get(i).copied().unwrap_or(0)
}

fn ret_i(v: i64) -> Native {
    Native::Ret(v as u64)
}

fn seg<T>(r: Result<T, Fault>) -> Result<T, Native> {
    r.map_err(|_| Native::Signal(SIGSEGV))
}

macro_rules! tryn {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(n) => return n,
        }
    };
}

fn cstr(m: &Machine, p: u64) -> Result<Vec<u8>, Native> {
    seg(m.mem.cstr(p, 1 << 24))
}

fn set_errno(m: &mut Machine, e: Errno) {
    let p = m.lib.errno_p;
    let _ = m.mem.write(p, &e.0.to_le_bytes());
}

fn errno(m: &Machine) -> i32 {
    m.mem
        .read::<4>(m.lib.errno_p)
        .map(i32::from_le_bytes)
        .unwrap_or(0)
}

fn fail(m: &mut Machine, e: Errno) -> Native {
    set_errno(m, e);
    ret_i(-1)
}

fn nonblocking(m: &Machine, fd: i32) -> bool {
    m.lib.nonblock.contains(&fd)
}

/// A syscall result: would-block waits unless the descriptor is non-blocking.
fn sys<T>(m: &mut Machine, fd: i32, r: Result<T, Errno>, dontwait: bool) -> Result<T, Native> {
    match r {
        Ok(v) => Ok(v),
        Err(e) if e == Errno::EAGAIN && !nonblocking(m, fd) && !dontwait => Err(Native::Block),
        Err(e) => Err(fail(m, e)),
    }
}

// ----- streams -----

fn stream_index(p: u64) -> Option<usize> {
    let (s, o) = mem::split(p);
    (s == SEG_FILES as usize && o % 16 == 0).then_some(o / 16)
}

fn stream_ptr(i: usize) -> u64 {
    mem::ptr(SEG_FILES, (i * 16) as u32)
}

fn stream_of(m: &mut Machine, p: u64) -> Result<usize, Native> {
    match stream_index(p) {
        Some(i) if m.lib.files.get(i).is_some_and(|s| s.is_some()) => Ok(i),
        _ => Err(Native::Signal(SIGSEGV)),
    }
}

fn mode_of(m: &mut Machine, os: &mut dyn Os, i: usize) -> BufMode {
    let Some(Some(s)) = m.lib.files.get_mut(i) else {
        return BufMode::Full;
    };
    if let Some(md) = s.mode {
        return md;
    }
    let md = if os.isatty(s.fd) {
        BufMode::Line
    } else {
        BufMode::Full
    };
    s.mode = Some(md);
    md
}

/// Writes out a stream's buffer. Would-block keeps the rest for later.
fn flush_stream(m: &mut Machine, os: &mut dyn Os, i: usize) -> Result<(), Flush> {
    let Some(Some(s)) = m.lib.files.get_mut(i) else {
        return Ok(());
    };
    while !s.wbuf.is_empty() {
        match os.write(s.fd, &s.wbuf) {
            Ok(0) => return Err(Flush::Block),
            Ok(n) => {
                s.wbuf.drain(..n.min(s.wbuf.len()));
            }
            Err(e) if e == Errno::EAGAIN => return Err(Flush::Block),
            Err(e) if e == Errno::EPIPE => {
                s.wbuf.clear();
                s.err = true;
                if m.lib.handler(SIGPIPE) == 0 {
                    return Err(Flush::Signal(SIGPIPE));
                }
                return Ok(());
            }
            Err(_) => {
                s.wbuf.clear();
                s.err = true;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Flushes every stream (at exit).
pub fn flush_all(m: &mut Machine, os: &mut dyn Os) -> Result<(), Flush> {
    for i in 0..m.lib.files.len() {
        flush_stream(m, os, i)?;
    }
    Ok(())
}

fn stream_write(m: &mut Machine, os: &mut dyn Os, i: usize, bytes: &[u8]) -> Result<(), Native> {
    let md = mode_of(m, os, i);
    let Some(Some(s)) = m.lib.files.get_mut(i) else {
        return Err(Native::Signal(SIGSEGV));
    };
    s.wbuf.extend_from_slice(bytes);
    let now = match md {
        BufMode::Unbuffered => true,
        BufMode::Line => bytes.contains(&b'\n'),
        BufMode::Full => s.wbuf.len() >= 4096,
    };
    if now {
        match flush_stream(m, os, i) {
            Ok(()) | Err(Flush::Block) => {}
            Err(Flush::Signal(sig)) => return Err(Native::Signal(sig)),
        }
    }
    Ok(())
}

/// Reads more bytes into a stream's buffer; false at end of file or error.
fn fill(m: &mut Machine, os: &mut dyn Os, i: usize) -> Result<bool, Native> {
    let fd = match m.lib.files.get(i) {
        Some(Some(s)) => {
            if s.eof {
                return Ok(false);
            }
            s.fd
        }
        _ => return Err(Native::Signal(SIGSEGV)),
    };
    // Reading from a terminal flushes line-buffered output first (a prompt shows).
    if os.isatty(fd) {
        for k in 0..m.lib.files.len() {
            if m.lib.files[k]
                .as_ref()
                .is_some_and(|s| s.mode == Some(BufMode::Line) && !s.wbuf.is_empty())
            {
                let _ = flush_stream(m, os, k);
            }
        }
    }
    let r = os.read(fd, 4096);
    let blocking = !nonblocking(m, fd);
    let Some(Some(s)) = m.lib.files.get_mut(i) else {
        return Err(Native::Signal(SIGSEGV));
    };
    match r {
        Ok(b) if b.is_empty() => {
            s.eof = true;
            Ok(false)
        }
        Ok(b) => {
            s.rbuf.extend(b);
            Ok(true)
        }
        Err(e) if e == Errno::EAGAIN && blocking => Err(Native::Block),
        Err(e) => {
            s.err = true;
            set_errno(m, e);
            Ok(false)
        }
    }
}

fn new_stream(m: &mut Machine, fd: i32) -> u64 {
    let slot = m.lib.files.iter().position(|s| s.is_none());
    let i = match slot {
        Some(i) => {
            m.lib.files[i] = Some(Stream::new(fd));
            i
        }
        None => {
            m.lib.files.push(Some(Stream::new(fd)));
            m.lib.files.len() - 1
        }
    };
    stream_ptr(i)
}

fn rbuf_bytes(m: &Machine, i: usize) -> (Vec<u8>, bool) {
    match m.lib.files.get(i) {
        Some(Some(s)) => (s.rbuf.iter().copied().collect(), s.eof),
        _ => (Vec::new(), true),
    }
}

fn consume(m: &mut Machine, i: usize, n: usize) {
    if let Some(Some(s)) = m.lib.files.get_mut(i) {
        s.rbuf.drain(..n.min(s.rbuf.len()));
    }
}

fn apply_stores(m: &mut Machine, stores: Vec<Store>) -> Result<(), Native> {
    for st in stores {
        let r = match st {
            Store::Int(p, size, v) => m.mem.write_uint(p, size, v),
            Store::Float(p, 4, v) => m.mem.write(p, &(v as f32).to_le_bytes()),
            Store::Float(p, _, v) => m.mem.write(p, &v.to_le_bytes()),
            Store::Bytes(p, b) => m.mem.write(p, &b),
        };
        seg(r)?;
    }
    Ok(())
}

fn do_printf(m: &mut Machine, os: &mut dyn Os, stream: usize, fmt: u64, args: &mut Args) -> Native {
    let f = tryn!(cstr(m, fmt));
    let out = tryn!(seg(printf::format(&m.mem, &f, args)));
    tryn!(stream_write(m, os, stream, &out));
    ret_i(out.len() as i64)
}

fn n_printf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    do_printf(m, os, 1, arg(a, 0), &mut Args::Slots(a, 1))
}
fn n_fprintf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    do_printf(m, os, i, arg(a, 1), &mut Args::Slots(a, 2))
}
fn n_vprintf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    do_printf(m, os, 1, arg(a, 0), &mut Args::Mem(arg(a, 1)))
}
fn n_vfprintf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    do_printf(m, os, i, arg(a, 1), &mut Args::Mem(arg(a, 2)))
}
fn do_sprintf(
    m: &mut Machine,
    dst: u64,
    limit: Option<usize>,
    fmt: u64,
    args: &mut Args,
) -> Native {
    let f = tryn!(cstr(m, fmt));
    let mut out = tryn!(seg(printf::format(&m.mem, &f, args)));
    let n = out.len();
    match limit {
        Some(0) => {}
        Some(l) => {
            out.truncate(l - 1);
            out.push(0);
            tryn!(seg(m.mem.write(dst, &out)));
        }
        None => {
            out.push(0);
            tryn!(seg(m.mem.write(dst, &out)));
        }
    }
    ret_i(n as i64)
}
fn n_sprintf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    do_sprintf(m, arg(a, 0), None, arg(a, 1), &mut Args::Slots(a, 2))
}
fn n_snprintf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    do_sprintf(
        m,
        arg(a, 0),
        Some(arg(a, 1) as usize),
        arg(a, 2),
        &mut Args::Slots(a, 3),
    )
}
fn n_vsprintf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    do_sprintf(m, arg(a, 0), None, arg(a, 1), &mut Args::Mem(arg(a, 2)))
}
fn n_vsnprintf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    do_sprintf(
        m,
        arg(a, 0),
        Some(arg(a, 1) as usize),
        arg(a, 2),
        &mut Args::Mem(arg(a, 3)),
    )
}
fn n_dprintf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let f = tryn!(cstr(m, arg(a, 1)));
    let out = tryn!(seg(printf::format(&m.mem, &f, &mut Args::Slots(a, 2))));
    let fd = arg(a, 0) as i32;
    let r = os.write(fd, &out);
    let n = tryn!(sys(m, fd, r, false));
    ret_i(n as i64)
}

fn do_scanf(
    m: &mut Machine,
    os: &mut dyn Os,
    stream: usize,
    fmt: u64,
    a: &[u64],
    from: usize,
) -> Native {
    let f = tryn!(cstr(m, fmt));
    loop {
        let (input, eof) = rbuf_bytes(m, stream);
        let r = tryn!(seg(printf::scan(
            &m.mem,
            &f,
            &input,
            eof,
            &mut Args::Slots(a, from)
        )));
        match r {
            Scanned::NeedMore => {
                tryn!(fill(m, os, stream));
            }
            Scanned::Done(stores, count, used) => {
                tryn!(apply_stores(m, stores));
                consume(m, stream, used);
                return ret_i(count as i64);
            }
        }
    }
}
fn n_scanf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    do_scanf(m, os, 0, arg(a, 0), a, 1)
}
fn n_fscanf(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    do_scanf(m, os, i, arg(a, 1), a, 2)
}
fn n_sscanf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let input = tryn!(cstr(m, arg(a, 0)));
    let f = tryn!(cstr(m, arg(a, 1)));
    match tryn!(seg(printf::scan(
        &m.mem,
        &f,
        &input,
        true,
        &mut Args::Slots(a, 2)
    ))) {
        Scanned::Done(stores, count, _) => {
            tryn!(apply_stores(m, stores));
            ret_i(count as i64)
        }
        Scanned::NeedMore => ret_i(-1),
    }
}

fn n_puts(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let mut s = tryn!(cstr(m, arg(a, 0)));
    s.push(b'\n');
    tryn!(stream_write(m, os, 1, &s));
    ret_i(s.len() as i64)
}
fn n_fputs(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    let i = tryn!(stream_of(m, arg(a, 1)));
    tryn!(stream_write(m, os, i, &s));
    ret_i(s.len() as i64)
}
fn n_putchar(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(stream_write(m, os, 1, &[arg(a, 0) as u8]));
    ret_i(arg(a, 0) as u8 as i64)
}
fn n_fputc(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 1)));
    tryn!(stream_write(m, os, i, &[arg(a, 0) as u8]));
    ret_i(arg(a, 0) as u8 as i64)
}
fn getc_from(m: &mut Machine, os: &mut dyn Os, i: usize) -> Native {
    loop {
        if let Some(Some(s)) = m.lib.files.get_mut(i) {
            if let Some(b) = s.rbuf.pop_front() {
                return ret_i(b as i64);
            }
        }
        if !tryn!(fill(m, os, i)) {
            return ret_i(-1);
        }
    }
}
fn n_getchar(m: &mut Machine, os: &mut dyn Os, _: &[u64]) -> Native {
    getc_from(m, os, 0)
}
fn n_fgetc(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    getc_from(m, os, i)
}
fn n_ungetc(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let c = arg(a, 0) as i32;
    let i = tryn!(stream_of(m, arg(a, 1)));
    if c < 0 {
        return ret_i(-1);
    }
    if let Some(Some(s)) = m.lib.files.get_mut(i) {
        s.rbuf.push_front(c as u8);
        s.eof = false;
    }
    ret_i(c as u8 as i64)
}

/// Reads up to a newline (kept) or `max` bytes; `None` at end of file with nothing read.
fn read_line(
    m: &mut Machine,
    os: &mut dyn Os,
    i: usize,
    max: usize,
) -> Result<Option<Vec<u8>>, Native> {
    loop {
        let (ready, eof) = match m.lib.files.get(i) {
            Some(Some(s)) => {
                let nl = s.rbuf.iter().take(max).position(|&b| b == b'\n');
                (
                    nl.map(|p| p + 1).or((s.rbuf.len() >= max).then_some(max)),
                    s.eof,
                )
            }
            _ => return Err(Native::Signal(SIGSEGV)),
        };
        if let Some(n) = ready {
            let (b, _) = rbuf_bytes(m, i);
            consume(m, i, n);
            return Ok(Some(b[..n].to_vec()));
        }
        if eof || !fill(m, os, i)? {
            let (b, _) = rbuf_bytes(m, i);
            consume(m, i, b.len());
            return Ok(if b.is_empty() { None } else { Some(b) });
        }
    }
}

fn n_fgets(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (buf, n) = (arg(a, 0), arg(a, 1) as i32);
    let i = tryn!(stream_of(m, arg(a, 2)));
    if n <= 0 {
        return Native::Ret(0);
    }
    if n == 1 {
        tryn!(seg(m.mem.write(buf, &[0])));
        return Native::Ret(buf);
    }
    tryn!(seg(m.mem.get_mut(buf, 1)));
    match tryn!(read_line(m, os, i, n as usize - 1)) {
        None => Native::Ret(0),
        Some(mut line) => {
            line.push(0);
            tryn!(seg(m.mem.write(buf, &line)));
            Native::Ret(buf)
        }
    }
}
fn n_gets(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let buf = arg(a, 0);
    match tryn!(read_line(m, os, 0, 1 << 20)) {
        None => Native::Ret(0),
        Some(mut line) => {
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            line.push(0);
            tryn!(seg(m.mem.write(buf, &line)));
            Native::Ret(buf)
        }
    }
}
fn n_getline(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (lp, np) = (arg(a, 0), arg(a, 1));
    let i = tryn!(stream_of(m, arg(a, 2)));
    let Some(mut line) = tryn!(read_line(m, os, i, 1 << 20)) else {
        return ret_i(-1);
    };
    let n = line.len();
    line.push(0);
    let cur = u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(lp))));
    let cap = u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(np)))) as usize;
    let buf = if cur != 0 && cap >= line.len() && m.mem.is_heap_start(cur) {
        cur
    } else {
        let size = line.len().max(120);
        let Some(p) = m.mem.alloc(size) else {
            return fail(m, Errno::ENOMEM);
        };
        if cur != 0 && m.mem.is_heap_start(cur) {
            m.mem.free(cur);
        }
        tryn!(seg(m.mem.write(lp, &p.to_le_bytes())));
        tryn!(seg(m.mem.write(np, &(size as u64).to_le_bytes())));
        p
    };
    tryn!(seg(m.mem.write(buf, &line)));
    ret_i(n as i64)
}
fn n_fflush(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let r = if p == 0 {
        flush_all(m, os)
    } else {
        let i = tryn!(stream_of(m, p));
        flush_stream(m, os, i)
    };
    match r {
        Err(Flush::Signal(s)) => Native::Signal(s),
        _ => Native::Ret(0),
    }
}
fn n_fopen(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let path = tryn!(cstr(m, arg(a, 0)));
    let mode = tryn!(cstr(m, arg(a, 1)));
    let plus = mode.contains(&b'+');
    let flags = match mode.first() {
        Some(b'r') => {
            if plus {
                2
            } else {
                0
            }
        }
        Some(b'w') => (if plus { 2 } else { 1 }) | 64 | 512,
        Some(b'a') => (if plus { 2 } else { 1 }) | 64 | 1024,
        _ => return fail(m, Errno::EINVAL).map_null(),
    };
    match os.open(&String::from_utf8_lossy(&path), flags, 0o666) {
        Ok(fd) => Native::Ret(new_stream(m, fd)),
        Err(e) => {
            set_errno(m, e);
            Native::Ret(0)
        }
    }
}
fn n_fdopen(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    Native::Ret(new_stream(m, arg(a, 0) as i32))
}
fn n_fclose(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    if let Err(Flush::Signal(s)) = flush_stream(m, os, i) {
        return Native::Signal(s);
    }
    let fd = m.lib.files[i].as_ref().map_or(-1, |s| s.fd);
    m.lib.files[i] = None;
    match os.close(fd) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn n_fileno(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    ret_i(m.lib.files[i].as_ref().map_or(-1, |s| s.fd) as i64)
}
fn n_feof(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    ret_i(
        m.lib.files[i]
            .as_ref()
            .is_some_and(|s| s.eof && s.rbuf.is_empty()) as i64,
    )
}
fn n_ferror(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    ret_i(m.lib.files[i].as_ref().is_some_and(|s| s.err) as i64)
}
fn n_clearerr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    if let Some(Some(s)) = m.lib.files.get_mut(i) {
        s.err = false;
        s.eof = false;
    }
    ret_i(0)
}
fn n_perror(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let e = Errno(errno(m)).message();
    let p = arg(a, 0);
    let mut msg = Vec::new();
    if p != 0 {
        let s = tryn!(cstr(m, p));
        if !s.is_empty() {
            msg.extend_from_slice(&s);
            msg.extend_from_slice(b": ");
        }
    }
    msg.extend_from_slice(e.as_bytes());
    msg.push(b'\n');
    tryn!(stream_write(m, os, 2, &msg));
    Native::Ret(0)
}
fn n_setbuf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    if let Some(Some(s)) = m.lib.files.get_mut(i) {
        s.mode = Some(if arg(a, 1) == 0 {
            BufMode::Unbuffered
        } else {
            BufMode::Full
        });
    }
    Native::Ret(0)
}
fn n_setvbuf(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let i = tryn!(stream_of(m, arg(a, 0)));
    let md = match arg(a, 2) {
        0 => BufMode::Full,
        1 => BufMode::Line,
        _ => BufMode::Unbuffered,
    };
    if let Some(Some(s)) = m.lib.files.get_mut(i) {
        s.mode = Some(md);
    }
    ret_i(0)
}
fn n_fread(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (p, size, n) = (arg(a, 0), arg(a, 1) as usize, arg(a, 2) as usize);
    let i = tryn!(stream_of(m, arg(a, 3)));
    let Some(want) = size.checked_mul(n).filter(|w| *w <= 1 << 26) else {
        return ret_i(0);
    };
    if size == 0 {
        return ret_i(0);
    }
    tryn!(seg(m.mem.get_mut(p, want)));
    loop {
        let have = m.lib.files[i].as_ref().map_or(0, |s| s.rbuf.len());
        if have >= want || !tryn!(fill(m, os, i)) {
            break;
        }
    }
    let (b, _) = rbuf_bytes(m, i);
    let items = b.len().min(want) / size;
    let take = items * size;
    tryn!(seg(m.mem.write(p, &b[..take])));
    consume(m, i, take);
    ret_i(items as i64)
}
fn n_fwrite(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (p, size, n) = (arg(a, 0), arg(a, 1) as usize, arg(a, 2) as usize);
    let i = tryn!(stream_of(m, arg(a, 3)));
    let Some(total) = size.checked_mul(n).filter(|w| *w <= 1 << 26) else {
        return ret_i(0);
    };
    let b = tryn!(seg(m.mem.get(p, total))).to_vec();
    tryn!(stream_write(m, os, i, &b));
    ret_i(n as i64)
}
fn n_remove(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let p = tryn!(cstr(m, arg(a, 0)));
    match os.unlink(&String::from_utf8_lossy(&p)) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}

trait MapNull {
    fn map_null(self) -> Native;
}
impl MapNull for Native {
    fn map_null(self) -> Native {
        match self {
            Native::Ret(_) => Native::Ret(0),
            other => other,
        }
    }
}

// ----- stdlib -----

fn n_malloc(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    match m.mem.alloc(arg(a, 0) as usize) {
        Some(p) => Native::Ret(p),
        None => {
            set_errno(m, Errno::ENOMEM);
            Native::Ret(0)
        }
    }
}
fn n_calloc(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    match (arg(a, 0) as usize)
        .checked_mul(arg(a, 1) as usize)
        .and_then(|n| m.mem.alloc(n))
    {
        Some(p) => Native::Ret(p),
        None => {
            set_errno(m, Errno::ENOMEM);
            Native::Ret(0)
        }
    }
}
fn abort_with(m: &mut Machine, os: &mut dyn Os, msg: &str) -> Native {
    let _ = flush_stream(m, os, 2);
    let _ = os.write(2, msg.as_bytes());
    Native::Signal(SIGABRT)
}
fn n_free(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    if p == 0 {
        return Native::Ret(0);
    }
    if m.mem.is_heap_start(p) {
        m.mem.free(p);
        return Native::Ret(0);
    }
    if m.mem.is_freed(p) {
        return abort_with(m, os, "free(): double free detected in tcache 2\n");
    }
    abort_with(m, os, "free(): invalid pointer\n")
}
fn n_realloc(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (p, n) = (arg(a, 0), arg(a, 1) as usize);
    if p == 0 {
        return n_malloc(m, os, &[n as u64]);
    }
    if !m.mem.is_heap_start(p) {
        return abort_with(m, os, "realloc(): invalid pointer\n");
    }
    if n == 0 {
        m.mem.free(p);
        return Native::Ret(0);
    }
    let old = m.mem.block_size(p);
    let Some(q) = m.mem.alloc(n) else {
        set_errno(m, Errno::ENOMEM);
        return Native::Ret(0);
    };
    let _ = m.mem.copy(q, p, old.min(n));
    m.mem.free(p);
    Native::Ret(q)
}
fn n_exit(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    Native::Exit(arg(a, 0) as i32)
}
fn n_abort(_: &mut Machine, _: &mut dyn Os, _: &[u64]) -> Native {
    Native::Signal(SIGABRT)
}
fn n_atexit(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    m.lib.atexit.push(arg(a, 0));
    ret_i(0)
}

/// Parses an integer prefix like `strtol`: (value, bytes used, overflowed).
fn parse_int(s: &[u8], base: u32, unsigned: bool) -> (i64, usize, bool) {
    let mut i = 0;
    while i < s.len() && printf_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    if (base == 0 || base == 16)
        && i + 1 < s.len()
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit())
    {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if s.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    if !(2..=36).contains(&base) {
        return (0, 0, false);
    }
    let start = i;
    let mut v: u128 = 0;
    let mut over = false;
    while i < s.len() {
        let Some(d) = (s[i] as char).to_digit(base) else {
            break;
        };
        v = v * base as u128 + d as u128;
        if v > u64::MAX as u128 {
            over = true;
            v = u64::MAX as u128;
        }
        i += 1;
    }
    if i == start {
        return (0, 0, false);
    }
    if unsigned {
        let r = if neg {
            (v as u64).wrapping_neg()
        } else {
            v as u64
        };
        return (r as i64, i, over);
    }
    let (r, o) = if neg {
        if v > i64::MAX as u128 + 1 {
            (i64::MIN, true)
        } else {
            ((v as i128).wrapping_neg() as i64, false)
        }
    } else if v > i64::MAX as u128 {
        (i64::MAX, true)
    } else {
        (v as i64, false)
    };
    (r, i, over || o)
}

fn printf_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn parse_float(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    while i < s.len() && printf_space(s[i]) {
        i += 1;
    }
    let start = i;
    let mut j = i;
    if j < s.len() && (s[j] == b'-' || s[j] == b'+') {
        j += 1;
    }
    let lower: Vec<u8> = s[j..s.len().min(j + 8)]
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"inf") || lower.starts_with(b"nan") {
        let neg = s.get(start) == Some(&b'-');
        let n = if lower.starts_with(b"infinity") { 8 } else { 3 };
        let v = if lower.starts_with(b"nan") {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return (if neg { -v } else { v }, j + n);
    }
    while j < s.len()
        && (s[j].is_ascii_digit()
            || s[j] == b'.'
            || ((s[j] | 0x20) == b'e')
            || ((s[j] == b'-' || s[j] == b'+') && (s[j - 1] | 0x20) == b'e'))
    {
        j += 1;
    }
    let mut end = j;
    while end > start {
        if let Ok(v) = std::str::from_utf8(&s[start..end])
            .unwrap_or("")
            .parse::<f64>()
        {
            return (v, end);
        }
        end -= 1;
    }
    (0.0, 0)
}

fn n_atoi(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    ret_i(parse_int(&s, 10, false).0 as i32 as i64)
}
fn n_atol(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    ret_i(parse_int(&s, 10, false).0)
}
fn n_atof(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    Native::Ret(parse_float(&s).0.to_bits())
}
fn strto(m: &mut Machine, a: &[u64], unsigned: bool) -> Native {
    let p = arg(a, 0);
    let s = tryn!(cstr(m, p));
    let (v, used, over) = parse_int(&s, arg(a, 2) as u32, unsigned);
    if over {
        set_errno(m, Errno(34));
    }
    if arg(a, 1) != 0 {
        tryn!(seg(m
            .mem
            .write(arg(a, 1), &(p + used as u64).to_le_bytes())));
    }
    ret_i(v)
}
fn n_strtol(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    strto(m, a, false)
}
fn n_strtoul(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    strto(m, a, true)
}
fn n_strtod(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let s = tryn!(cstr(m, p));
    let (v, used) = parse_float(&s);
    if arg(a, 1) != 0 {
        tryn!(seg(m
            .mem
            .write(arg(a, 1), &(p + used as u64).to_le_bytes())));
    }
    Native::Ret(v.to_bits())
}
fn n_abs(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    ret_i((arg(a, 0) as i32).wrapping_abs() as i64)
}
fn n_labs(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    ret_i((arg(a, 0) as i64).wrapping_abs())
}
fn n_rand(m: &mut Machine, _: &mut dyn Os, _: &[u64]) -> Native {
    ret_i(m.lib.rand_next() as i64)
}
fn n_srand(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    m.lib.srand(arg(a, 0) as u32);
    Native::Ret(0)
}
fn n_getenv(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let name = tryn!(cstr(m, arg(a, 0)));
    let name = String::from_utf8_lossy(&name);
    Native::Ret(
        m.lib
            .env
            .iter()
            .find(|(k, _)| *k == name)
            .map_or(0, |e| e.1),
    )
}

// ----- string.h -----

fn n_strlen(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    ret_i(s.len() as i64)
}
fn n_strcpy(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let mut s = tryn!(cstr(m, arg(a, 1)));
    s.push(0);
    tryn!(seg(m.mem.write(arg(a, 0), &s)));
    Native::Ret(arg(a, 0))
}
fn n_strncpy(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 2) as usize;
    let mut s = tryn!(seg(m.mem.cstr(arg(a, 1), n)));
    s.resize(n, 0);
    tryn!(seg(m.mem.write(arg(a, 0), &s)));
    Native::Ret(arg(a, 0))
}
fn n_strcat(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let d = tryn!(cstr(m, arg(a, 0)));
    let mut s = tryn!(cstr(m, arg(a, 1)));
    s.push(0);
    tryn!(seg(m.mem.write(arg(a, 0) + d.len() as u64, &s)));
    Native::Ret(arg(a, 0))
}
fn n_strncat(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let d = tryn!(cstr(m, arg(a, 0)));
    let mut s = tryn!(seg(m.mem.cstr(arg(a, 1), arg(a, 2) as usize)));
    s.push(0);
    tryn!(seg(m.mem.write(arg(a, 0) + d.len() as u64, &s)));
    Native::Ret(arg(a, 0))
}
fn cmp_bytes(x: &[u8], y: &[u8], n: usize, fold: bool) -> i64 {
    for i in 0..n {
        let (mut c, mut d) = (
            x.get(i).copied().unwrap_or(0),
            y.get(i).copied().unwrap_or(0),
        );
        if fold {
            c = c.to_ascii_lowercase();
            d = d.to_ascii_lowercase();
        }
        if c != d {
            return c as i64 - d as i64;
        }
        if c == 0 {
            return 0;
        }
    }
    0
}
fn n_strcmp(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let (x, y) = (tryn!(cstr(m, arg(a, 0))), tryn!(cstr(m, arg(a, 1))));
    ret_i(cmp_bytes(&x, &y, usize::MAX, false))
}
fn n_strncmp(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 2) as usize;
    let (x, y) = (
        tryn!(seg(m.mem.cstr(arg(a, 0), n))),
        tryn!(seg(m.mem.cstr(arg(a, 1), n))),
    );
    ret_i(cmp_bytes(&x, &y, n, false))
}
fn n_strcasecmp(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let (x, y) = (tryn!(cstr(m, arg(a, 0))), tryn!(cstr(m, arg(a, 1))));
    ret_i(cmp_bytes(&x, &y, usize::MAX, true))
}
fn n_strncasecmp(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 2) as usize;
    let (x, y) = (
        tryn!(seg(m.mem.cstr(arg(a, 0), n))),
        tryn!(seg(m.mem.cstr(arg(a, 1), n))),
    );
    ret_i(cmp_bytes(&x, &y, n, true))
}
fn n_strchr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let s = tryn!(cstr(m, p));
    let c = arg(a, 1) as u8;
    if c == 0 {
        return Native::Ret(p + s.len() as u64);
    }
    Native::Ret(s.iter().position(|&b| b == c).map_or(0, |i| p + i as u64))
}
fn n_strrchr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let s = tryn!(cstr(m, p));
    let c = arg(a, 1) as u8;
    if c == 0 {
        return Native::Ret(p + s.len() as u64);
    }
    Native::Ret(s.iter().rposition(|&b| b == c).map_or(0, |i| p + i as u64))
}
fn n_strstr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let h = tryn!(cstr(m, p));
    let n = tryn!(cstr(m, arg(a, 1)));
    if n.is_empty() {
        return Native::Ret(p);
    }
    Native::Ret(
        h.windows(n.len())
            .position(|w| w == n.as_slice())
            .map_or(0, |i| p + i as u64),
    )
}
fn dup_bytes(m: &mut Machine, mut s: Vec<u8>) -> Native {
    s.push(0);
    match m.mem.alloc(s.len()) {
        Some(p) => {
            let _ = m.mem.write(p, &s);
            Native::Ret(p)
        }
        None => Native::Ret(0),
    }
}
fn n_strdup(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    dup_bytes(m, s)
}
fn n_strndup(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(seg(m.mem.cstr(arg(a, 0), arg(a, 1) as usize)));
    dup_bytes(m, s)
}
fn n_strtok(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let mut p = arg(a, 0);
    if p == 0 {
        p = m.lib.strtok_p;
    }
    if p == 0 {
        return Native::Ret(0);
    }
    let delim = tryn!(cstr(m, arg(a, 1)));
    let s = tryn!(cstr(m, p));
    let mut i = 0;
    while i < s.len() && delim.contains(&s[i]) {
        i += 1;
    }
    if i == s.len() {
        m.lib.strtok_p = 0;
        return Native::Ret(0);
    }
    let start = i;
    while i < s.len() && !delim.contains(&s[i]) {
        i += 1;
    }
    if i < s.len() {
        tryn!(seg(m.mem.write(p + i as u64, &[0])));
        m.lib.strtok_p = p + i as u64 + 1;
    } else {
        m.lib.strtok_p = 0;
    }
    Native::Ret(p + start as u64)
}
fn n_strerror(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let mut s = Errno(arg(a, 0) as i32).message().into_bytes();
    s.push(0);
    Native::Ret(m.mem.lib_alloc(&s))
}
fn n_strspn(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let (s, set) = (tryn!(cstr(m, arg(a, 0))), tryn!(cstr(m, arg(a, 1))));
    ret_i(s.iter().take_while(|b| set.contains(b)).count() as i64)
}
fn n_strcspn(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let (s, set) = (tryn!(cstr(m, arg(a, 0))), tryn!(cstr(m, arg(a, 1))));
    ret_i(s.iter().take_while(|b| !set.contains(b)).count() as i64)
}
fn n_strpbrk(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let (s, set) = (tryn!(cstr(m, p)), tryn!(cstr(m, arg(a, 1))));
    Native::Ret(
        s.iter()
            .position(|b| set.contains(b))
            .map_or(0, |i| p + i as u64),
    )
}
fn n_memset(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 2) as usize;
    if n > 0 {
        tryn!(seg(m.mem.get_mut(arg(a, 0), n))).fill(arg(a, 1) as u8);
    }
    Native::Ret(arg(a, 0))
}
fn n_memcpy(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(seg(m.mem.copy(arg(a, 0), arg(a, 1), arg(a, 2) as usize)));
    Native::Ret(arg(a, 0))
}
fn n_memcmp(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 2) as usize;
    let x = tryn!(seg(m.mem.get(arg(a, 0), n))).to_vec();
    let y = tryn!(seg(m.mem.get(arg(a, 1), n)));
    for i in 0..n {
        if x[i] != y[i] {
            return ret_i(x[i] as i64 - y[i] as i64);
        }
    }
    ret_i(0)
}
fn n_memchr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let s = tryn!(seg(m.mem.get(p, arg(a, 2) as usize)));
    let c = arg(a, 1) as u8;
    Native::Ret(s.iter().position(|&b| b == c).map_or(0, |i| p + i as u64))
}
fn n_bzero(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let n = arg(a, 1) as usize;
    if n > 0 {
        tryn!(seg(m.mem.get_mut(arg(a, 0), n))).fill(0);
    }
    Native::Ret(0)
}
fn n_bcopy(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(seg(m.mem.copy(arg(a, 1), arg(a, 0), arg(a, 2) as usize)));
    Native::Ret(0)
}

// ----- unistd -----

fn n_read(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (fd, buf, n) = (
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 20),
    );
    if n > 0 && m.mem.get_mut(buf, n).is_err() {
        return fail(m, Errno::EFAULT);
    }
    let r = os.read(fd, n);
    let b = tryn!(sys(m, fd, r, false));
    tryn!(seg(m.mem.write(buf, &b)));
    ret_i(b.len() as i64)
}
fn write_fd(m: &mut Machine, os: &mut dyn Os, fd: i32, buf: u64, n: usize, flags: i32) -> Native {
    let b = match m.mem.get(buf, n) {
        Ok(b) => b.to_vec(),
        Err(_) => return fail(m, Errno::EFAULT),
    };
    let r = if flags < 0 {
        os.write(fd, &b)
    } else {
        os.send(fd, &b, flags)
    };
    match r {
        Err(e) if e == Errno::EPIPE => {
            set_errno(m, e);
            if (flags < 0 || flags & 0x4000 == 0) && m.lib.handler(SIGPIPE) == 0 {
                return Native::Signal(SIGPIPE);
            }
            ret_i(-1)
        }
        r => {
            let n = tryn!(sys(m, fd, r, flags > 0 && flags & 64 != 0));
            ret_i(n as i64)
        }
    }
}
fn n_write(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    write_fd(
        m,
        os,
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 24),
        -1,
    )
}
fn n_close(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let fd = arg(a, 0) as i32;
    m.lib.nonblock.retain(|&f| f != fd);
    match os.close(fd) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn sleep_ns(m: &mut Machine, os: &mut dyn Os, ns: i64) -> Result<(), Native> {
    let deadline = match m.lib.deadline {
        Some(d) => d,
        None => {
            let d = os.now().saturating_add(ns);
            m.lib.deadline = Some(d);
            d
        }
    };
    match os.sleep_until(deadline) {
        Ok(()) => {
            m.lib.deadline = None;
            Ok(())
        }
        Err(_) => Err(Native::Block),
    }
}
fn n_sleep(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(sleep_ns(
        m,
        os,
        (arg(a, 0) as u32 as i64).saturating_mul(1_000_000_000)
    ));
    ret_i(0)
}
fn n_usleep(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(sleep_ns(
        m,
        os,
        (arg(a, 0) as u32 as i64).saturating_mul(1000)
    ));
    ret_i(0)
}
fn n_nanosleep(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let p = arg(a, 0);
    let s = i64::from_le_bytes(tryn!(seg(m.mem.read::<8>(p))));
    let ns = i64::from_le_bytes(tryn!(seg(m.mem.read::<8>(p + 8))));
    tryn!(sleep_ns(
        m,
        os,
        s.saturating_mul(1_000_000_000).saturating_add(ns)
    ));
    ret_i(0)
}
fn n_getpid(_: &mut Machine, os: &mut dyn Os, _: &[u64]) -> Native {
    ret_i(os.getpid() as i64)
}
fn n_getppid(_: &mut Machine, _: &mut dyn Os, _: &[u64]) -> Native {
    ret_i(1)
}
fn n_isatty(_: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    ret_i(os.isatty(arg(a, 0) as i32) as i64)
}
fn n_gethostname(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let mut h = os.hostname().into_bytes();
    h.push(0);
    let n = arg(a, 1) as usize;
    h.truncate(n);
    tryn!(seg(m.mem.write(arg(a, 0), &h)));
    ret_i(0)
}
fn n_unlink(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    n_remove(m, os, a)
}
fn n_getopt(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (argc, argv, opts) = (arg(a, 0) as i32, arg(a, 1), tryn!(cstr(m, arg(a, 2))));
    let optind = i32::from_le_bytes(tryn!(seg(m.mem.read::<4>(m.lib.optind_p))));
    if optind >= argc || optind < 1 {
        return ret_i(-1);
    }
    let ap = u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(argv + optind as u64 * 8))));
    let word = tryn!(cstr(m, ap));
    if m.lib.optpos == 0 {
        if word.len() < 2 || word[0] != b'-' {
            return ret_i(-1);
        }
        if word == b"--" {
            tryn!(seg(m
                .mem
                .write(m.lib.optind_p, &(optind + 1).to_le_bytes())));
            return ret_i(-1);
        }
        m.lib.optpos = 1;
    }
    let c = word.get(m.lib.optpos).copied().unwrap_or(0);
    m.lib.optpos += 1;
    let at_end = m.lib.optpos >= word.len();
    let next = |m: &mut Machine, k: i32| {
        m.lib.optpos = 0;
        let _ = m.mem.write(m.lib.optind_p, &(optind + k).to_le_bytes());
    };
    let spec = opts.iter().position(|&o| o == c && o != b':');
    let Some(i) = spec else {
        let msg = format!("{}: invalid option -- '{}'\n", m.lib.progname, c as char);
        let _ = stream_write(m, os, 2, msg.as_bytes());
        if at_end {
            next(m, 1);
        }
        return ret_i(b'?' as i64);
    };
    if opts.get(i + 1) == Some(&b':') {
        if !at_end {
            let val = ap + m.lib.optpos as u64;
            tryn!(seg(m.mem.write(m.lib.optarg_p, &val.to_le_bytes())));
            next(m, 1);
        } else if optind + 1 < argc {
            let val =
                u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(argv + (optind as u64 + 1) * 8))));
            tryn!(seg(m.mem.write(m.lib.optarg_p, &val.to_le_bytes())));
            next(m, 2);
        } else {
            let msg = format!(
                "{}: option requires an argument -- '{}'\n",
                m.lib.progname, c as char
            );
            let _ = stream_write(m, os, 2, msg.as_bytes());
            next(m, 1);
            return ret_i(b'?' as i64);
        }
    } else if at_end {
        next(m, 1);
    }
    ret_i(c as i64)
}

// ----- sockets -----

fn read_sockaddr(m: &Machine, p: u64) -> Result<(u16, SocketAddrV4), Native> {
    let b = seg(m.mem.get(p, 8))?;
    let family = u16::from_le_bytes([b[0], b[1]]);
    let port = u16::from_be_bytes([b[2], b[3]]);
    Ok((
        family,
        SocketAddrV4::new(Ipv4Addr::new(b[4], b[5], b[6], b[7]), port),
    ))
}
fn write_sockaddr(m: &mut Machine, p: u64, lenp: u64, addr: SocketAddrV4) -> Result<(), Native> {
    if p == 0 {
        return Ok(());
    }
    let mut b = [0u8; 16];
    b[0..2].copy_from_slice(&2u16.to_le_bytes());
    b[2..4].copy_from_slice(&addr.port().to_be_bytes());
    b[4..8].copy_from_slice(&addr.ip().octets());
    let cap = if lenp != 0 {
        u32::from_le_bytes(seg(m.mem.read::<4>(lenp))?) as usize
    } else {
        16
    };
    seg(m.mem.write(p, &b[..cap.min(16)]))?;
    if lenp != 0 {
        seg(m.mem.write(lenp, &16u32.to_le_bytes()))?;
    }
    Ok(())
}
fn n_socket(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.socket(arg(a, 0) as i32, arg(a, 1) as i32, arg(a, 2) as i32) {
        Ok(fd) => ret_i(fd as i64),
        Err(e) => fail(m, e),
    }
}
fn n_bind(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (fam, addr) = tryn!(read_sockaddr(m, arg(a, 1)));
    if fam != 2 {
        return fail(m, Errno::EAFNOSUPPORT);
    }
    match os.bind(arg(a, 0) as i32, addr) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn n_listen(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.listen(arg(a, 0) as i32, arg(a, 1) as i32) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn n_accept(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let fd = arg(a, 0) as i32;
    let r = os.accept(fd);
    let (nfd, peer) = tryn!(sys(m, fd, r, false));
    tryn!(write_sockaddr(m, arg(a, 1), arg(a, 2), peer));
    ret_i(nfd as i64)
}
fn n_connect(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let fd = arg(a, 0) as i32;
    let (fam, addr) = tryn!(read_sockaddr(m, arg(a, 1)));
    if fam != 2 {
        return fail(m, Errno::EAFNOSUPPORT);
    }
    let r = os.connect(fd, addr);
    tryn!(sys(m, fd, r, false));
    ret_i(0)
}
fn n_send(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let flags = (arg(a, 3) as i32).max(0);
    write_fd(
        m,
        os,
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 24),
        flags,
    )
}
fn do_recv(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (fd, buf, n, flags) = (
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 20),
        arg(a, 3) as i32,
    );
    if n > 0 && m.mem.get_mut(buf, n).is_err() {
        return fail(m, Errno::EFAULT);
    }
    let r = os.recv(fd, n, flags);
    let b = tryn!(sys(m, fd, r, flags & 64 != 0));
    tryn!(seg(m.mem.write(buf, &b)));
    ret_i(b.len() as i64)
}
fn n_recv(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    do_recv(m, os, a)
}
fn n_recvfrom(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (fd, buf, n, flags) = (
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 20),
        arg(a, 3) as i32,
    );
    if n > 0 && m.mem.get_mut(buf, n).is_err() {
        return fail(m, Errno::EFAULT);
    }
    let r = os.recvfrom(fd, n, flags);
    let (b, from) = tryn!(sys(m, fd, r, flags & 64 != 0));
    tryn!(seg(m.mem.write(buf, &b)));
    if let (Some(peer), true) = (from, arg(a, 4) != 0) {
        tryn!(write_sockaddr(m, arg(a, 4), arg(a, 5), peer));
    }
    ret_i(b.len() as i64)
}
fn n_sendto(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    if arg(a, 4) == 0 {
        return n_send(m, os, a);
    }
    let (fd, buf, n, flags) = (
        arg(a, 0) as i32,
        arg(a, 1),
        (arg(a, 2) as usize).min(1 << 24),
        arg(a, 3) as i32,
    );
    let (fam, to) = tryn!(read_sockaddr(m, arg(a, 4)));
    if fam != 2 {
        return fail(m, Errno::EAFNOSUPPORT);
    }
    let b = match m.mem.get(buf, n) {
        Ok(b) => b.to_vec(),
        Err(_) => return fail(m, Errno::EFAULT),
    };
    let r = os.sendto(fd, &b, flags, Some(to));
    let k = tryn!(sys(m, fd, r, flags & 64 != 0));
    ret_i(k as i64)
}
fn n_setsockopt(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let v = tryn!(seg(m.mem.get(arg(a, 3), (arg(a, 4) as usize).min(256)))).to_vec();
    match os.setsockopt(arg(a, 0) as i32, arg(a, 1) as i32, arg(a, 2) as i32, &v) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn n_getsockopt(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.getsockopt(arg(a, 0) as i32, arg(a, 1) as i32, arg(a, 2) as i32) {
        Ok(v) => {
            let lenp = arg(a, 4);
            let cap = u32::from_le_bytes(tryn!(seg(m.mem.read::<4>(lenp)))) as usize;
            let n = v.len().min(cap);
            tryn!(seg(m.mem.write(arg(a, 3), &v[..n])));
            tryn!(seg(m.mem.write(lenp, &(n as u32).to_le_bytes())));
            ret_i(0)
        }
        Err(e) => fail(m, e),
    }
}
fn n_shutdown(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.shutdown(arg(a, 0) as i32, arg(a, 1) as i32) {
        Ok(()) => ret_i(0),
        Err(e) => fail(m, e),
    }
}
fn n_getsockname(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.getsockname(arg(a, 0) as i32) {
        Ok(addr) => {
            tryn!(write_sockaddr(m, arg(a, 1), arg(a, 2), addr));
            ret_i(0)
        }
        Err(e) => fail(m, e),
    }
}
fn n_getpeername(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    match os.getpeername(arg(a, 0) as i32) {
        Ok(addr) => {
            tryn!(write_sockaddr(m, arg(a, 1), arg(a, 2), addr));
            ret_i(0)
        }
        Err(e) => fail(m, e),
    }
}
fn n_htons(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    Native::Ret((arg(a, 0) as u16).swap_bytes() as u64)
}
fn n_htonl(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    Native::Ret((arg(a, 0) as u32).swap_bytes() as u64)
}
fn parse_ipv4(s: &[u8]) -> Option<[u8; 4]> {
    std::str::from_utf8(s)
        .ok()?
        .parse::<Ipv4Addr>()
        .ok()
        .map(|ip| ip.octets())
}
fn n_inet_addr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    Native::Ret(parse_ipv4(&s).map_or(0xffff_ffff, |o| u32::from_le_bytes(o) as u64))
}
fn n_inet_aton(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s = tryn!(cstr(m, arg(a, 0)));
    match parse_ipv4(&s) {
        Some(o) => {
            tryn!(seg(m.mem.write(arg(a, 1), &o)));
            ret_i(1)
        }
        None => ret_i(0),
    }
}
fn n_inet_ntoa(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    // A struct argument arrives as the address of a copy.
    let o = tryn!(seg(m.mem.read::<4>(arg(a, 0))));
    let mut s = Ipv4Addr::from(o).to_string().into_bytes();
    s.push(0);
    let p = m.lib.scratch;
    tryn!(seg(m.mem.write(p, &s)));
    Native::Ret(p)
}
fn n_inet_pton(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    if arg(a, 0) != 2 {
        return fail(m, Errno::EAFNOSUPPORT);
    }
    let s = tryn!(cstr(m, arg(a, 1)));
    match parse_ipv4(&s) {
        Some(o) => {
            tryn!(seg(m.mem.write(arg(a, 2), &o)));
            ret_i(1)
        }
        None => ret_i(0),
    }
}
fn n_inet_ntop(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    if arg(a, 0) != 2 {
        set_errno(m, Errno::EAFNOSUPPORT);
        return Native::Ret(0);
    }
    let o = tryn!(seg(m.mem.read::<4>(arg(a, 1))));
    let mut s = Ipv4Addr::from(o).to_string().into_bytes();
    s.push(0);
    if s.len() > arg(a, 3) as usize {
        set_errno(m, Errno(28));
        return Native::Ret(0);
    }
    tryn!(seg(m.mem.write(arg(a, 2), &s)));
    Native::Ret(arg(a, 2))
}
fn n_gethostbyname(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let name = tryn!(cstr(m, arg(a, 0)));
    let name_s = String::from_utf8_lossy(&name).into_owned();
    let Some(ip) = os.resolve(&name_s) else {
        let p = m.lib.h_errno_p;
        let _ = m.mem.write(p, &1i32.to_le_bytes());
        return Native::Ret(0);
    };
    // hostent at scratch+64: name, aliases, type, length, addr_list; then the arrays.
    let base = m.lib.scratch + 64;
    let name_p = base + 64;
    let mut nb = name.clone();
    nb.truncate(255);
    nb.push(0);
    let addr_p = base + 40;
    let list_p = base + 48;
    let alias_p = base + 32;
    let name_p = if nb.len() <= 200 {
        name_p
    } else {
        m.mem.lib_alloc(&nb)
    };
    let mut w = |off: u64, b: &[u8]| m.mem.write(off, b);
    let ok = w(base, &name_p.to_le_bytes())
        .and(w(base + 8, &alias_p.to_le_bytes()))
        .and(w(base + 16, &2i32.to_le_bytes()))
        .and(w(base + 20, &4i32.to_le_bytes()))
        .and(w(base + 24, &list_p.to_le_bytes()))
        .and(w(alias_p, &0u64.to_le_bytes()))
        .and(w(addr_p, &ip))
        .and(w(list_p, &addr_p.to_le_bytes()))
        .and(w(list_p + 8, &0u64.to_le_bytes()));
    if nb.len() <= 200 {
        let _ = m.mem.write(name_p, &nb);
    }
    tryn!(seg(ok));
    Native::Ret(base)
}
fn n_getaddrinfo(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (node, service, hints, res) = (arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3));
    let (mut flags, mut socktype, mut proto) = (0, 1, 6);
    if hints != 0 {
        let h = tryn!(seg(m.mem.get(hints, 16))).to_vec();
        flags = i32::from_le_bytes([h[0], h[1], h[2], h[3]]);
        let st = i32::from_le_bytes([h[8], h[9], h[10], h[11]]);
        if st != 0 {
            socktype = st;
        }
        let pr = i32::from_le_bytes([h[12], h[13], h[14], h[15]]);
        proto = if pr != 0 {
            pr
        } else if socktype == 2 {
            17
        } else {
            6
        };
    }
    let ip = if node == 0 {
        if flags & 1 != 0 {
            [0, 0, 0, 0]
        } else {
            [127, 0, 0, 1]
        }
    } else {
        let n = tryn!(cstr(m, node));
        match os.resolve(&String::from_utf8_lossy(&n)) {
            Some(ip) => ip,
            None => return ret_i(-2),
        }
    };
    let port = if service == 0 {
        0
    } else {
        let s = tryn!(cstr(m, service));
        match std::str::from_utf8(&s)
            .ok()
            .and_then(|s| s.parse::<u16>().ok())
        {
            Some(p) => p,
            None => match &s[..] {
                b"http" => 80,
                b"https" => 443,
                _ => return ret_i(-8),
            },
        }
    };
    let (Some(ai), Some(sa)) = (m.mem.alloc(48), m.mem.alloc(16)) else {
        return ret_i(-10);
    };
    let mut b = [0u8; 48];
    b[4..8].copy_from_slice(&2i32.to_le_bytes());
    b[8..12].copy_from_slice(&socktype.to_le_bytes());
    b[12..16].copy_from_slice(&proto.to_le_bytes());
    b[16..20].copy_from_slice(&16u32.to_le_bytes());
    b[24..32].copy_from_slice(&sa.to_le_bytes());
    tryn!(seg(m.mem.write(ai, &b)));
    let mut s = [0u8; 16];
    s[0..2].copy_from_slice(&2u16.to_le_bytes());
    s[2..4].copy_from_slice(&port.to_be_bytes());
    s[4..8].copy_from_slice(&ip);
    tryn!(seg(m.mem.write(sa, &s)));
    tryn!(seg(m.mem.write(res, &ai.to_le_bytes())));
    ret_i(0)
}
fn n_freeaddrinfo(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let mut p = arg(a, 0);
    let mut guard = 0;
    while p != 0 && m.mem.is_heap_start(p) && guard < 1000 {
        let sa = u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(p + 24))));
        let next = u64::from_le_bytes(tryn!(seg(m.mem.read::<8>(p + 40))));
        if m.mem.is_heap_start(sa) {
            m.mem.free(sa);
        }
        m.mem.free(p);
        p = next;
        guard += 1;
    }
    Native::Ret(0)
}
fn n_gai_strerror(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let s: &[u8] = match arg(a, 0) as i32 {
        -2 => b"Name or service not known\0",
        -3 => b"Temporary failure in name resolution\0",
        -8 => b"Servname not supported for ai_socktype\0",
        -10 => b"Memory allocation failure\0",
        _ => b"Unknown error\0",
    };
    Native::Ret(m.mem.lib_alloc(s))
}
fn n_herror(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let s = if arg(a, 0) != 0 {
        tryn!(cstr(m, arg(a, 0)))
    } else {
        Vec::new()
    };
    let mut msg = s;
    msg.extend_from_slice(b": Unknown host\n");
    tryn!(stream_write(m, os, 2, &msg));
    Native::Ret(0)
}

// ----- select / poll -----

fn n_fd_zero(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    tryn!(seg(m.mem.get_mut(arg(a, 0), 128))).fill(0);
    Native::Ret(0)
}
fn fd_bit(m: &mut Machine, set: u64, fd: i32, op: u8) -> Native {
    if !(0..1024).contains(&fd) {
        return Native::Signal(SIGABRT);
    }
    let p = set + (fd / 8) as u64;
    let b = tryn!(seg(m.mem.read::<1>(p)))[0];
    let bit = 1u8 << (fd % 8);
    let nb = match op {
        0 => b | bit,
        1 => b & !bit,
        _ => return ret_i((b & bit != 0) as i64),
    };
    tryn!(seg(m.mem.write(p, &[nb])));
    Native::Ret(0)
}
fn n_fd_set(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    fd_bit(m, arg(a, 1), arg(a, 0) as i32, 0)
}
fn n_fd_clr(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    fd_bit(m, arg(a, 1), arg(a, 0) as i32, 1)
}
fn n_fd_isset(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    fd_bit(m, arg(a, 1), arg(a, 0) as i32, 2)
}
fn n_select(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let nfds = (arg(a, 0) as i32).clamp(0, 1024) as usize;
    let sets = [arg(a, 1), arg(a, 2), arg(a, 3)];
    let timeout = arg(a, 4);
    let mut before = [[0u8; 128]; 3];
    for (k, &s) in sets.iter().enumerate() {
        if s != 0 {
            before[k].copy_from_slice(tryn!(seg(m.mem.get(s, 128))));
        }
    }
    let mut after = [[0u8; 128]; 3];
    let mut count = 0;
    for fd in 0..nfds {
        let want = [0, 1, 2].map(|k| before[k][fd / 8] & (1 << (fd % 8)) != 0);
        if !want.iter().any(|w| *w) {
            continue;
        }
        let r = os.poll(fd as i32);
        if r.invalid {
            return fail(m, Errno::EBADF);
        }
        let got = [want[0] && r.readable, want[1] && r.writable, false];
        for k in 0..3 {
            if got[k] {
                after[k][fd / 8] |= 1 << (fd % 8);
                count += 1;
            }
        }
    }
    if count == 0 {
        if timeout == 0 {
            return Native::Block;
        }
        let s = i64::from_le_bytes(tryn!(seg(m.mem.read::<8>(timeout))));
        let us = i64::from_le_bytes(tryn!(seg(m.mem.read::<8>(timeout + 8))));
        let ns = s
            .saturating_mul(1_000_000_000)
            .saturating_add(us.saturating_mul(1000));
        if ns > 0 {
            tryn!(sleep_ns(m, os, ns));
        }
    } else {
        m.lib.deadline = None;
    }
    for (k, &s) in sets.iter().enumerate() {
        if s != 0 {
            tryn!(seg(m.mem.write(s, &after[k])));
        }
    }
    ret_i(count)
}
fn n_poll(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let (fds, n, timeout) = (arg(a, 0), (arg(a, 1) as usize).min(1024), arg(a, 2) as i32);
    let mut count = 0;
    let mut revents = Vec::new();
    for i in 0..n {
        let e = tryn!(seg(m.mem.get(fds + i as u64 * 8, 8))).to_vec();
        let fd = i32::from_le_bytes([e[0], e[1], e[2], e[3]]);
        let events = i16::from_le_bytes([e[4], e[5]]);
        let mut rv = 0i16;
        if fd >= 0 {
            let r = os.poll(fd);
            if r.invalid {
                rv |= 32;
            }
            if events & 1 != 0 && r.readable {
                rv |= 1;
            }
            if events & 4 != 0 && r.writable {
                rv |= 4;
            }
        }
        if rv != 0 {
            count += 1;
        }
        revents.push(rv);
    }
    if count == 0 {
        if timeout < 0 {
            return Native::Block;
        }
        if timeout > 0 {
            tryn!(sleep_ns(m, os, timeout as i64 * 1_000_000));
        }
    } else {
        m.lib.deadline = None;
    }
    for (i, rv) in revents.iter().enumerate() {
        tryn!(seg(m.mem.write(fds + i as u64 * 8 + 6, &rv.to_le_bytes())));
    }
    ret_i(count)
}

// ----- signals, assert, fcntl -----

fn n_signal(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let sig = arg(a, 0) as usize;
    if sig == 0 || sig >= m.lib.handlers.len() || sig == 9 || sig == 19 {
        set_errno(m, Errno::EINVAL);
        return Native::Ret(u64::MAX);
    }
    let old = m.lib.handlers[sig];
    let h = arg(a, 1);
    // SIG_DFL and SIG_IGN arrive as the integers 0 and 1.
    m.lib.handlers[sig] = h;
    Native::Ret(old)
}
fn n_raise(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let sig = arg(a, 0) as i32;
    match m.lib.handler(sig) {
        0 => Native::Signal(sig),
        1 => ret_i(0),
        f => Native::Call {
            func: f,
            arg: sig as u64,
            kind: FrameKind::Signal,
        },
    }
}
fn n_kill(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    if arg(a, 0) as i32 == os.getpid() || arg(a, 0) == 0 {
        return n_raise(m, os, &a[1.min(a.len())..]);
    }
    fail(m, Errno::EPERM)
}
fn n_assert_fail(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let e = tryn!(cstr(m, arg(a, 0)));
    let f = tryn!(cstr(m, arg(a, 1)));
    let func = tryn!(cstr(m, arg(a, 3)));
    let msg = format!(
        "{}: {}:{}: {}: Assertion `{}' failed.\n",
        m.lib.progname,
        String::from_utf8_lossy(&f),
        arg(a, 2) as u32,
        String::from_utf8_lossy(&func),
        String::from_utf8_lossy(&e)
    );
    let _ = flush_stream(m, os, 2);
    let _ = os.write(2, msg.as_bytes());
    Native::Signal(SIGABRT)
}
fn n_open(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let p = tryn!(cstr(m, arg(a, 0)));
    match os.open(
        &String::from_utf8_lossy(&p),
        arg(a, 1) as i32,
        arg(a, 2) as u32,
    ) {
        Ok(fd) => ret_i(fd as i64),
        Err(e) => fail(m, e),
    }
}
fn n_fcntl(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let fd = arg(a, 0) as i32;
    match arg(a, 1) {
        3 => ret_i(2 | if nonblocking(m, fd) { 2048 } else { 0 }),
        4 => {
            m.lib.nonblock.retain(|&f| f != fd);
            if arg(a, 2) & 2048 != 0 {
                m.lib.nonblock.push(fd);
            }
            ret_i(0)
        }
        _ => ret_i(0),
    }
}

// ----- ctype and math -----

macro_rules! ctype {
    ($name:ident, $test:expr) => {
        fn $name(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
            let c = arg(a, 0) as i32;
            let ok = (0..=255).contains(&c) && $test(c as u8);
            // glibc returns the mask bit, not 1.
            ret_i(if ok { 1 } else { 0 })
        }
    };
}
ctype!(n_isalpha, |c: u8| c.is_ascii_alphabetic());
ctype!(n_isdigit, |c: u8| c.is_ascii_digit());
ctype!(n_isalnum, |c: u8| c.is_ascii_alphanumeric());
ctype!(n_isspace, printf_space);
ctype!(n_isupper, |c: u8| c.is_ascii_uppercase());
ctype!(n_islower, |c: u8| c.is_ascii_lowercase());
ctype!(n_isprint, |c: u8| (0x20..0x7f).contains(&c));
ctype!(n_ispunct, |c: u8| c.is_ascii_punctuation());
ctype!(n_isxdigit, |c: u8| c.is_ascii_hexdigit());
ctype!(n_iscntrl, |c: u8| c < 0x20 || c == 0x7f);
ctype!(n_isgraph, |c: u8| c.is_ascii_graphic());
ctype!(n_isblank, |c: u8| c == b' ' || c == b'\t');
fn n_toupper(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let c = arg(a, 0) as i32;
    ret_i(if (0..=255).contains(&c) {
        (c as u8).to_ascii_uppercase() as i64
    } else {
        c as i64
    })
}
fn n_tolower(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let c = arg(a, 0) as i32;
    ret_i(if (0..=255).contains(&c) {
        (c as u8).to_ascii_lowercase() as i64
    } else {
        c as i64
    })
}

macro_rules! math1 {
    ($name:ident, $f:expr) => {
        fn $name(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
            let x = f64::from_bits(arg(a, 0));
            Native::Ret(($f)(x).to_bits())
        }
    };
}
macro_rules! math2 {
    ($name:ident, $f:expr) => {
        fn $name(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
            let (x, y) = (f64::from_bits(arg(a, 0)), f64::from_bits(arg(a, 1)));
            Native::Ret(($f)(x, y).to_bits())
        }
    };
}
math1!(n_sqrt, f64::sqrt);
math1!(n_fabs, f64::abs);
math1!(n_floor, f64::floor);
math1!(n_ceil, f64::ceil);
math1!(n_round, f64::round);
math1!(n_trunc, f64::trunc);
math1!(n_sin, f64::sin);
math1!(n_cos, f64::cos);
math1!(n_tan, f64::tan);
math1!(n_asin, f64::asin);
math1!(n_acos, f64::acos);
math1!(n_atan, f64::atan);
math1!(n_exp, f64::exp);
math1!(n_log, f64::ln);
math1!(n_log10, f64::log10);
math1!(n_log2, f64::log2);
math1!(n_cbrt, f64::cbrt);
math1!(n_sqrtf, |x: f64| (x as f32).sqrt() as f64);
math1!(n_fabsf, |x: f64| (x as f32).abs() as f64);
math2!(n_pow, f64::powf);
math2!(n_atan2, f64::atan2);
math2!(n_fmod, |x: f64, y: f64| x % y);
math2!(n_hypot, f64::hypot);

// ----- time -----

fn n_time(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let t = os.now().div_euclid(1_000_000_000);
    if arg(a, 0) != 0 {
        tryn!(seg(m.mem.write(arg(a, 0), &t.to_le_bytes())));
    }
    ret_i(t)
}
fn n_clock(m: &mut Machine, _: &mut dyn Os, _: &[u64]) -> Native {
    ret_i((m.steps / 1000) as i64)
}
fn n_difftime(_: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    Native::Ret(((arg(a, 0) as i64 - arg(a, 1) as i64) as f64).to_bits())
}
fn n_gettimeofday(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let now = os.now();
    if arg(a, 0) != 0 {
        let mut b = now.div_euclid(1_000_000_000).to_le_bytes().to_vec();
        b.extend_from_slice(&(now.rem_euclid(1_000_000_000) / 1000).to_le_bytes());
        tryn!(seg(m.mem.write(arg(a, 0), &b)));
    }
    ret_i(0)
}

/// Broken-down UTC time: (year, month 0-11, mday, hour, min, sec, wday, yday).
fn civil(t: i64) -> [i64; 8] {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if mo <= 2 { y + 1 } else { y };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = cum[(mo - 1) as usize] + d - 1 + if leap && mo > 2 { 1 } else { 0 };
    let wday = (days + 4).rem_euclid(7);
    [
        y,
        mo - 1,
        d,
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        wday,
        yday,
    ]
}
fn n_gmtime(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let t = i64::from_le_bytes(tryn!(seg(m.mem.read::<8>(arg(a, 0)))));
    let c = civil(t);
    let fields = [c[5], c[4], c[3], c[2], c[1], c[0] - 1900, c[6], c[7], 0];
    let mut b = Vec::new();
    for f in fields {
        b.extend_from_slice(&(f as i32).to_le_bytes());
    }
    b.extend_from_slice(&[0u8; 4]);
    b.extend_from_slice(&0i64.to_le_bytes());
    let zone = m.lib.scratch + 400;
    let _ = m.mem.write(zone, b"UTC\0");
    b.extend_from_slice(&zone.to_le_bytes());
    let p = m.lib.scratch + 320;
    tryn!(seg(m.mem.write(p, &b)));
    Native::Ret(p)
}
fn read_tm(m: &Machine, p: u64) -> Result<[i32; 9], Native> {
    let b = seg(m.mem.get(p, 36))?;
    let mut f = [0i32; 9];
    for (i, v) in f.iter_mut().enumerate() {
        *v = i32::from_le_bytes([b[i * 4], b[i * 4 + 1], b[i * 4 + 2], b[i * 4 + 3]]);
    }
    Ok(f)
}
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
fn asctime_of(f: &[i32; 9]) -> String {
    let day = DAYS.get(f[6] as usize).map_or("???", |d| &d[..3]);
    let mon = MONTHS.get(f[4] as usize).map_or("???", |d| &d[..3]);
    format!(
        "{day} {mon} {:2} {:02}:{:02}:{:02} {}\n",
        f[3],
        f[2],
        f[1],
        f[0],
        f[5] + 1900
    )
}
fn n_asctime(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let f = tryn!(read_tm(m, arg(a, 0)));
    let mut s = asctime_of(&f).into_bytes();
    s.push(0);
    let p = m.lib.scratch + 256;
    tryn!(seg(m.mem.write(p, &s)));
    Native::Ret(p)
}
fn n_ctime(m: &mut Machine, os: &mut dyn Os, a: &[u64]) -> Native {
    let Native::Ret(tm) = n_gmtime(m, os, a) else {
        return Native::Signal(SIGSEGV);
    };
    n_asctime(m, os, &[tm])
}
fn n_strftime(m: &mut Machine, _: &mut dyn Os, a: &[u64]) -> Native {
    let (s, max, fmt) = (arg(a, 0), arg(a, 1) as usize, tryn!(cstr(m, arg(a, 2))));
    let f = tryn!(read_tm(m, arg(a, 3)));
    let mut out = String::new();
    let mut it = fmt.iter();
    while let Some(&c) = it.next() {
        if c != b'%' {
            out.push(c as char);
            continue;
        }
        let Some(&k) = it.next() else { break };
        let day = DAYS.get(f[6] as usize).copied().unwrap_or("?");
        let mon = MONTHS.get(f[4] as usize).copied().unwrap_or("?");
        match k {
            b'Y' => out.push_str(&(f[5] + 1900).to_string()),
            b'y' => out.push_str(&format!("{:02}", (f[5] + 1900) % 100)),
            b'm' => out.push_str(&format!("{:02}", f[4] + 1)),
            b'd' => out.push_str(&format!("{:02}", f[3])),
            b'e' => out.push_str(&format!("{:2}", f[3])),
            b'H' => out.push_str(&format!("{:02}", f[2])),
            b'I' => out.push_str(&format!(
                "{:02}",
                if f[2] % 12 == 0 { 12 } else { f[2] % 12 }
            )),
            b'M' => out.push_str(&format!("{:02}", f[1])),
            b'S' => out.push_str(&format!("{:02}", f[0])),
            b'p' => out.push_str(if f[2] < 12 { "AM" } else { "PM" }),
            b'a' => out.push_str(&day[..3.min(day.len())]),
            b'A' => out.push_str(day),
            b'b' | b'h' => out.push_str(&mon[..3.min(mon.len())]),
            b'B' => out.push_str(mon),
            b'j' => out.push_str(&format!("{:03}", f[7] + 1)),
            b'Z' => out.push_str("UTC"),
            b'z' => out.push_str("+0000"),
            b'T' => out.push_str(&format!("{:02}:{:02}:{:02}", f[2], f[1], f[0])),
            b'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                f[4] + 1,
                f[3],
                (f[5] + 1900) % 100
            )),
            b'F' => out.push_str(&format!("{}-{:02}-{:02}", f[5] + 1900, f[4] + 1, f[3])),
            b'c' => out.push_str(asctime_of(&f).trim_end()),
            b'n' => out.push('\n'),
            b't' => out.push('\t'),
            b'%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other as char);
            }
        }
    }
    if out.len() + 1 > max {
        return ret_i(0);
    }
    let mut b = out.into_bytes();
    b.push(0);
    tryn!(seg(m.mem.write(s, &b)));
    ret_i(b.len() as i64 - 1)
}

natives! {
    "printf" => n_printf, "fprintf" => n_fprintf, "sprintf" => n_sprintf, "snprintf" => n_snprintf,
    "dprintf" => n_dprintf, "vprintf" => n_vprintf, "vfprintf" => n_vfprintf, "vsprintf" => n_vsprintf,
    "vsnprintf" => n_vsnprintf, "scanf" => n_scanf, "fscanf" => n_fscanf, "sscanf" => n_sscanf,
    "puts" => n_puts, "fputs" => n_fputs, "putchar" => n_putchar, "fputc" => n_fputc, "putc" => n_fputc,
    "getchar" => n_getchar, "fgetc" => n_fgetc, "getc" => n_fgetc, "ungetc" => n_ungetc,
    "fgets" => n_fgets, "gets" => n_gets, "getline" => n_getline, "fflush" => n_fflush,
    "fopen" => n_fopen, "fdopen" => n_fdopen, "fclose" => n_fclose, "fileno" => n_fileno,
    "feof" => n_feof, "ferror" => n_ferror, "clearerr" => n_clearerr, "perror" => n_perror,
    "setbuf" => n_setbuf, "setvbuf" => n_setvbuf, "fread" => n_fread, "fwrite" => n_fwrite,
    "remove" => n_remove,
    "malloc" => n_malloc, "calloc" => n_calloc, "realloc" => n_realloc, "free" => n_free,
    "exit" => n_exit, "_exit" => n_exit, "abort" => n_abort, "atexit" => n_atexit,
    "atoi" => n_atoi, "atol" => n_atol, "atoll" => n_atol, "atof" => n_atof,
    "strtol" => n_strtol, "strtoul" => n_strtoul, "strtoll" => n_strtol, "strtoull" => n_strtoul,
    "strtod" => n_strtod, "abs" => n_abs, "labs" => n_labs, "rand" => n_rand, "srand" => n_srand,
    "getenv" => n_getenv,
    "strlen" => n_strlen, "strcpy" => n_strcpy, "strncpy" => n_strncpy, "strcat" => n_strcat,
    "strncat" => n_strncat, "strcmp" => n_strcmp, "strncmp" => n_strncmp,
    "strcasecmp" => n_strcasecmp, "strncasecmp" => n_strncasecmp, "strchr" => n_strchr,
    "strrchr" => n_strrchr, "strstr" => n_strstr, "strdup" => n_strdup, "strndup" => n_strndup,
    "strtok" => n_strtok, "strerror" => n_strerror, "strspn" => n_strspn, "strcspn" => n_strcspn,
    "strpbrk" => n_strpbrk, "memset" => n_memset, "memcpy" => n_memcpy, "memmove" => n_memcpy,
    "memcmp" => n_memcmp, "memchr" => n_memchr, "bzero" => n_bzero, "bcopy" => n_bcopy,
    "read" => n_read, "write" => n_write, "close" => n_close, "sleep" => n_sleep,
    "usleep" => n_usleep, "nanosleep" => n_nanosleep, "getpid" => n_getpid, "getppid" => n_getppid,
    "isatty" => n_isatty, "gethostname" => n_gethostname, "unlink" => n_unlink, "getopt" => n_getopt,
    "socket" => n_socket, "bind" => n_bind, "listen" => n_listen, "accept" => n_accept,
    "connect" => n_connect, "send" => n_send, "recv" => n_recv, "sendto" => n_sendto,
    "recvfrom" => n_recvfrom, "setsockopt" => n_setsockopt, "getsockopt" => n_getsockopt,
    "shutdown" => n_shutdown, "getsockname" => n_getsockname, "getpeername" => n_getpeername,
    "htons" => n_htons, "ntohs" => n_htons, "htonl" => n_htonl, "ntohl" => n_htonl,
    "inet_addr" => n_inet_addr, "inet_aton" => n_inet_aton, "inet_ntoa" => n_inet_ntoa,
    "inet_pton" => n_inet_pton, "inet_ntop" => n_inet_ntop, "gethostbyname" => n_gethostbyname,
    "getaddrinfo" => n_getaddrinfo, "freeaddrinfo" => n_freeaddrinfo,
    "gai_strerror" => n_gai_strerror, "herror" => n_herror,
    "__fd_zero" => n_fd_zero, "__fd_set" => n_fd_set, "__fd_clr" => n_fd_clr,
    "__fd_isset" => n_fd_isset, "select" => n_select, "poll" => n_poll,
    "signal" => n_signal, "raise" => n_raise, "kill" => n_kill, "__assert_fail" => n_assert_fail,
    "open" => n_open, "fcntl" => n_fcntl,
    "isalpha" => n_isalpha, "isdigit" => n_isdigit, "isalnum" => n_isalnum, "isspace" => n_isspace,
    "isupper" => n_isupper, "islower" => n_islower, "isprint" => n_isprint, "ispunct" => n_ispunct,
    "isxdigit" => n_isxdigit, "iscntrl" => n_iscntrl, "isgraph" => n_isgraph, "isblank" => n_isblank,
    "toupper" => n_toupper, "tolower" => n_tolower,
    "sqrt" => n_sqrt, "pow" => n_pow, "fabs" => n_fabs, "floor" => n_floor, "ceil" => n_ceil,
    "round" => n_round, "trunc" => n_trunc, "sin" => n_sin, "cos" => n_cos, "tan" => n_tan,
    "asin" => n_asin, "acos" => n_acos, "atan" => n_atan, "atan2" => n_atan2, "exp" => n_exp,
    "log" => n_log, "log10" => n_log10, "log2" => n_log2, "fmod" => n_fmod, "hypot" => n_hypot,
    "cbrt" => n_cbrt, "sqrtf" => n_sqrtf, "fabsf" => n_fabsf,
    "time" => n_time, "clock" => n_clock, "difftime" => n_difftime, "localtime" => n_gmtime,
    "gmtime" => n_gmtime, "ctime" => n_ctime, "asctime" => n_asctime, "strftime" => n_strftime,
    "gettimeofday" => n_gettimeofday,
}
