//! `docker trust revoke`: remove the signatures of an image.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust revoke`.
pub const CMD: Command = Command {
    name: "revoke",
    usage: "[OPTIONS] IMAGE[:TAG]",
    short: "Remove trust for an image",
    flags: &[Flag::bool(
        "yes",
        Some('y'),
        "Do not prompt for confirmation",
    )],
    args: Args::Exact(1),
    ..Command::LEAF
};
