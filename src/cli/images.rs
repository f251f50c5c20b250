//! `docker image ls` (also `list`) and its top-level shortcut `docker images`: list images.

use super::command::{Args, Command, Group};
use super::flags::{Flag, FORMAT_HELP};

/// `docker image ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS] [REPOSITORY[:TAG]]",
    short: "List images",
    aliases_help: "docker image ls, docker image list, docker images",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all images (default hides intermediate images)",
        ),
        Flag::bool("digests", None, "Show digests"),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only show image IDs"),
        Flag::bool(
            "tree",
            None,
            "List multi-platform images as a tree (EXPERIMENTAL)",
        ),
    ],
    args: Args::Max(1),
    ..Command::LEAF
};

/// `docker images`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    name: "images",
    aliases: &[],
    group: Group::Common(7),
    ..CMD
};
