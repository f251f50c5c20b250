//! `docker swarm`: the management command for swarm mode. On this node the swarm is
//! inactive, so only `init` and `join` are listed; the others stay callable.

use super::command::{Command, Group};
use super::{
    swarm_ca, swarm_init, swarm_join, swarm_join_token, swarm_leave, swarm_unlock,
    swarm_unlock_key, swarm_update,
};

/// `docker swarm`.
pub const CMD: Command = Command {
    name: "swarm",
    short: "Manage Swarm",
    subcommands: &[
        swarm_ca::CMD,
        swarm_init::CMD,
        swarm_join::CMD,
        swarm_join_token::CMD,
        swarm_leave::CMD,
        swarm_unlock::CMD,
        swarm_unlock_key::CMD,
        swarm_update::CMD,
    ],
    group: Group::Swarm,
    ..Command::GROUP
};
