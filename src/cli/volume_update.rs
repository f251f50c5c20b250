//! `docker volume update`: change a cluster volume's availability. Cluster volumes need a
//! swarm manager, so docker hides the command on this daemon.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker volume update`.
pub const CMD: Command = Command {
    name: "update",
    usage: "[OPTIONS] [VOLUME]",
    short: "Update a volume (cluster volumes only)",
    flags: &[Flag::string(
        "availability",
        None,
        "Cluster Volume availability (\"active\", \"pause\", \"drain\")",
    )
    .default("\"active\"")],
    args: Args::Exact(1),
    group: Group::Hidden,
    ..Command::LEAF
};
