//! `docker run` (= `docker container run`): create and run a new container from an image.

use super::command::{Args, Command, Group};
use super::container_opts::{CONTAINER, PLATFORM, TRUST_VERIFY};
use super::flags::{join, Flag};

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
    group: Group::Common(1),
    ..Command::LEAF
};
