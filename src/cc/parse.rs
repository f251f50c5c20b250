//! The parser and type checker in one pass: tokens in, a typed [`Unit`] out, with gcc's
//! diagnostics for syntax errors, undeclared names, type errors and the usual warnings.
//! Expressions are in `expr.rs`; declarations, initializers and statements are here.

use crate::collections::SmallSort;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::ast::*;
use super::diag::{Diagnostic, Level, Loc, SrcMap, Style};
use super::expr::AssignCtx;
use super::lex::{Kind, Token};
use super::types::*;

/// What a name in scope stands for.
#[derive(Clone, Debug)]
pub(super) enum Sym {
    /// A local variable.
    Local(LocalId),
    /// A global variable (or a `static` local, under its global name).
    Global(Rc<str>, Ty),
    /// A function.
    Func(Rc<str>, Ty),
    /// A typedef name.
    Typedef(Ty),
    /// An enumeration constant.
    EnumConst(i64),
}

#[derive(Default)]
pub(super) struct Scope {
    pub(super) names: HashMap<Rc<str>, Sym>,
    pub(super) tags: HashMap<Rc<str>, Ty>,
    pub(super) locals: Vec<LocalId>,
}

/// What the unit knows about a file-scope name, for redefinition checks.
#[derive(Clone, Debug)]
pub(super) struct FileSym {
    pub(super) ty: Ty,
    pub(super) defined: bool,
    pub(super) implicit: bool,
    pub(super) is_static: bool,
    pub(super) loc: Loc,
}

pub(super) struct SwitchCtx {
    pub(super) ty: Ty,
    pub(super) cases: Vec<(i64, u32)>,
    pub(super) default: Option<u32>,
}

/// Per-function state.
pub(super) struct FnState {
    pub(super) name: Rc<str>,
    pub(super) ret: Ty,
    pub(super) locals: Vec<Local>,
    pub(super) used: Vec<bool>,
    pub(super) set: Vec<bool>,
    pub(super) decl_loc: Vec<(Loc, u32)>,
    pub(super) labels: HashMap<Rc<str>, (u32, bool, Loc)>,
    pub(super) nlabels: u32,
    pub(super) loops: u32,
    pub(super) switches: Vec<SwitchCtx>,
    pub(super) undeclared: HashSet<Rc<str>>,
    pub(super) variadic: bool,
    pub(super) def_loc: Loc,
    pub(super) vla_sizes: HashMap<LocalId, LocalId>,
}

/// Declaration specifiers.
#[derive(Clone, Debug)]
pub(super) struct Spec {
    pub(super) ty: Ty,
    pub(super) typedef: bool,
    pub(super) is_static: bool,
    pub(super) is_extern: bool,
    /// No type specifier at all (implicit int).
    pub(super) implicit: bool,
}

/// The parser/checker.
pub struct Parser<'a> {
    pub(super) toks: Vec<Token>,
    pub(super) pos: usize,
    pub(super) map: &'a SrcMap,
    pub(super) style: Style,
    pub(super) wall: bool,
    /// Diagnostics so far.
    pub diags: Vec<Diagnostic>,
    pub(super) scopes: Vec<Scope>,
    pub(super) unit: Unit,
    pub(super) fs: Option<FnState>,
    pub(super) files: HashMap<Rc<str>, FileSym>,
    pub(super) static_count: u32,
    pub(super) eof: Token,
    pub(super) strings_dedup: HashMap<Vec<u8>, u32>,
    pub(super) tentative: Vec<Rc<str>>,
    pub(super) last_params: Option<Vec<Param>>,
    /// The size of a variable-length array just declared.
    pub(super) vla_dim: Option<Expr>,
    /// Parsing a parameter list (array sizes there need not be constant).
    pub(super) in_params: bool,
    pub(super) last_use: Option<(LocalId, bool)>,
    pub(super) member_name: Option<String>,
    pub(super) pending_inits: Vec<Stmt>,
    deferred: Vec<Diagnostic>,
    /// Stray characters not yet reported, last first.
    stray: Vec<(Loc, String)>,
}

/// A parameter as declared: name, type, place of the name.
pub(super) type Param = (Option<Rc<str>>, Ty, (Loc, u32));

pub(super) fn is_type_kw(s: &str) -> bool {
    matches!(
        s,
        "void"
            | "char"
            | "short"
            | "int"
            | "long"
            | "float"
            | "double"
            | "signed"
            | "unsigned"
            | "_Bool"
            | "struct"
            | "union"
            | "enum"
            | "const"
            | "volatile"
            | "restrict"
            | "static"
            | "extern"
            | "typedef"
            | "auto"
            | "register"
            | "inline"
            | "__inline"
            | "_Noreturn"
            | "__builtin_va_list"
            | "__restrict"
            | "__const"
    )
}

const KEYWORDS: &[&str] = &[
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while", "_Bool",
];

impl<'a> Parser<'a> {
    /// A parser over preprocessed tokens.
    pub fn new(toks: Vec<Token>, map: &'a SrcMap, style: Style, wall: bool) -> Self {
        // Characters that are no token are reported and dropped, as gcc's lexer does.
        let mut stray = Vec::new();
        let toks: Vec<Token> = toks
            .into_iter()
            .filter(|t| {
                if t.kind != Kind::Other {
                    return true;
                }
                let shown: String = t
                    .text
                    .bytes()
                    .map(|b| {
                        if (0x20..0x7f).contains(&b) {
                            (b as char).to_string()
                        } else {
                            format!("\\{b:03o}")
                        }
                    })
                    .collect();
                stray.push((t.loc, format!("stray '{shown}' in program")));
                false
            })
            .collect();
        let last = toks.last().map(|t| t.loc).unwrap_or_default();
        let eof = Token::synth(
            Kind::Eof,
            "",
            Loc {
                col: last.col + 1,
                ..last
            },
        );
        Parser {
            toks,
            pos: 0,
            map,
            style,
            wall,
            diags: Vec::new(),
            stray: stray.into_iter().rev().collect(),
            scopes: vec![Scope::default()],
            unit: Unit::default(),
            fs: None,
            files: HashMap::new(),
            static_count: 0,
            eof,
            strings_dedup: HashMap::new(),
            tentative: Vec::new(),
            last_params: None,
            vla_dim: None,
            in_params: false,
            last_use: None,
            member_name: None,
            pending_inits: Vec::new(),
            deferred: Vec::new(),
        }
    }

    // ----- tokens -----

