//! `cp [-r] [-a] [-p] [-f] SRC... DEST`: files and (with `-r`) trees, through the
//! filesystem (so a copy in a container lands in its upper layer).

use super::super::fs::{basename, join, Errno, FileKind};
use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('r', "recursive", false),
    ('R', "", false),
    ('a', "archive", false),
    ('p', "", false),
    ('f', "force", false),
    ('v', "verbose", false),
    ('n', "no-clobber", false),
    ('L', "dereference", false),
    ('P', "no-dereference", false),
    ('d', "", false),
];
const USAGE: &str = "Usage: cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n\nCopy SOURCEs to DEST\n\n\t-a\tSame as -dpR\n\t-R,-r\tRecurse\n\t-d,-P\tPreserve symlinks (default if -R)\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-p\tPreserve file attributes if possible\n\t-f\tOverwrite\n\t-i\tPrompt before overwrite\n\t-n\tDon't overwrite\n\t-l,-s\tCreate (sym)links\n\t-T\tRefuse to copy if DEST is a directory\n\t-t DIR\tCopy all SOURCEs into DIR\n\t-u\tCopy only newer files";

/// How a copy treats attributes and links.
#[derive(Clone, Copy)]
struct How {
    recursive: bool,
    preserve: bool,
    keep_links: bool,
    no_clobber: bool,
}

async fn complain(p: &Proc, what: &str, name: &str, e: Errno) {
    let line = match p.style {
        Style::Gnu => format!("{}: {what} {}: {e}\n", p.name(), q(name)),
        Style::Busybox => format!(
            "{}: can't {} '{name}': {e}\n",
            p.name(),
            what.trim_start_matches("cannot ")
        ),
    };
    p.err(line).await;
}

/// Copies `src` (shown as `shown`) to `dst`; returns the status.
async fn copy(p: &Proc, shown: &str, src: &str, dst: &str, how: How, top: bool) -> i32 {
    p.step().await;
    let st = if how.keep_links && !top {
        p.fs.borrow().lstat(src)
    } else {
        p.fs.borrow().stat(src)
    };
    let st = match st {
        Ok(s) => s,
        Err(e) => {
            complain(p, "cannot stat", shown, e).await;
            return 1;
        }
    };
    let umask = if how.preserve { 0 } else { p.umask };
    match st.kind {
        FileKind::Dir => {
            if !how.recursive {
                let line = match p.style {
                    Style::Gnu => {
                        format!("cp: -r not specified; omitting directory {}\n", q(shown))
                    }
                    Style::Busybox => format!("cp: omitting directory '{shown}'\n"),
                };
                p.err(line).await;
                return 1;
            }
            if dst.starts_with(&join(src, "")) {
                p.err(format!(
                    "cp: cannot copy a directory, {}, into itself, {}\n",
                    q(shown),
                    q(dst)
                ))
                .await;
                return 1;
            }
            let exists = p.fs.borrow().stat(dst).is_ok_and(|s| s.is_dir());
            if !exists {
                let r = p.fs.borrow_mut().mkdir(dst, st.mode & !umask | 0o700);
                if let Err(e) = r {
                    complain(p, "cannot create directory", dst, e).await;
                    return 1;
                }
            }
            let names = p.fs.borrow().list(src).unwrap_or_default();
            let mut status = 0;
            for n in names {
                status |= Box::pin(copy(
                    p,
                    &join(shown, &n),
                    &join(src, &n),
                    &join(dst, &n),
                    how,
                    false,
                ))
                .await;
            }
            let mut fs = p.fs.borrow_mut();
            let _ = fs.chmod(
                dst,
                if how.preserve {
                    st.mode
                } else {
                    st.mode & !umask
                },
            );
            if how.preserve {
                let _ = fs.chown(dst, Some(st.uid), Some(st.gid));
                let _ = fs.set_mtime(dst, st.mtime);
            }
            status
        }
        FileKind::Symlink => {
            let target = p.fs.borrow().readlink(src).unwrap_or_default();
            let r = {
                let mut fs = p.fs.borrow_mut();
                let _ = fs.remove_file(dst);
                fs.symlink(&target, dst)
            };
            match r {
                Ok(()) => 0,
                Err(e) => {
                    complain(p, "cannot create symbolic link", dst, e).await;
                    1
                }
            }
        }
        _ => {
            if how.no_clobber && p.fs.borrow().lstat(dst).is_ok() {
                return 0;
            }
            let dst_is_dir = p.fs.borrow().stat(dst).is_ok_and(|d| d.is_dir());
            if dst_is_dir {
                let line = format!(
                    "cp: cannot overwrite directory {} with non-directory\n",
                    q(dst)
                );
                p.err(line).await;
                return 1;
            }
            let read = p.fs.borrow().read(src);
            let data = match read {
                Ok(d) => d,
                Err(e) => {
                    complain(p, "cannot open", shown, e).await;
                    return 1;
                }
            };
            let r =
                p.fs.borrow_mut()
                    .write(dst, &data, st.mode & !umask & 0o777);
            if let Err(e) = r {
                complain(p, "cannot create regular file", dst, e).await;
                return 1;
            }
            if how.preserve {
                let mut fs = p.fs.borrow_mut();
                let _ = fs.chmod(dst, st.mode);
                let _ = fs.chown(dst, Some(st.uid), Some(st.gid));
                let _ = fs.set_mtime(dst, st.mtime);
            }
            0
        }
    }
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let how = How {
        recursive: o.has('r') || o.has('R') || o.has('a'),
        preserve: o.has('a') || o.has('p'),
        keep_links: o.has('a')
            || o.has('P')
            || o.has('d')
            || ((o.has('r') || o.has('R')) && !o.has('L')),
        no_clobber: o.has('n'),
    };
    if o.operands.len() < 2 {
        if o.operands.len() == 1 && p.style == Style::Gnu {
            p.err(format!("cp: missing destination file operand after {}\nTry 'cp --help' for more information.\n", q(&o.operands[0]))).await;
            return 1;
        }
        return missing_operand(p, USAGE).await;
    }
    let (srcs, dest) = o.operands.split_at(o.operands.len() - 1);
    let dest = &dest[0];
    let dpath = p.path(dest);
    let dest_is_dir = p.fs.borrow().stat(&dpath).is_ok_and(|s| s.is_dir());
    if srcs.len() > 1 && !dest_is_dir {
        let line = match p.style {
            Style::Gnu => format!("cp: target {}: Not a directory\n", q(dest)),
            Style::Busybox => format!("cp: '{dest}' is not a directory\n"),
        };
        p.err(line).await;
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
        status |= copy(p, s, &spath, &target, how, true).await;
    }
    status
}

crate::program!(Cp, main);
