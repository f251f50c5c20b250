//! `docker swarm unlock`: unlock a locked manager. Docker hides it on this daemon.

use super::command::{Args, Command, Group};

/// `docker swarm unlock`.
pub const CMD: Command = Command {
    name: "unlock",
    usage: "",
    short: "Unlock swarm",
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
