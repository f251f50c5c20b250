//! The shell as a program: `bash`, `dash`/`sh`, busybox `ash`. Reads its options, then runs
//! `-c` text, a script, or commands from standard input — with prompts, `> ` continuation
//! lines, Ctrl-C and budgets when that is a terminal.
//!
//! Input is run one complete command at a time, as shells do: a syntax error late in a
//! script does not stop the commands before it.

use std::rc::Rc;

use super::super::flavor::{expand_prompt, Flavor};
use super::super::interp::{Flow, JobsThen, Mode, Shell};
use super::super::parser::{self, SyntaxError};
use super::super::process::{guard, Stop};
use super::super::program::{BoxFut, Proc, Program};
use super::super::users;
use crate::kernel::signal;

/// A shell of the given flavour.
#[derive(Clone, Copy, Debug)]
pub struct Sh(pub Flavor);

impl Program for Sh {
    fn run<'a>(&'a self, p: &'a mut Proc) -> BoxFut<'a, i32> {
        Box::pin(main(self.0, p))
    }
}

/// Where commands come from.
enum Source {
    /// Lines of a text (`-c`, a script file).
    Text(Vec<String>),
    /// Standard input.
    Stdin,
}

fn lines_of(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_owned).collect()
}

async fn main(flavor: Flavor, p: &mut Proc) -> i32 {
    let args = p.args.clone();
    let mut command: Option<bool> = None;
    let mut force_interactive = false;
    let mut set_flags = String::new();
    let mut i = 1;
    while let Some(a) = args.get(i) {
        if a == "--" || a == "-" {
            i += 1;
            break;
        }
        if a.starts_with("--") {
            match a.as_str() {
                "--login" | "--norc" | "--noprofile" | "--posix" | "--noediting" => {}
                "--version" if flavor == Flavor::Bash => {
                    p.out("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n").await;
                    return 0;
                }
                _ => {
                    p.err(format!("{}: {a}: invalid option\n", p.name())).await;
                    return 2;
                }
            }
            i += 1;
            continue;
        }
        let Some(flags) = a.strip_prefix('-').or_else(|| a.strip_prefix('+')) else {
            break;
        };
        for c in flags.chars() {
            match c {
                'c' => command = Some(true),
                'i' => force_interactive = true,
                'l' | 's' | 'v' | 'h' | 'm' | 'p' => {}
                'e' | 'x' | 'u' | 'f' => set_flags.push(c),
                _ => {
                    let msg = match flavor {
                        Flavor::Bash => format!("{}: -{c}: invalid option\n", p.name()),
                        _ => format!("{}: 0: Illegal option -{c}\n", p.name()),
                    };
                    p.err(msg).await;
                    return 2;
                }
            }
        }
        i += 1;
    }
    let rest: Vec<String> = args[i.min(args.len())..].to_vec();
    let (mode, source, arg0, positional) = if command.is_some() {
        let Some(text) = rest.first() else {
            p.err(format!("{}: -c: option requires an argument\n", p.name()))
                .await;
            return 2;
        };
        let arg0 = rest.get(1).cloned().unwrap_or_else(|| args[0].clone());
        let pos = rest.get(2..).map(<[String]>::to_vec).unwrap_or_default();
        (Mode::Command, Source::Text(lines_of(text)), arg0, pos)
    } else if let Some(script) = rest.first() {
        let path = p.path(script);
        let read = p.fs.borrow().read(&path);
        let data = match read {
            Ok(d) => d,
            Err(e) => {
                let (msg, code) = match flavor {
                    Flavor::Bash => (format!("{}: {script}: {e}\n", p.name()), 127),
                    Flavor::Dash => (
                        format!("{}: 0: cannot open {script}: No such file\n", p.name()),
                        2,
                    ),
                    Flavor::Ash => (format!("{}: can't open '{script}': {e}\n", p.name()), 2),
                };
                p.err(msg).await;
                return code;
            }
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        (
            Mode::Script(script.clone()),
            Source::Text(lines_of(&text)),
            script.clone(),
            rest[1..].to_vec(),
        )
    } else if force_interactive || p.stdin.is_tty() {
        (
            Mode::Interactive,
            Source::Stdin,
            args[0].clone(),
            Vec::new(),
        )
    } else {
        (Mode::Stdin, Source::Stdin, args[0].clone(), Vec::new())
    };
    let mut sh = Shell::new(p, flavor, mode);
    sh.arg0 = arg0;
    sh.positional = positional;
    for c in set_flags.chars() {
        match c {
            'e' => sh.opts.errexit = true,
            'x' => sh.opts.xtrace = true,
            'u' => sh.opts.nounset = true,
            _ => sh.opts.noglob = true,
        }
    }
    setup_vars(&mut sh, p);
    if sh.is_interactive() {
        let s = &sh.env.signals;
        s.ignored
            .set(s.ignored.get() | 1 << signal::SIGTERM | 1 << signal::SIGQUIT);
        s.caught.set(s.caught.get() | 1 << signal::SIGINT);
    }
    let jobs = Rc::clone(&sh.env.jobs);
    let status = JobsThen {
        jobs: Some(jobs),
        main: Box::pin(run(&mut sh, source)),
    }
    .await;
    sh.flush_held();
    status
}

fn setup_vars(sh: &mut Shell, p: &Proc) {
    let cwd = sh.cwd.clone();
    let _ = sh.vars.set("PWD", &cwd);
    sh.vars.export("PWD");
    if sh.var("HOME").is_none() {
        let home =
            users::by_uid(&*p.fs.borrow(), p.cred.uid).map_or_else(|| "/".to_owned(), |u| u.home);
        let _ = sh.vars.set("HOME", &home);
    }
    if sh.var("PATH").is_none() {
        let _ = sh.vars.set(
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        );
    }
    if sh.flavor == Flavor::Bash {
        let lvl = sh
            .var("SHLVL")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
            + 1;
        let _ = sh.vars.set("SHLVL", &lvl.to_string());
        sh.vars.export("SHLVL");
    }
    if sh.is_interactive() {
        if sh.var("PS1").is_none() {
            let ps1 = sh.flavor.default_ps1(p.cred.uid == 0);
            let _ = sh.vars.set("PS1", &ps1);
        }
        if sh.var("PS2").is_none() {
            let _ = sh.vars.set("PS2", "> ");
        }
    }
}

/// The primary prompt, with its escapes expanded.
pub fn prompt(sh: &Shell) -> String {
    let ps1 = sh.var("PS1").unwrap_or("$ ").to_owned();
    if sh.flavor == Flavor::Dash {
        return ps1;
    }
    let fs = sh.env.fs.borrow();
    let uid = sh.env.cred.uid;
    let user = users::user_name(&*fs, uid).unwrap_or_else(|| uid.to_string());
    let home = sh.var("HOME").unwrap_or("").to_owned();
    expand_prompt(
        &ps1,
        &user,
        &sh.env.machine.hostname,
        &sh.cwd,
        &home,
        uid == 0,
    )
}

async fn syntax_error(sh: &mut Shell, e: &SyntaxError, line: u32, text: &str) {
    sh.line = line;
    let msg = sh.flavor.syntax_error(e);
    let prefix = match (&sh.mode, sh.flavor) {
        (Mode::Command, Flavor::Bash) => format!("{}: -c: line {line}: ", sh.name()),
        _ => sh.prefix(),
    };
    let mut out = format!("{prefix}{msg}\n");
    if sh.flavor == Flavor::Bash && !sh.is_interactive() && !matches!(e, SyntaxError::Incomplete) {
        let src = text
            .lines()
            .nth(line.saturating_sub(sh.line_base) as usize)
            .unwrap_or("")
            .trim_end();
        out.push_str(&format!("{prefix}`{src}'\n"));
    }
    sh.err(&out).await;
    sh.status = 2;
}

async fn run(sh: &mut Shell, source: Source) -> i32 {
    let interactive = sh.is_interactive();
    let tty = sh.fds.stdin.tty();
    let signals = Rc::clone(&sh.env.signals);
    let budget = Rc::clone(&sh.env.budget);
    let mut lines = match source {
        Source::Text(l) => Some(l.into_iter()),
        Source::Stdin => None,
    };
    let mut buf = String::new();
    let mut read = 0u32;
    let mut first = 1u32;
    loop {
        let line = match lines.as_mut() {
            Some(it) => it.next(),
            None if interactive => {
                if let Some(t) = &tty {
                    if let Ok(mut t) = t.try_borrow_mut() {
                        t.take_interrupt();
                    }
                }
                signals.take_caught(signal::SIGINT);
                let prompt = if buf.is_empty() {
                    prompt(sh)
                } else {
                    sh.var("PS2").unwrap_or("> ").to_owned()
                };
                let stdin = sh.fds.stdin.clone();
                let (b2, sys2) = (Rc::clone(&budget), Rc::clone(&sh.env.sys));
                let fut: BoxFut<'_, Option<String>> =
                    Box::pin(async move { stdin.read_line(&prompt, &b2, &sys2).await });
                match guard(fut, &budget, tty.as_ref(), Some(&signals)).await {
                    Ok(l) => l,
                    Err(_) => {
                        buf.clear();
                        sh.err("\n").await;
                        sh.status = 130;
                        continue;
                    }
                }
            }
            None => {
                let stdin = sh.fds.stdin.clone();
                stdin.read_line("", &budget, &sh.env.sys).await
            }
        };
        let Some(mut line) = line else {
            if !buf.trim().is_empty() {
                let text = buf.clone();
                syntax_error(sh, &SyntaxError::Incomplete, read, &text).await;
            }
            if interactive && sh.flavor == Flavor::Bash {
                sh.err("exit\n").await;
            }
            break;
        };
        read += 1;
        if buf.is_empty() {
            first = read;
        }
        if !line.ends_with('\n') {
            line.push('\n');
        }
        buf.push_str(&line);
        if interactive {
            sh.line = read;
        }
        let list = match parser::parse(&buf, sh.flavor.is_bashlike()) {
            Ok(l) => l,
            Err(f) if f.error == SyntaxError::Incomplete => continue,
            Err(f) => {
                let text = std::mem::take(&mut buf);
                sh.line_base = first;
                syntax_error(sh, &f.error, first + f.line - 1, &text).await;
                if interactive {
                    continue;
                }
                break;
            }
        };
        buf.clear();
        sh.line_base = first;
        if interactive {
            budget.clear();
            let saved = (sh.fds.clone(), sh.positional.clone());
            let outcome = guard(sh.run_list(&list), &budget, tty.as_ref(), Some(&signals)).await;
            match outcome {
                Ok(_) => {}
                Err(stop) => {
                    sh.fds = saved.0;
                    sh.positional = saved.1;
                    sh.loop_depth = 0;
                    sh.func_depth = 0;
                    sh.no_errexit = 0;
                    sh.locals.clear();
                    sh.flow = Flow::Normal;
                    match stop {
                        Stop::Interrupted => {
                            sh.err("\n").await;
                            sh.status = 130;
                        }
                        Stop::Budget(trip) => {
                            budget.clear();
                            sh.err(&trip.message()).await;
                            sh.status = trip.status();
                        }
                    }
                }
            }
        } else {
            sh.run_list(&list).await;
        }
        sh.flush_held();
        if sh.flow == Flow::Exit {
            break;
        }
        sh.flow = Flow::Normal;
    }
    sh.status
}
