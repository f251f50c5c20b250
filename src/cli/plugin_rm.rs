//! `docker plugin rm` (also `remove`): remove plugins.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker plugin rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] PLUGIN [PLUGIN...]",
    short: "Remove one or more plugins",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the removal of an active plugin",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
