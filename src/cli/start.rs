//! `docker start` (= `docker container start`): start stopped containers.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::resolve_all;
use super::run::{attach, session_tty, start_container, start_in};
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
    let mut tty_start: Option<(String, String)> = None;
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
        // `start -ai` of a `-t` container: the session's terminal becomes its terminal,
        // so it starts inside the job that holds that terminal.
        let own_tty = p.bool("interactive") && c.config.tty && started.is_empty();
        if own_tty && !c.state.is_running() {
            tty_start = Some((id.clone(), arg.clone()));
        } else if !c.state.is_running() {
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
            let deferred = tty_start
                .as_ref()
                .filter(|(t, _)| *t == id)
                .map(|(_, a)| a.clone());
            ctx.spawn_job(Job::new(move |io: JobIo| {
                Box::pin(async move {
                    if let Some(arg) = &deferred {
                        if let Err(e) = start_container(&handles, &id, session_tty(&io)) {
                            let text = format!("Error response from daemon: {}\nError: failed to start containers: {arg}\n", e.message);
                            io.stderr.write_all(text.as_bytes()).await;
                            return 1;
                        }
                    }
                    attach(&handles, &id, &io, stdin && deferred.is_none()).await
                })
            }));
        }
    }
    0
}
