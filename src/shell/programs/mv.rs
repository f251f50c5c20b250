//! `mv [-f] [-n] SRC... DEST`: a rename, or copy and remove across mounts.

use super::super::fs::{basename, join, Errno};
use super::super::program::{Proc, Program, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('f', "force", false),
    ('i', "interactive", false),
    ('n', "no-clobber", false),
    ('v', "verbose", false),
    ('T', "", false),
];
const USAGE: &str = "Usage: mv [-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nRename SOURCE to DEST, or move SOURCEs to DIRECTORY\n\n\t-f\tDon't prompt before overwriting\n\t-i\tInteractive, prompt before overwrite\n\t-n\tDon't overwrite an existing file\n\t-T\tRefuse to move if DEST is a directory\n\t-t DIR\tMove all SOURCEs into DIR\n\t-u\tDon't move if DEST is newer";

async fn complain(p: &Proc, src: &str, dst: &str, e: Errno) {
    let line = match (p.style, e) {
        (Style::Gnu, Errno::ENOENT) => format!("mv: cannot stat {}: {e}\n", q(src)),
        (Style::Gnu, _) => format!("mv: cannot move {} to {}: {e}\n", q(src), q(dst)),
        (Style::Busybox, _) => format!("mv: can't rename '{src}': {e}\n"),
    };
    p.err(line).await;
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.len() < 2 {
        if o.operands.len() == 1 && p.style == Style::Gnu {
            p.err(format!("mv: missing destination file operand after {}\nTry 'mv --help' for more information.\n", q(&o.operands[0]))).await;
            return 1;
        }
        return missing_operand(p, USAGE).await;
    }
    let (srcs, dest) = o.operands.split_at(o.operands.len() - 1);
    let dest = &dest[0];
    let dpath = p.path(dest);
    let dest_is_dir = p.fs.borrow().stat(&dpath).is_ok_and(|s| s.is_dir());
    if srcs.len() > 1 && !dest_is_dir {
        p.err(format!("mv: target {}: Not a directory\n", q(dest)))
            .await;
        return 1;
    }
    let mut status = 0;
    for s in srcs {
        let spath = p.path(s);
        let target = if dest_is_dir {
            join(&dpath, basename(&spath))
        } else {
            dpath.clone()
        };
        if o.has('n') && p.fs.borrow().lstat(&target).is_ok() {
            continue;
        }
        let r = p.fs.borrow_mut().rename(&spath, &target);
        match r {
            Ok(()) => {}
            Err(Errno::EXDEV) => {
                let mut cp = p.child(vec!["cp".into(), "-a".into(), s.clone(), target.clone()]);
                let copied = super::cp::Cp.run(&mut cp).await;
                let removed = if copied == 0 {
                    let mut rm = p.child(vec!["rm".into(), "-rf".into(), s.clone()]);
                    super::rm::Rm.run(&mut rm).await
                } else {
                    copied
                };
                status |= removed;
            }
            Err(e) => {
                complain(p, s, dest, e).await;
                status = 1;
            }
        }
    }
    status
}

crate::program!(Mv, main);
