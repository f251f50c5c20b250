//! The code generator: a checked [`Unit`] into an [`Object`] of register-machine code.
//!
//! Scalar locals whose address is never taken live in registers; arrays, structs and
//! locals whose address is taken live in the frame's stack memory. Struct values travel as
//! addresses; a function returning a struct receives the address to fill as a hidden first
//! argument.

use std::collections::HashMap;

use super::ast::*;
use super::code::*;
use super::diag::Loc;
use super::types::*;

/// Compiles a checked unit.
pub fn gen_unit(unit: &Unit, source: &str) -> Object {
    let mut g = Gen {
        unit,
        syms: Vec::new(),
        sym_index: HashMap::new(),
    };
    let mut funcs = Vec::new();
    for f in &unit.funcs {
        let code = g.function(f);
        funcs.push((code, f.is_static));
    }
    let mut globals = Vec::new();
    for gl in &unit.globals {
        let mut init = Vec::new();
        if let Some(items) = &gl.init {
            for it in items {
                match it {
                    GInit::Int(off, size, v) => init.push(DataInit::Int {
                        off: *off,
                        size: *size,
                        v: *v as u64,
                    }),
                    GInit::Float(off, size, v) => {
                        let bits = if *size == 4 {
                            (*v as f32).to_bits() as u64
                        } else {
                            v.to_bits()
                        };
                        init.push(DataInit::Int {
                            off: *off,
                            size: *size,
                            v: bits,
                        });
                    }
                    GInit::Sym(off, name, add) => {
                        let sym = g.sym(name);
                        init.push(DataInit::Sym {
                            off: *off,
                            sym,
                            add: *add,
                        });
                    }
                    GInit::Str(off, s, add) => init.push(DataInit::Str {
                        off: *off,
                        s: *s,
                        add: *add,
                    }),
                }
            }
        }
        globals.push(ObjGlobal {
            name: gl.name.to_string(),
            size: gl.size,
            align: gl.align,
            is_static: gl.is_static,
            common: gl.init.is_none(),
            init,
        });
    }
    Object {
        source: source.to_owned(),
        syms: g.syms,
        funcs,
        globals,
        strings: unit.strings.clone(),
    }
}

struct Gen<'u> {
    unit: &'u Unit,
    syms: Vec<String>,
    sym_index: HashMap<String, u32>,
}

impl Gen<'_> {
    fn sym(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.sym_index.get(name) {
            return i;
        }
        let i = self.syms.len() as u32;
        self.syms.push(name.to_owned());
        self.sym_index.insert(name.to_owned(), i);
        i
    }

    fn function(&mut self, f: &Function) -> Func {
        let sret = f.ty.ret.is_struct();
        let mut fg = FnGen {
            g: self,
            code: Vec::new(),
            lines: Vec::new(),
            line: f.loc.line,
            tmp: 0,
            nregs: 0,
            local_reg: vec![None; f.locals.len()],
            local_off: vec![0; f.locals.len()],
            locals: &f.locals,
            frame_size: 0,
            labels: vec![None; f.labels as usize],
            breaks: Vec::new(),
            conts: Vec::new(),
            sret,
            is_main: &*f.name == "main",
            marks: Vec::new(),
            loop_marks: Vec::new(),
        };
        let mut next_reg = if sret { 1 } else { 0 };
        // Parameters arrive in registers in order.
        for &p in &f.params {
            fg.local_reg[p as usize] = Some(next_reg);
            next_reg += 1;
        }
        let nparams = next_reg;
        for (i, l) in f.locals.iter().enumerate() {
            if f.params.contains(&(i as u32)) {
                continue;
            }
            if !l.in_memory {
                fg.local_reg[i] = Some(next_reg);
                next_reg += 1;
            }
        }
        fg.tmp = next_reg;
        fg.nregs = next_reg;
        for (i, l) in f.locals.iter().enumerate() {
            if l.in_memory {
                let size = fg.layout().size(&l.ty).max(1);
                let align = fg.layout().align(&l.ty);
                let off = align_to(fg.frame_size as u64, align.max(1)) as u32;
                fg.local_off[i] = off;
                fg.frame_size = off + size as u32;
            }
        }
        // In-memory parameters are copied from their registers into the frame.
        for &p in &f.params {
            let l = &f.locals[p as usize];
            if l.in_memory {
                let r = fg.local_reg[p as usize].unwrap_or(0);
                fg.local_reg[p as usize] = None;
                let a = fg.new_tmp();
                fg.emit(Op::FrameAddr {
                    d: a,
                    off: fg.local_off[p as usize],
                });
                if l.ty.is_struct() {
                    let n = fg.layout().size(&l.ty) as u32;
                    fg.emit(Op::Copy { d: a, s: r, n });
                } else {
                    let ty = l.ty.clone();
                    fg.store(&ty, r, a, 0);
                }
                fg.tmp = next_reg;
            }
        }
        fg.stmt(&f.body);
        if fg.is_main {
            let t = fg.new_tmp();
            fg.emit(Op::Const { d: t, v: 0 });
            fg.emit(Op::Ret { s: t });
        } else {
            fg.emit(Op::RetVoid);
        }
        // Resolve label numbers to instruction indices.
        let labels = fg.labels.clone();
        let target = |l: u32| labels.get(l as usize).copied().flatten().unwrap_or(0);
        for op in fg.code.iter_mut() {
            match op {
                Op::Jmp { t }
                | Op::Jz { t, .. }
                | Op::Jnz { t, .. }
                | Op::BrEq { t, .. }
                | Op::BrNe { t, .. }
                | Op::BrLtS { t, .. }
                | Op::BrLeS { t, .. }
                | Op::BrLtU { t, .. }
                | Op::BrLeU { t, .. }
                | Op::BrEqI { t, .. }
                | Op::BrNeI { t, .. }
                | Op::BrLtI { t, .. }
                | Op::BrLeI { t, .. }
                | Op::BrGtI { t, .. }
                | Op::BrGeI { t, .. } => *t = target(*t),
                _ => {}
            }
        }
        Func {
            name: f.name.to_string(),
            nregs: fg.nregs.max(1),
            nparams,
            frame_size: align_to(fg.frame_size as u64, 16) as u32,
            variadic: f.ty.variadic,
            code: fg.code,
            lines: fg.lines,
        }
    }
}

