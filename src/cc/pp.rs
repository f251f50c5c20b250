//! The preprocessor: `#include`, `#define` (object- and function-like, `#`, `##`,
//! `__VA_ARGS__`), `#undef`, `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else`/`#endif` with
//! `defined`, `#error`, `#pragma once`. Standard headers come from [`super::headers`], user
//! headers from the [`HeaderSource`] the caller supplies.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::diag::{Diagnostic, Level, Loc, SrcMap};
use super::headers;
use super::lex::{self, Kind, Token};
use super::HeaderSource;

#[derive(Clone, Debug)]
struct Macro {
    params: Option<Vec<Rc<str>>>,
    variadic: bool,
    body: Vec<Token>,
}

#[derive(Clone, Copy, Debug)]
struct Cond {
    /// This branch is being kept.
    taking: bool,
    /// Some branch of this `#if` was already kept.
    done: bool,
    /// The enclosing block was being kept.
    outer: bool,
    seen_else: bool,
    loc: Loc,
    which: &'static str,
}

/// The outcome of preprocessing: tokens for the parser; a fatal error stops everything.
pub struct Preprocessed {
    /// The tokens, macros expanded, directives gone.
    pub tokens: Vec<Token>,
    /// A fatal error (missing header) happened: compilation stops here.
    pub fatal: bool,
}

/// The preprocessor's state for one translation unit.
pub struct Preprocessor<'a> {
    headers: &'a dyn HeaderSource,
    include_dirs: Vec<String>,
    macros: HashMap<Rc<str>, Macro>,
    once: HashSet<String>,
    /// Diagnostics so far.
    pub diags: Vec<Diagnostic>,
    depth: usize,
}

fn dir_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i + 1],
        None => "",
    }
}

impl<'a> Preprocessor<'a> {
    /// A preprocessor reading user headers from `headers`, looking in `include_dirs` (`-I`).
    pub fn new(headers: &'a dyn HeaderSource, include_dirs: Vec<String>) -> Self {
        let mut pp = Preprocessor {
            headers,
            include_dirs,
            macros: HashMap::new(),
            once: HashSet::new(),
            diags: Vec::new(),
            depth: 0,
        };
        for (k, v) in [
            ("__STDC__", "1"),
            ("__STDC_VERSION__", "201112L"),
            ("__STDC_HOSTED__", "1"),
            ("__GNUC__", "5"),
            ("__GNUC_MINOR__", "2"),
            ("__x86_64__", "1"),
            ("__linux__", "1"),
            ("__unix__", "1"),
            ("__LP64__", "1"),
            ("__CHAR_BIT__", "8"),
            ("__SIZEOF_INT__", "4"),
            ("__SIZEOF_LONG__", "8"),
            ("__SIZEOF_POINTER__", "8"),
        ] {
            pp.define(k, v);
        }
        pp
    }

    /// Defines an object-like macro (`-DNAME=VALUE`).
    pub fn define(&mut self, name: &str, value: &str) {
        let (body, _) = lex::lex(value, u32::MAX);
        self.macros.insert(
            name.into(),
            Macro {
                params: None,
                variadic: false,
                body,
            },
        );
    }

    fn error(&mut self, map: &SrcMap, loc: Loc, len: u32, msg: String) {
        self.diags
            .push(Diagnostic::at(map, Level::Error, loc, len, msg));
    }

