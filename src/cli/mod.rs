//! The docker client: argv in, a typed request to the daemon out, docker's words back.
//!
//! Each docker subcommand lives in its own file here, holding its flag table, its parse
//! into a request, its output formatting and its tests. This module dispatches argv through
//! the command tree exactly as docker's cobra setup does, and prints cobra's errors.

pub mod command;
pub mod flags;
pub mod help;
pub mod root;

mod attach;
mod build;
mod builder;
mod builder_prune;
mod buildx;
mod commit;
mod config;
mod confirm;
mod container;
mod container_inspect;
mod container_opts;
mod container_prune;
mod context;
mod context_create;
mod context_export;
mod context_import;
mod context_inspect;
mod context_ls;
mod context_rm;
mod context_show;
mod context_update;
mod context_use;
mod cp;
mod create;
mod diff;
mod env_file;
mod events;
mod exec;
mod export;
mod filters;
mod history;
mod image;
mod image_inspect;
mod image_prune;
mod images;
mod import;
mod info;
mod inspect;
mod inspecting;
mod kill;
mod lifecycle;
mod listing;
mod load;
pub mod login;
mod logout;
mod logs;
mod manifest;
mod manifest_annotate;
mod manifest_create;
mod manifest_inspect;
mod manifest_push;
mod manifest_rm;
mod mount_opt;
mod network;
mod network_connect;
mod network_create;
mod network_disconnect;
mod network_inspect;
mod network_ls;
mod network_prune;
mod network_rm;
mod node;
mod pause;
mod plugin;
mod plugin_create;
mod plugin_disable;
mod plugin_enable;
mod plugin_inspect;
mod plugin_install;
mod plugin_ls;
mod plugin_push;
mod plugin_rm;
mod plugin_set;
mod plugin_upgrade;
mod port;
mod progress;
mod ps;
mod pull;
mod push;
mod rename;
mod restart;
mod rm;
mod rmi;
mod run;
mod run_net;
mod run_opts;
mod save;
mod search;
mod secret;
mod service;
mod stack;
mod start;
mod stats;
mod stop;
mod swarm;
mod swarm_ca;
mod swarm_init;
mod swarm_join;
mod swarm_join_token;
mod swarm_leave;
mod swarm_manager;
mod swarm_unlock;
mod swarm_unlock_key;
mod swarm_update;
mod system;
mod system_df;
mod system_dial_stdio;
mod system_prune;
mod tag;
mod top;
mod trust;
mod trust_inspect;
mod trust_key;
mod trust_key_generate;
mod trust_key_load;
mod trust_revoke;
mod trust_sign;
mod trust_signer;
mod trust_signer_add;
mod trust_signer_remove;
mod unpause;
mod update;
mod version;
mod volume;
mod volume_create;
mod volume_inspect;
mod volume_ls;
mod volume_prune;
mod volume_rm;
mod volume_update;
mod wait;

use std::cell::RefCell;
use std::rc::Rc;

use crate::kernel::{Input, Kernel, Sink, TaskFuture};
use crate::output::{Event, Output};
use crate::world::World;
use command::Command;

/// Everything a command handler may touch.
pub struct Ctx<'a> {
    /// The engine's state: daemon, registry, host.
    pub world: &'a mut World,
    /// Where the command writes.
    pub out: &'a mut Output,
    /// The command path as invoked (`docker container ls`), for messages.
    pub path: String,
    /// Whether standard output is a terminal (it is, unless the host shell redirects it).
    pub stdout_tty: bool,
    /// Root flag `-D`/`--debug` was given.
    pub debug: bool,
    /// Shared handles a job may keep after the command line returns.
    pub handles: Handles,
    /// Width of the terminal in columns.
    pub columns: usize,
    /// What the host shell feeds to standard input (`docker load < file.tar`); `None` when
    /// standard input is the terminal.
    pub stdin: Option<Vec<u8>>,
    job: Option<Job>,
}

/// Handles to the engine's state that outlive one command line. Never borrow `world`
/// while a handler runs (the handler already holds it); borrow it inside a job's future.
#[derive(Clone)]
pub struct Handles {
    /// The engine's state.
    pub world: Rc<RefCell<World>>,
    /// The scheduler.
    pub kernel: Rc<RefCell<Kernel>>,
}

/// The standard streams a job runs with: the terminal it was typed at.
pub struct JobIo {
    /// Where the job reads typed lines.
    pub stdin: Input,
    /// Standard output.
    pub stdout: Sink,
    /// Standard error.
    pub stderr: Sink,
}

/// A docker command that goes on after its line (`run -it`, `logs -f`, a prune prompt):
/// it becomes a task holding the terminal until it finishes.
pub struct Job {
    /// Makes the task's future from the terminal's streams.
    pub start: Box<dyn FnOnce(JobIo) -> TaskFuture>,
    /// Ctrl-C goes to the job through its terminal (a container attached with `-t`);
    /// otherwise Ctrl-C ends the docker client at once with status 130.
    pub forwards_interrupt: bool,
}

