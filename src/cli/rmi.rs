//! `docker image rm` (also `remove`) and its top-level shortcut `docker rmi`: remove images.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker image rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Remove one or more images",
    aliases_help: "docker image rm, docker image remove, docker rmi",
    flags: &[
        Flag::bool("force", Some('f'), "Force removal of the image"),
        Flag::bool("no-prune", None, "Do not delete untagged parents"),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};

/// `docker rmi`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    name: "rmi",
    aliases: &[],
    ..CMD
};
