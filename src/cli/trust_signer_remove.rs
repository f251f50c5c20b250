//! `docker trust signer remove`: withdraw a signer from repositories.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust signer remove`.
pub const CMD: Command = Command {
    name: "remove",
    usage: "[OPTIONS] NAME REPOSITORY [REPOSITORY...]",
    short: "Remove a signer",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Do not prompt for confirmation before removing the most recent signer",
    )],
    args: Args::Min(2),
    ..Command::LEAF
};
