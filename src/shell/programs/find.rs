//! `find [PATH]... [EXPRESSION]`: `-name -iname -path -type -maxdepth -mindepth -empty
//! -newer -print -quit -exec CMD {} ; -not/! -o -a ( )`.

use super::super::exec::run_argv;
use super::super::fs::{join, FileKind, Stat};
use super::super::pattern::Pattern;
use super::super::program::{Proc, Style};
use super::util::q;

#[derive(Debug, Clone)]
enum Expr {
    Name(Pattern, bool),
    Path(Pattern),
    Type(char),
    Empty,
    Print,
    Quit,
    Exec(Vec<String>),
    True,
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

struct Parser {
    toks: Vec<String>,
    i: usize,
    has_action: bool,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.i).map(String::as_str)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut l = self.and()?;
        while matches!(self.peek(), Some("-o") | Some("-or")) {
            self.i += 1;
            let r = self.and()?;
            l = Expr::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut l = self.not()?;
        loop {
            match self.peek() {
                Some("-a") | Some("-and") => self.i += 1,
                Some(")") | Some("-o") | Some("-or") | None => break,
                _ => {}
            }
            let r = self.not()?;
            l = Expr::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if matches!(self.peek(), Some("!") | Some("-not")) {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn arg(&mut self, what: &str) -> Result<String, String> {
        self.i += 1;
        let v = self
            .toks
            .get(self.i)
            .cloned()
            .ok_or(format!("missing argument to `{what}'"))?;
        self.i += 1;
        Ok(v)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let Some(t) = self.peek().map(str::to_owned) else {
            return Err("expected an expression".into());
        };
        Ok(match t.as_str() {
            "(" => {
                self.i += 1;
                let e = self.or()?;
                if self.peek() != Some(")") {
                    return Err("invalid expression; you have too many '('".into());
                }
                self.i += 1;
                e
            }
            "-name" => Expr::Name(Pattern::parse(&self.arg(&t)?), false),
            "-iname" => Expr::Name(Pattern::parse(&self.arg(&t)?.to_lowercase()), true),
            "-path" | "-wholename" => Expr::Path(Pattern::parse(&self.arg(&t)?)),
            "-type" => {
                let v = self.arg(&t)?;
                let c = v.chars().next().unwrap_or('?');
                if !"fdlcpsb".contains(c) || v.len() != 1 {
                    return Err(format!("Unknown argument to -type: {v}"));
                }
                Expr::Type(c)
            }
            "-empty" => {
                self.i += 1;
                Expr::Empty
            }
            "-print" => {
                self.i += 1;
                self.has_action = true;
                Expr::Print
            }
            "-quit" => {
                self.i += 1;
                self.has_action = true;
                Expr::Quit
            }
            "-exec" => {
                self.i += 1;
                let mut cmd = Vec::new();
                loop {
                    let Some(w) = self.toks.get(self.i).cloned() else {
                        return Err("missing argument to `-exec'".into());
                    };
                    self.i += 1;
                    if w == ";" || w == "+" {
                        break;
                    }
                    cmd.push(w);
                }
                self.has_action = true;
                Expr::Exec(cmd)
            }
            "-maxdepth" | "-mindepth" => {
                self.i += 2;
                Expr::True
            }
            "-xdev" | "-depth" | "-follow" => {
                self.i += 1;
                Expr::True
            }
            _ => return Err(format!("unknown predicate `{t}'")),
        })
    }
}

struct Node<'a> {
    shown: &'a str,
    name: &'a str,
    st: &'a Stat,
    path: &'a str,
    quit: &'a std::cell::Cell<bool>,
}

fn eval<'a>(
    p: &'a Proc,
    e: &'a Expr,
    n: &'a Node<'a>,
    out: &'a mut String,
) -> super::super::program::BoxFut<'a, bool> {
    Box::pin(async move {
        match e {
            Expr::True => true,
            Expr::Name(pat, ci) => pat.matches(&if *ci {
                n.name.to_lowercase()
            } else {
                n.name.to_owned()
            }),
            Expr::Path(pat) => pat.matches(n.shown),
            Expr::Type(c) => {
                let k = match n.st.kind {
                    FileKind::File => 'f',
                    FileKind::Dir => 'd',
                    FileKind::Symlink => 'l',
                    FileKind::CharDevice => 'c',
                    FileKind::Fifo => 'p',
                    FileKind::Socket => 's',
                };
                k == *c
            }
            Expr::Empty => match n.st.kind {
                FileKind::Dir => {
                    p.fs.borrow()
                        .list(n.path)
                        .map(|l| l.is_empty())
                        .unwrap_or(false)
                }
                FileKind::File => n.st.size == 0,
                _ => false,
            },
            Expr::Print => {
                out.push_str(n.shown);
                out.push('\n');
                true
            }
            Expr::Quit => {
                n.quit.set(true);
                true
            }
            Expr::Exec(cmd) => {
                let argv: Vec<String> = cmd.iter().map(|a| a.replace("{}", n.shown)).collect();
                if !out.is_empty() {
                    p.out(std::mem::take(out)).await;
                }
                match run_argv(p, argv.clone()).await {
                    Ok(code) => code == 0,
                    Err(e) => {
                        p.err(format!("find: '{}': {}\n", argv[0], e.errno())).await;
                        false
                    }
                }
            }
            Expr::Not(x) => !eval(p, x, n, out).await,
            Expr::And(a, b) => eval(p, a, n, out).await && eval(p, b, n, out).await,
            Expr::Or(a, b) => eval(p, a, n, out).await || eval(p, b, n, out).await,
        }
    })
}

