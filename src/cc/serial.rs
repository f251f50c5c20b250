//! The byte formats of executables and object files, and their loading with validation.
//!
//! An executable starts with `\x7fELF`, then (within the first 256 bytes) the line
//! `berth-exec:c-program`, then a format version and the program in a compact varint
//! encoding. Object files carry `berth-object:c` instead. Loading checks every register,
//! jump target and function number, so a loaded program cannot make the machine panic;
//! garbage gives a [`LoadError`].

use super::code::*;
use super::libc;
use super::mem::STACK_LIMIT;

/// The line the shell looks for to run a file as a C program.
pub const EXEC_TAG: &[u8] = b"berth-exec:c-program\n";
/// The line that marks an object file.
pub const OBJ_TAG: &[u8] = b"berth-object:c\n";
const ELF_HEAD: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00";
const VERSION: u8 = 1;

/// Why bytes are not a program (or object) this compiler made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No ELF header or tag: not one of ours.
    NotOurs,
    /// Made by another version of the format.
    Version(u8),
    /// Cut short or inconsistent.
    Corrupt(&'static str),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotOurs => write!(f, "not a compiled C program"),
            LoadError::Version(v) => write!(f, "program format version {v} is not supported"),
            LoadError::Corrupt(what) => write!(f, "corrupt program: {what}"),
        }
    }
}

struct W(Vec<u8>);

