//! `docker container ls` (also `list`, `ps`) and its top-level shortcut `docker ps`: list
//! containers.

use super::command::{Args, Command, Group};
use super::flags::{Flag, FORMAT_HELP};

/// `docker container ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list", "ps"],
    usage: "[OPTIONS]",
    short: "List containers",
    aliases_help: "docker container ls, docker container list, docker container ps, docker ps",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all containers (default shows just running)",
        ),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::int(
            "last",
            Some('n'),
            "Show n last created containers (includes all states)",
        )
        .default("-1"),
        Flag::bool(
            "latest",
            Some('l'),
            "Show the latest created container (includes all states)",
        ),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only display container IDs"),
        Flag::bool("size", Some('s'), "Display total file sizes"),
    ],
    args: Args::No,
    ..Command::LEAF
};

/// `docker ps`: the same command at the top level, without the aliases.
pub const TOP: Command = Command {
    name: "ps",
    aliases: &[],
    group: Group::Common(3),
    ..CMD
};
