//! `docker builder prune`: remove the build cache.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker builder prune`.
pub const CMD: Command = Command {
    name: "prune",
    usage: "",
    short: "Remove build cache",
    flags: &[
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused build cache, not just dangling ones",
        ),
        Flag::filter("filter", None, "Provide filter values (e.g. \"until=24h\")"),
        Flag::bytes(
            "keep-storage",
            None,
            "Amount of disk space to keep for cache",
        ),
    ],
    args: Args::No,
    ..Command::LEAF
};
