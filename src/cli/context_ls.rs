//! `docker context ls` (also `list`): list contexts, the current one starred.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker context ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List contexts",
    flags: &[
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("quiet", Some('q'), "Only show context names"),
    ],
    args: Args::No,
    ..Command::LEAF
};
