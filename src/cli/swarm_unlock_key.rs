//! `docker swarm unlock-key`: show or rotate the unlock key. Needs a swarm manager, so
//! docker hides it on this daemon.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker swarm unlock-key`.
pub const CMD: Command = Command {
    name: "unlock-key",
    usage: "[OPTIONS]",
    short: "Manage the unlock key",
    flags: &[
        Flag::bool("rotate", None, "Rotate unlock key"),
        Flag::bool("quiet", Some('q'), "Only display token"),
    ],
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
