//! `awk [-F FS] [-v VAR=VALUE]... 'PROGRAM' [FILE|VAR=VALUE]...` (mawk on Debian and
//! Ubuntu, busybox awk on Alpine): the POSIX language — patterns and ranges, `BEGIN`/`END`,
//! fields, `print`/`printf` (with `>`/`>>` to files), variables and arithmetic, string
//! functions, regular expressions, associative arrays, `if`/`while`/`do`/`for`/`for in`,
//! `next`, `exit`, user functions and `ENVIRON`. The program runs in steps counted
//! against the job's budget, so `BEGIN { while (1) ; }` is stopped, never a hung page.

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::rc::Rc;

use super::super::budget::{Trip, MEMORY_LIMIT, STEP_LIMIT, STOPPED_STATUS};
use super::super::program::{Proc, Style};
use super::super::regex::Regex;
use crate::format::units::go_g;

// ---------------------------------------------------------------- lexing

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ere(String),
    Name(String),
    Func(String),
    Builtin(&'static str),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue",
    "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf",
];
const BUILTINS: &[&str] = &[
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper",
    "int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close",
    "fflush",
];
const OPS: &[&str] = &[
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~",
    "**", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|",
    "?", ":", "~", "$", "=",
];

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut out: Vec<(Tok, usize)> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < cs.len() {
        let c = cs[i];
        if c == '\\' && cs.get(i + 1) == Some(&'\n') {
            i += 2;
            line += 1;
            continue;
        }
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' {
            out.push((Tok::Newline, line));
            line += 1;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            if c == '0' && matches!(cs.get(i + 1), Some('x' | 'X')) {
                i += 2;
                while i < cs.len() && cs[i].is_ascii_hexdigit() {
                    i += 1;
                }
                let s: String = cs[start + 2..i].iter().collect();
                out.push((
                    Tok::Num(i64::from_str_radix(&s, 16).unwrap_or(0) as f64),
                    line,
                ));
                continue;
            }
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
                i += 1;
            }
            if i < cs.len() && (cs[i] == 'e' || cs[i] == 'E') {
                let save = i;
                i += 1;
                if i < cs.len() && (cs[i] == '+' || cs[i] == '-') {
                    i += 1;
                }
                if i < cs.len() && cs[i].is_ascii_digit() {
                    while i < cs.len() && cs[i].is_ascii_digit() {
                        i += 1;
                    }
                } else {
                    i = save;
                }
            }
            let s: String = cs[start..i].iter().collect();
            out.push((Tok::Num(s.parse().unwrap_or(0.0)), line));
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            let w: String = cs[start..i].iter().collect();
            let tok = if let Some(k) = KEYWORDS.iter().find(|k| **k == w) {
                Tok::Kw(if *k == "func" { "function" } else { k })
            } else if let Some(b) = BUILTINS.iter().find(|b| **b == w) {
                Tok::Builtin(b)
            } else if cs.get(i) == Some(&'(') {
                Tok::Func(w)
            } else {
                Tok::Name(w)
            };
            out.push((tok, line));
            continue;
        }
        if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                match cs.get(i) {
                    None | Some('\n') => return Err(format!("runaway string constant \"{s} ...")),
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some('\\') => {
                        i += 1;
                        let (ch, used) = escape(&cs[i..]);
                        s.push_str(&ch);
                        i += used;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((Tok::Str(s), line));
            continue;
        }
        if c == '/' && regex_allowed(out.last().map(|t| &t.0)) {
            i += 1;
            let mut s = String::new();
            let mut in_class = false;
            loop {
                match cs.get(i) {
                    None | Some('\n') => {
                        return Err(format!("runaway regular expression /{s} ..."))
                    }
                    Some('/') if !in_class => {
                        i += 1;
                        break;
                    }
                    Some('\\') if cs.get(i + 1) == Some(&'/') => {
                        s.push('/');
                        i += 2;
                    }
                    Some('\\') => {
                        s.push('\\');
                        if let Some(&n) = cs.get(i + 1) {
                            s.push(n);
                        }
                        i += 2;
                    }
                    Some(&ch) => {
                        if ch == '[' {
                            in_class = true;
                        } else if ch == ']' && in_class && !s.ends_with('[') {
                            in_class = false;
                        }
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push((Tok::Ere(s), line));
            continue;
        }
        let rest: String = cs[i..cs.len().min(i + 2)].iter().collect();
        match OPS.iter().find(|op| rest.starts_with(**op)) {
            Some(op) => {
                out.push((Tok::Op(if *op == "**" { "^" } else { op }), line));
                i += op.chars().count();
            }
            None => return Err(format!("syntax error at or near {c}")),
        }
    }
    out.push((Tok::Eof, line));
    Ok(out)
}

/// A backslash escape in a string (after the backslash): the text and characters used.
fn escape(cs: &[char]) -> (String, usize) {
    match cs.first() {
        None => ("\\".into(), 0),
        Some('n') => ("\n".into(), 1),
        Some('t') => ("\t".into(), 1),
        Some('r') => ("\r".into(), 1),
        Some('\\') => ("\\".into(), 1),
        Some('"') => ("\"".into(), 1),
        Some('/') => ("/".into(), 1),
        Some('a') => ("\x07".into(), 1),
        Some('b') => ("\x08".into(), 1),
        Some('f') => ("\x0c".into(), 1),
        Some('v') => ("\x0b".into(), 1),
        Some(c) if c.is_digit(8) => {
            let mut n = 0u32;
            let mut used = 0;
            while used < 3 && cs.get(used).is_some_and(|c| c.is_digit(8)) {
                n = n * 8 + cs[used].to_digit(8).unwrap_or(0);
                used += 1;
            }
            (
                char::from_u32(n).map(String::from).unwrap_or_default(),
                used,
            )
        }
        Some(&c) => (format!("\\{c}"), 1),
    }
}

fn regex_allowed(prev: Option<&Tok>) -> bool {
    !matches!(
        prev,
        Some(Tok::Num(_) | Tok::Str(_) | Tok::Name(_) | Tok::Builtin(_) | Tok::Ere(_))
            | Some(Tok::Op(")" | "]" | "$" | "++" | "--"))
    )
}

// ---------------------------------------------------------------- syntax

#[derive(Clone, Debug)]
enum Expr {
    Num(f64),
    Str(String),
    Re(Rc<Regex>),
    Var(String),
    Field(Box<Expr>),
    Index(String, Vec<Expr>),
    In(Vec<Expr>, String),
    Assign(Option<&'static str>, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Cmp(&'static str, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Plus(Box<Expr>),
    Incr(bool, i8, Box<Expr>),
    Call(String, Vec<Expr>),
    Builtin(&'static str, Vec<Expr>),
    Group(Box<Expr>),
}

#[derive(Clone, Debug)]
enum Redirect {
    None,
    File(Expr, bool),
}

#[derive(Clone, Debug)]
enum Stmt {
    Expr(Expr),
    Print(Vec<Expr>, Redirect),
    Printf(Vec<Expr>, Redirect),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(
        Option<Box<Stmt>>,
        Option<Expr>,
        Option<Box<Stmt>>,
        Box<Stmt>,
    ),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Return(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Vec<Expr>>),
    Getline,
}

#[derive(Clone, Debug)]
enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

#[derive(Clone, Debug)]
struct Func {
    params: Vec<String>,
    body: Vec<Stmt>,
}

#[derive(Default)]
struct Program {
    rules: Vec<(Pattern, Option<Vec<Stmt>>)>,
    funcs: BTreeMap<String, Rc<Func>>,
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    /// Inside `print`'s expression list, a bare `>` is a redirection.
    no_gt: bool,
    /// Inside `for (`, `in` belongs to the loop.
    no_in: bool,
}

type PResult<T> = Result<T, String>;

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::Eof, |t| &t.0)
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn error<T>(&self) -> PResult<T> {
        let line = self.toks.get(self.pos).map_or(1, |t| t.1);
        let near = match self.peek() {
            Tok::Num(n) => fmt_num(*n, "%.6g"),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Ere(s) => format!("/{s}/"),
            Tok::Name(s) | Tok::Func(s) => s.clone(),
            Tok::Builtin(s) | Tok::Kw(s) | Tok::Op(s) => (*s).to_owned(),
            Tok::Newline => "end of line".into(),
            Tok::Eof => "end of file".into(),
        };
        Err(format!("line {line}: syntax error at or near {near}"))
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Kw(k) if *k == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            self.error()
        }
    }

    fn newlines(&mut self) {
        while matches!(self.peek(), Tok::Newline) {
            self.pos += 1;
        }
    }

    fn terminators(&mut self) {
        while matches!(self.peek(), Tok::Newline) || self.is_op(";") {
            self.pos += 1;
        }
    }

    fn program(&mut self) -> PResult<Program> {
        let mut prog = Program::default();
        self.terminators();
        while !matches!(self.peek(), Tok::Eof) {
            if self.is_kw("function") {
                self.pos += 1;
                let name = match self.next() {
                    Tok::Name(n) | Tok::Func(n) => n,
                    _ => {
                        self.pos -= 1;
                        return self.error();
                    }
                };
                self.expect_op("(")?;
                let mut params = Vec::new();
                while let Tok::Name(n) = self.peek().clone() {
                    self.pos += 1;
                    params.push(n);
                    if !self.eat_op(",") {
                        break;
                    }
                    self.newlines();
                }
                self.expect_op(")")?;
                self.newlines();
                let body = self.block()?;
                prog.funcs.insert(name, Rc::new(Func { params, body }));
            } else {
                let pattern = if self.is_kw("BEGIN") {
                    self.pos += 1;
                    Pattern::Begin
                } else if self.is_kw("END") {
                    self.pos += 1;
                    Pattern::End
                } else if self.is_op("{") {
                    Pattern::All
                } else {
                    let a = self.expr()?;
                    if self.eat_op(",") {
                        self.newlines();
                        Pattern::Range(a, self.expr()?)
                    } else {
                        Pattern::Expr(a)
                    }
                };
                let action = if self.is_op("{") {
                    Some(self.block()?)
                } else if matches!(pattern, Pattern::Begin | Pattern::End) {
                    return self.error();
                } else {
                    None
                };
                prog.rules.push((pattern, action));
            }
            self.terminators();
        }
        Ok(prog)
    }

    fn block(&mut self) -> PResult<Vec<Stmt>> {
        self.expect_op("{")?;
        let mut v = Vec::new();
        self.terminators();
        while !self.is_op("}") {
            if matches!(self.peek(), Tok::Eof) {
                return self.error();
            }
            v.push(self.stmt()?);
            self.terminators();
        }
        self.pos += 1;
        Ok(v)
    }

    /// A statement; simple statements end at `;`, a newline or `}`.
    fn stmt(&mut self) -> PResult<Stmt> {
        if self.is_op("{") {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.is_op(";") {
            self.pos += 1;
            return Ok(Stmt::Block(Vec::new()));
        }
        if let Tok::Kw(k) = self.peek().clone() {
            match k {
                "if" => {
                    self.pos += 1;
                    self.expect_op("(")?;
                    let c = self.expr()?;
                    self.expect_op(")")?;
                    self.newlines();
                    let then = self.stmt()?;
                    let save = self.pos;
                    self.terminators();
                    if self.is_kw("else") {
                        self.pos += 1;
                        self.newlines();
                        let other = self.stmt()?;
                        return Ok(Stmt::If(c, Box::new(then), Some(Box::new(other))));
                    }
                    self.pos = save;
                    return Ok(Stmt::If(c, Box::new(then), None));
                }
                "while" => {
                    self.pos += 1;
                    self.expect_op("(")?;
                    let c = self.expr()?;
                    self.expect_op(")")?;
                    if self.is_op(";") {
                        self.pos += 1;
                        return Ok(Stmt::While(c, Box::new(Stmt::Block(Vec::new()))));
                    }
                    self.newlines();
                    return Ok(Stmt::While(c, Box::new(self.stmt()?)));
                }
                "do" => {
                    self.pos += 1;
                    self.newlines();
                    let body = self.stmt()?;
                    self.terminators();
                    if !self.is_kw("while") {
                        return self.error();
                    }
                    self.pos += 1;
                    self.expect_op("(")?;
                    let c = self.expr()?;
                    self.expect_op(")")?;
                    return Ok(Stmt::Do(Box::new(body), c));
                }
                "for" => {
                    self.pos += 1;
                    self.expect_op("(")?;
                    if let (
                        Tok::Name(k),
                        Some((Tok::Kw("in"), _)),
                        Some((Tok::Name(a), _)),
                        Some((Tok::Op(")"), _)),
                    ) = (
                        self.peek().clone(),
                        self.toks.get(self.pos + 1).cloned(),
                        self.toks.get(self.pos + 2).cloned(),
                        self.toks.get(self.pos + 3).cloned(),
                    ) {
                        self.pos += 4;
                        self.newlines();
                        return Ok(Stmt::ForIn(k, a, Box::new(self.stmt()?)));
                    }
                    let init = if self.is_op(";") {
                        None
                    } else {
                        Some(Box::new(self.simple()?))
                    };
                    self.expect_op(";")?;
                    self.newlines();
                    let cond = if self.is_op(";") {
                        None
                    } else {
                        Some(self.expr()?)
                    };
                    self.expect_op(";")?;
                    self.newlines();
                    let step = if self.is_op(")") {
                        None
                    } else {
                        Some(Box::new(self.simple()?))
                    };
                    self.expect_op(")")?;
                    if self.is_op(";") {
                        self.pos += 1;
                        return Ok(Stmt::For(
                            init,
                            cond,
                            step,
                            Box::new(Stmt::Block(Vec::new())),
                        ));
                    }
                    self.newlines();
                    return Ok(Stmt::For(init, cond, step, Box::new(self.stmt()?)));
                }
                _ => {}
            }
        }
        let s = self.simple()?;
        if !(self.is_op(";") || self.is_op("}") || matches!(self.peek(), Tok::Newline | Tok::Eof)) {
            return self.error();
        }
        Ok(s)
    }

    fn simple(&mut self) -> PResult<Stmt> {
        let Tok::Kw(k) = self.peek().clone() else {
            return Ok(Stmt::Expr(self.expr()?));
        };
        self.pos += 1;
        let ends = |p: &Parser| {
            p.is_op(";") || p.is_op("}") || matches!(p.peek(), Tok::Newline | Tok::Eof)
        };
        Ok(match k {
            "print" | "printf" => {
                let mut args = Vec::new();
                let old = self.no_gt;
                self.no_gt = true;
                if self.is_op("(") {
                    // `print (a, b) > "f"` or `print (a)(b)`: try a parenthesised list.
                    let save = self.pos;
                    self.pos += 1;
                    let mut list = vec![self.expr_in_parens()?];
                    while self.eat_op(",") {
                        self.newlines();
                        list.push(self.expr_in_parens()?);
                    }
                    if self.eat_op(")")
                        && (ends(self) || self.is_op(">") || self.is_op(">>") || self.is_op("|"))
                    {
                        args = list;
                    } else {
                        self.pos = save;
                    }
                }
                if args.is_empty() && !ends(self) && !self.is_op(">") && !self.is_op(">>") {
                    args.push(self.expr()?);
                    while self.eat_op(",") {
                        self.newlines();
                        args.push(self.expr()?);
                    }
                }
                self.no_gt = old;
                let redirect = if self.eat_op(">") {
                    Redirect::File(self.concat_expr()?, false)
                } else if self.eat_op(">>") {
                    Redirect::File(self.concat_expr()?, true)
                } else if self.is_op("|") {
                    return Err(
                        "berth: awk's output to a command (print | \"cmd\") is not simulated yet"
                            .into(),
                    );
                } else {
                    Redirect::None
                };
                if k == "print" {
                    Stmt::Print(args, redirect)
                } else {
                    if args.is_empty() {
                        return self.error();
                    }
                    Stmt::Printf(args, redirect)
                }
            }
            "next" => Stmt::Next,
            "nextfile" => Stmt::Next,
            "break" => Stmt::Break,
            "continue" => Stmt::Continue,
            "getline" => Stmt::Getline,
            "exit" => Stmt::Exit(if ends(self) { None } else { Some(self.expr()?) }),
            "return" => Stmt::Return(if ends(self) { None } else { Some(self.expr()?) }),
            "delete" => {
                let Tok::Name(n) = self.next() else {
                    self.pos -= 1;
                    return self.error();
                };
                if self.eat_op("[") {
                    let idx = self.expr_list("]")?;
                    Stmt::Delete(n, Some(idx))
                } else {
                    Stmt::Delete(n, None)
                }
            }
            _ => {
                self.pos -= 1;
                return self.error();
            }
        })
    }

    fn expr_in_parens(&mut self) -> PResult<Expr> {
        let old = (self.no_gt, self.no_in);
        self.no_gt = false;
        self.no_in = false;
        let e = self.expr();
        (self.no_gt, self.no_in) = old;
        e
    }

    fn expr_list(&mut self, close: &str) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr_in_parens()?];
        while self.eat_op(",") {
            self.newlines();
            v.push(self.expr_in_parens()?);
        }
        self.expect_op(close)?;
        Ok(v)
    }

    fn expr(&mut self) -> PResult<Expr> {
        self.ternary()
    }

    fn ternary(&mut self) -> PResult<Expr> {
        let c = self.or()?;
        if self.eat_op("?") {
            self.newlines();
            let a = self.ternary()?;
            self.newlines();
            self.expect_op(":")?;
            self.newlines();
            let b = self.ternary()?;
            return Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        if let Tok::Op(op @ ("=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=")) = self.peek().clone() {
            if is_lvalue(&c) {
                self.pos += 1;
                self.newlines();
                let v = self.ternary()?;
                let kind = if op == "=" { None } else { Some(&op[..1]) };
                let kind: Option<&'static str> = kind.map(|k| match k {
                    "+" => "+",
                    "-" => "-",
                    "*" => "*",
                    "/" => "/",
                    "%" => "%",
                    _ => "^",
                });
                return Ok(Expr::Assign(kind, Box::new(c), Box::new(v)));
            }
        }
        Ok(c)
    }

    fn or(&mut self) -> PResult<Expr> {
        let mut a = self.and()?;
        while self.eat_op("||") {
            self.newlines();
            a = Expr::Or(Box::new(a), Box::new(self.and()?));
        }
        Ok(a)
    }

    fn and(&mut self) -> PResult<Expr> {
        let mut a = self.in_expr()?;
        while self.eat_op("&&") {
            self.newlines();
            a = Expr::And(Box::new(a), Box::new(self.in_expr()?));
        }
        Ok(a)
    }

    fn in_expr(&mut self) -> PResult<Expr> {
        let mut a = self.matching()?;
        while !self.no_in && self.is_kw("in") {
            self.pos += 1;
            let Tok::Name(arr) = self.next() else {
                self.pos -= 1;
                return self.error();
            };
            let keys = match a {
                Expr::Group(g) => vec![*g],
                other => vec![other],
            };
            a = Expr::In(keys, arr);
        }
        Ok(a)
    }

    fn matching(&mut self) -> PResult<Expr> {
        let mut a = self.comparison()?;
        loop {
            if self.eat_op("~") {
                a = Expr::Match(false, Box::new(a), Box::new(self.comparison()?));
            } else if self.eat_op("!~") {
                a = Expr::Match(true, Box::new(a), Box::new(self.comparison()?));
            } else {
                return Ok(a);
            }
        }
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let a = self.concat_expr()?;
        let op = match self.peek() {
            Tok::Op(o @ ("<" | "<=" | "==" | "!=" | ">=")) => *o,
            Tok::Op(">") if !self.no_gt => ">",
            _ => return Ok(a),
        };
        self.pos += 1;
        let b = self.concat_expr()?;
        Ok(Expr::Cmp(op, Box::new(a), Box::new(b)))
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Tok::Num(_)
            | Tok::Str(_)
            | Tok::Ere(_)
            | Tok::Name(_)
            | Tok::Func(_)
            | Tok::Builtin(_) => true,
            Tok::Op(o) => matches!(*o, "$" | "(" | "!" | "++" | "--" | "-" | "+"),
            _ => false,
        }
    }

    fn concat_expr(&mut self) -> PResult<Expr> {
        let mut a = self.additive()?;
        while self.starts_operand() && !self.is_op("-") && !self.is_op("+") && !self.is_op("!") {
            if self.no_in && self.is_kw("in") {
                break;
            }
            let b = self.additive()?;
            a = Expr::Concat(Box::new(a), Box::new(b));
        }
        Ok(a)
    }

    fn additive(&mut self) -> PResult<Expr> {
        let mut a = self.multiplicative()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => "+",
                Tok::Op("-") => "-",
                _ => return Ok(a),
            };
            self.pos += 1;
            a = Expr::Bin(op, Box::new(a), Box::new(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> PResult<Expr> {
        let mut a = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => "*",
                Tok::Op("/") => "/",
                Tok::Op("%") => "%",
                _ => return Ok(a),
            };
            self.pos += 1;
            a = Expr::Bin(op, Box::new(a), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> PResult<Expr> {
        if self.eat_op("!") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat_op("+") {
            return Ok(Expr::Plus(Box::new(self.unary()?)));
        }
        self.power()
    }

    fn power(&mut self) -> PResult<Expr> {
        let a = self.postfix()?;
        if self.eat_op("^") {
            // Right-associative, binds tighter than unary minus on its left.
            let b = if self.is_op("-") || self.is_op("+") || self.is_op("!") {
                self.unary()?
            } else {
                self.power()?
            };
            return Ok(Expr::Bin("^", Box::new(a), Box::new(b)));
        }
        Ok(a)
    }

    fn postfix(&mut self) -> PResult<Expr> {
        if self.eat_op("++") {
            let e = self.postfix()?;
            return Ok(Expr::Incr(true, 1, Box::new(e)));
        }
        if self.eat_op("--") {
            let e = self.postfix()?;
            return Ok(Expr::Incr(true, -1, Box::new(e)));
        }
        let e = self.primary()?;
        if is_lvalue(&e) {
            if self.eat_op("++") {
                return Ok(Expr::Incr(false, 1, Box::new(e)));
            }
            if self.eat_op("--") {
                return Ok(Expr::Incr(false, -1, Box::new(e)));
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> PResult<Expr> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Ere(s) => Ok(Expr::Re(Rc::new(compile(&s)?))),
            Tok::Op("$") => {
                let e = if self.eat_op("++") {
                    Expr::Incr(true, 1, Box::new(self.primary()?))
                } else if self.eat_op("--") {
                    Expr::Incr(true, -1, Box::new(self.primary()?))
                } else if self.eat_op("-") {
                    Expr::Neg(Box::new(self.primary()?))
                } else {
                    self.primary()?
                };
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Op("(") => {
                let first = self.expr_in_parens()?;
                if self.eat_op(",") {
                    let mut keys = vec![first];
                    keys.extend(self.expr_list(")")?);
                    if !self.is_kw("in") {
                        return self.error();
                    }
                    self.pos += 1;
                    let Tok::Name(arr) = self.next() else {
                        self.pos -= 1;
                        return self.error();
                    };
                    return Ok(Expr::In(keys, arr));
                }
                self.expect_op(")")?;
                Ok(Expr::Group(Box::new(first)))
            }
            Tok::Name(n) => {
                if self.eat_op("[") {
                    let idx = self.expr_list("]")?;
                    return Ok(Expr::Index(n, idx));
                }
                Ok(Expr::Var(n))
            }
            Tok::Func(n) => {
                self.expect_op("(")?;
                let args = if self.eat_op(")") {
                    Vec::new()
                } else {
                    self.expr_list(")")?
                };
                Ok(Expr::Call(n, args))
            }
            Tok::Builtin(b) => {
                let args = if self.eat_op("(") {
                    if self.eat_op(")") {
                        Vec::new()
                    } else {
                        self.expr_list(")")?
                    }
                } else if b == "length" {
                    Vec::new()
                } else {
                    self.pos -= 1;
                    return self.error();
                };
                if matches!(b, "system" | "close" | "fflush") {
                    return Err(format!("berth: awk's {b}() is not simulated yet"));
                }
                Ok(Expr::Builtin(b, args))
            }
            Tok::Kw("getline") => Err("berth: awk's getline is not simulated yet".into()),
            _ => {
                self.pos -= 1;
                self.error()
            }
        }
    }
}

fn is_lvalue(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..))
}

/// Compiles an awk regular expression (ERE, with awk's escapes in it).
fn compile(src: &str) -> Result<Regex, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut s = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '\\' {
            match cs.get(i + 1) {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some('/') => s.push('/'),
                Some('"') => s.push('"'),
                Some(&c) => {
                    s.push('\\');
                    s.push(c);
                }
                None => s.push_str("\\\\"),
            }
            i += 2;
            continue;
        }
        s.push(cs[i]);
        i += 1;
    }
    Regex::new(&s, true).map_err(|e| format!("regular expression compile failed ({e})\n{src}"))
}

