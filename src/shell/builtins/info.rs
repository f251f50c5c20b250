//! `type`, `command`, `wait` and the `kill` builtin.

use super::super::flavor::Flavor;
use super::super::interp::Shell;
use super::super::program::BoxFut;
use super::super::programs::kill;
use super::{fail, find, is_keyword, is_special};
use crate::kernel::yield_now;

/// What a name is, as `type` says it; `None` when not found.
fn describe(sh: &Shell, name: &str, verbose: bool) -> Option<String> {
    if is_keyword(sh.flavor, name) {
        return Some(if verbose {
            format!("{name} is a shell keyword")
        } else {
            name.to_owned()
        });
    }
    if sh.funcs.contains_key(name) {
        return Some(if verbose {
            format!("{name} is a function")
        } else {
            name.to_owned()
        });
    }
    if find(sh.flavor, name).is_some() {
        if !verbose {
            return Some(name.to_owned());
        }
        let kind = if sh.flavor != Flavor::Bash && is_special(name) {
            "special shell builtin"
        } else {
            "shell builtin"
        };
        return Some(format!("{name} is a {kind}"));
    }
    let path = sh.find_program(name).ok()?;
    if name.contains('/') && sh.env.fs.borrow().stat(&path).is_err() {
        return None;
    }
    Some(if verbose {
        if name.contains('/') {
            format!("{name} is {name}")
        } else {
            format!("{name} is {path}")
        }
    } else if name.contains('/') {
        name.to_owned()
    } else {
        path
    })
}

/// `type name…`.
pub fn type_<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let mut status = 0;
        for n in a[1..].iter().filter(|x| !x.starts_with('-')) {
            match describe(sh, n, true) {
                Some(d) => {
                    sh.out(&format!("{d}\n")).await;
                }
                None => {
                    status = 1;
                    match sh.flavor {
                        Flavor::Bash => fail(sh, "type", &format!("{n}: not found")).await,
                        _ => {
                            sh.out(&format!("{n}: not found\n")).await;
                            status = 127;
                        }
                    }
                }
            }
        }
        status
    })
}

/// `command [-v|-V] name [args…]`.
pub fn command<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let mut i = 1;
        let mut mode = None;
        while let Some(f) = a.get(i) {
            match f.as_str() {
                "-v" => mode = Some(false),
                "-V" => mode = Some(true),
                "-p" => {}
                "--" => {
                    i += 1;
                    break;
                }
                _ => break,
            }
            i += 1;
        }
        let rest = &a[i.min(a.len())..];
        if let Some(verbose) = mode {
            let mut status = 0;
            for n in rest {
                match describe(sh, n, verbose) {
                    Some(d) => {
                        sh.out(&format!("{d}\n")).await;
                    }
                    None => {
                        status = 1;
                        if verbose {
                            match sh.flavor {
                                Flavor::Bash => {
                                    fail(sh, "command", &format!("{n}: not found")).await
                                }
                                _ => {
                                    sh.out(&format!("{n}: not found\n")).await;
                                }
                            }
                        }
                    }
                }
            }
            return status;
        }
        let Some(name) = rest.first() else {
            return 0;
        };
        if let Some(b) = find(sh.flavor, name) {
            return b(sh, rest).await;
        }
        sh.run_external(rest.to_vec(), &[]).await
    })
}

/// `wait [pid…]`: waits for background jobs.
pub fn wait<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let want: Vec<u32> = a[1..]
            .iter()
            .filter_map(|x| x.trim_start_matches('%').parse().ok())
            .collect();
        loop {
            let running = {
                let jobs = sh.env.jobs.borrow();
                jobs.iter()
                    .filter(|j| {
                        want.is_empty()
                            || want.contains(&j.pid)
                            || want.contains(&(j.number as u32))
                    })
                    .count()
            };
            if running == 0 {
                return 0;
            }
            sh.env.budget.reset();
            yield_now().await;
        }
    })
}

/// The `kill` builtin (also takes `%job`).
pub fn kill<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let args = a[1..].to_vec();
        if args.first().is_some_and(|x| x == "-l" || x == "-L") {
            sh.out(&kill::list()).await;
            return 0;
        }
        let (sig, targets) = match kill::parse(&args) {
            Ok(v) => v,
            Err(e) => {
                fail(sh, "kill", &e).await;
                return 1;
            }
        };
        if targets.is_empty() {
            let msg = match sh.flavor {
                Flavor::Bash => "usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
                _ => "usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]",
            };
            fail(sh, "kill", msg).await;
            return if sh.flavor == Flavor::Bash { 2 } else { 1 };
        }
        let mut status = 0;
        for t in targets {
            let pid = if let Some(j) = t.strip_prefix('%') {
                let n: usize = j.parse().unwrap_or(0);
                sh.env
                    .jobs
                    .borrow()
                    .iter()
                    .find(|x| x.number == n)
                    .map(|x| x.pid)
            } else {
                t.parse().ok()
            };
            let ok = pid.is_some_and(|p| kill::send(&sh.env.sys, &sh.env.machine, p, sig));
            if !ok {
                status = 1;
                let msg = match (sh.flavor, pid) {
                    (Flavor::Bash, None) => format!("{t}: arguments must be process or job IDs"),
                    (Flavor::Bash, Some(_)) => format!("({t}) - No such process"),
                    (Flavor::Dash, _) => "No such process".to_owned(),
                    (Flavor::Ash, _) => format!("can't kill pid {t}: No such process"),
                };
                fail(sh, "kill", &msg).await;
            }
        }
        status
    })
}
