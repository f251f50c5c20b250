//! `docker start` (= `docker container start`): start stopped containers.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::resolve_all;
use super::run::{attach, start_in};
use super::{Ctx, Job, JobIo};

/// `docker start`.
pub const CMD: Command = Command {
    name: "start",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Start one or more stopped containers",
    aliases_help: "docker container start, docker start",
    flags: &[
        Flag::bool(
            "attach",
            Some('a'),
            "Attach STDOUT/STDERR and forward signals",
        ),
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::bool("interactive", Some('i'), "Attach container's STDIN"),
        // Checkpoints need an experimental daemon: hidden on this one.
        Flag::string("checkpoint", None, "Restore from this checkpoint").hidden(),
        Flag::string(
            "checkpoint-dir",
            None,
            "Use a custom checkpoint storage directory",
        )
        .hidden(),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let attach_out = p.bool("attach") || p.bool("interactive");
    let mut failed = Vec::new();
    let mut started = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/start"));
        let id = match r {
            Ok(id) => id,
            Err(e) => {
                ctx.out.err(format!("{e}\n"));
                failed.push(arg);
                continue;
            }
        };
        let Some(c) = ctx.world.daemon.containers.get(&id) else {
            continue;
        };
        if c.state.is_paused() {
            ctx.out.err("Error response from daemon: cannot start a paused container, try unpause instead\n");
            failed.push(arg);
            continue;
        }
        if !c.state.is_running() {
            if let Err(e) = start_in(ctx.world, &ctx.handles.kernel, &id, None) {
                ctx.out
                    .err(format!("Error response from daemon: {}\n", e.message));
                failed.push(arg);
                continue;
            }
        }
        if !attach_out {
            ctx.out.out(format!("{arg}\n"));
        }
        started.push(id);
    }
    if !failed.is_empty() {
        ctx.out.err(format!(
            "Error: failed to start containers: {}\n",
            failed.join(", ")
        ));
        return 1;
    }
    if attach_out {
        if let Some(id) = started.first().cloned() {
            let handles = ctx.handles.clone();
            let stdin = p.bool("interactive");
            ctx.spawn_job(Job::new(move |io: JobIo| {
                Box::pin(async move { attach(&handles, &id, &io, stdin).await })
            }));
        }
    }
    0
}
