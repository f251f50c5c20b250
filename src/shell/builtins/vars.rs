//! Builtins for variables and parameters: `export`, `readonly`, `unset`, `set`, `shift`,
//! `local`, `let`.

use super::super::command::quote;
use super::super::flavor::Flavor;
use super::super::interp::Shell;
use super::super::lexer::is_name;
use super::super::program::BoxFut;
use super::fail;

async fn invalid(sh: &Shell, name: &str, what: &str) {
    let msg = match sh.flavor {
        Flavor::Bash => format!("`{what}': not a valid identifier"),
        _ => format!("{what}: bad variable name"),
    };
    fail(sh, name, &msg).await;
}

/// `export [-p] [name[=value]…]` and `readonly`.
pub fn export<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let ro = a[0] == "readonly";
        let args: Vec<&String> = a[1..].iter().filter(|x| !x.starts_with('-')).collect();
        if args.is_empty() {
            let mut out = String::new();
            for (k, v) in sh.vars.sorted() {
                if (ro && !v.readonly) || (!ro && !v.exported) {
                    continue;
                }
                let val = v.value.as_deref();
                match sh.flavor {
                    Flavor::Bash => {
                        let flag = if ro { "-r" } else { "-x" };
                        match val {
                            Some(val) => out.push_str(&format!(
                                "declare {flag} {k}=\"{}\"\n",
                                val.replace('\\', "\\\\")
                                    .replace('"', "\\\"")
                                    .replace('$', "\\$")
                            )),
                            None => out.push_str(&format!("declare {flag} {k}\n")),
                        }
                    }
                    _ => {
                        let word = if ro { "readonly" } else { "export" };
                        match val {
                            Some(val) => out.push_str(&format!(
                                "{word} {k}='{}'\n",
                                val.replace('\'', "'\"'\"'")
                            )),
                            None => out.push_str(&format!("{word} {k}\n")),
                        }
                    }
                }
            }
            sh.out(&out).await;
            return 0;
        }
        let mut status = 0;
        for arg in args {
            let (name, value) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (arg.as_str(), None),
            };
            if !is_name(name) {
                invalid(sh, &a[0], arg).await;
                status = 1;
                continue;
            }
            if let Some(v) = value {
                if !sh.set_var(name, v).await {
                    status = 1;
                    continue;
                }
            }
            if ro {
                sh.vars.set_readonly(name);
            } else {
                sh.vars.export(name);
            }
        }
        status
    })
}

/// `unset [-v|-f] name…`.
pub fn unset<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let funcs = a.iter().any(|x| x == "-f");
        let mut status = 0;
        for n in a[1..].iter().filter(|x| !x.starts_with('-')) {
            if funcs {
                sh.funcs.remove(n);
                continue;
            }
            if sh.vars.unset(n).is_err() {
                let msg = match sh.flavor {
                    Flavor::Bash => format!("{n}: cannot unset: readonly variable"),
                    _ => format!("{n}: is read only"),
                };
                fail(sh, "unset", &msg).await;
                status = 1;
            } else if sh.vars.get(n).is_none() && !funcs {
                sh.funcs.remove(n);
            }
        }
        status
    })
}

/// `set [-efux] [+efux] [-o option] [--] [args…]`.
pub fn set<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        if a.len() == 1 {
            let mut out = String::new();
            for (k, v) in sh.vars.sorted() {
                if let Some(val) = v.value {
                    out.push_str(&format!("{k}={}\n", quote(&val)));
                }
            }
            sh.out(&out).await;
            return 0;
        }
        let mut i = 1;
        while i < a.len() {
            let arg = &a[i];
            if arg == "--" {
                sh.positional = a[i + 1..].to_vec();
                return 0;
            }
            let (on, flags) = match arg.chars().next() {
                Some('-') => (true, &arg[1..]),
                Some('+') => (false, &arg[1..]),
                _ => break,
            };
            if flags.is_empty() {
                i += 1;
                break;
            }
            for f in flags.chars() {
                match f {
                    'e' => sh.opts.errexit = on,
                    'x' => sh.opts.xtrace = on,
                    'f' => sh.opts.noglob = on,
                    'u' => sh.opts.nounset = on,
                    'o' => {
                        i += 1;
                        match a.get(i).map(String::as_str) {
                            Some("errexit") => sh.opts.errexit = on,
                            Some("xtrace") => sh.opts.xtrace = on,
                            Some("noglob") => sh.opts.noglob = on,
                            Some("nounset") => sh.opts.nounset = on,
                            Some("pipefail") | Some("vi") | Some("emacs") => {}
                            Some(o) => {
                                let msg = format!("{o}: invalid option name");
                                fail(sh, "set", &msg).await;
                                return 1;
                            }
                            None => {
                                let o = sh.opts;
                                let mut out = String::new();
                                for (n, v) in [
                                    ("errexit", o.errexit),
                                    ("noglob", o.noglob),
                                    ("nounset", o.nounset),
                                    ("xtrace", o.xtrace),
                                ] {
                                    out.push_str(&format!(
                                        "{n:<15}\t{}\n",
                                        if v { "on" } else { "off" }
                                    ));
                                }
                                sh.out(&out).await;
                                return 0;
                            }
                        }
                    }
                    'v' | 'h' | 'm' | 'b' | 'C' | 'B' | 'H' | 'a' | 'n' | 'T' | 'E' | 'P' => {}
                    c => {
                        let msg = match sh.flavor {
                            Flavor::Bash => format!("-{c}: invalid option"),
                            _ => format!("Illegal option -{c}"),
                        };
                        fail(sh, "set", &msg).await;
                        return 2;
                    }
                }
            }
            i += 1;
        }
        if i < a.len() {
            sh.positional = a[i..].to_vec();
        }
        0
    })
}

/// `shift [n]`.
pub fn shift<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let n = match a.get(1).map(|s| s.parse::<usize>()) {
            None => 1,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let msg = match sh.flavor {
                    Flavor::Bash => format!("{}: numeric argument required", a[1]),
                    _ => format!("Illegal number: {}", a[1]),
                };
                fail(sh, "shift", &msg).await;
                return 2;
            }
        };
        if n > sh.positional.len() {
            match sh.flavor {
                Flavor::Bash => return 1,
                _ => {
                    fail(sh, "shift", "can't shift that many").await;
                    return 2;
                }
            }
        }
        sh.positional.drain(..n);
        0
    })
}

/// `local name[=value]…` (inside a function).
pub fn local<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        if sh.locals.is_empty() {
            fail(sh, "local", "can only be used in a function").await;
            return 1;
        }
        for arg in &a[1..] {
            let (name, value) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (arg.as_str(), None),
            };
            if !is_name(name) {
                invalid(sh, "local", arg).await;
                return 1;
            }
            let prev = sh.vars.get(name).cloned();
            if let Some(frame) = sh.locals.last_mut() {
                if !frame.iter().any(|(n, _)| n == name) {
                    frame.push((name.to_owned(), prev));
                }
            }
            match value {
                Some(v) => {
                    let _ = sh.vars.set(name, v);
                }
                None if sh.flavor == Flavor::Bash => {
                    let _ = sh.vars.unset(name);
                    sh.vars.restore(name, Some(Default::default()));
                }
                None => {}
            }
        }
        0
    })
}

/// `let expr…` (bash, ash): status 1 when the last value is 0.
pub fn let_<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        if a.len() < 2 {
            fail(sh, "let", "expression expected").await;
            return 1;
        }
        let mut last = 0;
        for e in &a[1..] {
            match sh.arith(e).await {
                Some(v) => last = v,
                None => return 1,
            }
        }
        (last == 0) as i32
    })
}
