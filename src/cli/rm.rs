//! `docker container rm` (also `remove`) and its top-level shortcut `docker rm`: remove
//! containers.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker container rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Remove one or more containers",
    aliases_help: "docker container rm, docker container remove, docker rm",
    flags: &[
        Flag::bool(
            "force",
            Some('f'),
            "Force the removal of a running container (uses SIGKILL)",
        ),
        Flag::bool("link", Some('l'), "Remove the specified link"),
        Flag::bool(
            "volumes",
            Some('v'),
            "Remove anonymous volumes associated with the container",
        ),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};

/// `docker rm`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    aliases: &[],
    ..CMD
};