// ---------------------------------------------------------------- values

#[derive(Clone, Debug)]
enum Value {
    Num(f64),
    Str(String),
    /// Input that looks like a number compares as one (fields, `split`, `-v`, `ENVIRON`).
    StrNum(String),
}

impl Value {
    fn num(&self) -> f64 {
        match self {
            Value::Num(n) => *n,
            Value::Str(s) | Value::StrNum(s) => leading_number(s),
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::StrNum(s) => match looks_numeric(s) {
                Some(n) => n != 0.0,
                None => !s.is_empty(),
            },
        }
    }
}

/// The number at the start of `s` (as `strtod`), 0 without one.
fn leading_number(s: &str) -> f64 {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut end = 0;
    if end < b.len() && (b[end] == b'+' || b[end] == b'-') {
        end += 1;
    }
    let digits_start = end;
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end < b.len() && b[end] == b'.' {
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end == digits_start || (end == digits_start + 1 && b.get(digits_start) == Some(&b'.')) {
        return 0.0;
    }
    if end < b.len() && (b[end] == b'e' || b[end] == b'E') {
        let mut e = end + 1;
        if e < b.len() && (b[e] == b'+' || b[e] == b'-') {
            e += 1;
        }
        if e < b.len() && b[e].is_ascii_digit() {
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            end = e;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// The value of `s` when all of it (but blanks around) is a number.
fn looks_numeric(s: &str) -> Option<f64> {
    let t = s.trim_matches([' ', '\t', '\n']);
    if t.is_empty() {
        return None;
    }
    let ok = t
        .trim_start_matches(['+', '-'])
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !ok || t.contains("inf") || t.contains("nan") {
        return None;
    }
    t.parse::<f64>().ok()
}

/// A number as awk prints it: integers without a fraction, others through `fmt` (`%.6g`).
fn fmt_num(n: f64, fmt: &str) -> String {
    if n == n.trunc() && n.abs() < 1e16 {
        return format!("{}", n as i64);
    }
    if n.is_nan() {
        return if n.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if n.is_infinite() {
        return if n < 0.0 { "-inf" } else { "inf" }.into();
    }
    sprintf(fmt, &[Value::Num(n)], "%.6g")
}

/// `printf`'s formatting over awk values.
fn sprintf(fmt: &str, args: &[Value], convfmt: &str) -> String {
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut ai = 0;
    let next = |ai: &mut usize| {
        let v = args.get(*ai).cloned();
        *ai += 1;
        v
    };
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        if cs.get(i + 1) == Some(&'%') {
            out.push('%');
            i += 2;
            continue;
        }
        let start = i;
        i += 1;
        let mut flags = String::new();
        while i < cs.len() && "-+ #0".contains(cs[i]) {
            flags.push(cs[i]);
            i += 1;
        }
        let mut width: Option<usize> = None;
        if cs.get(i) == Some(&'*') {
            let w = next(&mut ai).map_or(0.0, |v| v.num()) as i64;
            if w < 0 {
                flags.push('-');
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let s = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if i > s {
                width = cs[s..i].iter().collect::<String>().parse().ok();
            }
        }
        let mut prec: Option<usize> = None;
        if cs.get(i) == Some(&'.') {
            i += 1;
            if cs.get(i) == Some(&'*') {
                prec = Some(next(&mut ai).map_or(0.0, |v| v.num()).max(0.0) as usize);
                i += 1;
            } else {
                let s = i;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
                prec = Some(cs[s..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        while i < cs.len() && "hlLqjzt".contains(cs[i]) {
            i += 1;
        }
        let Some(&conv) = cs.get(i) else {
            out.extend(&cs[start..]);
            break;
        };
        i += 1;
        let arg = next(&mut ai);
        let left = flags.contains('-');
        let zero = flags.contains('0') && !left;
        let sign = |s: String, neg: bool| -> String {
            if neg {
                format!("-{s}")
            } else if flags.contains('+') {
                format!("+{s}")
            } else if flags.contains(' ') {
                format!(" {s}")
            } else {
                s
            }
        };
        let body = match conv {
            'd' | 'i' => {
                let n = arg.map_or(0.0, |v| v.num()).trunc();
                let mut digits = format!("{}", n.abs() as i64);
                if let Some(p) = prec {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                sign(digits, n < 0.0)
            }
            'o' | 'x' | 'X' | 'u' => {
                let n = arg.map_or(0.0, |v| v.num()).trunc() as i64 as u64;
                let s = match conv {
                    'o' => format!("{n:o}"),
                    'x' => format!("{n:x}"),
                    'X' => format!("{n:X}"),
                    _ => n.to_string(),
                };
                s
            }
            'c' => match arg {
                Some(Value::Num(n)) => char::from_u32(n as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                Some(v) => to_str(&v, convfmt)
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
                None => String::new(),
            },
            's' => {
                let s = arg.map(|v| to_str(&v, convfmt)).unwrap_or_default();
                match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let n = arg.map_or(0.0, |v| v.num());
                let p = prec.unwrap_or(6);
                let s = match conv {
                    'f' | 'F' => format!("{:.*}", p, n.abs()),
                    'e' | 'E' => c_exp(n.abs(), p, conv == 'E'),
                    _ => {
                        let g = go_g(n.abs(), p.max(1));
                        if conv == 'G' {
                            g.to_uppercase()
                        } else {
                            g
                        }
                    }
                };
                sign(
                    s,
                    n < 0.0 || (n == 0.0 && n.is_sign_negative() && conv != 'g'),
                )
            }
            other => format!("%{other}"),
        };
        let len = body.chars().count();
        match width {
            Some(w) if w > len => {
                let fill = w - len;
                if left {
                    out.push_str(&body);
                    out.push_str(&" ".repeat(fill));
                } else if zero && !matches!(conv, 's' | 'c') {
                    let (s, d) = if body.starts_with(['-', '+', ' ']) {
                        body.split_at(1)
                    } else {
                        ("", body.as_str())
                    };
                    out.push_str(s);
                    out.push_str(&"0".repeat(fill));
                    out.push_str(d);
                } else {
                    out.push_str(&" ".repeat(fill));
                    out.push_str(&body);
                }
            }
            _ => out.push_str(&body),
        }
    }
    out
}

/// C's `%e`: `1.234560e+06`.
fn c_exp(n: f64, p: usize, upper: bool) -> String {
    let s = format!("{:.*e}", p, n);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

fn to_str(v: &Value, convfmt: &str) -> String {
    match v {
        Value::Num(n) => fmt_num(*n, convfmt),
        Value::Str(s) | Value::StrNum(s) => s.clone(),
    }
}

// ---------------------------------------------------------------- running

type Array = Rc<RefCell<BTreeMap<String, Value>>>;

#[derive(Clone, Debug)]
enum Cell {
    Scalar(Value),
    Array(Array),
}

enum Flow {
    Normal,
    Next,
    Exit,
    Return(Value),
    Break,
    Continue,
}

struct Runtime {
    globals: BTreeMap<String, Cell>,
    frames: Vec<BTreeMap<String, Cell>>,
    funcs: BTreeMap<String, Rc<Func>>,
    record: String,
    fields: Vec<String>,
    /// `$1…` are out of date with `$0` (set after `$0` changes, resolved on use).
    split_pending: bool,
    out: String,
    files: BTreeMap<String, (String, bool)>,
    steps: u64,
    exit_code: i32,
    rand_seed: f64,
    rand_state: u64,
    error: Option<String>,
}

/// What stopped the program early.
enum Stop {
    Error(String),
    Steps,
    /// A string outgrew the memory limit: the OOM killer ends the program.
    Memory,
}

type RResult<T> = Result<T, Stop>;

impl Runtime {
    fn new() -> Runtime {
        let mut rt = Runtime {
            globals: BTreeMap::new(),
            frames: Vec::new(),
            funcs: BTreeMap::new(),
            record: String::new(),
            fields: Vec::new(),
            split_pending: false,
            out: String::new(),
            files: BTreeMap::new(),
            steps: 0,
            exit_code: 0,
            rand_seed: 0.0,
            rand_state: 0x2545_f491_4f6c_dd1d,
            error: None,
        };
        for (k, v) in [
            ("FS", " "),
            ("OFS", " "),
            ("ORS", "\n"),
            ("RS", "\n"),
            ("SUBSEP", "\x1c"),
            ("CONVFMT", "%.6g"),
            ("OFMT", "%.6g"),
            ("FILENAME", ""),
        ] {
            rt.set_var(k, Value::Str(v.into()));
        }
        for k in ["NR", "NF", "FNR", "RSTART", "RLENGTH"] {
            rt.set_var(k, Value::Num(if k == "RLENGTH" { -1.0 } else { 0.0 }));
        }
        rt
    }

    fn step(&mut self) -> RResult<()> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return Err(Stop::Steps);
        }
        Ok(())
    }

    fn var_str(&self, name: &str) -> String {
        match self.globals.get(name) {
            Some(Cell::Scalar(v)) => to_str(v, "%.6g"),
            _ => String::new(),
        }
    }

    fn convfmt(&self) -> String {
        self.var_str("CONVFMT")
    }

    fn str_of(&self, v: &Value) -> String {
        match v {
            Value::Num(n) => fmt_num(*n, &self.convfmt()),
            Value::Str(s) | Value::StrNum(s) => s.clone(),
        }
    }

    fn set_var(&mut self, name: &str, v: Value) {
        if let Some(frame) = self.frames.last_mut() {
            if let Some(c) = frame.get_mut(name) {
                *c = Cell::Scalar(v);
                return;
            }
        }
        if name == "NF" {
            let n = v.num().max(0.0) as usize;
            self.ensure_split();
            self.fields.resize(n, String::new());
            self.rebuild();
        }
        self.globals.insert(name.to_owned(), Cell::Scalar(v));
    }

    fn get_var(&mut self, name: &str) -> Value {
        if name == "NF" {
            self.ensure_split();
        }
        if let Some(frame) = self.frames.last() {
            if let Some(Cell::Scalar(v)) = frame.get(name) {
                return v.clone();
            }
            if frame.contains_key(name) {
                return Value::Str(String::new());
            }
        }
        match self.globals.get(name) {
            Some(Cell::Scalar(v)) => v.clone(),
            _ => Value::Str(String::new()),
        }
    }

    fn array(&mut self, name: &str) -> Array {
        if let Some(frame) = self.frames.last_mut() {
            if let Some(c) = frame.get_mut(name) {
                return match c {
                    Cell::Array(a) => Rc::clone(a),
                    Cell::Scalar(_) => {
                        let a: Array = Rc::default();
                        *c = Cell::Array(Rc::clone(&a));
                        a
                    }
                };
            }
        }
        match self.globals.get(name) {
            Some(Cell::Array(a)) => Rc::clone(a),
            _ => {
                let a: Array = Rc::default();
                self.globals
                    .insert(name.to_owned(), Cell::Array(Rc::clone(&a)));
                a
            }
        }
    }

    fn set_record(&mut self, text: &str) {
        self.record = text.to_owned();
        self.split_pending = true;
    }

    fn ensure_split(&mut self) {
        if !self.split_pending {
            return;
        }
        self.split_pending = false;
        let fs = self.var_str("FS");
        self.fields = split_fields(&self.record, &fs);
        let n = self.fields.len() as f64;
        self.globals
            .insert("NF".into(), Cell::Scalar(Value::Num(n)));
    }

    fn rebuild(&mut self) {
        let ofs = self.var_str("OFS");
        self.record = self.fields.join(&ofs);
    }

    fn field(&mut self, i: usize) -> Value {
        if i == 0 {
            return Value::StrNum(self.record.clone());
        }
        self.ensure_split();
        Value::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, s: String) {
        if i == 0 {
            self.set_record(&s);
            return;
        }
        self.ensure_split();
        if self.fields.len() < i {
            self.fields.resize(i, String::new());
            self.globals
                .insert("NF".into(), Cell::Scalar(Value::Num(i as f64)));
        }
        self.fields[i - 1] = s;
        self.rebuild();
    }

    fn key(&mut self, idx: &[Expr]) -> RResult<String> {
        let mut parts = Vec::new();
        for e in idx {
            let v = self.eval(e)?;
            parts.push(self.str_of(&v));
        }
        let sep = self.var_str("SUBSEP");
        Ok(parts.join(&sep))
    }

    fn assign(&mut self, target: &Expr, v: Value) -> RResult<Value> {
        match target {
            Expr::Var(n) => self.set_var(n, v.clone()),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                if i < 0.0 {
                    return Err(Stop::Error(format!(
                        "trying to access out of range field {}",
                        i as i64
                    )));
                }
                let s = self.str_of(&v);
                self.set_field(i as usize, s);
            }
            Expr::Index(n, idx) => {
                let k = self.key(idx)?;
                self.array(n).borrow_mut().insert(k, v.clone());
            }
            Expr::Group(g) => return self.assign(g, v),
            _ => {}
        }
        Ok(v)
    }

    fn regex_of(&mut self, e: &Expr) -> RResult<Rc<Regex>> {
        if let Expr::Re(r) = e {
            return Ok(Rc::clone(r));
        }
        let v = self.eval(e)?;
        let s = self.str_of(&v);
        compile(&s).map(Rc::new).map_err(Stop::Error)
    }

    fn eval(&mut self, e: &Expr) -> RResult<Value> {
        self.step()?;
        Ok(match e {
            Expr::Num(n) => Value::Num(*n),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Re(r) => {
                let rec = self.record.clone();
                Value::Num(f64::from(u8::from(r.is_match(&rec))))
            }
            Expr::Var(n) => self.get_var(n),
            Expr::Group(g) => self.eval(g)?,
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                if i < 0.0 {
                    return Err(Stop::Error(format!(
                        "trying to access out of range field {}",
                        i as i64
                    )));
                }
                self.field(i as usize)
            }
            Expr::Index(n, idx) => {
                let k = self.key(idx)?;
                let a = self.array(n);
                let mut a = a.borrow_mut();
                a.entry(k)
                    .or_insert_with(|| Value::Str(String::new()))
                    .clone()
            }
            Expr::In(idx, n) => {
                let k = self.key(idx)?;
                let found = self.array(n).borrow().contains_key(&k);
                Value::Num(f64::from(u8::from(found)))
            }
            Expr::Assign(op, target, value) => {
                let v = self.eval(value)?;
                let v = match op {
                    None => match v {
                        Value::StrNum(s) => Value::StrNum(s),
                        other => other,
                    },
                    Some(op) => {
                        let old = self.eval(target)?.num();
                        Value::Num(arith(op, old, v.num())?)
                    }
                };
                self.assign(target, v)?
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::And(a, b) => Value::Num(f64::from(u8::from(
                self.eval(a)?.truthy() && self.eval(b)?.truthy(),
            ))),
            Expr::Or(a, b) => Value::Num(f64::from(u8::from(
                self.eval(a)?.truthy() || self.eval(b)?.truthy(),
            ))),
            Expr::Match(neg, s, re) => {
                let v = self.eval(s)?;
                let s = self.str_of(&v);
                let r = self.regex_of(re)?;
                Value::Num(f64::from(u8::from(r.is_match(&s) != *neg)))
            }
            Expr::Bin(op, a, b) => {
                let x = self.eval(a)?.num();
                let y = self.eval(b)?.num();
                Value::Num(arith(op, x, y)?)
            }
            Expr::Cmp(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let ord = self.compare(&x, &y);
                let r = match *op {
                    "<" => ord.is_lt(),
                    "<=" => ord.is_le(),
                    "==" => ord.is_eq(),
                    "!=" => ord.is_ne(),
                    ">=" => ord.is_ge(),
                    _ => ord.is_gt(),
                };
                Value::Num(f64::from(u8::from(r)))
            }
            Expr::Concat(a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let (x, y) = (self.str_of(&x), self.str_of(&y));
                if x.len().saturating_add(y.len()) > MEMORY_LIMIT {
                    return Err(Stop::Memory);
                }
                Value::Str(x + &y)
            }
            Expr::Not(a) => Value::Num(f64::from(u8::from(!self.eval(a)?.truthy()))),
            Expr::Neg(a) => Value::Num(-self.eval(a)?.num()),
            Expr::Plus(a) => Value::Num(self.eval(a)?.num()),
            Expr::Incr(pre, d, target) => {
                let old = self.eval(target)?.num();
                let new = old + f64::from(*d);
                self.assign(target, Value::Num(new))?;
                Value::Num(if *pre { new } else { old })
            }
            Expr::Call(name, args) => self.call(name, args)?,
            Expr::Builtin(b, args) => self.builtin(b, args)?,
        })
    }

    fn compare(&self, x: &Value, y: &Value) -> std::cmp::Ordering {
        let numeric = |v: &Value| match v {
            Value::Num(n) => Some(*n),
            Value::StrNum(s) => looks_numeric(s),
            Value::Str(_) => None,
        };
        match (numeric(x), numeric(y)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
            _ => self.str_of(x).cmp(&self.str_of(y)),
        }
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> RResult<Value> {
        let Some(f) = self.funcs.get(name).cloned() else {
            return Err(Stop::Error(format!("function {name} never defined")));
        };
        if self.frames.len() > 200 {
            return Err(Stop::Error("function call nesting too deep".into()));
        }
        let mut frame = BTreeMap::new();
        for (i, p) in f.params.iter().enumerate() {
            let cell = match args.get(i) {
                Some(Expr::Var(n)) if self.is_array(n) => Cell::Array(self.array(n)),
                Some(e) => Cell::Scalar(self.eval(e)?),
                None => Cell::Scalar(Value::Str(String::new())),
            };
            frame.insert(p.clone(), cell);
        }
        self.frames.push(frame);
        let r = self.run_block(&f.body);
        self.frames.pop();
        match r? {
            Flow::Return(v) => Ok(v),
            Flow::Exit => Err(Stop::Error(String::new())),
            _ => Ok(Value::Str(String::new())),
        }
    }

    fn is_array(&self, name: &str) -> bool {
        if let Some(frame) = self.frames.last() {
            if let Some(c) = frame.get(name) {
                return matches!(c, Cell::Array(_));
            }
        }
        matches!(self.globals.get(name), Some(Cell::Array(_)))
    }

    fn arg_str(&mut self, args: &[Expr], i: usize) -> RResult<String> {
        match args.get(i) {
            Some(e) => {
                let v = self.eval(e)?;
                Ok(self.str_of(&v))
            }
            None => Ok(String::new()),
        }
    }

    fn arg_num(&mut self, args: &[Expr], i: usize) -> RResult<f64> {
        match args.get(i) {
            Some(e) => Ok(self.eval(e)?.num()),
            None => Ok(0.0),
        }
    }

    fn builtin(&mut self, b: &str, args: &[Expr]) -> RResult<Value> {
        let num = |n: f64| Ok(Value::Num(n));
        match b {
            "length" => {
                if let Some(Expr::Var(n)) = args.first() {
                    if self.is_array(n) {
                        return num(self.array(n).borrow().len() as f64);
                    }
                }
                let s = if args.is_empty() {
                    self.record.clone()
                } else {
                    self.arg_str(args, 0)?
                };
                num(s.chars().count() as f64)
            }
            "substr" => {
                let s: Vec<char> = self.arg_str(args, 0)?.chars().collect();
                let m = round(self.arg_num(args, 1)?);
                let n = if args.len() > 2 {
                    round(self.arg_num(args, 2)?)
                } else {
                    f64::INFINITY
                };
                let start = m.max(1.0);
                let end = (m + n).min(s.len() as f64 + 1.0);
                if end <= start {
                    return Ok(Value::Str(String::new()));
                }
                let (a, z) = (start as usize - 1, end as usize - 1);
                Ok(Value::Str(s[a..z].iter().collect()))
            }
            "index" => {
                let s = self.arg_str(args, 0)?;
                let t = self.arg_str(args, 1)?;
                num(s.find(&t).map_or(0, |i| s[..i].chars().count() + 1) as f64)
            }
            "split" => {
                let s = self.arg_str(args, 0)?;
                let Some(Expr::Var(name)) = args.get(1) else {
                    return Err(Stop::Error("split: second argument is not an array".into()));
                };
                let parts = match args.get(2) {
                    Some(Expr::Re(r)) => split_regex(&s, r),
                    Some(e) => {
                        let v = self.eval(e)?;
                        let fs = self.str_of(&v);
                        split_fields(&s, &fs)
                    }
                    None => {
                        let fs = self.var_str("FS");
                        split_fields(&s, &fs)
                    }
                };
                let a = self.array(name);
                let mut a = a.borrow_mut();
                a.clear();
                for (i, p) in parts.iter().enumerate() {
                    a.insert((i + 1).to_string(), Value::StrNum(p.clone()));
                }
                num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let Some(re) = args.first() else {
                    return Err(Stop::Error(format!("{b}: not enough arguments")));
                };
                let r = self.regex_of(re)?;
                let repl = self.arg_str(args, 1)?;
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let v = self.eval(&target)?;
                let s = self.str_of(&v);
                let (out, n) = substitute(&r, &repl, &s, b == "gsub");
                if n > 0 {
                    self.assign(&target, Value::Str(out))?;
                }
                num(n as f64)
            }
            "match" => {
                let s = self.arg_str(args, 0)?;
                let r = match args.get(1) {
                    Some(e) => self.regex_of(e)?,
                    None => return Err(Stop::Error("match: not enough arguments".into())),
                };
                let (start, len) = match r.find_at(&s, 0) {
                    Some(m) => (
                        s[..m.range.0].chars().count() as f64 + 1.0,
                        s[m.range.0..m.range.1].chars().count() as f64,
                    ),
                    None => (0.0, -1.0),
                };
                self.set_var("RSTART", Value::Num(start));
                self.set_var("RLENGTH", Value::Num(len));
                num(start)
            }
            "sprintf" => {
                let mut vals = Vec::new();
                for e in args {
                    vals.push(self.eval(e)?);
                }
                let Some(f) = vals.first() else {
                    return Ok(Value::Str(String::new()));
                };
                let f = self.str_of(f);
                let c = self.convfmt();
                Ok(Value::Str(sprintf(&f, &vals[1..], &c)))
            }
            "tolower" => Ok(Value::Str(self.arg_str(args, 0)?.to_lowercase())),
            "toupper" => Ok(Value::Str(self.arg_str(args, 0)?.to_uppercase())),
            "int" => num(self.arg_num(args, 0)?.trunc()),
            "sqrt" => num(self.arg_num(args, 0)?.sqrt()),
            "exp" => num(self.arg_num(args, 0)?.exp()),
            "log" => num(self.arg_num(args, 0)?.ln()),
            "sin" => num(self.arg_num(args, 0)?.sin()),
            "cos" => num(self.arg_num(args, 0)?.cos()),
            "atan2" => {
                let y = self.arg_num(args, 0)?;
                let x = self.arg_num(args, 1)?;
                num(y.atan2(x))
            }
            "rand" => {
                // xorshift from the seed: the same program gives the same numbers.
                let mut x = self.rand_state;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                self.rand_state = x;
                num((x >> 11) as f64 / (1u64 << 53) as f64)
            }
            "srand" => {
                let old = self.rand_seed;
                let seed = if args.is_empty() {
                    0.0
                } else {
                    self.arg_num(args, 0)?
                };
                self.rand_seed = seed;
                self.rand_state = (seed.to_bits() ^ 0x2545_f491_4f6c_dd1d) | 1;
                num(old)
            }
            _ => Err(Stop::Error(format!("function {b} never defined"))),
        }
    }

    fn run_block(&mut self, stmts: &[Stmt]) -> RResult<Flow> {
        for s in stmts {
            match self.exec(s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn emit(&mut self, text: String, redirect: &Redirect) -> RResult<()> {
        match redirect {
            Redirect::None => self.out.push_str(&text),
            Redirect::File(e, append) => {
                let v = self.eval(e)?;
                let name = self.str_of(&v);
                if name == "/dev/stdout" || name == "-" {
                    self.out.push_str(&text);
                } else if name == "/dev/stderr" {
                    self.error.get_or_insert_with(String::new).push_str(&text);
                } else {
                    let entry = self
                        .files
                        .entry(name)
                        .or_insert_with(|| (String::new(), *append));
                    entry.0.push_str(&text);
                }
            }
        }
        Ok(())
    }

    fn exec(&mut self, s: &Stmt) -> RResult<Flow> {
        self.step()?;
        match s {
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::Print(args, redirect) => {
                let mut parts = Vec::new();
                if args.is_empty() {
                    parts.push(self.record.clone());
                }
                let ofmt = self.var_str("OFMT");
                for a in args {
                    let v = self.eval(a)?;
                    parts.push(match v {
                        Value::Num(n) => fmt_num(n, &ofmt),
                        other => self.str_of(&other),
                    });
                }
                let text = parts.join(&self.var_str("OFS")) + &self.var_str("ORS");
                self.emit(text, redirect)?;
            }
            Stmt::Printf(args, redirect) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let f = vals.first().map(|v| self.str_of(v)).unwrap_or_default();
                let c = self.convfmt();
                let text = sprintf(&f, &vals[1..], &c);
                self.emit(text, redirect)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    return self.exec(a);
                } else if let Some(b) = b {
                    return self.exec(b);
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Normal | Flow::Continue => {}
                        other => return Ok(other),
                    }
                }
            }
            Stmt::Do(body, c) => loop {
                match self.exec(body)? {
                    Flow::Break => break,
                    Flow::Normal | Flow::Continue => {}
                    other => return Ok(other),
                }
                if !self.eval(c)?.truthy() {
                    break;
                }
            },
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.exec(i)?;
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c)?.truthy() {
                            break;
                        }
                    }
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Normal | Flow::Continue => {}
                        other => return Ok(other),
                    }
                    if let Some(s) = step {
                        self.exec(s)?;
                    } else {
                        self.step()?;
                    }
                }
            }
            Stmt::ForIn(k, arr, body) => {
                let keys = sorted_keys(&self.array(arr).borrow());
                for key in keys {
                    if !self.array(arr).borrow().contains_key(&key) {
                        continue;
                    }
                    self.set_var(k, Value::StrNum(key));
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Normal | Flow::Continue => {}
                        other => return Ok(other),
                    }
                }
            }
            Stmt::Block(b) => return self.run_block(b),
            Stmt::Next => return Ok(Flow::Next),
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e)?.num() as i32;
                }
                return Ok(Flow::Exit);
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::Str(String::new()),
                };
                return Ok(Flow::Return(v));
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Delete(n, idx) => match idx {
                Some(idx) => {
                    let k = self.key(idx)?;
                    self.array(n).borrow_mut().remove(&k);
                }
                None => self.array(n).borrow_mut().clear(),
            },
            Stmt::Getline => {
                return Err(Stop::Error(
                    "berth: awk's getline is not simulated yet".into(),
                ));
            }
        }
        Ok(Flow::Normal)
    }
}

fn round(n: f64) -> f64 {
    n.round()
}

fn arith(op: &str, x: f64, y: f64) -> RResult<f64> {
    Ok(match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => {
            if y == 0.0 {
                return Err(Stop::Error("division by zero".into()));
            }
            x / y
        }
        "%" => {
            if y == 0.0 {
                return Err(Stop::Error("division by zero in %".into()));
            }
            x % y
        }
        _ => x.powf(y),
    })
}

