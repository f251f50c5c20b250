//! `docker network prune`: remove every network no container uses.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker network prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove all unused networks",
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