impl W {
    fn v(&mut self, mut x: u64) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn reg(&mut self, r: u32) {
        self.v(r as u64);
    }
    fn imm(&mut self, i: i32) {
        self.v(((i << 1) ^ (i >> 31)) as u32 as u64);
    }
    fn i64(&mut self, i: i64) {
        self.v(((i << 1) ^ (i >> 63)) as u64);
    }
    fn bytes(&mut self, b: &[u8]) {
        self.v(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn u8(&mut self, b: u8) {
        self.0.push(b);
    }
}

struct R<'a> {
    b: &'a [u8],
    i: usize,
}

type Res<T> = Result<T, LoadError>;

impl R<'_> {
    fn u8(&mut self) -> Res<u8> {
        let x = *self.b.get(self.i).ok_or(LoadError::Corrupt("truncated"))?;
        self.i += 1;
        Ok(x)
    }
    fn v(&mut self) -> Res<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(LoadError::Corrupt("bad number"))
    }
    fn reg(&mut self) -> Res<u32> {
        u32::try_from(self.v()?).map_err(|_| LoadError::Corrupt("bad register"))
    }
    fn imm(&mut self) -> Res<i32> {
        let x = u32::try_from(self.v()?).map_err(|_| LoadError::Corrupt("bad immediate"))?;
        Ok(((x >> 1) as i32) ^ -((x & 1) as i32))
    }
    fn i64(&mut self) -> Res<i64> {
        let x = self.v()?;
        Ok(((x >> 1) as i64) ^ -((x & 1) as i64))
    }
    fn len(&mut self, max: usize) -> Res<usize> {
        let n = self.v()? as usize;
        if n > max
            || n > self
                .b
                .len()
                .saturating_sub(self.i)
                .saturating_mul(64)
                .saturating_add(64)
        {
            return Err(LoadError::Corrupt("bad length"));
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Res<Vec<u8>> {
        let n = self.len(1 << 28)?;
        let end = self
            .i
            .checked_add(n)
            .ok_or(LoadError::Corrupt("bad length"))?;
        let s = self
            .b
            .get(self.i..end)
            .ok_or(LoadError::Corrupt("truncated"))?;
        self.i = end;
        Ok(s.to_vec())
    }
    fn str(&mut self) -> Res<String> {
        String::from_utf8(self.bytes()?).map_err(|_| LoadError::Corrupt("bad name"))
    }
}

macro_rules! ops {
    ($($code:literal $name:ident { $($f:ident : $t:ident),* })*) => {
        fn write_op(w: &mut W, op: &Op) {
            match *op {
                $(Op::$name { $($f),* } => {
                    w.u8($code);
                    $( w.$t($f); )*
                })*
            }
        }
        fn read_op(r: &mut R) -> Res<Op> {
            Ok(match r.u8()? {
                $($code => Op::$name { $($f: r.$t()?),* },)*
                _ => return Err(LoadError::Corrupt("bad instruction")),
            })
        }
    };
}

ops! {
    0 Const { d: reg, v: v } 1 Mov { d: reg, s: reg } 2 AddImm { d: reg, a: reg, imm: imm }
    3 AddImm32 { d: reg, a: reg, imm: imm } 4 Add64 { d: reg, a: reg, b: reg } 5 Add32 { d: reg, a: reg, b: reg }
    6 Sub64 { d: reg, a: reg, b: reg } 7 Sub32 { d: reg, a: reg, b: reg } 8 Mul64 { d: reg, a: reg, b: reg }
    9 Mul32 { d: reg, a: reg, b: reg } 10 DivS32 { d: reg, a: reg, b: reg } 11 DivU32 { d: reg, a: reg, b: reg }
    12 DivS64 { d: reg, a: reg, b: reg } 13 DivU64 { d: reg, a: reg, b: reg } 14 RemS32 { d: reg, a: reg, b: reg }
    15 RemU32 { d: reg, a: reg, b: reg } 16 RemS64 { d: reg, a: reg, b: reg } 17 RemU64 { d: reg, a: reg, b: reg }
    18 And { d: reg, a: reg, b: reg } 19 Or { d: reg, a: reg, b: reg } 20 Xor { d: reg, a: reg, b: reg }
    21 Shl32 { d: reg, a: reg, b: reg } 22 Shl64 { d: reg, a: reg, b: reg } 23 ShrS32 { d: reg, a: reg, b: reg }
    24 ShrU32 { d: reg, a: reg, b: reg } 25 ShrS64 { d: reg, a: reg, b: reg } 26 ShrU64 { d: reg, a: reg, b: reg }
    27 Eq { d: reg, a: reg, b: reg } 28 Ne { d: reg, a: reg, b: reg } 29 LtS { d: reg, a: reg, b: reg }
    30 LeS { d: reg, a: reg, b: reg } 31 LtU { d: reg, a: reg, b: reg } 32 LeU { d: reg, a: reg, b: reg }
    33 Neg64 { d: reg, a: reg } 34 Neg32 { d: reg, a: reg } 35 BitNot { d: reg, a: reg } 36 Not { d: reg, a: reg }
    37 Sext8 { d: reg, a: reg } 38 Sext16 { d: reg, a: reg } 39 Sext32 { d: reg, a: reg } 40 Zext8 { d: reg, a: reg }
    41 Zext16 { d: reg, a: reg } 42 Zext32 { d: reg, a: reg } 43 ToBool { d: reg, a: reg }
    44 AddF { d: reg, a: reg, b: reg } 45 SubF { d: reg, a: reg, b: reg } 46 MulF { d: reg, a: reg, b: reg }
    47 DivF { d: reg, a: reg, b: reg } 48 NegF { d: reg, a: reg } 49 EqF { d: reg, a: reg, b: reg }
    50 NeF { d: reg, a: reg, b: reg } 51 LtF { d: reg, a: reg, b: reg } 52 LeF { d: reg, a: reg, b: reg }
    53 RoundF32 { d: reg, a: reg } 54 SToF { d: reg, a: reg } 55 UToF { d: reg, a: reg } 56 FToS { d: reg, a: reg }
    57 FToU { d: reg, a: reg } 58 LdI8 { d: reg, a: reg, off: imm } 59 LdU8 { d: reg, a: reg, off: imm }
    60 LdI16 { d: reg, a: reg, off: imm } 61 LdU16 { d: reg, a: reg, off: imm } 62 LdI32 { d: reg, a: reg, off: imm }
    63 LdU32 { d: reg, a: reg, off: imm } 64 Ld64 { d: reg, a: reg, off: imm } 65 LdF32 { d: reg, a: reg, off: imm }
    66 St8 { s: reg, a: reg, off: imm } 67 St16 { s: reg, a: reg, off: imm } 68 St32 { s: reg, a: reg, off: imm }
    69 St64 { s: reg, a: reg, off: imm } 70 StF32 { s: reg, a: reg, off: imm } 71 FrameAddr { d: reg, off: reg }
    72 Copy { d: reg, s: reg, n: reg } 73 Zero { a: reg, n: reg } 74 Jmp { t: reg } 75 Jz { c: reg, t: reg }
    76 Jnz { c: reg, t: reg } 77 BrEq { a: reg, b: reg, t: reg } 78 BrNe { a: reg, b: reg, t: reg }
    79 BrLtS { a: reg, b: reg, t: reg } 80 BrLeS { a: reg, b: reg, t: reg } 81 BrLtU { a: reg, b: reg, t: reg }
    82 BrLeU { a: reg, b: reg, t: reg } 83 Call { f: reg, args: reg, n: reg, d: reg }
    84 CallNative { f: reg, args: reg, n: reg, d: reg } 85 CallInd { p: reg, args: reg, n: reg, d: reg }
    86 Ret { s: reg } 87 RetVoid {} 88 VaStart { d: reg } 89 SymAddr { d: reg, sym: reg }
    90 StrAddr { d: reg, s: reg } 91 CallSym { sym: reg, args: reg, n: reg, d: reg } 92 Trap { sig: reg }
    93 BrEqI { a: reg, imm: imm, t: reg } 94 BrNeI { a: reg, imm: imm, t: reg } 95 BrLtI { a: reg, imm: imm, t: reg }
    96 BrLeI { a: reg, imm: imm, t: reg } 97 BrGtI { a: reg, imm: imm, t: reg } 98 BrGeI { a: reg, imm: imm, t: reg }
    99 StackAlloc { d: reg, n: reg } 100 StackSave { d: reg } 101 StackRestore { s: reg }
}

fn write_func(w: &mut W, f: &Func) {
    w.str(&f.name);
    w.v(f.nregs as u64);
    w.v(f.nparams as u64);
    w.v(f.frame_size as u64);
    w.u8(f.variadic as u8);
    w.v(f.code.len() as u64);
    for op in &f.code {
        write_op(w, op);
    }
}

fn read_func(r: &mut R, with_lines: bool) -> Res<Func> {
    let name = r.str()?;
    let nregs = r.reg()?;
    let nparams = r.reg()?;
    let frame_size = r.reg()?;
    let variadic = r.u8()? != 0;
    let n = r.len(1 << 24)?;
    let mut code = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        code.push(read_op(r)?);
    }
    let lines = if with_lines {
        let k = r.len(1 << 24)?;
        let mut v = Vec::with_capacity(k.min(1 << 16));
        for _ in 0..k {
            v.push(r.reg()?);
        }
        v
    } else {
        Vec::new()
    };
    Ok(Func {
        name,
        code,
        nregs,
        nparams,
        frame_size,
        variadic,
        lines,
    })
}

