//! `docker cp` (= `docker container cp`): copy files between a container and the host.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker cp`.
pub const CMD: Command = Command {
    name: "cp",
    usage: "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
    short: "Copy files/folders between a container and the local filesystem",
    long: "Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.",
    aliases_help: "docker container cp, docker cp",
    flags: &[
        Flag::bool(
            "archive",
            Some('a'),
            "Archive mode (copy all uid/gid information)",
        ),
        Flag::bool(
            "follow-link",
            Some('L'),
            "Always follow symbol link in SRC_PATH",
        ),
        Flag::bool(
            "quiet",
            Some('q'),
            "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached",
        ),
    ],
    args: Args::Exact(2),
    run: Some(run),
    ..Command::LEAF
};

use super::flags::Parsed;
use super::Ctx;
use crate::format::units::human_size_with_precision;
use crate::fs::{Fs, Preserve};
use crate::host::paths;

/// `CONTAINER:PATH` split, or `None` for a path on the host.
fn split_arg(kind: crate::host::HostKind, arg: &str) -> Option<(String, String)> {
    if paths::is_absolute(kind, arg) || arg.starts_with('.') {
        return None;
    }
    let (c, p) = arg.split_once(':')?;
    Some((c.to_owned(), p.to_owned()))
}

/// Bytes of the tar stream docker sends for `path`: a 512-byte header per entry, file
/// data in 512-byte blocks, and two zero blocks at the end.
fn tar_size<F: Fs + ?Sized>(fs: &F, path: &str) -> u64 {
    fn walk<F: Fs + ?Sized>(fs: &F, path: &str, depth: usize) -> u64 {
        let Ok(st) = fs.lstat(path) else { return 0 };
        let mut n = 512
            + if st.is_file() {
                st.size.div_ceil(512) * 512
            } else {
                0
            };
        if st.is_dir() && depth < crate::fs::path::MAX_DEPTH {
            for name in fs.read_dir(path).unwrap_or_default() {
                n += walk(fs, &crate::fs::path::join(path, &name), depth + 1);
            }
        }
        n
    }
    walk(fs, path, 0) + 1024
}

/// The last name of `path` (`/` for the root).
/// Where `path` leads: with `-L`, what a final symbolic link points to (copied under the
/// link's name); otherwise the path itself.
fn followed<F: Fs + ?Sized>(fs: &F, path: &str, follow: bool) -> String {
    if follow {
        fs.canonicalize(path).unwrap_or_else(|_| path.to_owned())
    } else {
        path.to_owned()
    }
}

fn base_name(path: &str) -> String {
    path.trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("/")
        .to_owned()
}

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let kind = ctx.world.host.kind;
    let (src, dst) = (&p.args[0], &p.args[1]);
    if src == "-" || dst == "-" {
        ctx.out.err(format!(
            "berth: \"{} -\" (tar streams) is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let (from, to) = (split_arg(kind, src), split_arg(kind, dst));
    let now = ctx.world.now();
    // -a keeps uid/gid; otherwise the copies belong to the destination's user.
    let preserve = if p.bool("archive") {
        Preserve::ALL
    } else {
        Preserve::DOCKER_CP
    };
    let follow = p.bool("follow-link");
    let result = match (from, to) {
        (None, None) => Err("must specify at least one container source".to_owned()),
        (Some(_), Some(_)) => Err("copying between containers is not supported".to_owned()),
        (Some((name, cpath)), None) => {
            let c = match ctx.world.daemon.containers.lookup(&name) {
                Ok(c) => c,
                Err(e) => {
                    ctx.out.err(format!("Error response from daemon: {e}\n"));
                    return 1;
                }
            };
            let cpath = crate::fs::path::join("/", &cpath);
            let root = c.rootfs.borrow();
            let real = followed(&*root, &cpath, follow);
            match root.snapshot(&real) {
                Err(_) => Err(format!(
                    "Error response from daemon: Could not find the file {cpath} in container {name}"
                )),
                Ok(snap) => {
                    let size = tar_size(&*root, &real);
                    let host = &ctx.world.host;
                    let mut target = host.resolve(dst);
                    let disk = std::rc::Rc::clone(host.disk());
                    if disk.borrow().stat(&target).is_ok_and(|s| s.is_dir()) {
                        target = crate::fs::path::join(&target, &base_name(&cpath));
                    }
                    let caller = host.caller(now);
                    let pasted = disk.borrow_mut().paste(&caller, &target, &snap, preserve);
                    match pasted {
                        Ok(()) => Ok((size, dst.clone())),
                        Err(e) => Err(format!(
                            "failed to copy to {}: {}",
                            host.display_path(&target),
                            e.text(crate::fs::Libc::Glibc).to_lowercase()
                        )),
                    }
                }
            }
        }
        (None, Some((name, cpath))) => {
            let host = &ctx.world.host;
            let source = host.resolve(src);
            let disk = std::rc::Rc::clone(host.disk());
            let real = followed(&*disk.borrow(), &source, follow);
            let snap = disk.borrow().snapshot(&real);
            match snap {
                Err(_) => Err(match kind {
                    crate::host::HostKind::Windows => format!(
                        "CreateFile {}: The system cannot find the file specified.",
                        host.display_path(&source)
                    ),
                    crate::host::HostKind::Linux => {
                        format!("lstat {source}: no such file or directory")
                    }
                }),
                Ok(snap) => {
                    let size = tar_size(&*disk.borrow(), &real);
                    match ctx.world.daemon.containers.lookup(&name) {
                        Err(e) => Err(format!("Error response from daemon: {e}")),
                        Ok(c) => {
                            let cpath = crate::fs::path::join("/", &cpath);
                            let mut root = c.rootfs.borrow_mut();
                            let mut target = cpath.clone();
                            if root.stat(&target).is_ok_and(|s| s.is_dir()) {
                                target = crate::fs::path::join(&target, &base_name(&source));
                            }
                            let caller = crate::fs::Caller::root(now);
                            match root.paste(&caller, &target, &snap, preserve) {
                                Ok(()) => Ok((size, dst.clone())),
                                Err(_) => Err(format!(
                                    "Error response from daemon: Could not find the file {cpath} in container {name}"
                                )),
                            }
                        }
                    }
                }
            }
        }
    };
    match result {
        Ok((size, shown)) => {
            if ctx.stdout_tty && !p.bool("quiet") {
                ctx.out.err(format!(
                    "Successfully copied {} to {shown}\n",
                    human_size_with_precision(size as f64, 3)
                ));
            }
            0
        }
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            1
        }
    }
}