/// Array keys in a stable order: numbers numerically first, then strings.
fn sorted_keys(a: &BTreeMap<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().cloned().collect();
    keys.small_sort_by(|x, y| match (x.parse::<f64>(), y.parse::<f64>()) {
        (Ok(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        _ => x.cmp(y),
    });
    keys
}

/// Splits a record by FS: `" "` on runs of blanks, one other character literally, longer
/// values as a regular expression.
fn split_fields(s: &str, fs: &str) -> Vec<String> {
    if fs == " " {
        return s
            .split([' ', '\t', '\n'])
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect();
    }
    if s.is_empty() {
        return Vec::new();
    }
    let mut chars = fs.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c != '\\' {
            return s.split(c).map(str::to_owned).collect();
        }
    }
    match compile(fs) {
        Ok(r) => split_regex(s, &r),
        Err(_) => vec![s.to_owned()],
    }
}

fn split_regex(s: &str, r: &Regex) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at <= s.len() {
        match r.find_at(s, at) {
            Some(m) if m.range.1 > m.range.0 => {
                out.push(s[start..m.range.0].to_owned());
                start = m.range.1;
                at = m.range.1;
            }
            Some(m) => {
                // An empty match splits nothing: look further on.
                at = m.range.0 + s[m.range.0..].chars().next().map_or(1, char::len_utf8);
            }
            None => break,
        }
    }
    out.push(s[start..].to_owned());
    out
}

