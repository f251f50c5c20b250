//! `docker wait` (= `docker container wait`): block until containers stop, then print their
//! exit codes.

use super::command::{Args, Command};

/// `docker wait`.
pub const CMD: Command = Command {
    name: "wait",
    usage: "CONTAINER [CONTAINER...]",
    short: "Block until one or more containers stop, then print their exit codes",
    aliases_help: "docker container wait, docker wait",
    args: Args::Min(1),
    ..Command::LEAF
};
