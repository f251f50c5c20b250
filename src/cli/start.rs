//! `docker start` (= `docker container start`): start stopped containers.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker start`.
pub const CMD: Command = Command {
    name: "start",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Start one or more stopped containers",
    aliases_help: "docker container start, docker start",
    flags: &[
        Flag::bool(
            "attach",
            Some('a'),
            "Attach STDOUT/STDERR and forward signals",
        ),
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::bool("interactive", Some('i'), "Attach container's STDIN"),
        // Checkpoints need an experimental daemon: hidden on this one.
        Flag::string("checkpoint", None, "Restore from this checkpoint").hidden(),
        Flag::string(
            "checkpoint-dir",
            None,
            "Use a custom checkpoint storage directory",
        )
        .hidden(),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
