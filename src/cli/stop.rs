//! `docker stop` (= `docker container stop`): stop running containers (the stop signal,
//! then SIGKILL after a grace period).

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::{begin_stop, parse_signal, resolve_all, wait_stopped};
use super::{Ctx, Job, JobIo};

/// `docker stop`.
pub const CMD: Command = Command {
    name: "stop",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Stop one or more running containers",
    aliases_help: "docker container stop, docker stop",
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
    let sig = match p.last("signal") {
        Some(s) => match parse_signal(s) {
            Some(n) => Some(n),
            None => {
                ctx.out
                    .err(format!("Error response from daemon: invalid signal: {s}\n"));
                return 1;
            }
        },
        None => None,
    };
    let timeout = p.last("timeout").map(|_| p.int("timeout", 10));
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/stop"));
        match r {
            Ok(id) => {
                begin_stop(ctx.world, &ctx.handles.kernel, &id, sig, timeout);
                done.push((arg, id));
            }
            Err(e) => errors.push(e),
        }
    }
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let ids: Vec<String> = done.iter().map(|(_, id)| id.clone()).collect();
            wait_stopped(&handles, &ids).await;
            {
                let mut world = handles.world.borrow_mut();
                let now = world.now();
                for id in &ids {
                    if world.daemon.containers.get(id).is_some() {
                        world.daemon.emit_container(now, "stop", id, &[]);
                    }
                }
            }
            for (arg, _) in &done {
                io.stdout.write_all(format!("{arg}\n").as_bytes()).await;
            }
            if errors.is_empty() {
                0
            } else {
                io.stderr
                    .write_all(format!("{}\n", errors.join("\n")).as_bytes())
                    .await;
                1
            }
        })
    }));
    0
}
