//! Expressions: parsing with C's precedence, typing, implicit conversions and the
//! diagnostics gcc gives for them; constant folding for array sizes, `case` and globals.

use std::rc::Rc;

use super::ast::*;
use super::diag::{Level, Loc};
use super::lex::{Kind, Token};
use super::parse::{int_const, is_charlike, Parser, Sym};
use super::types::*;

/// Where a value is being converted to a target type (gcc words each differently).
#[derive(Clone, Debug)]
pub enum AssignCtx {
    /// `x = v`, with the place of the `=`.
    Assign(Loc),
    /// `T x = v`.
    Init,
    /// `return v`.
    Return,
    /// Argument n (from 1) of a call to the named function, declared at a place.
    Arg(usize, Rc<str>, Option<Loc>),
}

fn mk(k: EK, ty: Ty, loc: Loc, len: u32) -> Expr {
    Expr {
        k,
        ty,
        loc,
        len,
        bad: false,
    }
}

/// A type a format conversion expects: its name and a test of an argument's type.
type TypeCheck = (&'static str, fn(&Ty) -> bool);

/// A stand-in for an expression that was already reported as wrong.
pub(super) fn poison(ty: Ty, loc: Loc) -> Expr {
    Expr {
        k: EK::Int(0),
        ty,
        loc,
        len: 1,
        bad: true,
    }
}

/// Truncates an integer constant to a type, as a conversion would.
pub(super) fn trunc(v: i64, t: &Ty) -> i64 {
    match t.k {
        TyK::Bool => (v != 0) as i64,
        TyK::Char | TyK::SChar => v as i8 as i64,
        TyK::UChar => v as u8 as i64,
        TyK::Short => v as i16 as i64,
        TyK::UShort => v as u16 as i64,
        TyK::Int | TyK::Enum(_) => v as i32 as i64,
        TyK::UInt => v as u32 as i64,
        _ => v,
    }
}

impl Parser<'_> {
    /// `expr` with the comma operator.
    pub(super) fn expr(&mut self) -> Expr {
        let mut e = self.assign_expr();
        while self.at(",") {
            let t = self.next();
            let r = self.assign_expr();
            let l = self.rv(e);
            let r = self.rv(r);
            let ty = r.ty.clone();
            e = mk(EK::Comma(Box::new(l), Box::new(r)), ty, t.loc, 1);
        }
        e
    }

    /// An assignment expression.
    pub(super) fn assign_expr(&mut self) -> Expr {
        let lhs = self.cond_expr();
        let t = self.peek().clone();
        let op = match &*t.text {
            "=" => None,
            "+=" => Some(BOp::Add),
            "-=" => Some(BOp::Sub),
            "*=" => Some(BOp::Mul),
            "/=" => Some(BOp::Div),
            "%=" => Some(BOp::Mod),
            "<<=" => Some(BOp::Shl),
            ">>=" => Some(BOp::Shr),
            "&=" => Some(BOp::And),
            "|=" => Some(BOp::Or),
            "^=" => Some(BOp::Xor),
            _ => return lhs,
        };
        if t.kind != Kind::Punct {
            return lhs;
        }
        self.pos += 1;
        // A plain `x = …` sets x without using it.
        if op.is_none() {
            if let (EK::Local(id), Some((lid, prev))) = (&lhs.k, self.last_use.take()) {
                if *id == lid {
                    if let Some(fs) = self.fs.as_mut() {
                        fs.used[lid as usize] = prev;
                        fs.set[lid as usize] = true;
                    }
                }
            }
        }
        let rhs = self.assign_expr();
        if lhs.bad || rhs.bad {
            return poison(lhs.ty.unqual(), t.loc);
        }
        if !self.check_modifiable(&lhs, &t, "assignment") {
            return self.rv(rhs);
        }
        match op {
            None => {
                let ty = lhs.ty.unqual();
                let r = self.convert_assign(rhs, &ty, AssignCtx::Assign(t.loc));
                mk(EK::Assign(Box::new(lhs), Box::new(r)), ty, t.loc, 1)
            }
            Some(op) => {
                let r = self.rv(rhs);
                let ty = lhs.ty.unqual();
                if ty.is_ptr() && matches!(op, BOp::Add | BOp::Sub) && r.ty.is_integer() {
                    let scale = self.elem_size(&ty);
                    let r = self.conv(r, &Ty::LONG);
                    return mk(
                        EK::PtrOpAssign(op == BOp::Add, Box::new(lhs), Box::new(r), scale),
                        ty,
                        t.loc,
                        1,
                    );
                }
                let int_only = matches!(
                    op,
                    BOp::Mod | BOp::Shl | BOp::Shr | BOp::And | BOp::Or | BOp::Xor
                );
                let ok = if int_only {
                    ty.is_integer() && r.ty.is_integer()
                } else {
                    ty.is_arith() && r.ty.is_arith()
                };
                if !ok {
                    self.invalid_operands(&t, &ty, &r.ty);
                    return r;
                }
                let ct = if matches!(op, BOp::Shl | BOp::Shr) {
                    promote(&ty)
                } else {
                    usual_arith(&ty, &r.ty)
                };
                let r = self.conv(r, &ct);
                mk(EK::OpAssign(op, Box::new(lhs), Box::new(r)), ty, t.loc, 1)
            }
        }
    }

    /// Checks that `lhs` can be assigned or incremented; reports gcc's error otherwise.
    fn check_modifiable(&mut self, lhs: &Expr, op: &Token, what: &str) -> bool {
        if lhs.ty.is_array() && lhs.is_lvalue() {
            self.error(
                op.loc,
                op.len(),
                format!("{what} to expression with array type"),
            );
            return false;
        }
        if !lhs.is_lvalue() || matches!(lhs.k, EK::Str(_)) || lhs.ty.is_func() {
            let m = match what {
                "assignment" => "lvalue required as left operand of assignment",
                "increment" => "lvalue required as increment operand",
                _ => "lvalue required as decrement operand",
            };
            self.error(op.loc, op.len(), m.into());
            return false;
        }
        if lhs.ty.konst || self.struct_has_const(&lhs.ty) {
            let m = match &lhs.k {
                EK::Local(id) => {
                    let n = self
                        .fs
                        .as_ref()
                        .map(|f| f.locals[*id as usize].name.clone())
                        .unwrap_or_else(|| "".into());
                    format!("{what} of read-only variable '{n}'")
                }
                EK::Global(n) => format!(
                    "{what} of read-only variable '{}'",
                    n.split('.').next().unwrap_or(n)
                ),
                EK::Member(..) => {
                    let name = self.member_name.clone().unwrap_or_default();
                    format!("{what} of read-only member '{name}'")
                }
                _ => format!("{what} of read-only location '{}'", self.expr_text(lhs)),
            };
            self.error(op.loc, op.len(), m);
            return false;
        }
        if let EK::Member(b, _) = &lhs.k {
            if b.ty.konst {
                let name = self.member_name.clone().unwrap_or_default();
                self.error(
                    op.loc,
                    op.len(),
                    format!("{what} of member '{name}' in read-only object"),
                );
                return false;
            }
        }
        true
    }

    fn struct_has_const(&self, _t: &Ty) -> bool {
        false
    }

    fn expr_text(&self, e: &Expr) -> String {
        match &e.k {
            EK::Deref(p) => format!("*{}", self.expr_text(p)),
            EK::Local(id) => self
                .fs
                .as_ref()
                .map(|f| f.locals[*id as usize].name.to_string())
                .unwrap_or_default(),
            EK::Global(n) => n.to_string(),
            EK::Cast(x) => self.expr_text(x),
            EK::PtrAdd(p, i, _) => format!("{} + {}", self.expr_text(p), self.expr_text(i)),
            EK::Int(v) => v.to_string(),
            _ => "expression".into(),
        }
    }

    /// `c ? a : b`.
    pub(super) fn cond_expr(&mut self) -> Expr {
        let c = self.binary(0);
        if !self.at("?") {
            return c;
        }
        let q = self.next();
        let c = self.scalar_cond(c);
        let a = self.expr();
        if !self.eat(":") {
            self.expected("':'");
            return c;
        }
        let b = self.cond_expr();
        let a = self.rv(a);
        let b = self.rv(b);
        let ty = if a.ty.is_arith() && b.ty.is_arith() {
            usual_arith(&a.ty, &b.ty)
        } else if a.ty.is_void() || b.ty.is_void() {
            Ty::VOID
        } else if a.ty.is_ptr() && is_null_const(&b) {
            a.ty.clone()
        } else if b.ty.is_ptr() && is_null_const(&a) {
            b.ty.clone()
        } else if a.ty.is_ptr() && b.ty.is_ptr() {
            let (pa, pb) = (
                a.ty.pointee().cloned().unwrap_or(Ty::VOID),
                b.ty.pointee().cloned().unwrap_or(Ty::VOID),
            );
            if pa.is_void() {
                a.ty.clone()
            } else if pb.is_void() {
                b.ty.clone()
            } else {
                if pa.unqual() != pb.unqual() {
                    self.warn(
                        q.loc,
                        1,
                        "pointer type mismatch in conditional expression".into(),
                        "",
                    );
                }
                a.ty.clone()
            }
        } else if a.ty.is_struct() && a.ty.unqual() == b.ty.unqual() {
            a.ty.unqual()
        } else if (a.ty.is_ptr() && b.ty.is_integer()) || (a.ty.is_integer() && b.ty.is_ptr()) {
            self.warn(
                q.loc,
                1,
                "pointer/integer type mismatch in conditional expression".into(),
                "",
            );
            if a.ty.is_ptr() {
                a.ty.clone()
            } else {
                b.ty.clone()
            }
        } else {
            self.error(q.loc, 1, "type mismatch in conditional expression".into());
            a.ty.clone()
        };
        let (a, b) = if ty.is_void() || ty.is_struct() {
            (a, b)
        } else {
            (self.conv(a, &ty), self.conv(b, &ty))
        };
        mk(
            EK::Cond(Box::new(c), Box::new(a), Box::new(b)),
            ty,
            q.loc,
            1,
        )
    }

    fn binary(&mut self, min: u8) -> Expr {
        let mut l = self.cast_expr();
        loop {
            let t = self.peek().clone();
            if t.kind != Kind::Punct {
                break;
            }
            let (prec, op) = match &*t.text {
                "||" => (1, None),
                "&&" => (2, None),
                "|" => (3, Some(BOp::Or)),
                "^" => (4, Some(BOp::Xor)),
                "&" => (5, Some(BOp::And)),
                "==" => (6, Some(BOp::Eq)),
                "!=" => (6, Some(BOp::Ne)),
                "<" => (7, Some(BOp::Lt)),
                ">" => (7, Some(BOp::Gt)),
                "<=" => (7, Some(BOp::Le)),
                ">=" => (7, Some(BOp::Ge)),
                "<<" => (8, Some(BOp::Shl)),
                ">>" => (8, Some(BOp::Shr)),
                "+" => (9, Some(BOp::Add)),
                "-" => (9, Some(BOp::Sub)),
                "*" => (10, Some(BOp::Mul)),
                "/" => (10, Some(BOp::Div)),
                "%" => (10, Some(BOp::Mod)),
                _ => break,
            };
            if prec <= min {
                break;
            }
            self.pos += 1;
            let r = self.binary(prec);
            l = match op {
                None => {
                    let a = self.scalar_cond(l);
                    let b = self.scalar_cond(r);
                    let k = if t.is("&&") {
                        EK::LogAnd(Box::new(a), Box::new(b))
                    } else {
                        EK::LogOr(Box::new(a), Box::new(b))
                    };
                    mk(k, Ty::INT, t.loc, t.len())
                }
                Some(op) => self.binop(op, l, r, &t),
            };
        }
        l
    }

    pub(super) fn invalid_operands(&mut self, t: &Token, a: &Ty, b: &Ty) {
        let (an, bn) = (self.tyname(a), self.tyname(b));
        self.error(
            t.loc,
            t.len(),
            format!(
                "invalid operands to binary {} (have '{an}' and '{bn}')",
                t.text
            ),
        );
    }

    /// Types a binary operator.
    fn binop(&mut self, op: BOp, l: Expr, r: Expr, t: &Token) -> Expr {
        let l = self.rv(l);
        let r = self.rv(r);
        if l.bad || r.bad {
            return poison(Ty::INT, t.loc);
        }
        let (lt, rt) = (l.ty.clone(), r.ty.clone());
        let loc = t.loc;
        match op {
            BOp::Add | BOp::Sub if lt.is_ptr() || rt.is_ptr() => {
                if op == BOp::Add && lt.is_integer() && rt.is_ptr() {
                    return self.binop(op, r, l, t);
                }
                if lt.is_ptr() && rt.is_integer() {
                    let scale = self.elem_size(&lt);
                    let idx = self.conv(r, &Ty::LONG);
                    let idx = if op == BOp::Sub {
                        mk(EK::Unary(UOp::Neg, Box::new(idx)), Ty::LONG, loc, 1)
                    } else {
                        idx
                    };
                    return mk(EK::PtrAdd(Box::new(l), Box::new(idx), scale), lt, loc, 1);
                }
                if op == BOp::Sub && lt.is_ptr() && rt.is_ptr() {
                    let (pa, pb) = (
                        lt.pointee().map(|p| p.unqual()),
                        rt.pointee().map(|p| p.unqual()),
                    );
                    if pa != pb {
                        self.invalid_operands(t, &lt, &rt);
                    }
                    let scale = self.elem_size(&lt);
                    return mk(
                        EK::PtrDiff(Box::new(l), Box::new(r), scale),
                        Ty::LONG,
                        loc,
                        1,
                    );
                }
                self.invalid_operands(t, &lt, &rt);
                l
            }
            BOp::Eq | BOp::Ne | BOp::Lt | BOp::Le | BOp::Gt | BOp::Ge => {
                if lt.is_arith() && rt.is_arith() {
                    let ct = usual_arith(&lt, &rt);
                    let (l, r) = (self.conv(l, &ct), self.conv(r, &ct));
                    return mk(EK::Binary(op, Box::new(l), Box::new(r)), Ty::INT, loc, 1);
                }
                if lt.is_ptr() || rt.is_ptr() {
                    let (lp, rp) = (lt.is_ptr(), rt.is_ptr());
                    if lp && rp {
                        let (pa, pb) = (
                            lt.pointee().cloned().unwrap_or(Ty::VOID),
                            rt.pointee().cloned().unwrap_or(Ty::VOID),
                        );
                        if !pa.is_void() && !pb.is_void() && pa.unqual() != pb.unqual() {
                            self.warn(
                                loc,
                                t.len(),
                                "comparison of distinct pointer types lacks a cast".into(),
                                "",
                            );
                        }
                    } else if (lp && rt.is_integer() && !is_null_const(&r))
                        || (rp && lt.is_integer() && !is_null_const(&l))
                    {
                        self.warn(
                            loc,
                            t.len(),
                            "comparison between pointer and integer".into(),
                            "",
                        );
                    } else if (!lp || !rt.is_integer()) && (!rp || !lt.is_integer()) {
                        self.invalid_operands(t, &lt, &rt);
                        return poison(Ty::INT, l.loc);
                    }
                    let (l, r) = (self.conv(l, &Ty::ULONG), self.conv(r, &Ty::ULONG));
                    return mk(EK::Binary(op, Box::new(l), Box::new(r)), Ty::INT, loc, 1);
                }
                self.invalid_operands(t, &lt, &rt);
                l
            }
            BOp::Shl | BOp::Shr => {
                if !lt.is_integer() || !rt.is_integer() {
                    self.invalid_operands(t, &lt, &rt);
                    return poison(Ty::INT, l.loc);
                }
                let ty = promote(&lt);
                let (l, r) = (self.conv(l, &ty), self.conv(r, &ty));
                mk(EK::Binary(op, Box::new(l), Box::new(r)), ty, loc, 1)
            }
            _ => {
                let int_only = matches!(op, BOp::Mod | BOp::And | BOp::Or | BOp::Xor);
                let ok = if int_only {
                    lt.is_integer() && rt.is_integer()
                } else {
                    lt.is_arith() && rt.is_arith()
                };
                if !ok {
                    self.invalid_operands(t, &lt, &rt);
                    return poison(Ty::INT, l.loc);
                }
                if matches!(op, BOp::Div | BOp::Mod)
                    && rt.is_integer()
                    && self.const_int(&r) == Some(0)
                    && self.wall_or_default()
                {
                    self.warn(loc, t.len(), "division by zero".into(), "-Wdiv-by-zero");
                }
                let ty = usual_arith(&lt, &rt);
                let (l, r) = (self.conv(l, &ty), self.conv(r, &ty));
                mk(EK::Binary(op, Box::new(l), Box::new(r)), ty, loc, 1)
            }
        }
    }

    fn wall_or_default(&self) -> bool {
        true
    }

    /// Size of what a pointer points to, for pointer arithmetic (`void *` counts 1, as gcc).
    pub(super) fn elem_size(&self, t: &Ty) -> u64 {
        t.pointee().map_or(1, |p| self.size_of(p).max(1))
    }

    fn cast_expr(&mut self) -> Expr {
        if self.at("(") && self.type_starts_at(1) {
            let open = self.next();
            let Some(ty) = self.type_name() else {
                return int_const(0, Ty::INT, open.loc);
            };
            if !self.eat(")") {
                self.expected("')'");
            }
            if self.at("{") {
                return self.compound_literal(ty, open.loc);
            }
            let e = self.cast_expr();
            return self.cast(e, ty, open.loc);
        }
        self.unary()
    }

    fn type_starts_at(&self, k: usize) -> bool {
        let t = self.peek_at(k);
        t.kind == Kind::Ident && (super::parse::is_type_kw(&t.text) || self.is_typedef_name(t))
    }

    fn compound_literal(&mut self, mut ty: Ty, loc: Loc) -> Expr {
        let Some(_) = self.fs.as_ref() else {
            self.error(
                loc,
                1,
                "compound literals at file scope are not supported".into(),
            );
            let _ = self.skip_braces();
            return int_const(0, Ty::INT, loc);
        };
        let mut items = Vec::new();
        self.initializer(&mut ty, 0, &mut items);
        let name: Rc<str> = ".compound".into();
        let id = {
            let fs = self.fs.as_mut();
            match fs {
                Some(fs) => {
                    let id = fs.locals.len() as LocalId;
                    fs.locals.push(Local {
                        name,
                        ty: ty.clone(),
                        in_memory: true,
                    });
                    fs.used.push(true);
                    fs.set.push(true);
                    fs.decl_loc.push((loc, 1));
                    id
                }
                None => 0,
            }
        };
        self.pending_inits.push(Stmt::Init(id, true, items));
        // The initialization runs where the literal is evaluated.
        let init = self.pending_inits.pop();
        let var = mk(EK::Local(id), ty.clone(), loc, 1);
        match init {
            Some(Stmt::Init(_, _, items)) => {
                let mut e = mk(EK::Int(0), Ty::VOID, loc, 1);
                for (off, v) in items {
                    let target = if off == 0 && v.ty == ty {
                        var.clone()
                    } else {
                        let p = mk(EK::Addr(Box::new(var.clone())), Ty::CHAR.ptr(), loc, 1);
                        let p = mk(
                            EK::PtrAdd(
                                Box::new(p),
                                Box::new(int_const(off as i64, Ty::LONG, loc)),
                                1,
                            ),
                            Ty::CHAR.ptr(),
                            loc,
                            1,
                        );
                        let p = mk(EK::Cast(Box::new(p)), v.ty.clone().ptr(), loc, 1);
                        mk(EK::Deref(Box::new(p)), v.ty.clone(), loc, 1)
                    };
                    let vt = v.ty.clone();
                    let a = mk(EK::Assign(Box::new(target), Box::new(v)), vt, loc, 1);
                    e = mk(EK::Comma(Box::new(e), Box::new(a)), Ty::VOID, loc, 1);
                }
                let zero = mk(
                    EK::Call(
                        Box::new(self.func_ref("memset", loc)),
                        vec![
                            mk(EK::Addr(Box::new(var.clone())), Ty::VOID.ptr(), loc, 1),
                            int_const(0, Ty::INT, loc),
                            int_const(self.size_of(&ty) as i64, Ty::ULONG, loc),
                        ],
                    ),
                    Ty::VOID.ptr(),
                    loc,
                    1,
                );
                let e = mk(EK::Comma(Box::new(zero), Box::new(e)), Ty::VOID, loc, 1);
                mk(EK::Comma(Box::new(e), Box::new(var)), ty, loc, 1)
            }
            _ => var,
        }
    }

    pub(super) fn func_ref(&self, name: &str, loc: Loc) -> Expr {
        let fty = Ty::new(TyK::Func(Rc::new(FnTy {
            ret: Ty::VOID.ptr(),
            params: Vec::new(),
            variadic: false,
            unprototyped: true,
        })));
        let f = mk(EK::Func(name.into()), fty.clone(), loc, 1);
        mk(EK::Addr(Box::new(f)), fty.ptr(), loc, 1)
    }

    fn skip_braces(&mut self) -> Option<()> {
        let mut depth = 0;
        loop {
            let t = self.next();
            if t.kind == Kind::Eof {
                return None;
            }
            if t.is("{") {
                depth += 1;
            } else if t.is("}") {
                depth -= 1;
                if depth <= 0 {
                    return Some(());
                }
            }
        }
    }

    /// An explicit cast.
    fn cast(&mut self, e: Expr, ty: Ty, loc: Loc) -> Expr {
        let e = self.rv(e);
        if e.bad {
            return poison(ty, loc);
        }
        if ty.is_void() {
            return mk(EK::Cast(Box::new(e)), ty, loc, 1);
        }
        if !ty.is_scalar() {
            if ty.is_struct() && e.ty.unqual() == ty.unqual() {
                return e;
            }
            self.error(loc, 1, "conversion to non-scalar type requested".into());
            return e;
        }
        if !e.ty.is_scalar() {
            let m = if e.ty.is_void() {
                "void value not ignored as it ought to be".to_owned()
            } else {
                "aggregate value used where a scalar was expected".to_owned()
            };
            let m = if e.ty.is_struct() && ty.is_integer() {
                "aggregate value used where an integer was expected".to_owned()
            } else {
                m
            };
            self.error(loc, 1, m);
            return int_const(0, ty, loc);
        }
        if ty.is_ptr() && e.ty.is_float() || ty.is_float() && e.ty.is_ptr() {
            let m = if ty.is_ptr() {
                "cannot convert to a pointer type"
            } else {
                "pointer value used where a floating-point was expected"
            };
            self.error(loc, 1, m.into());
            return int_const(0, ty, loc);
        }
        if ty.is_ptr()
            && e.ty.is_integer()
            && self.size_of(&e.ty) != 8
            && self.const_int(&e).is_none()
        {
            self.warn(
                loc,
                1,
                "cast to pointer from integer of different size".into(),
                "-Wint-to-pointer-cast",
            );
        }
        if e.ty.is_ptr() && ty.is_integer() && self.size_of(&ty) != 8 && ty.k != TyK::Bool {
            self.warn(
                loc,
                1,
                "cast from pointer to integer of different size".into(),
                "-Wpointer-to-int-cast",
            );
        }
        let mut c = self.conv(e, &ty.unqual());
        c.loc = loc;
        c
    }

    fn unary(&mut self) -> Expr {
        let t = self.peek().clone();
        if t.kind == Kind::Punct {
            match &*t.text {
                "++" | "--" => {
                    self.pos += 1;
                    let e = self.unary();
                    return self.incdec(e, &t, true);
                }
                "&" => {
                    self.pos += 1;
                    let e = self.cast_expr();
                    return self.address_of(e, &t);
                }
                "*" => {
                    self.pos += 1;
                    let e = self.cast_expr();
                    let e = self.rv(e);
                    return self.deref(e, &t);
                }
                "+" | "-" | "~" | "!" => {
                    self.pos += 1;
                    let e = self.cast_expr();
                    let e = self.rv(e);
                    if e.bad {
                        return poison(Ty::INT, t.loc);
                    }
                    if t.is("!") {
                        if !e.ty.is_scalar() {
                            self.error(
                                t.loc,
                                1,
                                "wrong type argument to unary exclamation mark".into(),
                            );
                            return e;
                        }
                        return mk(EK::Unary(UOp::Not, Box::new(e)), Ty::INT, t.loc, 1);
                    }
                    let ok = if t.is("~") {
                        e.ty.is_integer()
                    } else {
                        e.ty.is_arith()
                    };
                    if !ok {
                        let what = match &*t.text {
                            "~" => "bit-complement",
                            "-" => "unary minus",
                            _ => "unary plus",
                        };
                        self.error(t.loc, 1, format!("wrong type argument to {what}"));
                        return e;
                    }
                    let ty = promote(&e.ty);
                    let e = self.conv(e, &ty);
                    return match &*t.text {
                        "+" => e,
                        "-" => mk(EK::Unary(UOp::Neg, Box::new(e)), ty, t.loc, 1),
                        _ => mk(EK::Unary(UOp::BitNot, Box::new(e)), ty, t.loc, 1),
                    };
                }
                _ => {}
            }
        }
        if t.is("sizeof") {
            self.pos += 1;
            let ty = if self.at("(") && self.type_starts_at(1) {
                self.pos += 1;
                let ty = self.type_name().unwrap_or(Ty::INT);
                if !self.eat(")") {
                    self.expected("')'");
                }
                if self.at("{") {
                    let e = self.compound_literal(ty, t.loc);
                    e.ty
                } else {
                    ty
                }
            } else {
                let e = self.unary();
                if let EK::Local(id) = e.k {
                    let size = self.fs.as_ref().and_then(|f| f.vla_sizes.get(&id).copied());
                    if let Some(sid) = size {
                        return Expr {
                            k: EK::Local(sid),
                            ty: Ty::ULONG,
                            loc: t.loc,
                            len: t.len(),
                            bad: false,
                        };
                    }
                }
                e.ty
            };
            if ty.is_func() || !self.layout().is_complete(&ty) && !ty.is_void() {
                let m = if ty.is_func() {
                    "invalid application of 'sizeof' to a function type".to_owned()
                } else {
                    format!(
                        "invalid application of 'sizeof' to incomplete type '{}'",
                        self.tyname(&ty)
                    )
                };
                self.error(t.loc, t.len(), m);
            }
            return int_const(self.size_of(&ty) as i64, Ty::ULONG, t.loc);
        }
        self.postfix()
    }

    fn address_of(&mut self, e: Expr, t: &Token) -> Expr {
        if let EK::Deref(p) = e.k {
            // `&*p` is `p`.
            let mut p = *p;
            p.loc = t.loc;
            return p;
        }
        if !e.is_lvalue() && !e.ty.is_func() {
            self.error(t.loc, 1, "lvalue required as unary '&' operand".into());
            return e;
        }
        self.mark_in_memory(&e);
        let ty = e.ty.clone().ptr();
        mk(EK::Addr(Box::new(e)), ty, t.loc, 1)
    }

    fn mark_in_memory(&mut self, e: &Expr) {
        match &e.k {
            EK::Local(id) => {
                if let Some(fs) = self.fs.as_mut() {
                    if let Some(l) = fs.locals.get_mut(*id as usize) {
                        l.in_memory = true;
                    }
                }
            }
            EK::Member(b, _) => self.mark_in_memory(b),
            _ => {}
        }
    }

    fn deref(&mut self, e: Expr, t: &Token) -> Expr {
        if e.bad {
            return poison(Ty::INT, t.loc);
        }
        let Some(p) = e.ty.pointee().cloned() else {
            let n = self.tyname(&e.ty);
            let len = 1 + e.len;
            self.error(
                t.loc,
                len,
                format!("invalid type argument of unary '*' (have '{n}')"),
            );
            return poison(Ty::INT, t.loc);
        };
        if p.is_func() {
            return e;
        }
        if p.is_void() {
            self.warn(t.loc, 1, "dereferencing 'void *' pointer".into(), "");
        }
        mk(EK::Deref(Box::new(e)), p, t.loc, 1)
    }

    fn incdec(&mut self, e: Expr, t: &Token, pre: bool) -> Expr {
        if e.bad {
            return poison(e.ty.clone(), t.loc);
        }
        let what = if t.is("++") { "increment" } else { "decrement" };
        if !self.check_modifiable(&e, t, what) {
            return poison(e.ty.clone(), t.loc);
        }
        if !e.ty.is_scalar() {
            let m = if t.is("++") {
                "wrong type argument to increment"
            } else {
                "wrong type argument to decrement"
            };
            self.error(t.loc, 2, m.into());
            return poison(e.ty.clone(), t.loc);
        }
        let step = if e.ty.is_ptr() {
            self.elem_size(&e.ty) as i64
        } else {
            1
        };
        let delta = if t.is("++") { step } else { -step };
        if let EK::Local(id) = e.k {
            if let Some(fs) = self.fs.as_mut() {
                fs.set[id as usize] = true;
            }
        }
        let ty = e.ty.unqual();
        mk(
            EK::IncDec {
                lv: Box::new(e),
                pre,
                delta,
            },
            ty,
            t.loc,
            2,
        )
    }

    fn postfix(&mut self) -> Expr {
        let mut e = self.primary();
        loop {
            let t = self.peek().clone();
            if t.kind != Kind::Punct {
                break;
            }
            match &*t.text {
                "[" => {
                    self.pos += 1;
                    let idx = self.expr();
                    if !self.eat("]") {
                        self.expected("']'");
                    }
                    let a = self.rv(e);
                    let i = self.rv(idx);
                    if a.bad || i.bad {
                        e = poison(Ty::INT, t.loc);
                        continue;
                    }
                    let (a, i) = if a.ty.is_integer() && i.ty.is_ptr() {
                        (i, a)
                    } else {
                        (a, i)
                    };
                    if !a.ty.is_ptr() {
                        self.error(
                            t.loc,
                            1,
                            "subscripted value is neither array nor pointer nor vector".into(),
                        );
                        e = poison(Ty::INT, t.loc);
                        continue;
                    }
                    if !i.ty.is_integer() {
                        self.error(t.loc, 1, "array subscript is not an integer".into());
                        e = poison(Ty::INT, t.loc);
                        continue;
                    }
                    if is_charlike(&i.ty) && i.ty.k == TyK::Char && self.wall {
                        self.warn(
                            t.loc,
                            1,
                            "array subscript has type 'char'".into(),
                            "-Wchar-subscripts",
                        );
                    }
                    let scale = self.elem_size(&a.ty);
                    let ty = a.ty.pointee().cloned().unwrap_or(Ty::INT);
                    let i = self.conv(i, &Ty::LONG);
                    let pty = a.ty.clone();
                    let p = mk(EK::PtrAdd(Box::new(a), Box::new(i), scale), pty, t.loc, 1);
                    e = mk(EK::Deref(Box::new(p)), ty, t.loc, 1);
                }
                "(" => {
                    self.pos += 1;
                    e = self.call(e, &t);
                }
                "." | "->" => {
                    self.pos += 1;
                    // Back to the token after `.` if it is no name: at the end of the file
                    // `next` does not move, and stepping back one would find the `.` again.
                    let at = self.pos;
                    let name = self.next();
                    if name.kind != Kind::Ident {
                        self.pos = at;
                        self.expected("identifier");
                        continue;
                    }
                    let base = if t.is("->") {
                        let b = self.rv(e);
                        match b.ty.pointee().cloned() {
                            Some(p) if b.ty.is_ptr() => mk(EK::Deref(Box::new(b)), p, t.loc, 1),
                            _ => {
                                let n = self.tyname(&b.ty);
                                self.error(
                                    t.loc,
                                    2,
                                    format!("invalid type argument of '->' (have '{n}')"),
                                );
                                e = poison(Ty::INT, t.loc);
                                continue;
                            }
                        }
                    } else {
                        e
                    };
                    e = self.member(base, &name, &t);
                }
                "++" | "--" => {
                    self.pos += 1;
                    e = self.incdec(e, &t, false);
                }
                _ => break,
            }
        }
        e
    }

    fn member(&mut self, base: Expr, name: &Token, dot: &Token) -> Expr {
        if base.bad {
            return poison(Ty::INT, dot.loc);
        }
        let TyK::Struct(id) = base.ty.k else {
            self.error(
                dot.loc,
                dot.len(),
                format!(
                    "request for member '{}' in something not a structure or union",
                    name.text
                ),
            );
            return poison(Ty::INT, dot.loc);
        };
        let def = self
            .unit
            .structs
            .get(id as usize)
            .cloned()
            .unwrap_or_default();
        if !def.complete {
            let n = self.tyname(&base.ty);
            self.error(
                dot.loc,
                dot.len(),
                format!("dereferencing pointer to incomplete type '{n}'"),
            );
            return poison(Ty::INT, dot.loc);
        }
        let Some(f) = def.fields.iter().find(|f| f.name == name.text) else {
            let n = self.tyname(&base.ty.unqual());
            self.error(
                dot.loc,
                dot.len(),
                format!("'{n}' has no member named '{}'", name.text),
            );
            return poison(Ty::INT, dot.loc);
        };
        let mut ty = f.ty.clone();
        ty.konst |= base.ty.konst;
        self.member_name = Some(name.text.to_string());
        mk(EK::Member(Box::new(base), f.offset), ty, dot.loc, 1)
    }

    fn call(&mut self, callee: Expr, open: &Token) -> Expr {
        let name: Option<Rc<str>> = match &callee.k {
            EK::Func(n) => Some(n.clone()),
            EK::Local(id) => self
                .fs
                .as_ref()
                .map(|f| f.locals[*id as usize].name.clone()),
            EK::Global(n) => Some(n.clone()),
            _ => None,
        };
        let (cloc, clen) = (callee.loc, callee.len);
        let decl_of_var = match &callee.k {
            EK::Local(id) => self.fs.as_ref().map(|f| f.decl_loc[*id as usize]),
            EK::Global(n) => self.files.get(n).map(|f| (f.loc, n.len() as u32)),
            _ => None,
        };
        let f = self.rv(callee);
        let mut args = Vec::new();
        if !self.at(")") {
            loop {
                let a = self.assign_expr();
                args.push(a);
                if !self.eat(",") {
                    break;
                }
            }
        }
        if !self.eat(")") {
            self.expected("')'");
        }
        if f.bad {
            return poison(Ty::INT, cloc);
        }
        let Some(fty) = f.ty.func().cloned() else {
            let what = name
                .map(|n| format!("'{n}'"))
                .unwrap_or_else(|| "expression".into());
            self.error(
                open.loc.min(cloc),
                clen,
                format!("called object {what} is not a function or function pointer"),
            );
            let _ = open;
            if let Some(l) = decl_of_var {
                self.note(l.0, l.1, "declared here".into());
            }
            return poison(Ty::INT, cloc);
        };
        let fname: Rc<str> = name.clone().unwrap_or_else(|| "".into());
        let decl_loc = self.decl_loc_of(&fname);
        if !fty.unprototyped {
            let (n, m) = (args.len(), fty.params.len());
            if n < m || (n > m && !fty.variadic) {
                let m = if n < m {
                    format!("too few arguments to function '{fname}'")
                } else {
                    format!("too many arguments to function '{fname}'")
                };
                self.error(cloc, clen, m);
                if let Some(l) = decl_loc {
                    self.note(l, fname.len() as u32, "declared here".into());
                }
                return poison(fty.ret.clone(), cloc);
            }
        }
        let mut out = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            match fty.params.get(i) {
                Some(pt) if !fty.unprototyped => {
                    let pt = pt.unqual();
                    let c =
                        self.convert_assign(a, &pt, AssignCtx::Arg(i + 1, fname.clone(), decl_loc));
                    out.push(c);
                }
                _ => {
                    let a = self.rv(a);
                    if a.ty.is_void() {
                        self.error(a.loc, a.len, "invalid use of void expression".into());
                    }
                    let t = if a.ty.k == TyK::Float {
                        Ty::DOUBLE
                    } else if a.ty.is_integer() {
                        promote(&a.ty)
                    } else {
                        a.ty.clone()
                    };
                    out.push(self.conv(a, &t));
                }
            }
        }
        if self.wall {
            self.check_format(&fname, &out, cloc);
        }
        let ret = fty.ret.clone();
        mk(EK::Call(Box::new(f), out), ret, cloc, clen)
    }

    fn decl_loc_of(&self, name: &str) -> Option<Loc> {
        self.files.get(name).map(|f| f.loc)
    }

    /// -Wformat: printf-family arguments against the format string.
    fn check_format(&mut self, fname: &str, args: &[Expr], call_loc: Loc) {
        let fmt_index = match fname {
            "printf" | "scanf" => 0,
            "fprintf" | "sprintf" | "fscanf" | "sscanf" | "dprintf" => 1,
            "snprintf" => 2,
            _ => return,
        };
        let scan = fname.contains("scanf");
        let Some(fmt) = args.get(fmt_index) else {
            return;
        };
        let Some(sid) = string_of(fmt) else { return };
        let bytes = self
            .unit
            .strings
            .get(sid as usize)
            .cloned()
            .unwrap_or_default();
        let specs = format_specs(&bytes);
        // Source columns of each `%` in the literal as written.
        let src = self.map.line_text(fmt.loc).unwrap_or_default();
        let cols = percent_columns(&src, fmt.loc.col);
        let mut argi = fmt_index + 1;
        for (k, (conv, len_mod, star)) in specs.into_iter().enumerate() {
            if star {
                argi += 1;
            }
            if conv == b'%' {
                continue;
            }
            let spec = format!("%{}{}", len_mod, conv as char);
            let expect: Option<TypeCheck> = if scan {
                match conv {
                    b'd' | b'i' if len_mod.is_empty() => Some(("int *", |t: &Ty| {
                        t.pointee()
                            .is_some_and(|p| matches!(p.k, TyK::Int | TyK::Enum(_)))
                    })),
                    b's' | b'c' | b'[' => {
                        Some(("char *", |t: &Ty| t.pointee().is_some_and(is_charlike)))
                    }
                    b'f' if len_mod == "l" => Some(("double *", |t: &Ty| {
                        t.pointee().is_some_and(|p| p.k == TyK::Double)
                    })),
                    b'f' if len_mod.is_empty() => Some(("float *", |t: &Ty| {
                        t.pointee().is_some_and(|p| p.k == TyK::Float)
                    })),
                    _ => None,
                }
            } else {
                match (conv, len_mod.as_str()) {
                    (b'd' | b'i' | b'c', "") => Some(("int", |t: &Ty| {
                        t.is_integer()
                            && !matches!(t.k, TyK::Long | TyK::ULong | TyK::LLong | TyK::ULLong)
                    })),
                    (b'u' | b'x' | b'X' | b'o', "") => Some(("unsigned int", |t: &Ty| {
                        t.is_integer()
                            && !matches!(t.k, TyK::Long | TyK::ULong | TyK::LLong | TyK::ULLong)
                    })),
                    (b'd' | b'i', "l") => {
                        Some(("long int", |t: &Ty| matches!(t.k, TyK::Long | TyK::ULong)))
                    }
                    (b'u' | b'x' | b'X', "l") => Some(("long unsigned int", |t: &Ty| {
                        matches!(t.k, TyK::Long | TyK::ULong)
                    })),
                    (b's', _) => Some(("char *", |t: &Ty| {
                        t.is_ptr() && t.pointee().is_some_and(is_charlike)
                    })),
                    (b'f' | b'e' | b'g' | b'E' | b'G', "") => {
                        Some(("double", |t: &Ty| t.is_float()))
                    }
                    (b'p', _) => Some(("void *", |t: &Ty| t.is_ptr())),
                    _ => None,
                }
            };
            let pcol = cols.get(k).copied();
            let Some(arg) = args.get(argi) else {
                let want = expect.map(|e| e.0).unwrap_or("int");
                let (l, n) = match (self.gcc5(), pcol) {
                    (false, Some(c)) => (
                        Loc {
                            col: c + spec.len() as u32 - 1,
                            ..fmt.loc
                        },
                        1,
                    ),
                    _ => (fmt.loc, fmt.len),
                };
                let gcc5 = self.gcc5();
                let d = self.diag(
                    Level::Warning,
                    l,
                    n,
                    format!("format '{spec}' expects a matching '{want}' argument"),
                );
                d.option = Some("-Wformat=".into());
                if let (false, Some(c)) = (gcc5, pcol) {
                    d.ranges
                        .push(diag_range(c, spec.len() as u32, Some(l.col), want));
                }
                return;
            };
            if let Some((want, ok)) = expect {
                if !ok(&arg.ty) {
                    let have = self.tyname(&arg.ty);
                    let msg = format!("format '{spec}' expects argument of type '{want}', but argument {} has type '{have}'", argi + 1);
                    match (self.gcc5(), pcol) {
                        (false, Some(c)) => {
                            let caret = c + spec.len() as u32 - 1;
                            let shown = strip_cast(arg);
                            let same_line =
                                shown.loc.line == fmt.loc.line && shown.loc.file == fmt.loc.file;
                            let fix = if scan { None } else { suggest_conv(&arg.ty) };
                            let d = self.diag(
                                Level::Warning,
                                Loc {
                                    col: caret,
                                    ..fmt.loc
                                },
                                1,
                                msg,
                            );
                            d.option = Some("-Wformat=".into());
                            d.ranges
                                .push(diag_range(c, spec.len() as u32, Some(caret), want));
                            if same_line {
                                d.ranges
                                    .push(diag_range(shown.loc.col, shown.len, None, &have));
                            }
                            d.fixit = fix.map(|f| f.to_owned());
                        }
                        _ => self.warn(call_loc, 1, msg, "-Wformat="),
                    }
                }
            }
            argi += 1;
        }
        if argi < args.len() && !scan {
            self.warn(
                fmt.loc,
                fmt.len,
                "too many arguments for format".into(),
                "-Wformat-extra-args",
            );
        }
    }

    fn primary(&mut self) -> Expr {
        let t = self.next();
        match t.kind {
            Kind::Num => self.number(&t),
            Kind::Char => {
                let (v, _) = unescape(&t.text, true);
                let c = v.first().copied().unwrap_or(0);
                let val = if t.text.starts_with('L') {
                    c as i64
                } else {
                    c as i8 as i64
                };
                mk(EK::Int(val), Ty::INT, t.loc, t.len())
            }
            Kind::Str => {
                self.pos -= 1;
                self.primary_string()
            }
            Kind::Ident => self.ident(&t),
            Kind::Punct if t.is("(") => {
                let e = self.expr();
                if !self.eat(")") {
                    self.expected("')'");
                }
                e
            }
            _ => {
                self.pos -= 1;
                self.expected("expression");
                if !self.at(";") && !self.at("}") && !self.at(")") {
                    self.pos += 1;
                }
                int_const(0, Ty::INT, t.loc)
            }
        }
    }

    /// A string literal (adjacent literals joined).
    pub(super) fn primary_string(&mut self) -> Expr {
        let t = self.next();
        let mut bytes = unescape(&t.text, false).0;
        while self.peek().kind == Kind::Str {
            let n = self.next();
            bytes.extend(unescape(&n.text, false).0);
        }
        bytes.push(0);
        let n = bytes.len() as u64;
        let id = self.add_string(bytes);
        mk(
            EK::Str(id),
            Ty::new(TyK::Array(Rc::new(Ty::CHAR), Some(n))),
            t.loc,
            t.len(),
        )
    }

    fn number(&mut self, t: &Token) -> Expr {
        let s = t.text.to_ascii_lowercase();
        let is_hex = s.starts_with("0x");
        let is_float = !is_hex && (s.contains('.') || s.contains('e')) || is_hex && s.contains('p');
        if is_float {
            let (body, ty) = if let Some(b) = s.strip_suffix('f') {
                (b, Ty::new(TyK::Float))
            } else {
                (s.strip_suffix('l').unwrap_or(&s), Ty::DOUBLE)
            };
            return match body.parse::<f64>() {
                Ok(v) => mk(EK::Float(v), ty, t.loc, t.len()),
                Err(_) => {
                    self.error(
                        t.loc,
                        t.len(),
                        format!(
                            "invalid suffix \"{}\" on floating constant",
                            &t.text[body.len().min(t.text.len())..]
                        ),
                    );
                    mk(EK::Float(0.0), Ty::DOUBLE, t.loc, t.len())
                }
            };
        }
        let digits_end = s.trim_end_matches(['u', 'l']).len();
        let (digits, suffix) = s.split_at(digits_end);
        let (radix, body) = if is_hex {
            (16, &digits[2..])
        } else if digits.len() > 1 && digits.starts_with('0') {
            (8, &digits[1..])
        } else if let Some(b) = digits.strip_prefix("0b") {
            (2, b)
        } else {
            (10, digits)
        };
        let Ok(v) = u64::from_str_radix(body, radix) else {
            if body.chars().all(|c| c.is_ascii_alphanumeric())
                && !body.is_empty()
                && u128::from_str_radix(body, radix).is_ok()
            {
                self.error(
                    t.loc,
                    t.len(),
                    "integer constant is too large for its type".into(),
                );
            } else {
                let bad = t.text.trim_start_matches(|c: char| c.is_ascii_digit());
                let m = if radix == 8 && body.chars().all(|c| c.is_ascii_digit()) {
                    format!(
                        "invalid digit \"{}\" in octal constant",
                        body.chars().find(|c| *c >= '8').unwrap_or('8')
                    )
                } else {
                    format!("invalid suffix \"{bad}\" on integer constant")
                };
                self.error(t.loc, t.len(), m);
            }
            return int_const(0, Ty::INT, t.loc);
        };
        let unsigned = suffix.contains('u');
        let longs = suffix.matches('l').count();
        let ty = if longs == 0 && !unsigned {
            if v <= i32::MAX as u64 {
                TyK::Int
            } else if radix != 10 && v <= u32::MAX as u64 {
                TyK::UInt
            } else if v <= i64::MAX as u64 {
                TyK::Long
            } else {
                TyK::ULong
            }
        } else if longs == 0 {
            if v <= u32::MAX as u64 {
                TyK::UInt
            } else {
                TyK::ULong
            }
        } else if unsigned {
            if longs >= 2 {
                TyK::ULLong
            } else {
                TyK::ULong
            }
        } else if v <= i64::MAX as u64 {
            if longs >= 2 {
                TyK::LLong
            } else {
                TyK::Long
            }
        } else {
            TyK::ULong
        };
        mk(EK::Int(v as i64), Ty::new(ty), t.loc, t.len())
    }

    fn ident(&mut self, t: &Token) -> Expr {
        let loc = t.loc;
        match &*t.text {
            "__builtin_va_start" => {
                if !self.eat("(") {
                    self.expected("'('");
                }
                let ap = self.assign_expr();
                if self.eat(",") {
                    let _ = self.assign_expr();
                }
                if !self.eat(")") {
                    self.expected("')'");
                }
                if !self.fs.as_ref().is_some_and(|f| f.variadic) {
                    self.error(
                        loc,
                        t.len(),
                        "'va_start' used in function with fixed args".into(),
                    );
                }
                return mk(EK::VaStart(Box::new(ap)), Ty::VOID, loc, t.len());
            }
            "__builtin_va_arg" => {
                if !self.eat("(") {
                    self.expected("'('");
                }
                let ap = self.assign_expr();
                if !self.eat(",") {
                    self.expected("','");
                }
                let ty = self.type_name().unwrap_or(Ty::INT);
                if !self.eat(")") {
                    self.expected("')'");
                }
                return mk(EK::VaArg(Box::new(ap)), ty, loc, t.len());
            }
            "__func__" | "__FUNCTION__" if self.fs.is_some() => {
                let name = self
                    .fs
                    .as_ref()
                    .map(|f| f.name.to_string())
                    .unwrap_or_default();
                let mut bytes = name.into_bytes();
                bytes.push(0);
                let n = bytes.len() as u64;
                let id = self.add_string(bytes);
                return mk(
                    EK::Str(id),
                    Ty::new(TyK::Array(Rc::new(Ty::CHAR), Some(n))),
                    loc,
                    t.len(),
                );
            }
            _ => {}
        }
        match self.lookup(&t.text).cloned() {
            Some(Sym::Local(id)) => {
                let ty = self
                    .fs
                    .as_ref()
                    .map(|f| f.locals[id as usize].ty.clone())
                    .unwrap_or(Ty::INT);
                if let Some(fs) = self.fs.as_mut() {
                    let prev = fs.used[id as usize];
                    fs.used[id as usize] = true;
                    self.last_use = Some((id, prev));
                }
                mk(EK::Local(id), ty, loc, t.len())
            }
            Some(Sym::Global(n, ty)) => mk(EK::Global(n), ty, loc, t.len()),
            Some(Sym::Func(n, ty)) => mk(EK::Func(n), ty, loc, t.len()),
            Some(Sym::EnumConst(v)) => mk(EK::Int(v), Ty::INT, loc, t.len()),
            Some(Sym::Typedef(_)) => {
                self.pos -= 1;
                self.expected("expression");
                self.pos += 1;
                int_const(0, Ty::INT, loc)
            }
            None => {
                if self.at("(") {
                    let ty = self.implicit_func(t);
                    return mk(EK::Func(t.text.clone()), ty, loc, t.len());
                }
                if self.fs.is_none() {
                    self.error(
                        loc,
                        t.len(),
                        format!("'{}' undeclared here (not in a function)", t.text),
                    );
                    return poison(Ty::INT, loc);
                }
                let first_in_fn = self.fs.as_ref().is_some_and(|f| f.undeclared.is_empty());
                let seen = self
                    .fs
                    .as_ref()
                    .is_some_and(|f| f.undeclared.contains(&t.text));
                if !seen {
                    let hint = if self.gcc5() {
                        None
                    } else {
                        self.spelling_hint(&t.text)
                    };
                    match hint {
                        Some(h) => {
                            let d = self.diag(Level::Error, loc, t.len(), format!("'{}' undeclared (first use in this function); did you mean '{h}'?", t.text));
                            d.fixit = Some(h.to_string());
                        }
                        None => self.error(
                            loc,
                            t.len(),
                            format!("'{}' undeclared (first use in this function)", t.text),
                        ),
                    }
                    if first_in_fn {
                        let d = self.diag(Level::Note, loc, t.len(), "each undeclared identifier is reported only once for each function it appears in".into());
                        d.source = None;
                    }
                    if let Some(f) = self.fs.as_mut() {
                        f.undeclared.insert(t.text.clone());
                    }
                }
                poison(Ty::INT, loc)
            }
        }
    }

    /// The name in scope closest to a misspelt one, as gcc suggests it.
    fn spelling_hint(&self, goal: &str) -> Option<Rc<str>> {
        let mut best: Option<(usize, Rc<str>)> = None;
        for scope in self.scopes.iter().rev() {
            for (name, sym) in &scope.names {
                if name.starts_with("__") || matches!(sym, Sym::Typedef(_)) {
                    continue;
                }
                let d = edit_distance(goal.as_bytes(), name.as_bytes());
                let (gl, cl) = (goal.len(), name.len());
                let (max, min) = (gl.max(cl), gl.min(cl));
                let cutoff = if max <= 1 {
                    0
                } else if max - min <= 1 {
                    (max / 3).max(1)
                } else {
                    max.div_ceil(3)
                };
                if d <= cutoff
                    && best
                        .as_ref()
                        .is_none_or(|b| d < b.0 || (d == b.0 && **name < *b.1))
                {
                    best = Some((d, name.clone()));
                }
            }
        }
        best.map(|b| b.1)
    }

    // ----- conversions -----

    /// Array-to-pointer and function-to-pointer decay (an rvalue use).
    pub(super) fn rv(&mut self, e: Expr) -> Expr {
        // The value of `x = …` used as an operand counts as using x.
        if let EK::Assign(lhs, _) = &e.k {
            if let EK::Local(id) = lhs.k {
                if let Some(fs) = self.fs.as_mut() {
                    if let Some(u) = fs.used.get_mut(id as usize) {
                        *u = true;
                    }
                }
            }
        }
        match &e.ty.k {
            TyK::Array(elem, _) => {
                self.mark_in_memory(&e);
                let ty = Ty::new(TyK::Ptr(elem.clone()));
                let (loc, len) = (e.loc, e.len);
                mk(EK::Addr(Box::new(e)), ty, loc, len)
            }
            TyK::Func(_) => {
                let ty = e.ty.clone().ptr();
                let (loc, len) = (e.loc, e.len);
                mk(EK::Addr(Box::new(e)), ty, loc, len)
            }
            _ => e,
        }
    }

    /// Converts a value to a type (a no-op when they agree).
    pub(super) fn conv(&mut self, e: Expr, ty: &Ty) -> Expr {
        if e.ty.unqual() == ty.unqual() || ty.is_void() && e.ty.is_void() {
            return e;
        }
        if let (EK::Int(v), true) = (&e.k, ty.is_integer() || ty.is_ptr()) {
            let v = trunc(*v, ty);
            return mk(EK::Int(v), ty.unqual(), e.loc, e.len);
        }
        let (loc, len) = (e.loc, e.len);
        mk(EK::Cast(Box::new(e)), ty.unqual(), loc, len)
    }

    /// A controlling expression: must be scalar.
    pub(super) fn scalar_cond(&mut self, e: Expr) -> Expr {
        let e = self.rv(e);
        if e.bad {
            return e;
        }
        if !e.ty.is_scalar() {
            let m = if e.ty.is_void() {
                "void value not ignored as it ought to be"
            } else {
                "used struct type value where scalar is required"
            };
            self.error(e.loc, e.len, m.into());
            return int_const(0, Ty::INT, e.loc);
        }
        e
    }

    fn conv_msg(&self, ctx: &AssignCtx, what: &str, to: &Ty, from: &Ty) -> String {
        let (to, from) = (self.tyname(to), self.tyname(from));
        if self.gcc5() {
            return match ctx {
                AssignCtx::Assign(_) => format!("assignment {what}"),
                AssignCtx::Init => format!("initialization {what}"),
                AssignCtx::Return => format!("return {what}"),
                AssignCtx::Arg(n, f, _) => format!("passing argument {n} of '{f}' {what}"),
            };
        }
        match ctx {
            AssignCtx::Assign(_) => format!("assignment to '{to}' from '{from}' {what}"),
            AssignCtx::Init => format!("initialization of '{to}' from '{from}' {what}"),
            AssignCtx::Return => {
                format!("returning '{from}' from a function with return type '{to}' {what}")
            }
            AssignCtx::Arg(n, f, _) => format!("passing argument {n} of '{f}' {what}"),
        }
    }

    fn incompatible_ptr_msg(&self, ctx: &AssignCtx, to: &Ty, from: &Ty) -> String {
        let (ton, fromn) = (self.tyname(to), self.tyname(from));
        if self.gcc5() {
            return match ctx {
                AssignCtx::Assign(_) => "assignment from incompatible pointer type".into(),
                AssignCtx::Init => "initialization from incompatible pointer type".into(),
                AssignCtx::Return => "return from incompatible pointer type".into(),
                AssignCtx::Arg(n, f, _) => {
                    format!("passing argument {n} of '{f}' from incompatible pointer type")
                }
            };
        }
        match ctx {
            AssignCtx::Assign(_) => {
                format!("assignment to '{ton}' from incompatible pointer type '{fromn}'")
            }
            AssignCtx::Init => {
                format!("initialization of '{ton}' from incompatible pointer type '{fromn}'")
            }
            AssignCtx::Return => {
                format!("returning '{fromn}' from a function with incompatible return type '{ton}'")
            }
            AssignCtx::Arg(n, f, _) => {
                format!("passing argument {n} of '{f}' from incompatible pointer type")
            }
        }
    }

    fn arg_note(&mut self, ctx: &AssignCtx, to: &Ty, from: &Ty) {
        if let AssignCtx::Arg(_, f, Some(loc)) = ctx {
            let m = format!(
                "expected '{}' but argument is of type '{}'",
                self.tyname(to),
                self.tyname(from)
            );
            self.note(*loc, f.len() as u32, m);
        }
    }

    /// Converts `e` for storing into an object of type `ty`, with gcc's checks.
    pub(super) fn convert_assign(&mut self, e: Expr, ty: &Ty, ctx: AssignCtx) -> Expr {
        let e = self.rv(e);
        if e.bad {
            return poison(ty.unqual(), e.loc);
        }
        let from = e.ty.clone();
        let (loc, len) = (e.loc, e.len);
        let (wloc, wlen) = match ctx {
            AssignCtx::Assign(l) => (l, 1),
            _ => (loc, len),
        };
        if from.is_void() {
            self.error(loc, len, "void value not ignored as it ought to be".into());
            return int_const(0, ty.unqual(), loc);
        }
        if ty.is_struct() || from.is_struct() {
            if ty.unqual() == from.unqual() {
                return e;
            }
            let (ton, fromn) = (self.tyname(&ty.unqual()), self.tyname(&from));
            let m = match &ctx {
                AssignCtx::Assign(_) => {
                    format!("incompatible types when assigning to type '{ton}' from type '{fromn}'")
                }
                AssignCtx::Init => format!(
                    "incompatible types when initializing type '{ton}' using type '{fromn}'"
                ),
                AssignCtx::Return => format!(
                    "incompatible types when returning type '{fromn}' but '{ton}' was expected"
                ),
                AssignCtx::Arg(n, f, _) => format!("incompatible type for argument {n} of '{f}'"),
            };
            self.error(loc, len, m);
            self.arg_note(&ctx, ty, &from);
            return int_const(0, ty.unqual(), loc);
        }
        if ty.is_arith() && from.is_arith() {
            return self.conv(e, ty);
        }
        if ty.is_ptr() {
            if is_null_const(&e) {
                return self.conv(e, ty);
            }
            if from.is_integer() {
                let m = self.conv_msg(&ctx, "makes pointer from integer without a cast", ty, &from);
                self.warn(wloc, wlen, m, "-Wint-conversion");
                self.arg_note(&ctx, ty, &from);
                return self.conv(e, ty);
            }
            if from.is_ptr() {
                let (pt, pf) = (
                    ty.pointee().cloned().unwrap_or(Ty::VOID),
                    from.pointee().cloned().unwrap_or(Ty::VOID),
                );
                let compatible = pt.is_void() || pf.is_void() || types_match(&pt, &pf);
                if !compatible {
                    let m = self.incompatible_ptr_msg(&ctx, ty, &from);
                    self.warn(wloc, wlen, m, "-Wincompatible-pointer-types");
                    self.arg_note(&ctx, ty, &from);
                } else if pf.konst && !pt.konst {
                    let m = match &ctx {
                        AssignCtx::Assign(_) => "assignment discards 'const' qualifier from pointer target type".to_owned(),
                        AssignCtx::Init => "initialization discards 'const' qualifier from pointer target type".to_owned(),
                        AssignCtx::Return => "return discards 'const' qualifier from pointer target type".to_owned(),
                        AssignCtx::Arg(n, f, _) => format!("passing argument {n} of '{f}' discards 'const' qualifier from pointer target type"),
                    };
                    self.warn(wloc, wlen, m, "-Wdiscarded-qualifiers");
                    self.arg_note(&ctx, ty, &from);
                }
                return self.conv(e, ty);
            }
        }
        if ty.is_integer() && from.is_ptr() {
            if ty.k != TyK::Bool {
                let m = self.conv_msg(&ctx, "makes integer from pointer without a cast", ty, &from);
                self.warn(wloc, wlen, m, "-Wint-conversion");
                self.arg_note(&ctx, ty, &from);
            }
            return self.conv(e, ty);
        }
        let (ton, fromn) = (self.tyname(&ty.unqual()), self.tyname(&from));
        let m = match &ctx {
            AssignCtx::Assign(_) => {
                format!("incompatible types when assigning to type '{ton}' from type '{fromn}'")
            }
            AssignCtx::Init => {
                format!("incompatible types when initializing type '{ton}' using type '{fromn}'")
            }
            AssignCtx::Return => {
                format!("incompatible types when returning type '{fromn}' but '{ton}' was expected")
            }
            AssignCtx::Arg(n, f, _) => format!("incompatible type for argument {n} of '{f}'"),
        };
        self.error(loc, len, m);
        int_const(0, ty.unqual(), loc)
    }

    // ----- constants -----

    /// The value of an integer constant expression.
    pub(super) fn const_int(&self, e: &Expr) -> Option<i64> {
        let v = match &e.k {
            EK::Int(v) => *v,
            EK::Cast(x) => {
                if x.ty.is_float() {
                    self.const_float(x)? as i64
                } else if e.ty.is_integer() && (x.ty.is_integer()) {
                    self.const_int(x)?
                } else {
                    return None;
                }
            }
            EK::Unary(op, x) => {
                let v = self.const_int(x)?;
                match op {
                    UOp::Neg => v.wrapping_neg(),
                    UOp::BitNot => !v,
                    UOp::Not => (v == 0) as i64,
                }
            }
            EK::Binary(op, a, b) => {
                let (x, y) = (self.const_int(a)?, self.const_int(b)?);
                let u = a.ty.is_unsigned();
                let (ux, uy) = (x as u64 & mask(&a.ty), y as u64 & mask(&a.ty));
                match op {
                    BOp::Add => x.wrapping_add(y),
                    BOp::Sub => x.wrapping_sub(y),
                    BOp::Mul => x.wrapping_mul(y),
                    BOp::Div if u => ux.checked_div(uy)? as i64,
                    BOp::Div => x.checked_div(y)?,
                    BOp::Mod if u => ux.checked_rem(uy)? as i64,
                    BOp::Mod => x.checked_rem(y)?,
                    BOp::Shl => x.wrapping_shl(y as u32),
                    BOp::Shr if u => (ux >> (y as u32 & 63)) as i64,
                    BOp::Shr => x.wrapping_shr(y as u32),
                    BOp::And => x & y,
                    BOp::Or => x | y,
                    BOp::Xor => x ^ y,
                    BOp::Eq => (x == y) as i64,
                    BOp::Ne => (x != y) as i64,
                    BOp::Lt => (if u { ux < uy } else { x < y }) as i64,
                    BOp::Le => (if u { ux <= uy } else { x <= y }) as i64,
                    BOp::Gt => (if u { ux > uy } else { x > y }) as i64,
                    BOp::Ge => (if u { ux >= uy } else { x >= y }) as i64,
                }
            }
            EK::LogAnd(a, b) => ((self.const_int(a)? != 0) && (self.const_int(b)? != 0)) as i64,
            EK::LogOr(a, b) => ((self.const_int(a)? != 0) || (self.const_int(b)? != 0)) as i64,
            EK::Cond(c, a, b) => {
                if self.const_int(c)? != 0 {
                    self.const_int(a)?
                } else {
                    self.const_int(b)?
                }
            }
            EK::Comma(_, _) => return None,
            EK::Addr(x) => {
                // offsetof: &((T *)0)->m
                return self.const_offset(x);
            }
            _ => return None,
        };
        Some(trunc(v, &e.ty))
    }

    fn const_offset(&self, e: &Expr) -> Option<i64> {
        match &e.k {
            EK::Member(b, off) => Some(self.const_offset(b)? + *off as i64),
            EK::Deref(p) => self.const_int(p),
            _ => None,
        }
    }

    /// The value of a floating constant expression.
    pub(super) fn const_float(&self, e: &Expr) -> Option<f64> {
        match &e.k {
            EK::Float(v) => Some(if e.ty.k == TyK::Float {
                *v as f32 as f64
            } else {
                *v
            }),
            EK::Int(v) => Some(if e.ty.is_unsigned() {
                *v as u64 as f64
            } else {
                *v as f64
            }),
            EK::Cast(x) => {
                let v = if x.ty.is_float() {
                    self.const_float(x)?
                } else if x.ty.is_unsigned() {
                    self.const_int(x)? as u64 as f64
                } else {
                    self.const_int(x)? as f64
                };
                Some(if e.ty.k == TyK::Float {
                    v as f32 as f64
                } else {
                    v
                })
            }
            EK::Unary(UOp::Neg, x) => Some(-self.const_float(x)?),
            EK::Binary(op, a, b) => {
                let (x, y) = (self.const_float(a)?, self.const_float(b)?);
                Some(match op {
                    BOp::Add => x + y,
                    BOp::Sub => x - y,
                    BOp::Mul => x * y,
                    BOp::Div => x / y,
                    _ => return None,
                })
            }
            _ => None,
        }
    }
}