fn header(tag: &[u8]) -> W {
    let mut w = W(Vec::new());
    w.0.extend_from_slice(ELF_HEAD);
    w.0.extend_from_slice(tag);
    w.u8(VERSION);
    w
}

fn open<'a>(b: &'a [u8], tag: &[u8]) -> Res<R<'a>> {
    if !b.starts_with(b"\x7fELF") {
        return Err(LoadError::NotOurs);
    }
    let head = &b[..b.len().min(256)];
    let at = head
        .windows(tag.len())
        .position(|w| w == tag)
        .ok_or(LoadError::NotOurs)?;
    let mut r = R {
        b,
        i: at + tag.len(),
    };
    let v = r.u8()?;
    if v != VERSION {
        return Err(LoadError::Version(v));
    }
    Ok(r)
}

impl Program {
    /// The executable's bytes (what `gcc -o prog` writes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = header(EXEC_TAG);
        w.v(self.funcs.len() as u64);
        for f in &self.funcs {
            write_func(&mut w, f);
        }
        w.v(self.entry as u64);
        w.bytes(&self.data);
        w.bytes(&self.rodata);
        w.v(self.errno_off as u64);
        for x in self.std_off.iter().chain(self.misc_off.iter()) {
            w.v(*x as u64);
        }
        w.0
    }

    /// Loads and checks an executable.
    pub fn from_bytes(b: &[u8]) -> Result<Program, LoadError> {
        let mut r = open(b, EXEC_TAG)?;
        let n = r.len(1 << 20)?;
        let mut funcs = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            funcs.push(read_func(&mut r, false)?);
        }
        let entry = r.reg()?;
        let data = r.bytes()?;
        let rodata = r.bytes()?;
        let errno_off = r.reg()?;
        let mut offs = [0u32; 6];
        for o in offs.iter_mut() {
            *o = r.reg()?;
        }
        let p = Program {
            funcs,
            entry,
            data,
            rodata,
            errno_off,
            std_off: [offs[0], offs[1], offs[2]],
            misc_off: [offs[3], offs[4], offs[5]],
        };
        p.validate()?;
        Ok(p)
    }

    /// Checks that running the program cannot index out of bounds.
    pub fn validate(&self) -> Result<(), LoadError> {
        let nf = self.funcs.len() as u32;
        if self.entry >= nf {
            return Err(LoadError::Corrupt("no entry point"));
        }
        if (self.errno_off as usize + 4) > self.data.len()
            || self
                .std_off
                .iter()
                .chain(self.misc_off.iter())
                .any(|o| *o as usize + 8 > self.data.len())
        {
            return Err(LoadError::Corrupt("bad data segment"));
        }
        if self.data.len() > u32::MAX as usize || self.rodata.len() > u32::MAX as usize {
            return Err(LoadError::Corrupt("segment too large"));
        }
        let natives = (0..)
            .take_while(|i| libc::native_name(*i).is_some())
            .count() as u32;
        for f in &self.funcs {
            let n = f.nregs;
            let len = f.code.len() as u32;
            if n == 0 || n > 1 << 16 || f.nparams > n || f.frame_size as usize > STACK_LIMIT {
                return Err(LoadError::Corrupt("bad frame"));
            }
            if !matches!(
                f.code.last(),
                Some(Op::Ret { .. } | Op::RetVoid | Op::Jmp { .. } | Op::Trap { .. })
            ) {
                return Err(LoadError::Corrupt("function falls off its end"));
            }
            for op in &f.code {
                let ok = match *op {
                    Op::Const { d, .. } | Op::FrameAddr { d, .. } | Op::VaStart { d } => d < n,
                    Op::Mov { d, s: a }
                    | Op::AddImm { d, a, .. }
                    | Op::AddImm32 { d, a, .. }
                    | Op::Neg64 { d, a }
                    | Op::Neg32 { d, a }
                    | Op::BitNot { d, a }
                    | Op::Not { d, a }
                    | Op::Sext8 { d, a }
                    | Op::Sext16 { d, a }
                    | Op::Sext32 { d, a }
                    | Op::Zext8 { d, a }
                    | Op::Zext16 { d, a }
                    | Op::Zext32 { d, a }
                    | Op::ToBool { d, a }
                    | Op::NegF { d, a }
                    | Op::RoundF32 { d, a }
                    | Op::SToF { d, a }
                    | Op::UToF { d, a }
                    | Op::FToS { d, a }
                    | Op::FToU { d, a }
                    | Op::LdI8 { d, a, .. }
                    | Op::LdU8 { d, a, .. }
                    | Op::LdI16 { d, a, .. }
                    | Op::LdU16 { d, a, .. }
                    | Op::LdI32 { d, a, .. }
                    | Op::LdU32 { d, a, .. }
                    | Op::Ld64 { d, a, .. }
                    | Op::LdF32 { d, a, .. } => d < n && a < n,
                    Op::St8 { s, a, .. }
                    | Op::St16 { s, a, .. }
                    | Op::St32 { s, a, .. }
                    | Op::St64 { s, a, .. }
                    | Op::StF32 { s, a, .. }
                    | Op::Copy { d: s, s: a, .. } => s < n && a < n,
                    Op::Add64 { d, a, b }
                    | Op::Add32 { d, a, b }
                    | Op::Sub64 { d, a, b }
                    | Op::Sub32 { d, a, b }
                    | Op::Mul64 { d, a, b }
                    | Op::Mul32 { d, a, b }
                    | Op::DivS32 { d, a, b }
                    | Op::DivU32 { d, a, b }
                    | Op::DivS64 { d, a, b }
                    | Op::DivU64 { d, a, b }
                    | Op::RemS32 { d, a, b }
                    | Op::RemU32 { d, a, b }
                    | Op::RemS64 { d, a, b }
                    | Op::RemU64 { d, a, b }
                    | Op::And { d, a, b }
                    | Op::Or { d, a, b }
                    | Op::Xor { d, a, b }
                    | Op::Shl32 { d, a, b }
                    | Op::Shl64 { d, a, b }
                    | Op::ShrS32 { d, a, b }
                    | Op::ShrU32 { d, a, b }
                    | Op::ShrS64 { d, a, b }
                    | Op::ShrU64 { d, a, b }
                    | Op::Eq { d, a, b }
                    | Op::Ne { d, a, b }
                    | Op::LtS { d, a, b }
                    | Op::LeS { d, a, b }
                    | Op::LtU { d, a, b }
                    | Op::LeU { d, a, b }
                    | Op::AddF { d, a, b }
                    | Op::SubF { d, a, b }
                    | Op::MulF { d, a, b }
                    | Op::DivF { d, a, b }
                    | Op::EqF { d, a, b }
                    | Op::NeF { d, a, b }
                    | Op::LtF { d, a, b }
                    | Op::LeF { d, a, b } => d < n && a < n && b < n,
                    Op::Zero { a, .. } => a < n,
                    Op::Jmp { t } => t < len,
                    Op::Jz { c, t } | Op::Jnz { c, t } => c < n && t < len,
                    Op::BrEqI { a, t, .. }
                    | Op::BrNeI { a, t, .. }
                    | Op::BrLtI { a, t, .. }
                    | Op::BrLeI { a, t, .. }
                    | Op::BrGtI { a, t, .. }
                    | Op::BrGeI { a, t, .. } => a < n && t < len,
                    Op::BrEq { a, b, t }
                    | Op::BrNe { a, b, t }
                    | Op::BrLtS { a, b, t }
                    | Op::BrLeS { a, b, t }
                    | Op::BrLtU { a, b, t }
                    | Op::BrLeU { a, b, t } => a < n && b < n && t < len,
                    Op::Call { f, args, n: k, d } => {
                        f < nf && d < n && args.checked_add(k).is_some_and(|e| e <= n)
                    }
                    Op::CallNative { f, args, n: k, d } => {
                        f < natives && d < n && args.checked_add(k).is_some_and(|e| e <= n)
                    }
                    Op::CallInd { p, args, n: k, d } => {
                        p < n && d < n && args.checked_add(k).is_some_and(|e| e <= n)
                    }
                    Op::Ret { s } | Op::StackSave { d: s } | Op::StackRestore { s } => s < n,
                    Op::StackAlloc { d, n: k } => d < n && k < n,
                    Op::RetVoid | Op::Trap { .. } => true,
                    Op::SymAddr { .. } | Op::StrAddr { .. } | Op::CallSym { .. } => false,
                };
                if !ok {
                    return Err(LoadError::Corrupt("bad instruction operand"));
                }
            }
        }
        Ok(())
    }
}

