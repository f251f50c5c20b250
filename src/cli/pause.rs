//! `docker pause` (= `docker container pause`): freeze every process of containers.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::lifecycle::resolve_all;
use super::Ctx;
use crate::daemon::state::ContainerState;

/// `docker pause`.
pub const CMD: Command = Command {
    name: "pause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Pause all processes within one or more containers",
    aliases_help: "docker container pause, docker pause",
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let mut errors = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/pause"));
        let id = match r {
            Ok(id) => id,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let now = ctx.world.now();
        let Some(c) = ctx.world.daemon.containers.get_mut(&id) else {
            continue;
        };
        let started = c.state.started_at().unwrap_or(now);
        match (&c.state, true) {
            (ContainerState::Running { .. }, true) => {
                c.state = ContainerState::Paused {
                    started_at: started,
                }
            }
            (ContainerState::Paused { .. }, false) => {
                c.state = ContainerState::Running {
                    started_at: started,
                }
            }
            (ContainerState::Paused { .. }, true) => {
                errors.push(format!("Error response from daemon: cannot pause container {id}: container {id} is already paused"));
                continue;
            }
            (_, true) => {
                errors.push(format!(
                    "Error response from daemon: Container {id} is not running"
                ));
                continue;
            }
            (_, false) => {
                errors.push(format!(
                    "Error response from daemon: Container {id} is not paused"
                ));
                continue;
            }
        }
        if let Some(task) = c.task {
            ctx.handles.kernel.borrow_mut().set_frozen(task, true);
        }
        ctx.world.daemon.emit_container(now, "pause", &id, &[]);
        ctx.out.out(format!("{arg}\n"));
    }
    if errors.is_empty() {
        return 0;
    }
    ctx.out.err(format!("{}\n", errors.join("\n")));
    1
}