fn mask(t: &Ty) -> u64 {
    match t.k {
        TyK::UInt | TyK::Int => 0xffff_ffff,
        _ => u64::MAX,
    }
}

fn strip_cast(e: &Expr) -> &Expr {
    match &e.k {
        EK::Cast(x)
            if e.ty.is_integer() && x.ty.is_integer()
                || e.ty.k == TyK::Double && x.ty.k == TyK::Float =>
        {
            x
        }
        _ => e,
    }
}

fn string_of(e: &Expr) -> Option<u32> {
    match &e.k {
        EK::Addr(x) => match x.k {
            EK::Str(i) => Some(i),
            _ => None,
        },
        EK::Cast(x) => string_of(x),
        _ => None,
    }
}

/// The conversions of a printf/scanf format: (conversion, length modifier, uses `*`).
fn format_specs(f: &[u8]) -> Vec<(u8, String, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if f[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        let mut star = false;
        while i < f.len() && b"-+ #0'".contains(&f[i]) {
            i += 1;
        }
        while i < f.len() && (f[i].is_ascii_digit() || f[i] == b'*' || f[i] == b'.') {
            if f[i] == b'*' {
                star = true;
            }
            i += 1;
        }
        let mut lm = String::new();
        while i < f.len() && b"hlLqjzt".contains(&f[i]) {
            lm.push(f[i] as char);
            i += 1;
        }
        if i < f.len() && f[i] != 0 {
            out.push((f[i], lm, star));
            if f[i] == b'[' {
                while i < f.len() && f[i] != b']' {
                    i += 1;
                }
            }
            i += 1;
        }
    }
    out
}

