//! `test` / `[` as builtins, and bash's `[[ … ]]` (patterns on the right of `==`, regular
//! expressions with `=~`, `&&`, `||`, no word splitting).

use super::super::ast::{Part, Word};
use super::super::flavor::Flavor;
use super::super::interp::Shell;
use super::super::pattern::Pattern;
use super::super::program::BoxFut;
use super::super::programs::test::{TestCtx, TestError};
use super::super::regex::Regex;
use super::fail;

fn ctx_eval(sh: &Shell, args: &[String]) -> Result<bool, TestError> {
    let fs = sh.env.fs.borrow();
    let ctx = TestCtx {
        fs: &*fs,
        cwd: &sh.cwd,
        cred: &sh.env.cred,
        ttys: [
            sh.fds.stdin.is_tty(),
            sh.fds.stdout.is_tty(),
            sh.fds.stderr.is_tty(),
        ],
    };
    ctx.eval(args)
}

fn error_text(sh: &Shell, e: &TestError) -> String {
    match (sh.flavor, e) {
        (Flavor::Dash, TestError::NotInteger(s)) => format!("Illegal number: {s}"),
        (Flavor::Ash, TestError::NotInteger(s)) => format!("invalid number '{s}'"),
        (_, e) => e.text(),
    }
}

/// `test expr` and `[ expr ]`.
pub fn test<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let mut args = a[1..].to_vec();
        if a[0] == "[" {
            if args.last().map(String::as_str) != Some("]") {
                let msg = match sh.flavor {
                    Flavor::Bash => "missing `]'",
                    _ => "missing ]",
                };
                fail(sh, "[", msg).await;
                return 2;
            }
            args.pop();
        }
        match ctx_eval(sh, &args) {
            Ok(v) => (!v) as i32,
            Err(e) => {
                let msg = error_text(sh, &e);
                fail(sh, &a[0], &msg).await;
                2
            }
        }
    })
}

enum CondTok {
    Op(String),
    Str(String),
    Pat(String, Vec<bool>),
}

fn op_of(w: &Word) -> Option<&str> {
    match w.0.as_slice() {
        [Part::Lit(s)] | [Part::Quoted(s)]
            if matches!(s.as_str(), "&&" | "||" | "(" | ")" | "!" | "<" | ">") =>
        {
            Some(s)
        }
        _ => None,
    }
}

/// Runs `[[ words ]]`.
pub async fn run_cond(sh: &mut Shell, words: &[Word]) -> i32 {
    let mut toks = Vec::new();
    let mut prev_op = String::new();
    for w in words {
        if let Some(op) = op_of(w) {
            toks.push(CondTok::Op(op.to_owned()));
            prev_op = op.to_owned();
            continue;
        }
        if prev_op == "=~" {
            let Some((t, act)) = sh.expand_pattern(w).await else {
                return 2;
            };
            let mut re = String::new();
            for (i, c) in t.chars().enumerate() {
                if !act.get(i).copied().unwrap_or(true) && "\\.[]()*+?{}|^$".contains(c) {
                    re.push('\\');
                }
                re.push(c);
            }
            toks.push(CondTok::Str(re));
        } else if matches!(prev_op.as_str(), "==" | "=" | "!=") {
            let Some((t, act)) = sh.expand_pattern(w).await else {
                return 2;
            };
            toks.push(CondTok::Pat(t, act));
        } else {
            let Some(s) = sh.expand_one(w).await else {
                return 2;
            };
            prev_op = s.clone();
            toks.push(CondTok::Str(s));
            continue;
        }
        prev_op.clear();
    }
    let mut p = Cond {
        sh,
        toks: &toks,
        i: 0,
    };
    match p.or() {
        Ok(v) if p.i == toks.len() => (!v) as i32,
        Ok(_) => {
            sh.error("syntax error in conditional expression").await;
            2
        }
        Err(e) => {
            let msg = error_text(sh, &e);
            sh.error(&msg).await;
            2
        }
    }
}

struct Cond<'a> {
    sh: &'a Shell,
    toks: &'a [CondTok],
    i: usize,
}

impl Cond<'_> {
    fn is_op(&self, op: &str) -> bool {
        matches!(self.toks.get(self.i), Some(CondTok::Op(o)) if o == op)
    }

    fn or(&mut self) -> Result<bool, TestError> {
        let mut v = self.and()?;
        while self.is_op("||") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, TestError> {
        let mut v = self.not()?;
        while self.is_op("&&") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, TestError> {
        if self.is_op("!") {
            self.i += 1;
            return self.not().map(|v| !v);
        }
        if self.is_op("(") {
            self.i += 1;
            let v = self.or()?;
            if !self.is_op(")") {
                return Err(TestError::Syntax(
                    "syntax error in conditional expression".into(),
                ));
            }
            self.i += 1;
            return Ok(v);
        }
        self.primary()
    }

    fn text(&self, i: usize) -> Option<String> {
        match self.toks.get(i)? {
            CondTok::Str(s) | CondTok::Op(s) | CondTok::Pat(s, _) => Some(s.clone()),
        }
    }

    fn primary(&mut self) -> Result<bool, TestError> {
        let Some(a) = self.text(self.i) else {
            return Err(TestError::Syntax(
                "syntax error in conditional expression".into(),
            ));
        };
        let op = self.text(self.i + 1);
        if let Some(op) = op.filter(|o| {
            matches!(
                o.as_str(),
                "==" | "="
                    | "!="
                    | "=~"
                    | "<"
                    | ">"
                    | "-eq"
                    | "-ne"
                    | "-lt"
                    | "-le"
                    | "-gt"
                    | "-ge"
                    | "-nt"
                    | "-ot"
                    | "-ef"
            )
        }) {
            let b = self.toks.get(self.i + 2);
            self.i += 3;
            return match (op.as_str(), b) {
                ("==" | "=" | "!=", Some(CondTok::Pat(t, act))) => {
                    let m = Pattern::new(t, act).matches(&a);
                    Ok(if op == "!=" { !m } else { m })
                }
                ("=~", Some(CondTok::Str(re))) => {
                    Ok(Regex::new(re, true).is_ok_and(|r| r.is_match(&a)))
                }
                (_, Some(t)) => {
                    let b = match t {
                        CondTok::Str(s) | CondTok::Op(s) | CondTok::Pat(s, _) => s.clone(),
                    };
                    ctx_eval(self.sh, &[a, op, b])
                }
                _ => Err(TestError::Syntax(
                    "unexpected argument to conditional binary operator".into(),
                )),
            };
        }
        if a.starts_with('-') && a.len() == 2 {
            if let Some(arg) = self.text(self.i + 1) {
                self.i += 2;
                return ctx_eval(self.sh, &[a, arg]);
            }
        }
        self.i += 1;
        Ok(!a.is_empty())
    }
}
