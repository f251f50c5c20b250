//! `docker restart` (= `docker container restart`): stop and start containers again.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker restart`.
pub const CMD: Command = Command {
    name: "restart",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Restart one or more containers",
    aliases_help: "docker container restart, docker restart",
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
