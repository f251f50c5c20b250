//! `docker trust signer add`: allow a signer for repositories.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust signer add`.
pub const CMD: Command = Command {
    name: "add",
    // docker's usage line ends with a space.
    usage: "OPTIONS NAME REPOSITORY [REPOSITORY...] ",
    short: "Add a signer",
    flags: &[Flag::list(
        "key",
        None,
        "Path to the signer's public key file",
    )],
    args: Args::Min(2),
    ..Command::LEAF
};
