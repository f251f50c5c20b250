//! `test` and `[`: the program and the evaluator the shells' builtins (and bash's `[[`)
//! share. File tests read the filesystem through [`ShellFs`].

use super::super::fs::{resolve, FileKind, ShellFs};
use super::super::program::{Cred, Proc};

/// What file tests need.
pub struct TestCtx<'a> {
    /// The filesystem.
    pub fs: &'a dyn ShellFs,
    /// Working directory.
    pub cwd: &'a str,
    /// Who asks.
    pub cred: &'a Cred,
    /// Whether descriptors 0, 1, 2 are terminals (`-t`).
    pub ttys: [bool; 3],
}

/// Why an expression could not be evaluated (status 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TestError {
    /// `x: integer expression expected`.
    NotInteger(String),
    /// `x: unary operator expected`.
    UnaryExpected(String),
    /// `x: binary operator expected`.
    BinaryExpected(String),
    /// `missing ]` and other shapes.
    Syntax(String),
}

impl TestError {
    /// bash's and coreutils' wording.
    pub fn text(&self) -> String {
        match self {
            TestError::NotInteger(s) => format!("{s}: integer expression expected"),
            TestError::UnaryExpected(s) => format!("{s}: unary operator expected"),
            TestError::BinaryExpected(s) => format!("{s}: binary operator expected"),
            TestError::Syntax(s) => s.clone(),
        }
    }
}

fn is_unary(op: &str) -> bool {
    matches!(
        op,
        "-e" | "-f"
            | "-d"
            | "-s"
            | "-r"
            | "-w"
            | "-x"
            | "-L"
            | "-h"
            | "-b"
            | "-c"
            | "-p"
            | "-S"
            | "-n"
            | "-z"
            | "-t"
            | "-g"
            | "-u"
            | "-k"
            | "-O"
            | "-G"
            | "-a"
    )
}

fn is_binary(op: &str) -> bool {
    matches!(
        op,
        "=" | "=="
            | "!="
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
}

fn int(s: &str) -> Result<i64, TestError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| TestError::NotInteger(s.to_owned()))
}

impl TestCtx<'_> {
    fn unary(&self, op: &str, arg: &str) -> Result<bool, TestError> {
        match op {
            "-n" => return Ok(!arg.is_empty()),
            "-z" => return Ok(arg.is_empty()),
            "-t" => {
                return Ok(arg
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| self.ttys.get(n).copied())
                    .unwrap_or(false))
            }
            _ => {}
        }
        if arg.is_empty() {
            return Ok(false);
        }
        let path = resolve(self.cwd, arg);
        if matches!(op, "-L" | "-h") {
            return Ok(self
                .fs
                .lstat(&path)
                .is_ok_and(|s| s.kind == FileKind::Symlink));
        }
        let Ok(st) = self.fs.stat(&path) else {
            return Ok(false);
        };
        let groups = self.cred.all_groups();
        Ok(match op {
            "-e" | "-a" => true,
            "-f" => st.kind == FileKind::File,
            "-d" => st.kind == FileKind::Dir,
            "-s" => st.size > 0,
            "-r" => st.allows(self.cred.uid, &groups, 4),
            "-w" => st.allows(self.cred.uid, &groups, 2),
            "-x" => st.allows(self.cred.uid, &groups, 1),
            "-b" => false,
            "-c" => st.kind == FileKind::CharDevice,
            "-p" => st.kind == FileKind::Fifo,
            "-S" => st.kind == FileKind::Socket,
            "-g" => st.mode & 0o2000 != 0,
            "-u" => st.mode & 0o4000 != 0,
            "-k" => st.mode & 0o1000 != 0,
            "-O" => st.uid == self.cred.uid,
            "-G" => st.gid == self.cred.gid,
            _ => false,
        })
    }

    fn binary(&self, a: &str, op: &str, b: &str) -> Result<bool, TestError> {
        Ok(match op {
            "=" | "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            ">" => a > b,
            "-eq" => int(a)? == int(b)?,
            "-ne" => int(a)? != int(b)?,
            "-lt" => int(a)? < int(b)?,
            "-le" => int(a)? <= int(b)?,
            "-gt" => int(a)? > int(b)?,
            "-ge" => int(a)? >= int(b)?,
            "-nt" | "-ot" | "-ef" => {
                let sa = self.fs.stat(&resolve(self.cwd, a)).ok();
                let sb = self.fs.stat(&resolve(self.cwd, b)).ok();
                match (op, sa, sb) {
                    ("-nt", Some(x), Some(y)) => x.mtime > y.mtime,
                    ("-nt", Some(_), None) => true,
                    ("-ot", Some(x), Some(y)) => x.mtime < y.mtime,
                    ("-ot", None, Some(_)) => true,
                    ("-ef", Some(_), Some(_)) => {
                        self.fs.realpath(&resolve(self.cwd, a)).ok()
                            == self.fs.realpath(&resolve(self.cwd, b)).ok()
                    }
                    _ => false,
                }
            }
            _ => return Err(TestError::BinaryExpected(op.to_owned())),
        })
    }

    /// Evaluates `test`'s arguments (without the closing `]`).
    pub fn eval(&self, args: &[String]) -> Result<bool, TestError> {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        match a.len() {
            0 => Ok(false),
            1 => Ok(!a[0].is_empty()),
            2 => {
                if a[0] == "!" {
                    return Ok(a[1].is_empty());
                }
                if is_unary(a[0]) {
                    return self.unary(a[0], a[1]);
                }
                Err(TestError::UnaryExpected(a[0].to_owned()))
            }
            3 => {
                if is_binary(a[1]) {
                    return self.binary(a[0], a[1], a[2]);
                }
                if a[1] == "-a" || a[1] == "-o" {
                    let (x, y) = (!a[0].is_empty(), !a[2].is_empty());
                    return Ok(if a[1] == "-a" { x && y } else { x || y });
                }
                if a[0] == "!" {
                    return self.eval(&args[1..]).map(|v| !v);
                }
                if a[0] == "(" && a[2] == ")" {
                    return Ok(!a[1].is_empty());
                }
                Err(TestError::BinaryExpected(a[1].to_owned()))
            }
            4 if a[0] == "!" => self.eval(&args[1..]).map(|v| !v),
            4 if a[0] == "(" && a[3] == ")" => self.eval(&args[1..3]),
            _ => {
                let mut p = Parser {
                    ctx: self,
                    a: &a,
                    i: 0,
                };
                let v = p.or()?;
                if p.i < a.len() {
                    return Err(TestError::Syntax(format!(
                        "syntax error: `{}' unexpected",
                        a[p.i]
                    )));
                }
                Ok(v)
            }
        }
    }
}

