//! `chown [-R] OWNER[:GROUP] FILE...`, names looked up in `/etc/passwd` and `/etc/group`.

use super::super::fs::{join, FileKind};
use super::super::program::{Proc, Style};
use super::super::users;
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('R', "recursive", false),
    ('h', "no-dereference", false),
    ('v', "verbose", false),
    ('f', "silent", false),
];
const USAGE: &str = "Usage: chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n\nChange the owner and/or group of FILEs to USER and/or GRP\n\n\t-h\tAffect symlinks instead of symlink targets\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tList all files\n\t-f\tHide errors";

async fn apply(
    p: &Proc,
    shown: &str,
    path: &str,
    uid: Option<u32>,
    gid: Option<u32>,
    rec: bool,
) -> i32 {
    let r = p.fs.borrow_mut().chown(path, uid, gid);
    if let Err(e) = r {
        let line = match p.style {
            Style::Gnu => format!("chown: cannot access {}: {e}\n", q(shown)),
            Style::Busybox => format!("chown: {shown}: {e}\n"),
        };
        p.err(line).await;
        return 1;
    }
    let mut status = 0;
    if rec
        && p.fs
            .borrow()
            .lstat(path)
            .is_ok_and(|s| s.kind == FileKind::Dir)
    {
        let names = p.fs.borrow().list(path).unwrap_or_default();
        for n in names {
            status |= Box::pin(apply(p, &join(shown, &n), &join(path, &n), uid, gid, true)).await;
        }
    }
    status
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.len() < 2 {
        return missing_operand(p, USAGE).await;
    }
    let spec = &o.operands[0];
    let (u, g) = match spec.split_once([':', '.']) {
        Some((u, g)) => (u, Some(g)),
        None => (spec.as_str(), None),
    };
    let (uid, gid) = {
        let fs = p.fs.borrow();
        let uid = if u.is_empty() {
            Ok(None)
        } else {
            u.parse::<u32>()
                .ok()
                .or_else(|| users::by_name(&*fs, u).map(|x| x.uid))
                .map(Some)
                .ok_or(format!("invalid user: {}", q(spec)))
        };
        let gid = match g {
            None | Some("") => Ok(None),
            Some(g) => g
                .parse::<u32>()
                .ok()
                .or_else(|| {
                    users::groups(&*fs)
                        .into_iter()
                        .find(|x| x.name == g)
                        .map(|x| x.gid)
                })
                .map(Some)
                .ok_or(format!("invalid group: {}", q(spec))),
        };
        (uid, gid)
    };
    let (uid, gid) = match (uid, gid) {
        (Ok(u), Ok(g)) => (u, g),
        (Err(e), _) | (_, Err(e)) => {
            p.error(e).await;
            return 1;
        }
    };
    if p.cred.uid != 0 {
        for f in &o.operands[1..] {
            p.err(format!(
                "chown: changing ownership of {}: Operation not permitted\n",
                q(f)
            ))
            .await;
        }
        return 1;
    }
    let mut status = 0;
    for f in &o.operands[1..] {
        let path = p.path(f);
        status |= apply(p, f, &path, uid, gid, o.has('R')).await;
    }
    status
}

crate::program!(Chown, main);
