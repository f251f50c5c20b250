//! `docker container rm` (also `remove`) and its top-level shortcut `docker rm`: remove
//! containers.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::resolve_all;
use super::Ctx;

/// `docker container rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Remove one or more containers",
    aliases_help: "docker container rm, docker container remove, docker rm",
    flags: &[
        Flag::bool(
            "force",
            Some('f'),
            "Force the removal of a running container (uses SIGKILL)",
        ),
        Flag::bool("link", Some('l'), "Remove the specified link"),
        Flag::bool(
            "volumes",
            Some('v'),
            "Remove anonymous volumes associated with the container",
        ),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

/// `docker rm`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    aliases: &[],
    ..CMD
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let force = p.bool("force");
    let mut status = 0;
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("DELETE", &format!("/containers/{arg}?force={force}"));
        let id = match r {
            Ok(id) => id,
            Err(e) => {
                ctx.out.err(format!("{e}\n"));
                if !force {
                    status = 1;
                }
                continue;
            }
        };
        let Some(c) = ctx.world.daemon.containers.get(&id) else {
            continue;
        };
        if c.state.is_running() {
            if !force {
                let what = if c.state.is_paused() {
                    "container is paused and must be unpaused first"
                } else {
                    "container is running: stop the container before removing or force remove"
                };
                ctx.out.err(format!(
                    "Error response from daemon: cannot remove container \"/{}\": {what}\n",
                    c.name
                ));
                status = 1;
                continue;
            }
            if let Some(task) = c.task {
                ctx.handles.kernel.borrow_mut().cancel(task, 137);
            }
            let now = ctx.world.now();
            ctx.world
                .daemon
                .emit_container(now, "kill", &id, &[("signal", "9")]);
            ctx.world.daemon.reap(&ctx.handles.kernel, now);
        }
        let now = ctx.world.now();
        ctx.world.daemon.emit_container(now, "destroy", &id, &[]);
        ctx.world.daemon.containers.remove(&id);
        ctx.world
            .daemon
            .release_volumes(now, &id, p.bool("volumes"));
        ctx.out.out(format!("{arg}\n"));
    }
    status
}
