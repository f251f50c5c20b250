//! `rm [-r] [-f] [-i] FILE...`.

use super::super::fs::{join, Errno, FileKind};
use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('r', "recursive", false),
    ('R', "", false),
    ('f', "force", false),
    ('i', "", false),
    ('v', "verbose", false),
    ('d', "dir", false),
];
const USAGE: &str = "Usage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse";

async fn complain(p: &Proc, name: &str, e: Errno) {
    let line = match p.style {
        Style::Gnu => format!("rm: cannot remove {}: {e}\n", q(name)),
        Style::Busybox => format!("rm: can't remove '{name}': {e}\n"),
    };
    p.err(line).await;
}

async fn remove_tree(p: &Proc, shown: &str, path: &str) -> i32 {
    p.step().await;
    let listed = p.fs.borrow().list(path);
    let names = match listed {
        Ok(n) => n,
        Err(e) => {
            complain(p, shown, e).await;
            return 1;
        }
    };
    let mut status = 0;
    for n in names {
        let sub = join(path, &n);
        let shown_sub = join(shown, &n);
        let is_dir =
            p.fs.borrow()
                .lstat(&sub)
                .is_ok_and(|s| s.kind == FileKind::Dir);
        if is_dir {
            status |= Box::pin(remove_tree(p, &shown_sub, &sub)).await;
        } else {
            let r = p.fs.borrow_mut().remove_file(&sub);
            if let Err(e) = r {
                complain(p, &shown_sub, e).await;
                status = 1;
            }
        }
    }
    let r = p.fs.borrow_mut().remove_dir(path);
    if let Err(e) = r {
        if status == 0 {
            complain(p, shown, e).await;
        }
        status = 1;
    }
    status
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let force = o.has('f');
    let recursive = o.has('r') || o.has('R');
    if o.operands.is_empty() {
        return if force {
            0
        } else {
            missing_operand(p, USAGE).await
        };
    }
    let mut status = 0;
    for name in &o.operands {
        let path = p.path(name);
        if recursive && path == "/" {
            p.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n").await;
            status = 1;
            continue;
        }
        let st = p.fs.borrow().lstat(&path);
        match st {
            Err(e) => {
                if !force {
                    complain(p, name, e).await;
                    status = 1;
                }
            }
            Ok(st) if st.kind == FileKind::Dir => {
                if recursive {
                    status |= remove_tree(p, name, &path).await;
                } else if o.has('d') {
                    let r = p.fs.borrow_mut().remove_dir(&path);
                    if let Err(e) = r {
                        complain(p, name, e).await;
                        status = 1;
                    }
                } else {
                    let line = match p.style {
                        Style::Gnu => format!("rm: cannot remove {}: Is a directory\n", q(name)),
                        Style::Busybox => format!("rm: '{name}' is a directory\n"),
                    };
                    p.err(line).await;
                    status = 1;
                }
            }
            Ok(_) => {
                let r = p.fs.borrow_mut().remove_file(&path);
                if let Err(e) = r {
                    complain(p, name, e).await;
                    status = 1;
                } else if o.has('v') {
                    p.out(format!("removed {}\n", q(name))).await;
                }
            }
        }
    }
    status
}

crate::program!(Rm, main);
