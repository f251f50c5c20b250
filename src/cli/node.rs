//! `docker node`: the nodes of a swarm. Swarm-manager-only: hidden here, and refused.

use super::command::Command;
use super::swarm_manager::{hidden, operation};

/// `docker node`.
pub const CMD: Command = hidden(
    "node",
    "Manage Swarm nodes",
    &[
        operation(
            "demote",
            &[],
            "NODE [NODE...]",
            "Demote one or more nodes from manager in the swarm",
        ),
        operation(
            "inspect",
            &[],
            "[OPTIONS] self|NODE [NODE...]",
            "Display detailed information on one or more nodes",
        ),
        operation("ls", &["list"], "[OPTIONS]", "List nodes in the swarm"),
        operation(
            "promote",
            &[],
            "NODE [NODE...]",
            "Promote one or more nodes to manager in the swarm",
        ),
        operation(
            "ps",
            &[],
            "[OPTIONS] [NODE...]",
            "List tasks running on one or more nodes, defaults to current node",
        ),
        operation(
            "rm",
            &["remove"],
            "[OPTIONS] NODE [NODE...]",
            "Remove one or more nodes from the swarm",
        ),
        operation("update", &[], "[OPTIONS] NODE", "Update a node"),
    ],
);
