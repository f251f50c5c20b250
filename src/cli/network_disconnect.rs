//! `docker network disconnect`: detach a container from a network.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker network disconnect`.
pub const CMD: Command = Command {
    name: "disconnect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Disconnect a container from a network",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the container to disconnect from a network",
    )],
    args: Args::Exact(2),
    ..Command::LEAF
};
