//! `env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]` and `printenv [NAME]...`.

use super::super::exec::{run_argv, ExecError};
use super::super::program::{Proc, Style};

async fn env(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-i" | "-" | "--ignore-environment" => p.env.clear(),
            "-u" | "--unset" => {
                i += 1;
                if let Some(n) = args.get(i) {
                    p.env.retain(|(k, _)| k != n);
                }
            }
            "--" => {
                i += 1;
                break;
            }
            s if s.contains('=') => {
                let (k, v) = s.split_once('=').unwrap_or((s, ""));
                p.set_var(k, v);
            }
            s if s.starts_with('-') && s.len() > 1 => {
                p.err(format!(
                    "env: invalid option -- '{}'\nTry 'env --help' for more information.\n",
                    &s[1..2]
                ))
                .await;
                return 125;
            }
            _ => break,
        }
        i += 1;
    }
    let rest = args[i.min(args.len())..].to_vec();
    if rest.is_empty() {
        let out: String = p.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        p.out(out).await;
        return 0;
    }
    let name = rest[0].clone();
    match run_argv(p, rest).await {
        Ok(code) => code,
        Err(e) => {
            let line = match p.style {
                Style::Gnu => format!("env: '{name}': {}\n", e.errno()),
                Style::Busybox => format!("env: can't execute '{name}': {}\n", e.errno()),
            };
            p.err(line).await;
            if matches!(e, ExecError::NotFound) {
                127
            } else {
                126
            }
        }
    }
}

async fn printenv(p: &mut Proc) -> i32 {
    let names: Vec<String> = p.args[1..]
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    if names.is_empty() {
        let out: String = p.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        p.out(out).await;
        return 0;
    }
    let mut status = 0;
    let mut out = String::new();
    for n in names {
        match p.var(&n) {
            Some(v) => {
                out.push_str(v);
                out.push('\n');
            }
            None => status = 1,
        }
    }
    p.out(out).await;
    status
}

crate::program!(Env, env);
crate::program!(Printenv, printenv);
