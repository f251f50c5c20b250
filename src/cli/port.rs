//! `docker port` (= `docker container port`): a container's published ports.

use super::command::{Args, Command};

/// `docker port`.
pub const CMD: Command = Command {
    name: "port",
    usage: "CONTAINER [PRIVATE_PORT[/PROTO]]",
    short: "List port mappings or a specific mapping for the container",
    aliases_help: "docker container port, docker port",
    args: Args::Range(1, 2),
    ..Command::LEAF
};
