//! `docker swarm leave`: leave the swarm. Docker hides it while the swarm is inactive.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker swarm leave`.
pub const CMD: Command = Command {
    name: "leave",
    usage: "[OPTIONS]",
    short: "Leave the swarm",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force this node to leave the swarm, ignoring warnings",
    )],
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
