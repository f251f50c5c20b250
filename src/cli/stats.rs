//! `docker stats` (= `docker container stats`): live resource usage of containers.

use super::command::Command;
use super::flags::{Flag, FORMAT_HELP};

/// `docker stats`.
pub const CMD: Command = Command {
    name: "stats",
    usage: "[OPTIONS] [CONTAINER...]",
    short: "Display a live stream of container(s) resource usage statistics",
    aliases_help: "docker container stats, docker stats",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all containers (default shows just running)",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "no-stream",
            None,
            "Disable streaming stats and only pull the first result",
        ),
        Flag::bool("no-trunc", None, "Do not truncate output"),
    ],
    ..Command::LEAF
};
