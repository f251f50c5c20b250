//! `docker image prune`: remove dangling images, or with `-a` every unused one.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker image prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused images",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused images, not just dangling ones",
        ),
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
