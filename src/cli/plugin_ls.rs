//! `docker plugin ls` (also `list`): list installed plugins.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker plugin ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List plugins",
    flags: &[
        Flag::bool("quiet", Some('q'), "Only display plugin IDs"),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::string("format", None, FORMAT_HELP),
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"enabled=true\")",
        ),
    ],
    args: Args::No,
    ..Command::LEAF
};
