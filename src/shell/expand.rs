//! Word expansion: tilde, parameters (`$x`, `${x:-w}`, `${#x}`, `${x%pat}`…), command
//! substitution, arithmetic, field splitting on `IFS`, and pathname expansion, in POSIX's
//! order. An expansion error (`${x?}`, bad arithmetic) is reported by the shell and ends a
//! non-interactive shell, as bash and dash do.

use std::cell::RefCell;
use std::rc::Rc;

use super::arith::{self, ArithError, ArithVars};
use super::ast::{List, Param, ParamOp, Part, Word};
use super::budget::MEMORY_LIMIT;
use super::flavor::Flavor;
use super::glob::glob;
use super::interp::{Flow, Shell};
use super::pattern::Pattern;
use super::program::BoxFut;
use super::users;
use crate::kernel::Sink;

#[derive(Default, Debug)]
struct Field {
    text: String,
    active: Vec<bool>,
    quoted: bool,
}

/// What a field costs besides its text (its `String`, its `Vec<bool>` of active
/// characters, their allocations), counted so that splitting a long value into millions of
/// one-letter fields counts as the memory it takes.
const FIELD_COST: usize = 64;

#[derive(Default, Debug)]
struct Fields {
    done: Vec<Field>,
    cur: Field,
    /// Bytes of the finished fields.
    done_bytes: usize,
    /// A value was refused for passing the memory limit.
    over: bool,
}

impl Fields {
    fn push(&mut self, s: &str, active: bool) {
        if self.held().saturating_add(s.len()) > MEMORY_LIMIT {
            // Not grown past the limit: the caller's memory check ends the job.
            self.over = true;
            return;
        }
        self.cur.text.push_str(s);
        self.cur
            .active
            .extend(std::iter::repeat_n(active, s.chars().count()));
    }

    fn quoted(&mut self, s: &str) {
        self.push(s, false);
        self.cur.quoted = true;
    }

    fn boundary(&mut self) {
        let f = std::mem::take(&mut self.cur);
        if !f.text.is_empty() || f.quoted {
            self.done_bytes = self.done_bytes.saturating_add(f.text.len() + FIELD_COST);
            self.done.push(f);
        }
    }

    /// Bytes the expansion holds so far, checked against the job's memory limit
    /// (`x=$x$x` in a loop doubles until the OOM killer ends it).
    fn held(&self) -> usize {
        if self.over {
            return usize::MAX;
        }
        self.done_bytes.saturating_add(self.cur.text.len())
    }

    /// An unquoted expansion's value: split on `ifs`.
    fn split(&mut self, s: &str, ifs: &str) {
        for c in s.chars() {
            if self.held() > MEMORY_LIMIT {
                // The caller's memory check ends the job; stop building fields first.
                return;
            }
            if ifs.contains(c) {
                if c.is_whitespace() {
                    if !self.cur.text.is_empty() || self.cur.quoted {
                        self.boundary();
                    }
                } else {
                    self.cur.quoted = true;
                    self.boundary();
                }
            } else {
                self.cur.text.push(c);
                self.cur.active.push(true);
            }
        }
    }

    fn finish(mut self) -> Vec<Field> {
        self.boundary();
        self.done
    }
}

impl ArithVars for Shell {
    fn get(&self, name: &str) -> Option<String> {
        self.var(name).map(str::to_owned)
    }
    fn set(&mut self, name: &str, value: i64) {
        let _ = self.vars.set(name, &value.to_string());
    }
}

impl Shell {
    /// Reports an expansion error: the message, status 1 (2 in dash), and the end of a
    /// non-interactive shell.
    async fn expand_failed(&mut self, msg: &str) {
        self.error(msg).await;
        self.status = if self.flavor == Flavor::Dash { 2 } else { 1 };
        if !self.is_interactive() || self.subshell {
            self.flow = Flow::Exit;
        }
    }

