//! `docker save` (= `docker image save`): images to a tar archive.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::archive;

/// `docker save`.
pub const CMD: Command = Command {
    name: "save",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Save one or more images to a tar archive (streamed to STDOUT by default)",
    aliases_help: "docker image save, docker save",
    flags: &[Flag::string(
        "output",
        Some('o'),
        "Write to a file, instead of STDOUT",
    )],
    args: Args::Min(1),
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
    if !super::export::valid_output(ctx, &file, "failed to save image") {
        return 1;
    }
    let names = p.args.join("&names=");
    ctx.api("GET", &format!("/images/get?names={names}"));
    match archive::save_images(ctx.world, &p.args) {
        Ok(bytes) => super::export::write_out(ctx, &file, bytes),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}
