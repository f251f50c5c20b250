//! `docker kill` (= `docker container kill`): send a signal (SIGKILL by default) to
//! running containers.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker kill`.
pub const CMD: Command = Command {
    name: "kill",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Kill one or more running containers",
    aliases_help: "docker container kill, docker kill",
    flags: &[Flag::string(
        "signal",
        Some('s'),
        "Signal to send to the container",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