struct FnGen<'g, 'u> {
    g: &'g mut Gen<'u>,
    code: Vec<Op>,
    lines: Vec<u32>,
    line: u32,
    tmp: Reg,
    nregs: Reg,
    local_reg: Vec<Option<Reg>>,
    local_off: Vec<u32>,
    locals: &'g [Local],
    frame_size: u32,
    labels: Vec<Option<u32>>,
    breaks: Vec<u32>,
    conts: Vec<u32>,
    sret: bool,
    is_main: bool,
    /// Registers holding the stack top at the start of blocks with variable-length arrays.
    marks: Vec<Reg>,
    /// How many marks there were when each enclosing loop or switch began.
    loop_marks: Vec<usize>,
}

fn load_op(t: &Ty, d: Reg, a: Reg, off: i32) -> Op {
    match t.k {
        TyK::Bool | TyK::UChar => Op::LdU8 { d, a, off },
        TyK::Char | TyK::SChar => Op::LdI8 { d, a, off },
        TyK::Short => Op::LdI16 { d, a, off },
        TyK::UShort => Op::LdU16 { d, a, off },
        TyK::Int | TyK::Enum(_) => Op::LdI32 { d, a, off },
        TyK::UInt => Op::LdU32 { d, a, off },
        TyK::Float => Op::LdF32 { d, a, off },
        _ => Op::Ld64 { d, a, off },
    }
}

/// A constant operand that fits an instruction's 32-bit immediate.
fn imm_of(e: &Expr) -> Option<i32> {
    match e.k {
        EK::Int(v) => i32::try_from(v).ok(),
        _ => None,
    }
}

fn is_signed(t: &Ty) -> bool {
    !t.is_unsigned()
}

