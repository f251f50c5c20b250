//! `-u USER[:GROUP]` of `docker run` and `docker exec`: the uid, gid and groups a process
//! runs with, looked up in the container's own `/etc/passwd` and `/etc/group` as runc does
//! (moby/sys/user `GetExecUser`).

use crate::shell::fs::ShellFs;
use crate::shell::program::Cred;
use crate::shell::users;

/// Who a process runs as, and its home directory (for `HOME` when the image sets none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecUser {
    /// uid, gid and supplementary groups.
    pub cred: Cred,
    /// The user's home directory (`/` for a uid without a passwd line).
    pub home: String,
}

/// Resolves `spec` (`""`, `name`, `uid`, `name:group`, `uid:gid`) in `fs`; the error is the
/// daemon's message.
pub fn lookup(fs: &dyn ShellFs, spec: &str) -> Result<ExecUser, String> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user = if user.is_empty() { "0" } else { user };
    let passwd = users::users(fs);
    let numeric = user.parse::<u32>().ok();
    let entry = passwd
        .iter()
        .find(|u| u.name == user || numeric == Some(u.uid))
        .cloned();
    let (uid, mut gid, home, name) = match (entry, numeric) {
        (Some(u), _) => (u.uid, u.gid, u.home, Some(u.name)),
        (None, Some(n)) => (n, 0, "/".to_owned(), None),
        (None, None) => {
            return Err(format!(
                "unable to find user {user}: no matching entries in passwd file"
            ))
        }
    };
    let all = users::groups(fs);
    if let Some(g) = group.filter(|g| !g.is_empty()) {
        let numeric = g.parse::<u32>().ok();
        match all.iter().find(|x| x.name == g || numeric == Some(x.gid)) {
            Some(x) => gid = x.gid,
            None => match numeric {
                Some(n) => gid = n,
                None => {
                    return Err(format!(
                        "unable to find group {g}: no matching entries in group file"
                    ))
                }
            },
        }
    }
    let mut groups = vec![gid];
    if let Some(name) = &name {
        for g in &all {
            if g.members.contains(name) && !groups.contains(&g.gid) {
                groups.push(g.gid);
            }
        }
    }
    Ok(ExecUser {
        cred: Cred { uid, gid, groups },
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::memfs::MemFs;

    fn fs() -> MemFs {
        let mut fs = MemFs::new(0);
        fs.add_dir("/etc", 0o755);
        fs.add_file(
            "/etc/passwd",
            b"root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n",
            0o644,
        );
        fs.add_file(
            "/etc/group",
            b"root:x:0:\nwww-data:x:33:\nnginx:x:101:\nadm:x:4:nginx\n",
            0o644,
        );
        fs
    }

    #[test]
    fn users_and_groups_like_runc() {
        let fs = fs();
        let check = |spec: &str, want: Result<(u32, u32, Vec<u32>, &str), &str>| {
            let got = lookup(&fs, spec).map(|u| (u.cred.uid, u.cred.gid, u.cred.groups, u.home));
            let want = want
                .map(|(u, g, gs, h)| (u, g, gs, h.to_owned()))
                .map_err(str::to_owned);
            assert_eq!(got, want, "{spec}");
        };
        check("", Ok((0, 0, vec![0], "/root")));
        check("www-data", Ok((33, 33, vec![33], "/var/www")));
        check("33", Ok((33, 33, vec![33], "/var/www")));
        check("nginx", Ok((101, 101, vec![101, 4], "/nonexistent")));
        check("1000", Ok((1000, 0, vec![0], "/")));
        check("1000:1000", Ok((1000, 1000, vec![1000], "/")));
        check("www-data:adm", Ok((33, 4, vec![4], "/var/www")));
        check(
            "bob",
            Err("unable to find user bob: no matching entries in passwd file"),
        );
        check(
            "root:staff",
            Err("unable to find group staff: no matching entries in group file"),
        );
    }
}
