//! The `docker` root command: global options, the command list, `--version`, root help.

use super::command::Command;
use super::flags::{self, Flag};
use super::{
    attach, build, builder, buildx, commit, config, container, context, cp, create, diff, events,
    exec, export, history, image, images, import, info, inspect, kill, load, login, logout, logs,
    manifest, network, node, pause, plugin, port, ps, pull, push, rename, restart, rm, rmi, run,
    save, search, secret, service, stack, start, stats, stop, swarm, system, tag, top, trust,
    unpause, update, version, volume, wait,
};
use super::{dispatch, help, Ctx};

/// Every top-level command docker 27.5.1 has against a Linux daemon that is not a swarm
/// manager, with the buildx plugin installed: the common ones (in the root help's order), the
/// management commands, `swarm`,
/// the others, and the swarm-manager-only ones it hides. Help sorts what it lists.
pub const COMMANDS: &[Command] = &[
    // Common Commands
    run::CMD,
    exec::CMD,
    ps::TOP,
    build::CMD,
    pull::CMD,
    push::CMD,
    images::TOP,
    login::CMD,
    logout::CMD,
    search::CMD,
    version::CMD,
    info::CMD,
    // Management Commands
    builder::CMD,
    buildx::CMD,
    container::CMD,
    context::CMD,
    image::CMD,
    manifest::CMD,
    network::CMD,
    plugin::CMD,
    system::CMD,
    trust::CMD,
    volume::CMD,
    // Swarm Commands
    swarm::CMD,
    // Commands
    attach::CMD,
    commit::CMD,
    cp::CMD,
    create::CMD,
    diff::CMD,
    events::CMD,
    export::CMD,
    history::CMD,
    import::CMD,
    inspect::CMD,
    kill::CMD,
    load::CMD,
    logs::CMD,
    pause::CMD,
    port::CMD,
    rename::CMD,
    restart::CMD,
    rm::TOP,
    rmi::TOP,
    save::CMD,
    start::CMD,
    stats::CMD,
    stop::CMD,
    tag::CMD,
    top::CMD,
    unpause::CMD,
    update::CMD,
    wait::CMD,
    // Hidden: swarm-manager-only
    config::CMD,
    node::CMD,
    secret::CMD,
    service::CMD,
    stack::CMD,
];

/// The root command.
pub const ROOT: Command = Command {
    name: "docker",
    usage: "[OPTIONS] COMMAND",
    short: "A self-sufficient runtime for containers",
    interspersed: false,
    subcommands: COMMANDS,
    ..Command::LEAF
};

/// The global options of a Linux host (student's home is `/home/student`).
pub const LINUX_GLOBAL: [Flag; 11] = global_flags([
    "\"/home/student/.docker\"",
    "\"/home/student/.docker/ca.pem\"",
    "\"/home/student/.docker/cert.pem\"",
    "\"/home/student/.docker/key.pem\"",
]);

/// The global options of a Windows host; Go's `%q` doubles the backslashes.
pub const WINDOWS_GLOBAL: [Flag; 11] = global_flags([
    "\"C:\\\\Users\\\\student\\\\.docker\"",
    "\"C:\\\\Users\\\\student\\\\.docker\\\\ca.pem\"",
    "\"C:\\\\Users\\\\student\\\\.docker\\\\cert.pem\"",
    "\"C:\\\\Users\\\\student\\\\.docker\\\\key.pem\"",
]);

/// The global options, with the host's config paths as defaults (already `%q`-quoted).
const fn global_flags(quoted: [&'static str; 4]) -> [Flag; 11] {
    [
        Flag::string("config", None, "Location of client config files").default(quoted[0]),
        Flag::string(
            "context",
            Some('c'),
            "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")",
        ),
        Flag::bool("debug", Some('D'), "Enable debug mode"),
        Flag::list("host", Some('H'), "Daemon socket to connect to"),
        Flag::string(
            "log-level",
            Some('l'),
            "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")",
        )
        .default("\"info\""),
        Flag::bool("tls", None, "Use TLS; implied by --tlsverify"),
        Flag::string("tlscacert", None, "Trust certs signed only by this CA").default(quoted[1]),
        Flag::string("tlscert", None, "Path to TLS certificate file").default(quoted[2]),
        Flag::string("tlskey", None, "Path to TLS key file").default(quoted[3]),
        Flag::bool("tlsverify", None, "Use TLS and verify the remote"),
        Flag::bool("version", Some('v'), "Print version information and quit"),
    ]
}

