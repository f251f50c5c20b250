//! `docker export` (= `docker container export`): a container's filesystem as a tar archive.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::archive;

/// `docker export`.
pub const CMD: Command = Command {
    name: "export",
    usage: "[OPTIONS] CONTAINER",
    short: "Export a container's filesystem as a tar archive",
    aliases_help: "docker container export, docker export",
    flags: &[Flag::string(
        "output",
        Some('o'),
        "Write to a file, instead of STDOUT",
    )],
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let file = p.last("output").unwrap_or_default().to_owned();
    if file.is_empty() && ctx.stdout_tty {
        ctx.out
            .err("cowardly refusing to save to a terminal. Use the -o flag or redirect\n");
        return 1;
    }
    if !valid_output(ctx, &file, "failed to export container") {
        return 1;
    }
    let target = &p.args[0];
    ctx.api("GET", &format!("/containers/{target}/export"));
    match archive::export_container(ctx.world, target) {
        Ok(bytes) => write_out(ctx, &file, bytes),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}

/// docker's check of `-o FILE` before it asks the daemon: the folder must exist.
pub(super) fn valid_output(ctx: &mut Ctx<'_>, file: &str, what: &str) -> bool {
    if file.is_empty() {
        return true;
    }
    let host = &ctx.world.host;
    let path = host.resolve(file);
    let parent = crate::fs::path::parent(&path);
    if crate::fs::Fs::stat(&*host.disk().borrow(), &parent).is_ok_and(|s| s.is_dir()) {
        return true;
    }
    let dir = match file.rfind(['/', '\\']) {
        Some(0) => &file[..1],
        Some(at) => &file[..at],
        None => ".",
    };
    ctx.out.err(format!(
        "{what}: invalid output path: directory {dir:?} does not exist\n"
    ));
    false
}

/// Writes an archive to `-o FILE` on the host, or to the redirected standard output.
pub(super) fn write_out(ctx: &mut Ctx<'_>, file: &str, bytes: Vec<u8>) -> i32 {
    if file.is_empty() {
        ctx.out.out_bytes(&bytes);
        return 0;
    }
    let now = ctx.world.now();
    match ctx
        .world
        .host
        .write_file(file, crate::fs::Content::from(bytes), now)
    {
        Ok(()) => 0,
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            1
        }
    }
}