    pub(super) fn peek(&self) -> &Token {
        self.toks.get(self.pos).unwrap_or(&self.eof)
    }
    pub(super) fn peek_at(&self, k: usize) -> &Token {
        self.toks.get(self.pos + k).unwrap_or(&self.eof)
    }
    pub(super) fn next(&mut self) -> Token {
        self.flush_stray();
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    /// Reports stray characters that come before the next token, inside the function
    /// being parsed, as gcc's lexer does when it reaches them.
    fn flush_stray(&mut self) {
        let here = self.peek().loc;
        while let Some((loc, _)) = self.stray.last() {
            if (loc.file, loc.line, loc.col) > (here.file, here.line, here.col)
                && self.pos < self.toks.len()
            {
                break;
            }
            if let Some((loc, msg)) = self.stray.pop() {
                self.error(loc, 1, msg);
            }
        }
    }

    pub(super) fn at(&self, s: &str) -> bool {
        let t = self.peek();
        t.is(s)
    }
    pub(super) fn eat(&mut self, s: &str) -> bool {
        if self.at(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub(super) fn at_eof(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// How gcc names the token it stopped at: `'x'`, `'}' token`, `numeric constant`.
    pub(super) fn describe(&self, t: &Token) -> String {
        match t.kind {
            Kind::Eof => "end of input".into(),
            Kind::Num => "numeric constant".into(),
            Kind::Str => "string constant".into(),
            Kind::Char => "character constant".into(),
            Kind::Ident => format!("'{}'", t.text),
            _ => format!("'{}' token", t.text),
        }
    }

    // ----- diagnostics -----

    pub(super) fn diag(
        &mut self,
        level: Level,
        loc: Loc,
        len: u32,
        msg: String,
    ) -> &mut Diagnostic {
        self.flush_stray();
        let mut d = Diagnostic::at(self.map, level, loc, len, msg);
        d.function = self.fs.as_ref().map(|f| f.name.to_string());
        self.diags.push(d);
        let n = self.diags.len() - 1;
        &mut self.diags[n]
    }
    pub(super) fn error(&mut self, loc: Loc, len: u32, msg: String) {
        self.diag(Level::Error, loc, len, msg);
    }
    pub(super) fn warn(&mut self, loc: Loc, len: u32, msg: String, opt: &str) {
        let d = self.diag(Level::Warning, loc, len, msg);
        if !opt.is_empty() {
            d.option = Some(opt.to_owned());
        }
    }
    pub(super) fn note(&mut self, loc: Loc, len: u32, msg: String) {
        self.diag(Level::Note, loc, len, msg);
    }
    pub(super) fn gcc5(&self) -> bool {
        self.style == Style::Gcc5
    }
    pub(super) fn tyname(&self, t: &Ty) -> String {
        let s = Layout {
            structs: &self.unit.structs,
        }
        .name(t);
        if t.is_func() {
            s.replacen(" (", "(", 1)
        } else {
            s
        }
    }
    pub(super) fn layout(&self) -> Layout<'_> {
        Layout {
            structs: &self.unit.structs,
        }
    }
    pub(super) fn size_of(&self, t: &Ty) -> u64 {
        self.layout().size(t)
    }

    /// `expected X before Y`, at the place gcc puts it.
    pub(super) fn expected(&mut self, what: &str) {
        let t = self.peek().clone();
        let before = self.describe(&t);
        if t.kind == Kind::Eof {
            // gcc points at the last token of the file.
            let (loc, len) = self.toks.last().map_or((t.loc, 1), |l| (l.loc, l.len()));
            self.error(loc, len, format!("expected {what} at end of input"));
            return;
        }
        self.error(t.loc, t.len(), format!("expected {what} before {before}"));
    }

    /// `expected ';' before …`: gcc 12 points just past the previous token and suggests
    /// the `;`; gcc 5 points at the next token.
    pub(super) fn expect_semi(&mut self, what: &str) -> bool {
        if self.eat(";") {
            return true;
        }
        let t = self.peek().clone();
        let prev = self.toks.get(self.pos.wrapping_sub(1)).cloned();
        if self.gcc5() || prev.is_none() || t.kind == Kind::Eof {
            self.expected(what);
        } else if let Some(p) = prev {
            let before = self.describe(&t);
            let loc = Loc {
                col: p.loc.col + p.len(),
                ..p.loc
            };
            let fix = what.trim_matches('\'').to_owned();
            let same_line = t.loc.line == loc.line && t.loc.file == loc.file;
            let src2 = self.map.line_text(t.loc).unwrap_or_default();
            let d = self.diag(
                Level::Error,
                loc,
                1,
                format!("expected {what} before {before}"),
            );
            if what == "';'" {
                d.fixit = Some(fix);
                if !same_line {
                    d.secondary = Some((t.loc.line, t.loc.col, t.len(), src2));
                }
            }
        }
        false
    }

    /// Skips to the end of the current statement after a syntax error.
    pub(super) fn recover(&mut self) {
        let mut depth = 0i32;
        while !self.at_eof() {
            let t = self.peek();
            if t.is("{") || t.is("(") || t.is("[") {
                depth += 1;
            } else if t.is(")") || t.is("]") {
                depth -= 1;
            } else if t.is("}") {
                if depth <= 0 {
                    return;
                }
                depth -= 1;
            } else if t.is(";") && depth <= 0 {
                self.pos += 1;
                return;
            }
            self.pos += 1;
        }
    }

    // ----- scopes -----

    pub(super) fn lookup(&self, name: &str) -> Option<&Sym> {
        self.scopes.iter().rev().find_map(|s| s.names.get(name))
    }
    pub(super) fn lookup_tag(&self, name: &str) -> Option<(Ty, bool)> {
        let n = self.scopes.len();
        self.scopes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.tags.get(name).map(|t| (t.clone(), i + 1 == n)))
    }
    pub(super) fn is_typedef_name(&self, t: &Token) -> bool {
        t.kind == Kind::Ident && matches!(self.lookup(&t.text), Some(Sym::Typedef(_)))
    }
    /// Whether a declaration starts here.
    pub(super) fn at_decl(&self) -> bool {
        let t = self.peek();
        t.kind == Kind::Ident && (is_type_kw(&t.text) || self.is_typedef_name(t))
    }
    pub(super) fn bind(&mut self, name: Rc<str>, sym: Sym) {
        if let Some(s) = self.scopes.last_mut() {
            s.names.insert(name, sym);
        }
    }
    pub(super) fn push_scope(&mut self) {
        self.scopes.push(Scope::default());
    }
    pub(super) fn pop_scope(&mut self) {
        let Some(scope) = self.scopes.pop() else {
            return;
        };
        if !self.wall {
            return;
        }
        let mut warns = Vec::new();
        if let Some(fs) = &self.fs {
            for &id in scope.locals.iter().rev() {
                let i = id as usize;
                if fs.used.get(i) == Some(&false) {
                    let name = fs.locals[i].name.clone();
                    let (loc, len) = fs.decl_loc[i];
                    if fs.set.get(i) == Some(&true) {
                        warns.push((
                            loc,
                            len,
                            format!("variable '{name}' set but not used"),
                            "-Wunused-but-set-variable",
                        ));
                    } else {
                        warns.push((
                            loc,
                            len,
                            format!("unused variable '{name}'"),
                            "-Wunused-variable",
                        ));
                    }
                }
            }
        }
        for (loc, len, m, o) in warns {
            self.warn(loc, len, m, o);
        }
    }
    pub(super) fn new_local(&mut self, name: Rc<str>, ty: Ty, loc: Loc, len: u32) -> LocalId {
        let Some(fs) = self.fs.as_mut() else { return 0 };
        let id = fs.locals.len() as LocalId;
        let in_memory = ty.is_array() || ty.is_struct();
        fs.locals.push(Local {
            name: name.clone(),
            ty,
            in_memory,
        });
        fs.used.push(false);
        fs.set.push(false);
        fs.decl_loc.push((loc, len));
        if let Some(s) = self.scopes.last_mut() {
            s.locals.push(id);
        }
        self.bind(name, Sym::Local(id));
        id
    }

    pub(super) fn add_string(&mut self, bytes: Vec<u8>) -> u32 {
        if let Some(&i) = self.strings_dedup.get(&bytes) {
            return i;
        }
        let i = self.unit.strings.len() as u32;
        self.strings_dedup.insert(bytes.clone(), i);
        self.unit.strings.push(bytes);
        i
    }

    // ----- the translation unit -----

    /// Parses the whole unit.
    pub fn unit(mut self) -> (Unit, Vec<Diagnostic>) {
        while !self.at_eof() {
            if self.eat(";") {
                continue;
            }
            let before = self.pos;
            self.external();
            if self.pos == before {
                self.pos += 1;
            }
        }
        let names = std::mem::take(&mut self.tentative);
        for n in names {
            let Some(f) = self.files.get(&n).cloned() else {
                continue;
            };
            if f.defined || self.unit.globals.iter().any(|g| g.name == n) {
                continue;
            }
            let mut ty = f.ty.clone();
            if let TyK::Array(e, None) = &ty.k {
                ty = Ty::new(TyK::Array(e.clone(), Some(1)));
            }
            if !self.layout().is_complete(&ty) {
                self.error(
                    f.loc,
                    n.len() as u32,
                    format!("storage size of '{n}' isn't known"),
                );
                continue;
            }
            let size = self.size_of(&ty);
            let align = self.layout().align(&ty);
            self.unit.globals.push(Global {
                name: n.clone(),
                size,
                align,
                is_static: f.is_static,
                init: None,
                loc: f.loc,
            });
        }
        self.flush_stray();
        let deferred = std::mem::take(&mut self.deferred);
        self.diags.extend(deferred);
        (self.unit, self.diags)
    }

    fn external(&mut self) {
        let start = self.peek().clone();
        let spec = match self.specifiers(true) {
            Some(s) => s,
            None => {
                if start.kind == Kind::Ident && self.peek_at(1).kind == Kind::Ident {
                    self.error(
                        start.loc,
                        start.len(),
                        format!("unknown type name '{}'", start.text),
                    );
                    self.pos += 1;
                    let _ = self.external_rest(
                        Spec {
                            ty: Ty::INT,
                            typedef: false,
                            is_static: false,
                            is_extern: false,
                            implicit: false,
                        },
                        &start,
                    );
                    return;
                }
                if start.kind == Kind::Ident && (self.peek_at(1).is("(") || self.peek_at(1).is("="))
                {
                    // `main() { … }`: an old-style implicit int.
                    let spec = Spec {
                        ty: Ty::INT,
                        typedef: false,
                        is_static: false,
                        is_extern: false,
                        implicit: true,
                    };
                    let _ = self.external_rest(spec, &start);
                    return;
                }
                self.expected("identifier or '('");
                self.recover();
                return;
            }
        };
        let _ = self.external_rest(spec, &start);
    }

    fn external_rest(&mut self, spec: Spec, start: &Token) -> Option<()> {
        if self.eat(";") {
            return Some(());
        }
        let mut first = true;
        loop {
            let defined_tag = first
                && self
                    .toks
                    .get(self.pos.wrapping_sub(1))
                    .is_some_and(|t| t.is("}"));
            let (name, ty, ntok) = self.declarator(spec.ty.clone());
            let Some(ntok) = ntok else {
                if defined_tag {
                    self.expected("';', identifier or '('");
                    return None;
                }
                self.expected("identifier or '('");
                self.recover();
                return None;
            };
            if spec.implicit && first {
                let what = if ty.is_func() {
                    "return type defaults to 'int'"
                } else {
                    "type defaults to 'int' in declaration of"
                };
                if ty.is_func() {
                    self.warn(start.loc, start.len(), what.into(), "-Wimplicit-int");
                } else {
                    self.warn(
                        start.loc,
                        start.len(),
                        format!("{what} '{name}'"),
                        "-Wimplicit-int",
                    );
                }
            }
            if spec.typedef {
                self.bind(name, Sym::Typedef(ty));
            } else if let TyK::Func(f) = &ty.k {
                if first && self.at("{") {
                    self.function(name, f.clone(), &ntok, spec.is_static);
                    return Some(());
                }
                self.declare_func(&name, &ty, &ntok, false, spec.is_static);
            } else {
                self.global_var(name, ty, &ntok, &spec);
            }
            first = false;
            if self.eat(",") {
                continue;
            }
            if !self.eat(";") {
                self.expected("',' or ';'");
                self.recover();
            }
            return Some(());
        }
    }

    /// Records a function declaration, checking it against earlier ones.
    fn declare_func(
        &mut self,
        name: &Rc<str>,
        ty: &Ty,
        tok: &Token,
        defining: bool,
        is_static: bool,
    ) {
        if let Some(prev) = self.files.get(name).cloned() {
            let compatible = fn_compatible(&prev.ty, ty);
            if prev.defined && defining {
                self.error(tok.loc, tok.len(), format!("redefinition of '{name}'"));
                let msg = if self.gcc5() {
                    format!("previous definition of '{name}' was here")
                } else {
                    format!(
                        "previous definition of '{name}' with type '{}'",
                        self.tyname(&prev.ty)
                    )
                };
                self.note(prev.loc, name.len() as u32, msg);
            } else if !compatible {
                let implicit_int = prev.implicit && ty.func().is_some_and(|f| f.ret.k == TyK::Int);
                if !implicit_int {
                    let msg = if self.gcc5() {
                        format!("conflicting types for '{name}'")
                    } else {
                        format!("conflicting types for '{name}'; have '{}'", self.tyname(ty))
                    };
                    // gcc only warns when the implicit `int` meets a `void` function.
                    let void_ret = ty.func().is_some_and(|f| f.ret.is_void());
                    if prev.implicit && void_ret {
                        self.warn(tok.loc, tok.len(), msg, "");
                    } else {
                        self.error(tok.loc, tok.len(), msg);
                    }
                    let what = if prev.implicit {
                        "implicit declaration"
                    } else if prev.defined {
                        "definition"
                    } else {
                        "declaration"
                    };
                    let msg = if self.gcc5() {
                        format!("previous {what} of '{name}' was here")
                    } else {
                        let shown = if prev.implicit && void_ret {
                            ty.clone()
                        } else {
                            prev.ty.clone()
                        };
                        format!(
                            "previous {what} of '{name}' with type '{}'",
                            self.tyname(&shown)
                        )
                    };
                    self.note(prev.loc, name.len() as u32, msg);
                }
            }
        }
        let keep_def = self.files.get(name).is_some_and(|f| f.defined);
        let entry = FileSym {
            ty: ty.clone(),
            defined: defining || keep_def,
            implicit: false,
            is_static: is_static || self.files.get(name).is_some_and(|f| f.is_static),
            loc: if keep_def && !defining {
                self.files.get(name).map_or(tok.loc, |f| f.loc)
            } else {
                tok.loc
            },
        };
        self.files.insert(name.clone(), entry);
        self.scopes[0]
            .names
            .insert(name.clone(), Sym::Func(name.clone(), ty.clone()));
        if self.scopes.len() > 1 {
            self.bind(name.clone(), Sym::Func(name.clone(), ty.clone()));
        }
    }

    /// Declares `name` implicitly as `int name()` (C89 rules, with gcc's warning).
    pub(super) fn implicit_func(&mut self, tok: &Token) -> Ty {
        let name = tok.text.clone();
        self.warn(
            tok.loc,
            tok.len(),
            format!("implicit declaration of function '{name}'"),
            "-Wimplicit-function-declaration",
        );
        let header = builtin_header(&name);
        if let Some(h) = header {
            if !self.gcc5() {
                let loc = Loc {
                    file: tok.loc.file,
                    line: 1,
                    col: 1,
                };
                let d = self.diag(
                    Level::Note,
                    loc,
                    1,
                    format!("include '<{h}>' or provide a declaration of '{name}'"),
                );
                d.insert_line = Some(format!("#include <{h}>"));
            }
            self.warn(
                tok.loc,
                tok.len(),
                format!("incompatible implicit declaration of built-in function '{name}'"),
                if self.gcc5() {
                    ""
                } else {
                    "-Wbuiltin-declaration-mismatch"
                },
            );
            let gcc12 = !self.gcc5();
            let d = self.diag(
                Level::Note,
                tok.loc,
                tok.len(),
                format!("include '<{h}>' or provide a declaration of '{name}'"),
            );
            if gcc12 {
                d.source = None;
            }
        }
        let ty = Ty::new(TyK::Func(Rc::new(FnTy {
            ret: Ty::INT,
            params: Vec::new(),
            variadic: false,
            unprototyped: true,
        })));
        if !self.files.contains_key(&name) {
            self.files.insert(
                name.clone(),
                FileSym {
                    ty: ty.clone(),
                    defined: false,
                    implicit: true,
                    is_static: false,
                    loc: tok.loc,
                },
            );
        }
        let idx = if self.scopes.len() > 1 { 1 } else { 0 };
        if let Some(s) = self.scopes.get_mut(idx) {
            s.names
                .insert(name.clone(), Sym::Func(name.clone(), ty.clone()));
        }
        ty
    }

    fn global_var(&mut self, name: Rc<str>, mut ty: Ty, tok: &Token, spec: &Spec) {
        let has_init = self.at("=");
        if let Some(prev) = self.files.get(&name).cloned() {
            if prev.defined && has_init {
                self.error(tok.loc, tok.len(), format!("redefinition of '{name}'"));
                let msg = if self.gcc5() {
                    format!("previous definition of '{name}' was here")
                } else {
                    format!(
                        "previous definition of '{name}' with type '{}'",
                        self.tyname(&prev.ty)
                    )
                };
                self.note(prev.loc, name.len() as u32, msg);
            } else if !types_compatible(&prev.ty, &ty) && (!prev.ty.is_array() || !ty.is_array()) {
                let msg = if self.gcc5() {
                    format!("conflicting types for '{name}'")
                } else {
                    format!(
                        "conflicting types for '{name}'; have '{}'",
                        self.tyname(&ty)
                    )
                };
                self.error(tok.loc, tok.len(), msg);
                let msg = if self.gcc5() {
                    format!("previous declaration of '{name}' was here")
                } else {
                    format!(
                        "previous declaration of '{name}' with type '{}'",
                        self.tyname(&prev.ty)
                    )
                };
                self.note(prev.loc, name.len() as u32, msg);
            }
        }
        self.scopes[0]
            .names
            .insert(name.clone(), Sym::Global(name.clone(), ty.clone()));
        if self.scopes.len() > 1 {
            self.bind(name.clone(), Sym::Global(name.clone(), ty.clone()));
        }
        if has_init {
            self.pos += 1;
            let mut items = Vec::new();
            self.initializer(&mut ty, 0, &mut items);
            self.scopes[0]
                .names
                .insert(name.clone(), Sym::Global(name.clone(), ty.clone()));
            if !self.layout().is_complete(&ty) {
                self.error(
                    tok.loc,
                    tok.len(),
                    format!("storage size of '{name}' isn't known"),
                );
                return;
            }
            let init = self.global_init(&items);
            let size = self.size_of(&ty);
            let align = self.layout().align(&ty);
            self.unit.globals.push(Global {
                name: name.clone(),
                size,
                align,
                is_static: spec.is_static,
                init: Some(init),
                loc: tok.loc,
            });
            self.files.insert(
                name,
                FileSym {
                    ty,
                    defined: true,
                    implicit: false,
                    is_static: spec.is_static,
                    loc: tok.loc,
                },
            );
        } else {
            let defined = self.files.get(&name).is_some_and(|f| f.defined);
            let loc = if defined {
                self.files.get(&name).map_or(tok.loc, |f| f.loc)
            } else {
                tok.loc
            };
            self.files.insert(
                name.clone(),
                FileSym {
                    ty,
                    defined,
                    implicit: false,
                    is_static: spec.is_static,
                    loc,
                },
            );
            if !spec.is_extern && !self.tentative.contains(&name) {
                self.tentative.push(name);
            }
        }
    }

    /// Turns initializer items into constant pieces, reporting what is not constant.
    pub(super) fn global_init(&mut self, items: &[(u64, Expr)]) -> Vec<GInit> {
        let mut out = Vec::new();
        for (off, e) in items {
            let size = self.size_of(&e.ty) as u8;
            if e.ty.is_float() {
                match self.const_float(e) {
                    Some(v) => out.push(GInit::Float(*off, size, v)),
                    None => self.error(e.loc, e.len, "initializer element is not constant".into()),
                }
                continue;
            }
            if e.ty.is_struct() {
                self.error(e.loc, e.len, "initializer element is not constant".into());
                continue;
            }
            if let Some(v) = self.const_int(e) {
                out.push(GInit::Int(*off, size, v));
                continue;
            }
            match const_addr(e) {
                Some((Base::Sym(n), add)) => out.push(GInit::Sym(*off, n, add)),
                Some((Base::Str(s), add)) => out.push(GInit::Str(*off, s, add)),
                None => self.error(e.loc, e.len, "initializer element is not constant".into()),
            }
        }
        out
    }

    fn function(&mut self, name: Rc<str>, fty: Rc<FnTy>, tok: &Token, is_static: bool) {
        let ty = Ty::new(TyK::Func(fty.clone()));
        self.declare_func(&name, &ty, tok, true, is_static);
        let params_decl = self.last_params.take().unwrap_or_default();
        self.fs = Some(FnState {
            name: name.clone(),
            ret: fty.ret.clone(),
            locals: Vec::new(),
            used: Vec::new(),
            set: Vec::new(),
            decl_loc: Vec::new(),
            labels: HashMap::new(),
            nlabels: 0,
            loops: 0,
            switches: Vec::new(),
            undeclared: HashSet::new(),
            variadic: fty.variadic,
            def_loc: tok.loc,
            vla_sizes: HashMap::new(),
        });
        self.push_scope();
        let mut params = Vec::new();
        for (i, (pname, pty, ploc)) in params_decl.into_iter().enumerate() {
            let pname = pname.unwrap_or_else(|| format!(".p{i}").into());
            let id = self.new_local(pname, pty, ploc.0, ploc.1);
            if let Some(fs) = self.fs.as_mut() {
                fs.used[id as usize] = true;
            }
            params.push(id);
        }
        self.bind("__func__".into(), Sym::Typedef(Ty::VOID));
        let open = self.next();
        let _ = open;
        let body = self.block_body();
        let close_loc = self
            .toks
            .get(self.pos.wrapping_sub(1))
            .map(|t| t.loc)
            .unwrap_or_default();
        self.pop_scope();
        if self.wall && !fty.ret.is_void() && &*name != "main" && falls_through(&body) {
            self.warn(
                close_loc,
                1,
                "control reaches end of non-void function".into(),
                "-Wreturn-type",
            );
            // gcc finds this late, after the whole unit is parsed.
            if let Some(d) = self.diags.pop() {
                self.deferred.push(d);
            }
        }
        let Some(fs) = self.fs.take() else { return };
        // Labels used but never defined.
        let mut missing: Vec<(Loc, Rc<str>)> = fs
            .labels
            .iter()
            .filter(|(_, v)| !v.1)
            .map(|(k, v)| (v.2, k.clone()))
            .collect();
        missing.small_sort();
        for (loc, l) in missing {
            let mut d = Diagnostic::at(
                self.map,
                Level::Error,
                loc,
                l.len() as u32,
                format!("label '{l}' used but not defined"),
            );
            d.function = Some(name.to_string());
            self.diags.push(d);
        }
        self.unit.funcs.push(Function {
            name,
            ty: fty,
            is_static,
            params,
            locals: fs.locals,
            body,
            labels: fs.nlabels,
            loc: tok.loc,
        });
    }

    // ----- declaration specifiers and declarators -----

    /// Parses declaration specifiers; `None` if there are none here.
    pub(super) fn specifiers(&mut self, allow_storage: bool) -> Option<Spec> {
        let mut spec = Spec {
            ty: Ty::INT,
            typedef: false,
            is_static: false,
            is_extern: false,
            implicit: false,
        };
        let mut base: Option<Ty> = None;
        let (mut signed, mut unsigned, mut short, mut long, mut int, mut chr, mut konst) =
            (false, false, false, 0, false, false, false);
        let mut dbl = false;
        let mut any = false;
        loop {
            let t = self.peek().clone();
            if t.kind != Kind::Ident {
                break;
            }
            match &*t.text {
                "typedef" => spec.typedef = true,
                "static" => spec.is_static = true,
                "extern" => spec.is_extern = true,
                "auto" | "register" | "inline" | "__inline" | "_Noreturn" | "volatile"
                | "restrict" | "__restrict" => {}
                "const" | "__const" => konst = true,
                "signed" => signed = true,
                "unsigned" => unsigned = true,
                "short" => short = true,
                "long" => long += 1,
                "int" => int = true,
                "char" => chr = true,
                "double" => dbl = true,
                "void" => base = Some(Ty::VOID),
                "float" => base = Some(Ty::new(TyK::Float)),
                "_Bool" => base = Some(Ty::new(TyK::Bool)),
                "__builtin_va_list" => base = Some(Ty::CHAR.ptr()),
                "struct" | "union" => {
                    self.pos += 1;
                    base = Some(self.struct_spec(&*t.text == "union"));
                    any = true;
                    // `struct s { … }` followed by a type: the `;` was forgotten.
                    let body = self
                        .toks
                        .get(self.pos.wrapping_sub(1))
                        .is_some_and(|t| t.is("}"));
                    let n = self.peek();
                    if body
                        && n.kind == Kind::Ident
                        && (matches!(
                            &*n.text,
                            "int"
                                | "char"
                                | "void"
                                | "long"
                                | "short"
                                | "double"
                                | "float"
                                | "unsigned"
                                | "signed"
                                | "struct"
                                | "union"
                                | "enum"
                                | "static"
                                | "typedef"
                        ) || self.is_typedef_name(n))
                    {
                        break;
                    }
                    continue;
                }
                "enum" => {
                    self.pos += 1;
                    base = Some(self.enum_spec());
                    any = true;
                    continue;
                }
                _ => {
                    let has_type = base.is_some()
                        || signed
                        || unsigned
                        || short
                        || long > 0
                        || int
                        || chr
                        || dbl;
                    if !has_type {
                        if let Some(Sym::Typedef(ty)) = self.lookup(&t.text) {
                            // `name(` after a typedef name in a statement is still a declaration.
                            base = Some(ty.clone());
                            self.pos += 1;
                            any = true;
                            continue;
                        }
                    }
                    break;
                }
            }
            if !allow_storage && matches!(&*t.text, "typedef" | "static" | "extern") {
                // Still accepted; C allows `register` only, gcc errors on others in params.
            }
            any = true;
            self.pos += 1;
        }
        if !any {
            return None;
        }
        let ty = if let Some(b) = base {
            b
        } else if chr {
            Ty::new(if unsigned {
                TyK::UChar
            } else if signed {
                TyK::SChar
            } else {
                TyK::Char
            })
        } else if dbl {
            Ty::DOUBLE
        } else if short {
            Ty::new(if unsigned { TyK::UShort } else { TyK::Short })
        } else if long >= 2 {
            Ty::new(if unsigned { TyK::ULLong } else { TyK::LLong })
        } else if long == 1 {
            Ty::new(if unsigned { TyK::ULong } else { TyK::Long })
        } else if unsigned {
            Ty::new(TyK::UInt)
        } else {
            if !int && !signed {
                spec.implicit = true;
            }
            Ty::INT
        };
        spec.ty = Ty {
            konst: konst || ty.konst,
            ..ty
        };
        Some(spec)
    }

    fn struct_spec(&mut self, is_union: bool) -> Ty {
        let tag = if self.peek().kind == Kind::Ident && !self.at("{") {
            Some(self.next().text)
        } else {
            None
        };
        let has_body = self.at("{");
        let id = match &tag {
            Some(t) => match self.lookup_tag(t) {
                Some((ty, current)) if (!has_body || current) => match ty.k {
                    TyK::Struct(id) => id,
                    _ => self.new_struct(tag.clone(), is_union),
                },
                _ => self.new_struct(tag.clone(), is_union),
            },
            None => self.new_struct(None, is_union),
        };
        if !has_body {
            return Ty::new(TyK::Struct(id));
        }
        let open = self.next();
        if self
            .unit
            .structs
            .get(id as usize)
            .is_some_and(|s| s.complete)
        {
            let kw = if is_union { "union" } else { "struct" };
            self.error(
                open.loc,
                1,
                format!("redefinition of '{kw} {}'", tag.as_deref().unwrap_or("")),
            );
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut offset = 0u64;
        let mut size = 0u64;
        let mut align = 1u64;
        while !self.at("}") && !self.at_eof() {
            let Some(spec) = self.specifiers(false) else {
                self.expected("specifier-qualifier-list");
                self.recover();
                continue;
            };
            loop {
                let (name, ty, ntok) = self.declarator(spec.ty.clone());
                if self.eat(":") {
                    let _ = self.cond_expr();
                }
                let anon_struct = ntok.is_none() && ty.is_struct();
                if ntok.is_some() || anon_struct {
                    if let Some(t) = &ntok {
                        if fields.iter().any(|f| f.name == name) {
                            self.error(t.loc, t.len(), format!("duplicate member '{name}'"));
                        }
                    }
                    let l = self.layout();
                    let (fs, fa) = (l.size(&ty), l.align(&ty));
                    if !l.is_complete(&ty) && !ty.is_array() {
                        if let Some(t) = &ntok {
                            self.error(
                                t.loc,
                                t.len(),
                                format!("field '{name}' has incomplete type"),
                            );
                        }
                    }
                    let off = if is_union { 0 } else { align_to(offset, fa) };
                    if anon_struct {
                        if let TyK::Struct(sid) = ty.k {
                            let inner = self
                                .unit
                                .structs
                                .get(sid as usize)
                                .map(|s| s.fields.clone())
                                .unwrap_or_default();
                            for f in inner {
                                fields.push(Field {
                                    name: f.name,
                                    ty: f.ty,
                                    offset: off + f.offset,
                                });
                            }
                        }
                    } else {
                        fields.push(Field {
                            name,
                            ty,
                            offset: off,
                        });
                    }
                    offset = off + fs;
                    size = size.max(off + fs);
                    align = align.max(fa);
                }
                if !self.eat(",") {
                    break;
                }
            }
            if !self.expect_semi("';'") {
                self.recover();
            }
        }
        if !self.eat("}") {
            self.expected("'}'");
        }
        if let Some(s) = self.unit.structs.get_mut(id as usize) {
            s.fields = fields;
            s.size = align_to(size, align);
            s.align = align;
            s.complete = true;
        }
        Ty::new(TyK::Struct(id))
    }

    fn new_struct(&mut self, tag: Option<Rc<str>>, is_union: bool) -> u32 {
        let id = self.unit.structs.len() as u32;
        self.unit.structs.push(StructDef {
            tag: tag.clone(),
            is_union,
            fields: Vec::new(),
            size: 0,
            align: 1,
            complete: false,
        });
        if let Some(t) = tag {
            if let Some(s) = self.scopes.last_mut() {
                s.tags.insert(t, Ty::new(TyK::Struct(id)));
            }
        }
        id
    }

    fn enum_spec(&mut self) -> Ty {
        let tag: Rc<str> = if self.peek().kind == Kind::Ident && !self.at("{") {
            self.next().text
        } else {
            "<anonymous>".into()
        };
        let ty = Ty::new(TyK::Enum(tag.clone()));
        if !self.eat("{") {
            return ty;
        }
        if let Some(s) = self.scopes.last_mut() {
            s.tags.insert(tag, ty.clone());
        }
        let mut val = 0i64;
        while !self.at("}") && !self.at_eof() {
            let t = self.next();
            if t.kind != Kind::Ident {
                self.pos -= 1;
                self.expected("identifier");
                self.recover();
                break;
            }
            if self.eat("=") {
                let e = self.cond_expr();
                match self.const_int(&e) {
                    Some(v) => val = v,
                    None => self.error(
                        e.loc,
                        e.len,
                        format!(
                            "enumerator value for '{}' is not an integer constant",
                            t.text
                        ),
                    ),
                }
            }
            self.bind(t.text.clone(), Sym::EnumConst(val));
            val = val.wrapping_add(1);
            if !self.eat(",") {
                break;
            }
        }
        if !self.eat("}") {
            self.expected("',' or '}'");
        }
        ty
    }

    /// Parses a declarator around `base`: returns the name (empty when abstract), the type
    /// and the name's token.
    pub(super) fn declarator(&mut self, base: Ty) -> (Rc<str>, Ty, Option<Token>) {
        let mut ty = base;
        while self.eat("*") {
            ty = ty.ptr();
            while self.peek().kind == Kind::Ident
                && matches!(
                    &*self.peek().text,
                    "const" | "volatile" | "restrict" | "__restrict" | "__const"
                )
            {
                if self.next().is("const") {
                    ty.konst = true;
                }
            }
        }
        if self.at("(") && !self.paren_is_params() {
            self.pos += 1;
            let inner_start = self.pos;
            // Skip the inner declarator to read the suffixes first.
            let mut depth = 1;
            while !self.at_eof() && depth > 0 {
                let t = self.next();
                if t.is("(") {
                    depth += 1;
                } else if t.is(")") {
                    depth -= 1;
                }
            }
            let saved_params = self.last_params.take();
            let ty = self.suffixes(ty);
            let end = self.pos;
            let outer_params = self.last_params.take().or(saved_params);
            self.pos = inner_start;
            let r = self.declarator(ty);
            if !self.eat(")") {
                self.expected("')'");
            }
            self.pos = end;
            if self.last_params.is_none() {
                self.last_params = outer_params;
            }
            return r;
        }
        let mut name: Rc<str> = "".into();
        let mut tok = None;
        if self.peek().kind == Kind::Ident && !is_type_kw(&self.peek().text) {
            let t = self.next();
            name = t.text.clone();
            tok = Some(t);
        }
        let ty = self.suffixes(ty);
        (name, ty, tok)
    }

    /// Whether the `(` here opens a parameter list rather than a nested declarator.
    fn paren_is_params(&self) -> bool {
        let n = self.peek_at(1);
        n.is(")")
            || (n.kind == Kind::Ident && (is_type_kw(&n.text) || self.is_typedef_name(n)))
            || n.is("...")
    }

    fn suffixes(&mut self, ty: Ty) -> Ty {
        if self.at("[") {
            let open = self.next();
            let len = if self.at("]") {
                None
            } else {
                let e = self.assign_expr();
                match self.const_int(&e) {
                    Some(v) if v < 0 => {
                        self.error(open.loc, 1, "size of array is negative".into());
                        Some(1)
                    }
                    Some(v) => Some(v as u64),
                    None if e.ty.is_integer() && self.in_params => Some(0),
                    None if e.ty.is_integer() && self.fs.is_some() && self.vla_dim.is_none() => {
                        // The outermost dimension may vary: the array lives on the stack.
                        self.vla_dim = Some(e);
                        Some(0)
                    }
                    None => {
                        if !e.ty.is_integer() {
                            self.error(open.loc, 1, "size of array has non-integer type".into());
                        } else if self.fs.is_some() {
                            self.error(
                                e.loc,
                                e.len,
                                "only the first dimension of an array may vary in size here".into(),
                            );
                        } else {
                            self.error(open.loc, 1, "variably modified array at file scope".into());
                        }
                        Some(1)
                    }
                }
            };
            if !self.eat("]") {
                self.expected("']'");
            }
            let inner = self.suffixes(ty);
            return Ty::new(TyK::Array(Rc::new(inner), len));
        }
        if self.at("(") {
            self.pos += 1;
            let (params, variadic, unprototyped) = self.params();
            let ret = ty;
            let fty = FnTy {
                ret,
                params: params.iter().map(|p| p.1.clone()).collect(),
                variadic,
                unprototyped,
            };
            self.last_params = Some(params);
            return Ty::new(TyK::Func(Rc::new(fty)));
        }
        ty
    }

    fn params(&mut self) -> (Vec<Param>, bool, bool) {
        let was = std::mem::replace(&mut self.in_params, true);
        // Earlier parameters are visible to later ones (`int n, int a[n]`).
        self.scopes.push(Scope::default());
        let r = self.params_inner();
        self.scopes.pop();
        self.in_params = was;
        r
    }

    fn params_inner(&mut self) -> (Vec<Param>, bool, bool) {
        let mut out = Vec::new();
        if self.eat(")") {
            return (out, false, true);
        }
        if self.at("void") && self.peek_at(1).is(")") {
            self.pos += 2;
            return (out, false, false);
        }
        let mut variadic = false;
        loop {
            if self.eat("...") {
                variadic = true;
                break;
            }
            let t = self.peek().clone();
            let Some(spec) = self.specifiers(false) else {
                if t.kind == Kind::Ident
                    && (self.peek_at(1).kind == Kind::Ident || self.peek_at(1).is("*"))
                {
                    self.error(t.loc, t.len(), format!("unknown type name '{}'", t.text));
                    self.pos += 1;
                    let _ = self.declarator(Ty::INT);
                    out.push((None, Ty::INT, (t.loc, t.len())));
                    if self.eat(",") {
                        continue;
                    }
                    break;
                }
                self.expected("declaration specifiers or '...'");
                break;
            };
            let saved = self.last_params.take();
            let (name, ty, ntok) = self.declarator(spec.ty);
            self.last_params = saved;
            let ty = match &ty.k {
                TyK::Array(e, _) => Ty {
                    k: TyK::Ptr(e.clone()),
                    konst: false,
                },
                TyK::Func(_) => ty.ptr(),
                _ => ty,
            };
            if ntok.is_some() {
                self.bind(name.clone(), Sym::EnumConst(0));
            }
            let loc = ntok.as_ref().map_or((t.loc, t.len()), |n| (n.loc, n.len()));
            out.push((ntok.map(|_| name), ty, loc));
            if !self.eat(",") {
                break;
            }
        }
        if !self.eat(")") {
            self.expected("')'");
        }
        (out, variadic, false)
    }

    /// `type-name` in casts and `sizeof`.
    pub(super) fn type_name(&mut self) -> Option<Ty> {
        let spec = self.specifiers(false)?;
        let saved = self.last_params.take();
        let (_, ty, _) = self.declarator(spec.ty);
        self.last_params = saved;
        Some(ty)
    }

    // ----- initializers -----

    /// Parses an initializer for an object of type `ty` at `off`, appending (offset, value)
    /// stores. Completes an array of unknown size.
    pub(super) fn initializer(&mut self, ty: &mut Ty, off: u64, out: &mut Vec<(u64, Expr)>) {
        if let TyK::Array(elem, len) = ty.k.clone() {
            if self.peek().kind == Kind::Str && is_charlike(&elem) {
                let e = self.primary_string();
                let bytes = self
                    .unit
                    .strings
                    .get(string_id(&e) as usize)
                    .cloned()
                    .unwrap_or_default();
                let n = len.unwrap_or(bytes.len() as u64);
                if (bytes.len() as u64).saturating_sub(1) > n {
                    self.warn(
                        e.loc,
                        e.len,
                        "initializer-string for array of chars is too long".into(),
                        "",
                    );
                }
                for (i, b) in bytes.iter().enumerate().take(n as usize) {
                    out.push((
                        off + i as u64,
                        int_const(*b as i8 as i64, (*elem).clone(), e.loc),
                    ));
                }
                if len.is_none() {
                    *ty = Ty {
                        k: TyK::Array(elem, Some(n)),
                        konst: ty.konst,
                    };
                }
                return;
            }
            if self.eat("{") {
                if self.at("}") {
                    self.pos += 1;
                    if len.is_none() {
                        *ty = Ty {
                            k: TyK::Array(elem, Some(0)),
                            konst: ty.konst,
                        };
                    }
                    return;
                }
                let esz = self.size_of(&elem);
                let mut idx = 0u64;
                let mut max = 0u64;
                loop {
                    if self.at("}") {
                        break;
                    }
                    if self.eat("[") {
                        let e = self.cond_expr();
                        idx = self.const_int(&e).unwrap_or(0).max(0) as u64;
                        if !self.eat("]") {
                            self.expected("']'");
                        }
                        self.eat("=");
                    }
                    if let Some(n) = len {
                        if idx >= n {
                            let t = self.peek().clone();
                            self.warn(
                                t.loc,
                                t.len(),
                                "excess elements in array initializer".into(),
                                "",
                            );
                            let mut junk = Vec::new();
                            let mut ety = (*elem).clone();
                            self.initializer(&mut ety, 0, &mut junk);
                            if !self.eat(",") {
                                break;
                            }
                            continue;
                        }
                    }
                    let mut ety = (*elem).clone();
                    self.init_member(&mut ety, off + idx * esz, out);
                    idx += 1;
                    max = max.max(idx);
                    if !self.eat(",") {
                        break;
                    }
                }
                if !self.eat("}") {
                    self.expected("'}'");
                    self.recover();
                }
                if len.is_none() {
                    *ty = Ty {
                        k: TyK::Array(elem, Some(max)),
                        konst: ty.konst,
                    };
                }
                return;
            }
            let t = self.peek().clone();
            self.error(t.loc, t.len(), "invalid initializer".into());
            let _ = self.assign_expr();
            return;
        }
        if let TyK::Struct(id) = ty.k {
            if self.eat("{") {
                let fields = self
                    .unit
                    .structs
                    .get(id as usize)
                    .map(|s| (s.fields.clone(), s.is_union))
                    .unwrap_or_default();
                let mut i = 0usize;
                loop {
                    if self.at("}") {
                        break;
                    }
                    if self.at(".") && self.peek_at(1).kind == Kind::Ident {
                        self.pos += 1;
                        let n = self.next();
                        match fields.0.iter().position(|f| f.name == n.text) {
                            Some(p) => i = p,
                            None => {
                                let sn = self.tyname(ty);
                                self.error(
                                    n.loc,
                                    n.len(),
                                    format!("'{sn}' has no member named '{}'", n.text),
                                );
                            }
                        }
                        self.eat("=");
                    }
                    match fields.0.get(i) {
                        Some(f) => {
                            let mut fty = f.ty.clone();
                            self.init_member(&mut fty, off + f.offset, out);
                        }
                        None => {
                            let t = self.peek().clone();
                            self.warn(
                                t.loc,
                                t.len(),
                                format!(
                                    "excess elements in {} initializer",
                                    if fields.1 { "union" } else { "struct" }
                                ),
                                "",
                            );
                            let mut junk = Vec::new();
                            let mut jt = Ty::INT;
                            self.initializer(&mut jt, 0, &mut junk);
                        }
                    }
                    i += 1;
                    if fields.1 && i > 0 && !self.at(",") {
                        break;
                    }
                    if !self.eat(",") {
                        break;
                    }
                }
                if !self.eat("}") {
                    self.expected("'}'");
                    self.recover();
                }
                return;
            }
            let e = self.assign_expr();
            let e = self.convert_assign(e, ty, AssignCtx::Init);
            out.push((off, e));
            return;
        }
        let braced = self.eat("{");
        let e = self.assign_expr();
        let e = self.convert_assign(e, ty, AssignCtx::Init);
        out.push((off, e));
        if braced {
            while self.eat(",") {
                if self.at("}") {
                    break;
                }
                let t = self.peek().clone();
                self.warn(
                    t.loc,
                    t.len(),
                    "excess elements in scalar initializer".into(),
                    "",
                );
                let _ = self.assign_expr();
            }
            if !self.eat("}") {
                self.expected("'}'");
            }
        }
    }

    /// An element of a braced list: braces may be elided for nested aggregates.
    fn init_member(&mut self, ty: &mut Ty, off: u64, out: &mut Vec<(u64, Expr)>) {
        let aggregate = ty.is_array() || ty.is_struct();
        if !aggregate || self.at("{") || (ty.is_array() && self.peek().kind == Kind::Str) {
            self.initializer(ty, off, out);
            return;
        }
        // A struct value (not a list) initializes a struct member directly.
        if ty.is_struct() {
            let save = self.pos;
            let e = self.assign_expr();
            if e.ty.is_struct() {
                let e = self.convert_assign(e, ty, AssignCtx::Init);
                out.push((off, e));
                return;
            }
            self.pos = save;
        }
        match ty.k.clone() {
            TyK::Array(elem, Some(n)) => {
                let esz = self.size_of(&elem);
                for i in 0..n {
                    let mut et = (*elem).clone();
                    self.init_member(&mut et, off + i * esz, out);
                    if i + 1 < n && (!self.at(",") || self.peek_at(1).is("}")) {
                        break;
                    }
                    if i + 1 < n {
                        self.pos += 1;
                    }
                }
            }
            TyK::Struct(id) => {
                let fields = self
                    .unit
                    .structs
                    .get(id as usize)
                    .map(|s| s.fields.clone())
                    .unwrap_or_default();
                let n = fields.len();
                for (i, f) in fields.into_iter().enumerate() {
                    let mut ft = f.ty.clone();
                    self.init_member(&mut ft, off + f.offset, out);
                    if i + 1 < n && (!self.at(",") || self.peek_at(1).is("}")) {
                        break;
                    }
                    if i + 1 < n {
                        self.pos += 1;
                    }
                }
            }
            _ => self.initializer(ty, off, out),
        }
    }

    // ----- statements -----

    /// The statements of a `{ … }` whose `{` was consumed; consumes the `}`.
    pub(super) fn block_body(&mut self) -> Stmt {
        let mut items = Vec::new();
        while !self.at("}") && !self.at_eof() {
            let before = self.pos;
            let errors = self.error_count();
            if let Some(s) = self.block_item() {
                items.push(s);
            }
            if self.pos == before {
                self.pos += 1;
            }
            if self.error_count() > errors + 40 {
                break;
            }
        }
        if !self.eat("}") {
            self.expected("declaration or statement");
        }
        Stmt::Block(items)
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    fn block_item(&mut self) -> Option<Stmt> {
        let t = self.peek().clone();
        // `name name` where the first is no type: gcc's "unknown type name".
        if t.kind == Kind::Ident
            && !is_type_kw(&t.text)
            && !KEYWORDS.contains(&&*t.text)
            && self.lookup(&t.text).is_none()
            && (self.peek_at(1).kind == Kind::Ident
                || (self.peek_at(1).is("*")
                    && self.peek_at(2).kind == Kind::Ident
                    && self.peek_at(3).is_any(&["=", ";", ",", "["])))
            && !KEYWORDS.contains(&&*self.peek_at(1).text)
        {
            self.error(t.loc, t.len(), format!("unknown type name '{}'", t.text));
            self.pos += 1;
            return self.local_decl(Spec {
                ty: Ty::INT,
                typedef: false,
                is_static: false,
                is_extern: false,
                implicit: false,
            });
        }
        if self.at_decl()
            && !(self.is_typedef_name(&t)
                && self
                    .peek_at(1)
                    .is_any(&["=", "(", "[", ".", "->", "++", "--", "+=", "-="])
                && self.lookup(&t.text).is_some()
                && !self.peek_at(1).is("("))
        {
            let spec = self.specifiers(true)?;
            return self.local_decl(spec);
        }
        Some(self.stmt())
    }

    fn local_decl(&mut self, spec: Spec) -> Option<Stmt> {
        if self.eat(";") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            self.vla_dim = None;
            let (name, mut ty, ntok) = self.declarator(spec.ty.clone());
            self.last_params = None;
            let vla = self.vla_dim.take();
            let Some(ntok) = ntok else {
                self.expected("identifier or '('");
                self.recover();
                return None;
            };
            if let Some(Scope { names, .. }) = self.scopes.last() {
                if let Some(Sym::Local(prev)) = names.get(&name) {
                    let prev_loc = self
                        .fs
                        .as_ref()
                        .map(|f| f.decl_loc[*prev as usize])
                        .unwrap_or_default();
                    let prev_ty = self
                        .fs
                        .as_ref()
                        .map(|f| f.locals[*prev as usize].ty.clone())
                        .unwrap_or(Ty::INT);
                    if types_compatible(&prev_ty, &ty) {
                        self.error(ntok.loc, ntok.len(), format!("redefinition of '{name}'"));
                        let m = if self.gcc5() {
                            format!("previous definition of '{name}' was here")
                        } else {
                            format!(
                                "previous definition of '{name}' with type '{}'",
                                self.tyname(&prev_ty)
                            )
                        };
                        self.note(prev_loc.0, prev_loc.1, m);
                    } else {
                        self.error(
                            ntok.loc,
                            ntok.len(),
                            if self.gcc5() {
                                format!("conflicting types for '{name}'")
                            } else {
                                format!(
                                    "conflicting types for '{name}'; have '{}'",
                                    self.tyname(&ty)
                                )
                            },
                        );
                        let m = if self.gcc5() {
                            format!("previous declaration of '{name}' was here")
                        } else {
                            format!(
                                "previous declaration of '{name}' with type '{}'",
                                self.tyname(&prev_ty)
                            )
                        };
                        self.note(prev_loc.0, prev_loc.1, m);
                    }
                }
            }
            if spec.typedef {
                self.bind(name, Sym::Typedef(ty));
            } else if ty.is_func() {
                self.declare_func(&name, &ty, &ntok, false, spec.is_static);
            } else if spec.is_extern {
                self.bind(name.clone(), Sym::Global(name, ty));
            } else if spec.is_static {
                self.static_count += 1;
                let gname: Rc<str> = format!("{}.{}", name, self.static_count).into();
                let mut items = Vec::new();
                if self.eat("=") {
                    self.initializer(&mut ty, 0, &mut items);
                }
                if !self.layout().is_complete(&ty) {
                    self.error(
                        ntok.loc,
                        ntok.len(),
                        format!("storage size of '{name}' isn't known"),
                    );
                }
                let init = self.global_init(&items);
                let (size, align) = (self.size_of(&ty), self.layout().align(&ty));
                self.unit.globals.push(Global {
                    name: gname.clone(),
                    size,
                    align,
                    is_static: true,
                    init: Some(init),
                    loc: ntok.loc,
                });
                self.bind(name, Sym::Global(gname, ty));
            } else if let (Some(count), TyK::Array(elem, _)) = (vla.clone(), ty.k.clone()) {
                if self.at("=") {
                    self.error(
                        ntok.loc,
                        ntok.len(),
                        "variable-sized object may not be initialized".into(),
                    );
                    self.pos += 1;
                    let _ = self.assign_expr();
                }
                let esz = self.size_of(&elem);
                let count = self.rv(count);
                let count = self.conv(count, &Ty::ULONG);
                let id =
                    self.new_local(name.clone(), Ty::new(TyK::Ptr(elem)), ntok.loc, ntok.len());
                let size_id = self.new_local(
                    format!("sizeof {name}").into(),
                    Ty::ULONG,
                    ntok.loc,
                    ntok.len(),
                );
                if let Some(fs) = self.fs.as_mut() {
                    fs.used[size_id as usize] = true;
                    fs.vla_sizes.insert(id, size_id);
                }
                // The size local is not a name a program can use.
                if let Some(s) = self.scopes.last_mut() {
                    s.names.remove(&*format!("sizeof {name}"));
                    s.locals.retain(|l| *l != size_id);
                }
                out.push(Stmt::Vla(id, size_id, count, esz));
            } else {
                let has_init = self.at("=");
                if !has_init && !self.layout().is_complete(&ty) {
                    self.error(
                        ntok.loc,
                        ntok.len(),
                        format!("storage size of '{name}' isn't known"),
                    );
                    ty = Ty::INT;
                }
                let mut items = Vec::new();
                if has_init {
                    self.pos += 1;
                    // The name is visible in its own initializer.
                    let id = self.new_local(name.clone(), ty.clone(), ntok.loc, ntok.len());
                    self.initializer(&mut ty, 0, &mut items);
                    if let Some(fs) = self.fs.as_mut() {
                        fs.locals[id as usize].ty = ty.clone();
                        fs.locals[id as usize].in_memory |= ty.is_array() || ty.is_struct();
                    }
                    let zero = ty.is_array() || ty.is_struct();
                    out.push(Stmt::Init(id, zero, items));
                } else {
                    self.new_local(name, ty, ntok.loc, ntok.len());
                }
            }
            if self.eat(",") {
                continue;
            }
            if !self.eat(";") {
                self.expected("',' or ';'");
                self.recover();
            }
            break;
        }
        Some(Stmt::Block(out))
    }

    pub(super) fn stmt(&mut self) -> Stmt {
        let t = self.peek().clone();
        if t.kind == Kind::Ident {
            match &*t.text {
                "if" => {
                    self.pos += 1;
                    let c = self.paren_cond();
                    let then = self.sub_stmt();
                    let els = if self.eat("else") {
                        Some(Box::new(self.sub_stmt()))
                    } else {
                        None
                    };
                    return Stmt::If(c, Box::new(then), els);
                }
                "while" => {
                    self.pos += 1;
                    let c = self.paren_cond();
                    let body = self.loop_body();
                    return Stmt::While(c, Box::new(body));
                }
                "do" => {
                    self.pos += 1;
                    let body = self.loop_body();
                    if !self.eat("while") {
                        self.expected("'while'");
                        self.recover();
                        return Stmt::Block(vec![body]);
                    }
                    let c = self.paren_cond();
                    if !self.expect_semi("';'") {
                        self.recover();
                    }
                    return Stmt::DoWhile(Box::new(body), c);
                }
                "for" => return self.for_stmt(),
                "switch" => return self.switch_stmt(),
                "case" | "default" => return self.case_label(),
                "return" => {
                    self.pos += 1;
                    return self.return_stmt(&t);
                }
                "break" | "continue" => {
                    self.pos += 1;
                    let ok = self
                        .fs
                        .as_ref()
                        .is_some_and(|f| f.loops > 0 || (t.is("break") && !f.switches.is_empty()));
                    if !ok {
                        let m = if t.is("break") {
                            "break statement not within loop or switch"
                        } else {
                            "continue statement not within a loop"
                        };
                        self.error(t.loc, t.len(), m.into());
                    }
                    if !self.expect_semi("';'") {
                        self.recover();
                    }
                    return if t.is("break") {
                        Stmt::Break
                    } else {
                        Stmt::Continue
                    };
                }
                "goto" => {
                    self.pos += 1;
                    let l = self.next();
                    let id = self.label_id(&l, false);
                    if !self.expect_semi("';'") {
                        self.recover();
                    }
                    return Stmt::Goto(id);
                }
                _ => {}
            }
            if self.peek_at(1).is(":") && !KEYWORDS.contains(&&*t.text) {
                self.pos += 2;
                let id = self.label_id(&t, true);
                let s = if self.at("}") {
                    Stmt::Block(Vec::new())
                } else {
                    self.stmt()
                };
                return Stmt::Block(vec![Stmt::Label(id), s]);
            }
        }
        if self.eat("{") {
            self.push_scope();
            let b = self.block_body();
            self.pop_scope();
            return b;
        }
        if self.eat(";") {
            return Stmt::Block(Vec::new());
        }
        let errors = self.error_count();
        let e = self.expr();
        if self.error_count() > errors && !self.at(";") {
            self.recover();
            return Stmt::Expr(e);
        }
        if self.wall {
            self.check_effect(&e);
        }
        if !self.expect_semi("';'") {
            self.recover();
        }
        Stmt::Expr(e)
    }

    fn check_effect(&mut self, e: &Expr) {
        let no_effect = matches!(
            e.k,
            EK::Binary(..) | EK::Int(_) | EK::Local(_) | EK::Unary(..)
        );
        if no_effect {
            self.warn(
                e.loc,
                e.len,
                "statement with no effect".into(),
                "-Wunused-value",
            );
        }
    }

    /// A sub-statement of `if`/`else`: declarations are not allowed bare, but gcc
    /// accepts them with an error; here they parse as statements.
    fn sub_stmt(&mut self) -> Stmt {
        if self.at_decl() && !self.at("{") {
            let t = self.peek().clone();
            self.expected("expression");
            let _ = t;
            self.recover();
            return Stmt::Block(Vec::new());
        }
        self.stmt()
    }

    fn loop_body(&mut self) -> Stmt {
        if let Some(f) = self.fs.as_mut() {
            f.loops += 1;
        }
        let s = self.sub_stmt();
        if let Some(f) = self.fs.as_mut() {
            f.loops -= 1;
        }
        s
    }

    fn paren_cond(&mut self) -> Expr {
        if !self.eat("(") {
            self.expected("'('");
        }
        let doubled = self.at("(");
        let e = self.expr();
        let e = self.scalar_cond(e);
        if let EK::Assign(lhs, _) = &e.k {
            if self.wall && !doubled {
                let (loc, len) = (lhs.loc, lhs.len);
                self.warn(
                    loc,
                    len,
                    "suggest parentheses around assignment used as truth value".into(),
                    "-Wparentheses",
                );
            }
        }
        if !self.eat(")") {
            self.expected("')'");
        }
        e
    }

    fn for_stmt(&mut self) -> Stmt {
        self.pos += 1;
        if !self.eat("(") {
            self.expected("'('");
        }
        self.push_scope();
        let init = if self.eat(";") {
            None
        } else if self.at_decl() {
            let spec = self.specifiers(true);
            spec.and_then(|s| self.local_decl(s)).map(Box::new)
        } else {
            let e = self.expr();
            if !self.expect_semi("';'") {
                self.recover();
            }
            Some(Box::new(Stmt::Expr(e)))
        };
        let cond = if self.at(";") {
            None
        } else {
            let e = self.expr();
            Some(self.scalar_cond(e))
        };
        if !self.expect_semi("';'") {
            self.recover();
        }
        let step = if self.at(")") {
            None
        } else {
            Some(self.expr())
        };
        if !self.eat(")") {
            self.expected("')'");
        }
        let body = self.loop_body();
        self.pop_scope();
        Stmt::For(init, cond, step, Box::new(body))
    }

    fn switch_stmt(&mut self) -> Stmt {
        self.pos += 1;
        if !self.eat("(") {
            self.expected("'('");
        }
        let e = self.expr();
        let e = self.rv(e);
        let e = if e.ty.is_integer() {
            let t = promote(&e.ty);
            self.conv(e, &t)
        } else {
            self.error(e.loc, e.len, "switch quantity not an integer".into());
            e
        };
        if !self.eat(")") {
            self.expected("')'");
        }
        if let Some(f) = self.fs.as_mut() {
            f.switches.push(SwitchCtx {
                ty: e.ty.clone(),
                cases: Vec::new(),
                default: None,
            });
        }
        let body = self.stmt();
        let ctx = self.fs.as_mut().and_then(|f| f.switches.pop());
        let (cases, default) = ctx.map(|c| (c.cases, c.default)).unwrap_or_default();
        Stmt::Switch(e, Box::new(body), cases, default)
    }

    fn case_label(&mut self) -> Stmt {
        let t = self.next();
        let in_switch = self.fs.as_ref().is_some_and(|f| !f.switches.is_empty());
        let mut val = None;
        if t.is("case") {
            let e = self.cond_expr();
            match self.const_int(&e) {
                Some(v) => val = Some(v),
                None => self.error(
                    e.loc,
                    e.len,
                    "case label does not reduce to an integer constant".into(),
                ),
            }
        }
        if !self.eat(":") {
            self.expected("':'");
        }
        if !in_switch {
            let m = if t.is("case") {
                "case label not within a switch statement"
            } else {
                "'default' label not within a switch statement"
            };
            self.error(t.loc, t.len(), m.into());
            return if self.at("}") {
                Stmt::Block(Vec::new())
            } else {
                self.stmt()
            };
        }
        let id = self.fresh_label();
        let mut dup = None;
        if let Some(sw) = self.fs.as_mut().and_then(|f| f.switches.last_mut()) {
            match val {
                Some(v) => {
                    let v = if sw.ty.k == TyK::Int {
                        v as i32 as i64
                    } else {
                        v
                    };
                    if sw.cases.iter().any(|c| c.0 == v) {
                        dup = Some("duplicate case value");
                    } else {
                        sw.cases.push((v, id));
                    }
                }
                None if t.is("default") => {
                    if sw.default.is_some() {
                        dup = Some("multiple default labels in one switch");
                    } else {
                        sw.default = Some(id);
                    }
                }
                None => {}
            }
        }
        if let Some(m) = dup {
            self.error(t.loc, t.len(), m.into());
        }
        let s = if self.at("}") {
            Stmt::Block(Vec::new())
        } else {
            self.stmt()
        };
        Stmt::Block(vec![Stmt::Label(id), s])
    }

    pub(super) fn fresh_label(&mut self) -> u32 {
        match self.fs.as_mut() {
            Some(f) => {
                f.nlabels += 1;
                f.nlabels - 1
            }
            None => 0,
        }
    }

    fn label_id(&mut self, t: &Token, defining: bool) -> u32 {
        let existing = self
            .fs
            .as_ref()
            .and_then(|f| f.labels.get(&t.text).copied());
        match existing {
            Some((id, was_defined, loc)) => {
                if defining && was_defined {
                    self.error(t.loc, t.len(), format!("duplicate label '{}'", t.text));
                    let _ = loc;
                }
                if defining {
                    if let Some(f) = self.fs.as_mut() {
                        f.labels.insert(t.text.clone(), (id, true, t.loc));
                    }
                }
                id
            }
            None => {
                let id = self.fresh_label();
                if let Some(f) = self.fs.as_mut() {
                    f.labels.insert(t.text.clone(), (id, defining, t.loc));
                }
                id
            }
        }
    }

    fn return_stmt(&mut self, t: &Token) -> Stmt {
        let ret = self.fs.as_ref().map(|f| f.ret.clone()).unwrap_or(Ty::INT);
        let (floc, fname) = self
            .fs
            .as_ref()
            .map(|f| (f.def_loc, f.name.clone()))
            .unwrap_or_default();
        if self.at(";") {
            self.pos += 1;
            if !ret.is_void() {
                let opt = "";
                self.warn(
                    t.loc,
                    t.len(),
                    "'return' with no value, in function returning non-void".into(),
                    opt,
                );
                if !self.gcc5() {
                    self.note(floc, fname.len() as u32, "declared here".into());
                }
            }
            return Stmt::Return(None);
        }
        let e = self.expr();
        if !self.expect_semi("';'") {
            self.recover();
        }
        if ret.is_void() {
            let e = self.rv(e);
            if !e.ty.is_void() {
                let opt = "";
                self.warn(
                    e.loc,
                    e.len,
                    "'return' with a value, in function returning void".into(),
                    opt,
                );
                if !self.gcc5() {
                    self.note(floc, fname.len() as u32, "declared here".into());
                }
            }
            return Stmt::Block(vec![Stmt::Expr(e), Stmt::Return(None)]);
        }
        if let Some((loc, len)) = self.local_address(&e) {
            self.warn(
                loc,
                len,
                "function returns address of local variable".into(),
                "-Wreturn-local-addr",
            );
        }
        let e = self.convert_assign(e, &ret, AssignCtx::Return);
        Stmt::Return(Some(e))
    }
}

impl Parser<'_> {
    /// Where a returned expression is the address of a (non-static) local.
    fn local_address(&self, e: &Expr) -> Option<(Loc, u32)> {
        let inner = match &e.k {
            EK::Cast(x) => x,
            _ => e,
        };
        let is_local = |x: &Expr| matches!(x.k, EK::Local(_));
        match &inner.k {
            EK::Local(_) if inner.ty.is_array() => Some((inner.loc, inner.len)),
            EK::Addr(x) if is_local(x) => Some((x.loc, x.len)),
            _ => None,
        }
    }
}

impl Token {
    /// Whether the token is any of `ss`.
    pub fn is_any(&self, ss: &[&str]) -> bool {
        ss.iter().any(|s| self.is(s))
    }
}

/// The standard header that declares a library function, for gcc's implicit-declaration note.
pub(super) fn builtin_header(name: &str) -> Option<&'static str> {
    Some(match name {
        "printf" | "fprintf" | "sprintf" | "snprintf" | "scanf" | "sscanf" | "fscanf" | "puts"
        | "putchar" | "fputs" | "fgets" | "getchar" | "fputc" | "fflush" | "fopen" | "fclose"
        | "perror" | "vprintf" | "vsprintf" => "stdio.h",
        "malloc" | "calloc" | "realloc" | "free" | "exit" | "abort" | "atoi" | "atol" | "atof"
        | "strtol" | "strtoul" | "abs" | "labs" | "qsort" => "stdlib.h",
        "strlen" | "strcpy" | "strncpy" | "strcat" | "strncat" | "strcmp" | "strncmp"
        | "strchr" | "strrchr" | "strstr" | "strdup" | "memset" | "memcpy" | "memmove"
        | "memcmp" | "memchr" | "strspn" | "strcspn" => "string.h",
        "isalpha" | "isdigit" | "isspace" | "isupper" | "islower" | "toupper" | "tolower"
        | "isalnum" | "isprint" | "ispunct" | "isxdigit" => "ctype.h",
        "sqrt" | "pow" | "fabs" | "floor" | "ceil" | "sin" | "cos" | "tan" | "exp" | "log"
        | "round" => "math.h",
        _ => return None,
    })
}

pub(super) fn is_charlike(t: &Ty) -> bool {
    matches!(t.k, TyK::Char | TyK::SChar | TyK::UChar)
}

pub(super) fn string_id(e: &Expr) -> u32 {
    match &e.k {
        EK::Str(i) => *i,
        _ => 0,
    }
}

pub(super) fn int_const(v: i64, ty: Ty, loc: Loc) -> Expr {
    Expr {
        bad: false,
        k: EK::Int(v),
        ty,
        loc,
        len: 1,
    }
}

/// Whether two types are the same for redeclaration purposes.
pub(super) fn types_compatible(a: &Ty, b: &Ty) -> bool {
    match (&a.k, &b.k) {
        (TyK::Ptr(x), TyK::Ptr(y)) => types_compatible(x, y) && x.konst == y.konst,
        (TyK::Array(x, n), TyK::Array(y, m)) => {
            types_compatible(x, y) && (n == m || n.is_none() || m.is_none())
        }
        (TyK::Func(_), TyK::Func(_)) => fn_compatible(a, b),
        (TyK::Enum(_), TyK::Int) | (TyK::Int, TyK::Enum(_)) => true,
        (x, y) => x == y,
    }
}

fn fn_compatible(a: &Ty, b: &Ty) -> bool {
    let (Some(f), Some(g)) = (a.func(), b.func()) else {
        return false;
    };
    if !types_compatible(&f.ret, &g.ret) {
        return false;
    }
    if f.unprototyped || g.unprototyped {
        return true;
    }
    f.variadic == g.variadic
        && f.params.len() == g.params.len()
        && f.params
            .iter()
            .zip(&g.params)
            .all(|(x, y)| types_compatible(&x.unqual(), &y.unqual()))
}

/// Whether control can run off the end of a statement (for -Wreturn-type).
fn falls_through(s: &Stmt) -> bool {
    match s {
        Stmt::Return(_) | Stmt::Goto(_) => false,
        Stmt::Block(v) => {
            // A label after a terminating statement makes the rest reachable again.
            let mut falls = true;
            for st in v {
                if matches!(st, Stmt::Label(_)) {
                    falls = true;
                } else if falls {
                    falls = falls_through(st);
                }
            }
            falls
        }
        Stmt::If(_, a, Some(b)) => falls_through(a) || falls_through(b),
        Stmt::While(c, body) => !is_true_const(c) || has_break(body),
        Stmt::For(_, c, _, body) => !c.as_ref().is_none_or(is_true_const) || has_break(body),
        Stmt::DoWhile(body, c) => {
            (!is_true_const(c) || has_break(body))
                && (falls_through(body) || has_break(body) || has_continue(body))
        }
        Stmt::Expr(e) => !is_noreturn_call(e),
        Stmt::Switch(_, body, _, default) => {
            default.is_none() || has_break(body) || falls_through(body)
        }
        _ => true,
    }
}

fn is_true_const(e: &Expr) -> bool {
    match &e.k {
        EK::Int(v) => *v != 0,
        EK::Cast(x) => is_true_const(x),
        _ => false,
    }
}

fn is_noreturn_call(e: &Expr) -> bool {
    if let EK::Call(f, _) = &e.k {
        if let EK::Addr(inner) = &f.k {
            if let EK::Func(n) = &inner.k {
                return matches!(&**n, "exit" | "abort" | "_exit" | "__assert_fail");
            }
        }
    }
    false
}

fn has_break(s: &Stmt) -> bool {
    match s {
        Stmt::Break => true,
        Stmt::Block(v) => v.iter().any(has_break),
        Stmt::If(_, a, b) => has_break(a) || b.as_ref().is_some_and(|b| has_break(b)),
        _ => false,
    }
}

fn has_continue(s: &Stmt) -> bool {
    match s {
        Stmt::Continue => true,
        Stmt::Block(v) => v.iter().any(has_continue),
        Stmt::If(_, a, b) => has_continue(a) || b.as_ref().is_some_and(|b| has_continue(b)),
        _ => false,
    }
}

/// The base of an address constant.
pub(super) enum Base {
    Sym(Rc<str>),
    Str(u32),
}

/// An address constant: `&global + n`, `"str" + n`, a function.
pub(super) fn const_addr(e: &Expr) -> Option<(Base, i64)> {
    match &e.k {
        EK::Addr(x) => lvalue_addr(x),
        EK::Cast(x) if x.ty.is_ptr() || x.ty.is_integer() => const_addr(x),
        EK::PtrAdd(p, i, scale) => {
            let (b, off) = const_addr(p)?;
            let n = match &i.k {
                EK::Int(v) => *v,
                EK::Cast(x) => match x.k {
                    EK::Int(v) => v,
                    _ => return None,
                },
                _ => return None,
            };
            Some((b, off + n * *scale as i64))
        }
        _ => None,
    }
}

fn lvalue_addr(e: &Expr) -> Option<(Base, i64)> {
    match &e.k {
        EK::Global(n) | EK::Func(n) => Some((Base::Sym(n.clone()), 0)),
        EK::Str(s) => Some((Base::Str(*s), 0)),
        EK::Member(b, off) => {
            let (base, o) = lvalue_addr(b)?;
            Some((base, o + *off as i64))
        }
        EK::Deref(p) => const_addr(p),
        _ => None,
    }
}