/// `sub`/`gsub`: `&` in the replacement is the match, `\&` a literal `&`.
fn substitute(r: &Regex, repl: &str, s: &str, global: bool) -> (String, usize) {
    let mut out = String::new();
    let mut n = 0;
    let mut at = 0;
    let mut copied = 0;
    while at <= s.len() {
        let Some(m) = r.find_at(s, at) else { break };
        let (a, b) = m.range;
        out.push_str(&s[copied..a]);
        let mut chars = repl.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'&') => {
                    out.push('&');
                    chars.next();
                }
                '\\' if chars.peek() == Some(&'\\') => {
                    out.push('\\');
                    chars.next();
                }
                '&' => out.push_str(&s[a..b]),
                other => out.push(other),
            }
        }
        n += 1;
        if b > a {
            copied = b;
            at = b;
        } else {
            // An empty match: keep the next character and go on after it.
            let next = s[a..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&s[a..a + next]);
            copied = a + next;
            at = a + next.max(1);
        }
        if !global {
            break;
        }
    }
    if copied <= s.len() {
        out.push_str(&s[copied..]);
    }
    (out, n)
}

// ---------------------------------------------------------------- the command

const USAGE_BB: &str = "Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n";
const USAGE_MAWK: &str = "usage: mawk [-F value] [-v var=value] [--] 'program text' [file ...]\nusage: mawk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n";

