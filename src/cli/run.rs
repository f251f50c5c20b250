//! `docker run` (= `docker container run`): create and run a new container from an image.

use std::rc::Rc;

use super::command::{Args, Command, Group};
use super::container_opts::{CONTAINER, PLATFORM, TRUST_VERIFY};
use super::flags::{join, Flag, Parsed};
use super::run_opts::{self, CreateOptions};
use super::{Ctx, Handles, Job, JobIo};
use crate::daemon::containers;
use crate::kernel::{yield_now, Input};
use crate::output::Stream;

/// The flags only `run` has; the container options follow them.
const OWN: &[Flag] = &[
    Flag::bool(
        "detach",
        Some('d'),
        "Run container in background and print container ID",
    ),
    Flag::bool("sig-proxy", None, "Proxy received signals to the process").default("true"),
    Flag::string("name", None, "Assign a name to the container"),
    Flag::string(
        "detach-keys",
        None,
        "Override the key sequence for detaching a container",
    ),
    Flag::string(
        "pull",
        None,
        "Pull image before running (\"always\", \"missing\", \"never\")",
    )
    .default("\"missing\""),
    Flag::bool("quiet", Some('q'), "Suppress the pull output"),
    // `-h` is --hostname here, so run declares its own `--help`.
    Flag::bool("help", None, "Print usage"),
    PLATFORM,
    TRUST_VERIFY,
];

const FLAGS: [Flag; OWN.len() + CONTAINER.len()] = join(OWN, CONTAINER);

/// `docker run`.
pub const CMD: Command = Command {
    name: "run",
    usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    short: "Create and run a new container from an image",
    aliases_help: "docker container run, docker run",
    flags: &FLAGS,
    args: Args::Min(1),
    interspersed: false,
    run: Some(run),
    group: Group::Common(1),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let opts = match run_opts::parse(p, &ctx.path, &ctx.world.host) {
        Ok(o) => o,
        Err(r) => return refused(ctx, &r.message, r.status),
    };
    if opts.detach && p.changed("attach") {
        ctx.out.err("Conflicting options: -a and -d\n");
        return 1;
    }
    ctx.api("POST", "/containers/create");
    let handles = ctx.handles.clone();
    let columns = ctx.columns;
    let path = ctx.path.clone();
    let mut job = Job::new(move |io: JobIo| {
        Box::pin(async move { run_job(handles, opts, io, columns, path).await })
    });
    job.forwards_interrupt = p.bool("tty");
    ctx.spawn_job(job);
    0
}

/// docker's `reportError` ends the message with a period unless it has one.
pub(super) fn with_period(msg: &str) -> String {
    if msg.ends_with('.') {
        msg.to_owned()
    } else {
        format!("{msg}.")
    }
}

/// Prints a refusal the way `docker run` reports errors.
pub(super) fn refused(ctx: &mut Ctx<'_>, message: &str, status: i32) -> i32 {
    if message.starts_with("berth:") {
        ctx.out.err(format!("{message}\n"));
    } else if message.starts_with("invalid argument \"") {
        // A flag's own check: pflag's words, without `docker: `.
        ctx.out
            .err(format!("{message}\nSee '{} --help'.\n", ctx.path));
    } else {
        ctx.out.err(format!(
            "docker: {}\nSee '{} --help'.\n",
            with_period(message),
            ctx.path
        ));
    }
    status
}

async fn run_job(
    handles: Handles,
    opts: CreateOptions,
    io: JobIo,
    columns: usize,
    path: String,
) -> i32 {
    let id = match run_opts::create(&handles, &opts, &io.stderr, columns).await {
        Ok(id) => {
            if let Some(w) = super::run_net::create_warning(&opts.host) {
                io.stderr.write_all(w.as_bytes()).await;
            }
            id
        }
        Err(r) => {
            let text = if r.message.starts_with("berth:") {
                format!("{}\n", r.message)
            } else if super::mount_opt::is_start_error(&r.message) {
                format!("docker: {}\n", with_period(&r.message))
            } else {
                format!(
                    "docker: {}\nSee '{path} --help'.\n",
                    with_period(&r.message)
                )
            };
            io.stderr.write_all(text.as_bytes()).await;
            return r.status;
        }
    };
    if !opts.detach {
        let mut w = handles.world.borrow_mut();
        let now = w.now();
        w.daemon.emit_container(now, "attach", &id, &[]);
    }
    let attach_tty = opts.config.tty && !opts.detach;
    if let Err(e) = start_container(
        &handles,
        &id,
        attach_tty.then(|| session_tty(&io)).flatten(),
    ) {
        let text = format!(
            "docker: Error response from daemon: {}\n",
            with_period(&e.message)
        );
        io.stderr.write_all(text.as_bytes()).await;
        return e.status;
    }
    if opts.detach {
        io.stdout.write_all(format!("{id}\n").as_bytes()).await;
        return 0;
    }
    attach(
        &handles,
        &id,
        &io,
        opts.config.open_stdin && !opts.config.tty,
    )
    .await
}

