//! `docker network`: the management command for networks.

use super::command::Command;
use super::{
    network_connect, network_create, network_disconnect, network_inspect, network_ls,
    network_prune, network_rm,
};

/// `docker network`.
pub const CMD: Command = Command {
    name: "network",
    short: "Manage networks",
    subcommands: &[
        network_connect::CMD,
        network_create::CMD,
        network_disconnect::CMD,
        network_inspect::CMD,
        network_ls::CMD,
        network_prune::CMD,
        network_rm::CMD,
    ],
    ..Command::GROUP
};