    /// Expands words into fields (arguments of a command, `for` items), with splitting
    /// and globbing. `None` after an expansion error.
    pub async fn expand_words(&mut self, words: &[Word]) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let braced: Vec<Word>;
        let words = if self.flavor == Flavor::Bash {
            braced = words.iter().flat_map(super::brace::expand).collect();
            &braced[..]
        } else {
            words
        };
        for w in words {
            let mut f = Fields::default();
            if let Err(e) = self.parts(&w.0, false, &mut f).await {
                self.expand_failed(&e).await;
                return None;
            }
            for field in f.finish() {
                let pat = Pattern::new(&field.text, &field.active);
                if !self.opts.noglob && pat.has_magic() {
                    let found = glob(
                        &*self.env.fs.borrow(),
                        &self.cwd,
                        &field.text,
                        &field.active,
                    );
                    if !found.is_empty() {
                        out.extend(found);
                        continue;
                    }
                }
                out.push(field.text);
            }
        }
        Some(out)
    }

    /// Expands a word to one string, without splitting or globbing (assignments,
    /// redirection targets, `case` subjects, here-documents).
    pub async fn expand_one(&mut self, w: &Word) -> Option<String> {
        match self.text(w).await {
            Ok(s) => Some(s),
            Err(e) => {
                self.expand_failed(&e).await;
                None
            }
        }
    }

    /// Expands a pattern word: its text and which characters stay special (the unquoted
    /// ones).
    pub async fn expand_pattern(&mut self, w: &Word) -> Option<(String, Vec<bool>)> {
        match self.pattern_of(w).await {
            Ok(p) => Some(p),
            Err(e) => {
                self.expand_failed(&e).await;
                None
            }
        }
    }

    async fn text(&mut self, w: &Word) -> Result<String, String> {
        let mut f = Fields::default();
        self.parts(&w.0, true, &mut f).await?;
        Ok(std::mem::take(&mut f.cur.text))
    }

    /// Evaluates arithmetic text, reporting errors. `None` after an error.
    pub async fn arith(&mut self, text: &str) -> Option<i64> {
        match arith::eval(text, self) {
            Ok(v) => Some(v),
            Err(e) => {
                let msg = self.arith_message(text, &e);
                self.expand_failed(&msg).await;
                None
            }
        }
    }

    fn arith_message(&self, text: &str, e: &ArithError) -> String {
        let t = text.trim();
        match (self.flavor, e) {
            (Flavor::Bash, ArithError::DivideByZero) => {
                let tok = t.rsplit(['/', '%']).next().unwrap_or("").trim();
                format!("{t}: division by 0 (error token is \"{tok}\")")
            }
            (Flavor::Bash, e) => format!("{t}: {}", e.bash_text()),
            (Flavor::Dash, ArithError::DivideByZero) => {
                "arithmetic expression: division by zero: \"".to_owned() + t + "\""
            }
            (Flavor::Dash, _) => format!("arithmetic expression: expecting primary: \"{t}\""),
            (Flavor::Ash, ArithError::DivideByZero) => "arithmetic syntax error".into(),
            (Flavor::Ash, _) => "arithmetic syntax error".into(),
        }
    }

    /// Expands parts into `f`. `in_text`: the result is one string (quoted context for
    /// splitting purposes; unquoted literals stay glob-active for patterns).
    fn parts<'a>(
        &'a mut self,
        parts: &'a [Part],
        in_text: bool,
        f: &'a mut Fields,
    ) -> BoxFut<'a, Result<(), String>> {
        Box::pin(async move {
            for p in parts {
                match p {
                    Part::Lit(s) => f.push(s, true),
                    Part::Quoted(s) => f.quoted(s),
                    Part::Tilde(user) => {
                        let home = self.tilde(user);
                        f.quoted(&home);
                    }
                    Part::Double(inner) => {
                        f.cur.quoted = true;
                        self.double(inner, f).await?;
                    }
                    Part::Param(pm) => {
                        let val = self.param(pm, false).await?;
                        self.value(val, in_text, f);
                    }
                    Part::CommandSub(list) => {
                        let out = self.command_subst(list).await;
                        self.value(Val::One(out), in_text, f);
                    }
                    Part::Arith(inner) => {
                        let v = self.arith_parts(inner).await?;
                        self.value(Val::One(v.to_string()), in_text, f);
                    }
                }
                self.env.budget.hold(f.held()).await;
            }
            Ok(())
        })
    }

    fn double<'a>(
        &'a mut self,
        inner: &'a [Part],
        f: &'a mut Fields,
    ) -> BoxFut<'a, Result<(), String>> {
        Box::pin(async move {
            for p in inner {
                match p {
                    Part::Lit(s) | Part::Quoted(s) => f.quoted(s),
                    Part::Param(pm) if pm.name == "@" && pm.op == ParamOp::Plain => {
                        let args = self.positional.clone();
                        for (i, a) in args.iter().enumerate() {
                            if i > 0 {
                                f.boundary();
                                f.cur.quoted = true;
                            }
                            f.quoted(a);
                        }
                        if args.is_empty() && f.cur.text.is_empty() {
                            f.cur.quoted = false;
                        }
                    }
                    Part::Param(pm) => {
                        let v = self.param(pm, true).await?;
                        f.quoted(&v.joined(self.ifs_first()));
                    }
                    Part::CommandSub(list) => {
                        let out = self.command_subst(list).await;
                        f.quoted(&out);
                    }
                    Part::Arith(inner) => {
                        let v = self.arith_parts(inner).await?;
                        f.quoted(&v.to_string());
                    }
                    Part::Double(ps) => self.double(ps, f).await?,
                    Part::Tilde(u) => {
                        f.quoted("~");
                        f.quoted(u);
                    }
                }
                self.env.budget.hold(f.held()).await;
            }
            Ok(())
        })
    }

    fn ifs(&self) -> String {
        self.var("IFS").unwrap_or(" \t\n").to_owned()
    }

    fn ifs_first(&self) -> &str {
        match self.var("IFS") {
            None => " ",
            Some(s) => s
                .get(..s.chars().next().map_or(0, char::len_utf8))
                .unwrap_or(""),
        }
    }

    fn value(&self, v: Val, in_text: bool, f: &mut Fields) {
        if in_text {
            let s = v.joined(" ");
            f.push(&s, true);
            return;
        }
        let ifs = self.ifs();
        match v {
            Val::One(s) => f.split(&s, &ifs),
            Val::Many(items) => {
                for (i, s) in items.iter().enumerate() {
                    if i > 0 {
                        f.boundary();
                    }
                    f.split(s, &ifs);
                }
            }
        }
    }

    async fn arith_parts(&mut self, inner: &[Part]) -> Result<i64, String> {
        let mut f = Fields::default();
        self.parts(inner, true, &mut f).await?;
        let text = f.cur.text;
        arith::eval(&text, self).map_err(|e| self.arith_message(&text, &e))
    }

    /// `~` or `~user`.
    fn tilde(&self, user: &str) -> String {
        if user.is_empty() {
            if let Some(h) = self.var("HOME") {
                return h.to_owned();
            }
            let fs = self.env.fs.borrow();
            return users::by_uid(&*fs, self.env.cred.uid).map_or_else(|| "/".into(), |u| u.home);
        }
        let fs = self.env.fs.borrow();
        users::by_name(&*fs, user).map_or_else(|| format!("~{user}"), |u| u.home)
    }

    /// Runs `$(…)` in a subshell and returns its output without trailing newlines.
    pub async fn command_subst(&mut self, list: &List) -> String {
        let buf = Rc::new(RefCell::new(Vec::new()));
        let mut sh = self.subshell();
        sh.fds.stdout = Sink::Capture(Rc::clone(&buf));
        sh.run_list(list).await;
        self.status = sh.exit_status();
        self.last_subst = Some(self.status);
        drop(sh);
        let bytes = std::mem::take(&mut *buf.borrow_mut());
        let mut s = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        while s.ends_with('\n') {
            s.pop();
        }
        s
    }

    /// A special or positional parameter, or a variable; `None` when unset.
    pub fn param_value(&self, name: &str) -> Option<Val> {
        Some(Val::One(match name {
            "?" => self.status.to_string(),
            "$" => self.env.ns_pid.to_string(),
            "#" => self.positional.len().to_string(),
            "!" => return self.last_bg.map(|p| Val::One(p.to_string())),
            "-" => {
                let mut s = String::new();
                if self.opts.errexit {
                    s.push('e');
                }
                if self.opts.noglob {
                    s.push('f');
                }
                if self.is_interactive() {
                    s.push('i');
                }
                if self.opts.nounset {
                    s.push('u');
                }
                if self.opts.xtrace {
                    s.push('x');
                }
                s
            }
            "0" => self.arg0.clone(),
            "@" | "*" => return Some(Val::Many(self.positional.clone())),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                return self
                    .positional
                    .get(i.checked_sub(1)?)
                    .cloned()
                    .map(Val::One);
            }
            n => return self.var(n).map(|s| Val::One(s.to_owned())),
        }))
    }

    async fn param(&mut self, pm: &Param, quoted: bool) -> Result<Val, String> {
        let _ = quoted;
        let val = self.param_value(&pm.name);
        let is_null = |v: &Option<Val>, colon: bool| match v {
            None => true,
            Some(v) => colon && v.is_empty(),
        };
        Ok(match &pm.op {
            ParamOp::Plain => match val {
                Some(v) => v,
                None if self.opts.nounset && !matches!(pm.name.as_str(), "@" | "*") => {
                    return Err(format!("{}: parameter not set", pm.name))
                }
                None => Val::One(String::new()),
            },
            ParamOp::Length => {
                let n = match (&pm.name[..], &val) {
                    ("@" | "*", _) => self.positional.len(),
                    (_, Some(v)) => v.joined(" ").chars().count(),
                    _ => 0,
                };
                Val::One(n.to_string())
            }
            ParamOp::Default(colon, w) => {
                if is_null(&val, *colon) {
                    Val::One(self.text(w).await?)
                } else {
                    val.unwrap_or(Val::One(String::new()))
                }
            }
            ParamOp::Assign(colon, w) => {
                if is_null(&val, *colon) {
                    let v = self.text(w).await?;
                    if self.vars.set(&pm.name, &v).is_err() {
                        return Err(format!("{}: readonly variable", pm.name));
                    }
                    Val::One(v)
                } else {
                    val.unwrap_or(Val::One(String::new()))
                }
            }
            ParamOp::Error(colon, w) => {
                if is_null(&val, *colon) {
                    let msg = self.text(w).await?;
                    let msg = if msg.is_empty() {
                        match self.flavor {
                            Flavor::Bash => "parameter null or not set".to_owned(),
                            _ => "parameter not set".to_owned(),
                        }
                    } else {
                        msg
                    };
                    return Err(format!("{}: {msg}", pm.name));
                }
                val.unwrap_or(Val::One(String::new()))
            }
            ParamOp::Alternative(colon, w) => {
                if is_null(&val, *colon) {
                    Val::One(String::new())
                } else {
                    Val::One(self.text(w).await?)
                }
            }
            ParamOp::TrimPrefix(longest, w) | ParamOp::TrimSuffix(longest, w) => {
                let prefix = matches!(pm.op, ParamOp::TrimPrefix(..));
                let (pt, act) = self.pattern_of(w).await?;
                let pat = Pattern::new(&pt, &act);
                let s = val.map(|v| v.joined(" ")).unwrap_or_default();
                Val::One(trim(&s, &pat, prefix, *longest))
            }
            ParamOp::Replace(all, pw, rw) => {
                let (pt, act) = self.pattern_of(pw).await?;
                let pat = Pattern::new(&pt, &act);
                let rep = self.text(rw).await?;
                let s = val.map(|v| v.joined(" ")).unwrap_or_default();
                Val::One(replace(&s, &pat, &rep, *all))
            }
            ParamOp::Substring(off, len) => {
                let s: Vec<char> = val
                    .map(|v| v.joined(" "))
                    .unwrap_or_default()
                    .chars()
                    .collect();
                let ot = self.text(off).await?;
                let o = arith::eval(&ot, self).map_err(|e| self.arith_message(&ot, &e))?;
                let n = s.len() as i64;
                let start = if o < 0 { (n + o).max(0) } else { o.min(n) } as usize;
                let end = match len {
                    None => s.len(),
                    Some(l) => {
                        let lt = self.text(l).await?;
                        let l = arith::eval(&lt, self).map_err(|e| self.arith_message(&lt, &e))?;
                        if l < 0 {
                            ((n + l).max(start as i64)) as usize
                        } else {
                            (start + l as usize).min(s.len())
                        }
                    }
                };
                Val::One(s[start..end.max(start)].iter().collect())
            }
        })
    }

    async fn pattern_of(&mut self, w: &Word) -> Result<(String, Vec<bool>), String> {
        let mut f = Fields::default();
        self.parts(&w.0, true, &mut f).await?;
        let field = f.cur;
        Ok((field.text, field.active))
    }
}

