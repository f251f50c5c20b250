//! `docker create` (= `docker container create`): create a new container from an image,
//! without starting it.

use super::command::{Args, Command};
use super::container_opts::{CONTAINER, PLATFORM, TRUST_VERIFY};
use super::flags::{join, Flag, Parsed};
use super::run::{refused, with_period};
use super::run_opts;
use super::{Ctx, Job, JobIo};

/// The flags only `create` has; the container options follow them.
const OWN: &[Flag] = &[
    Flag::string("name", None, "Assign a name to the container"),
    // docker 27.5.1 prints the stray `|` too.
    Flag::string(
        "pull",
        None,
        "Pull image before creating (\"always\", \"|missing\", \"never\")",
    )
    .default("\"missing\""),
    Flag::bool("quiet", Some('q'), "Suppress the pull output"),
    // `-h` is --hostname here, so create declares its own `--help`.
    Flag::bool("help", None, "Print usage"),
    PLATFORM,
    TRUST_VERIFY,
];

const FLAGS: [Flag; OWN.len() + CONTAINER.len()] = join(OWN, CONTAINER);

/// `docker create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    short: "Create a new container",
    aliases_help: "docker container create, docker create",
    flags: &FLAGS,
    args: Args::Min(1),
    interspersed: false,
    run: Some(run),
    ..Command::LEAF
};

/// Checks the options as `docker run` does, then (pulling a missing image on standard
/// error) creates the container and prints its id.
fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let opts = match run_opts::parse(p, &ctx.path, &ctx.world.host) {
        Ok(o) => o,
        Err(r) => return refused(ctx, &r.message, r.status),
    };
    ctx.api("POST", "/containers/create");
    let handles = ctx.handles.clone();
    let columns = ctx.columns;
    let path = ctx.path.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            match run_opts::create(&handles, &opts, &io.stderr, columns).await {
                Ok(id) => {
                    if let Some(w) = super::run_net::create_warning(&opts.host) {
                        io.stderr.write_all(w.as_bytes()).await;
                    }
                    io.stdout.write_all(format!("{id}\n").as_bytes()).await;
                    0
                }
                Err(r) => {
                    let text = if r.message.starts_with("berth:") {
                        format!("{}\n", r.message)
                    } else {
                        format!(
                            "docker: {}\nSee '{path} --help'.\n",
                            with_period(&r.message)
                        )
                    };
                    io.stderr.write_all(text.as_bytes()).await;
                    r.status
                }
            }
        })
    }));
    0
}
