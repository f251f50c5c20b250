//! `docker logs` (= `docker container logs`): a container's output.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker logs`.
pub const CMD: Command = Command {
    name: "logs",
    usage: "[OPTIONS] CONTAINER",
    short: "Fetch the logs of a container",
    aliases_help: "docker container logs, docker logs",
    flags: &[
        Flag::bool("details", None, "Show extra details provided to logs"),
        Flag::bool("follow", Some('f'), "Follow log output"),
        Flag::string(
            "since",
            None,
            "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)",
        ),
        Flag::string(
            "tail",
            Some('n'),
            "Number of lines to show from the end of the logs",
        )
        .default("\"all\""),
        Flag::bool("timestamps", Some('t'), "Show timestamps"),
        Flag::string(
            "until",
            None,
            "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)",
        ),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
