//! `cd`, `pwd` and `umask`: the shell's working directory and file creation mask.

use super::super::flavor::Flavor;
use super::super::fs::{resolve, Errno};
use super::super::interp::Shell;
use super::super::program::BoxFut;
use super::fail;

/// `cd [-L|-P] [dir|-]`.
pub fn cd<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let mut args: Vec<&str> = a[1..].iter().map(String::as_str).collect();
        let mut physical = false;
        while let Some(f) = args.first().copied() {
            match f {
                "-L" => physical = false,
                "-P" => physical = true,
                "--" => {
                    args.remove(0);
                    break;
                }
                _ => break,
            }
            args.remove(0);
        }
        if args.len() > 1 && sh.flavor == Flavor::Bash {
            fail(sh, "cd", "too many arguments").await;
            return 1;
        }
        let mut print = false;
        let dir = match args.first().copied() {
            None => match sh.var("HOME") {
                Some(h) if !h.is_empty() => h.to_owned(),
                _ => {
                    if sh.flavor == Flavor::Bash {
                        fail(sh, "cd", "HOME not set").await;
                        return 1;
                    }
                    return 0;
                }
            },
            Some("-") => match sh.var("OLDPWD") {
                Some(o) => {
                    print = true;
                    o.to_owned()
                }
                None => {
                    let msg = if sh.flavor == Flavor::Bash {
                        "OLDPWD not set"
                    } else {
                        "can't cd to -"
                    };
                    fail(sh, "cd", msg).await;
                    return 1;
                }
            },
            Some(d) => d.to_owned(),
        };
        let target = resolve(&sh.cwd, &dir);
        let checked = {
            let fs = sh.env.fs.borrow();
            match fs.stat(&target) {
                Err(e) => Err(e),
                Ok(st) if !st.is_dir() => Err(Errno::ENOTDIR),
                Ok(st) if !st.allows(sh.env.cred.uid, &sh.env.cred.all_groups(), 1) => {
                    Err(Errno::EACCES)
                }
                Ok(_) => {
                    if physical {
                        fs.realpath(&target)
                    } else {
                        Ok(target.clone())
                    }
                }
            }
        };
        let new = match checked {
            Ok(n) => n,
            Err(e) => {
                let msg = sh.flavor.cd_error(&dir, e);
                sh.error(&msg).await;
                return if sh.flavor == Flavor::Dash { 2 } else { 1 };
            }
        };
        let old = std::mem::replace(&mut sh.cwd, new.clone());
        let _ = sh.vars.set("OLDPWD", &old);
        let _ = sh.vars.set("PWD", &new);
        if print {
            sh.out(&format!("{new}\n")).await;
        }
        0
    })
}

/// `pwd [-L|-P]`.
pub fn pwd<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let dir = if a.iter().any(|x| x == "-P") {
            let r = sh.env.fs.borrow().realpath(&sh.cwd);
            r.unwrap_or_else(|_| sh.cwd.clone())
        } else {
            sh.cwd.clone()
        };
        sh.out(&format!("{dir}\n")).await;
        0
    })
}

/// `umask [-S] [mode]` (octal modes).
pub fn umask<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let args: Vec<&String> = a[1..].iter().filter(|x| *x != "-S").collect();
        let symbolic = a.iter().any(|x| x == "-S");
        match args.first() {
            None if symbolic => {
                let m = !sh.umask & 0o777;
                let part = |shift: u32| {
                    let b = (m >> shift) & 7;
                    let mut s = String::new();
                    if b & 4 != 0 {
                        s.push('r');
                    }
                    if b & 2 != 0 {
                        s.push('w');
                    }
                    if b & 1 != 0 {
                        s.push('x');
                    }
                    s
                };
                let line = format!("u={},g={},o={}\n", part(6), part(3), part(0));
                sh.out(&line).await;
                0
            }
            None => {
                let line = format!("{:04o}\n", sh.umask);
                sh.out(&line).await;
                0
            }
            Some(m) => match u32::from_str_radix(m, 8) {
                Ok(v) if v <= 0o777 => {
                    sh.umask = v;
                    0
                }
                _ => {
                    let msg = match sh.flavor {
                        Flavor::Bash => format!("{m}: octal number out of range"),
                        _ => format!("Illegal number: {m}"),
                    };
                    fail(sh, "umask", &msg).await;
                    1
                }
            },
        }
    })
}
