//! `docker volume prune`: remove unused anonymous volumes (with `-a`, named ones too).

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker volume prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused local volumes",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused volumes, not just anonymous ones",
        ),
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"label=<label>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    ],
    args: Args::No,
    ..Command::LEAF
};