impl Job {
    /// A client job that Ctrl-C ends.
    pub fn new(start: impl FnOnce(JobIo) -> TaskFuture + 'static) -> Job {
        Job {
            start: Box::new(start),
            forwards_interrupt: false,
        }
    }
}

/// What running a docker command line gave.
pub enum Flow {
    /// It finished with this status.
    Done(i32),
    /// It goes on as a job.
    Job(Job),
}

impl Ctx<'_> {
    /// Hands the terminal to `job` once the handler returns (its status is then ignored).
    pub fn spawn_job(&mut self, job: Job) {
        self.job = Some(job);
    }

    /// Records that the client called the daemon's Engine API (`GET /version`); the
    /// visualizer animates these.
    pub fn api(&mut self, method: &str, path: &str) {
        self.out.events.push(Event::Api {
            method: method.to_owned(),
            path: path.to_owned(),
        });
    }
}

/// Runs `docker ARGS…`.
pub fn docker(
    world: &mut World,
    handles: Handles,
    out: &mut Output,
    args: &[String],
    stdout_tty: bool,
    columns: usize,
    stdin: Option<Vec<u8>>,
) -> Flow {
    let mut ctx = Ctx {
        world,
        out,
        path: "docker".to_owned(),
        stdout_tty,
        debug: false,
        handles,
        columns,
        stdin,
        job: None,
    };
    let status = root::run(&mut ctx, args);
    match ctx.job.take() {
        Some(job) => Flow::Job(job),
        None => Flow::Done(status),
    }
}

/// Dispatches `args` to `cmd` (invoked as `ctx.path`), descending into subcommands.
fn dispatch(ctx: &mut Ctx<'_>, cmd: &'static Command, args: &[String]) -> i32 {
    if !cmd.plugin_path.is_empty() {
        ctx.path = cmd.plugin_path.to_owned();
    }
    if cmd.plugin && cmd.has_subcommands() {
        return buildx::dispatch(ctx, cmd, args);
    }
    if cmd.has_subcommands() {
        return dispatch_group(ctx, cmd, args);
    }
    if cmd.unparsed {
        let parsed = flags::Parsed::from_args(args.to_vec());
        return match cmd.run {
            Some(handler) => handler(ctx, &parsed),
            None => not_simulated(ctx),
        };
    }
    let parsed = match flags::parse(cmd.flags, args, cmd.interspersed) {
        Ok(p) => p,
        Err(e) => {
            ctx.out
                .err(format!("{}\nSee '{} --help'.\n", e.0, ctx.path));
            return 125;
        }
    };
    if parsed.help {
        if parsed.deprecated_h {
            ctx.out
                .err("Flag shorthand -h has been deprecated, use --help\n");
        }
        let text = if cmd.plugin {
            buildx::help(cmd, ctx)
        } else {
            help::help(cmd, &ctx.path, &[])
        };
        ctx.out.out(text);
        return 0;
    }
    if let Some(msg) = cmd.args.check(&ctx.path, parsed.args.len()) {
        let usage = help::usage(cmd, &ctx.path);
        let error = if cmd.plugin { "ERROR: " } else { "" };
        ctx.out.err(format!(
            "{error}{msg}\nSee '{} --help'.\n\n{usage}\n",
            ctx.path
        ));
        return 1;
    }
    match cmd.run {
        Some(handler) => handler(ctx, &parsed),
        None => not_simulated(ctx),
    }
}

/// A management command (`docker container …`): help, or the subcommand.
fn dispatch_group(ctx: &mut Ctx<'_>, cmd: &'static Command, args: &[String]) -> i32 {
    let Some(first) = args.first() else {
        let text = help::help(cmd, &ctx.path, &[]);
        ctx.out.err(text);
        return 0;
    };
    if first == "--help" || first == "-h" {
        if first == "-h" {
            ctx.out
                .err("Flag shorthand -h has been deprecated, use --help\n");
        }
        let text = help::help(cmd, &ctx.path, &[]);
        ctx.out.out(text);
        return 0;
    }
    if first.starts_with('-') && first.len() > 1 {
        let e = match flags::parse(cmd.flags, args, false) {
            Err(e) => e.0,
            Ok(_) => format!("unknown flag: {first}"),
        };
        let usage = help::help(cmd, &ctx.path, &[]);
        ctx.out
            .err(format!("{e}\nSee '{} --help'.\n{usage}\n", ctx.path));
        return 125;
    }
    match cmd.find(first) {
        Some(sub) => {
            ctx.path = format!("{} {}", ctx.path, sub.name);
            dispatch(ctx, sub, &args[1..])
        }
        None => {
            // cli.NoArgs: "\n" + the usage, which is the help text itself.
            let text = help::help(cmd, &ctx.path, &[]);
            ctx.out.err(text);
            1
        }
    }
}

/// The honest answer for a real docker command that Berth does not simulate yet.
fn not_simulated(ctx: &mut Ctx<'_>) -> i32 {
    ctx.out.err(format!(
        "berth: \"{}\" is a real docker command, but Berth does not simulate it yet\n",
        ctx.path
    ));
    1
}
