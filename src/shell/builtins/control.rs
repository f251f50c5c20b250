//! Builtins that steer execution: `:`, `true`, `false`, `exit`, `return`, `break`,
//! `continue`, `eval`, `.`/`source`, `exec`.

use super::super::flavor::Flavor;
use super::super::interp::{Flow, Shell};
use super::super::parser;
use super::super::program::BoxFut;
use super::fail;

/// `:` and `true`.
pub fn true_<'a>(_sh: &'a mut Shell, _a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async { 0 })
}

/// `false`.
pub fn false_<'a>(_sh: &'a mut Shell, _a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async { 1 })
}

/// Parses a status argument of `exit`/`return`; `None` (reported) when not a number.
async fn status_arg(sh: &mut Shell, name: &str, arg: Option<&String>) -> Option<i32> {
    let Some(s) = arg else {
        return Some(sh.status);
    };
    match s.parse::<i64>() {
        Ok(n) => Some((n & 255) as i32),
        Err(_) => {
            let msg = match sh.flavor {
                Flavor::Bash => format!("{s}: numeric argument required"),
                _ => format!("Illegal number: {s}"),
            };
            fail(sh, name, &msg).await;
            None
        }
    }
}

/// `exit [n]`.
pub fn exit<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        if sh.flavor == Flavor::Bash && a.len() > 2 {
            if sh.is_interactive() && !sh.subshell {
                sh.err("exit\n").await;
            }
            fail(sh, "exit", "too many arguments").await;
            return 1;
        }
        if sh.is_interactive() && !sh.subshell && sh.flavor == Flavor::Bash {
            sh.err("exit\n").await;
        }
        let code = status_arg(sh, "exit", a.get(1)).await.unwrap_or(2);
        sh.status = code;
        sh.flow = Flow::Exit;
        code
    })
}

/// `return [n]`.
pub fn return_<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        if sh.func_depth == 0 {
            fail(
                sh,
                "return",
                "can only `return' from a function or sourced script",
            )
            .await;
            return 1;
        }
        let code = status_arg(sh, "return", a.get(1)).await.unwrap_or(2);
        sh.status = code;
        sh.flow = Flow::Return;
        code
    })
}

/// `break [n]` and `continue [n]`.
pub fn break_<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let n = match a.get(1).map(|s| s.parse::<u32>()) {
            None => 1,
            Some(Ok(n)) if n > 0 => n,
            Some(_) => {
                let msg = format!("{}: loop count out of range", a[1]);
                fail(sh, &a[0], &msg).await;
                return 1;
            }
        };
        if sh.loop_depth == 0 {
            if sh.flavor == Flavor::Bash {
                fail(
                    sh,
                    &a[0],
                    "only meaningful in a `for', `while', or `until' loop",
                )
                .await;
            }
            return 0;
        }
        let n = n.min(sh.loop_depth);
        sh.flow = if a[0] == "break" {
            Flow::Break(n)
        } else {
            Flow::Continue(n)
        };
        0
    })
}

/// Parses and runs text in this shell (`eval`, `.`); syntax errors are reported.
pub async fn run_text(sh: &mut Shell, text: &str) -> i32 {
    match parser::parse(text, sh.flavor.is_bashlike()) {
        Ok(list) => {
            let base = sh.line_base;
            sh.line_base = sh.line;
            let s = sh.run_list(&list).await;
            sh.line_base = base;
            s
        }
        Err(f) => {
            let msg = sh.flavor.syntax_error(&f.error);
            sh.error(&msg).await;
            sh.status = 2;
            if !sh.is_interactive() {
                sh.flow = Flow::Exit;
            }
            2
        }
    }
}

/// `eval args…`.
pub fn eval<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let text = a[1..].join(" ");
        sh.status = 0;
        run_text(sh, &text).await
    })
}

/// `. file [args]` and `source file [args]`.
pub fn source<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let Some(file) = a.get(1) else {
            let msg = match sh.flavor {
                Flavor::Bash => "filename argument required".to_owned(),
                _ => "missing filename".to_owned(),
            };
            fail(sh, &a[0], &msg).await;
            return 2;
        };
        let path = if file.contains('/') {
            Some(super::super::fs::resolve(&sh.cwd, file))
        } else {
            sh.find_program(file).ok().or_else(|| {
                let p = super::super::fs::resolve(&sh.cwd, file);
                (sh.flavor == Flavor::Bash).then_some(p)
            })
        };
        let data = path.and_then(|p| sh.env.fs.borrow().read(&p).ok());
        let Some(data) = data else {
            let msg = match sh.flavor {
                Flavor::Bash => format!("{file}: No such file or directory"),
                Flavor::Dash => format!("{}: cannot open {file}: No such file", a[0]),
                Flavor::Ash => format!("{}: can't open '{file}': No such file or directory", a[0]),
            };
            sh.error(&msg).await;
            if !sh.is_interactive() && sh.flavor != Flavor::Bash {
                sh.flow = Flow::Exit;
            }
            return if sh.flavor == Flavor::Bash { 1 } else { 2 };
        };
        if sh.env.depth + sh.func_depth >= super::super::command::MAX_NESTING {
            sh.error(&format!(
                "{file}: maximum function nesting level exceeded ({})",
                super::super::command::MAX_NESTING
            ))
            .await;
            sh.flow = Flow::Exit;
            return 1;
        }
        let text = String::from_utf8_lossy(&data).into_owned();
        let old = (a.len() > 2).then(|| std::mem::replace(&mut sh.positional, a[2..].to_vec()));
        sh.func_depth += 1;
        sh.status = 0;
        let status = run_text(sh, &text).await;
        sh.func_depth -= 1;
        if sh.flow == Flow::Return {
            sh.flow = Flow::Normal;
        }
        if let Some(o) = old {
            sh.positional = o;
        }
        let _ = status;
        sh.status
    })
}

/// `exec cmd args…`: runs the command in place of the shell, which then ends with its
/// status. (`exec` with only redirections is handled with the simple command.)
pub fn exec<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let argv = a[1..].to_vec();
        let status = if let Some(b) = super::find(sh.flavor, &argv[0]) {
            b(sh, &argv).await
        } else {
            sh.exec_external(argv).await
        };
        sh.status = status;
        sh.flow = Flow::Exit;
        status
    })
}
