//! `docker swarm join`: join a swarm as a worker or a manager.

use super::command::{Args, Command};
use super::flags::Flag;
use super::swarm_init::{ADVERTISE_ADDR, AVAILABILITY, DATA_PATH_ADDR, LISTEN_ADDR};

/// `docker swarm join`.
pub const CMD: Command = Command {
    name: "join",
    usage: "[OPTIONS] HOST:PORT",
    short: "Join a swarm as a node and/or manager",
    flags: &[
        LISTEN_ADDR,
        ADVERTISE_ADDR,
        DATA_PATH_ADDR,
        Flag::string("token", None, "Token for entry into the swarm"),
        AVAILABILITY,
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
