//! `docker container prune`: remove every stopped container.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker container prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove all stopped containers",
    flags: &[
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"until=<timestamp>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    ],
    args: Args::No,
    ..Command::LEAF
};
