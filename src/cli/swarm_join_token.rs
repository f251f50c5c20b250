//! `docker swarm join-token`: the tokens to join the swarm. Needs a swarm manager, so docker
//! hides it on this daemon.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker swarm join-token`.
pub const CMD: Command = Command {
    name: "join-token",
    usage: "[OPTIONS] (worker|manager)",
    short: "Manage join tokens",
    flags: &[
        Flag::bool("rotate", None, "Rotate join token"),
        Flag::bool("quiet", Some('q'), "Only display token"),
    ],
    args: Args::Exact(1),
    group: Group::Hidden,
    ..Command::LEAF
};