/// Types that are the same for pointer compatibility (qualifiers aside).
fn types_match(a: &Ty, b: &Ty) -> bool {
    match (&a.k, &b.k) {
        (TyK::Ptr(x), TyK::Ptr(y)) => types_match(x, y),
        (TyK::Enum(_), TyK::Int) | (TyK::Int, TyK::Enum(_)) => true,
        (TyK::Func(_), TyK::Func(_)) => super::parse::types_compatible(&a.unqual(), &b.unqual()),
        (TyK::Array(x, n), TyK::Array(y, m)) => {
            types_match(x, y) && (n == m || n.is_none() || m.is_none())
        }
        (x, y) => x == y,
    }
}

/// A null pointer constant: an integer constant 0, possibly cast to `void *`.
pub(super) fn is_null_const(e: &Expr) -> bool {
    match &e.k {
        EK::Int(0) => e.ty.is_integer() || e.ty.is_ptr(),
        EK::Cast(x) => {
            (e.ty.is_ptr() && e.ty.pointee().is_some_and(|p| p.is_void()) || e.ty.is_integer())
                && is_null_const(x)
        }
        _ => false,
    }
}

/// Decodes the body of a character or string literal; returns bytes and whether all
/// escapes were valid.
pub(super) fn unescape(lit: &str, _is_char: bool) -> (Vec<u8>, bool) {
    let start = lit.find(['"', '\'']).map_or(0, |i| i + 1);
    let b = lit.as_bytes();
    let end = if b.len() > start && (b[b.len() - 1] == b'"' || b[b.len() - 1] == b'\'') {
        b.len() - 1
    } else {
        b.len()
    };
    let s = &b[start.min(end)..end];
    let mut out = Vec::new();
    let mut ok = true;
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c) = s.get(i) else { break };
        i += 1;
        let v = match c {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                    v = v * 8 + (s[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                v as u8
            }
            b'x' => {
                let mut v = 0u32;
                while i < s.len() && s[i].is_ascii_hexdigit() {
                    v = v.wrapping_mul(16) + (s[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                }
                v as u8
            }
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            b'e' => 27,
            b'\\' | b'\'' | b'"' | b'?' => c,
            _ => {
                ok = false;
                c
            }
        };
        out.push(v);
    }
    (out, ok)
}

/// Edit distance with transpositions (what gcc's spell checker measures).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = (a[i - 1] != b[j - 1]) as usize;
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

fn diag_range(col: u32, len: u32, caret: Option<u32>, label: &str) -> super::diag::Range {
    super::diag::Range {
        col,
        len,
        caret,
        label: Some(label.to_owned()),
    }
}

/// The conversion gcc suggests for an argument of type `t`.
fn suggest_conv(t: &Ty) -> Option<&'static str> {
    Some(match t.k {
        TyK::Int | TyK::Short | TyK::Char | TyK::SChar | TyK::Bool | TyK::Enum(_) => "%d",
        TyK::UInt | TyK::UShort | TyK::UChar => "%u",
        TyK::Long => "%ld",
        TyK::ULong => "%lu",
        TyK::LLong => "%lld",
        TyK::ULLong => "%llu",
        TyK::Double | TyK::Float => "%f",
        TyK::Ptr(ref p) if is_charlike(p) => "%s",
        TyK::Ptr(_) => "%p",
        _ => return None,
    })
}

/// Source columns of the conversion specifications in a string literal that starts at
/// column `col` of `line` (`%%` skipped).
fn percent_columns(line: &str, col: u32) -> Vec<u32> {
    let b = line.as_bytes();
    let mut i = col as usize; // just past the opening quote (columns are 1-based)
    let mut out = Vec::new();
    while i < b.len() && b[i] != b'"' {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'%' {
            if b.get(i + 1) == Some(&b'%') {
                i += 2;
                continue;
            }
            out.push(i as u32 + 1);
        }
        i += 1;
    }
    out
}