/// A parameter's value: one string, or several (`$@`, `$*`).
#[derive(Clone, Debug)]
pub enum Val {
    /// One string.
    One(String),
    /// Positional parameters.
    Many(Vec<String>),
}

impl Val {
    fn joined(&self, sep: &str) -> String {
        match self {
            Val::One(s) => s.clone(),
            Val::Many(v) => v.join(sep),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Val::One(s) => s.is_empty(),
            Val::Many(v) => v.is_empty(),
        }
    }
}

fn trim(s: &str, pat: &Pattern, prefix: bool, longest: bool) -> String {
    let idx: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut order: Vec<usize> = idx.clone();
    if prefix == longest {
        order.reverse();
    }
    for i in order {
        if prefix {
            if pat.matches(&s[..i]) {
                return s[i..].to_owned();
            }
        } else if pat.matches(&s[i..]) {
            return s[..i].to_owned();
        }
    }
    s.to_owned()
}

fn replace(s: &str, pat: &Pattern, rep: &str, all: bool) -> String {
    let idx: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    let mut done = false;
    while i < idx.len() {
        let start = idx[i];
        if !done {
            // Longest match starting here.
            if let Some(j) = (i + 1..idx.len())
                .rev()
                .find(|&j| pat.matches(&s[start..idx[j]]))
            {
                out.push_str(rep);
                i = j;
                done = !all;
                continue;
            }
        }
        if i + 1 < idx.len() {
            out.push_str(&s[start..idx[i + 1]]);
        }
        i += 1;
    }
    out
}
