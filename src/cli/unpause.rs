//! `docker unpause` (= `docker container unpause`): thaw paused containers.

use super::command::{Args, Command};

/// `docker unpause`.
pub const CMD: Command = Command {
    name: "unpause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Unpause all processes within one or more containers",
    aliases_help: "docker container unpause, docker unpause",
    args: Args::Min(1),
    ..Command::LEAF
};
