//! `docker diff` (= `docker container diff`): the files a container changed.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::Ctx;

/// `docker diff`.
pub const CMD: Command = Command {
    name: "diff",
    usage: "CONTAINER",
    short: "Inspect changes to files or directories on a container's filesystem",
    aliases_help: "docker container diff, docker diff",
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let target = &p.args[0];
    ctx.api("GET", &format!("/containers/{target}/changes"));
    let c = match ctx.world.daemon.containers.lookup(target) {
        Ok(c) => c,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let changes = c.rootfs.borrow().root().diff();
    let text: String = changes.iter().map(|ch| format!("{ch}\n")).collect();
    ctx.out.out(text);
    0
}
