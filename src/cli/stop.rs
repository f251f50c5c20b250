//! `docker stop` (= `docker container stop`): stop running containers (the stop signal,
//! then SIGKILL after a grace period).

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker stop`.
pub const CMD: Command = Command {
    name: "stop",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Stop one or more running containers",
    aliases_help: "docker container stop, docker stop",
    flags: &[
        Flag::string("signal", Some('s'), "Signal to send to the container"),
        Flag::int(
            "time",
            Some('t'),
            "Seconds to wait before killing the container",
        ),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
