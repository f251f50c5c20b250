//! `docker plugin create`: make a plugin from a root filesystem and a config.json.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker plugin create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] PLUGIN PLUGIN-DATA-DIR",
    short: "Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json and rootfs directory.",
    flags: &[Flag::bool(
        "compress",
        None,
        "Compress the context using gzip",
    )],
    args: Args::Exact(2),
    ..Command::LEAF
};
