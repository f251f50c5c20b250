//! `whoami`, `id [-u|-g|-G] [-n]` and `hostname [-i]`: who and where, from `/etc/passwd`,
//! `/etc/group` and the machine.

use super::super::program::{Proc, Style};
use super::super::users;

/// The process's groups: its primary group, its supplementary ones, and every group
/// `/etc/group` lists its user in (as `initgroups` gives a login).
fn all_groups(p: &Proc) -> Vec<u32> {
    let fs = p.fs.borrow();
    let mut v = p.cred.all_groups();
    if let Some(u) = users::by_uid(&*fs, p.cred.uid) {
        for g in users::groups(&*fs) {
            if g.members.contains(&u.name) && !v.contains(&g.gid) {
                v.push(g.gid);
            }
        }
    }
    v
}

async fn whoami(p: &mut Proc) -> i32 {
    let name = users::user_name(&*p.fs.borrow(), p.cred.uid);
    match name {
        Some(n) => {
            p.out(format!("{n}\n")).await;
            0
        }
        None => {
            let line = match p.style {
                Style::Gnu => format!("whoami: cannot find name for user ID {}\n", p.cred.uid),
                Style::Busybox => format!("whoami: unknown uid {}\n", p.cred.uid),
            };
            p.err(line).await;
            1
        }
    }
}

async fn id(p: &mut Proc) -> i32 {
    let args: Vec<String> = p.args[1..].to_vec();
    let flag = |c: char| {
        args.iter()
            .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(c))
    };
    let names = flag('n');
    let (uname, gname) = {
        let fs = p.fs.borrow();
        (
            users::user_name(&*fs, p.cred.uid),
            users::group_name(&*fs, p.cred.gid),
        )
    };
    let groups = all_groups(p);
    let gn = |g: u32| users::group_name(&*p.fs.borrow(), g);
    let out = if flag('u') {
        if names {
            uname.clone().unwrap_or_else(|| p.cred.uid.to_string())
        } else {
            p.cred.uid.to_string()
        }
    } else if flag('G') {
        groups
            .iter()
            .map(|g| {
                if names {
                    gn(*g).unwrap_or_else(|| g.to_string())
                } else {
                    g.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else if flag('g') {
        if names {
            gname.clone().unwrap_or_else(|| p.cred.gid.to_string())
        } else {
            p.cred.gid.to_string()
        }
    } else {
        let named = |n: u32, name: Option<String>| match name {
            Some(s) => format!("{n}({s})"),
            None => n.to_string(),
        };
        let gs: Vec<String> = groups.iter().map(|g| named(*g, gn(*g))).collect();
        format!(
            "uid={} gid={} groups={}",
            named(p.cred.uid, uname),
            named(p.cred.gid, gname),
            gs.join(",")
        )
    };
    p.out(format!("{out}\n")).await;
    0
}

async fn hostname(p: &mut Proc) -> i32 {
    match p.args.get(1).map(String::as_str) {
        None | Some("-s") | Some("--short") | Some("-f") | Some("--fqdn") => {
            let h = p.machine.hostname.clone();
            p.out(format!("{h}\n")).await;
            0
        }
        Some("-i") | Some("--ip-address") | Some("-I") | Some("--all-ip-addresses") => {
            let ip = p.machine.ip.clone();
            let sp = if p.args[1] == "-I" { " " } else { "" };
            p.out(format!("{ip}{sp}\n")).await;
            0
        }
        Some(_) => {
            let line = if p.cred.uid != 0 {
                "hostname: you must be root to change the host name\n"
            } else {
                "hostname: sethostname: Operation not permitted\n"
            };
            p.err(line).await;
            1
        }
    }
}

crate::program!(Whoami, whoami);
crate::program!(Id, id);
crate::program!(Hostname, hostname);
