//! `which [-a] NAME...`: where `PATH` finds each program; silent and status 1 for one it
//! does not.

use super::super::exec::lookup;
use super::super::fs::join;
use super::super::program::Proc;

async fn main(p: &mut Proc) -> i32 {
    let all = p.args.iter().any(|a| a == "-a");
    let names: Vec<String> = p.args[1..]
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    if names.is_empty() {
        return 1;
    }
    let path = p
        .var("PATH")
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .to_owned();
    let mut status = 0;
    let mut out = String::new();
    for n in names {
        if n.contains('/') {
            let ok =
                p.fs.borrow()
                    .stat(&p.path(&n))
                    .is_ok_and(|s| !s.is_dir() && s.allows(p.cred.uid, &p.cred.all_groups(), 1));
            if ok {
                out.push_str(&format!("{n}\n"));
            } else {
                status = 1;
            }
            continue;
        }
        if all {
            let mut found = false;
            for dir in path.split(':') {
                let cand = join(dir, &n);
                let ok =
                    p.fs.borrow().stat(&cand).is_ok_and(|s| {
                        !s.is_dir() && s.allows(p.cred.uid, &p.cred.all_groups(), 1)
                    });
                if ok {
                    out.push_str(&format!("{cand}\n"));
                    found = true;
                }
            }
            if !found {
                status = 1;
            }
            continue;
        }
        let found = lookup(&*p.fs.borrow(), &path, &p.cwd, &n, &p.cred);
        match found {
            Ok(f) => {
                let dir_spelled = path.split(':').find(|d| {
                    join(d, &n) == f || super::super::fs::resolve(&p.cwd, &join(d, &n)) == f
                });
                let shown = dir_spelled.map_or(f.clone(), |d| join(d, &n));
                out.push_str(&format!("{shown}\n"));
            }
            Err(_) => status = 1,
        }
    }
    p.out(out).await;
    status
}

crate::program!(Which, main);