    /// Preprocesses the file `name` with text `text`.
    pub fn run(&mut self, map: &mut SrcMap, name: &str, text: &str) -> Preprocessed {
        let file = map.add(name, text.to_owned(), None);
        let mut stack = self.lex_file(map, file, text);
        let mut out = Vec::new();
        let mut conds: Vec<Cond> = Vec::new();
        let mut fatal = false;
        while let Some(tok) = stack.pop() {
            if tok.kind == Kind::Eof {
                // The end of an included file: conditionals opened there must be closed.
                self.depth = self.depth.saturating_sub(1);
                continue;
            }
            if tok.is("#") && tok.bol && tok.hide.is_none() {
                let line = take_line(&mut stack);
                let keep = conds.last().is_none_or(|c| c.taking);
                if !self.directive(map, &tok, line, &mut stack, &mut conds, keep) {
                    fatal = true;
                    break;
                }
                continue;
            }
            if !conds.last().is_none_or(|c| c.taking) {
                continue;
            }
            if tok.kind == Kind::Ident {
                if let Some(exp) = self.try_expand(map, &tok, &mut stack) {
                    push_rev(&mut stack, exp);
                    continue;
                }
            }
            out.push(tok);
        }
        if !fatal {
            for c in conds.iter().rev() {
                self.error(map, c.loc, 1, format!("unterminated #{}", c.which));
            }
        }
        Preprocessed { tokens: out, fatal }
    }

    fn lex_file(&mut self, map: &SrcMap, file: u32, text: &str) -> Vec<Token> {
        let (mut toks, errs) = lex::lex(text, file);
        for e in errs {
            if e.message.starts_with("missing terminating") {
                // gcc warns while lexing and errors when the parser sees the bad token.
                self.diags.push(Diagnostic::at(
                    map,
                    Level::Warning,
                    e.loc,
                    1,
                    e.message.clone(),
                ));
            }
            self.error(map, e.loc, 1, e.message);
        }
        toks.push(Token::synth(
            Kind::Eof,
            "",
            Loc {
                file,
                line: 0,
                col: 0,
            },
        ));
        toks.reverse();
        toks
    }

