//! `docker diff` (= `docker container diff`): the files a container changed.

use super::command::{Args, Command};

/// `docker diff`.
pub const CMD: Command = Command {
    name: "diff",
    usage: "CONTAINER",
    short: "Inspect changes to files or directories on a container's filesystem",
    aliases_help: "docker container diff, docker diff",
    args: Args::Exact(1),
    ..Command::LEAF
};