/// The escapes of a `-v` value or a `var=value` operand.
fn unescape(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '\\' {
            let (t, used) = escape(&cs[i + 1..]);
            out.push_str(&t);
            i += 1 + used;
        } else {
            out.push(cs[i]);
            i += 1;
        }
    }
    out
}

fn is_assignment(s: &str) -> Option<(&str, &str)> {
    let (k, v) = s.split_once('=')?;
    let mut cs = k.chars();
    let first = cs.next()?;
    ((first.is_alphabetic() || first == '_') && cs.all(|c| c.is_alphanumeric() || c == '_'))
        .then_some((k, v))
}

async fn main(p: &mut Proc) -> i32 {
    let busybox = p.style == Style::Busybox;
    let name = if busybox { "awk" } else { "mawk" };
    let usage = if busybox { USAGE_BB } else { USAGE_MAWK };
    let args = p.args[1..].to_vec();
    let mut fs: Option<String> = None;
    let mut assigns: Vec<(String, String)> = Vec::new();
    let mut source: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        let (flag, inline) = (&a[..2], &a[2..]);
        let mut value = || -> Option<String> {
            if inline.is_empty() {
                i += 1;
                args.get(i).cloned()
            } else {
                Some(inline.to_owned())
            }
        };
        match flag {
            "-F" => match value() {
                Some(v) => fs = Some(if v == "t" { "\t".into() } else { unescape(&v) }),
                None => {
                    p.err(format!(
                        "{name}: option requires an argument -- 'F'\n{usage}"
                    ))
                    .await;
                    return 2;
                }
            },
            "-v" => match value().as_deref().and_then(is_assignment) {
                Some((k, v)) => assigns.push((k.to_owned(), unescape(v))),
                None => {
                    p.err(format!(
                        "{name}: improper assignment: -v {}\n",
                        args.get(i).map_or("", String::as_str)
                    ))
                    .await;
                    return 2;
                }
            },
            "-f" => match value() {
                Some(f) => match p.read_operand(&f).await {
                    Ok(b) => {
                        source
                            .get_or_insert_with(String::new)
                            .push_str(&String::from_utf8_lossy(&b));
                        source.get_or_insert_with(String::new).push('\n');
                    }
                    Err(_) => {
                        p.err(format!("{name}: couldn't open file {f}\n")).await;
                        return 2;
                    }
                },
                None => {
                    p.err(format!(
                        "{name}: option requires an argument -- 'f'\n{usage}"
                    ))
                    .await;
                    return 2;
                }
            },
            "-e" if busybox => match value() {
                Some(s) => source.get_or_insert_with(String::new).push_str(&s),
                None => return 2,
            },
            _ => {
                p.err(format!("{name}: not an option: {a}\n{usage}")).await;
                return 2;
            }
        }
        i += 1;
    }
    let source = match source {
        Some(s) => s,
        None => match args.get(i) {
            Some(s) => {
                i += 1;
                s.clone()
            }
            None => {
                p.err(usage).await;
                return 2;
            }
        },
    };
    let operands: Vec<String> = args[i.min(args.len())..].to_vec();
    let program = lex(&source).and_then(|toks| {
        Parser {
            toks,
            pos: 0,
            no_gt: false,
            no_in: false,
        }
        .program()
    });
    let program = match program {
        Ok(prog) => prog,
        Err(e) if e.starts_with("berth:") => {
            p.err(format!("{e}\n")).await;
            return 2;
        }
        Err(e) => {
            let text = if busybox {
                format!("awk: cmd. {e}\n")
            } else {
                format!("mawk: {e}\n")
            };
            p.err(text).await;
            return 2;
        }
    };
    let mut rt = Runtime::new();
    rt.funcs = program.funcs.clone();
    let env = rt.array("ENVIRON");
    for (k, v) in &p.env {
        env.borrow_mut().insert(k.clone(), Value::StrNum(v.clone()));
    }
    let argv = rt.array("ARGV");
    argv.borrow_mut()
        .insert("0".into(), Value::Str(name.into()));
    for (n, o) in operands.iter().enumerate() {
        argv.borrow_mut()
            .insert((n + 1).to_string(), Value::StrNum(o.clone()));
    }
    rt.set_var("ARGC", Value::Num((operands.len() + 1) as f64));
    if let Some(fs) = fs {
        rt.set_var("FS", Value::Str(fs));
    }
    for (k, v) in assigns {
        rt.set_var(&k, Value::StrNum(v));
    }
    let status = run(p, &mut rt, &program, &operands, name).await;
    flush(p, &mut rt).await;
    for (file, (text, append)) in std::mem::take(&mut rt.files) {
        let path = p.path(&file);
        let result = {
            let mut fs = p.fs.borrow_mut();
            if append {
                fs.append(&path, text.as_bytes(), 0o644)
            } else {
                fs.write(&path, text.as_bytes(), 0o644)
            }
        };
        if result.is_err() {
            p.err(format!("{name}: cannot open \"{file}\" for output\n"))
                .await;
            return 2;
        }
    }
    status
}