    /// Handles one directive; false on a fatal error.
    fn directive(
        &mut self,
        map: &mut SrcMap,
        hash: &Token,
        line: Vec<Token>,
        stack: &mut Vec<Token>,
        conds: &mut Vec<Cond>,
        keep: bool,
    ) -> bool {
        let Some(name) = line.first() else {
            return true;
        };
        let rest = &line[1..];
        let which: &str = &name.text;
        match which {
            "ifdef" | "ifndef" | "if" => {
                let which: &'static str = match which {
                    "ifdef" => "ifdef",
                    "ifndef" => "ifndef",
                    _ => "if",
                };
                let taking = if !keep {
                    false
                } else if which == "if" {
                    self.eval_if(map, name, rest)
                } else {
                    match rest.first() {
                        Some(t) if t.kind == Kind::Ident => {
                            self.macros.contains_key(&t.text) == (which == "ifdef")
                        }
                        _ => {
                            self.error(
                                map,
                                name.loc,
                                name.len(),
                                format!("no macro name given in #{which} directive"),
                            );
                            false
                        }
                    }
                };
                conds.push(Cond {
                    taking,
                    done: taking,
                    outer: keep,
                    seen_else: false,
                    loc: hash.loc,
                    which,
                });
            }
            "elif" => {
                let Some(c) = conds.last().copied() else {
                    self.error(map, hash.loc, 1, "#elif without #if".into());
                    return true;
                };
                if c.seen_else {
                    self.error(map, hash.loc, 1, "#elif after #else".into());
                }
                let taking = c.outer && !c.done && self.eval_if(map, name, rest);
                if let Some(c) = conds.last_mut() {
                    c.taking = taking;
                    c.done |= taking;
                }
            }
            "else" => {
                let Some(c) = conds.last_mut() else {
                    self.error(map, hash.loc, 1, "#else without #if".into());
                    return true;
                };
                if c.seen_else {
                    let loc = hash.loc;
                    self.error(map, loc, 1, "#else after #else".into());
                    return true;
                }
                c.seen_else = true;
                c.taking = c.outer && !c.done;
                c.done = true;
            }
            "endif" => {
                if conds.pop().is_none() {
                    self.error(map, hash.loc, 1, "#endif without #if".into());
                }
            }
            _ if !keep => {}
            "include" => return self.include(map, hash, name, rest, stack),
            "define" => self.define_directive(map, name, rest),
            "undef" => {
                if let Some(t) = rest.first() {
                    self.macros.remove(&t.text);
                }
            }
            "error" | "warning" => {
                let text: String = join_tokens(rest);
                let level = if which == "error" {
                    Level::Error
                } else {
                    Level::Warning
                };
                self.diags.push(Diagnostic::at(
                    map,
                    level,
                    name.loc,
                    name.len(),
                    format!("#{which} {text}"),
                ));
            }
            "pragma" => {
                if rest.first().is_some_and(|t| t.is("once")) {
                    let f = map.name(hash.loc.file).to_owned();
                    self.once.insert(f);
                }
            }
            "line" | "ident" => {}
            _ => {
                if name.kind == Kind::Num {
                    return true;
                }
                self.error(
                    map,
                    name.loc,
                    name.len(),
                    format!("invalid preprocessing directive #{}", name.text),
                );
            }
        }
        true
    }

    fn include(
        &mut self,
        map: &mut SrcMap,
        hash: &Token,
        name: &Token,
        rest: &[Token],
        stack: &mut Vec<Token>,
    ) -> bool {
        let mut rest: Vec<Token> = rest.to_vec();
        if rest.first().is_some_and(|t| t.kind == Kind::Ident) {
            rest = self.expand_list(map, rest);
        }
        let Some(first) = rest.first() else {
            self.error(
                map,
                name.loc,
                name.len(),
                "#include expects \"FILENAME\" or <FILENAME>".into(),
            );
            return true;
        };
        let loc = first.loc;
        let (path, quoted, len) = if first.kind == Kind::Str {
            let t = &first.text;
            (
                t[1..t.len().saturating_sub(1).max(1)].to_owned(),
                true,
                first.len(),
            )
        } else if first.is("<") {
            let mut p = String::new();
            let mut closed = false;
            let mut end = first.loc.col + 1;
            for t in &rest[1..] {
                if t.is(">") {
                    closed = true;
                    end = t.loc.col + 1;
                    break;
                }
                if t.space && !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&t.text);
            }
            if !closed {
                self.error(map, loc, 1, "missing terminating > character".into());
                return true;
            }
            (p, false, end.saturating_sub(first.loc.col))
        } else {
            self.error(
                map,
                name.loc,
                name.len(),
                "#include expects \"FILENAME\" or <FILENAME>".into(),
            );
            return true;
        };
        if self.depth >= 200 {
            self.error(map, loc, len, "#include nested depth 200 exceeds maximum of 200 (use -fmax-include-depth=DEPTH to increase the maximum)".into());
            return true;
        }
        let mut candidates = Vec::new();
        if quoted {
            if path.starts_with('/') {
                candidates.push(path.clone());
            } else {
                candidates.push(format!("{}{}", dir_of(map.name(hash.loc.file)), path));
            }
        }
        for d in &self.include_dirs {
            candidates.push(format!("{}/{}", d.trim_end_matches('/'), path));
        }
        let mut found: Option<(String, String)> = None;
        for c in candidates {
            if let Some(text) = self.headers.read(&c) {
                found = Some((c, text));
                break;
            }
        }
        if found.is_none() {
            if let Some(text) = headers::builtin(&path) {
                found = Some((format!("/usr/include/{path}"), text.to_owned()));
            }
        }
        let Some((fname, text)) = found else {
            self.diags.push(Diagnostic::at(
                map,
                Level::Fatal,
                loc,
                len,
                format!("{path}: No such file or directory"),
            ));
            return false;
        };
        if self.once.contains(&fname) {
            return true;
        }
        let file = map.add(&fname, text.clone(), Some(loc));
        let toks = self.lex_file(map, file, &text);
        self.depth += 1;
        stack.extend(toks);
        true
    }

    fn define_directive(&mut self, map: &SrcMap, name: &Token, rest: &[Token]) {
        let Some(mname) = rest.first() else {
            self.error(
                map,
                name.loc,
                name.len(),
                "no macro name given in #define directive".into(),
            );
            return;
        };
        if mname.kind != Kind::Ident {
            self.error(
                map,
                mname.loc,
                mname.len(),
                "macro names must be identifiers".into(),
            );
            return;
        }
        let mut i = 1;
        let mut params = None;
        let mut variadic = false;
        if rest.get(1).is_some_and(|t| t.is("(") && !t.space) {
            let mut ps: Vec<Rc<str>> = Vec::new();
            i = 2;
            loop {
                let Some(t) = rest.get(i) else {
                    self.error(
                        map,
                        mname.loc,
                        mname.len(),
                        "missing ')' in macro parameter list".into(),
                    );
                    return;
                };
                i += 1;
                if t.is(")") {
                    break;
                }
                if t.is(",") {
                    continue;
                }
                if t.is("...") {
                    variadic = true;
                    ps.push("__VA_ARGS__".into());
                    continue;
                }
                if t.kind != Kind::Ident {
                    self.error(
                        map,
                        t.loc,
                        t.len(),
                        format!("\"{}\" may not appear in macro parameter list", t.text),
                    );
                    return;
                }
                ps.push(t.text.clone());
            }
            params = Some(ps);
        }
        let mut body: Vec<Token> = rest[i.min(rest.len())..].to_vec();
        if let Some(f) = body.first_mut() {
            f.space = false;
        }
        self.macros.insert(
            mname.text.clone(),
            Macro {
                params,
                variadic,
                body,
            },
        );
    }

    /// Evaluates the condition of `#if`/`#elif`.
    fn eval_if(&mut self, map: &SrcMap, name: &Token, rest: &[Token]) -> bool {
        // `defined` is resolved before macro expansion.
        let mut toks = Vec::new();
        let mut i = 0;
        while i < rest.len() {
            let t = &rest[i];
            if t.is("defined") {
                let (id, skip) = if rest.get(i + 1).is_some_and(|t| t.is("(")) {
                    (rest.get(i + 2), 4)
                } else {
                    (rest.get(i + 1), 2)
                };
                let v = id.is_some_and(|id| self.macros.contains_key(&id.text));
                toks.push(Token::synth(Kind::Num, if v { "1" } else { "0" }, t.loc));
                i += skip;
                continue;
            }
            toks.push(t.clone());
            i += 1;
        }
        let toks = self.expand_list(map, toks);
        if toks.is_empty() {
            self.error(
                map,
                name.loc,
                name.len(),
                format!("#{} with no expression", name.text),
            );
            return false;
        }
        let mut ev = IfEval {
            toks: &toks,
            pos: 0,
        };
        match ev.cond() {
            Some(v) if ev.pos == toks.len() => v != 0,
            _ => {
                let t = toks.get(ev.pos).unwrap_or(&toks[toks.len() - 1]);
                let msg = if ev.pos < toks.len() {
                    format!("missing binary operator before token \"{}\"", t.text)
                } else {
                    "#if with no expression".into()
                };
                self.error(map, t.loc, t.len(), msg);
                false
            }
        }
    }

    /// Expands every macro in a token list (for `#if`, `#include` and macro arguments).
    fn expand_list(&mut self, map: &SrcMap, toks: Vec<Token>) -> Vec<Token> {
        let mut stack: Vec<Token> = toks.into_iter().rev().collect();
        let mut out = Vec::new();
        let mut guard = 0usize;
        while let Some(t) = stack.pop() {
            guard += 1;
            if guard > 200_000 {
                break;
            }
            if t.kind == Kind::Ident {
                if let Some(exp) = self.try_expand(map, &t, &mut stack) {
                    push_rev(&mut stack, exp);
                    continue;
                }
            }
            out.push(t);
        }
        out
    }

    /// If `tok` names a macro that may expand here, takes its arguments from `stack` and
    /// returns the replacement.
    fn try_expand(
        &mut self,
        map: &SrcMap,
        tok: &Token,
        stack: &mut Vec<Token>,
    ) -> Option<Vec<Token>> {
        if let Some(h) = &tok.hide {
            if h.contains(&tok.text) {
                return None;
            }
        }
        let loc = tok.loc;
        match &*tok.text {
            "__LINE__" => {
                let mut t = Token::synth(Kind::Num, &loc.line.to_string(), loc);
                t.space = tok.space || tok.bol;
                return Some(vec![t]);
            }
            "__FILE__" => {
                let s = format!("\"{}\"", map.name(loc.file));
                let mut t = Token::synth(Kind::Str, &s, loc);
                t.space = tok.space || tok.bol;
                return Some(vec![t]);
            }
            _ => {}
        }
        let m = self.macros.get(&tok.text)?.clone();
        let mut hide: Vec<Rc<str>> = tok.hide.as_ref().map(|h| h.to_vec()).unwrap_or_default();
        hide.push(tok.text.clone());
        let hide = Some(Rc::new(hide));
        let Some(params) = &m.params else {
            let mut body = m.body.clone();
            for (k, b) in body.iter_mut().enumerate() {
                b.loc = loc;
                b.hide = hide.clone();
                b.bol = false;
                if k == 0 {
                    b.space = tok.space || tok.bol;
                }
            }
            return Some(self.paste(map, body));
        };
        // A function-like macro needs `(` next; otherwise the name stays a plain word.
        let next = stack.iter().rev().find(|t| t.kind != Kind::Eof)?;
        if !next.is("(") {
            return None;
        }
        while stack.last().is_some_and(|t| t.kind == Kind::Eof) {
            stack.pop();
        }
        stack.pop();
        let mut args: Vec<Vec<Token>> = vec![Vec::new()];
        let mut depth = 0;
        loop {
            let Some(t) = stack.pop() else {
                self.error(
                    map,
                    loc,
                    tok.len(),
                    format!("unterminated argument list invoking macro \"{}\"", tok.text),
                );
                return Some(Vec::new());
            };
            if t.kind == Kind::Eof {
                continue;
            }
            if t.is("(") {
                depth += 1;
            } else if t.is(")") {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if t.is(",") && depth == 0 && !(m.variadic && args.len() == params.len()) {
                args.push(Vec::new());
                continue;
            }
            if let Some(a) = args.last_mut() {
                a.push(t);
            }
        }
        if params.is_empty() && args.len() == 1 && args[0].is_empty() {
            args.clear();
        }
        if m.variadic && args.len() + 1 == params.len() {
            args.push(Vec::new());
        }
        if args.len() != params.len() {
            let msg = if args.len() < params.len() {
                format!(
                    "macro \"{}\" requires {} arguments, but only {} given",
                    tok.text,
                    params.len(),
                    args.len()
                )
            } else {
                format!(
                    "macro \"{}\" passed {} arguments, but takes just {}",
                    tok.text,
                    args.len(),
                    params.len()
                )
            };
            self.error(map, loc, tok.len(), msg);
            return Some(Vec::new());
        }
        let find = |t: &Token| -> Option<usize> {
            if t.kind != Kind::Ident {
                return None;
            }
            params.iter().position(|p| *p == t.text)
        };
        let body = &m.body;
        let mut out: Vec<Token> = Vec::new();
        let mut i = 0;
        while i < body.len() {
            let t = &body[i];
            if t.is("#") {
                if let Some(p) = body.get(i + 1).and_then(find) {
                    let s = stringize(&args[p]);
                    let mut st = Token::synth(Kind::Str, &s, loc);
                    st.space = t.space;
                    out.push(st);
                    i += 2;
                    continue;
                }
            }
            if let Some(p) = find(t) {
                let pasted =
                    body.get(i + 1).is_some_and(|n| n.is("##")) || (i > 0 && body[i - 1].is("##"));
                let mut a = if pasted {
                    args[p].clone()
                } else {
                    self.expand_list(map, args[p].clone())
                };
                if let Some(f) = a.first_mut() {
                    f.space = t.space;
                }
                out.extend(a);
                i += 1;
                continue;
            }
            out.push(t.clone());
            i += 1;
        }
        for (k, b) in out.iter_mut().enumerate() {
            b.loc = loc;
            b.bol = false;
            let mut h: Vec<Rc<str>> = b.hide.as_ref().map(|h| h.to_vec()).unwrap_or_default();
            if let Some(hh) = &hide {
                for n in hh.iter() {
                    if !h.contains(n) {
                        h.push(n.clone());
                    }
                }
            }
            b.hide = Some(Rc::new(h));
            if k == 0 {
                b.space = tok.space || tok.bol;
            }
        }
        Some(self.paste(map, out))
    }

    /// Applies `##`.
    fn paste(&mut self, map: &SrcMap, toks: Vec<Token>) -> Vec<Token> {
        if !toks.iter().any(|t| t.is("##")) {
            return toks;
        }
        let mut out: Vec<Token> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if toks[i].is("##") && !out.is_empty() && i + 1 < toks.len() {
                if let Some(left) = out.pop() {
                    let text = format!("{}{}", left.text, toks[i + 1].text);
                    let (mut lexed, _) = lex::lex(&text, left.loc.file);
                    if lexed.len() != 1 {
                        self.error(map, left.loc, 1, format!("pasting \"{}\" and \"{}\" does not give a valid preprocessing token", left.text, toks[i + 1].text));
                    }
                    for l in lexed.iter_mut() {
                        l.loc = left.loc;
                        l.hide = left.hide.clone();
                        l.space = left.space;
                        l.bol = false;
                    }
                    out.extend(lexed);
                }
                i += 2;
                continue;
            }
            out.push(toks[i].clone());
            i += 1;
        }
        out
    }
}

