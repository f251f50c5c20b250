//! `docker create` (= `docker container create`): create a new container from an image,
//! without starting it.

use super::command::{Args, Command};
use super::container_opts::{CONTAINER, PLATFORM, TRUST_VERIFY};
use super::flags::{join, Flag};

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
    ..Command::LEAF
};