/// The session's terminal, when the job's streams are one.
pub(super) fn session_tty(io: &JobIo) -> Option<crate::kernel::terminal::Tty> {
    match &io.stdin {
        Input::Tty(t) => Some(Rc::clone(t)),
        _ => None,
    }
}

/// Starts a created container (with `tty`, the session's terminal becomes the container's,
/// its output also going to the container's log).
pub fn start_container(
    handles: &Handles,
    id: &str,
    tty: Option<crate::kernel::terminal::Tty>,
) -> Result<(), containers::StartError> {
    let mut world = handles.world.borrow_mut();
    start_in(&mut world, &handles.kernel, id, tty)
}

/// [`start_container`] for a caller that already holds the world.
pub fn start_in(
    world: &mut crate::world::World,
    kernel: &std::cell::RefCell<crate::kernel::Kernel>,
    id: &str,
    tty: Option<crate::kernel::terminal::Tty>,
) -> Result<(), containers::StartError> {
    let now = world.now();
    let programs = world.daemon.programs();
    // A start by hand gives the restart policy a fresh count.
    world.daemon.restarts.reset(id);
    if let Some(c) = world.daemon.containers.get_mut(id) {
        c.restart_count = 0;
    }
    if let (Some(t), Some(c)) = (&tty, world.daemon.containers.get_mut(id)) {
        t.borrow_mut().tee_into(Some(Rc::clone(&c.log)));
        t.borrow_mut().set_now(now);
        c.tty = Some(Rc::clone(t));
    }
    if let Err(message) = crate::daemon::sandbox::prepare(&mut world.daemon, id, now) {
        return Err(containers::StartError {
            message,
            status: 125,
        });
    }
    crate::net::reach::publish(&mut world.daemon, Some(id));
    let result = containers::start(&mut world.daemon.containers, kernel, &programs, id, now);
    if result.is_err() {
        world.daemon.networks.release(id);
    }
    match &result {
        Ok(()) => world.daemon.emit_container(now, "start", id, &[]),
        Err(_) => {
            if let Some(t) = &tty {
                t.borrow_mut().tee_into(None);
            }
        }
    }
    result
}

/// Follows a running container until it stops: its log to the terminal (unless the
/// terminal is the container's own), typed lines to its standard input with `stdin`.
/// Returns its exit status.
pub async fn attach(handles: &Handles, id: &str, io: &JobIo, stdin: bool) -> i32 {
    let mut cursor = 0;
    loop {
        let (entries, done, own_tty) = {
            let world = handles.world.borrow();
            match world.daemon.containers.get(id) {
                Some(c) => {
                    let own = c
                        .tty
                        .as_ref()
                        .is_some_and(|t| session_tty(io).is_some_and(|s| Rc::ptr_eq(t, &s)));
                    let log = c.log.borrow();
                    let entries: Vec<_> = log.since(cursor).to_vec();
                    cursor = log.len();
                    let done = (!c.state.is_running()).then(|| c.state.exit_code());
                    (entries, done, own)
                }
                None => (
                    Vec::new(),
                    Some(world.daemon.removed_exits.get(id).copied().unwrap_or(0)),
                    false,
                ),
            }
        };
        if !own_tty {
            for e in entries.iter().filter(|e| !e.echo) {
                let sink = if e.stream == Stream::Stderr {
                    &io.stderr
                } else {
                    &io.stdout
                };
                sink.write_all(e.text.as_bytes()).await;
            }
        }
        if let Some(code) = done {
            if let Some(t) = session_tty(io) {
                t.borrow_mut().tee_into(None);
            }
            return code;
        }
        if stdin {
            if let Some(t) = session_tty(io) {
                let line = t.borrow_mut().read_line("");
                if let Some(line) = line {
                    let world = handles.world.borrow();
                    if let (Some(w), Some(l)) = (
                        world
                            .daemon
                            .containers
                            .get(id)
                            .and_then(|c| c.stdin.as_ref()),
                        line,
                    ) {
                        let _ = w.write(l.as_bytes());
                    }
                }
            }
        }
        yield_now().await;
    }
}