fn push_rev(stack: &mut Vec<Token>, toks: Vec<Token>) {
    stack.extend(toks.into_iter().rev());
}

/// Takes the rest of a directive's line from the stack.
fn take_line(stack: &mut Vec<Token>) -> Vec<Token> {
    let mut line = Vec::new();
    while let Some(t) = stack.last() {
        if t.bol || t.kind == Kind::Eof {
            break;
        }
        if let Some(t) = stack.pop() {
            line.push(t);
        }
    }
    line
}

fn join_tokens(toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && (t.space || t.bol) {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}

fn stringize(toks: &[Token]) -> String {
    let mut s = String::from("\"");
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && t.space {
            s.push(' ');
        }
        if matches!(t.kind, Kind::Str | Kind::Char) {
            for c in t.text.chars() {
                if c == '"' || c == '\\' {
                    s.push('\\');
                }
                s.push(c);
            }
        } else {
            s.push_str(&t.text);
        }
    }
    s.push('"');
    s
}

/// `#if` arithmetic over already expanded tokens; unknown identifiers are 0.
struct IfEval<'t> {
    toks: &'t [Token],
    pos: usize,
}

impl IfEval<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }
    fn eat(&mut self, s: &str) -> bool {
        if self
            .peek()
            .is_some_and(|t| t.is(s) && t.kind == Kind::Punct)
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn cond(&mut self) -> Option<i64> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let a = self.cond()?;
            if !self.eat(":") {
                return None;
            }
            let b = self.cond()?;
            return Some(if c != 0 { a } else { b });
        }
        Some(c)
    }
    fn binary(&mut self, min: u8) -> Option<i64> {
        let mut l = self.unary()?;
        while let Some(t) = self.peek() {
            if t.kind != Kind::Punct {
                break;
            }
            let prec = match &*t.text {
                "||" => 1,
                "&&" => 2,
                "|" => 3,
                "^" => 4,
                "&" => 5,
                "==" | "!=" => 6,
                "<" | ">" | "<=" | ">=" => 7,
                "<<" | ">>" => 8,
                "+" | "-" => 9,
                "*" | "/" | "%" => 10,
                _ => break,
            };
            if prec <= min {
                break;
            }
            let op = t.text.clone();
            self.pos += 1;
            let r = self.binary(prec)?;
            l = match &*op {
                "||" => ((l != 0) || (r != 0)) as i64,
                "&&" => ((l != 0) && (r != 0)) as i64,
                "|" => l | r,
                "^" => l ^ r,
                "&" => l & r,
                "==" => (l == r) as i64,
                "!=" => (l != r) as i64,
                "<" => (l < r) as i64,
                ">" => (l > r) as i64,
                "<=" => (l <= r) as i64,
                ">=" => (l >= r) as i64,
                "<<" => l.wrapping_shl(r as u32),
                ">>" => l.wrapping_shr(r as u32),
                "+" => l.wrapping_add(r),
                "-" => l.wrapping_sub(r),
                "*" => l.wrapping_mul(r),
                "/" => l.checked_div(r).unwrap_or(0),
                _ => l.checked_rem(r).unwrap_or(0),
            };
        }
        Some(l)
    }
    fn unary(&mut self) -> Option<i64> {
        if self.eat("!") {
            return Some((self.unary()? == 0) as i64);
        }
        if self.eat("-") {
            return Some(self.unary()?.wrapping_neg());
        }
        if self.eat("+") {
            return self.unary();
        }
        if self.eat("~") {
            return Some(!self.unary()?);
        }
        if self.eat("(") {
            let v = self.cond()?;
            if !self.eat(")") {
                return None;
            }
            return Some(v);
        }
        let t = self.peek()?.clone();
        self.pos += 1;
        match t.kind {
            Kind::Num => {
                let s = t.text.trim_end_matches(['u', 'U', 'l', 'L']);
                let v = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                    i64::from_str_radix(h, 16).ok()?
                } else if s.len() > 1 && s.starts_with('0') {
                    i64::from_str_radix(&s[1..], 8).ok()?
                } else {
                    s.parse().ok()?
                };
                Some(v)
            }
            Kind::Char => {
                let b = t.text.as_bytes();
                Some(b.get(1).copied().unwrap_or(0) as i64)
            }
            Kind::Ident => Some(0),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoHeaders;
    impl HeaderSource for NoHeaders {
        fn read(&self, path: &str) -> Option<String> {
            (path == "my.h").then(|| "#define MY 7\nint scaler(int);\n".to_owned())
        }
    }

    fn check(src: &str, expected: &str) {
        let mut map = SrcMap::default();
        let mut pp = Preprocessor::new(&NoHeaders, Vec::new());
        let out = pp.run(&mut map, "t.c", src);
        let got = join_tokens(&out.tokens);
        let errs: Vec<String> = pp.diags.iter().map(|d| d.message.clone()).collect();
        let got = if errs.is_empty() {
            got
        } else {
            format!("{got} ! {}", errs.join(" | "))
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn macros() {
        check("#define N 10\nint a[N];", "int a[10];");
        check("#define SQ(x) ((x)*(x))\nSQ(a+1)", "((a+1)*(a+1))");
        check("#define F(a,b) a+b\nF((1,2),3)", "(1,2)+3");
        check(
            "#define S(x) #x\nS(hi there \"q\")",
            "\"hi there \\\"q\\\"\"",
        );
        check("#define C(a,b) a##b\nC(x,1)", "x1");
        check("#define A B\n#define B A\nA", "A");
        check("#define P(...) f(__VA_ARGS__)\nP(1,2)", "f(1,2)");
        check("#define F(x) x\nF", "F");
        check("#define E()  e\nE()", "e");
        check("__LINE__\n__LINE__", "1 2");
    }

    #[test]
    fn conditionals() {
        check("#ifdef X\na\n#else\nb\n#endif", "b");
        check("#define X\n#ifdef X\na\n#else\nb\n#endif", "a");
        check(
            "#if 1 + 1 == 2 && defined(Z) || 0\na\n#elif 3 > 2\nc\n#endif",
            "c",
        );
        check("#ifndef G\n#define G\nx\n#endif\n", "x");
        check("#if 0\n#if 1\nq\n#endif\n#else\nr\n#endif", "r");
        check("#endif", " ! #endif without #if");
        check("#ifdef Q\nx", " ! unterminated #ifdef");
        check("#error stop here", " ! #error stop here");
        check("#foo", " ! invalid preprocessing directive #foo");
    }

    #[test]
    fn includes() {
        check("#include \"my.h\"\nMY", "int scaler(int); 7");
        check("#include <stdbool.h>\nbool b = true;", "_Bool b = 1;");
        check(
            "#include \"nope.h\"\nx",
            " ! nope.h: No such file or directory",
        );
    }
}
