//! `stat [-c FORMAT] FILE...`: GNU's multi-line report, or `-c` with `%n %s %a %A %U %G
//! %u %g %F %y %Y %h %b`.

use super::super::fs::{FileKind, Stat};
use super::super::program::{Proc, Style};
use super::super::users;
use super::date::strftime;
use super::util::q;
use crate::ports::SECOND;

fn kind_name(st: &Stat) -> &'static str {
    match st.kind {
        FileKind::File if st.size == 0 => "regular empty file",
        FileKind::File => "regular file",
        FileKind::Dir => "directory",
        FileKind::Symlink => "symbolic link",
        FileKind::CharDevice => "character special file",
        FileKind::Fifo => "fifo",
        FileKind::Socket => "socket",
    }
}

fn time(t: i64) -> String {
    format!(
        "{}.{:09} +0000",
        strftime("%Y-%m-%d %H:%M:%S", t),
        t.rem_euclid(SECOND)
    )
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let mut fmt: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-c" || a == "--format" {
            i += 1;
            fmt = args.get(i).cloned();
        } else if let Some(f) = a.strip_prefix("--format=") {
            fmt = Some(f.to_owned());
        } else if a == "-L" {
        } else {
            files.push(a.clone());
        }
        i += 1;
    }
    if files.is_empty() {
        p.err("stat: missing operand\nTry 'stat --help' for more information.\n")
            .await;
        return 1;
    }
    let mut status = 0;
    let mut out = String::new();
    for f in files {
        let path = p.path(&f);
        let got = p.fs.borrow().lstat(&path);
        let st = match got {
            Ok(s) => s,
            Err(e) => {
                let line = match p.style {
                    Style::Gnu => format!("stat: cannot statx {}: {e}\n", q(&f)),
                    Style::Busybox => format!("stat: can't stat '{f}': {e}\n"),
                };
                p.err(line).await;
                status = 1;
                continue;
            }
        };
        let (user, group) = {
            let fs = p.fs.borrow();
            (
                users::user_name(&*fs, st.uid).unwrap_or_else(|| "UNKNOWN".into()),
                users::group_name(&*fs, st.gid).unwrap_or_else(|| "UNKNOWN".into()),
            )
        };
        let blocks = st.size.div_ceil(4096) * 8;
        if let Some(fmt) = &fmt {
            let mut s = String::new();
            let mut cs = fmt.chars();
            while let Some(c) = cs.next() {
                if c != '%' {
                    s.push(c);
                    continue;
                }
                match cs.next() {
                    Some('n') => s.push_str(&f),
                    Some('s') => s.push_str(&st.size.to_string()),
                    Some('a') => s.push_str(&format!("{:o}", st.mode)),
                    Some('A') => s.push_str(&st.mode_string()),
                    Some('U') => s.push_str(&user),
                    Some('G') => s.push_str(&group),
                    Some('u') => s.push_str(&st.uid.to_string()),
                    Some('g') => s.push_str(&st.gid.to_string()),
                    Some('F') => s.push_str(kind_name(&st)),
                    Some('y') => s.push_str(&time(st.mtime)),
                    Some('Y') => s.push_str(&st.mtime.div_euclid(SECOND).to_string()),
                    Some('h') => s.push_str(&st.nlink.to_string()),
                    Some('b') => s.push_str(&blocks.to_string()),
                    Some('%') => s.push('%'),
                    Some(o) => {
                        s.push('?');
                        let _ = o;
                    }
                    None => s.push('%'),
                }
            }
            out.push_str(&s);
            out.push('\n');
            continue;
        }
        let name = if st.kind == FileKind::Symlink {
            let t = p.fs.borrow().readlink(&path).unwrap_or_default();
            format!("{f} -> {t}")
        } else {
            f.clone()
        };
        let t = time(st.mtime);
        out.push_str(&format!(
            "  File: {name}\n  Size: {:<15} Blocks: {blocks:<10} IO Block: 4096   {}\nDevice: 0,54\tInode: {:<11} Links: {}\nAccess: ({:04o}/{})  Uid: ({:>5}/{:>8})   Gid: ({:>5}/{:>8})\nAccess: {t}\nModify: {t}\nChange: {t}\n Birth: -\n",
            st.size,
            kind_name(&st),
            1_000_000 + path.bytes().map(u64::from).sum::<u64>(),
            st.nlink,
            st.mode,
            st.mode_string(),
            st.uid,
            user,
            st.gid,
            group
        ));
    }
    p.out(out).await;
    status
}

crate::program!(StatCmd, main);
