//! `docker stack`: swarm stacks. Swarm-manager-only: hidden here, and refused.

use super::command::Command;
use super::swarm_manager::{hidden, operation};

/// `docker stack`.
pub const CMD: Command = hidden(
    "stack",
    "Manage Swarm stacks",
    &[
        operation(
            "config",
            &[],
            "[OPTIONS]",
            "Outputs the final config file, after doing merges and interpolations",
        ),
        operation(
            "deploy",
            &["up"],
            "[OPTIONS] STACK",
            "Deploy a new stack or update an existing stack",
        ),
        operation("ls", &["list"], "[OPTIONS]", "List stacks"),
        operation("ps", &[], "[OPTIONS] STACK", "List the tasks in the stack"),
        operation(
            "rm",
            &["remove", "down"],
            "[OPTIONS] STACK [STACK...]",
            "Remove one or more stacks",
        ),
        operation(
            "services",
            &[],
            "[OPTIONS] STACK",
            "List the services in the stack",
        ),
    ],
);
