//! `docker buildx`: the buildx CLI plugin (v0.19.3) that docker 27.5.1 installs as its
//! default builder. Its help is the plugin's own (cobra's help template under docker's usage
//! template, then the notice about experimental commands); `build` and `version` work, the
//! other commands are listed and refused honestly.

use super::command::{Args, Command, Group};
use super::flags::{self, Flag, Parsed};
use super::help;
use super::{build, Ctx};

/// The plugin's version (`docker info` lists it among the client's plugins).
pub const PLUGIN_VERSION: &str = "v0.19.3";

/// The plugin's version line (`docker buildx version`).
pub const VERSION: &str = "github.com/docker/buildx v0.19.3 48d6a39";

/// The flags every buildx command inherits from the plugin's root.
const ROOT_FLAGS: &[Flag] = &[
    Flag::string("builder", None, "Override the configured builder instance"),
    Flag::bool("debug", Some('D'), "Enable debug logging"),
];

/// A buildx command Berth lists but does not simulate: whatever follows it is refused.
const fn listed(name: &'static str, short: &'static str) -> Command {
    Command {
        name,
        short,
        unparsed: true,
        plugin: true,
        ..Command::LEAF
    }
}

const IMAGETOOLS: Command = Command {
    name: "imagetools",
    short: "Commands to work on images in registry",
    subcommands: &[
        listed("create", "Create a new image based on source images"),
        listed("inspect", "Show details of an image in the registry"),
    ],
    flags: ROOT_FLAGS,
    plugin: true,
    ..Command::GROUP
};

const VERSION_CMD: Command = Command {
    name: "version",
    usage: "",
    short: "Show buildx version information",
    flags: ROOT_FLAGS,
    args: Args::No,
    run: Some(version),
    plugin: true,
    ..Command::LEAF
};

/// `docker buildx`.
pub const CMD: Command = Command {
    name: "buildx",
    short: "Docker Buildx",
    long: "Extended build capabilities with BuildKit",
    flags: ROOT_FLAGS,
    subcommands: &[
        listed("bake", "Build from a file"),
        build::BUILDX_CMD,
        listed("create", "Create a new builder instance"),
        listed(
            "dial-stdio",
            "Proxy current stdio streams to builder instance",
        ),
        listed("du", "Disk usage"),
        IMAGETOOLS,
        listed("inspect", "Inspect current builder instance"),
        listed("ls", "List builder instances"),
        listed("prune", "Remove build cache"),
        listed("rm", "Remove one or more builder instances"),
        listed("stop", "Stop builder instance"),
        listed("use", "Set the current builder instance"),
        VERSION_CMD,
    ],
    group: Group::Management,
    plugin: true,
    ..Command::GROUP
};

/// The `--help` of a buildx command; a command docker hands over shows `--builder`'s
/// default as the context docker passes it.
pub fn help(cmd: &Command, ctx: &Ctx<'_>) -> String {
    if cmd.plugin_path.is_empty() {
        return help::plugin_help(cmd, &ctx.path);
    }
    let handed = Command {
        flags: build::help_flags(cmd, ctx.world.host.context_name()),
        ..*cmd
    };
    help::plugin_help(&handed, &ctx.path)
}

/// A buildx command group: its root flags, then a subcommand. Without one the help goes to
/// standard output; an unknown word follows the help with buildx's error.
pub fn dispatch(ctx: &mut Ctx<'_>, cmd: &'static Command, args: &[String]) -> i32 {
    let mut rest = args;
    while let Some(first) = rest.first() {
        let takes_value = first == "--builder";
        if takes_value || first.starts_with("--builder=") || first == "-D" || first == "--debug" {
            if takes_value && rest.len() < 2 {
                ctx.out.err(format!(
                    "flag needs an argument: --builder\nSee '{} --help'.\n",
                    ctx.path
                ));
                return 125;
            }
            rest = &rest[if takes_value { 2 } else { 1 }..];
            continue;
        }
        break;
    }
    let Some(first) = rest.first() else {
        ctx.out.out(help::plugin_help(cmd, &ctx.path));
        return 0;
    };
    if first == "--help" || first == "-h" {
        ctx.out.out(help::plugin_help(cmd, &ctx.path));
        return 0;
    }
    if first.starts_with('-') && first.len() > 1 {
        let e = match flags::parse(cmd.flags, rest, false) {
            Err(e) => e.0,
            Ok(_) => format!("unknown flag: {first}"),
        };
        ctx.out.err(format!("{e}\nSee '{} --help'.\n", ctx.path));
        return 125;
    }
    match cmd.find(first) {
        Some(sub) => {
            ctx.path = format!("{} {}", ctx.path, sub.name);
            super::dispatch(ctx, sub, &rest[1..])
        }
        None => {
            ctx.out.out(help::plugin_help(cmd, &ctx.path));
            ctx.out.err(format!(
                "ERROR: unknown command: {}\n",
                flags::go_quote(first)
            ));
            1
        }
    }
}

/// `docker buildx version`.
fn version(ctx: &mut Ctx<'_>, _: &Parsed) -> i32 {
    ctx.out.out(format!("{VERSION}\n"));
    0
}

#[cfg(test)]
mod tests {
    use crate::{Engine, HostKind, Stream};

    fn check(line: &str, stdout: &str, stderr: &str, status: i32) {
        let mut s = Engine::builder().host(HostKind::Linux).build().session();
        let out = s.run_line(line);
        assert_eq!(out.stream_text(Stream::Stdout), stdout, "stdout of {line}");
        assert_eq!(out.stream_text(Stream::Stderr), stderr, "stderr of {line}");
        assert_eq!(out.status, Some(status), "status of {line}");
    }

    #[test]
    fn commands() {
        check(
            "docker buildx version",
            "github.com/docker/buildx v0.19.3 48d6a39\n",
            "",
            0,
        );
        check(
            "docker buildx -D version",
            "github.com/docker/buildx v0.19.3 48d6a39\n",
            "",
            0,
        );
        check(
            "docker buildx version extra",
            "",
            "ERROR: \"docker buildx version\" accepts no arguments.\nSee 'docker buildx version --help'.\n\nUsage:  docker buildx version\n\nShow buildx version information\n",
            1,
        );
        check(
            "docker buildx bake",
            "",
            "berth: \"docker buildx bake\" is a real docker command, but Berth does not simulate it yet\n",
            1,
        );
        check(
            "docker buildx imagetools inspect alpine",
            "",
            "berth: \"docker buildx imagetools inspect\" is a real docker command, but Berth does not simulate it yet\n",
            1,
        );
        check(
            "docker build",
            "",
            "ERROR: \"docker buildx build\" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n",
            1,
        );
    }

    #[test]
    fn unknown_command_prints_help_then_error() {
        let mut s = Engine::builder().host(HostKind::Linux).build().session();
        let out = s.run_line("docker buildx nosuch");
        assert!(out
            .stream_text(Stream::Stdout)
            .starts_with("Extended build capabilities with BuildKit\n\nUsage:  docker buildx [OPTIONS] COMMAND\n"));
        assert_eq!(
            out.stream_text(Stream::Stderr),
            "ERROR: unknown command: \"nosuch\"\n"
        );
        assert_eq!(out.status, Some(1));
    }
}
