//! `mkdir [-p] [-m MODE] DIR...`.

use super::super::fs::{dirname, Errno};
use super::super::program::{Proc, Style};
use super::chmod::parse_mode;
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('p', "parents", false),
    ('m', "mode", true),
    ('v', "verbose", false),
];
const USAGE: &str = "Usage: mkdir [-m MODE] [-p] DIRECTORY...\n\nCreate DIRECTORY\n\n\t-m MODE\tMode\n\t-p\tNo error if exists; make parent directories as needed";

async fn complain(p: &Proc, name: &str, e: Errno) {
    let line = match p.style {
        Style::Gnu => format!("mkdir: cannot create directory {}: {e}\n", q(name)),
        Style::Busybox => format!("mkdir: can't create directory '{name}': {e}\n"),
    };
    p.err(line).await;
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.is_empty() {
        return missing_operand(p, USAGE).await;
    }
    let base = 0o777 & !p.umask;
    let mode = match o.value('m') {
        Some(m) => match parse_mode(m, 0o777, p.umask, true) {
            Some(v) => v,
            None => {
                p.error(format!("invalid mode {}", q(m))).await;
                return 1;
            }
        },
        None => base,
    };
    let mut status = 0;
    for name in &o.operands {
        let path = p.path(name);
        if o.has('p') {
            let mut todo = Vec::new();
            let mut cur = path.clone();
            loop {
                let st = p.fs.borrow().stat(&cur);
                match st {
                    Ok(st) if st.is_dir() => break,
                    Ok(_) => {
                        complain(p, name, Errno::EEXIST).await;
                        status = 1;
                        todo.clear();
                        break;
                    }
                    Err(_) => {
                        todo.push(cur.clone());
                        if cur == "/" {
                            break;
                        }
                        cur = dirname(&cur);
                    }
                }
            }
            for (i, d) in todo.iter().rev().enumerate() {
                let m = if i + 1 == todo.len() {
                    mode
                } else {
                    base | 0o300
                };
                let r = p.fs.borrow_mut().mkdir(d, m);
                if let Err(e) = r {
                    if e != Errno::EEXIST {
                        complain(p, name, e).await;
                        status = 1;
                        break;
                    }
                }
            }
            continue;
        }
        let r = p.fs.borrow_mut().mkdir(&path, mode);
        if let Err(e) = r {
            complain(p, name, e).await;
            status = 1;
        }
    }
    status
}

crate::program!(Mkdir, main);
