//! `docker service`: swarm services. Swarm-manager-only: hidden here, and refused.

use super::command::Command;
use super::swarm_manager::{hidden, operation};

/// `docker service`.
pub const CMD: Command = hidden(
    "service",
    "Manage Swarm services",
    &[
        operation(
            "create",
            &[],
            "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new service",
        ),
        operation(
            "inspect",
            &[],
            "[OPTIONS] SERVICE [SERVICE...]",
            "Display detailed information on one or more services",
        ),
        operation(
            "logs",
            &[],
            "[OPTIONS] SERVICE|TASK",
            "Fetch the logs of a service or task",
        ),
        operation("ls", &["list"], "[OPTIONS]", "List services"),
        operation(
            "ps",
            &[],
            "[OPTIONS] SERVICE [SERVICE...]",
            "List the tasks of one or more services",
        ),
        operation(
            "rm",
            &["remove"],
            "SERVICE [SERVICE...]",
            "Remove one or more services",
        ),
        operation(
            "rollback",
            &[],
            "[OPTIONS] SERVICE",
            "Revert changes to a service's configuration",
        ),
        operation(
            "scale",
            &[],
            "SERVICE=REPLICAS [SERVICE=REPLICAS...]",
            "Scale one or multiple replicated services",
        ),
        operation("update", &[], "[OPTIONS] SERVICE", "Update a service"),
    ],
);
