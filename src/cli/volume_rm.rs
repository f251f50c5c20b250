//! `docker volume rm` (also `remove`): remove volumes no container uses.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker volume rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Remove one or more volumes",
    long: "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
    example: "\n$ docker volume rm hello\nhello\n",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the removal of one or more volumes",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
