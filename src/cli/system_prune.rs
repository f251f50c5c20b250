//! `docker system prune`: remove stopped containers, unused networks, dangling images and
//! the build cache (and with flags, unused images and volumes).

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker system prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused data",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused images not just dangling ones",
        ),
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"label=<key>=<value>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
        Flag::bool("volumes", None, "Prune anonymous volumes"),
    ],
    args: Args::No,
    ..Command::LEAF
};
