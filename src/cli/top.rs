//! `docker top` (= `docker container top`): the processes of a container, as `ps` shows
//! them. Everything after the container is passed to `ps`.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::Ctx;
use crate::format::table::TabWriter;

/// `docker top`.
pub const CMD: Command = Command {
    name: "top",
    usage: "CONTAINER [ps OPTIONS]",
    short: "Display the running processes of a container",
    aliases_help: "docker container top, docker top",
    args: Args::Min(1),
    run: Some(run),
    interspersed: false,
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let target = &p.args[0];
    if p.args.len() > 1 {
        ctx.out
            .err("berth: \"docker top\" with ps options is not simulated yet\n");
        return 1;
    }
    ctx.api("GET", &format!("/containers/{target}/top"));
    let id = match ctx.world.daemon.containers.resolve(target) {
        Ok(id) => id,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    if !ctx
        .world
        .daemon
        .containers
        .get(&id)
        .is_some_and(|c| c.state.is_running())
    {
        ctx.out.err(format!(
            "Error response from daemon: container {id} is not running\n"
        ));
        return 1;
    }
    let sys = ctx.handles.kernel.borrow().sys();
    let sys = sys.borrow();
    let mut text = String::from("UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n");
    for (pid, info) in sys
        .procs()
        .iter()
        .filter(|(_, i)| i.container.as_deref() == Some(id.as_str()))
    {
        let (_, _, _, h, mi, _, _) = crate::daemon::events::civil(info.started);
        let ppid = if info.ppid == 0 { 0 } else { info.ppid };
        text.push_str(&format!(
            "{}\t{pid}\t{ppid}\t0\t{h:02}:{mi:02}\t?\t00:00:00\t{}\n",
            info.user,
            info.args.join(" ")
        ));
    }
    ctx.out.out(TabWriter::TOP.format(&text));
    0
}