impl FnGen<'_, '_> {
    fn layout(&self) -> Layout<'_> {
        Layout {
            structs: &self.g.unit.structs,
        }
    }
    fn emit(&mut self, op: Op) {
        self.code.push(op);
        self.lines.push(self.line);
    }
    fn new_tmp(&mut self) -> Reg {
        let r = self.tmp;
        self.tmp += 1;
        self.nregs = self.nregs.max(self.tmp);
        r
    }
    /// Before `break`/`continue`: give back the stack of arrays declared inside the loop.
    fn release_loop_stack(&mut self) {
        if let Some(&lm) = self.loop_marks.last() {
            if let Some(&m) = self.marks.get(lm) {
                self.emit(Op::StackRestore { s: m });
            }
        }
    }

    fn new_label(&mut self) -> u32 {
        self.labels.push(None);
        (self.labels.len() - 1) as u32
    }
    fn place(&mut self, l: u32) {
        let pc = self.code.len() as u32;
        if let Some(slot) = self.labels.get_mut(l as usize) {
            *slot = Some(pc);
        }
    }
    fn frame_temp(&mut self, size: u64, align: u64) -> u32 {
        let off = align_to(self.frame_size as u64, align.max(8)) as u32;
        self.frame_size = off + size.max(1) as u32;
        off
    }
    fn at(&mut self, loc: Loc) {
        if loc.line != 0 {
            self.line = loc.line;
        }
    }

    // ----- statements -----

    fn stmt(&mut self, s: &Stmt) {
        let saved = self.tmp;
        match s {
            Stmt::Expr(e) => {
                self.at(e.loc);
                self.effect(e);
            }
            Stmt::Init(id, zero, items) => self.init(*id, *zero, items),
            Stmt::If(c, a, b) => {
                self.at(c.loc);
                let els = self.new_label();
                self.jump_if(c, els, false);
                self.tmp = saved;
                self.stmt(a);
                if let Some(b) = b {
                    let end = self.new_label();
                    self.emit(Op::Jmp { t: end });
                    self.place(els);
                    self.stmt(b);
                    self.place(end);
                } else {
                    self.place(els);
                }
            }
            Stmt::While(c, body) => {
                let (top, cond, end) = (self.new_label(), self.new_label(), self.new_label());
                self.emit(Op::Jmp { t: cond });
                self.place(top);
                self.breaks.push(end);
                self.loop_marks.push(self.marks.len());
                self.conts.push(cond);
                self.stmt(body);
                self.breaks.pop();
                self.loop_marks.pop();
                self.conts.pop();
                self.place(cond);
                self.at(c.loc);
                self.jump_if(c, top, true);
                self.place(end);
            }
            Stmt::DoWhile(body, c) => {
                let (top, cond, end) = (self.new_label(), self.new_label(), self.new_label());
                self.place(top);
                self.breaks.push(end);
                self.loop_marks.push(self.marks.len());
                self.conts.push(cond);
                self.stmt(body);
                self.breaks.pop();
                self.loop_marks.pop();
                self.conts.pop();
                self.place(cond);
                self.jump_if(c, top, true);
                self.place(end);
            }
            Stmt::For(init, c, step, body) => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let (top, cont, cond, end) = (
                    self.new_label(),
                    self.new_label(),
                    self.new_label(),
                    self.new_label(),
                );
                self.emit(Op::Jmp { t: cond });
                self.place(top);
                self.breaks.push(end);
                self.loop_marks.push(self.marks.len());
                self.conts.push(cont);
                self.stmt(body);
                self.breaks.pop();
                self.loop_marks.pop();
                self.conts.pop();
                self.place(cont);
                if let Some(st) = step {
                    self.effect(st);
                    self.tmp = saved;
                }
                self.place(cond);
                match c {
                    Some(c) => self.jump_if(c, top, true),
                    None => self.emit(Op::Jmp { t: top }),
                }
                self.place(end);
            }
            Stmt::Switch(v, body, cases, default) => {
                self.at(v.loc);
                let r = self.gen(v);
                let end = self.new_label();
                let t = self.new_tmp();
                for (val, label) in cases {
                    self.emit(Op::Const {
                        d: t,
                        v: *val as u64,
                    });
                    self.emit(Op::BrEq {
                        a: r,
                        b: t,
                        t: *label,
                    });
                }
                self.emit(Op::Jmp {
                    t: default.unwrap_or(end),
                });
                self.tmp = saved;
                self.breaks.push(end);
                self.loop_marks.push(self.marks.len());
                self.stmt(body);
                self.breaks.pop();
                self.loop_marks.pop();
                self.place(end);
            }
            Stmt::Label(l) => self.place(*l),
            Stmt::Goto(l) => self.emit(Op::Jmp { t: *l }),
            Stmt::Break => {
                self.release_loop_stack();
                if let Some(&l) = self.breaks.last() {
                    self.emit(Op::Jmp { t: l });
                }
            }
            Stmt::Continue => {
                self.release_loop_stack();
                if let Some(&l) = self.conts.last() {
                    self.emit(Op::Jmp { t: l });
                }
            }
            Stmt::Vla(id, size_id, count, esz) => {
                self.at(count.loc);
                let n = self.gen(count);
                let size = self
                    .local_reg
                    .get(*size_id as usize)
                    .copied()
                    .flatten()
                    .unwrap_or(0);
                let e = self.new_tmp();
                self.emit(Op::Const { d: e, v: *esz });
                self.emit(Op::Mul64 {
                    d: size,
                    a: n,
                    b: e,
                });
                match self.local_reg.get(*id as usize).copied().flatten() {
                    Some(r) => self.emit(Op::StackAlloc { d: r, n: size }),
                    None => {
                        let p = self.new_tmp();
                        self.emit(Op::StackAlloc { d: p, n: size });
                        let a = self.new_tmp();
                        self.emit(Op::FrameAddr {
                            d: a,
                            off: self.local_off[*id as usize],
                        });
                        self.emit(Op::St64 { s: p, a, off: 0 });
                    }
                }
            }
            Stmt::Return(e) => match e {
                None => {
                    if self.is_main {
                        let t = self.new_tmp();
                        self.emit(Op::Const { d: t, v: 0 });
                        self.emit(Op::Ret { s: t });
                    } else {
                        self.emit(Op::RetVoid);
                    }
                }
                Some(e) => {
                    self.at(e.loc);
                    let r = self.gen(e);
                    if self.sret && e.ty.is_struct() {
                        let n = self.layout().size(&e.ty) as u32;
                        self.emit(Op::Copy { d: 0, s: r, n });
                        self.emit(Op::Ret { s: 0 });
                    } else {
                        self.emit(Op::Ret { s: r });
                    }
                }
            },
            Stmt::Block(v) => {
                // A block that declares variable-length arrays gives their stack back when
                // it ends.
                let vla = v.iter().any(|s| matches!(s, Stmt::Vla(..)) || matches!(s, Stmt::Block(inner) if inner.iter().any(|x| matches!(x, Stmt::Vla(..)))));
                let mark = if vla {
                    let m = self.new_tmp();
                    self.emit(Op::StackSave { d: m });
                    self.marks.push(m);
                    Some(m)
                } else {
                    None
                };
                for s in v {
                    self.stmt(s);
                }
                if let Some(m) = mark {
                    self.emit(Op::StackRestore { s: m });
                    self.marks.pop();
                }
            }
        }
        self.tmp = saved;
    }

    fn init(&mut self, id: LocalId, zero: bool, items: &[(u64, Expr)]) {
        let i = id as usize;
        if let Some(r) = self.local_reg.get(i).copied().flatten() {
            for (_, e) in items {
                self.at(e.loc);
                self.gen_into(e, r);
            }
            return;
        }
        let ty = self.locals[i].ty.clone();
        let off = self.local_off[i];
        let base = self.new_tmp();
        self.emit(Op::FrameAddr { d: base, off });
        if zero {
            let n = self.layout().size(&ty) as u32;
            self.emit(Op::Zero { a: base, n });
        }
        for (o, e) in items {
            self.at(e.loc);
            let saved = self.tmp;
            // Zero bytes are already there.
            if zero && matches!(e.k, EK::Int(0)) {
                continue;
            }
            let v = self.gen(e);
            if e.ty.is_struct() {
                let n = self.layout().size(&e.ty) as u32;
                let d = self.new_tmp();
                self.emit(Op::AddImm {
                    d,
                    a: base,
                    imm: *o as i32,
                });
                self.emit(Op::Copy { d, s: v, n });
            } else {
                let t = e.ty.clone();
                self.store(&t, v, base, *o as i32);
            }
            self.tmp = saved;
        }
    }

    // ----- expressions -----

    /// Evaluates for effects only.
    fn effect(&mut self, e: &Expr) {
        match &e.k {
            EK::IncDec { lv, delta, .. } => {
                // No old value needed: treat as prefix.
                let e2 = Expr {
                    k: EK::IncDec {
                        lv: lv.clone(),
                        pre: true,
                        delta: *delta,
                    },
                    ..e.clone()
                };
                match self.reg_of(lv) {
                    Some(r) => self.gen_into(&e2, r),
                    None => {
                        let _ = self.gen(&e2);
                    }
                }
            }
            EK::Cast(x) if e.ty.is_void() => self.effect(x),
            EK::Comma(a, b) => {
                self.effect(a);
                self.effect(b);
            }
            // An assignment to a register local can leave its value where it is.
            EK::Assign(lv, _) | EK::OpAssign(_, lv, _) | EK::PtrOpAssign(_, lv, _, _)
                if self.reg_of(lv).is_some() =>
            {
                let r = self.reg_of(lv).unwrap_or(0);
                self.gen_into(e, r);
            }
            _ => {
                let _ = self.gen(e);
            }
        }
    }

    /// Evaluates into some register (a register local's own, when it is one).
    fn gen(&mut self, e: &Expr) -> Reg {
        if let EK::Local(id) = &e.k {
            if let Some(r) = self.local_reg.get(*id as usize).copied().flatten() {
                return r;
            }
        }
        // A conversion that changes no bits reads its operand's register.
        if let EK::Cast(x) = &e.k {
            if !e.ty.is_void() && self.is_noop_conv(&x.ty, &e.ty) {
                return self.gen(x);
            }
        }
        let t = self.new_tmp();
        self.gen_into(e, t);
        t
    }

    fn gen_into(&mut self, e: &Expr, d: Reg) {
        match &e.k {
            EK::Int(v) => self.emit(Op::Const { d, v: *v as u64 }),
            EK::Float(v) => {
                let bits = if e.ty.k == TyK::Float {
                    (*v as f32 as f64).to_bits()
                } else {
                    v.to_bits()
                };
                self.emit(Op::Const { d, v: bits });
            }
            EK::Local(id)
                if self
                    .local_reg
                    .get(*id as usize)
                    .copied()
                    .flatten()
                    .is_some() =>
            {
                let r = self.local_reg[*id as usize].unwrap_or(0);
                if r != d {
                    self.emit(Op::Mov { d, s: r });
                }
            }
            EK::Local(_) | EK::Global(_) | EK::Str(_) | EK::Deref(_) | EK::Member(..) => {
                let (a, off) = self.addr(e);
                if e.ty.is_struct() || e.ty.is_array() || e.ty.is_func() {
                    self.emit(Op::AddImm { d, a, imm: off });
                } else {
                    self.emit(load_op(&e.ty, d, a, off));
                }
            }
            EK::Func(name) => {
                let sym = self.g.sym(name);
                self.emit(Op::SymAddr { d, sym });
            }
            EK::Addr(x) => {
                if let EK::Func(name) = &x.k {
                    let sym = self.g.sym(name);
                    self.emit(Op::SymAddr { d, sym });
                } else {
                    let (a, off) = self.addr(x);
                    if off == 0 && a == d {
                        return;
                    }
                    if off == 0 {
                        self.emit(Op::Mov { d, s: a });
                    } else {
                        self.emit(Op::AddImm { d, a, imm: off });
                    }
                }
            }
            EK::Cast(x) => {
                if e.ty.is_void() {
                    self.effect(x);
                    return;
                }
                let s = self.gen(x);
                self.convert(&x.ty, &e.ty, d, s);
            }
            EK::Unary(op, x) => {
                let a = self.gen(x);
                let ty = &x.ty;
                match op {
                    UOp::Neg if ty.is_float() => {
                        self.emit(Op::NegF { d, a });
                    }
                    UOp::Neg => {
                        if self.is32(ty) {
                            self.emit(Op::Neg32 { d, a });
                            if ty.is_unsigned() {
                                self.emit(Op::Zext32 { d, a: d });
                            }
                        } else {
                            self.emit(Op::Neg64 { d, a });
                        }
                    }
                    UOp::BitNot => {
                        self.emit(Op::BitNot { d, a });
                        if ty.k == TyK::UInt {
                            self.emit(Op::Zext32 { d, a: d });
                        }
                    }
                    UOp::Not if ty.is_float() => {
                        let z = self.new_tmp();
                        self.emit(Op::Const { d: z, v: 0 });
                        self.emit(Op::EqF { d, a, b: z });
                    }
                    UOp::Not => self.emit(Op::Not { d, a }),
                }
            }
            EK::Binary(op, a, b) => {
                let ra = self.gen(a);
                let rb = self.gen(b);
                self.binop(*op, &a.ty, d, ra, rb);
            }
            EK::PtrAdd(p, i, scale) => {
                let rp = self.gen(p);
                if let EK::Int(c) = i.k {
                    let off = c.wrapping_mul(*scale as i64);
                    if let Ok(imm) = i32::try_from(off) {
                        self.emit(Op::AddImm { d, a: rp, imm });
                        return;
                    }
                }
                let ri = self.gen(i);
                let t = self.scaled(ri, *scale);
                self.emit(Op::Add64 { d, a: rp, b: t });
            }
            EK::PtrDiff(a, b, scale) => {
                let ra = self.gen(a);
                let rb = self.gen(b);
                self.emit(Op::Sub64 { d, a: ra, b: rb });
                if *scale > 1 {
                    let t = self.new_tmp();
                    self.emit(Op::Const { d: t, v: *scale });
                    self.emit(Op::DivS64 { d, a: d, b: t });
                }
            }
            EK::Assign(lv, v) => self.assign(lv, v, d),
            EK::OpAssign(op, lv, v) => {
                let ct = v.ty.clone();
                let lt = lv.ty.clone();
                if let Some(r) = self.reg_of(lv) {
                    let rv = self.gen(v);
                    if lt.unqual() == ct.unqual() {
                        self.binop(*op, &ct, r, r, rv);
                        if d != r {
                            self.emit(Op::Mov { d, s: r });
                        }
                        return;
                    }
                    let t = self.new_tmp();
                    self.convert(&lt, &ct, t, r);
                    self.binop(*op, &ct, t, t, rv);
                    self.convert(&ct, &lt, r, t);
                    if d != r {
                        self.emit(Op::Mov { d, s: r });
                    }
                    return;
                }
                let (a, off) = self.addr(lv);
                let rv = self.gen(v);
                let cur = self.new_tmp();
                self.emit(load_op(&lt, cur, a, off));
                self.convert(&lt, &ct, cur, cur);
                self.binop(*op, &ct, cur, cur, rv);
                self.convert(&ct, &lt, d, cur);
                self.store(&lt, d, a, off);
            }
            EK::PtrOpAssign(add, lv, n, scale) => {
                let rn = self.gen(n);
                let t = self.scaled(rn, *scale);
                let op = |d, a, b| {
                    if *add {
                        Op::Add64 { d, a, b }
                    } else {
                        Op::Sub64 { d, a, b }
                    }
                };
                if let Some(r) = self.reg_of(lv) {
                    self.emit(op(r, r, t));
                    if d != r {
                        self.emit(Op::Mov { d, s: r });
                    }
                    return;
                }
                let (a, off) = self.addr(lv);
                self.emit(Op::Ld64 { d, a, off });
                self.emit(op(d, d, t));
                self.emit(Op::St64 { s: d, a, off });
            }
            EK::IncDec { lv, pre, delta } => self.incdec(lv, *pre, *delta, d),
            EK::Cond(c, a, b) => {
                let (els, end) = (self.new_label(), self.new_label());
                let saved = self.tmp;
                self.jump_if(c, els, false);
                self.tmp = saved;
                self.gen_into(a, d);
                self.emit(Op::Jmp { t: end });
                self.place(els);
                self.tmp = saved;
                self.gen_into(b, d);
                self.place(end);
            }
            EK::Comma(a, b) => {
                self.effect(a);
                self.gen_into(b, d);
            }
            EK::LogAnd(..) | EK::LogOr(..) => {
                let f = self.new_label();
                let end = self.new_label();
                self.jump_if(e, f, false);
                self.emit(Op::Const { d, v: 1 });
                self.emit(Op::Jmp { t: end });
                self.place(f);
                self.emit(Op::Const { d, v: 0 });
                self.place(end);
            }
            EK::Call(f, args) => self.call(e, f, args, d),
            EK::VaStart(ap) => {
                let t = self.new_tmp();
                self.emit(Op::VaStart { d: t });
                self.store_lv(ap, t);
                self.emit(Op::Const { d, v: 0 });
            }
            EK::VaArg(ap) => {
                let p = self.gen(ap);
                let ty = e.ty.clone();
                if ty.k == TyK::Float {
                    self.emit(Op::Ld64 { d, a: p, off: 0 });
                    self.emit(Op::RoundF32 { d, a: d });
                } else if ty.is_struct() || ty.is_float() {
                    self.emit(Op::Ld64 { d, a: p, off: 0 });
                } else {
                    let t = self.new_tmp();
                    self.emit(Op::Ld64 { d: t, a: p, off: 0 });
                    self.convert(&Ty::LONG, &ty, d, t);
                }
                let n = self.new_tmp();
                self.emit(Op::AddImm { d: n, a: p, imm: 8 });
                self.store_lv(ap, n);
            }
        }
    }

    fn scaled(&mut self, r: Reg, scale: u64) -> Reg {
        if scale == 1 {
            return r;
        }
        let t = self.new_tmp();
        self.emit(Op::Const { d: t, v: scale });
        self.emit(Op::Mul64 { d: t, a: r, b: t });
        t
    }

    fn reg_of(&self, lv: &Expr) -> Option<Reg> {
        match lv.k {
            EK::Local(id) => self.local_reg.get(id as usize).copied().flatten(),
            _ => None,
        }
    }

    fn store_lv(&mut self, lv: &Expr, v: Reg) {
        if let Some(r) = self.reg_of(lv) {
            if r != v {
                self.emit(Op::Mov { d: r, s: v });
            }
            return;
        }
        let (a, off) = self.addr(lv);
        let t = lv.ty.clone();
        self.store(&t, v, a, off);
    }

    fn assign(&mut self, lv: &Expr, v: &Expr, d: Reg) {
        if let Some(r) = self.reg_of(lv) {
            self.gen_into(v, r);
            if d != r {
                self.emit(Op::Mov { d, s: r });
            }
            return;
        }
        let rv = self.gen(v);
        let (a, off) = self.addr(lv);
        if lv.ty.is_struct() {
            let n = self.layout().size(&lv.ty) as u32;
            let dst = if off == 0 {
                a
            } else {
                let t = self.new_tmp();
                self.emit(Op::AddImm { d: t, a, imm: off });
                t
            };
            self.emit(Op::Copy { d: dst, s: rv, n });
            if d != dst {
                self.emit(Op::Mov { d, s: dst });
            }
            return;
        }
        let t = lv.ty.clone();
        self.store(&t, rv, a, off);
        if d != rv {
            self.emit(Op::Mov { d, s: rv });
        }
    }

    fn incdec(&mut self, lv: &Expr, pre: bool, delta: i64, d: Reg) {
        let ty = lv.ty.clone();
        let reg = self.reg_of(lv);
        let (cur, mem) = match reg {
            Some(r) => (r, None),
            None => {
                let (a, off) = self.addr(lv);
                let t = self.new_tmp();
                self.emit(load_op(&ty, t, a, off));
                (t, Some((a, off)))
            }
        };
        if !pre && d != cur {
            self.emit(Op::Mov { d, s: cur });
        }
        if ty.is_float() {
            let t = self.new_tmp();
            self.emit(Op::Const {
                d: t,
                v: (delta as f64).to_bits(),
            });
            self.emit(Op::AddF {
                d: cur,
                a: cur,
                b: t,
            });
            if ty.k == TyK::Float {
                self.emit(Op::RoundF32 { d: cur, a: cur });
            }
        } else if self.layout().size(&ty) == 8 {
            match i32::try_from(delta) {
                Ok(imm) => self.emit(Op::AddImm {
                    d: cur,
                    a: cur,
                    imm,
                }),
                Err(_) => {
                    let t = self.new_tmp();
                    self.emit(Op::Const {
                        d: t,
                        v: delta as u64,
                    });
                    self.emit(Op::Add64 {
                        d: cur,
                        a: cur,
                        b: t,
                    });
                }
            }
        } else {
            self.emit(Op::AddImm32 {
                d: cur,
                a: cur,
                imm: delta as i32,
            });
            self.normalize(&ty, cur);
        }
        if let Some((a, off)) = mem {
            self.store(&ty, cur, a, off);
        }
        if pre && d != cur {
            self.emit(Op::Mov { d, s: cur });
        }
    }

    /// Re-canonicalizes a register holding a value of integer type `t` (after 32-bit math).
    fn normalize(&mut self, t: &Ty, r: Reg) {
        let op = match t.k {
            TyK::Char | TyK::SChar => Op::Sext8 { d: r, a: r },
            TyK::UChar => Op::Zext8 { d: r, a: r },
            TyK::Bool => Op::ToBool { d: r, a: r },
            TyK::Short => Op::Sext16 { d: r, a: r },
            TyK::UShort => Op::Zext16 { d: r, a: r },
            TyK::UInt => Op::Zext32 { d: r, a: r },
            _ => return,
        };
        self.emit(op);
    }

    fn is32(&self, t: &Ty) -> bool {
        self.layout().size(t) <= 4
    }

    fn binop(&mut self, op: BOp, ty: &Ty, d: Reg, a: Reg, b: Reg) {
        if ty.is_float() {
            let o = match op {
                BOp::Add => Op::AddF { d, a, b },
                BOp::Sub => Op::SubF { d, a, b },
                BOp::Mul => Op::MulF { d, a, b },
                BOp::Div => Op::DivF { d, a, b },
                BOp::Eq => Op::EqF { d, a, b },
                BOp::Ne => Op::NeF { d, a, b },
                BOp::Lt => Op::LtF { d, a, b },
                BOp::Le => Op::LeF { d, a, b },
                BOp::Gt => Op::LtF { d, a: b, b: a },
                BOp::Ge => Op::LeF { d, a: b, b: a },
                _ => Op::Const { d, v: 0 },
            };
            self.emit(o);
            if ty.k == TyK::Float && matches!(op, BOp::Add | BOp::Sub | BOp::Mul | BOp::Div) {
                self.emit(Op::RoundF32 { d, a: d });
            }
            return;
        }
        let w32 = self.is32(ty);
        let uns = ty.is_unsigned();
        let o = match op {
            BOp::Add => {
                if w32 {
                    Op::Add32 { d, a, b }
                } else {
                    Op::Add64 { d, a, b }
                }
            }
            BOp::Sub => {
                if w32 {
                    Op::Sub32 { d, a, b }
                } else {
                    Op::Sub64 { d, a, b }
                }
            }
            BOp::Mul => {
                if w32 {
                    Op::Mul32 { d, a, b }
                } else {
                    Op::Mul64 { d, a, b }
                }
            }
            BOp::Div => match (w32, uns) {
                (true, false) => Op::DivS32 { d, a, b },
                (true, true) => Op::DivU32 { d, a, b },
                (false, false) => Op::DivS64 { d, a, b },
                (false, true) => Op::DivU64 { d, a, b },
            },
            BOp::Mod => match (w32, uns) {
                (true, false) => Op::RemS32 { d, a, b },
                (true, true) => Op::RemU32 { d, a, b },
                (false, false) => Op::RemS64 { d, a, b },
                (false, true) => Op::RemU64 { d, a, b },
            },
            BOp::Shl => {
                if w32 {
                    Op::Shl32 { d, a, b }
                } else {
                    Op::Shl64 { d, a, b }
                }
            }
            BOp::Shr => match (w32, uns) {
                (true, false) => Op::ShrS32 { d, a, b },
                (true, true) => Op::ShrU32 { d, a, b },
                (false, false) => Op::ShrS64 { d, a, b },
                (false, true) => Op::ShrU64 { d, a, b },
            },
            BOp::And => Op::And { d, a, b },
            BOp::Or => Op::Or { d, a, b },
            BOp::Xor => Op::Xor { d, a, b },
            BOp::Eq => Op::Eq { d, a, b },
            BOp::Ne => Op::Ne { d, a, b },
            BOp::Lt => {
                if uns {
                    Op::LtU { d, a, b }
                } else {
                    Op::LtS { d, a, b }
                }
            }
            BOp::Le => {
                if uns {
                    Op::LeU { d, a, b }
                } else {
                    Op::LeS { d, a, b }
                }
            }
            BOp::Gt => {
                if uns {
                    Op::LtU { d, a: b, b: a }
                } else {
                    Op::LtS { d, a: b, b: a }
                }
            }
            BOp::Ge => {
                if uns {
                    Op::LeU { d, a: b, b: a }
                } else {
                    Op::LeS { d, a: b, b: a }
                }
            }
        };
        self.emit(o);
        if w32 && uns && matches!(op, BOp::Add | BOp::Sub | BOp::Mul | BOp::Shl) {
            self.emit(Op::Zext32 { d, a: d });
        }
    }

    /// Converts register `s` holding a value of type `from` into `d` as type `to`.
    fn convert(&mut self, from: &Ty, to: &Ty, d: Reg, s: Reg) {
        let mov = |me: &mut Self| {
            if d != s {
                me.emit(Op::Mov { d, s });
            }
        };
        if to.is_void() || to.is_struct() || from.is_struct() || to.is_array() {
            mov(self);
            return;
        }
        if to.k == TyK::Bool {
            if from.is_float() {
                let z = self.new_tmp();
                self.emit(Op::Const { d: z, v: 0 });
                self.emit(Op::NeF { d, a: s, b: z });
            } else {
                self.emit(Op::ToBool { d, a: s });
            }
            return;
        }
        match (from.is_float(), to.is_float()) {
            (true, true) => {
                if to.k == TyK::Float && from.k != TyK::Float {
                    self.emit(Op::RoundF32 { d, a: s });
                } else {
                    mov(self);
                }
            }
            (false, true) => {
                if is_signed(from) && !from.is_ptr() {
                    self.emit(Op::SToF { d, a: s });
                } else {
                    self.emit(Op::UToF { d, a: s });
                }
                if to.k == TyK::Float {
                    self.emit(Op::RoundF32 { d, a: d });
                }
            }
            (true, false) => {
                if matches!(to.k, TyK::ULong | TyK::ULLong) {
                    self.emit(Op::FToU { d, a: s });
                } else {
                    self.emit(Op::FToS { d, a: s });
                }
                self.normalize_int(to, d);
            }
            (false, false) => {
                let (fs, ts) = (self.layout().size(from), self.layout().size(to));
                let widening_ok = fs < ts && (from.is_unsigned() || !to.is_unsigned());
                if ts >= 8 || widening_ok || (fs == ts && from.is_unsigned() == to.is_unsigned()) {
                    mov(self);
                } else {
                    mov(self);
                    self.normalize_int(to, d);
                }
            }
        }
    }

    /// Whether converting `from` to `to` leaves a canonical register unchanged.
    fn is_noop_conv(&self, from: &Ty, to: &Ty) -> bool {
        if to.is_struct() || from.is_struct() || to.is_array() {
            return true;
        }
        if to.k == TyK::Bool || from.is_float() || to.is_float() {
            return from.is_float()
                && to.is_float()
                && !(to.k == TyK::Float && from.k != TyK::Float);
        }
        let (fs, ts) = (self.layout().size(from), self.layout().size(to));
        ts >= 8
            || (fs < ts && (from.is_unsigned() || !to.is_unsigned()))
            || (fs == ts && from.is_unsigned() == to.is_unsigned())
    }

    fn normalize_int(&mut self, t: &Ty, r: Reg) {
        if matches!(t.k, TyK::Int | TyK::Enum(_)) {
            self.emit(Op::Sext32 { d: r, a: r });
        } else {
            self.normalize(t, r);
        }
    }

    fn store(&mut self, t: &Ty, s: Reg, a: Reg, off: i32) {
        let op = match (self.layout().size(t), t.k == TyK::Float) {
            (_, true) => Op::StF32 { s, a, off },
            (1, _) => Op::St8 { s, a, off },
            (2, _) => Op::St16 { s, a, off },
            (4, _) => Op::St32 { s, a, off },
            _ => Op::St64 { s, a, off },
        };
        self.emit(op);
    }

    /// The address of an lvalue (or of a struct value), as register + constant offset.
    fn addr(&mut self, e: &Expr) -> (Reg, i32) {
        match &e.k {
            EK::Local(id) => {
                let off = self.local_off.get(*id as usize).copied().unwrap_or(0);
                let t = self.new_tmp();
                self.emit(Op::FrameAddr { d: t, off });
                (t, 0)
            }
            EK::Global(n) => {
                let sym = self.g.sym(n);
                let t = self.new_tmp();
                self.emit(Op::SymAddr { d: t, sym });
                (t, 0)
            }
            EK::Func(n) => {
                let sym = self.g.sym(n);
                let t = self.new_tmp();
                self.emit(Op::SymAddr { d: t, sym });
                (t, 0)
            }
            EK::Str(s) => {
                let t = self.new_tmp();
                self.emit(Op::StrAddr { d: t, s: *s });
                (t, 0)
            }
            EK::Deref(p) => {
                if let EK::PtrAdd(q, i, scale) = &p.k {
                    if let EK::Int(c) = i.k {
                        if let Ok(off) = i32::try_from(c.wrapping_mul(*scale as i64)) {
                            let r = self.gen(q);
                            return (r, off);
                        }
                    }
                }
                (self.gen(p), 0)
            }
            EK::Member(b, off) => {
                let (r, o) = self.addr(b);
                match o.checked_add(*off as i32) {
                    Some(n) => (r, n),
                    None => (r, o),
                }
            }
            _ => (self.gen(e), 0),
        }
    }

    /// Emits a jump to `target` taken when `e` is true (`when`) or false (`!when`).
    fn jump_if(&mut self, e: &Expr, target: u32, when: bool) {
        match &e.k {
            EK::Int(v) => {
                if (*v != 0) == when {
                    self.emit(Op::Jmp { t: target });
                }
                return;
            }
            EK::Unary(UOp::Not, x) if !x.ty.is_float() => return self.jump_if(x, target, !when),
            EK::LogAnd(a, b) => {
                if when {
                    let skip = self.new_label();
                    self.jump_if(a, skip, false);
                    self.jump_if(b, target, true);
                    self.place(skip);
                } else {
                    self.jump_if(a, target, false);
                    self.jump_if(b, target, false);
                }
                return;
            }
            EK::LogOr(a, b) => {
                if when {
                    self.jump_if(a, target, true);
                    self.jump_if(b, target, true);
                } else {
                    let skip = self.new_label();
                    self.jump_if(a, skip, true);
                    self.jump_if(b, target, false);
                    self.place(skip);
                }
                return;
            }
            EK::Binary(op, a, b)
                if matches!(
                    op,
                    BOp::Eq | BOp::Ne | BOp::Lt | BOp::Le | BOp::Gt | BOp::Ge
                ) && !a.ty.is_float()
                    && !a.ty.is_unsigned()
                    && imm_of(b).is_some() =>
            {
                let saved = self.tmp;
                let imm = imm_of(b).unwrap_or(0);
                let ra = self.gen(a);
                let op = if when {
                    *op
                } else {
                    match op {
                        BOp::Eq => BOp::Ne,
                        BOp::Ne => BOp::Eq,
                        BOp::Lt => BOp::Ge,
                        BOp::Le => BOp::Gt,
                        BOp::Gt => BOp::Le,
                        _ => BOp::Lt,
                    }
                };
                let t = target;
                self.emit(match op {
                    BOp::Eq => Op::BrEqI { a: ra, imm, t },
                    BOp::Ne => Op::BrNeI { a: ra, imm, t },
                    BOp::Lt => Op::BrLtI { a: ra, imm, t },
                    BOp::Le => Op::BrLeI { a: ra, imm, t },
                    BOp::Gt => Op::BrGtI { a: ra, imm, t },
                    _ => Op::BrGeI { a: ra, imm, t },
                });
                self.tmp = saved;
                return;
            }
            EK::Binary(op, a, b)
                if matches!(
                    op,
                    BOp::Eq | BOp::Ne | BOp::Lt | BOp::Le | BOp::Gt | BOp::Ge
                ) && !a.ty.is_float() =>
            {
                let saved = self.tmp;
                let ra = self.gen(a);
                let rb = self.gen(b);
                let u = a.ty.is_unsigned();
                let t = target;
                // Normalize to the condition under which we jump.
                let op = if when {
                    *op
                } else {
                    match op {
                        BOp::Eq => BOp::Ne,
                        BOp::Ne => BOp::Eq,
                        BOp::Lt => BOp::Ge,
                        BOp::Le => BOp::Gt,
                        BOp::Gt => BOp::Le,
                        _ => BOp::Lt,
                    }
                };
                let o = match (op, u) {
                    (BOp::Eq, _) => Op::BrEq { a: ra, b: rb, t },
                    (BOp::Ne, _) => Op::BrNe { a: ra, b: rb, t },
                    (BOp::Lt, false) => Op::BrLtS { a: ra, b: rb, t },
                    (BOp::Lt, true) => Op::BrLtU { a: ra, b: rb, t },
                    (BOp::Le, false) => Op::BrLeS { a: ra, b: rb, t },
                    (BOp::Le, true) => Op::BrLeU { a: ra, b: rb, t },
                    (BOp::Gt, false) => Op::BrLtS { a: rb, b: ra, t },
                    (BOp::Gt, true) => Op::BrLtU { a: rb, b: ra, t },
                    (BOp::Ge, false) => Op::BrLeS { a: rb, b: ra, t },
                    _ => Op::BrLeU { a: rb, b: ra, t },
                };
                self.emit(o);
                self.tmp = saved;
                return;
            }
            _ => {}
        }
        let saved = self.tmp;
        let mut r = self.gen(e);
        if e.ty.is_float() {
            let z = self.new_tmp();
            self.emit(Op::Const { d: z, v: 0 });
            let c = self.new_tmp();
            self.emit(Op::NeF { d: c, a: r, b: z });
            r = c;
        }
        if when {
            self.emit(Op::Jnz { c: r, t: target });
        } else {
            self.emit(Op::Jz { c: r, t: target });
        }
        self.tmp = saved;
    }

    fn call(&mut self, e: &Expr, f: &Expr, args: &[Expr], d: Reg) {
        let sret = e.ty.is_struct();
        let n = args.len() as u32 + sret as u32;
        let base = self.tmp;
        self.tmp += n;
        self.nregs = self.nregs.max(self.tmp);
        if sret {
            let size = self.layout().size(&e.ty);
            let align = self.layout().align(&e.ty);
            let off = self.frame_temp(size, align);
            self.emit(Op::FrameAddr { d: base, off });
        }
        // gcc evaluates arguments right to left; side effects show the order.
        for (i, a) in args.iter().enumerate().rev() {
            let r = base + sret as u32 + i as u32;
            let saved = self.tmp;
            self.gen_into(a, r);
            self.tmp = saved;
        }
        self.at(e.loc);
        let direct = match &f.k {
            EK::Addr(x) => match &x.k {
                EK::Func(name) => Some(name.clone()),
                _ => None,
            },
            EK::Func(name) => Some(name.clone()),
            _ => None,
        };
        match direct {
            Some(name) => {
                let sym = self.g.sym(&name);
                self.emit(Op::CallSym {
                    sym,
                    args: base,
                    n,
                    d,
                });
            }
            None => {
                let p = self.gen(f);
                self.emit(Op::CallInd {
                    p,
                    args: base,
                    n,
                    d,
                });
            }
        }
        // Narrow return values are canonicalized by the callee's conversion already.
    }
}
