//! The machine that runs a linked [`Program`]: registers, frames, memory, and a resumable
//! run loop. `run` executes at most a budget of instructions and returns why it stopped:
//! the program exited, was killed by a signal, is waiting on the outside world, or used up
//! its budget. Nothing it does can panic on a valid program, and `Program::from_bytes`
//! only hands out valid ones.

use std::rc::Rc;

use super::code::{Func, Op, Program, Reg};
use super::libc::{self, LibState, Native};
use super::mem::{self, Memory, NATIVE_BASE, SEG_STACK, SEG_TEXT};
use super::os::Os;

/// Why [`Machine::run`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// The program exited with this status (`exit(n)` or returning from `main`).
    Exited(i32),
    /// A call would block; the machine retries it on the next `run`.
    Blocked,
    /// The step budget is used up; call `run` again to go on.
    Yielded,
    /// The program was killed by this signal (11 = SIGSEGV: print `Segmentation fault
    /// (core dumped)` and use status 128 + 11 = 139; 2 = SIGINT: status 130).
    Signaled(i32),
}

impl RunState {
    /// The exit status a shell reports (`$?`): the status, or 128 + the signal.
    pub fn status(&self) -> Option<i32> {
        match self {
            RunState::Exited(n) => Some(*n),
            RunState::Signaled(s) => Some(128 + s),
            _ => None,
        }
    }

    /// What bash prints when a program dies of its signal (`None` for Ctrl-C, which
    /// prints nothing, and for programs that are still running or exited).
    pub fn shell_message(&self) -> Option<&'static str> {
        let RunState::Signaled(s) = self else {
            return None;
        };
        Some(match s {
            1 => "Hangup",
            3 => "Quit (core dumped)",
            4 => "Illegal instruction (core dumped)",
            6 => "Aborted (core dumped)",
            8 => "Floating point exception (core dumped)",
            9 => "Killed",
            11 => "Segmentation fault (core dumped)",
            14 => "Alarm clock",
            15 => "Terminated",
            _ => return None,
        })
    }
}

/// SIGSEGV.
pub const SIGSEGV: i32 = 11;
/// SIGFPE.
pub const SIGFPE: i32 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// Why a frame was entered.
pub enum FrameKind {
    /// An ordinary call.
    Normal,
    /// A signal handler: returning resumes the interrupted code.
    Signal,
    /// An `atexit` handler: returning goes on with `exit`.
    AtExit,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Frame {
    func: u32,
    pc: u32,
    base: u32,
    fp: u32,
    sp: u32,
    va: u64,
    dst: Option<Reg>,
    kind: FrameKind,
}

enum Event {
    Native { f: u32, args: Reg, n: u32, d: Reg },
    Budget,
    Fault(i32),
    MainReturned(u64),
    HandlerDone(FrameKind),
}

/// A running C program.
pub struct Machine {
    prog: Rc<Program>,
    pub(super) mem: Memory,
    regs: Vec<u64>,
    frames: Vec<Frame>,
    cur: Frame,
    sp: u32,
    pub(super) lib: LibState,
    done: Option<RunState>,
    exiting: Option<i32>,
    in_atexit: bool,
    args: Vec<u64>,
    /// Instructions executed so far.
    pub steps: u64,
}

const MAX_DEPTH: usize = 200_000;

impl Machine {
    /// A machine about to run `main(argc, argv, envp)`.
    pub fn new(program: Program, argv: &[String], envp: &[String]) -> Machine {
        let prog = Rc::new(program);
        let mut mem = Memory::new(prog.rodata.clone(), prog.data.clone());
        // argv and envp strings and arrays live in the library segment.
        let mut ptrs = Vec::new();
        for a in argv {
            let mut b = a.as_bytes().to_vec();
            b.push(0);
            ptrs.push(mem.lib_alloc(&b));
        }
        let mut eptrs = Vec::new();
        for e in envp {
            let mut b = e.as_bytes().to_vec();
            b.push(0);
            eptrs.push(mem.lib_alloc(&b));
        }
        let arr = |v: &[u64]| -> Vec<u8> {
            let mut out = Vec::new();
            for p in v {
                out.extend_from_slice(&p.to_le_bytes());
            }
            out.extend_from_slice(&0u64.to_le_bytes());
            out
        };
        let argv_p = mem.lib_alloc(&arr(&ptrs));
        let envp_p = mem.lib_alloc(&arr(&eptrs));
        let mut lib = LibState::new(&prog, &mut mem, envp);
        lib.set_progname(argv.first().map_or("", |s| s.as_str()));
        let entry = prog.entry;
        let nregs = prog.funcs.get(entry as usize).map_or(1, |f| f.nregs).max(3) as usize;
        let mut regs = vec![0u64; nregs.max(64)];
        regs[0] = argv.len() as u64;
        regs[1] = argv_p;
        regs[2] = envp_p;
        let frame_size = prog.funcs.get(entry as usize).map_or(0, |f| f.frame_size);
        let mut m = Machine {
            prog,
            mem,
            regs,
            frames: Vec::new(),
            cur: Frame {
                func: entry,
                pc: 0,
                base: 0,
                fp: 0,
                sp: 0,
                va: 0,
                dst: None,
                kind: FrameKind::Normal,
            },
            sp: frame_size,
            lib,
            done: None,
            exiting: None,
            in_atexit: false,
            args: Vec::new(),
            steps: 0,
        };
        if !m.mem.grow_stack(frame_size as usize + 64) {
            m.done = Some(RunState::Signaled(SIGSEGV));
        }
        m
    }