async fn flush(p: &mut Proc, rt: &mut Runtime) {
    if !rt.out.is_empty() {
        let text = std::mem::take(&mut rt.out);
        p.out(text).await;
    }
    if let Some(e) = rt.error.take() {
        p.err(e).await;
    }
}

/// Reports what stopped the program; returns its status.
async fn stopped(p: &mut Proc, rt: &mut Runtime, stop: Stop, name: &str) -> i32 {
    flush(p, rt).await;
    match stop {
        Stop::Steps => {
            p.err(Trip::Steps.message()).await;
            STOPPED_STATUS
        }
        Stop::Memory => {
            p.budget.hold(usize::MAX).await;
            Trip::Memory.status()
        }
        Stop::Error(e) if e.is_empty() => rt.exit_code,
        Stop::Error(e) if e.starts_with("berth:") => {
            p.err(format!("{e}\n")).await;
            2
        }
        Stop::Error(e) => {
            p.err(format!("{name}: run time error: {e}\n")).await;
            2
        }
    }
}

async fn run(
    p: &mut Proc,
    rt: &mut Runtime,
    prog: &Program,
    operands: &[String],
    name: &str,
) -> i32 {
    let mut exiting = false;
    for (pat, action) in &prog.rules {
        if let (Pattern::Begin, Some(body)) = (pat, action) {
            match rt.run_block(body) {
                Ok(Flow::Exit) => {
                    exiting = true;
                    break;
                }
                Ok(_) => {}
                Err(s) => return stopped(p, rt, s, name).await,
            }
        }
    }
    let needs_input = prog
        .rules
        .iter()
        .any(|(pat, _)| !matches!(pat, Pattern::Begin));
    let mut in_range = vec![false; prog.rules.len()];
    if !exiting && needs_input {
        let mut files: Vec<String> = Vec::new();
        for o in operands {
            match is_assignment(o) {
                Some(_) => files.push(o.clone()),
                None if o.is_empty() => {}
                None => files.push(o.clone()),
            }
        }
        if !files.iter().any(|f| is_assignment(f).is_none()) {
            files.push("-".into());
        }
        let mut nr = 0.0;
        'files: for f in files {
            if let Some((k, v)) = is_assignment(&f) {
                rt.set_var(k, Value::StrNum(unescape(v)));
                continue;
            }
            let data = match p.read_operand(&f).await {
                Ok(d) => d,
                Err(_) => {
                    flush(p, rt).await;
                    p.err(format!(
                        "{name}: cannot open {f} (No such file or directory)\n"
                    ))
                    .await;
                    return 2;
                }
            };
            rt.set_var(
                "FILENAME",
                Value::Str(if f == "-" { String::new() } else { f.clone() }),
            );
            let text = String::from_utf8_lossy(&data).into_owned();
            let rs = rt.var_str("RS");
            let records: Vec<String> = if rs.is_empty() {
                text.split("\n\n")
                    .map(|r| r.trim_matches('\n').to_owned())
                    .filter(|r| !r.is_empty())
                    .collect()
            } else {
                let sep = rs.chars().next().unwrap_or('\n');
                let mut v: Vec<String> = text.split(sep).map(str::to_owned).collect();
                if v.last().is_some_and(String::is_empty) {
                    v.pop();
                }
                v
            };
            let mut fnr = 0.0;
            for rec in records {
                nr += 1.0;
                fnr += 1.0;
                rt.set_var("NR", Value::Num(nr));
                rt.set_var("FNR", Value::Num(fnr));
                rt.set_record(&rec);
                p.step().await;
                match rule_pass(rt, prog, &mut in_range) {
                    Ok(Flow::Exit) => {
                        exiting = true;
                        break 'files;
                    }
                    Ok(_) => {}
                    Err(s) => return stopped(p, rt, s, name).await,
                }
                if rt.out.len() > 4096 {
                    flush(p, rt).await;
                }
            }
        }
    }
    let _ = exiting;
    for (pat, action) in &prog.rules {
        if let (Pattern::End, Some(body)) = (pat, action) {
            match rt.run_block(body) {
                Ok(Flow::Exit) => break,
                Ok(_) => {}
                Err(s) => return stopped(p, rt, s, name).await,
            }
        }
    }
    rt.exit_code
}

