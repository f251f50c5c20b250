//! `docker volume rm` (also `remove`): remove volumes no container uses.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;

/// `docker volume rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Remove one or more volumes",
    long: "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
    example: "\n$ docker volume rm hello\nhello\n",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the removal of one or more volumes",
    )],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let mut status = 0;
    let now = ctx.world.now();
    for name in &p.args {
        ctx.api("DELETE", &format!("/volumes/{name}"));
        match ctx.world.daemon.volumes.remove(name) {
            Ok(_) => {
                ctx.world
                    .daemon
                    .emit(now, "volume", "destroy", name, &[("driver", "local")]);
                ctx.out.out(format!("{name}\n"));
            }
            Err(e) if p.bool("force") && e.ends_with("no such volume") => {}
            Err(e) => {
                ctx.out.err(format!("Error response from daemon: {e}\n"));
                status = 1;
            }
        }
    }
    status
}