    /// Runs at most `budget` instructions.
    pub fn run(&mut self, budget: u64, os: &mut dyn Os) -> RunState {
        if let Some(d) = self.done {
            return d;
        }
        if let Some(sig) = os.pending_signal() {
            if let Some(s) = self.deliver(sig, os) {
                return s;
            }
        }
        let mut left = budget.max(1);
        loop {
            if let (Some(code), false) = (self.exiting, self.in_atexit) {
                match self.continue_exit(code, os) {
                    Some(s) => return s,
                    None => continue,
                }
            }
            let before = left;
            let ev = self.exec(&mut left);
            self.steps += before - left;
            match ev {
                Event::Budget => return RunState::Yielded,
                Event::Fault(sig) => return self.die(sig, os),
                Event::MainReturned(v) => {
                    self.exiting = Some(v as i32);
                    self.lib.exit_started = true;
                }
                Event::HandlerDone(FrameKind::AtExit) => self.in_atexit = false,
                Event::HandlerDone(_) => {}
                Event::Native { f, args, n, d } => {
                    let mut a = std::mem::take(&mut self.args);
                    a.clear();
                    let base = self.cur.base as usize + args as usize;
                    for i in 0..n as usize {
                        a.push(self.regs.get(base + i).copied().unwrap_or(0));
                    }
                    let r = libc::call(self, os, f, &a);
                    self.args = a;
                    match r {
                        Native::Ret(v) => {
                            if let Some(slot) =
                                self.regs.get_mut(self.cur.base as usize + d as usize)
                            {
                                *slot = v;
                            }
                            self.cur.pc += 1;
                            left = left.saturating_sub(1);
                            if left == 0 {
                                return RunState::Yielded;
                            }
                        }
                        Native::Block => {
                            if let Some(sig) = os.pending_signal() {
                                if let Some(s) = self.deliver(sig, os) {
                                    return s;
                                }
                                continue;
                            }
                            return RunState::Blocked;
                        }
                        Native::Exit(code) => {
                            self.cur.pc += 1;
                            self.in_atexit = false;
                            self.exiting = Some(code);
                            self.lib.exit_started = true;
                        }
                        Native::Signal(sig) => return self.die(sig, os),
                        Native::Call { func, arg, kind } => {
                            // A library function asks to run a program function (a signal
                            // handler raised synchronously).
                            self.cur.pc += 1;
                            if let Some(s) = self.push_handler(func, arg, kind) {
                                return self.die(s, os);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Delivers a signal: runs the handler, ignores it, or ends the program.
    fn deliver(&mut self, sig: i32, os: &mut dyn Os) -> Option<RunState> {
        let h = self.lib.handler(sig);
        match h {
            0 => Some(self.die(sig, os)),
            1 => None,
            f => self
                .push_handler(f, sig as u64, FrameKind::Signal)
                .map(|s| self.die(s, os)),
        }
    }

    /// Ends the program by a signal. Buffered output is lost, as when a real process dies.
    fn die(&mut self, sig: i32, os: &mut dyn Os) -> RunState {
        let s = RunState::Signaled(sig);
        os.exit(128 + sig);
        self.done = Some(s);
        s
    }

    fn continue_exit(&mut self, code: i32, os: &mut dyn Os) -> Option<RunState> {
        if let Some(f) = self.lib.atexit.pop() {
            self.frames.clear();
            if let Some(sig) = self.push_handler(f, 0, FrameKind::AtExit) {
                return Some(self.die(sig, os));
            }
            self.in_atexit = true;
            return None;
        }
        match libc::flush_all(self, os) {
            Ok(()) => {}
            Err(libc::Flush::Block) => return Some(RunState::Blocked),
            Err(libc::Flush::Signal(s)) => return Some(self.die(s, os)),
        }
        os.exit(code & 0xff);
        let s = RunState::Exited(code & 0xff);
        self.done = Some(s);
        Some(s)
    }

    /// Pushes a call of program function pointer `f` with one argument.
    fn push_handler(&mut self, f: u64, arg: u64, kind: FrameKind) -> Option<i32> {
        let (seg, idx) = mem::split(f);
        if seg != SEG_TEXT as usize || idx >= self.prog.funcs.len() {
            return Some(SIGSEGV);
        }
        let caller_regs = self
            .prog
            .funcs
            .get(self.cur.func as usize)
            .map_or(0, |f| f.nregs);
        let new_base = if self.exiting.is_some() && kind == FrameKind::AtExit {
            0
        } else {
            self.cur.base + caller_regs
        };
        let prog = self.prog.clone();
        let callee = &prog.funcs[idx];
        if self
            .enter(callee, idx as u32, new_base, None, kind)
            .is_err()
        {
            return Some(SIGSEGV);
        }
        self.regs[new_base as usize] = arg;
        None
    }

    /// Sets up a frame for `callee` with registers from `new_base`.
    fn enter(
        &mut self,
        callee: &Func,
        idx: u32,
        new_base: u32,
        dst: Option<Reg>,
        kind: FrameKind,
    ) -> Result<(), ()> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(());
        }
        let end = new_base as usize + callee.nregs as usize;
        if self.regs.len() < end {
            self.regs.resize(end.max(self.regs.len() * 2), 0);
        }
        self.regs[new_base as usize..end].fill(0);
        let fp = (self.sp + 15) & !15;
        let sp = fp as usize + callee.frame_size as usize;
        if !self.mem.grow_stack(sp + 64) {
            return Err(());
        }
        self.mem.clear_stack(fp as usize, sp);
        let mut saved = self.cur;
        saved.sp = self.sp;
        saved.dst = dst;
        self.frames.push(saved);
        self.cur = Frame {
            func: idx,
            pc: 0,
            base: new_base,
            fp,
            sp: sp as u32,
            va: 0,
            dst: None,
            kind,
        };
        self.sp = sp as u32;
        Ok(())
    }

    /// Runs instructions until something needs the outside world.
    fn exec(&mut self, left: &mut u64) -> Event {
        let prog = self.prog.clone();
        'frames: loop {
            let Some(func) = prog.funcs.get(self.cur.func as usize) else {
                return Event::Fault(SIGSEGV);
            };
            let code: &[Op] = &func.code;
            let base = self.cur.base as usize;
            let fp = self.cur.fp;
            let mut pc = self.cur.pc as usize;
            let regs = &mut self.regs;
            let mem = &mut self.mem;
            let mut budget = *left;
            macro_rules! r {
                ($x:expr) => {
                    regs[base + $x as usize]
                };
            }
            macro_rules! save {
                () => {
                    self.cur.pc = pc as u32;
                    *left = budget;
                };
            }
            macro_rules! fault {
                ($sig:expr) => {{
                    save!();
                    return Event::Fault($sig);
                }};
            }
            macro_rules! ld {
                ($d:expr, $a:expr, $off:expr, $n:literal, $conv:expr) => {{
                    let p = r!($a).wrapping_add($off as i64 as u64);
                    match mem.read::<$n>(p) {
                        Ok(b) => r!($d) = $conv(b),
                        Err(_) => fault!(SIGSEGV),
                    }
                }};
            }
            macro_rules! st {
                ($s:expr, $a:expr, $off:expr, $bytes:expr) => {{
                    let p = r!($a).wrapping_add($off as i64 as u64);
                    if mem.write(p, &$bytes).is_err() {
                        fault!(SIGSEGV);
                    }
                }};
            }
            macro_rules! f {
                ($x:expr) => {
                    f64::from_bits(r!($x))
                };
            }
            loop {
                if budget == 0 {
                    save!();
                    return Event::Budget;
                }
                budget -= 1;
                let Some(&op) = code.get(pc) else {
                    fault!(SIGSEGV)
                };
                pc += 1;
                match op {
                    Op::Const { d, v } => r!(d) = v,
                    Op::Mov { d, s } => r!(d) = r!(s),
                    Op::AddImm { d, a, imm } => r!(d) = r!(a).wrapping_add(imm as i64 as u64),
                    Op::AddImm32 { d, a, imm } => {
                        r!(d) = (r!(a) as i32).wrapping_add(imm) as i64 as u64
                    }
                    Op::Add64 { d, a, b } => r!(d) = r!(a).wrapping_add(r!(b)),
                    Op::Add32 { d, a, b } => {
                        r!(d) = (r!(a) as i32).wrapping_add(r!(b) as i32) as i64 as u64
                    }
                    Op::Sub64 { d, a, b } => r!(d) = r!(a).wrapping_sub(r!(b)),
                    Op::Sub32 { d, a, b } => {
                        r!(d) = (r!(a) as i32).wrapping_sub(r!(b) as i32) as i64 as u64
                    }
                    Op::Mul64 { d, a, b } => r!(d) = r!(a).wrapping_mul(r!(b)),
                    Op::Mul32 { d, a, b } => {
                        r!(d) = (r!(a) as i32).wrapping_mul(r!(b) as i32) as i64 as u64
                    }
                    Op::DivS32 { d, a, b } => match (r!(a) as i32).checked_div(r!(b) as i32) {
                        Some(v) => r!(d) = v as i64 as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::DivU32 { d, a, b } => match (r!(a) as u32).checked_div(r!(b) as u32) {
                        Some(v) => r!(d) = v as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::DivS64 { d, a, b } => match (r!(a) as i64).checked_div(r!(b) as i64) {
                        Some(v) => r!(d) = v as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::DivU64 { d, a, b } => match r!(a).checked_div(r!(b)) {
                        Some(v) => r!(d) = v,
                        None => fault!(SIGFPE),
                    },
                    Op::RemS32 { d, a, b } => match (r!(a) as i32).checked_rem(r!(b) as i32) {
                        Some(v) => r!(d) = v as i64 as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::RemU32 { d, a, b } => match (r!(a) as u32).checked_rem(r!(b) as u32) {
                        Some(v) => r!(d) = v as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::RemS64 { d, a, b } => match (r!(a) as i64).checked_rem(r!(b) as i64) {
                        Some(v) => r!(d) = v as u64,
                        None => fault!(SIGFPE),
                    },
                    Op::RemU64 { d, a, b } => match r!(a).checked_rem(r!(b)) {
                        Some(v) => r!(d) = v,
                        None => fault!(SIGFPE),
                    },
                    Op::And { d, a, b } => r!(d) = r!(a) & r!(b),
                    Op::Or { d, a, b } => r!(d) = r!(a) | r!(b),
                    Op::Xor { d, a, b } => r!(d) = r!(a) ^ r!(b),
                    Op::Shl32 { d, a, b } => {
                        r!(d) = (r!(a) as i32).wrapping_shl(r!(b) as u32) as i64 as u64
                    }
                    Op::Shl64 { d, a, b } => r!(d) = r!(a).wrapping_shl(r!(b) as u32),
                    Op::ShrS32 { d, a, b } => {
                        r!(d) = (r!(a) as i32).wrapping_shr(r!(b) as u32) as i64 as u64
                    }
                    Op::ShrU32 { d, a, b } => {
                        r!(d) = (r!(a) as u32).wrapping_shr(r!(b) as u32) as u64
                    }
                    Op::ShrS64 { d, a, b } => {
                        r!(d) = (r!(a) as i64).wrapping_shr(r!(b) as u32) as u64
                    }
                    Op::ShrU64 { d, a, b } => r!(d) = r!(a).wrapping_shr(r!(b) as u32),
                    Op::Eq { d, a, b } => r!(d) = (r!(a) == r!(b)) as u64,
                    Op::Ne { d, a, b } => r!(d) = (r!(a) != r!(b)) as u64,
                    Op::LtS { d, a, b } => r!(d) = ((r!(a) as i64) < (r!(b) as i64)) as u64,
                    Op::LeS { d, a, b } => r!(d) = ((r!(a) as i64) <= (r!(b) as i64)) as u64,
                    Op::LtU { d, a, b } => r!(d) = (r!(a) < r!(b)) as u64,
                    Op::LeU { d, a, b } => r!(d) = (r!(a) <= r!(b)) as u64,
                    Op::Neg64 { d, a } => r!(d) = r!(a).wrapping_neg(),
                    Op::Neg32 { d, a } => r!(d) = (r!(a) as i32).wrapping_neg() as i64 as u64,
                    Op::BitNot { d, a } => r!(d) = !r!(a),
                    Op::Not { d, a } => r!(d) = (r!(a) == 0) as u64,
                    Op::Sext8 { d, a } => r!(d) = r!(a) as i8 as i64 as u64,
                    Op::Sext16 { d, a } => r!(d) = r!(a) as i16 as i64 as u64,
                    Op::Sext32 { d, a } => r!(d) = r!(a) as i32 as i64 as u64,
                    Op::Zext8 { d, a } => r!(d) = r!(a) as u8 as u64,
                    Op::Zext16 { d, a } => r!(d) = r!(a) as u16 as u64,
                    Op::Zext32 { d, a } => r!(d) = r!(a) as u32 as u64,
                    Op::ToBool { d, a } => r!(d) = (r!(a) != 0) as u64,
                    Op::AddF { d, a, b } => r!(d) = (f!(a) + f!(b)).to_bits(),
                    Op::SubF { d, a, b } => r!(d) = (f!(a) - f!(b)).to_bits(),
                    Op::MulF { d, a, b } => r!(d) = (f!(a) * f!(b)).to_bits(),
                    Op::DivF { d, a, b } => r!(d) = (f!(a) / f!(b)).to_bits(),
                    Op::NegF { d, a } => r!(d) = (-f!(a)).to_bits(),
                    Op::EqF { d, a, b } => r!(d) = (f!(a) == f!(b)) as u64,
                    Op::NeF { d, a, b } => r!(d) = (f!(a) != f!(b)) as u64,
                    Op::LtF { d, a, b } => r!(d) = (f!(a) < f!(b)) as u64,
                    Op::LeF { d, a, b } => r!(d) = (f!(a) <= f!(b)) as u64,
                    Op::RoundF32 { d, a } => r!(d) = (f!(a) as f32 as f64).to_bits(),
                    Op::SToF { d, a } => r!(d) = (r!(a) as i64 as f64).to_bits(),
                    Op::UToF { d, a } => r!(d) = (r!(a) as f64).to_bits(),
                    Op::FToS { d, a } => {
                        let v = f!(a);
                        // x86 gives the "integer indefinite" value for out-of-range.
                        r!(d) = if v.is_nan()
                            || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v)
                        {
                            i64::MIN as u64
                        } else {
                            v as i64 as u64
                        };
                    }
                    Op::FToU { d, a } => r!(d) = f!(a) as u64,
                    Op::LdI8 { d, a, off } => {
                        ld!(d, a, off, 1, |b: [u8; 1]| b[0] as i8 as i64 as u64)
                    }
                    Op::LdU8 { d, a, off } => ld!(d, a, off, 1, |b: [u8; 1]| b[0] as u64),
                    Op::LdI16 { d, a, off } => {
                        ld!(d, a, off, 2, |b| i16::from_le_bytes(b) as i64 as u64)
                    }
                    Op::LdU16 { d, a, off } => ld!(d, a, off, 2, |b| u16::from_le_bytes(b) as u64),
                    Op::LdI32 { d, a, off } => {
                        ld!(d, a, off, 4, |b| i32::from_le_bytes(b) as i64 as u64)
                    }
                    Op::LdU32 { d, a, off } => ld!(d, a, off, 4, |b| u32::from_le_bytes(b) as u64),
                    Op::Ld64 { d, a, off } => ld!(d, a, off, 8, u64::from_le_bytes),
                    Op::LdF32 { d, a, off } => {
                        ld!(d, a, off, 4, |b| (f32::from_le_bytes(b) as f64).to_bits())
                    }
                    Op::St8 { s, a, off } => st!(s, a, off, [r!(s) as u8]),
                    Op::St16 { s, a, off } => st!(s, a, off, (r!(s) as u16).to_le_bytes()),
                    Op::St32 { s, a, off } => st!(s, a, off, (r!(s) as u32).to_le_bytes()),
                    Op::St64 { s, a, off } => st!(s, a, off, r!(s).to_le_bytes()),
                    Op::StF32 { s, a, off } => st!(s, a, off, (f!(s) as f32).to_le_bytes()),
                    Op::FrameAddr { d, off } => r!(d) = mem::ptr(SEG_STACK, fp.wrapping_add(off)),
                    Op::Copy { d, s, n } => {
                        if mem.copy(r!(d), r!(s), n as usize).is_err() {
                            fault!(SIGSEGV);
                        }
                    }
                    Op::Zero { a, n } => match mem.get_mut(r!(a), n as usize) {
                        Ok(b) => b.fill(0),
                        Err(_) => fault!(SIGSEGV),
                    },
                    Op::Jmp { t } => pc = t as usize,
                    Op::Jz { c, t } => {
                        if r!(c) == 0 {
                            pc = t as usize;
                        }
                    }
                    Op::Jnz { c, t } => {
                        if r!(c) != 0 {
                            pc = t as usize;
                        }
                    }
                    Op::BrEq { a, b, t } => {
                        if r!(a) == r!(b) {
                            pc = t as usize;
                        }
                    }
                    Op::BrNe { a, b, t } => {
                        if r!(a) != r!(b) {
                            pc = t as usize;
                        }
                    }
                    Op::BrLtS { a, b, t } => {
                        if (r!(a) as i64) < (r!(b) as i64) {
                            pc = t as usize;
                        }
                    }
                    Op::BrLeS { a, b, t } => {
                        if (r!(a) as i64) <= (r!(b) as i64) {
                            pc = t as usize;
                        }
                    }
                    Op::BrLtU { a, b, t } => {
                        if r!(a) < r!(b) {
                            pc = t as usize;
                        }
                    }
                    Op::BrLeU { a, b, t } => {
                        if r!(a) <= r!(b) {
                            pc = t as usize;
                        }
                    }
                    Op::BrEqI { a, imm, t } => {
                        if r!(a) as i64 == imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::BrNeI { a, imm, t } => {
                        if r!(a) as i64 != imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::BrLtI { a, imm, t } => {
                        if (r!(a) as i64) < imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::BrLeI { a, imm, t } => {
                        if r!(a) as i64 <= imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::BrGtI { a, imm, t } => {
                        if r!(a) as i64 > imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::BrGeI { a, imm, t } => {
                        if r!(a) as i64 >= imm as i64 {
                            pc = t as usize;
                        }
                    }
                    Op::Call { f, args, n, d } => {
                        pc -= 1;
                        save!();
                        if self.call(&prog, f, args, n, d).is_err() {
                            return Event::Fault(SIGSEGV);
                        }
                        continue 'frames;
                    }
                    Op::CallNative { f, args, n, d } => {
                        pc -= 1;
                        save!();
                        return Event::Native { f, args, n, d };
                    }
                    Op::CallInd { p, args, n, d } => {
                        let (seg, idx) = mem::split(r!(p));
                        pc -= 1;
                        save!();
                        if seg != SEG_TEXT as usize {
                            return Event::Fault(SIGSEGV);
                        }
                        if idx >= NATIVE_BASE as usize {
                            return Event::Native {
                                f: (idx - NATIVE_BASE as usize) as u32,
                                args,
                                n,
                                d,
                            };
                        }
                        if idx >= prog.funcs.len()
                            || self.call(&prog, idx as u32, args, n, d).is_err()
                        {
                            return Event::Fault(SIGSEGV);
                        }
                        continue 'frames;
                    }
                    Op::Ret { s } => {
                        let v = r!(s);
                        save!();
                        if let Some(ev) = self.ret(v) {
                            return ev;
                        }
                        continue 'frames;
                    }
                    Op::RetVoid => {
                        save!();
                        if let Some(ev) = self.ret(0) {
                            return ev;
                        }
                        continue 'frames;
                    }
                    Op::VaStart { d } => r!(d) = self.cur.va,
                    Op::StackAlloc { d, n } => {
                        let size = r!(n);
                        let at = (self.sp as u64 + 15) & !15;
                        let end = at.saturating_add(size);
                        if end > mem::STACK_LIMIT as u64 || !mem.grow_stack(end as usize + 64) {
                            fault!(SIGSEGV);
                        }
                        mem.clear_stack(at as usize, end as usize);
                        self.sp = end as u32;
                        r!(d) = mem::ptr(SEG_STACK, at as u32);
                    }
                    Op::StackSave { d } => r!(d) = self.sp as u64,
                    Op::StackRestore { s } => {
                        // Never below this frame's own locals.
                        let floor = self.cur.sp as u64;
                        let v = r!(s).max(floor);
                        if v < self.sp as u64 {
                            self.sp = v as u32;
                        }
                    }
                    Op::Trap { sig } => fault!(sig as i32),
                    Op::SymAddr { .. } | Op::StrAddr { .. } | Op::CallSym { .. } => fault!(SIGSEGV),
                }
            }
        }
    }

    /// A call of program function `f`; the current frame's pc is at the call.
    fn call(&mut self, prog: &Program, f: u32, args: Reg, n: u32, d: Reg) -> Result<(), ()> {
        let callee = prog.funcs.get(f as usize).ok_or(())?;
        let caller_regs = prog
            .funcs
            .get(self.cur.func as usize)
            .map_or(0, |f| f.nregs);
        let new_base = self.cur.base + caller_regs;
        let from = self.cur.base as usize + args as usize;
        self.cur.pc += 1;
        self.enter(callee, f, new_base, Some(d), FrameKind::Normal)?;
        let fixed = (callee.nparams.min(n)) as usize;
        for i in 0..fixed {
            self.regs[new_base as usize + i] = self.regs[from + i];
        }
        if callee.variadic && n > callee.nparams {
            let extra = (n - callee.nparams) as usize;
            let at = self.sp as usize;
            if !self.mem.grow_stack(at + extra * 8 + 64) {
                return Err(());
            }
            for i in 0..extra {
                let v = self.regs[from + fixed + i];
                let _ = self
                    .mem
                    .write(mem::ptr(SEG_STACK, (at + i * 8) as u32), &v.to_le_bytes());
            }
            self.cur.va = mem::ptr(SEG_STACK, at as u32);
            self.sp = (at + extra * 8) as u32;
        }
        Ok(())
    }

    /// Returns from the current frame; `Some` when that leaves the program's code.
    fn ret(&mut self, v: u64) -> Option<Event> {
        let kind = self.cur.kind;
        let Some(caller) = self.frames.pop() else {
            return Some(Event::MainReturned(v));
        };
        self.sp = caller.sp;
        let dst = caller.dst;
        self.cur = caller;
        self.cur.dst = None;
        if let Some(d) = dst {
            if let Some(slot) = self.regs.get_mut(self.cur.base as usize + d as usize) {
                *slot = v;
            }
        }
        if kind != FrameKind::Normal {
            return Some(Event::HandlerDone(kind));
        }
        None
    }

    /// The program being run.
    pub fn program(&self) -> &Program {
        &self.prog
    }
}