/// Runs every main rule over the current record.
fn rule_pass(rt: &mut Runtime, prog: &Program, in_range: &mut [bool]) -> RResult<Flow> {
    for (n, (pat, action)) in prog.rules.iter().enumerate() {
        let hit = match pat {
            Pattern::Begin | Pattern::End => continue,
            Pattern::All => true,
            Pattern::Expr(e) => rt.eval(e)?.truthy(),
            Pattern::Range(a, b) => {
                if in_range[n] {
                    if rt.eval(b)?.truthy() {
                        in_range[n] = false;
                    }
                    true
                } else if rt.eval(a)?.truthy() {
                    in_range[n] = !rt.eval(b)?.truthy();
                    true
                } else {
                    false
                }
            }
        };
        if !hit {
            continue;
        }
        let flow = match action {
            Some(body) => rt.run_block(body)?,
            None => {
                let line = rt.record.clone() + &rt.var_str("ORS");
                rt.out.push_str(&line);
                Flow::Normal
            }
        };
        match flow {
            Flow::Next => return Ok(Flow::Normal),
            Flow::Exit => return Ok(Flow::Exit),
            _ => {}
        }
    }
    Ok(Flow::Normal)
}

crate::program!(Awk, main);

#[cfg(test)]
mod tests {
    use super::*;

