//! `docker top` (= `docker container top`): the processes of a container, as `ps` shows
//! them. Everything after the container is passed to `ps`.

use super::command::{Args, Command};

/// `docker top`.
pub const CMD: Command = Command {
    name: "top",
    usage: "CONTAINER [ps OPTIONS]",
    short: "Display the running processes of a container",
    aliases_help: "docker container top, docker top",
    args: Args::Min(1),
    interspersed: false,
    ..Command::LEAF
};
