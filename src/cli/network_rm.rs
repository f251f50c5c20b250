//! `docker network rm` (also `remove`): remove networks.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker network rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "NETWORK [NETWORK...]",
    short: "Remove one or more networks",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Do not error if the network does not exist",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
