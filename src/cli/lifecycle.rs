//! What stop, kill, restart, rm and start share: finding containers, signals by name, and
//! waiting (in a job) until containers have stopped.

use std::cell::RefCell;

use super::flags::Parsed;
use super::{Ctx, Handles};
use crate::daemon::state::ContainerState;
use crate::kernel::{signal, tick_until, yield_now, Kernel, Sys};
use crate::world::World;

/// A signal number from docker's `-s` forms: `9`, `KILL`, `SIGKILL` (case-insensitive).
pub fn parse_signal(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..=64).contains(&n).then_some(n);
    }
    let name = s.to_ascii_uppercase();
    let name = name.strip_prefix("SIG").unwrap_or(&name);
    let n = match name {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "KILL" => 9,
        "USR1" => 10,
        "USR2" => 12,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        "CONT" => 18,
        "STOP" => 19,
        "WINCH" => 28,
        _ => return None,
    };
    Some(n)
}

/// Starts stopping a running container: its stop signal now, SIGKILL after `timeout`
/// seconds (docker's default 10, or the container's `--stop-timeout`).
pub fn begin_stop(
    world: &mut World,
    kernel: &RefCell<Kernel>,
    id: &str,
    sig: Option<i32>,
    timeout: Option<i64>,
) {
    let now = world.now();
    let Some(c) = world.daemon.containers.get_mut(id) else {
        return;
    };
    if !c.state.is_running() {
        return;
    }
    if matches!(c.state, ContainerState::Restarting { .. }) {
        crate::daemon::restart::cancel(c);
        return;
    }
    let sig = sig
        .or_else(|| c.config.stop_signal.as_deref().and_then(parse_signal))
        .unwrap_or(signal::SIGTERM);
    let timeout = timeout.or(c.config.stop_timeout).unwrap_or(10);
    c.stopped_by_user = true;
    c.kill_at = Some(now + timeout.max(0) * crate::ports::SECOND);
    world.daemon.signal(kernel, id, sig);
    let sig_s = sig.to_string();
    world
        .daemon
        .emit_container(now, "kill", id, &[("signal", &sig_s)]);
}

/// Waits until none of `ids` is running (their processes got their signals already).
pub async fn wait_stopped(handles: &Handles, ids: &[String]) {
    let sys: Sys = handles.kernel.borrow().sys();
    loop {
        let next_kill = {
            let world = handles.world.borrow();
            let running: Vec<_> = ids
                .iter()
                .filter_map(|id| world.daemon.containers.get(id))
                .filter(|c| c.state.is_running())
                .collect();
            if running.is_empty() {
                return;
            }
            running.iter().filter_map(|c| c.kill_at).min()
        };
        match next_kill {
            // Re-check every round (a container may stop at once), waking by the deadline.
            Some(t) if sys.borrow().now() < t => tick_until(&sys, t).await,
            // The deadline has passed: give the daemon a turn to kill and collect.
            _ => yield_now().await,
        }
    }
}

/// Resolves each argument to a container id; errors are docker's lines.
pub fn resolve_all(ctx: &Ctx<'_>, args: &[String]) -> Vec<(String, Result<String, String>)> {
    args.iter()
        .map(|a| {
            let r = ctx
                .world
                .daemon
                .containers
                .resolve(a)
                .map_err(|e| format!("Error response from daemon: {e}"));
            (a.clone(), r)
        })
        .collect()
}

/// `docker pause` (`freeze`) and `docker unpause`: the cgroup freezer, as the kernel's
/// task freeze.
pub fn set_paused(ctx: &mut Ctx<'_>, p: &Parsed, freeze: bool) -> i32 {
    let word = if freeze { "pause" } else { "unpause" };
    let mut errors = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/{word}"));
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
        match (&c.state, freeze) {
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
            ctx.handles.kernel.borrow_mut().set_frozen(task, freeze);
        }
        ctx.world.daemon.emit_container(now, word, &id, &[]);
        ctx.out.out(format!("{arg}\n"));
    }
    if errors.is_empty() {
        return 0;
    }
    ctx.out.err(format!("{}\n", errors.join("\n")));
    1
}
