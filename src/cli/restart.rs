//! `docker restart` (= `docker container restart`): stop and start containers again.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::{begin_stop, parse_signal, resolve_all, wait_stopped};
use super::run::start_container;
use super::{Ctx, Job, JobIo};

/// `docker restart`.
pub const CMD: Command = Command {
    name: "restart",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Restart one or more containers",
    aliases_help: "docker container restart, docker restart",
    flags: &[
        Flag::string("signal", Some('s'), "Signal to send to the container"),
        Flag::int(
            "time",
            Some('t'),
            "Seconds to wait before killing the container",
        ),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let sig = p.last("signal").and_then(parse_signal);
    let timeout = p.last("timeout").map(|_| p.int("timeout", 10));
    let mut todo = Vec::new();
    let mut errors = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/restart"));
        match r {
            Ok(id) => {
                begin_stop(ctx.world, &ctx.handles.kernel, &id, sig, timeout);
                todo.push((arg, id));
            }
            Err(e) => errors.push(e),
        }
    }
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let ids: Vec<String> = todo.iter().map(|(_, id)| id.clone()).collect();
            wait_stopped(&handles, &ids).await;
            let mut status = 0;
            for (arg, id) in &todo {
                match start_container(&handles, id, None) {
                    Ok(()) => {
                        {
                            let mut world = handles.world.borrow_mut();
                            let now = world.now();
                            world.daemon.emit_container(now, "restart", id, &[]);
                        }
                        io.stdout.write_all(format!("{arg}\n").as_bytes()).await;
                    }
                    Err(e) => {
                        io.stderr
                            .write_all(
                                format!("Error response from daemon: {}\n", e.message).as_bytes(),
                            )
                            .await;
                        status = 1;
                    }
                }
            }
            if !errors.is_empty() {
                io.stderr
                    .write_all(format!("{}\n", errors.join("\n")).as_bytes())
                    .await;
                status = 1;
            }
            status
        })
    }));
    0
}