struct Parser<'a, 'b> {
    ctx: &'a TestCtx<'b>,
    a: &'a [&'a str],
    i: usize,
}

impl Parser<'_, '_> {
    fn or(&mut self) -> Result<bool, TestError> {
        let mut v = self.and()?;
        while self.a.get(self.i) == Some(&"-o") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, TestError> {
        let mut v = self.not()?;
        while self.a.get(self.i) == Some(&"-a") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, TestError> {
        if self.a.get(self.i) == Some(&"!") {
            self.i += 1;
            return self.not().map(|v| !v);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<bool, TestError> {
        let Some(&t) = self.a.get(self.i) else {
            return Err(TestError::Syntax("argument expected".into()));
        };
        if t == "(" {
            self.i += 1;
            let v = self.or()?;
            if self.a.get(self.i) != Some(&")") {
                return Err(TestError::Syntax("`)' expected".into()));
            }
            self.i += 1;
            return Ok(v);
        }
        if let Some(&op) = self.a.get(self.i + 1) {
            if is_binary(op) && self.i + 2 < self.a.len() {
                let v = self.ctx.binary(t, op, self.a[self.i + 2])?;
                self.i += 3;
                return Ok(v);
            }
        }
        if is_unary(t) && self.i + 1 < self.a.len() {
            let v = self.ctx.unary(t, self.a[self.i + 1])?;
            self.i += 2;
            return Ok(v);
        }
        self.i += 1;
        Ok(!t.is_empty())
    }
}

async fn main(p: &mut Proc) -> i32 {
    let mut args: Vec<String> = p.args[1..].to_vec();
    if p.name() == "[" {
        if args.last().map(String::as_str) != Some("]") {
            p.error("missing ']'").await;
            return 2;
        }
        args.pop();
    }
    let r = {
        let fs = p.fs.borrow();
        let ctx = TestCtx {
            fs: &*fs,
            cwd: &p.cwd,
            cred: &p.cred,
            ttys: [p.stdin.is_tty(), p.stdout.is_tty(), p.stderr.is_tty()],
        };
        ctx.eval(&args)
    };
    match r {
        Ok(v) => (!v) as i32,
        Err(e) => {
            p.error(e.text()).await;
            2
        }
    }
}

crate::program!(Test, main);
