//! `docker network ls` (also `list`): list networks.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker network ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List networks",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"driver=bridge\")",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("no-trunc", None, "Do not truncate the output"),
        Flag::bool("quiet", Some('q'), "Only display network IDs"),
    ],
    args: Args::No,
    ..Command::LEAF
};
