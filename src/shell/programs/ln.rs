//! `ln [-s] [-f] TARGET LINK` and `ln [-s] TARGET... DIR`. A hard link is made as a copy
//! (the filesystem has no link counts to share).

use super::super::fs::{basename, join, Errno};
use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('s', "symbolic", false),
    ('f', "force", false),
    ('n', "no-dereference", false),
    ('v', "verbose", false),
    ('T', "", false),
];
const USAGE: &str = "Usage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n\nCreate a link LINK or DIR/TARGET to the specified TARGET(s)\n\n\t-s\tMake symlinks instead of hardlinks\n\t-f\tRemove existing destinations\n\t-n\tDon't dereference symlinks - treat like normal file\n\t-b\tMake a backup of the target (if exists) before link operation\n\t-S suf\tUse suffix instead of ~ when making backup files\n\t-T\tTreat LINK as a file, not DIR\n\t-v\tVerbose";

async fn complain(p: &Proc, sym: bool, link: &str, target: &str, e: Errno) {
    let line = match (p.style, e) {
        (Style::Gnu, Errno::ENOENT) if !sym => format!("ln: failed to access {}: {e}\n", q(target)),
        (Style::Gnu, _) => format!(
            "ln: failed to create {} link {}: {e}\n",
            if sym { "symbolic" } else { "hard" },
            q(link)
        ),
        (Style::Busybox, _) => format!("ln: {link}: {e}\n"),
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
    let sym = o.has('s');
    let mut ops = o.operands.clone();
    if ops.len() == 1 {
        ops.push(basename(&ops[0]).to_owned());
    }
    let (targets, last) = ops.split_at(ops.len() - 1);
    let last = &last[0];
    let lpath = p.path(last);
    let into_dir = !o.has('n') && p.fs.borrow().stat(&lpath).is_ok_and(|s| s.is_dir());
    let mut status = 0;
    for t in targets {
        let (link_shown, link) = if into_dir {
            (join(last, basename(t)), join(&lpath, basename(t)))
        } else {
            (last.clone(), lpath.clone())
        };
        if o.has('f') {
            let _ = p.fs.borrow_mut().remove_file(&link);
        }
        let r = if sym {
            p.fs.borrow_mut().symlink(t, &link)
        } else {
            let tpath = p.path(t);
            let exists = p.fs.borrow().lstat(&link).is_ok();
            let data = p.fs.borrow().read(&tpath);
            match (exists, data) {
                (true, _) => Err(Errno::EEXIST),
                (_, Err(e)) => Err(e),
                (false, Ok(d)) => {
                    let mode = p.fs.borrow().stat(&tpath).map_or(0o644, |s| s.mode);
                    p.fs.borrow_mut().write(&link, &d, mode)
                }
            }
        };
        if let Err(e) = r {
            complain(p, sym, &link_shown, t, e).await;
            status = 1;
        }
    }
    status
}

crate::program!(Ln, main);
