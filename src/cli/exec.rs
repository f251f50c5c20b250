//! `docker exec` (= `docker container exec`): run a command in a running container.

use super::command::{Args, Command, Group};
use super::flags::Flag;
use std::rc::Rc;

use super::flags::Parsed;
use super::{Ctx, Job, JobIo};
use crate::daemon::containers::{exec_process, ExecIo};
use crate::kernel::{Input, Sink};
use crate::output::Stream;

/// `docker exec`.
pub const CMD: Command = Command {
    name: "exec",
    usage: "[OPTIONS] CONTAINER COMMAND [ARG...]",
    short: "Execute a command in a running container",
    aliases_help: "docker container exec, docker exec",
    flags: &[
        Flag::bool(
            "detach",
            Some('d'),
            "Detached mode: run command in the background",
        ),
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::list("env", Some('e'), "Set environment variables"),
        Flag::list("env-file", None, "Read in a file of environment variables"),
        Flag::bool(
            "interactive",
            Some('i'),
            "Keep STDIN open even if not attached",
        ),
        Flag::bool(
            "privileged",
            None,
            "Give extended privileges to the command",
        ),
        Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
        Flag::string(
            "user",
            Some('u'),
            "Username or UID (format: \"<name|uid>[:<group|gid>]\")",
        ),
        Flag::string(
            "workdir",
            Some('w'),
            "Working directory inside the container",
        ),
    ],
    args: Args::Min(2),
    run: Some(run),
    interspersed: false,
    group: Group::Common(2),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    for flag in ["env-file", "privileged", "detach-keys"] {
        if p.changed(flag) {
            ctx.out.err(format!(
                "berth: \"{} --{flag}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    let target = &p.args[0];
    ctx.api("POST", &format!("/containers/{target}/exec"));
    let id = match ctx.world.daemon.containers.resolve(target) {
        Ok(id) => id,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let Some(c) = ctx.world.daemon.containers.get(&id) else {
        return 1;
    };
    if c.state.is_paused() {
        ctx.out.err(format!("Error response from daemon: Container {id} is paused, unpause the container before exec\n"));
        return 1;
    }
    if !c.state.is_running() {
        ctx.out.err(format!(
            "Error response from daemon: container {id} is not running\n"
        ));
        return 1;
    }
    let argv: Vec<String> = p.args[1..].to_vec();
    let env: Vec<String> = p.all("env").into_iter().map(str::to_owned).collect();
    let workdir = p.last("workdir").map(str::to_owned);
    let user = p.last("user").map(str::to_owned);
    let (tty, interactive, detach) = (p.bool("tty"), p.bool("interactive"), p.bool("detach"));
    let handles = ctx.handles.clone();
    let programs = ctx.world.daemon.programs();
    let now = ctx.world.now();
    let cmd = argv.join(" ");
    let exec_id = ctx.world.random_id();
    for action in ["exec_create", "exec_start"] {
        ctx.world.daemon.emit_container(
            now,
            &format!("{action}: {cmd}"),
            &id,
            &[("execID", &exec_id)],
        );
    }
    let mut job = Job::new(move |io: JobIo| {
        Box::pin(async move {
            let (stdin, stdout, stderr) = match (tty, &io.stdin) {
                (true, Input::Tty(t)) => (
                    if interactive {
                        Input::Tty(Rc::clone(t))
                    } else {
                        Input::Null
                    },
                    Sink::Tty(Rc::clone(t), Stream::Stdout),
                    Sink::Tty(Rc::clone(t), Stream::Stdout),
                ),
                (_, Input::Tty(t)) if interactive => (
                    Input::Tty(Rc::clone(t)),
                    io.stdout.clone(),
                    io.stderr.clone(),
                ),
                _ => (Input::Null, io.stdout.clone(), io.stderr.clone()),
            };
            let (stdout, stderr) = if detach {
                (Sink::Null, Sink::Null)
            } else {
                (stdout, stderr)
            };
            let sys = handles.kernel.borrow().sys();
            let fut = {
                let world = handles.world.borrow();
                let eio = ExecIo {
                    stdin,
                    stdout,
                    stderr,
                    tty,
                    user,
                };
                exec_process(
                    &world.daemon.containers,
                    &sys,
                    &programs,
                    &id,
                    argv,
                    &env,
                    workdir.as_deref(),
                    eio,
                )
            };
            // The daemon records the end of the process (`exec_die`).
            let fut = fut.map(|f| {
                let world = handles.world.clone();
                let (id, exec_id) = (id.clone(), exec_id.clone());
                Box::pin(async move {
                    let code = f.await;
                    let mut w = world.borrow_mut();
                    let now = w.now();
                    let exit = code.to_string();
                    w.daemon.emit_container(
                        now,
                        "exec_die",
                        &id,
                        &[("execID", &exec_id), ("exitCode", &exit)],
                    );
                    code
                }) as crate::kernel::TaskFuture
            });
            match fut {
                Ok(f) if detach => {
                    handles.kernel.borrow_mut().spawn(f);
                    0
                }
                Ok(f) => f.await,
                Err((msg, _)) => {
                    io.stdout.write_all(format!("{msg}\n").as_bytes()).await;
                    126
                }
            }
        })
    });
    job.forwards_interrupt = tty;
    ctx.spawn_job(job);
    0
}
