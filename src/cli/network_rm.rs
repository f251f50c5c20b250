//! `docker network rm` (also `remove`): remove networks.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;

/// `docker network rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "NETWORK [NETWORK...]",
    short: "Remove one or more networks",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Do not error if the network does not exist",
    )],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let force = p.bool("force");
    let mut status = 0;
    for name in &p.args {
        ctx.api("DELETE", &format!("/networks/{name}"));
        match ctx.world.daemon.networks.remove(name) {
            Ok(net) => {
                let now = ctx.world.now();
                ctx.world.daemon.emit(
                    now,
                    "network",
                    "destroy",
                    &net.id,
                    &[("name", &net.name), ("type", &net.driver)],
                );
                ctx.out.out(format!("{name}\n"));
            }
            Err(e) => {
                if force && e.ends_with("not found") {
                    continue;
                }
                ctx.out.err(format!("Error response from daemon: {e}\n"));
                status = 1;
            }
        }
    }
    status
}
