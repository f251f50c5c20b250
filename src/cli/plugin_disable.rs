//! `docker plugin disable`: disable an installed plugin.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker plugin disable`.
pub const CMD: Command = Command {
    name: "disable",
    usage: "[OPTIONS] PLUGIN",
    short: "Disable a plugin",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the disable of an active plugin",
    )],
    args: Args::Exact(1),
    ..Command::LEAF
};