struct Limits {
    min: usize,
    max: usize,
    quit: std::cell::Cell<bool>,
}

async fn walk(
    p: &Proc,
    expr: &Expr,
    shown: String,
    path: String,
    depth: usize,
    lim: &Limits,
) -> i32 {
    p.step().await;
    let got = p.fs.borrow().lstat(&path);
    let st = match got {
        Ok(s) => s,
        Err(e) => {
            let line = match p.style {
                Style::Gnu => format!("find: {}: {e}\n", q(&shown)),
                Style::Busybox => format!("find: {shown}: {e}\n"),
            };
            p.err(line).await;
            return 1;
        }
    };
    let name = if depth == 0 {
        shown.clone()
    } else {
        shown.rsplit('/').next().unwrap_or(&shown).to_owned()
    };
    let mut out = String::new();
    if depth >= lim.min {
        let node = Node {
            shown: &shown,
            name: &name,
            st: &st,
            path: &path,
            quit: &lim.quit,
        };
        eval(p, expr, &node, &mut out).await;
    }
    if !out.is_empty() && !p.out(out).await {
        return 1;
    }
    let mut status = 0;
    if st.kind == FileKind::Dir && depth < lim.max {
        let names = p.fs.borrow().list(&path).unwrap_or_default();
        for n in names {
            if lim.quit.get() {
                break;
            }
            let sub = if shown.ends_with('/') {
                format!("{shown}{n}")
            } else {
                format!("{shown}/{n}")
            };
            status |= Box::pin(walk(p, expr, sub, join(&path, &n), depth + 1, lim)).await;
        }
    }
    status
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let first_expr = args
        .iter()
        .position(|a| a.starts_with('-') || a == "(" || a == "!")
        .unwrap_or(args.len());
    let mut roots: Vec<String> = args[..first_expr].to_vec();
    if roots.is_empty() {
        roots.push(".".into());
    }
    let toks = args[first_expr..].to_vec();
    let num = |flag: &str| {
        toks.iter()
            .position(|t| t == flag)
            .and_then(|i| toks.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let lim = Limits {
        min: num("-mindepth").unwrap_or(0),
        max: num("-maxdepth").unwrap_or(usize::MAX),
        quit: std::cell::Cell::new(false),
    };
    let mut parser = Parser {
        toks,
        i: 0,
        has_action: false,
    };
    let expr = if parser.toks.is_empty() {
        Expr::True
    } else {
        match parser.or() {
            Ok(e) if parser.i >= parser.toks.len() => e,
            Ok(_) => {
                p.err(format!(
                    "find: paths must precede expression: `{}'\n",
                    parser.toks[parser.i]
                ))
                .await;
                return 1;
            }
            Err(e) => {
                p.err(format!("find: {e}\n")).await;
                return 1;
            }
        }
    };
    let expr = if parser.has_action {
        expr
    } else {
        Expr::And(Box::new(expr), Box::new(Expr::Print))
    };
    let mut status = 0;
    for r in roots {
        if lim.quit.get() {
            break;
        }
        let path = p.path(&r);
        status |= walk(p, &expr, r, path, 0, &lim).await;
    }
    status
}

crate::program!(Find, main);
