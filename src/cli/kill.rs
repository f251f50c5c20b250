//! `docker kill` (= `docker container kill`): send a signal (SIGKILL by default) to
//! running containers.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::lifecycle::{parse_signal, resolve_all};
use super::Ctx;

/// `docker kill`.
pub const CMD: Command = Command {
    name: "kill",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Kill one or more running containers",
    aliases_help: "docker container kill, docker kill",
    flags: &[Flag::string(
        "signal",
        Some('s'),
        "Signal to send to the container",
    )],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let name = p.last("signal").unwrap_or("KILL");
    let Some(sig) = parse_signal(name) else {
        ctx.out.err(format!(
            "Error response from daemon: invalid signal: {name}\n"
        ));
        return 1;
    };
    let mut status = 0;
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/kill?signal={name}"));
        match r {
            Ok(id) => {
                let running = ctx
                    .world
                    .daemon
                    .containers
                    .get(&id)
                    .is_some_and(|c| c.state.is_running());
                if !running {
                    ctx.out.err(format!(
                        "Error response from daemon: cannot kill container: {arg}: container {id} is not running\n"
                    ));
                    status = 1;
                    continue;
                }
                let now = ctx.world.now();
                if let Some(c) = ctx.world.daemon.containers.get_mut(&id) {
                    // Killing with its stop signal or SIGKILL is a manual stop: no restart.
                    let stop = c.config.stop_signal.as_deref().and_then(parse_signal);
                    if sig == 9 || sig == stop.unwrap_or(15) {
                        crate::daemon::restart::cancel(c);
                    }
                }
                ctx.world.daemon.signal(&ctx.handles.kernel, &id, sig);
                let sig_s = sig.to_string();
                ctx.world
                    .daemon
                    .emit_container(now, "kill", &id, &[("signal", &sig_s)]);
                ctx.out.out(format!("{arg}\n"));
            }
            Err(e) => {
                ctx.out.err(format!("{e}\n"));
                status = 1;
            }
        }
    }
    status
}
