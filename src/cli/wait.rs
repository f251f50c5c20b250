//! `docker wait` (= `docker container wait`): block until containers stop, then print their
//! exit codes.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::lifecycle::resolve_all;
use super::{Ctx, Job, JobIo};
use crate::kernel::yield_now;

/// `docker wait`.
pub const CMD: Command = Command {
    name: "wait",
    usage: "CONTAINER [CONTAINER...]",
    short: "Block until one or more containers stop, then print their exit codes",
    aliases_help: "docker container wait, docker wait",
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let targets = resolve_all(ctx, &p.args);
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let mut status = 0;
            for (_, r) in targets {
                let id = match r {
                    Ok(id) => id,
                    Err(e) => {
                        io.stderr.write_all(format!("{e}\n").as_bytes()).await;
                        status = 1;
                        continue;
                    }
                };
                let code = loop {
                    let done = {
                        let world = handles.world.borrow();
                        match world.daemon.containers.get(&id) {
                            Some(c) if c.state.is_running() => None,
                            Some(c) => Some(c.state.exit_code()),
                            None => Some(world.daemon.removed_exits.get(&id).copied().unwrap_or(0)),
                        }
                    };
                    match done {
                        Some(code) => break code,
                        None => yield_now().await,
                    }
                };
                io.stdout.write_all(format!("{code}\n").as_bytes()).await;
            }
            status
        })
    }));
    0
}