/// Runs the root command.
pub fn run(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let global = ctx.world.host.global_flags();
    let parsed = match flags::parse(&global, args, false) {
        Ok(p) => p,
        Err(e) => {
            let usage = help::help(&ROOT, "docker", &global);
            ctx.out
                .err(format!("{}\nSee 'docker --help'.\n{usage}\n", e.0));
            return 125;
        }
    };
    if parsed.bool("version") {
        ctx.out.out(format!(
            "Docker version {}, build {}\n",
            version::CLIENT_VERSION,
            version::CLIENT_COMMIT
        ));
        return 0;
    }
    if let Some(level) = parsed.last("log-level") {
        if !["debug", "info", "warn", "error", "fatal", "panic", "trace"].contains(&level) {
            ctx.out
                .err(format!("Unable to parse logging level: {level}\n"));
            return 1;
        }
    }
    if let Some(code) = check_endpoint(ctx, &parsed) {
        return code;
    }
    ctx.debug = parsed.bool("debug");
    let Some(first) = parsed.args.first() else {
        let text = help::help(&ROOT, "docker", &global);
        if parsed.help {
            ctx.out.out(text);
        } else {
            ctx.out.err(text);
        }
        return 0;
    };
    if first == "help" {
        return help_command(ctx, &parsed.args[1..], &global);
    }
    let Some(cmd) = ROOT.find(first) else {
        if let Some(plugin) = PLUGINS.iter().find(|p| **p == first) {
            ctx.out.err(format!(
                "berth: \"docker {plugin}\" is a Docker Desktop plugin command, but Berth does not simulate it yet\n"
            ));
            return 1;
        }
        ctx.out.err(format!(
            "docker: '{first}' is not a docker command.\nSee 'docker --help'\n"
        ));
        return 1;
    };
    ctx.path = format!("docker {}", cmd.name);
    let mut rest: Vec<String> = parsed.args[1..].to_vec();
    if parsed.help {
        rest.insert(0, "--help".to_owned());
    }
    dispatch(ctx, cmd, &rest)
}

/// CLI plugins that Docker Desktop ships; Berth has none installed but names them honestly.
const PLUGINS: &[&str] = &[
    "compose",
    "scout",
    "init",
    "debug",
    "extension",
    "sbom",
    "ai",
    "desktop",
];

/// `-H` and `--context` choose the daemon: only the host's own one answers.
fn check_endpoint(ctx: &mut Ctx<'_>, parsed: &flags::Parsed) -> Option<i32> {
    let host = &ctx.world.host;
    if let Some(h) = parsed.last("host") {
        if h != host.daemon_socket() {
            ctx.out.err(format!(
                "Cannot connect to the Docker daemon at {h}. Is the docker daemon running?\n"
            ));
            return Some(1);
        }
    }
    if let Some(c) = parsed.last("context") {
        if c != "default" && c != host.context_name() {
            ctx.out.err(format!("context \"{c}\" does not exist\n"));
            return Some(1);
        }
    }
    None
}

/// `docker help [COMMAND…]`.
fn help_command(ctx: &mut Ctx<'_>, args: &[String], global: &[Flag]) -> i32 {
    let mut cmd = &ROOT;
    let mut path = "docker".to_owned();
    for word in args {
        match cmd.find(word) {
            Some(sub) => {
                path = format!("{path} {}", sub.name);
                cmd = sub;
            }
            None => {
                ctx.out
                    .err(format!("unknown help topic: {}\n", args.join(" ")));
                return 1;
            }
        }
    }
    let text = help::help(cmd, &path, if path == "docker" { global } else { &[] });
    ctx.out.out(text);
    0
}
