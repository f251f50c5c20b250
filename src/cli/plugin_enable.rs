//! `docker plugin enable`: enable an installed plugin.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker plugin enable`.
pub const CMD: Command = Command {
    name: "enable",
    usage: "[OPTIONS] PLUGIN",
    short: "Enable a plugin",
    flags: &[Flag::int("timeout", None, "HTTP client timeout (in seconds)").default("30")],
    args: Args::Exact(1),
    ..Command::LEAF
};
