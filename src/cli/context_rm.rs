//! `docker context rm` (also `remove`): remove contexts.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker context rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "CONTEXT [CONTEXT...]",
    short: "Remove one or more contexts",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the removal of a context in use",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