impl Object {
    /// The object file's bytes (what `gcc -c` writes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = header(OBJ_TAG);
        w.str(&self.source);
        w.v(self.syms.len() as u64);
        for s in &self.syms {
            w.str(s);
        }
        w.v(self.funcs.len() as u64);
        for (f, st) in &self.funcs {
            write_func(&mut w, f);
            w.v(f.lines.len() as u64);
            for l in &f.lines {
                w.v(*l as u64);
            }
            w.u8(*st as u8);
        }
        w.v(self.globals.len() as u64);
        for g in &self.globals {
            w.str(&g.name);
            w.v(g.size);
            w.v(g.align);
            w.u8(g.is_static as u8 | (g.common as u8) << 1);
            w.v(g.init.len() as u64);
            for it in &g.init {
                match *it {
                    DataInit::Int { off, size, v } => {
                        w.u8(0);
                        w.v(off);
                        w.u8(size);
                        w.v(v);
                    }
                    DataInit::Sym { off, sym, add } => {
                        w.u8(1);
                        w.v(off);
                        w.v(sym as u64);
                        w.i64(add);
                    }
                    DataInit::Str { off, s, add } => {
                        w.u8(2);
                        w.v(off);
                        w.v(s as u64);
                        w.i64(add);
                    }
                }
            }
        }
        w.v(self.strings.len() as u64);
        for s in &self.strings {
            w.bytes(s);
        }
        w.0
    }

    /// Loads an object file, checking what the linker relies on.
    pub fn from_bytes(b: &[u8]) -> Result<Object, LoadError> {
        let mut r = open(b, OBJ_TAG)?;
        let source = r.str()?;
        let n = r.len(1 << 20)?;
        let mut syms = Vec::new();
        for _ in 0..n {
            syms.push(r.str()?);
        }
        let n = r.len(1 << 20)?;
        let mut funcs = Vec::new();
        for _ in 0..n {
            let f = read_func(&mut r, true)?;
            let st = r.u8()? != 0;
            funcs.push((f, st));
        }
        let n = r.len(1 << 20)?;
        let mut globals = Vec::new();
        for _ in 0..n {
            let name = r.str()?;
            let size = r.v()?;
            let align = r.v()?;
            if size > 1 << 30 || align > 4096 {
                return Err(LoadError::Corrupt("bad global"));
            }
            let flags = r.u8()?;
            let k = r.len(1 << 24)?;
            let mut init = Vec::new();
            for _ in 0..k {
                let it = match r.u8()? {
                    0 => DataInit::Int {
                        off: r.v()?,
                        size: r.u8()?,
                        v: r.v()?,
                    },
                    1 => DataInit::Sym {
                        off: r.v()?,
                        sym: r.reg()?,
                        add: r.i64()?,
                    },
                    2 => DataInit::Str {
                        off: r.v()?,
                        s: r.reg()?,
                        add: r.i64()?,
                    },
                    _ => return Err(LoadError::Corrupt("bad initializer")),
                };
                init.push(it);
            }
            globals.push(ObjGlobal {
                name,
                size,
                align,
                is_static: flags & 1 != 0,
                common: flags & 2 != 0,
                init,
            });
        }
        let n = r.len(1 << 24)?;
        let mut strings = Vec::new();
        for _ in 0..n {
            strings.push(r.bytes()?);
        }
        let o = Object {
            source,
            syms,
            funcs,
            globals,
            strings,
        };
        let ns = o.syms.len() as u32;
        let nstr = o.strings.len() as u32;
        for (f, _) in &o.funcs {
            for op in &f.code {
                let ok = match *op {
                    Op::SymAddr { sym, .. } | Op::CallSym { sym, .. } => sym < ns,
                    Op::StrAddr { s, .. } => s < nstr,
                    _ => true,
                };
                if !ok {
                    return Err(LoadError::Corrupt("bad symbol"));
                }
            }
        }
        Ok(o)
    }
}