    fn check_fmt(fmt: &str, args: &[Value], want: &str) {
        assert_eq!(sprintf(fmt, args, "%.6g"), want, "{fmt}");
    }

    #[test]
    fn printf_like_c() {
        let n = |x: f64| Value::Num(x);
        let s = |x: &str| Value::Str(x.into());
        check_fmt(
            "%d|%5d|%-5d|%05d",
            &[n(3.9), n(42.0), n(7.0), n(-12.0)],
            "3|   42|7    |-0012",
        );
        check_fmt("%s=%.2f", &[s("x"), n(1.23456)], "x=1.23");
        check_fmt(
            "%x %o %c %c",
            &[n(255.0), n(8.0), n(65.0), s("hello")],
            "ff 10 A h",
        );
        check_fmt("%e", &[n(1234.5)], "1.234500e+03");
        check_fmt("%g %g", &[n(0.0001), n(1e6)], "0.0001 1e+06");
        check_fmt(
            "%10s|%-10s|%.3s",
            &[s("a"), s("b"), s("abcdef")],
            "         a|b         |abc",
        );
        check_fmt("100%%", &[], "100%");
    }

    #[test]
    fn numbers_print_like_awk() {
        assert_eq!(fmt_num(3.0, "%.6g"), "3");
        assert_eq!(fmt_num(0.1 + 0.2, "%.6g"), "0.3");
        assert_eq!(fmt_num(1.0 / 3.0, "%.6g"), "0.333333");
        assert_eq!(fmt_num(-2.5, "%.6g"), "-2.5");
        assert_eq!(leading_number(" 12abc"), 12.0);
        assert_eq!(leading_number("abc"), 0.0);
        assert_eq!(looks_numeric(" 1e3 "), Some(1000.0));
        assert_eq!(looks_numeric("10a"), None);
    }

    #[test]
    fn fields_split_like_awk() {
        assert_eq!(split_fields("  a b\tc  ", " "), vec!["a", "b", "c"]);
        assert_eq!(split_fields("a:b::c", ":"), vec!["a", "b", "", "c"]);
        assert_eq!(split_fields("a1b22c", "[0-9]+"), vec!["a", "b", "c"]);
        assert_eq!(split_fields("", ":"), Vec::<String>::new());
    }

    #[test]
    fn substitutions() {
        let r = compile("o").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(substitute(&r, "0", "foo boo", true), ("f00 b00".into(), 4));
        assert_eq!(substitute(&r, "[&]", "foo", false), ("f[o]o".into(), 1));
        let r = compile("^/(usr/)?").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            substitute(&r, "", "/usr/lib/x.so", true),
            ("lib/x.so".into(), 1)
        );
    }

    #[test]
    fn syntax_errors_name_the_place() {
        let parse = |s: &str| {
            lex(s).and_then(|toks| {
                Parser {
                    toks,
                    pos: 0,
                    no_gt: false,
                    no_in: false,
                }
                .program()
            })
        };
        assert!(parse("{ print $1 }").is_ok());
        assert!(parse("BEGIN { x = 1; if (x) print \"a\"; else print \"b\" }").is_ok());
        assert_eq!(
            parse("{ print ( }").err().as_deref(),
            Some("line 1: syntax error at or near }")
        );
    }
}
